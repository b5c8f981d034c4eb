"""Read/prepared marks on items and bilag linked by hand (app.core.item_marks), over a real encrypted store."""

from __future__ import annotations

import pytest

from app.core import item_marks
from app.core.messages import UserError
from app.core.store import NewChunk, SearchFilter, Store

from .test_briefing import KEY, build_store

NOTAT = "notat om gebyrer.pdf"
NOTAT_TEXT = "Notat\nForvaltningens kalkulation af byggesagsgebyret for 2024."


@pytest.fixture
def built(tmp_path):
    store, ids = build_store(tmp_path)
    with store.transaction() as db:  # a file of the meeting that no item lists
        document = store.add_document(db, ids.byraad, NOTAT, "d" * 64, [NOTAT_TEXT])
        store.add_chunks(db, document, [NewChunk(1, None, None, NOTAT_TEXT)], {})
    yield store, ids
    store.close()


def test_marks_are_set_changed_cleared_and_kept_after_reopening(built, tmp_path):
    store, ids = built
    item_marks.set_mark(store, ids.byraad, 16, "read")
    item_marks.set_mark(store, ids.byraad, 1, "prepared")
    item_marks.set_mark(store, ids.byraad, 16, "prepared")
    assert item_marks.marks(store, ids.byraad) == {1: "prepared", 16: "prepared"}
    item_marks.set_mark(store, ids.byraad, 1, None)
    store.close()
    reopened = Store(tmp_path / "store.sqlite", KEY)
    try:
        assert item_marks.marks(reopened, ids.byraad) == {16: "prepared"}
        assert item_marks.all_marks(reopened) == {ids.byraad: {16: "prepared"}}
        reopened.delete_meeting(ids.byraad)  # the marks go with the meeting
        assert item_marks.all_marks(reopened) == {}
        assert reopened.rows("SELECT count(*) FROM item_marks") == [(0,)]
    finally:
        reopened.close()


@pytest.mark.parametrize("meeting, item, mark, key", [
    ("byraad", 16, "læst", "mark_invalid"), ("byraad", 99, "read", "item_missing"), (None, 1, "read", "meeting_missing"),
])  # fmt: skip
def test_a_bad_mark_item_or_meeting_is_refused_with_a_message(built, meeting, item, mark, key):
    store, ids = built
    with pytest.raises(UserError) as refused:
        item_marks.set_mark(store, getattr(ids, meeting) if meeting else 999, item, mark)
    assert refused.value.key == key and refused.value.message()
    assert item_marks.marks(store, ids.byraad) == {}


def item_hits(store: Store, meeting_id: int, number: int) -> set[str]:
    ranking = store.lexical("kalkulation", 20, SearchFilter(meeting_id=meeting_id, item_number=number))
    return {row.document for row in store.chunks([chunk_id for chunk_id, _ in ranking])}


def test_a_file_linked_by_hand_is_the_items_bilag_everywhere_and_the_link_can_be_undone(built):
    store, ids = built
    assert NOTAT not in store.item_attachments(ids.byraad, 16) and item_hits(store, ids.byraad, 16) == set()
    item_marks.link(store, ids.byraad, 16, NOTAT)
    assert store.item_attachments(ids.byraad, 16)[-1] == NOTAT
    assert item_hits(store, ids.byraad, 16) == {NOTAT}  # search and answers filtered by the item find it
    assert item_marks.linked_item(store, ids.byraad, NOTAT) == 16
    assert item_marks.links(store, ids.byraad) == {NOTAT: 16}
    # Linked to the closed item instead, its text counts as closed (never shown in presentation mode).
    item_marks.link(store, ids.byraad, 7, NOTAT)
    [row] = store.chunks([i for i, _ in store.lexical("kalkulation", 5, SearchFilter(meeting_id=ids.byraad))])
    assert row.item_number == 7 and row.item_closed and NOTAT not in store.item_attachments(ids.byraad, 16)
    assert item_marks.unlink(store, ids.byraad, NOTAT) == 7
    assert item_marks.linked_item(store, ids.byraad, NOTAT) is None and item_hits(store, ids.byraad, 7) == set()
    assert [(b.document, b.item, b.by_hand) for b in item_marks.bilag_files(store, ids.byraad)] == [(NOTAT, None, True)]


def test_linking_refuses_unknown_files_the_agenda_itself_and_unlinking_an_unlinked_file(built):
    store, ids = built
    for call, key in ((lambda: item_marks.link(store, ids.byraad, 16, "findes ikke.pdf"), "link_document_missing"),
                      (lambda: item_marks.link(store, ids.byraad, 16, "byraad.pdf"), "link_not_bilag"),
                      (lambda: item_marks.link(store, ids.byraad, 99, NOTAT), "item_missing"),
                      (lambda: item_marks.unlink(store, ids.byraad, NOTAT), "document_not_linked")):  # fmt: skip
        with pytest.raises(UserError) as refused:
            call()
        assert refused.value.key == key
    assert item_marks.links(store, ids.byraad) == {}

