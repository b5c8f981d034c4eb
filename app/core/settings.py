"""User settings: typed, versioned, one JSON file in the data directory.

Holds preferences only — never meeting content or secrets. Files written by an
older version are upgraded step by step (UPGRADES), so a new field never
silently loses a user's choice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

SETTINGS_FILE = "settings.json"
VERSION = 3


def _v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    # Version 1 had no model or appearance settings; version 2 starts them at "automatic".
    return {**raw, "chat_model": None, "model_threads": 0, "model_context": 0, "language": "da",
            "theme": "system", "font_size": 0, "idle_lock_minutes": 10, "retention_closed_days": {}}  # fmt: skip


def _v2_to_v3(raw: dict[str, Any]) -> dict[str, Any]:
    # Version 3 remembers the window: where it was and how wide its three panes were.
    return {**raw, "window_geometry": "", "window_panes": []}


# version n -> function turning a version-n dict into a version-(n+1) dict
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}

LANGUAGES = ("da", "en")
THEMES = ("system", "light", "dark")


def _default(f: Any) -> Any:
    return f.default_factory() if f.default_factory is not MISSING else f.default


def retention_rules(settings: Settings, policy_days: int | None, collections: list[str]) -> dict[str, int]:
    """Days to keep closed-item material per collection: the user's rule, else IT policy's default."""
    return {c: settings.retention_closed_days.get(c, policy_days or 0) for c in collections}


def idle_lock_minutes(settings: Settings, policy_max: int | None) -> int:
    """The idle time before the app locks: the user's choice, never beyond IT's maximum (0 = never)."""
    if policy_max is None:
        return settings.idle_lock_minutes
    return min(settings.idle_lock_minutes or policy_max, policy_max)


@dataclass
class Settings:
    version: int = VERSION
    # Opt-in: new files in this folder are imported as they appear (None = off).
    watch_folder: str | None = None
    # The chat model by manifest name (None = the best one installed).
    chat_model: str | None = None
    # llama.cpp threads and context tokens (0 = chosen from the hardware).
    model_threads: int = 0
    model_context: int = 0
    language: str = "da"
    theme: str = "system"
    # Point size of the reading text (0 = the system's).
    font_size: int = 0
    # Lock after this many idle minutes (0 = only on demand; IT policy may set a maximum).
    idle_lock_minutes: int = 10
    # Per collection: delete closed-item material this many days after the meeting (0 = keep;
    # a collection without a rule follows IT policy's default).
    retention_closed_days: dict[str, int] = field(default_factory=dict)
    # The window as the UI last left it: Qt's saved geometry (base64) and the three panes' widths.
    window_geometry: str = ""
    window_panes: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        # A hand-edited or damaged file must not crash the app: bad values fall back to defaults.
        for name, ok in (("model_threads", lambda v: isinstance(v, int) and 0 <= v <= 256),
                         ("model_context", lambda v: isinstance(v, int) and (v == 0 or 512 <= v <= 131072)),
                         ("font_size", lambda v: isinstance(v, int) and (v == 0 or 6 <= v <= 40)),
                         ("idle_lock_minutes", lambda v: isinstance(v, int) and 0 <= v <= 24 * 60),
                         ("retention_closed_days", lambda v: isinstance(v, dict) and all(
                             isinstance(k, str) and isinstance(d, int) and d >= 0 for k, d in v.items())),
                         ("language", lambda v: v in LANGUAGES), ("theme", lambda v: v in THEMES),
                         ("chat_model", lambda v: v is None or isinstance(v, str)),
                         ("watch_folder", lambda v: v is None or isinstance(v, str)),
                         ("window_geometry", lambda v: isinstance(v, str) and len(v) <= 4096),
                         ("window_panes", lambda v: isinstance(v, list) and len(v) in (0, 3) and all(
                             isinstance(w, int) and 0 <= w <= 100_000 for w in v))):  # fmt: skip
            if not ok(getattr(self, name)):
                setattr(self, name, next(_default(f) for f in fields(Settings) if f.name == name))


def load_settings(data_dir: Path) -> Settings:
    path = data_dir / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()  # missing or unreadable: defaults, never a crash
    if not isinstance(raw, dict):
        return Settings()
    version = int(raw.get("version", 1))
    while version < VERSION:
        raw = UPGRADES[version](raw)
        version += 1
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in raw.items() if k in known}
    values["version"] = VERSION
    return Settings(**values)


def save_settings(data_dir: Path, settings: Settings) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / SETTINGS_FILE
    staged = path.with_suffix(".tmp")
    staged.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(staged, path)  # atomic: a crash never leaves half a settings file
