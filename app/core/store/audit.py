"""The store's audit log (imports, deletions, exports, failed unlocks; encrypted like the rest), what
older entries may name a deleted meeting by, and the purge of a closed item's material (retention.py
decides which).

AuditAndRetention is part of Store (app.core.store.database): it uses the store's connection and
transactions.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sqlcipher3 import dbapi2 as sqlite3

from app.core.store.fulltext import purge_fulltext
from app.core.store.rows import MeetingRow, RecordingRow

if TYPE_CHECKING:
    from contextlib import AbstractContextManager


class AuditAndRetention:
    """The audit log and the purge of an item's material, mixed into Store."""

    _db: sqlite3.Connection

    if TYPE_CHECKING:
        def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...


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


def identifying_names(meeting: MeetingRow | None, recordings: list[RecordingRow]) -> list[str]:
    """What older audit entries may name a meeting by: its title, its files and its recordings
    (scrub_audit() replaces them after the meeting is deleted)."""
    if meeting is None:
        return []
    names = [meeting.title, *meeting.documents, *(r.name for r in recordings)]
    return sorted({n for n in names if len(n) >= 3}, key=len, reverse=True)  # longest first: no partial leftovers
