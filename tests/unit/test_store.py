from app.core.ingest.structure import Item
from app.core.store.database import NewChunk, Store
from app.core.store.migrations import MIGRATIONS


KEY = bytes(range(32))


def make_store(tmp_path):
    return Store(tmp_path / "store.sqlite", KEY)


def add_meeting(store, text="Udgiften til svømmehallen er 12,5 mio. kr.", sha="abc"):
    with store.transaction() as db:
        meeting = store.add_meeting(db, "Møder", "Byrådet 2023-10-02", "Byrådet", "2023-10-02", "referat",
                                    "Byrådssalen", True)  # fmt: skip
        document = store.add_document(db, meeting, "pakke.pdf", sha, ["side et", text])
        item = store.add_item(db, meeting, document, Item(4, "Svømmehal", 2, 2, False, "23-001", ["Tegninger"]))
        ids = store.add_chunks(db, document, [NewChunk(2, 4, "Økonomi", text, context="Svømmehal")], {4: item})
    return meeting, ids


def test_migrations_run_once_and_set_the_version(tmp_path):
    store = make_store(tmp_path)
    assert store.schema_version == len(MIGRATIONS)
    store.close()
    assert make_store(tmp_path).schema_version == len(MIGRATIONS)


def test_lexical_search_uses_danish_stems_and_item_titles(tmp_path):
    store = make_store(tmp_path)
    _meeting, ids = add_meeting(store)
    assert [i for i, _ in store.lexical("udgifterne", 5)] == ids  # stem of "udgiften"
    assert [i for i, _ in store.lexical("svømmehallens", 5)] == ids
    row = store.chunks(ids)[0]
    assert (row.document, row.page, row.item_number, row.item_title, row.section) == (
        "pakke.pdf", 2, 4, "Svømmehal", "Økonomi")


def test_failed_transaction_leaves_nothing(tmp_path):
    store = make_store(tmp_path)
    try:
        with store.transaction() as db:
            store.add_meeting(db, "Møder", "x", None, None, None, None, False)
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert store.meetings() == []


def test_delete_removes_rows_and_fulltext(tmp_path):
    store = make_store(tmp_path)
    meeting, ids = add_meeting(store)
    assert store.delete_meeting(meeting) == ids
    assert store.meetings() == [] and store.lexical("svømmehal", 5) == [] and store.chunk_count() == 0
    assert store.known_hashes(["abc"]) == {}


def test_replacing_a_document_removes_its_rows_and_fulltext(tmp_path):
    store = make_store(tmp_path)
    meeting, ids = add_meeting(store)
    assert store.documents_named(meeting, ["pakke.pdf", "andet.pdf"]) == {"pakke.pdf": 1}
    with store.transaction() as db:
        assert store.attachment_names(db, meeting) == {4: ["Tegninger"]}
        assert store.delete_documents(db, [1]) == ids
        assert store.item_ids(db, meeting) == {}
    assert store.lexical("svømmehal", 5) == [] and store.meetings()[0].id == meeting


def test_compound_words_are_found_by_their_head(tmp_path):
    store = make_store(tmp_path)
    _meeting, ids = add_meeting(store, text="Byggesagsgebyret fastsættes til 786 kr. pr. time.", sha="cmp")
    assert [i for i, _ in store.lexical("Hvad er gebyret?", 5)] == ids
    assert [i for i, _ in store.lexical("Århus", 5)] == []  # no false hits from folding


def test_filters_narrow_the_lexical_search(tmp_path):
    from app.core.store.database import SearchFilter

    store = make_store(tmp_path)
    _meeting, ids = add_meeting(store)
    assert [i for i, _ in store.lexical("svømmehal", 5, SearchFilter(committee="byråd", item_number=4))] == ids
    assert store.lexical("svømmehal", 5, SearchFilter(closed=True)) == []
    assert store.lexical("svømmehal", 5, SearchFilter(date_from="2024-01-01")) == []


def test_filtered_search_and_term_counts_follow_every_write(tmp_path):
    """The lists a filter passes and the term counts are cached until the store changes: by this
    connection or by another process's (here: a second connection's) commit."""
    from app.core.store.database import SearchFilter

    store = make_store(tmp_path)
    byraad = SearchFilter(committee="byråd")
    _meeting, first = add_meeting(store)
    assert [i for i, _ in store.lexical("svømmehal", 5, byraad)] == first
    assert store.document_frequencies(["svoemmehal", "skoel"]) == {"svoemmehal": 1}
    _meeting, second = add_meeting(store, "Svømmehallen får en ny skole ved siden af.", sha="def")
    assert sorted(i for i, _ in store.lexical("svømmehal", 5, byraad)) == sorted(first + second)
    assert store.document_frequencies(["svoemmehal", "skol"]) == {"svoemmehal": 2, "skol": 1}
    other = make_store(tmp_path)
    _meeting, third = add_meeting(other, "Svømmehallen lukker i juli.", sha="ghi")
    other.close()
    assert sorted(i for i, _ in store.lexical("svømmehal", 5, byraad)) == sorted(first + second + third)
    assert store.chunk_count() == 3 and store.document_frequencies(["svoemmehal"]) == {"svoemmehal": 3}
    assert store.chunk_filter(first + third, SearchFilter(closed=False)) == set(first + third)
    assert store.lexical("svømmehal", 5, SearchFilter(closed=True)) == []
