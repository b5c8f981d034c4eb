"""The model manifest (models/manifest.toml) and sha256 verification."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from app.core.paths import models_dir

ROLES = ("chat", "embedding", "speech")
TIERS = ("demo", "recommended")


@dataclass(frozen=True)
class ModelEntry:
    name: str
    file: str
    sha256: str
    roles: tuple[str, ...]
    licence: str
    context: int
    template: str | None
    tier: str
    source: str | None
    directory: Path
    format: str = "gguf"  # "gguf" (llama.cpp) or "onnx" (onnxruntime, embeddings)
    tokenizer: str | None = None
    tokenizer_sha256: str | None = None
    tokenizer_source: str | None = None
    # Embedders: the weight of vector scores against lexical ones in hybrid search (0..1), set from
    # a measurement on Danish: a multilingual embedder earns more than the English default.
    search_weight: float = 0.2

    @property
    def path(self) -> Path:
        return self.directory / self.file

    @property
    def tokenizer_path(self) -> Path | None:
        return self.directory / self.tokenizer if self.tokenizer else None

    def files(self) -> list[tuple[Path, str]]:
        """Every file this entry needs, with its expected sha256."""
        pairs = [(self.path, self.sha256)]
        if self.tokenizer_path is not None:
            pairs.append((self.tokenizer_path, self.tokenizer_sha256 or ""))
        return pairs


class ManifestError(ValueError):
    pass


def load_manifest(directory: Path | None = None) -> list[ModelEntry]:
    directory = directory or models_dir()
    manifest = directory / "manifest.toml"
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ManifestError(f"{manifest}: {exc}") from exc
    return [_entry(raw, directory) for raw in data.get("model", [])]


def _entry(raw: dict[str, object], directory: Path) -> ModelEntry:
    try:
        roles = tuple(str(r) for r in raw["roles"])  # type: ignore[union-attr]
        entry = ModelEntry(
            name=str(raw["name"]),
            file=str(raw["file"]),
            sha256=str(raw["sha256"]).lower(),
            roles=roles,
            licence=str(raw.get("licence", "")),
            context=int(raw.get("context", 2048)),  # type: ignore[call-overload]
            template=str(raw["template"]) if raw.get("template") else None,
            tier=str(raw.get("tier", "recommended")),
            source=str(raw["source"]) if raw.get("source") else None,
            directory=directory,
            format=str(raw.get("format", "gguf")),
            tokenizer=str(raw["tokenizer"]) if raw.get("tokenizer") else None,
            tokenizer_sha256=str(raw["tokenizer_sha256"]).lower() if raw.get("tokenizer_sha256") else None,
            tokenizer_source=str(raw["tokenizer_source"]) if raw.get("tokenizer_source") else None,
            search_weight=float(raw.get("search_weight", 0.2)),  # type: ignore[arg-type]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ManifestError(f"bad manifest entry {raw.get('name', '?')}: {exc}") from exc
    for name in (entry.file, entry.tokenizer):
        if name is not None and Path(name).name != name:
            raise ManifestError(f"{entry.name}: {name} must be a plain file name")
    if not 0.0 <= entry.search_weight <= 1.0:
        raise ManifestError(f"{entry.name}: search_weight must lie between 0 and 1")
    if entry.format not in ("gguf", "onnx"):
        raise ManifestError(f"{entry.name}: unknown format {entry.format}")
    if not set(entry.roles) <= set(ROLES):
        raise ManifestError(f"{entry.name}: unknown role in {entry.roles}")
    return entry


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(4 * 1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def verify(entry: ModelEntry) -> str:
    """'ok', 'missing' or 'mismatch' (for the model file and its tokenizer)."""
    if not all(path.is_file() for path, _ in entry.files()):
        return "missing"
    return "ok" if all(sha256_of(path) == sha for path, sha in entry.files()) else "mismatch"


def first_for_role(entries: list[ModelEntry], role: str) -> ModelEntry | None:
    """The preferred entry for a role: recommended models before the demo one, in manifest order."""
    candidates = [e for e in entries if role in e.roles and e.path.is_file()]
    candidates.sort(key=lambda e: e.tier != "recommended")
    return candidates[0] if candidates else None
