"""The store's tables of meeting recordings (app/core/recordings/): the recording, its transcript
segments, its agenda chapters and the searchable windows of its transcript.

RecordingTables is part of Store (app.core.store.database): it uses the store's connection and
transactions.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sqlcipher3 import dbapi2 as sqlite3

from app.core.store.fulltext import purge_fulltext, reindex_chunk
from app.core.store.rows import RecordingRow, TranscriptSegment, recording_row

if TYPE_CHECKING:
    from contextlib import AbstractContextManager


class RecordingTables:
    """The recordings' rows, mixed into Store."""

    _db: sqlite3.Connection

    if TYPE_CHECKING:
        def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    _RECORDING_SELECT = ("SELECT id, meeting_id, name, media_path, sha256, source, duration, model, complete,"
                         " document_id FROM recordings")  # fmt: skip

    def add_recording(self, db: sqlite3.Connection, meeting_id: int, name: str, media_path: str | None,
                      sha256: str, source: str, duration: float, model: str | None) -> int:  # fmt: skip
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        cursor = db.execute(
            "INSERT INTO recordings (meeting_id, name, media_path, sha256, source, duration, model, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (meeting_id, name, media_path, sha256, source, duration, model, now),
        )
        return int(cursor.lastrowid)

    def recording(self, recording_id: int) -> RecordingRow | None:
        row = self._db.execute(f"{self._RECORDING_SELECT} WHERE id = ?", (recording_id,)).fetchone()
        return recording_row(row) if row else None

    def recordings(self, meeting_id: int) -> list[RecordingRow]:
        rows = self._db.execute(f"{self._RECORDING_SELECT} WHERE meeting_id = ? ORDER BY id", (meeting_id,))
        return [recording_row(r) for r in rows]

    def recording_by_sha256(self, meeting_id: int, sha256: str) -> RecordingRow | None:
        """The meeting's recording of this content (the same file, perhaps moved)."""
        row = self._db.execute(f"{self._RECORDING_SELECT} WHERE meeting_id = ? AND sha256 = ?",
                               (meeting_id, sha256)).fetchone()  # fmt: skip
        return recording_row(row) if row else None

    def move_recording(self, recording_id: int, media_path: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE recordings SET media_path = ? WHERE id = ?", (media_path, recording_id))

    def add_segments(self, db: sqlite3.Connection, recording_id: int, segments: Iterable[TranscriptSegment]) -> None:
        db.executemany("INSERT INTO recording_segments (recording_id, start, end, text) VALUES (?, ?, ?, ?)",
                       [(recording_id, s.start, s.end, s.text) for s in segments])  # fmt: skip

    def segments(self, recording_id: int) -> list[TranscriptSegment]:
        """The transcript in time order."""
        rows = self._db.execute("SELECT start, end, text FROM recording_segments WHERE recording_id = ?"
                                " ORDER BY start, id", (recording_id,))  # fmt: skip
        return [TranscriptSegment(float(r[0]), float(r[1]), str(r[2])) for r in rows]

    def chapters(self, recording_id: int) -> list[tuple[int, float, bool]]:
        """(item number, start seconds, corrected by the user) in item order."""
        rows = self._db.execute("SELECT item_number, start, corrected FROM recording_chapters WHERE recording_id = ?"
                                " ORDER BY item_number", (recording_id,))  # fmt: skip
        return [(int(r[0]), float(r[1]), bool(r[2])) for r in rows]

    def save_chapters(self, db: sqlite3.Connection, recording_id: int, starts: dict[int, float],
                      corrected: set[int]) -> None:  # fmt: skip
        db.execute("DELETE FROM recording_chapters WHERE recording_id = ?", (recording_id,))
        db.executemany(
            "INSERT INTO recording_chapters (recording_id, item_number, start, corrected) VALUES (?, ?, ?, ?)",
            [(recording_id, number, start, int(number in corrected)) for number, start in starts.items()],
        )

    def complete_recording(self, db: sqlite3.Connection, recording_id: int, document_id: int,
                           windows: list[tuple[int, float, float]]) -> None:  # fmt: skip
        """Mark the transcript complete; windows: (chunk id, start, end) of its searchable chunks."""
        db.execute("UPDATE recordings SET complete = 1, document_id = ? WHERE id = ?", (document_id, recording_id))
        db.executemany("INSERT INTO recording_chunks (chunk_id, recording_id, start, end) VALUES (?, ?, ?, ?)",
                       [(chunk_id, recording_id, start, end) for chunk_id, start, end in windows])  # fmt: skip

    def recording_chunks(self, recording_id: int) -> list[tuple[int, float, float]]:
        """(chunk id, start, end) of the recording's searchable transcript windows, in time order."""
        rows = self._db.execute("SELECT chunk_id, start, end FROM recording_chunks WHERE recording_id = ?"
                                " ORDER BY start", (recording_id,))  # fmt: skip
        return [(int(r[0]), float(r[1]), float(r[2])) for r in rows]

    def set_chunk_items(self, db: sqlite3.Connection, changes: list[tuple[int, int | None, str]]) -> None:
        """Move chunks to other agenda items: (chunk id, item row id or None, the item title indexed with it)."""
        for chunk_id, item_id, context in changes:
            db.execute("UPDATE chunks SET item_id = ? WHERE id = ?", (item_id, chunk_id))
            reindex_chunk(db, chunk_id, context)

    def recording_moment(self, chunk_id: int) -> tuple[int, float, float] | None:
        """(recording id, start, end seconds) when the chunk is a window of a transcript."""
        row = self._db.execute("SELECT recording_id, start, end FROM recording_chunks WHERE chunk_id = ?",
                               (chunk_id,)).fetchone()  # fmt: skip
        return (int(row[0]), float(row[1]), float(row[2])) if row else None

    def delete_recording(self, recording_id: int) -> list[int]:
        """Delete a recording with its transcript and searchable chunks; returns the removed chunk ids."""
        with self.transaction() as db:
            chunk_ids = [int(r[0]) for r in db.execute("SELECT chunk_id FROM recording_chunks WHERE recording_id = ?",
                                                       (recording_id,))]  # fmt: skip
            db.executemany("DELETE FROM chunks_fts WHERE rowid = ?", [(i,) for i in chunk_ids])
            db.execute("DELETE FROM documents WHERE id = (SELECT document_id FROM recordings WHERE id = ?)",
                       (recording_id,))  # fmt: skip
            db.execute("DELETE FROM recordings WHERE id = ?", (recording_id,))
            if chunk_ids:
                purge_fulltext(db)
        return chunk_ids
