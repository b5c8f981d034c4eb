"""The machine-wide IT policy: what IT decides for every user of this computer.

One TOML file in a system location that only administrators can write (see
``packaging/README.md`` for an example). Users cannot override it: the app reads
no per-user policy, and the test-only path override is ignored in a frozen build.
Policy only narrows what the app may do (and may add a models directory IT
controls); a missing file means the defaults. A broken file is an error, not a
silent fallback to "everything allowed".
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from app.core.messages import UserError

# Tests and development point this at a file of their own; a frozen (installed) build ignores it.
POLICY_ENV = "MOEDEMAPPE_POLICY_FILE"


def system_policy_path() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "Moedemappe" / "policy.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/Moedemappe/policy.toml")
    return Path("/etc/moedemappe/policy.toml")


def policy_path() -> Path:
    override = os.environ.get(POLICY_ENV)
    if override and not getattr(sys, "frozen", False):
        return Path(override)
    return system_policy_path()


@dataclass(frozen=True)
class Policy:
    # Models: a directory IT fills (its own manifest.toml), and which models may run (None = any).
    extra_models_dir: Path | None = None
    allowed_models: frozenset[str] | None = None
    # The longest idle time before the app locks, in minutes (None = the user decides).
    idle_lock_max_minutes: int | None = None
    # Default retention: delete closed-item material this many days after the meeting (None = keep).
    retention_closed_days: int | None = None
    recordings: bool = True
    export: bool = True
    # The municipality's AI guidelines shown at first start (None = the built-in text).
    guidelines: str | None = None
    data_dir: Path | None = None
    source: Path | None = field(default=None, compare=False)

    def allows_model(self, name: str) -> bool:
        return self.allowed_models is None or name in self.allowed_models


_KEYS = {
    "models": {"extra_dir", "allowed"},
    "lock": {"idle_max_minutes"},
    "retention": {"closed_items_days"},
    "features": {"recordings", "export"},
    "guidelines": {"text"},
    "data": {"directory"},
}


def load_policy(path: Path | None = None) -> Policy:
    path = path or policy_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Policy()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError("policy_broken", path=str(path), detail=str(exc)) from exc
    import tomllib  # only where IT wrote a policy (most machines have none): the window's start reads this

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError("policy_broken", path=str(path), detail=str(exc)) from exc
    try:
        return _parse(raw, path)
    except (TypeError, ValueError) as exc:
        raise UserError("policy_broken", path=str(path), detail=str(exc)) from exc


def _parse(raw: dict, path: Path) -> Policy:
    for table, values in raw.items():
        if table not in _KEYS or not isinstance(values, dict) or set(values) - _KEYS[table]:
            raise ValueError(f"unknown setting [{table}] {sorted(set(values) - _KEYS.get(table, set())) if isinstance(values, dict) else ''}")
    models, lock, retention = raw.get("models", {}), raw.get("lock", {}), raw.get("retention", {})
    features, guidelines, data = raw.get("features", {}), raw.get("guidelines", {}), raw.get("data", {})
    allowed = models.get("allowed")
    if allowed is not None and not (isinstance(allowed, list) and all(isinstance(n, str) for n in allowed)):
        raise ValueError("models.allowed must be a list of model names")
    return Policy(
        extra_models_dir=_path(models.get("extra_dir"), path),
        allowed_models=frozenset(allowed) if allowed is not None else None,
        idle_lock_max_minutes=_positive(lock.get("idle_max_minutes"), "lock.idle_max_minutes"),
        retention_closed_days=_positive(retention.get("closed_items_days"), "retention.closed_items_days"),
        recordings=_flag(features.get("recordings", True), "features.recordings"),
        export=_flag(features.get("export", True), "features.export"),
        guidelines=str(guidelines["text"]).strip() if guidelines.get("text") else None,
        data_dir=_path(data.get("directory"), path),
        source=path,
    )


def _path(value: object, policy_file: Path) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"not a path: {value!r}")
    expanded = Path(os.path.expandvars(value)).expanduser()
    return expanded if expanded.is_absolute() else policy_file.parent / expanded


def _positive(value: object, name: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"{name} must be a whole number above 0")
    return value


def _flag(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false")
    return value


@lru_cache(maxsize=1)
def current_policy() -> Policy:
    """The policy for this process, read once (IT changes take effect at the next start)."""
    return load_policy()
