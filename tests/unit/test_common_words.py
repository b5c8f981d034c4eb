"""A lexical search of everyday words goes in two steps (app.core.store.fulltext): FTS5 ranks the chunks
that say one of its rarer phrases (common_words), the best of them get the common phrases' share of
BM25 added as FTS5 computes it, and the whole query is the fallback when that finds too few."""

from __future__ import annotations

import re

import pytest

from app.core.ingest.structure import Item
from app.core.store import fulltext
from app.core.store.database import NewChunk, SearchFilter, Store
from app.core.store.fulltext import common_words
from app.core.text import compound_keys, fts_query, query_terms, stem_set, stem_sets

KEY = bytes(range(32))


def test_only_words_over_the_share_are_left_out_and_never_the_rarest() -> None:
    counts = {"byraad": 370, "beslutning": 260, "cykelsti": 5, "sti": 10}
    assert common_words(counts, 1000, budget=500, share=0.05) == {"byraad", "beslutning"}
    assert common_words(counts, 1000, budget=500, share=0.3) == {"byraad"}
    assert common_words(counts, 1000, budget=500, share=0.0) == {"byraad", "beslutning", "sti"}  # cykelsti kept
    assert common_words({"byraad": 370, "kr": 400}, 1000, budget=100, share=0.05) == {"kr"}  # all common: the rarest stays
    assert common_words(counts, 1000, budget=10_000, share=0.05) == frozenset()  # few rows match: the whole query
    assert common_words({}, 1000, budget=0, share=0.05) == frozenset()


def test_over_the_budget_the_most_common_go_first_but_not_the_words_asked() -> None:
    counts = {"daginstitution": 60, "dag": 59, "pulj": 52, "institution*": 65, "anlaeg": 46, "ny": 84}
    # No phrase over the share: the most common go until the rest match at most the budget ...
    assert common_words(counts, 1000, budget=200, share=0.1) == {"ny", "institution*", "daginstitution"}
    # ... passing over the question's own words, which only the share takes out.
    asked = ["ny", "daginstitution", "anlaeg"]
    assert common_words(counts, 1000, budget=200, share=0.1, asked=asked) == {"institution*", "dag", "pulj"}
    assert common_words(counts, 1000, budget=200, share=0.07, asked=asked) == {"ny", "institution*", "dag"}


def test_words_left_out_of_the_fts_query_still_go_as_compound_heads() -> None:
    terms = query_terms("cykelsti vejen")
    whole = fts_query(terms)
    assert '"vej"' in whole and '"jev"*' not in whole and '"itslekyc"*' in whole
    kept = fts_query(terms, leave_out=frozenset({"cykelsti"}))
    assert '"cykelsti"' not in kept and '"itslekyc"*' in kept and '"vej"' in kept  # "ladcykelsti" still counts
    assert fts_query(terms, leave_out=frozenset({"vej", "cykelsti"})) == 'rterms : ("itslekyc"*)'


def test_stem_sets_are_the_stem_set_of_each_text() -> None:
    texts = ["Byrådet besluttede 12,5 mio. kr. til Strandvejen i Ølstykke", "øvrige udgifter", "", "og i at"]
    assert stem_sets(texts) == [stem_set(text) for text in texts]


def test_a_compound_head_finds_the_longer_words_that_end_in_it_not_the_word_itself(tmp_path) -> None:
    # Each stem reversed without its first letter; short stems end in no head.
    assert compound_keys(["byraad", "kommunalbyraad", "sti", "vej"]) == "daary daaryblanummo"
    store, ids = _store(tmp_path, ["Byrådet godkendte planen.", "Kommunalbyrådet godkendte planen.", "Planen."])
    try:
        heads_only = store._db.execute("SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH 'rterms : \"daaryb\"*'")
        assert [r[0] for r in heads_only] == [ids[1]]  # the compound, not "byrådet" itself
        assert {i for i, _ in store.lexical("byrådet", 5)} == {ids[0], ids[1]}  # as a word, or as a compound's head
    finally:
        store.close()


def _store(tmp_path, texts: list[str]) -> tuple[Store, list[int]]:  # type: ignore[no-untyped-def]
    store = Store(tmp_path / "store.sqlite", KEY)
    with store.transaction() as db:
        meeting = store.add_meeting(db, "Møder", "Byrådet 2023-10-02", "Byrådet", "2023-10-02", "referat", None, True)
        document = store.add_document(db, meeting, "pakke.pdf", "abc", ["side"])
        item = store.add_item(db, meeting, document, Item(1, "Punkt", 1, 1, False, "23-001", []))
        ids = store.add_chunks(db, document, [NewChunk(1, 1, "Sag", text) for text in texts], {1: item})
    return store, ids


@pytest.fixture
def everyday_store(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """61 chunks: 6 about the council's decisions, 48 about a committee's, 6 that name the cycle path
    (3 of them also the council), and one short one that says the council's words over and over."""
    monkeypatch.setattr(fulltext, "MATCH_BUDGET", 10)  # a small store behaves as a big one
    texts = [f"Byrådet traf beslutning nummer {n} om budgettet." for n in range(6)]
    texts += [f"Udvalget drøftede budgettet og planen for skolerne, sag {n}." for n in range(48)]
    texts += [f"{'Byrådet' if n < 3 else 'Udvalget'} drøftede cykelstien langs vej {n} og planen." for n in range(6)]
    texts += ["Byrådets beslutning. Byrådet. Beslutningen. Byrådet."]
    store, ids = _store(tmp_path, texts)
    yield store, ids
    store.close()


def test_a_rare_word_decides_which_chunks_are_ranked_and_the_common_ones_still_score(everyday_store) -> None:
    store, ids = everyday_store
    query = "Byrådets beslutning om cykelstien"
    ranked = store.lexical(query, 5)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fulltext, "MATCH_BUDGET", 10**9)  # the whole query: BM25 for every matching row
        exact = dict(store.lexical(query, 5))
    assert ids[-1] in exact  # the chunk of only common words ranks among the first five ...
    assert len(ranked) == 5 and {i for i, _ in ranked} <= set(ids[54:60])  # ... but only cykelsti chunks are ranked
    assert all(abs(score - exact[i]) < 1e-9 for i, score in ranked if i in exact)  # "byrådet" still counts
    assert store.lexical(query, 5, SearchFilter(committee="Byrådet")) == ranked


