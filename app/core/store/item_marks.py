"""The user's own bookkeeping on agenda items: read/prepared marks and bilag linked by hand (issue 20).

This module owns two tables of the encrypted store (the data directory is per user, so they are too):

* ``item_marks``: an agenda item marked "read" or "prepared" (no row: unmarked);
* ``item_links``: a file of the meeting the user linked to an item by hand (``item_number`` set), or
  unlinked from the item the pack linked it to (``item_number`` NULL).

Like the notes (app.core.store.notes) both are keyed by the meeting (deleted with it), the item *number* and
the file *name*: a re-import of a changed file replaces its document and item rows, and the user's
choices must survive it — :func:`apply_links` re-applies them inside the import's transaction.

A link is not a second list of bilag beside the pack's: it moves the file to the item in the store
itself (``documents.item_id`` and the file's chunks' ``item_id``), so everything that knows an item's
bilag — the library tree, briefings, search and answers filtered by item, closed-item handling —
treats a hand-linked bilag exactly like one the pack listed.

ItemMarkEntryPoints puts these operations on the Library, where both interfaces call them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from app.core.messages import UserError
from app.core.store.fulltext import reindex_chunk

if TYPE_CHECKING:  # annotations only
    from sqlcipher3 import dbapi2 as sqlite3

    from app.core.store.database import Store

MARKS = ("read", "prepared")

MIGRATION = """
CREATE TABLE item_marks (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    item_number INTEGER NOT NULL,
    mark TEXT NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (meeting_id, item_number)
);
CREATE TABLE item_links (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    document TEXT NOT NULL,
    item_number INTEGER,
    updated TEXT NOT NULL,
    PRIMARY KEY (meeting_id, document)
);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- marks ------------------------------------------------------------------------------


def set_mark(store: Store, meeting_id: int, item_number: int, mark: str | None) -> None:
    """Mark the item "read" or "prepared", or clear its mark (None)."""
    if mark is not None and mark not in MARKS:
        raise UserError("mark_invalid", mark=mark)
    _check_item(store, meeting_id, item_number)
    with store.transaction() as db:
        if mark is None:
            db.execute("DELETE FROM item_marks WHERE meeting_id = ? AND item_number = ?", (meeting_id, item_number))
        else:
            db.execute("INSERT OR REPLACE INTO item_marks (meeting_id, item_number, mark, updated) VALUES (?, ?, ?, ?)",
                       (meeting_id, item_number, mark, _now()))  # fmt: skip


def marks(store: Store, meeting_id: int) -> dict[int, str]:
    """Item number -> "read" | "prepared" for the meeting's marked items."""
    rows = store.rows("SELECT item_number, mark FROM item_marks WHERE meeting_id = ? ORDER BY item_number",
                      (meeting_id,))  # fmt: skip
    return {int(number): str(mark) for number, mark in rows}


def all_marks(store: Store) -> dict[int, dict[int, str]]:
    """Meeting id -> its marks (one query for the library list)."""
    found: dict[int, dict[int, str]] = {}
    for meeting_id, number, mark in store.rows("SELECT meeting_id, item_number, mark FROM item_marks ORDER BY item_number"):
        found.setdefault(int(meeting_id), {})[int(number)] = str(mark)
    return found


# --- bilag linked by hand ---------------------------------------------------------------------


def link(store: Store, meeting_id: int, item_number: int, document: str) -> None:
    """Make the meeting's file `document` a bilag of the item (replacing any link it had)."""
    _check_item(store, meeting_id, item_number)
    _check_linkable(store, meeting_id, document)
    with store.transaction() as db:
        _remember(db, meeting_id, document, item_number)
        apply_links(db, meeting_id)


def unlink(store: Store, meeting_id: int, document: str) -> int:
    """Undo the file's link to its item (by hand or by the pack); returns the item number it had."""
    _check_linkable(store, meeting_id, document)
    linked = linked_item(store, meeting_id, document)
    if linked is None:
        raise UserError("document_not_linked", document=document)
    with store.transaction() as db:
        _remember(db, meeting_id, document, None)
        apply_links(db, meeting_id)
    return linked


def links(store: Store, meeting_id: int) -> dict[str, int | None]:
    """File name -> item number for the meeting's links made by hand (None: unlinked by hand)."""
    rows = store.rows("SELECT document, item_number FROM item_links WHERE meeting_id = ? ORDER BY document",
                      (meeting_id,))  # fmt: skip
    return {str(name): None if number is None else int(number) for name, number in rows}


def linked_item(store: Store, meeting_id: int, document: str) -> int | None:
    """The item number the file is a bilag of now (by hand or by the pack), else None."""
    rows = store.rows("SELECT i.number FROM documents d JOIN items i ON i.id = d.item_id"
                      " WHERE d.meeting_id = ? AND d.file_name = ?", (meeting_id, document))  # fmt: skip
    return int(rows[0][0]) if rows else None


