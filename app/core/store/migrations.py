"""The store's schema, as numbered migrations: MIGRATIONS[n - 1] takes a store from version n - 1 to n.

Read top to bottom, it is the schema's history. Store (app.core.store.database) applies the missing
ones in order when it opens a store, each in a transaction of its own, and records the number in
PRAGMA user_version. A schema change is a new entry at the end; never edit an old one: stores in the
field have run it. An entry is SQL (statements split at ";") or a function given the connection.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlcipher3 import dbapi2 as sqlite3

from app.core.ingest.titles import retitle_handbook
from app.core.store.fulltext import rebuild_fulltext, rekey_compounds
from app.core.store.item_marks import MIGRATION as ITEM_MARKS_MIGRATION

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
    # 13: compound heads match only the longer words that end in them, not the word itself: its
    # chunks matched twice, and a common word's head was a prefix list as long as the word's
    lambda db: rekey_compounds(db),
]