def test_too_few_chunks_with_the_rare_word_widen_to_the_whole_query(everyday_store) -> None:
    store, ids = everyday_store
    found = store.lexical("Byrådets beslutning om cykelstien", 20)
    assert {i for i, _ in found} == set(ids[:6]) | set(ids[54:])  # every chunk that says a word of it


def test_a_query_of_only_common_words_still_finds_chunks(everyday_store) -> None:
    store, ids = everyday_store
    found = store.lexical("byrådets beslutning", 10)
    assert len(found) == 10 and ids[-1] in {i for i, _ in found}


@pytest.fixture(scope="module")
def greve_store(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Real council text: the items of twelve Greve meetings, a chunk per section, the item title as context."""
    from tests.fixtures import greve
    from tests.fixtures.packs import GREVE_DIR

    store = Store(tmp_path_factory.mktemp("greve") / "store.sqlite", KEY)
    for path in sorted(GREVE_DIR.glob("*.json"))[1:13]:
        meeting = greve.load_meeting(path)
        items = meeting["items"]
        with store.transaction() as db:
            meeting_id = store.add_meeting(db, "Møder", path.stem, meeting["committee"], meeting["date"], "referat", None, True)
            document = store.add_document(db, meeting_id, f"{path.stem}.pdf", path.stem, ["side"])
            item_ids = {item["number"]: store.add_item(db, meeting_id, document, Item(
                item["number"], item["title"], 1, 1, item["closed"], item["case_number"], [])) for item in items}  # fmt: skip
            chunks = [NewChunk(1, item["number"], heading, text, context=item["title"])
                      for item in items for heading, text in item["sections"]]  # fmt: skip
            store.add_chunks(db, document, chunks, item_ids)
    yield store
    store.close()


@pytest.mark.parametrize("query", ["Hvad besluttede byrådet om budgettet for 2024?", "tilskud til foreninger",
                                   "anlægsbevilling til ny daginstitution", "udvalgets indstilling om 1,5 mio. kr."])
def test_the_common_phrases_share_is_the_bm25_fts5_computes(greve_store, query, monkeypatch) -> None:
    """With every matching chunk in the pool, the two steps give the whole query's BM25 exactly:
    the same IDF, row lengths (numbers with points count as FTS5 reads them), column weights
    (item titles, compound heads) and average length (FTS5's averages record)."""
    store = greve_store
    terms = store.query_terms(query)
    exact = dict(store._bm25(fts_query(terms), 10_000, SearchFilter()))
    monkeypatch.setattr(fulltext, "MATCH_BUDGET", 0)
    monkeypatch.setattr(fulltext, "COMMON_SHARE", 0.03)  # in the second step: all but the rarer words asked
    monkeypatch.setattr(fulltext, "POOL_FACTOR", 10_000)
    steps = []
    with_phrases = Store._with_phrases
    monkeypatch.setattr(Store, "_with_phrases", lambda self, *args: steps.append(args[1]) or with_phrases(self, *args))
    two_steps = store.lexical(terms, 5)
    assert len(two_steps) == 5 and len(steps) == 1 and any(p.endswith("*") for p in steps[0])  # heads too
    assert all(abs(score - exact[chunk_id]) < 1e-9 for chunk_id, score in two_steps)
    # The best five of the chunks that say a rarer word asked, in order.
    ranked = [chunk_id for chunk_id, _ in two_steps]
    assert ranked == sorted(ranked, key=lambda chunk_id: -exact[chunk_id])


def test_an_older_store_gets_its_compound_keys_from_the_stems_it_holds(tmp_path) -> None:
    from app.core.store import database as store_module

    store, ids = _store(tmp_path, ["Byrådet godkendte planen.", "Kommunalbyrådet godkendte 1.500 kr."])
    with store.transaction() as db:  # the column as migration 3 wrote it: every stem reversed
        db.execute("UPDATE chunks_fts SET rterms = 'daaryb dnekdog nalp' WHERE rowid = ?", [ids[0]])
        db.execute("UPDATE chunks_fts SET rterms = 'daarybla nummok dnekdog 005.1 rk' WHERE rowid = ?", [ids[1]])
        db.execute("PRAGMA user_version = 12")
    store.close()
    migrated = Store(tmp_path / "store.sqlite", KEY)
    try:
        assert migrated.schema_version == len(store_module.MIGRATIONS)
        columns = dict(migrated._db.execute("SELECT rowid, rterms FROM chunks_fts").fetchall())
        assert columns == {ids[0]: "daary dnekdo", ids[1]: "daaryblanummo dnekdo"}
        heads_only = migrated._db.execute("SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH 'rterms : \"daaryb\"*'")
        assert [r[0] for r in heads_only] == [ids[1]]
        assert {i for i, _ in migrated.lexical("byrådet", 5)} == set(ids)
    finally:
        migrated.close()
