"""Where things live on disk: the per-user data directory and the models directory.

From a checkout, models/ and resources/ sit at the repository root. In a frozen build
(PyInstaller one-folder app, see packaging/moedemappe.spec) they are inside the bundle:
``sys._MEIPASS`` (``<install dir>/_internal``) holds models/, resources/ and app/ui/translations.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import platformdirs

APP_DIR_NAME = "Moedemappe"
DATA_DIR_ENV = "MOEDEMAPPE_DATA_DIR"
MODELS_DIR_ENV = "MOEDEMAPPE_MODELS_DIR"

REPO_ROOT = Path(__file__).resolve().parents[2]


def is_frozen() -> bool:
    """True in a PyInstaller build (an installed app), False when run from source."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def bundle_root() -> Path:
    """The folder that holds models/, resources/ and app/: the bundle when frozen, else the checkout."""
    if is_frozen():
        return Path(sys._MEIPASS).resolve()  # type: ignore[attr-defined]  # set by PyInstaller's bootloader
    return REPO_ROOT


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """IT policy beats everything (users cannot move confidential data elsewhere); then --data-dir,
    then the environment, then the per-user default."""
    from app.core.security.policy import current_policy

    forced = current_policy().data_dir
    if forced is not None:
        return forced.resolve()
    chosen = explicit or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def models_dir() -> Path:
    """The app's models/ (manifest.toml and the default models). MOEDEMAPPE_MODELS_DIR moves it for
    development and tests; an installed (frozen) build ignores it, as it ignores a policy file
    override: the manifest's digests are what IT trusts, so only the bundle and the IT policy's
    extra models directory may supply models there."""
    override = os.environ.get(MODELS_DIR_ENV)
    if override and not is_frozen():
        return Path(override).expanduser().resolve()
    return bundle_root() / "models"


def samples_dir() -> Path:
    return bundle_root() / "resources" / "samples"


def demo_pack() -> tuple[Path, list[dict[str, Any]]]:
    """The shipped demo pack PDF and its sample questions (the CLI's `demo` and the window's welcome page)."""
    folder = samples_dir()
    data = json.loads((folder / "demo-questions.json").read_text(encoding="utf-8"))
    return folder / data["pdf"], data["questions"]
