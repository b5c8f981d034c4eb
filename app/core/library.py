"""The one entry point to the core: import, list, search, ask and delete over a data directory.

The CLI and the Qt UI both drive this class; it knows nothing of either.
Nothing touches the data directory until it is needed, so an import that
fails on bad input leaves the directory exactly as it was.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

# DEFAULT_COLLECTION, ImportResult and Hit are part of the Library's API: importable from here.
from app.core.importing.pipeline import DEFAULT_COLLECTION, Destination, ImportResult, run_import
from app.core.ingest.ocr import OcrSummary
from app.core.store.item_marks import ItemMarkEntryPoints
from app.core.messages import UserError, tr
from app.core.models.manifest import ManifestError, ModelEntry, first_for_role, load_manifest
from app.core.models.runtime import ModelWorker
from app.core.progress import CancelCheck, Progress
from app.core.progress import never as _never
from app.core.progress import no_progress as _no_progress
from app.core.recordings.entry_points import RecordingEntryPoints
from app.core.search.hits import Hit
from app.core.search.index_keeper import VectorIndexKeeper
from app.core.search.ranking import answer_kinds, rerank, term_weights
from app.core.security.keys import KeyStore, private_directory
from app.core.settings import load_settings
from app.core.store import documents, item_marks, retention
from app.core.store import integrity
from app.core.store.audit import identifying_names
from app.core.store.database import HeldPage, ItemRow, MeetingRow, RecordingRow, SearchFilter, Store, StoreNeedsWriter
# DocumentContent, DueItem and PURGED_TITLE are part of the Library's API too.
from app.core.store.documents import DocumentContent
from app.core.store.retention import PURGED_TITLE, DueItem

CHAT_MODEL_ENV = "MOEDEMAPPE_CHAT_MODEL"
log = logging.getLogger(__name__)
# Candidates each retriever hands to the fusion and the second-stage ranking (app.core.search.ranking).
CANDIDATES = 50
# Question vectors kept (Library.search): a repeated question skips the model's round trip.
QUERY_VECTORS_KEPT = 64


@dataclass(frozen=True)
class MeetingOutline:
    meeting: MeetingRow
    items: list[ItemRow]
    bilag: dict[int, list[str]]  # item number -> imported bilag files linked to it
    recordings: list[RecordingRow] = field(default_factory=list)
    ocr: dict[str, OcrSummary] = field(default_factory=dict)  # documents read (in part) by OCR
    marks: dict[int, str] = field(default_factory=dict)  # item number -> "read" | "prepared" (app.core.store.item_marks)
    hand_links: dict[str, int | None] = field(default_factory=dict)  # file -> item linked by hand (None: unlinked)


class Library(ItemMarkEntryPoints, RecordingEntryPoints):
    """The one entry point. The methods of the user's item marks and links (app.core.store.item_marks)
    and of recordings (app.core.recordings.entry_points) are mixed in."""

    def __init__(self, data_dir: Path, worker: ModelWorker | None = None, passphrase: str | None = None,
                 reader: bool = False, vectors_in_child: bool = False) -> None:  # fmt: skip
        """reader: only reads (the CLI's list, search, ask, brief): it does not take the writer lock,
        so it can read while another process imports. vectors_in_child: chromadb runs in a child
        process (app.core.search.index_process), so its GIL-holding writes cannot freeze a window."""
        self.data_dir = data_dir
        self._reader = reader
        self.keys = KeyStore(data_dir, passphrase)
        self._worker = worker
        self._owns_worker = worker is None
        self._store: Store | None = None
        self._vectors = VectorIndexKeeper(data_dir, lambda: self.embedding_model().name, vectors_in_child,
                                          self._vectors_were_rebuilt)
        self._lock: Any = None
        self._manifest: list[ModelEntry] | None = None
        # The window imports on one thread while it reads on another (app.ui.jobs.submit_import): the
        # store, the vector index and the model worker are each opened once, not by both at the same time.
        self._opening = threading.RLock()
        self.locked = False
        self._failed_unlocks = 0
        self.vectors_rebuilt = False  # chromadb's files were damaged and rebuilt in this session
        self._query_vectors: dict[tuple[str, str], list[float]] = {}  # oldest first
        # Told once when the store opens damaged or the vector index had to be rebuilt (the CLI prints it).
        self.on_damage: Callable[[str], None] = lambda _message: None

    # --- lazily opened parts -------------------------------------------------------

    @property
    def store(self) -> Store:
        if self.locked:
            raise UserError("app_locked")
        with self._opening:
            if self._store is None:
                self._acquire_lock()
                self._store = self._open_store()
                if self._store.damage:
                    self.on_damage(UserError("store_damaged", path=str(self._store.path)).message())
            return self._store

    @property
    def index(self) -> Any:
        with self._opening:
            if self._vectors.opened is None:
                self._acquire_lock()
            return self._vectors.open()

    # --- damage and disk space (app.core.store.integrity) -----------------------------------------

    def _with_vectors(self, operation: Callable[[], Any]) -> Any:
        """Run an operation on the vector index; a damaged one is rebuilt and the operation run again."""
        return self._vectors.with_vectors(operation)

    def _vectors_were_rebuilt(self) -> None:
        """Said once, in the user's language (the CLI prints it; log lines would be English noise)."""
        if not self.vectors_rebuilt:
            self.on_damage(tr("vectors_rebuilt"))
        self.vectors_rebuilt = True

    def _after_commit(self, operation: Callable[[], Any]) -> None:
        """A vector operation after the store committed: a damaged index is only rebuilt."""
        self._vectors.after_commit(operation)

    def _disk_full_as_message(self) -> AbstractContextManager[None]:
        return integrity.errors_as_messages(self.data_dir)

    @property
    def worker(self) -> ModelWorker:
        with self._opening:
            if self._worker is None:
                settings = load_settings(self.data_dir)
                self._worker = ModelWorker(threads=settings.model_threads, chat_context=settings.model_context)
            return self._worker

    def _open_store(self) -> Store:
        path = self.data_dir / "store.sqlite"
        if self._lock is None:  # a reader: SQLite's WAL lets it read the last commit beside a writer
            try:
                return Store(path, self.keys.data_key(), read_only=True)
            except StoreNeedsWriter:  # an older schema to migrate first: that takes the writer lock
                self._reader = False
                self._acquire_lock()
        return Store(path, self.keys.data_key())

    def begin_writing(self) -> bool:
        """A reader that has something to write (the search index after a model switch) becomes a
        writer if no other process is writing. False: one is; read what is there."""
        if self._lock is not None:
            return True
        self._reader = False
        try:
            self._acquire_lock()
        except UserError:
            self._reader = True
            return False
        if self._store is not None:  # opened read-only: reopen for writing when next needed
            self._store.close()
            self._store = None
        return True

    def _acquire_lock(self) -> None:
        """The writer lock: one process at a time changes the data directory (the open window holds
        it). A reader skips it once the store exists."""
        if self._lock is not None or (self._reader and (self.data_dir / "store.sqlite").is_file()):
            return
        from filelock import FileLock, Timeout

        private_directory(self.data_dir)
        lock = FileLock(str(self.data_dir / ".lock"))
        try:
            lock.acquire(timeout=0.5)
        except Timeout as exc:
            raise UserError("data_dir_locked", path=str(self.data_dir)) from exc
        self._lock = lock

    def manifest(self) -> list[ModelEntry]:
        if self._manifest is None:
            try:
                self._manifest = load_manifest()
            except ManifestError as exc:
                raise UserError("manifest_broken", detail=str(exc)) from exc
        return self._manifest

    def embedding_model(self) -> ModelEntry:
        entry = first_for_role(self.manifest(), "embedding")
        if entry is None:
            raise UserError("model_missing", name="embedding")
        return entry

    def chat_model(self) -> ModelEntry:
        # MOEDEMAPPE_CHAT_MODEL (a manifest name) wins over the settings: IT scripts and the test suite,
        # which runs the tiny model except where a test asks for the standard one.
        preferred = os.environ.get(CHAT_MODEL_ENV) or load_settings(self.data_dir).chat_model
        entry = first_for_role(self.manifest(), "chat", preferred=preferred)
        if entry is None:
            raise UserError("model_missing", name="chat")
        return entry

    # --- app lock ---------------------------------------------------------------------

    def lock(self) -> None:
        """Close the store and forget the passphrase: nothing readable stays open until unlock().
        (The Python runtime may keep copies of the key bytes until they are overwritten.)"""
        if self._store is not None:
            self._store.close()
            self._store = None
        self._query_vectors.clear()  # a question's vector says much of its text
        self.keys.passphrase = None
        self.locked = True

    def unlock(self, passphrase: str | None) -> None:
        """With the passphrase the data key was wrapped with (keychain-backed stores: None); raises
        UserError("wrong_passphrase") when it does not open the key."""
        if not self.locked:
            return
        try:
            self.keys.check(passphrase)
        except UserError:
            self._failed_unlocks += 1  # written to the audit log once the store can be opened again
            raise
        self.keys.passphrase = passphrase
        self.locked = False
        if self._failed_unlocks:
            self.store.audit("unlock_failed", f"{self._failed_unlocks} forkerte adgangskoder, før der blev låst op")
            self._failed_unlocks = 0

    # --- audit, retention and "delete everything" ------------------------------------------

    def record_export(self, detail: str) -> None:
        """Note in the audit log that material left the app (copied or exported)."""
        self.store.audit("export", detail)

    def audit_log(self, limit: int = 500) -> list[tuple[str, str, str]]:
        return self.store.audit_entries(limit)

    def closed_items_due(self, rules: dict[str, int], today: date, within_days: int = 0) -> list[DueItem]:
        """Closed items whose retention ends by today + within_days (app.core.store.retention)."""
        return retention.closed_items_due(self.store, rules, today, within_days)

    def apply_retention(self, rules: dict[str, int], today: date) -> list[DueItem]:
        """Remove the material of every closed item past its retention; returns what was removed."""
        return retention.apply_retention(self.store, lambda: self.index, rules, today)

    def delete_everything(self) -> None:
        """"Slet alt": every file in the data directory and the keychain entry. The Library is closed."""
        import shutil

        self.keys.forget()
        self.close()
        for entry in list(self.data_dir.iterdir()) if self.data_dir.is_dir() else []:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()

    def close(self) -> None:
        if self._owns_worker and self._worker is not None:
            self._worker.close()
        if self._store is not None:
            self._store.close()
        self._vectors.close()
        if self._lock is not None:
            self._lock.release()
        self._store = self._lock = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- import ----------------------------------------------------------------------

    def import_paths(
        self,
        paths: list[Path],
        collection: str = DEFAULT_COLLECTION,
        progress: Progress = _no_progress,
        should_cancel: CancelCheck = _never,
    ) -> ImportResult:
        """Import files or a folder as ONE meeting pack, atomically (app.core.importing.pipeline).

        A file already imported (same content) is skipped. A file whose name matches a
        file of the same meeting but whose content changed replaces the old version.
        """
        destination = Destination(self.data_dir, lambda: self.store, lambda: self.index, self._with_vectors,
                                  self._after_commit, self._disk_full_as_message)  # fmt: skip
        return run_import(destination, paths, collection, progress, should_cancel)

    # --- reading ---------------------------------------------------------------------

    def meetings(self) -> list[MeetingRow]:
        return self.store.meetings()

    def search(self, query: str, limit: int = 10, collection: str | None = None, meeting_id: int | None = None,
               filters: SearchFilter | None = None, mode: str = "hybrid") -> list[Hit]:  # fmt: skip
        """Best chunks for a query. mode: "hybrid" (default), "lexical" or "vector" (for evaluation)."""
        if not query.strip():
            raise UserError("empty_question")
        filters = replace(filters or SearchFilter(), **{
            k: v for k, v in (("collection", collection), ("meeting_id", meeting_id)) if v is not None})  # fmt: skip
        # The question is embedded in the model's child process while SQLite (which lets go of the
        # GIL) runs the full-text query here: the two sides of the search overlap instead of adding up.
        with self._query_vector(query, mode) as vector:
            terms = self.store.query_terms(query) if mode != "vector" else []
            lexical = self.store.lexical(terms, CANDIDATES, filters) if terms else []
            semantic = self._semantic(vector(), filters) if mode != "lexical" else []
        fused: dict[int, float] = {}
        # Convex score fusion, weighted by the embedder's measured benefit (manifest `search_weight`):
        # rank-only fusion (RRF) threw away how much better the top BM25 hit was and lost to BM25
        # alone on Danish (DESIGN.md).
        vector_weight = self.embedding_model().search_weight if mode == "hybrid" else float(mode == "vector")
        for weight, ranking in ((1.0 - vector_weight, lexical), (vector_weight, semantic)):
            for chunk_id, score in _normalised(ranking).items():
                fused[chunk_id] = fused.get(chunk_id, 0.0) + weight * score
        pool = self.store.chunks(sorted(fused, key=lambda i: fused[i], reverse=True)[:CANDIDATES])
        frequencies = self.store.document_frequencies(
            {form for t in terms for form in (t.stem, *t.synonyms, *t.parts)})  # fmt: skip
        weights = term_weights(terms, frequencies, self.store.chunk_count())
        return [Hit.from_row(row, score) for row, score in rerank(pool, fused, terms, weights, answer_kinds(query) if terms else ())[:limit]]

    @contextmanager
    def _query_vector(self, query: str, mode: str) -> Iterator[Callable[[], list[float] | None]]:
        """The question's vector (None: no vector search), remembered for the last few questions
        (the search tab runs a question again when a filter changes)."""
        if mode == "lexical" or self.store.chunk_count() == 0:
            yield lambda: None
            return
        entry = self.embedding_model()
        key = (entry.name, query)
        if key in self._query_vectors:
            self._query_vectors[key] = self._query_vectors.pop(key)  # now the most recent
            yield lambda: self._query_vectors[key]
            return
        with self.worker.embedding(entry, [query], kind="query") as vectors:
            def vector() -> list[float]:
                if key not in self._query_vectors:
                    while len(self._query_vectors) >= QUERY_VECTORS_KEPT:
                        self._query_vectors.pop(next(iter(self._query_vectors)))
                    self._query_vectors[key] = vectors()[0]
                return self._query_vectors[key]

            yield vector

    def _semantic(self, vector: list[float] | None, filters: SearchFilter) -> list[tuple[int, float]]:
        if vector is None:
            return []
        # Filters apply after the vector search: ask for more candidates when they narrow it.
        ranking = self._with_vectors(lambda: self.index.query(vector, CANDIDATES * (8 if filters.active else 1)))
        if filters.active:
            allowed = self.store.chunk_filter([i for i, _ in ranking], filters)
            ranking = [(i, s) for i, s in ranking if i in allowed]
        return ranking[:CANDIDATES]

    def index_is_complete(self) -> bool:
        return self.index.count() == self.store.chunk_count()

    def reindex(self, progress: Progress = _no_progress, should_cancel: CancelCheck = _never) -> int:
        """Embed every chunk the vector index lacks (after an import, after IT switched the embedding
        model in the manifest) now, instead of in the background. Returns how many were embedded."""
        from app.core.search.vectors import VectorBackfill

        return VectorBackfill(self).run(progress, should_cancel)

    # --- reading ----------------------------------------------------------------------

    def outline(self) -> list[MeetingOutline]:
        """Every meeting with its agenda items and their imported bilag files, for the library view."""
        result = []
        ocr = self.store.ocr_summaries()
        marks = item_marks.all_marks(self.store)
        for meeting in self.store.meetings():
            items = self.store.items(meeting.id)
            documents = set(meeting.documents)
            bilag = {item.number: [name for name in self.store.item_attachments(meeting.id, item.number)
                                   if name in documents and name != item.document] for item in items}  # fmt: skip
            result.append(MeetingOutline(meeting, items, bilag, self.store.recordings(meeting.id), ocr.get(meeting.id, {}),
                                         marks.get(meeting.id, {}), item_marks.links(self.store, meeting.id)))
        return result

    def open_document(self, meeting_id: int, file_name: str, mark_opened: bool = True) -> DocumentContent:
        """A document's original bytes (None when not kept), page texts and the pages of closed items."""
        return documents.open_document(self.store, meeting_id, file_name, mark_opened)

    def ocr_summaries(self) -> dict[int, dict[str, OcrSummary]]:
        """Meeting id -> its documents read (in part) by OCR -> pages and mean confidence."""
        return self.store.ocr_summaries()

    def held_pages(self, meeting_id: int) -> list[HeldPage]:
        """Pages treated as closed until the user confirms them open (app.core.ingest.uncertain)."""
        return self.store.held_pages(meeting_id)

    def confirm_open(self, meeting_id: int, pages: list[int] | None = None,
                     document: str | None = None) -> list[HeldPage]:  # fmt: skip
        """The user confirms held pages open (all of the meeting's when pages is None): they show in
        presentation mode and are no longer labelled confidential. Returns the pages released."""
        return documents.confirm_open(self.store, meeting_id, pages, document)

    def delete(self, meeting_id: int) -> None:
        if not self.store.meeting_exists(meeting_id):
            raise UserError("meeting_missing", meeting_id=meeting_id)
        meeting = self.store.meeting(meeting_id)
        identifying = identifying_names(meeting, self.store.recordings(meeting_id))
        with self._disk_full_as_message():
            chunk_ids = self.store.delete_meeting(meeting_id)
            self._with_vectors(lambda: self.index.delete_ids(chunk_ids))
            self._leave_no_trace(meeting_id, identifying)
            files = len(meeting.documents) if meeting else 0
            self.store.audit("delete", f"møde {meeting_id}: {files} fil(er), {len(chunk_ids)} tekststykker")

    def _leave_no_trace(self, meeting_id: int, identifying: list[str]) -> None:
        """After a deletion: no vector, vector metadata or audit entry that names what was deleted."""
        self._with_vectors(lambda: self.index.compact())
        self.store.scrub_audit(identifying, f"møde {meeting_id}")



def _normalised(ranking: list[tuple[int, float]]) -> dict[int, float]:
    """Min-max scale scores to 0..1 so the two retrievers can be weighed against each other."""
    if not ranking:
        return {}
    scores = [score for _, score in ranking]
    low, high = min(scores), max(scores)
    if high - low < 1e-9:
        return {chunk_id: 1.0 for chunk_id, _ in ranking}
    return {chunk_id: (score - low) / (high - low) for chunk_id, score in ranking}
