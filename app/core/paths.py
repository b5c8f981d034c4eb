"""Where things live on disk: the per-user data directory and the models directory."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "Moedemappe"
DATA_DIR_ENV = "MOEDEMAPPE_DATA_DIR"
MODELS_DIR_ENV = "MOEDEMAPPE_MODELS_DIR"

REPO_ROOT = Path(__file__).resolve().parents[2]


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """IT policy beats everything (users cannot move confidential data elsewhere); then --data-dir,
    then the environment, then the per-user default."""
    from app.core.policy import current_policy

    forced = current_policy().data_dir
    if forced is not None:
        return forced.resolve()
    chosen = explicit or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def models_dir() -> Path:
    override = os.environ.get(MODELS_DIR_ENV)
    return Path(override).expanduser().resolve() if override else REPO_ROOT / "models"


def samples_dir() -> Path:
    return REPO_ROOT / "resources" / "samples"
