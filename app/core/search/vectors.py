"""Vectors are computed after import, in the background: this module owns that backlog.

An import stores text only: the pack is readable and lexically searchable as soon as its
transaction commits. Which chunks still lack a vector is never written down separately: it is the
difference between the store's chunk ids and the ids in the vector index of the current embedding
model. A chunk counts as embedded once chromadb has its vector, so the backlog survives a restart or
a kill by construction, and a model change in the manifest (a new, empty index) makes every chunk
pending again: re-embedding uses the same path.

The work goes in small batches so the caller decides when each runs: the desktop app submits one
batch at a time at low priority on its one job queue (app/ui/vector_status.py), so a question
waits for at most one batch; the CLI runs them all (`import --wait-for-vectors`, `status`).
Newest chunks first: the pack just imported gets its vectors before an old backlog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.core.store import integrity
from app.core.messages import Cancelled, UserError

if TYPE_CHECKING:
    from app.core.models.manifest import ModelEntry
    from app.core.models.runtime import ModelWorker
    from app.core.store.database import Store

# Chunks per background batch: ~1-3 s of embedding on a 2-core laptop, the longest a search
# started meanwhile waits for the model worker.
BATCH = 16


class Library(Protocol):
    """What the backlog uses of the library (app.core.library.Library)."""

    data_dir: Path

    @property
    def store(self) -> Store: ...
    @property
    def index(self) -> Any: ...
    @property
    def worker(self) -> ModelWorker: ...
    def embedding_model(self) -> ModelEntry: ...


@dataclass(frozen=True)
class VectorStatus:
    model: str
    embedded: int
    total: int

    @property
    def pending(self) -> int:
        return self.total - self.embedded

    @property
    def complete(self) -> bool:
        return self.pending == 0

    @property
    def fraction(self) -> float:
        return self.embedded / self.total if self.total else 1.0

    def to_json(self) -> dict[str, Any]:
        return {"model": self.model, "embedded": self.embedded, "total": self.total, "pending": self.pending}


class VectorBackfill:
    """The chunks of a library that still need a vector, and the batches that embed them.

    Not thread-safe: call it from the thread that owns the Library (the job queue's thread)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._pending: list[int] | None = None  # newest last: popped from the end
        self._total = 0

    def refresh(self) -> VectorStatus:
        """Recompute the backlog from the store and the index (after an import, a delete, a start)."""
        stored = set(self.library.store.all_chunk_ids())
        if not stored:  # nothing to embed: leave chromadb unopened (seconds at start-up)
            self._pending, self._total = [], 0
            return self.status()
        index = self.library.index
        indexed = index.ids()
        orphans = sorted(indexed - stored)  # left by a crash between a delete and its vector cleanup
        if orphans:
            index.delete_ids(orphans)
        self._pending = sorted(stored - indexed)
        self._total = len(stored)
        if not self._pending:
            index.drop_other_models()  # this model's index is complete: earlier models' can go
        return self.status()

    def status(self) -> VectorStatus:
        if self._pending is None:
            return self.refresh()
        return VectorStatus(self.library.embedding_model().name, self._total - len(self._pending), self._total)

    def embed_next(self, batch: int = BATCH) -> VectorStatus:
        """Embed the next batch (newest chunks first). Chunks deleted meanwhile are skipped."""
        if self._pending is None:
            self.refresh()
        assert self._pending is not None
        ids = self._pending[-batch:]
        rows = self.library.store.chunks(ids)
        if rows:
            vectors = self.library.worker.embed(self.library.embedding_model(), [row.text for row in rows])
            by_meeting: dict[int, list[tuple[int, list[float]]]] = {}
            for row, vector in zip(rows, vectors):
                by_meeting.setdefault(row.meeting_id, []).append((row.id, vector))
            for meeting_id, pairs in by_meeting.items():
                self._add(meeting_id, pairs)
        del self._pending[-batch:]
        self._total -= len(ids) - len(rows)  # deleted since the backlog was computed
        if not self._pending:
            self.library.index.drop_other_models()  # the new model's index is complete
        return self.status()

    def _add(self, meeting_id: int, pairs: list[tuple[int, list[float]]]) -> None:
        try:
            self.library.index.add(meeting_id, [i for i, _ in pairs], [v for _, v in pairs])
        except Exception as exc:
            # A full disk is not damage: the index stays as it is, and the backlog waits for space.
            if integrity.is_disk_full(exc):
                raise UserError("disk_full", path=str(self.library.data_dir)) from exc
            raise

    def run(self, progress: Callable[[float, str], None] | None = None,
            should_cancel: Callable[[], bool] = lambda: False, batch: int = 64) -> int:  # fmt: skip
        """Embed the whole backlog now (the CLI, tests). Returns how many chunks were embedded."""
        status = self.refresh()
        start = status.embedded
        while not status.complete:
            if should_cancel():
                raise Cancelled()
            if progress is not None:
                progress(status.fraction, f"Indekserer til betydningssøgning ({status.embedded} af {status.total}) …")
            status = self.embed_next(batch)
        if progress is not None:
            progress(1.0, "Søgeindekset er opdateret")
        return status.embedded - start
