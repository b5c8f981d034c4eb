"""The local store: one encrypted connection over meetings, documents, pages, items and chunks.

Store opens the file (encrypting a plaintext one first, checking its integrity), applies the schema's
migrations (migrations.py), guards its writes (one lock, one transaction at a time) and owns the
import's writes and the basic reads. Its other concerns are mixed in from their own modules: the
full-text search (fulltext.py), the recordings' tables (recording_rows.py), the OCR'd pages (ocr_rows.py),
the agenda items' reads (item_queries.py), the audit log and the retention purge (audit.py); the rows
it returns are in rows.py.

One SQLCipher-encrypted SQLite file per data directory (the key: app.core.security.keys).
Schema changes are numbered migrations applied in order and recorded in
PRAGMA user_version. Deleted content is overwritten (secure_delete) and temporary
tables stay in memory, so no plaintext reaches the disk.
"""

from __future__ import annotations

from sqlcipher3 import dbapi2 as sqlite3
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from app.core.ingest.structure import Item
from app.core.messages import UserError
from app.core.store import integrity
from app.core.store.audit import AuditAndRetention
from app.core.store.fulltext import FullTextSearch, index_chunk, purge_fulltext, reindex_chunk
from app.core.store.item_queries import ItemQueries
# Store applies them; tests shorten this module's MIGRATIONS to open a store at an older version.
from app.core.store.migrations import MIGRATIONS
from app.core.store.ocr_rows import OcrPages
from app.core.store.recording_rows import RecordingTables
# The rows are importable from here too: they are what Store's methods take and return.
from app.core.store.rows import (CHUNK_HELD, ChunkRow, HeldPage, ItemRow, MeetingRow, NewChunk, RecordingRow,
                                 SearchFilter, TranscriptSegment)


class StoreNeedsWriter(Exception):
    """A read-only open found a store that must be changed first (encrypted, migrated)."""