def apply_links(db: sqlite3.Connection, meeting_id: int) -> dict[str, int | None]:
    """Put the user's links into the store's rows: the file's document and chunks move to the item (or
    to none). Run in the caller's transaction; also after an import, whose rows are new. Returns the
    links applied: file name -> item number (None: unlinked)."""
    applied: dict[str, int | None] = {}
    for document, number in db.execute("SELECT document, item_number FROM item_links WHERE meeting_id = ?",
                                       (meeting_id,)).fetchall():  # fmt: skip
        target = db.execute("SELECT id, title FROM items WHERE meeting_id = ? AND number = ?",
                            (meeting_id, number)).fetchone() if number is not None else None  # fmt: skip
        if number is not None and target is None:
            continue  # the item went away in a re-import: leave the file as the pack has it
        item_id, title = target if target else (None, "")
        for (document_id,) in db.execute("SELECT id FROM documents WHERE meeting_id = ? AND file_name = ?"
                                         " AND NOT EXISTS (SELECT 1 FROM items WHERE document_id = documents.id)",
                                         (meeting_id, document)).fetchall():  # fmt: skip
            db.execute("UPDATE documents SET item_id = ? WHERE id = ?", (item_id, document_id))
            applied[str(document)] = number
            for (chunk_id,) in db.execute("SELECT id FROM chunks WHERE document_id = ? AND item_id IS NOT ?",
                                          (document_id, item_id)).fetchall():  # fmt: skip
                db.execute("UPDATE chunks SET item_id = ? WHERE id = ?", (item_id, chunk_id))
                reindex_chunk(db, chunk_id, title)  # the item title is indexed with its chunks
    return applied


def _remember(db: sqlite3.Connection, meeting_id: int, document: str, item_number: int | None) -> None:
    db.execute("INSERT OR REPLACE INTO item_links (meeting_id, document, item_number, updated) VALUES (?, ?, ?, ?)",
               (meeting_id, document, item_number, _now()))  # fmt: skip


@dataclass(frozen=True)
class BilagFile:
    """A file of the meeting that can be a bilag (not an agenda, not a transcript) and its item now."""

    document: str
    item: int | None
    by_hand: bool  # the user linked (or unlinked) it

    def to_json(self) -> dict[str, object]:
        return {"document": self.document, "item": self.item, "by_hand": self.by_hand}


def bilag_files(store: Store, meeting_id: int) -> list[BilagFile]:
    if not store.meeting_exists(meeting_id):
        raise UserError("meeting_missing", meeting_id=meeting_id)
    by_hand = set(links(store, meeting_id))
    rows = store.rows(
        "SELECT d.file_name, i.number FROM documents d LEFT JOIN items i ON i.id = d.item_id"
        " WHERE d.meeting_id = ? AND NOT EXISTS (SELECT 1 FROM items WHERE document_id = d.id)"
        " AND NOT EXISTS (SELECT 1 FROM recordings WHERE document_id = d.id) ORDER BY d.id", (meeting_id,))  # fmt: skip
    return [BilagFile(str(name), None if number is None else int(number), str(name) in by_hand) for name, number in rows]


# --- checks ---------------------------------------------------------------------------------


def _check_item(store: Store, meeting_id: int, item_number: int) -> None:
    if not store.meeting_exists(meeting_id):
        raise UserError("meeting_missing", meeting_id=meeting_id)
    if not store.rows("SELECT 1 FROM items WHERE meeting_id = ? AND number = ?", (meeting_id, item_number)):
        raise UserError("item_missing", meeting_id=meeting_id, item=item_number)


def _check_linkable(store: Store, meeting_id: int, document: str) -> None:
    """Only a file of the meeting that is neither an agenda (it has items of its own) nor a transcript."""
    if not store.meeting_exists(meeting_id):
        raise UserError("meeting_missing", meeting_id=meeting_id)
    rows = store.rows(
        "SELECT EXISTS (SELECT 1 FROM items WHERE document_id = d.id),"
        " EXISTS (SELECT 1 FROM recordings WHERE document_id = d.id)"
        " FROM documents d WHERE d.meeting_id = ? AND d.file_name = ?", (meeting_id, document))  # fmt: skip
    if not rows:
        raise UserError("link_document_missing", meeting_id=meeting_id, document=document)
    has_items, is_transcript = rows[0]
    if has_items or is_transcript:
        raise UserError("link_not_bilag", document=document)


class ItemMarkEntryPoints:
    """The marks' and links' methods on the library, mixed into Library (app.core.library): both
    interfaces call them there."""

    if TYPE_CHECKING:
        @property
        def store(self) -> Store: ...

    def set_item_mark(self, meeting_id: int, item_number: int, mark: str | None) -> None:
        """Mark an agenda item "read" or "prepared", or clear its mark (None)."""
        set_mark(self.store, meeting_id, item_number, mark)

    def item_marks(self, meeting_id: int) -> dict[int, str]:
        """Item number -> "read" | "prepared" for the meeting's marked items."""
        return marks(self.store, meeting_id)

    def all_item_marks(self) -> dict[int, dict[int, str]]:
        """Meeting id -> its item marks."""
        return all_marks(self.store)

    def link_attachment(self, meeting_id: int, item_number: int, document: str) -> None:
        """Make a file of the meeting a bilag of the item by hand (the pack did not list it there)."""
        link(self.store, meeting_id, item_number, document)

    def unlink_attachment(self, meeting_id: int, document: str) -> int:
        """Undo a file's link to its item; returns the item number it was linked to."""
        return unlink(self.store, meeting_id, document)

    def bilag_files(self, meeting_id: int) -> list[BilagFile]:
        """The meeting's files that can be bilag, each with the item it belongs to now."""
        return bilag_files(self.store, meeting_id)

    def attachment_item(self, meeting_id: int, document: str) -> int | None:
        """The item the file is a bilag of now (linked by the pack or by hand), else None."""
        return linked_item(self.store, meeting_id, document)
