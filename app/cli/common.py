"""What the commands share: opening the data directory's library, JSON on stdout, progress on
stderr, and the exit codes of the contract (DESIGN.md: 0 ok, 2 bad input, 1 internal error).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.core.paths import resolve_data_dir

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


def open_library(args: argparse.Namespace, reader: bool = False) -> Any:
    """reader: the command only reads, and may run while another process imports."""
    from app.core.library import Library

    library = Library(resolve_data_dir(args.data_dir), reader=reader)
    library.on_damage = lambda message: print(f"moedemappe: {message}", file=sys.stderr)
    return library


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def stderr_progress(fraction: float, message: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{int(fraction * 100):3d} %  {message[:60]:<60}", end="", file=sys.stderr, flush=True)