class Store(FullTextSearch, RecordingTables, OcrPages, ItemQueries, AuditAndRetention):
    def __init__(self, path: Path, key: bytes, read_only: bool = False) -> None:
        """read_only: a reader beside another process that writes (WAL: it sees the last commit);
        any write raises. Raises StoreNeedsWriter when the store must be changed before use."""
        self.path = path
        self._lock = threading.RLock()
        self._memos: dict[str, dict[Any, Any]] = {}
        self._memo_version: tuple[int, int] | None = None
        if path.is_file() and _is_plaintext(path):
            if read_only:
                raise StoreNeedsWriter(path)
            _encrypt_in_place(path, key)  # a store written before encryption existed
        self._db = _connect(path, key)
        self.damage: list[str] = []  # what the integrity checks found; writes are refused when not empty
        self._write_checked = False
        self._check_on_open()
        self._db.execute("PRAGMA foreign_keys = ON")
        if read_only:
            self._db.execute("PRAGMA busy_timeout = 10000")  # a writer's checkpoint can hold it briefly
            if self.schema_version != len(MIGRATIONS):
                self._db.close()
                raise StoreNeedsWriter(path)
        else:
            self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA secure_delete = ON")
        self._db.execute("PRAGMA temp_store = MEMORY")
        if not read_only:
            self._migrate()
        # The index's vocabulary, read-only and in memory: compound splitting and term weights need it.
        self._db.execute("CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, chunks_fts, col)")
        if read_only:
            self._db.execute("PRAGMA query_only = ON")

    def close(self) -> None:
        self._db.close()

    # --- integrity (app.core.store.integrity) ------------------------------------------------

    def _check_on_open(self) -> None:
        checked = integrity.check_on_open(self._db, self.path)
        if checked is not None:
            self.damage, self._write_checked = checked.problems, True

    def check(self) -> integrity.CheckResult:
        """The full check on demand: every page's HMAC and the b-tree structure."""
        with self._lock:
            result = integrity.full_check(self._db)
        self.damage, self._write_checked = result.problems, True
        return result

    def _guard_write(self) -> None:
        """Nothing is written into a damaged store; a big one is checked whole before its first write."""
        if not self._write_checked:
            self.damage, self._write_checked = integrity.hmac_check(self._db), True
        if self.damage:
            raise UserError("store_damaged", path=str(self.path))

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction() as db:
                if callable(step):
                    step(db)
                else:
                    for statement in filter(str.strip, step.split(";")):
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._guard_write()
            marker = integrity.writing_marker(self.path)
            marker.touch()  # left behind by a crash, it asks the next open for a full check
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                integrity.remove_quietly(marker)
                raise
            self._db.execute("COMMIT")
            integrity.remove_quietly(marker)

    # --- writing -----------------------------------------------------------------

    def known_hashes(self, hashes: list[str]) -> dict[str, int]:
        """sha256 -> meeting id for files already imported."""
        marks = ",".join("?" * len(hashes))
        rows = self._db.execute(
            f"SELECT sha256, meeting_id FROM documents WHERE sha256 IN ({marks})", hashes
        ).fetchall()
        return dict(rows)

    def meeting_with_document(self, committee: str | None, date: str | None, names: list[str]) -> int | None:
        """The meeting of that committee and date that already has a file of one of these names."""
        marks = ",".join("?" * len(names))
        row = self._db.execute(
            "SELECT m.id FROM meetings m JOIN documents d ON d.meeting_id = m.id"
            f" WHERE m.committee IS ? AND m.date IS ? AND d.file_name IN ({marks}) LIMIT 1",
            [committee, date, *names],
        ).fetchone()
        return int(row[0]) if row else None

    def documents_named(self, meeting_id: int, names: list[str]) -> dict[str, int]:
        marks = ",".join("?" * len(names))
        rows = self._db.execute(
            f"SELECT file_name, id FROM documents WHERE meeting_id = ? AND file_name IN ({marks})",
            [meeting_id, *names],
        )
        return {str(name): int(document_id) for name, document_id in rows}

    def delete_documents(self, db: sqlite3.Connection, document_ids: list[int]) -> list[int]:
        """Delete documents with their pages, items and chunks; returns the removed chunk ids."""
        chunk_ids: list[int] = []
        for document_id in document_ids:
            chunk_ids += [r[0] for r in db.execute("SELECT id FROM chunks WHERE document_id = ?", (document_id,))]
            db.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        db.executemany("DELETE FROM chunks_fts WHERE rowid = ?", [(i,) for i in chunk_ids])
        if chunk_ids:
            purge_fulltext(db)
        return chunk_ids

    def detach_bilag(self, db: sqlite3.Connection, document_ids: list[int]) -> dict[int, int]:
        """Before these documents (an agenda being replaced) are deleted: the other files linked to their
        items, {document id: item number}, with their chunks let go of those items — else deleting the
        items would delete the bilag's chunks with them (chunks.item_id cascades). See relink_bilag()."""
        detached: dict[int, int] = {}
        for document_id in document_ids:
            for bilag, number in db.execute(
                "SELECT d.id, i.number FROM documents d JOIN items i ON i.id = d.item_id"
                " WHERE i.document_id = ? AND d.id != ?", (document_id, document_id)).fetchall():  # fmt: skip
                detached[int(bilag)] = int(number)
                db.execute("UPDATE chunks SET item_id = NULL WHERE document_id = ?", (bilag,))
        return {bilag: number for bilag, number in detached.items() if bilag not in document_ids}

    def relink_bilag(self, db: sqlite3.Connection, detached: dict[int, int], item_ids: dict[int, int],
                     titles: dict[int, str]) -> None:  # fmt: skip
        """After the new version's items are stored: each detached bilag back to the item of its number."""
        for document_id, number in detached.items():
            item_id = item_ids.get(number)  # None: the new version has no such item; the file stays, unlinked
            db.execute("UPDATE documents SET item_id = ? WHERE id = ?", (item_id, document_id))
            for (chunk_id,) in db.execute("SELECT id FROM chunks WHERE document_id = ?", (document_id,)).fetchall():
                db.execute("UPDATE chunks SET item_id = ? WHERE id = ?", (item_id, chunk_id))
                reindex_chunk(db, chunk_id, titles.get(number, "") if item_id is not None else "")

    def item_ids(self, db: sqlite3.Connection, meeting_id: int) -> dict[int, int]:
        """Agenda item number -> row id for a meeting."""
        return {int(n): int(i) for n, i in db.execute("SELECT number, id FROM items WHERE meeting_id = ?",
                                                       (meeting_id,))}  # fmt: skip

    def attachment_names(self, db: sqlite3.Connection, meeting_id: int) -> dict[int, list[str]]:
        """Agenda item number -> the bilag names its "Bilag" section lists."""
        listed: dict[int, list[str]] = {}
        for number, name in db.execute(
            "SELECT i.number, a.name FROM item_attachments a JOIN items i ON i.id = a.item_id"
            " WHERE i.meeting_id = ?", (meeting_id,)
        ):  # fmt: skip
            listed.setdefault(int(number), []).append(str(name))
        return listed

    def add_meeting(self, db: sqlite3.Connection, collection: str, title: str, committee: str | None,
                    date: str | None, kind: str | None, place: str | None, structured: bool) -> int:  # fmt: skip
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        cursor = db.execute(
            "INSERT INTO meetings (collection, title, committee, date, kind, place, structured, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (collection, title, committee, date, kind, place, int(structured), now),
        )
        return int(cursor.lastrowid)

    def add_document(self, db: sqlite3.Connection, meeting_id: int, file_name: str, sha256: str,
                     pages: list[str], content: bytes | None = None) -> int:  # fmt: skip
        textless = sum(1 for text in pages if not text.strip())
        cursor = db.execute(
            "INSERT INTO documents (meeting_id, file_name, sha256, page_count, textless_pages)"
            " VALUES (?, ?, ?, ?, ?)",
            (meeting_id, file_name, sha256, len(pages), textless),
        )
        document_id = int(cursor.lastrowid)
        db.executemany(
            "INSERT INTO pages (document_id, number, text) VALUES (?, ?, ?)",
            [(document_id, number, text) for number, text in enumerate(pages, start=1)],
        )
        if content is not None:
            db.execute("INSERT INTO document_files (document_id, content) VALUES (?, ?)", (document_id, content))
        return document_id


    def add_item(self, db: sqlite3.Connection, meeting_id: int, document_id: int, item: Item) -> int:
        cursor = db.execute(
            "INSERT INTO items (meeting_id, document_id, number, title, case_number, closed,"
            " start_page, end_page) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (meeting_id, document_id, item.number, item.title, item.case_number, int(item.closed),
             item.start_page, item.end_page),  # fmt: skip
        )
        item_id = int(cursor.lastrowid)
        db.executemany("INSERT INTO item_attachments (item_id, name) VALUES (?, ?)",
                       [(item_id, name) for name in item.attachments])  # fmt: skip
        return item_id

    def hold_pages(self, db: sqlite3.Connection, document_id: int, held: dict[int, str]) -> None:
        db.executemany("INSERT OR REPLACE INTO held_pages (document_id, page, reason) VALUES (?, ?, ?)",
                       [(document_id, page, reason) for page, reason in held.items()])  # fmt: skip

    def held_pages(self, meeting_id: int) -> list[HeldPage]:
        rows = self._db.execute(
            "SELECT d.file_name, h.page, h.reason FROM held_pages h JOIN documents d ON d.id = h.document_id"
            " WHERE d.meeting_id = ? ORDER BY d.id, h.page", (meeting_id,))  # fmt: skip
        return [HeldPage(str(r[0]), int(r[1]), str(r[2])) for r in rows]

    def release_pages(self, meeting_id: int, pages: list[int] | None, document: str | None = None) -> list[HeldPage]:
        """Confirm held pages open (all of the meeting's when pages is None); returns those released."""
        held = [h for h in self.held_pages(meeting_id)
                if (pages is None or h.page in pages) and (document is None or h.document == document)]  # fmt: skip
        with self.transaction() as db:
            for entry in held:
                db.execute("DELETE FROM held_pages WHERE page = ? AND document_id ="
                           " (SELECT id FROM documents WHERE meeting_id = ? AND file_name = ?)",
                           (entry.page, meeting_id, entry.document))  # fmt: skip
        return held

    def link_document(self, db: sqlite3.Connection, document_id: int, item_id: int) -> None:
        db.execute("UPDATE documents SET item_id = ? WHERE id = ?", (item_id, document_id))

    def add_chunks(self, db: sqlite3.Connection, document_id: int, chunks: list[NewChunk],
                   item_ids: dict[int, int]) -> list[int]:  # fmt: skip
        ids = []
        for chunk in chunks:
            cursor = db.execute(
                "INSERT INTO chunks (document_id, page, item_id, section, text) VALUES (?, ?, ?, ?, ?)",
                (document_id, chunk.page, item_ids.get(chunk.item_number) if chunk.item_number else None,
                 chunk.section, chunk.text),  # fmt: skip
            )
            chunk_id = int(cursor.lastrowid)
            index_chunk(db, chunk_id, chunk.context, f"{chunk.section or ''}\n{chunk.text}")
            ids.append(chunk_id)
        return ids

    def delete_meeting(self, meeting_id: int) -> list[int]:
        """Delete a meeting and everything under it; returns the removed chunk ids."""
        with self.transaction() as db:
            chunk_ids = [row[0] for row in db.execute(
                "SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.meeting_id = ?",
                (meeting_id,),
            )]  # fmt: skip
            db.executemany("DELETE FROM chunks_fts WHERE rowid = ?", [(i,) for i in chunk_ids])
            db.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))
            purge_fulltext(db)
        return chunk_ids

    # --- reading -----------------------------------------------------------------

    def rows(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        """A read query for modules that own their own tables (app.core.store.notes)."""
        with self._lock:
            return self._db.execute(sql, list(params)).fetchall()

    def meeting_exists(self, meeting_id: int) -> bool:
        return self._db.execute("SELECT 1 FROM meetings WHERE id = ?", (meeting_id,)).fetchone() is not None

    def meetings(self) -> list[MeetingRow]:
        rows = self._db.execute(
            "SELECT m.id, m.collection, m.title, m.committee, m.date, m.kind, m.structured,"
            " (SELECT group_concat(file_name, char(31)) FROM documents WHERE meeting_id = m.id),"
            " (SELECT count(*) FROM items WHERE meeting_id = m.id), m.opened_at IS NOT NULL"
            " FROM meetings m ORDER BY m.date DESC, m.id DESC"
        ).fetchall()
        return [
            MeetingRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), (r[7] or "").split("\x1f"), r[8], bool(r[9]))
            for r in rows
        ]

    def compact(self) -> None:
        """Rewrite the file without free pages (after deletions), and fold the WAL into it."""
        self._guard_write()
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.execute("VACUUM")
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def mark_opened(self, meeting_id: int) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.transaction() as db:
            db.execute("UPDATE meetings SET opened_at = coalesce(opened_at, ?) WHERE id = ?", (now, meeting_id))

    def document_content(self, meeting_id: int, file_name: str) -> bytes | None:
        """The original file as imported (None for files imported before originals were kept)."""
        row = self._db.execute(
            "SELECT f.content FROM document_files f JOIN documents d ON d.id = f.document_id"
            " WHERE d.meeting_id = ? AND d.file_name = ?", (meeting_id, file_name)).fetchone()  # fmt: skip
        return bytes(row[0]) if row else None

    def document_pages(self, meeting_id: int, file_name: str) -> list[str]:
        """The document's extracted page texts, in order (the reader's view of a DOCX)."""
        return [str(r[0]) for r in self._db.execute(
            "SELECT p.text FROM pages p JOIN documents d ON d.id = p.document_id"
            " WHERE d.meeting_id = ? AND d.file_name = ? ORDER BY p.number", (meeting_id, file_name))]  # fmt: skip

    def chunks(self, chunk_ids: list[int]) -> list[ChunkRow]:
        """Rows for the given ids, in the given order."""
        if not chunk_ids:
            return []
        marks = ",".join("?" * len(chunk_ids))
        rows = self._db.execute(
            "SELECT c.id, d.file_name, c.page, m.id, m.committee, m.date, i.number, i.title,"
            f" CASE WHEN {CHUNK_HELD} THEN 1 ELSE i.closed END, c.section, c.text"
            " FROM chunks c JOIN documents d ON d.id = c.document_id"
            " JOIN meetings m ON m.id = d.meeting_id LEFT JOIN items i ON i.id = c.item_id"
            f" WHERE c.id IN ({marks})",
            chunk_ids,
        ).fetchall()
        by_id = {
            r[0]: ChunkRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                           None if r[8] is None else bool(r[8]), r[9], r[10])  # fmt: skip
            for r in rows
        }
        return [by_id[i] for i in chunk_ids if i in by_id]

    def _memo(self, name: str) -> dict[Any, Any]:
        """A cache of derived facts (term counts, which chunks a filter passes) that lives until the
        store's content changes, here (total_changes) or in another process (data_version)."""
        with self._lock:
            version = (int(self._db.execute("PRAGMA data_version").fetchone()[0]), self._db.total_changes)
            if version != self._memo_version:
                self._memos, self._memo_version = {}, version
            return self._memos.setdefault(name, {})

    def chunk_count(self) -> int:
        memo = self._memo("all")
        if "count" not in memo:
            memo["count"] = int(self._db.execute("SELECT count(*) FROM chunks").fetchone()[0])
        return int(memo["count"])

    def all_chunk_ids(self) -> list[int]:
        return [int(r[0]) for r in self._db.execute("SELECT id FROM chunks ORDER BY id")]

    def meeting(self, meeting_id: int) -> MeetingRow | None:
        return next((m for m in self.meetings() if m.id == meeting_id), None)

    def page_text(self, meeting_id: int, document: str, page: int) -> str:
        row = self._db.execute(
            "SELECT p.text FROM pages p JOIN documents d ON d.id = p.document_id"
            " WHERE d.meeting_id = ? AND d.file_name = ? AND p.number = ?", (meeting_id, document, page),
        ).fetchone()  # fmt: skip
        return str(row[0]) if row else ""


_PLAIN_HEADER = b"SQLite format 3\x00"


def _connect(path: Path, key: bytes) -> sqlite3.Connection:
    db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    db.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        db.close()
        raise UserError("store_unreadable", path=str(path)) from exc
    return db


def _is_plaintext(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(_PLAIN_HEADER)) == _PLAIN_HEADER


def _encrypt_in_place(path: Path, key: bytes) -> None:
    staged = path.with_name(path.name + ".encrypting")
    staged.unlink(missing_ok=True)
    plain = sqlite3.connect(str(path), isolation_level=None)
    try:
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(staged),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    os.replace(staged, path)
