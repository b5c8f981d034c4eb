"""The local store: meetings, documents, pages, items, chunks, the audit log and retention.

The full-text search over the chunks is in fulltext.py, the recordings' tables in recording_rows.py,
the rows it returns in rows.py; Store brings them together as one object over one connection.

One SQLCipher-encrypted SQLite file per data directory (the key: app.core.security.keys).
Schema changes are numbered migrations applied in order and recorded in
PRAGMA user_version. Deleted content is overwritten (secure_delete) and temporary
tables stay in memory, so no plaintext reaches the disk.
"""

from __future__ import annotations

from sqlcipher3 import dbapi2 as sqlite3
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from app.core.ingest.ocr import OcrPage, OcrSummary, OcrWord
from app.core.ingest.structure import Item
from app.core.store.item_marks import MIGRATION as ITEM_MARKS_MIGRATION
from app.core.ingest.titles import retitle_handbook
from app.core.messages import UserError
from app.core.store import integrity
from app.core.store.fulltext import FullTextSearch, index_chunk, purge_fulltext, rebuild_fulltext, reindex_chunk
from app.core.store.recording_rows import RecordingTables
# The rows are importable from here too: they are what Store's methods take and return.
from app.core.store.rows import (CHUNK_HELD, ITEM_HELD, ChunkRow, HeldPage, ItemRow, MeetingRow, NewChunk,
                                 RecordingRow, SearchFilter, TranscriptSegment, item_row)

MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    # 1: initial schema
    """
    CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
        collection TEXT NOT NULL,
        title TEXT NOT NULL,
        committee TEXT,
        date TEXT,
        kind TEXT,
        structured INTEGER NOT NULL,
        imported_at TEXT NOT NULL
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        page_count INTEGER NOT NULL
    );
    CREATE TABLE pages (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (document_id, number)
    );
    CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        title TEXT NOT NULL,
        case_number TEXT,
        closed INTEGER NOT NULL,
        start_page INTEGER NOT NULL,
        end_page INTEGER NOT NULL
    );
    CREATE TABLE chunks (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
        section TEXT,
        text TEXT NOT NULL
    );
    CREATE INDEX chunks_document ON chunks(document_id);
    CREATE VIRTUAL TABLE chunks_fts USING fts5(terms);
    """,
    # 2: meeting place, bilag linked to items, pages without text
    """
    ALTER TABLE meetings ADD COLUMN place TEXT;
    ALTER TABLE documents ADD COLUMN item_id INTEGER REFERENCES items(id) ON DELETE SET NULL;
    ALTER TABLE documents ADD COLUMN textless_pages INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE item_attachments (
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        name TEXT NOT NULL
    );
    """,
    # 3: folded æ/ø/å, reversed stems for compound words, item titles in their own column
    lambda db: rebuild_fulltext(db),
    # 4: the original files, for the reader (encrypted like everything else: never a plain copy on
    # disk), and when the user first opened a meeting ("Ny" until then)
    """
    CREATE TABLE document_files (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        content BLOB NOT NULL
    );
    ALTER TABLE meetings ADD COLUMN opened_at TEXT;
    """,
    # 5: the audit log (imports, deletions, exports, failed unlocks), encrypted like the rest
    """
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        event TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    """,
    # 6: meeting recordings: the media file stays where the user keeps it (path and sha256 only); the
    # transcript, its agenda chapters and which chunk of the searchable transcript starts when
    """
    CREATE TABLE recordings (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        media_path TEXT,
        sha256 TEXT NOT NULL,
        source TEXT NOT NULL,
        duration REAL NOT NULL,
        model TEXT,
        complete INTEGER NOT NULL DEFAULT 0,
        document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
        imported_at TEXT NOT NULL
    );
    CREATE TABLE recording_segments (
        id INTEGER PRIMARY KEY,
        recording_id INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        start REAL NOT NULL,
        end REAL NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX recording_segments_start ON recording_segments(recording_id, start);
    CREATE TABLE recording_chapters (
        recording_id INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        item_number INTEGER NOT NULL,
        start REAL NOT NULL,
        corrected INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (recording_id, item_number)
    );
    CREATE TABLE recording_chunks (
        chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
        recording_id INTEGER NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        start REAL NOT NULL,
        end REAL NOT NULL
    );
    """,
    # 7: pages held as closed until the user confirms them open (app.core.ingest.uncertain): where
    # structure detection may have missed a closed item. A reason code only, never text.
    """
    CREATE TABLE IF NOT EXISTS held_pages (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (document_id, page)
    );
    """,
    # 8: OCR: per page read by OCR its mean word confidence,
    # the degrees it was turned, and Tesseract's words as JSON [[text, start, left, top, right, bottom]]
    # (boxes as fractions of the page) so the reader can mark a cited passage on the scan.
    """
    CREATE TABLE ocr_pages (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        confidence REAL NOT NULL,
        rotation INTEGER NOT NULL DEFAULT 0,
        words TEXT NOT NULL,
        PRIMARY KEY (document_id, number)
    );
    """,
    # 9: the user's own preparation (app.core.store.notes): highlights,
    # notes and "Spørgsmål til mødet". Keyed by the meeting (deleted with it) and by file name and item
    # number, not by document/item rows: a re-import replaces those rows, and the notes must survive it.
    """
    CREATE TABLE user_highlights (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        document TEXT NOT NULL,
        page INTEGER NOT NULL,
        text TEXT NOT NULL,
        comment TEXT,
        item_number INTEGER,
        rects TEXT,
        sha256 TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'ok',
        moved_from INTEGER,
        created TEXT NOT NULL
    );
    CREATE INDEX user_highlights_meeting ON user_highlights(meeting_id, document, page);
    CREATE TABLE user_notes (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        item_number INTEGER NOT NULL,
        text TEXT NOT NULL,
        updated TEXT NOT NULL,
        PRIMARY KEY (meeting_id, item_number)
    );
    CREATE TABLE user_questions (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        item_number INTEGER,
        text TEXT NOT NULL,
        document TEXT,
        page INTEGER,
        created TEXT NOT NULL
    );
    """,
    # 10: the user's read/prepared marks on items and bilag linked to items by hand (app.core.store.item_marks)
    ITEM_MARKS_MIGRATION,
    # 11: Håndbog documents named by their heading, not by a sentence and a date of their text (app.core.ingest.titles)
    lambda db: retitle_handbook(db),
    # 12: where each chunk lies, apart from its text: a filtered search finds the chunks it may return
    # in this narrow index instead of reading (and decrypting) every chunk's text (~0.5 s at 100k).
    """
    CREATE INDEX IF NOT EXISTS chunks_place ON chunks(document_id, item_id, page);
    """,
]



