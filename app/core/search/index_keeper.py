"""The library's vector index over its lifetime: opened on first use (chromadb in a child process for
the window, app.core.search.index_process), replaced by an empty one when chromadb's files turn out
damaged, and closed with the library.

The store's text is the source of truth: an emptied index is refilled from it by the background
backlog (app.core.search.vectors), as after an import; the text is searchable by its words meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core.messages import UserError
from app.core.store import integrity

log = logging.getLogger(__name__)


class VectorIndexKeeper:
    """Opens, guards and rebuilds one data directory's vector index; Library.index hands it out."""

    def __init__(self, data_dir: Path, model_name: Callable[[], str], in_child: bool,
                 on_rebuilt: Callable[[], None]) -> None:  # fmt: skip
        """model_name: the embedding model's (the index's collection); on_rebuilt: told each time the
        files were found damaged and the index replaced."""
        self.data_dir = data_dir
        self._model_name = model_name
        self._in_child = in_child
        self._on_rebuilt = on_rebuilt
        self.opened: Any = None

    def open(self) -> Any:
        if self.opened is None:
            self.opened = self._open()
        return self.opened

    def _open(self) -> Any:
        """chromadb's index; a damaged one is replaced by an empty one, which index_is_complete()
        reports as incomplete, so the callers' reindex() rebuilds it from the store's text."""
        from app.core.search.index import VectorIndex, VectorIndexDamaged, reset_directory

        directory, name = self.data_dir / "vectors", self._model_name()
        opened: Callable[[Path, str], Any] = VectorIndex
        if self._in_child:
            from app.core.search.index_process import VectorIndexProcess

            opened = VectorIndexProcess  # the same methods, chromadb in a child process
        try:
            return opened(directory, name)
        except VectorIndexDamaged as exc:
            if integrity.is_disk_full(exc) or (integrity.free_bytes(self.data_dir) or 0) < integrity.MIN_FREE_BYTES:
                raise UserError("disk_full", path=str(self.data_dir)) from exc  # not damage: keep the files
            log.info("the vector index is damaged (%s); it is rebuilt from the store", type(exc.__cause__).__name__)
            reset_directory(directory)
            self._on_rebuilt()
            return opened(directory, name)

    def with_vectors(self, operation: Callable[[], Any]) -> Any:
        """Run an operation that uses the vector index; when chromadb's files turn out damaged, rebuild
        the vectors from the store (its text is the source of truth) and run it once more."""
        from app.core.search.index import VectorIndexDamaged

        try:
            return operation()
        except VectorIndexDamaged:
            self.rebuild()
            return operation()

    def after_commit(self, operation: Callable[[], Any]) -> None:
        """A vector operation after the store committed: running the import again would duplicate it,
        so a damaged index is only rebuilt (from the committed store, which is what it must match)."""
        from app.core.search.index import VectorIndexDamaged

        try:
            operation()
        except VectorIndexDamaged:
            self.rebuild()

    def rebuild(self) -> None:
        from app.core.search.index import reset_directory

        log.info("the vector index failed; it is rebuilt from the store")
        if self.opened is not None:
            self.opened.close()
        self.opened = None
        reset_directory(self.data_dir / "vectors")
        self._on_rebuilt()
        # The emptied index is refilled from the store by the background backlog (app.core.search.vectors), as
        # after an import: the text is searchable by its words meanwhile.

    def close(self) -> None:
        if self._in_child and self.opened is not None:
            self.opened.close()  # the child process ends (the in-process index needs no closing)
        self.opened = None
