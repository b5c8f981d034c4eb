"""What the three atheris harnesses share: the parser child's settings and a scratch file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from app.core.ingest.isolation import PARSE_MEMORY_MB, _limit_memory, _quiet

WORK_DIR_ENV = "MOEDEMAPPE_FUZZ_DIR"


def like_the_parser_child() -> None:
    """The memory cap and the silenced pypdf of the child that parses files in the app: an input that
    hits the cap ends as a UserError there, so it is no crash here either."""
    _quiet()
    _limit_memory(PARSE_MEMORY_MB)


def scratch_file(suffix: str) -> Path:
    """The file each input is written to (extraction reads paths; the suffix picks the parser)."""
    folder = Path(os.environ.get(WORK_DIR_ENV) or tempfile.mkdtemp(prefix="moedemappe-fuzz-"))
    return folder / f"input{suffix}"
