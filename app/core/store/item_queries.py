"""The store's reading of agenda items, for briefings, case history and the prep sheet: a meeting's
items, items by case number or title, an item's chunks, bilag files and listed attachments.

ItemQueries is part of Store (app.core.store.database): it uses the store's connection.
"""

from __future__ import annotations

from sqlcipher3 import dbapi2 as sqlite3

from app.core.store.rows import ITEM_HELD, ItemRow, item_row


class ItemQueries:
    """The agenda items' read queries, mixed into Store."""

    _db: sqlite3.Connection

    _ITEM_SELECT = (
        f"SELECT i.meeting_id, m.committee, m.date, i.number, i.title, i.case_number, i.closed OR {ITEM_HELD},"
        f" i.start_page, i.end_page, d.file_name, NOT i.closed AND {ITEM_HELD} FROM items i"
        " JOIN meetings m ON m.id = i.meeting_id JOIN documents d ON d.id = i.document_id"
    )

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
