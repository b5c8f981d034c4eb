"""Damage and disk-space safety of the data directory.

Owns: the integrity checks of the encrypted store (a check when it opens, a full check before the
first write of a session, after a crash and on demand: `moedemappe check`), the marker that says a
write was under way, the free-space check before an import, and turning "disk full" into a message.

SQLCipher authenticates every page with an HMAC: flipped bytes fail it. ``cipher_integrity_check``
verifies every page's HMAC (about 3 ms per MB on a 2-core laptop), ``quick_check`` the b-tree
structure (about 5 ms per MB). Stores up to OPEN_CHECK_BYTES are checked whole when they open; a
bigger one is checked whole before its first write, so nothing is ever written into a damaged store.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.messages import UserError

# A whole-store HMAC check at open for stores up to this size: ~0.3 s at 3 ms/MB.
OPEN_CHECK_BYTES = 96 * 2**20
# An import needs room for: the original files (kept in the store), their text, the full-text index,
# the vectors and SQLite's write-ahead log. Measured: the store and vectors grow by about 2.2x the
# pack's size; the rest is headroom.
IMPORT_SPACE_FACTOR = 3
MIN_FREE_BYTES = 50 * 2**20


@dataclass(frozen=True)
class CheckResult:
    problems: list[str]
    pages: int
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.problems


def writing_marker(store_path: Path) -> Path:
    """Exists while a write transaction is under way; found at the next open, it means a crash."""
    return store_path.with_name(store_path.name + ".writing")


def hmac_check(db: Any) -> list[str]:
    """Pages whose HMAC fails (flipped bytes, a torn write), as SQLCipher reports them."""
    return [" ".join(str(part) for part in row) for row in db.execute("PRAGMA cipher_integrity_check")]


def structure_check(db: Any) -> list[str]:
    rows = [str(row[0]) for row in db.execute("PRAGMA quick_check")]
    return [] if rows == ["ok"] else rows


def full_check(db: Any) -> CheckResult:
    """Every page's HMAC and the b-tree structure. Reading a damaged page may raise instead of
    reporting it: that is damage too."""
    started = time.perf_counter()
    try:
        problems = hmac_check(db) or structure_check(db)
    except Exception as exc:  # noqa: BLE001 - sqlcipher raises DatabaseError subclasses on damaged pages
        problems = [f"{type(exc).__name__}: {exc}"]
    pages = int(db.execute("PRAGMA page_count").fetchone()[0]) if not problems else 0
    return CheckResult(problems, pages, time.perf_counter() - started)


def check_on_open(db: Any, store_path: Path) -> CheckResult | None:
    """The check when the store opens: whole for a small store or after a crash, else none yet
    (checked_before_write does it). None when it was not checked."""
    crashed = writing_marker(store_path).exists()
    if crashed or store_path.stat().st_size <= OPEN_CHECK_BYTES:
        return full_check(db) if crashed else _hmac_only(db)
    return None


def _hmac_only(db: Any) -> CheckResult:
    started = time.perf_counter()
    try:
        problems = hmac_check(db)
    except Exception as exc:  # noqa: BLE001 - as in full_check
        problems = [f"{type(exc).__name__}: {exc}"]
    return CheckResult(problems, 0, time.perf_counter() - started)


def is_disk_full(error: BaseException) -> bool:
    """SQLite's "database or disk is full", an OSError ENOSPC/EDQUOT, or one of them as the cause."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if "database or disk is full" in str(current) or "No space left on device" in str(current):
            return True
        current = current.__cause__ or current.__context__
    return False


def is_store_damage(error: BaseException) -> bool:
    """SQLCipher's words for a page it cannot read."""
    text = str(error).lower()
    return any(words in text for words in ("database disk image is malformed", "file is not a database",
                                           "hmac check failed"))  # fmt: skip


@contextmanager
def errors_as_messages(data_dir: Path) -> Iterator[None]:
    """A full disk or a damaged store, met while writing to the data directory, as the message that
    says so (UserError) instead of SQLite's or the OS's words."""
    try:
        yield
    except UserError:
        raise
    except Exception as exc:
        if is_disk_full(exc):
            raise UserError("disk_full", path=str(data_dir)) from exc
        if is_store_damage(exc):
            raise UserError("store_damaged", path=str(data_dir / "store.sqlite")) from exc
        raise


def check_free_space(data_dir: Path, files: Iterable[Path]) -> None:
    """Refuse an import that would not fit on the disk, before anything is written."""
    needed = MIN_FREE_BYTES
    for path in files:
        try:
            needed += IMPORT_SPACE_FACTOR * path.stat().st_size
        except OSError:
            pass  # the file's own check says what is wrong with it
    free = free_bytes(data_dir)
    if free is not None and free < needed:
        raise UserError("disk_space_low", needed_mb=needed // 2**20 + 1, free_mb=free // 2**20, path=str(data_dir))


def free_bytes(data_dir: Path) -> int | None:
    """Free space where the data directory is (or would be created)."""
    for folder in (data_dir, *data_dir.parents):
        if folder.exists():
            return shutil.disk_usage(folder).free
    return None


def remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