class StoreNeedsWriter(Exception):
    """A read-only open found a store that must be changed first (encrypted, migrated)."""


class Store(FullTextSearch, RecordingTables):
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

    def add_ocr_pages(self, db: sqlite3.Connection, document_id: int, pages: dict[int, OcrPage]) -> None:
        db.executemany(
            "INSERT INTO ocr_pages (document_id, number, confidence, rotation, words) VALUES (?, ?, ?, ?, ?)",
            [(document_id, number, page.confidence, page.rotation, json.dumps(
                [[w.text, w.start, *w.box] for w in page.words], ensure_ascii=False))
             for number, page in sorted(pages.items())],
        )  # fmt: skip

    def ocr_summaries(self) -> dict[int, dict[str, OcrSummary]]:
        """Meeting id -> document name -> how many of its pages OCR read, and their mean confidence."""
        rows = self._db.execute(
            "SELECT d.meeting_id, d.file_name, count(*), avg(o.confidence) FROM ocr_pages o"
            " JOIN documents d ON d.id = o.document_id GROUP BY d.id"
        ).fetchall()
        found: dict[int, dict[str, OcrSummary]] = {}
        for meeting_id, name, pages, confidence in rows:
            found.setdefault(int(meeting_id), {})[str(name)] = OcrSummary(int(pages), round(float(confidence), 1))
        return found

    def ocr_words(self, meeting_id: int, file_name: str) -> dict[int, list[OcrWord]]:
        """Page number -> the words OCR read on it, with their boxes (pages with a text layer: absent)."""
        rows = self._db.execute(
            "SELECT o.number, o.words FROM ocr_pages o JOIN documents d ON d.id = o.document_id"
            " WHERE d.meeting_id = ? AND d.file_name = ?", (meeting_id, file_name),
        ).fetchall()  # fmt: skip
        return {int(number): [OcrWord(w[0], int(w[1]), (w[2], w[3], w[4], w[5])) for w in json.loads(words)]
                for number, words in rows}  # fmt: skip

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

    # --- audit log and retention -------------------------------------------------------

    def audit(self, event: str, detail: str, db: sqlite3.Connection | None = None) -> None:
        """Append to the audit log; inside the caller's transaction when given one (so the entry and
        what it records commit together)."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        if db is not None:
            db.execute("INSERT INTO audit_log (at, event, detail) VALUES (?, ?, ?)", (now, event, detail))
            return
        with self.transaction() as own:
            own.execute("INSERT INTO audit_log (at, event, detail) VALUES (?, ?, ?)", (now, event, detail))

    def scrub_audit(self, names: list[str], replacement: str) -> None:
        """Replace every mention of these names in the audit log (entries written before the log
        stopped naming meetings). secure_delete overwrites the old text in the file."""
        with self.transaction() as db:
            for name in names:
                db.execute("UPDATE audit_log SET detail = replace(detail, ?, ?) WHERE instr(detail, ?) > 0",
                           (name, replacement, name))  # fmt: skip

    def audit_entries(self, limit: int = 500) -> list[tuple[str, str, str]]:
        """(when, event, detail), newest first."""
        return [(str(r[0]), str(r[1]), str(r[2])) for r in self._db.execute(
            "SELECT at, event, detail FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))]  # fmt: skip

    def purge_item(self, meeting_id: int, number: int, note: str) -> list[int]:
        """Remove a closed item's material: its chunks, its pages' text, its bilag files, its title and
        case number, and the original file it was printed in (which holds its pages). The meeting's other
        items stay searchable and readable as text. Returns the removed chunk ids."""
        with self.transaction() as db:
            row = db.execute("SELECT id, document_id, start_page, end_page FROM items WHERE meeting_id = ? AND number = ?",
                             (meeting_id, number)).fetchone()  # fmt: skip
            if row is None:
                return []
            item_id, document_id, first, last = row
            bilag = [int(r[0]) for r in db.execute("SELECT id FROM documents WHERE item_id = ?", (item_id,))]
            chunk_ids = [int(r[0]) for r in db.execute(
                f"SELECT id FROM chunks WHERE item_id = ? OR document_id IN ({','.join('?' * len(bilag)) or 'NULL'})",
                (item_id, *bilag))]  # fmt: skip
            db.executemany("DELETE FROM chunks_fts WHERE rowid = ?", [(i,) for i in chunk_ids])
            db.executemany("DELETE FROM chunks WHERE id = ?", [(i,) for i in chunk_ids])
            db.executemany("DELETE FROM documents WHERE id = ?", [(i,) for i in bilag])
            db.execute("UPDATE pages SET text = '' WHERE document_id = ? AND number BETWEEN ? AND ?",
                       (document_id, first, last))  # fmt: skip
            db.execute("DELETE FROM document_files WHERE document_id = ?", (document_id,))
            db.execute("DELETE FROM item_attachments WHERE item_id = ?", (item_id,))
            db.execute("UPDATE items SET title = ?, case_number = NULL WHERE id = ?", (note, item_id))
            # The user's own highlights, notes and questions on the item go with its material (app.core.store.notes).
            for table in ("user_highlights", "user_notes", "user_questions"):
                db.execute(f"DELETE FROM {table} WHERE meeting_id = ? AND item_number = ?", (meeting_id, number))
            purge_fulltext(db)
        return chunk_ids

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

    # --- reading: agenda items, for briefings and case history -----------------------

    _ITEM_SELECT = (
        f"SELECT i.meeting_id, m.committee, m.date, i.number, i.title, i.case_number, i.closed OR {ITEM_HELD},"
        f" i.start_page, i.end_page, d.file_name, NOT i.closed AND {ITEM_HELD} FROM items i"
        " JOIN meetings m ON m.id = i.meeting_id JOIN documents d ON d.id = i.document_id"
    )

    def meeting(self, meeting_id: int) -> MeetingRow | None:
        return next((m for m in self.meetings() if m.id == meeting_id), None)

    def items(self, meeting_id: int) -> list[ItemRow]:
        """The meeting's agenda items in agenda order."""
        rows = self._db.execute(f"{self._ITEM_SELECT} WHERE i.meeting_id = ? ORDER BY i.number, i.id", (meeting_id,))
        return [item_row(r) for r in rows]

    def items_with_cases(self, case_numbers: list[str]) -> list[ItemRow]:
        """Items of any meeting with one of these case numbers, oldest meeting first."""
        if not case_numbers:
            return []
        marks = ",".join("?" * len(case_numbers))
        rows = self._db.execute(
            f"{self._ITEM_SELECT} WHERE i.case_number IN ({marks}) ORDER BY m.date, m.id, i.number", case_numbers
        )
        return [item_row(r) for r in rows]

    def item_chunk_ids(self, meeting_id: int, number: int) -> list[int]:
        """The item's chunks in its own document (not its bilag files), in reading order."""
        rows = self._db.execute(
            "SELECT c.id FROM chunks c JOIN items i ON i.id = c.item_id"
            " WHERE i.meeting_id = ? AND i.number = ? AND c.document_id = i.document_id ORDER BY c.id",
            (meeting_id, number),
        )
        return [int(r[0]) for r in rows]

    def meeting_chunk_ids(self, meeting_id: int) -> list[int]:
        """Every chunk of the meeting's documents, in reading order (document, page, position)."""
        rows = self._db.execute("SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id"
                                " WHERE d.meeting_id = ? ORDER BY d.id, c.page, c.id", (meeting_id,))  # fmt: skip
        return [int(r[0]) for r in rows]

    def item_documents(self, meeting_id: int, number: int) -> list[tuple[str, int, int | None]]:
        """The files linked to the item as bilag (by the pack or by hand): (file name, pages, first chunk id)."""
        rows = self._db.execute(
            "SELECT d.file_name, d.page_count, (SELECT min(c.id) FROM chunks c WHERE c.document_id = d.id)"
            " FROM documents d JOIN items i ON i.id = d.item_id"
            " WHERE i.meeting_id = ? AND i.number = ? AND d.id != i.document_id ORDER BY d.id", (meeting_id, number))  # fmt: skip
        return [(str(r[0]), int(r[1]), None if r[2] is None else int(r[2])) for r in rows]

    def items_titled(self, title: str) -> list[ItemRow]:
        """Items of any meeting with this title (any case), oldest meeting first."""
        rows = self._db.execute(f"{self._ITEM_SELECT} WHERE i.title = ? COLLATE NOCASE ORDER BY m.date, m.id, i.number",
                                (title,))  # fmt: skip
        return [item_row(r) for r in rows]

    def item_attachments(self, meeting_id: int, number: int) -> list[str]:
        """The bilag the item's "Bilag" section lists, then imported bilag files linked to it."""
        listed = [str(r[0]) for r in self._db.execute(
            "SELECT a.name FROM item_attachments a JOIN items i ON i.id = a.item_id"
            " WHERE i.meeting_id = ? AND i.number = ? ORDER BY a.rowid", (meeting_id, number))]  # fmt: skip
        linked = [str(r[0]) for r in self._db.execute(
            "SELECT d.file_name FROM documents d JOIN items i ON i.id = d.item_id"
            " WHERE i.meeting_id = ? AND i.number = ? ORDER BY d.id", (meeting_id, number))]  # fmt: skip
        # A listed name the user linked to another item, or unlinked, is not this item's (app.core.store.item_marks).
        moved = {str(r[0]) for r in self._db.execute(
            "SELECT document FROM item_links WHERE meeting_id = ? AND item_number IS NOT ?", (meeting_id, number))}  # fmt: skip
        return [name for name in listed if name not in moved] + [name for name in linked if name not in listed]

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


