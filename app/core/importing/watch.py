"""The watched folder: new meeting packs are imported as they appear.

Each subfolder of the watched folder is one pack; a loose PDF/DOCX is a pack of
its own. A pack is imported once all its files have stopped growing (same size
and modification time on two scans in a row), so a half-copied file is never
read, and only when one of its files is new (content hash unknown).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.core.models.manifest import sha256_of
from app.core.messages import UserError
from app.core.ingest.sniff import SUPPORTED_SUFFIXES

if TYPE_CHECKING:
    from app.core.importing.pipeline import ImportResult
    from app.core.store.database import Store

_Signature = tuple[int, int]  # size, mtime_ns


class Library(Protocol):
    """What the watched folder uses of the library (app.core.library.Library)."""

    @property
    def store(self) -> Store: ...
    def import_paths(self, paths: list[Path], *, should_cancel: Callable[[], bool]) -> ImportResult: ...


class FolderWatch:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._last_seen: dict[Path, _Signature] = {}
        self._hashes: dict[tuple[Path, _Signature], str] = {}
        # Packs already handed out, by their files' signatures: a pack with a bad file is
        # tried once, not on every scan; it is tried again when one of its files changes.
        self._handed_out: set[frozenset[tuple[Path, _Signature]]] = set()

    def ready_packs(self, store: Store) -> list[Path]:
        """Packs (a subfolder or a single file) that are complete and hold something new."""
        if not self.folder.is_dir():
            return []
        seen: dict[Path, _Signature] = {}
        ready: list[Path] = []
        for pack in sorted(self.folder.iterdir()):
            files = _pack_files(pack)
            signatures = {f: _signature(f) for f in files}
            seen.update(signatures)
            stable = files and all(self._last_seen.get(f) == s for f, s in signatures.items())
            key = frozenset(signatures.items())
            if stable and key not in self._handed_out and self._has_new_file(store, signatures):
                self._handed_out.add(key)
                ready.append(pack)
        self._last_seen = seen
        return ready

    def _has_new_file(self, store: Store, signatures: dict[Path, _Signature]) -> bool:
        hashes = [self._hash(f, s) for f, s in signatures.items()]
        return len(store.known_hashes(hashes)) < len(set(hashes))

    def _hash(self, path: Path, signature: _Signature) -> str:
        key = (path, signature)
        if key not in self._hashes:
            self._hashes[key] = sha256_of(path)
        return self._hashes[key]


def import_ready(library: Library, watch: FolderWatch, should_cancel: Callable[[], bool] = lambda: False,
                 ) -> list[tuple[str, ImportResult | UserError]]:  # fmt: skip
    """Import every ready pack; one pack's failure does not stop the others."""
    outcomes: list[tuple[str, ImportResult | UserError]] = []
    for pack in watch.ready_packs(library.store):
        try:
            outcomes.append((pack.name, library.import_paths([pack], should_cancel=should_cancel)))
        except UserError as error:
            outcomes.append((pack.name, error))
    return outcomes


def _pack_files(pack: Path) -> list[Path]:
    if pack.name.startswith("."):
        return []
    if pack.is_dir():
        return sorted(p for p in pack.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    # is_file: a FIFO named .pdf would block the hashing below forever
    return [pack] if pack.is_file() and pack.suffix.lower() in SUPPORTED_SUFFIXES else []


def _signature(path: Path) -> _Signature:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns
