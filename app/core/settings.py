"""User settings: typed, versioned, one JSON file in the data directory.

Holds preferences only — never meeting content or secrets. Files written by an
older version are upgraded step by step (UPGRADES), so a new field never
silently loses a user's choice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

SETTINGS_FILE = "settings.json"
VERSION = 1

# version n -> function turning a version-n dict into a version-(n+1) dict
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


@dataclass
class Settings:
    version: int = VERSION
    # Opt-in: new files in this folder are imported as they appear (None = off).
    watch_folder: str | None = None


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
