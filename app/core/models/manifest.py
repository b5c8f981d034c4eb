"""The model manifest (models/manifest.toml) and sha256 verification."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from app.core.paths import models_dir
from app.core.security.policy import Policy, current_policy

ROLES = ("chat", "embedding", "speech")
# "tiny" and "standard" are installed by the set-up ("demo" is the older name of such an entry);
# "recommended" ones are larger models IT deploys by hand. A role prefers recommended, then standard.
TIERS = ("tiny", "demo", "standard", "recommended")
SETUP_TIERS = frozenset({"tiny", "demo", "standard"})
_PREFERENCE = {"recommended": 0, "standard": 1}


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
    format: str = "gguf"  # "gguf" (llama.cpp), "onnx" (onnxruntime, embeddings) or "ctranslate2" (speech)
    tokenizer: str | None = None
    tokenizer_sha256: str | None = None
    tokenizer_source: str | None = None
    # Embedders: the weight of vector scores against lexical ones in hybrid search (0..1), set from
    # a measurement on Danish: a multilingual embedder earns more than the English default.
    search_weight: float = 0.2
    # Embedders trained with instruction prefixes (E5: "query: " / "passage: ") get them here; the
    # app adds query_prefix to search questions and passage_prefix to the chunks it indexes.
    query_prefix: str = ""
    passage_prefix: str = ""
    # A model that is a folder (a CTranslate2 model): `file` names the folder, and each file in it
    # that the model needs is listed with its own sha256: (name, sha256).
    folder_files: tuple[tuple[str, str], ...] = ()

    @property
    def path(self) -> Path:
        """The model file, or the model folder of a folder entry."""
        return self.directory / self.file

    @property
    def tokenizer_path(self) -> Path | None:
        return self.directory / self.tokenizer if self.tokenizer else None

    def files(self) -> list[tuple[Path, str]]:
        """Every file this entry needs, with its expected sha256."""
        if self.folder_files:
            return [(self.path / name, sha) for name, sha in self.folder_files]
        pairs = [(self.path, self.sha256)]
        if self.tokenizer_path is not None:
            pairs.append((self.tokenizer_path, self.tokenizer_sha256 or ""))
        return pairs

    def prefixed(self, texts: list[str], kind: str) -> list[str]:
        """Texts as the embedder expects them: kind "query" (a search question) or "passage" (a chunk)."""
        prefix = self.query_prefix if kind == "query" else self.passage_prefix
        return [prefix + text for text in texts] if prefix else texts

    def installed(self) -> bool:
        """Every file of the entry is present (whether it matches its digest is verify()'s business)."""
        return all(path.is_file() for path, _ in self.files())


class ManifestError(ValueError):
    pass


def load_manifest(directory: Path | None = None, policy: Policy | None = None) -> list[ModelEntry]:
    """The app's manifest plus, by IT policy, the manifest of an extra models directory (whose entries
    win on equal names); models the policy does not allow are left out."""
    policy = policy if policy is not None else current_policy()
    entries = {e.name: e for e in _read_manifest(directory or models_dir())}
    if policy.extra_models_dir is not None:
        entries.update((e.name, e) for e in _read_manifest(policy.extra_models_dir))
    return [e for e in entries.values() if policy.allows_model(e.name)]


def _read_manifest(directory: Path) -> list[ModelEntry]:
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
            sha256=str(raw.get("sha256", "")).lower(),
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
            query_prefix=str(raw.get("query_prefix", "")),
            passage_prefix=str(raw.get("passage_prefix", "")),
            folder_files=tuple((str(name), str(sha).lower())
                               for name, sha in dict(raw.get("files", {})).items()),  # type: ignore[call-overload]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ManifestError(f"bad manifest entry {raw.get('name', '?')}: {exc}") from exc
    for name in (entry.file, entry.tokenizer, *(name for name, _ in entry.folder_files)):
        if name is not None and Path(name).name != name:
            raise ManifestError(f"{entry.name}: {name} must be a plain file name")
    if not 0.0 <= entry.search_weight <= 1.0:
        raise ManifestError(f"{entry.name}: search_weight must lie between 0 and 1")
    if entry.format not in ("gguf", "onnx", "ctranslate2"):
        raise ManifestError(f"{entry.name}: unknown format {entry.format}")
    if entry.format == "ctranslate2" and "model.bin" not in dict(entry.folder_files):
        raise ManifestError(f"{entry.name}: a ctranslate2 model is a folder; list its files, model.bin among them")
    if not set(entry.roles) <= set(ROLES):
        raise ManifestError(f"{entry.name}: unknown role in {entry.roles}")
    return entry


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


# verify() results that make `models verify` fail. A recommended model IT has not deployed
# ("not_installed") is not a fault: the manifest lists it so IT knows what fits.
PROBLEMS = frozenset({"missing", "mismatch", "no_sha256"})


def verify(entry: ModelEntry) -> str:
    """'ok', 'missing', 'not_installed', 'no_sha256' or 'mismatch' (model file and tokenizer)."""
    if not entry.installed():
        return "missing" if entry.tier in SETUP_TIERS else "not_installed"
    if not all(sha for _, sha in entry.files()):
        return "no_sha256"
    return "ok" if intact(entry) else "mismatch"


def intact(entry: ModelEntry) -> bool:
    """Every file is there, has a digest and matches it: the check right before native code opens
    a model, so a tampered file never reaches it."""
    return all(sha and path.is_file() and sha256_of(path) == sha for path, sha in entry.files())


def loadable(entry: ModelEntry) -> bool:
    """Present with a digest to check against (the digest itself is checked when the model loads)."""
    return all(path.is_file() and sha for path, sha in entry.files())


def first_for_role(entries: list[ModelEntry], role: str, preferred: str | None = None) -> ModelEntry | None:
    """The entry to use for a role: the user's choice, else recommended models, then the standard one,
    then the tiny one, in manifest order."""
    candidates = [e for e in entries if role in e.roles and loadable(e)]
    candidates.sort(key=lambda e: (e.name != preferred, _PREFERENCE.get(e.tier, 2)))
    return candidates[0] if candidates else None
