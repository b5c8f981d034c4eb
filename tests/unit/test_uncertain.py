"""Pages held as closed when the structure is uncertain (issue 16, item 8), and how the store treats them."""

from app.core.ingest.extract import Page
from app.core.ingest.structure import Item, detect_structure
from app.core.ingest.uncertain import CLOSED_MARKER, CONTENTS_CLOSED, CONTENTS_MISSING, held_pages
from app.core.store.database import NewChunk, SearchFilter, Store

CONTENTS = Page(1, "Referat\nØkonomiudvalget\nIndhold\n1. Budget\n2. Lukket: Køb af grund\n3. Takster\n4. Eventuelt")


def test_a_listed_item_that_was_not_found_holds_the_pages_where_it_may_be():
    pages = [CONTENTS,
             Page(2, "1. Budget\nSagsnr.: 24-000001\nTekst."),
             Page(3, "Køb af grund ved havnen\nSagsnr.: 24-000002\nKøbesum 4 mio. kr."),  # heading lost
             Page(4, "3. Takster\nSagsnr.: 24-000003\nTekst."),
             Page(5, "4. Eventuelt\nSagsnr.: 24-000004\nIntet.")]  # fmt: skip
    structure = detect_structure(pages)
    assert [i.number for i in structure.items] == [1, 3, 4]
    held = held_pages(pages, structure)
    # Item 2 lies between item 1 (page 2) and item 3 (page 4); the contents show a closed title.
    assert held == {1: CONTENTS_CLOSED, 2: CONTENTS_MISSING, 3: CONTENTS_MISSING}


def test_closed_markers_outside_closed_items_hold_their_page_and_inside_do_not():
    pages = [Page(1, "1. Budget\nSagsnr.: 24-000001\nTekst."),
             Page(2, "Sagen behandles jf. Styrelsesloven § 9 a for lukkede døre."),
             Page(3, "2. Lukket: Personalesag\nSagsnr.: 24-000002\nLukket punkt"),
             Page(4, "3. Eventuelt\nSagsnr.: 24-000003\nDer tales om lukkede punkter og åbenhed generelt.")]  # fmt: skip
    structure = detect_structure(pages)
    assert [(i.number, i.closed) for i in structure.items] == [(1, False), (2, True), (3, False)]
    assert held_pages(pages, structure) == {2: CLOSED_MARKER}


def test_a_certain_structure_holds_nothing_and_a_bilag_contents_list_is_no_agenda():
    pages = [Page(1, "1. Budget\nSagsnr.: 24-000001\nTekst."), Page(2, "2. Takster\nSagsnr.: 24-000002\nTekst.")]
    assert held_pages(pages, detect_structure(pages)) == {}
    bilag = [Page(1, "Indhold\n1. Indledning\n2. Baggrund\n3. Analyse"), Page(2, "Brødtekst uden overskrifter.")]
    assert held_pages(bilag, detect_structure(bilag)) == {}


def test_held_pages_count_as_closed_until_released(tmp_path):
    store = Store(tmp_path / "store.sqlite", bytes(range(32)))
    with store.transaction() as db:
        meeting = store.add_meeting(db, "Møder", "ØU", "Økonomiudvalget", "2024-02-12", "referat", None, True)
        document = store.add_document(db, meeting, "referat.pdf", "sha", ["indhold", "budget", "grund"])
        item = store.add_item(db, meeting, document, Item(1, "Budget", 2, 3))
        ids = store.add_chunks(db, document, [NewChunk(1, None, None, "Indhold lukket"),
                                              NewChunk(2, 1, None, "Budget tekst"),
                                              NewChunk(3, 1, None, "Grund købesum")], {1: item})  # fmt: skip
        store.hold_pages(db, document, {1: CLOSED_MARKER, 3: CONTENTS_MISSING})
    assert [row.item_closed for row in store.chunks(ids)] == [True, False, True]
    only_open = store.chunk_filter(ids, SearchFilter(closed=False))
    assert only_open == {ids[1]}
    [row] = store.items(meeting)
    assert row.closed and row.held  # closed for display, but not a real closed item (retention skips it)

    released = store.release_pages(meeting, [3])
    assert [(h.document, h.page) for h in released] == [("referat.pdf", 3)]
    assert [row.item_closed for row in store.chunks(ids)] == [True, False, False]
    [row] = store.items(meeting)
    assert not row.closed and not row.held
    assert [h.page for h in store.held_pages(meeting)] == [1]
    store.close()
