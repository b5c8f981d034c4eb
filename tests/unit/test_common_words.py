"""A lexical search of everyday words ranks only the chunks that say one of its rarer words
(app.core.store.fulltext.common_words), and falls back to the whole query when that finds too few."""

from __future__ import annotations

import pytest

from app.core.ingest.structure import Item
from app.core.store import fulltext
from app.core.store.database import NewChunk, SearchFilter, Store
from app.core.store.fulltext import common_words
from app.core.text import fts_query, query_terms, stem_set, stem_sets

KEY = bytes(range(32))


def test_only_words_over_the_share_are_left_out_and_never_the_rarest() -> None:
    counts = {"byraad": 370, "beslutning": 260, "cykelsti": 5, "sti": 10}
    assert common_words(counts, 1000, budget=500, share=0.05) == {"byraad", "beslutning"}
    assert common_words(counts, 1000, budget=500, share=0.3) == {"byraad"}
    assert common_words(counts, 1000, budget=500, share=0.0) == {"byraad", "beslutning", "sti"}  # cykelsti kept
    assert common_words({"byraad": 370, "kr": 400}, 1000, budget=100, share=0.05) == {"kr"}  # all common: the rarest stays
    assert common_words(counts, 1000, budget=10_000, share=0.05) == frozenset()  # few rows match: the whole query
    assert common_words({}, 1000, budget=0, share=0.05) == frozenset()


def test_words_left_out_of_the_fts_query_go_as_words_and_as_compound_heads() -> None:
    terms = query_terms("cykelsti vejen")
    whole = fts_query(terms)
    assert '"vej"' in whole and '"jev"*' not in whole and '"itslekyc"*' in whole
    kept = fts_query(terms, leave_out=frozenset({"cykelsti"}))
    assert '"cykelsti"' not in kept and '"itslekyc"*' not in kept and '"vej"' in kept
    assert fts_query(terms, leave_out=frozenset({"vej", "cykelsti"})) is None


def test_stem_sets_are_the_stem_set_of_each_text() -> None:
    texts = ["Byrådet besluttede 12,5 mio. kr. til Strandvejen i Ølstykke", "øvrige udgifter", "", "og i at"]
    assert stem_sets(texts) == [stem_set(text) for text in texts]


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
