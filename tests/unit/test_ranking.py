from app.core.search.ranking import answer_kinds, coverage, rerank, term_weights
from app.core.store.database import ChunkRow
from app.core.text import query_terms


def row(chunk_id: int, text: str, title: str | None = None) -> ChunkRow:
    return ChunkRow(chunk_id, "pakke.pdf", chunk_id, 1, "Byrådet", "2023-10-02", 1, title, False, None, text)


def test_rare_terms_weigh_more_and_unknown_terms_nothing():
    terms = query_terms("kantinen udgift ukendtord")
    weights = term_weights(terms, {"kantin": 3, "udgift": 300}, total_chunks=1000)
    assert weights[0] > weights[1] > 0 and weights[2] == 0


def test_coverage_counts_the_item_title_and_weights():
    terms = query_terms("kantinen budget")
    weights = [2.0, 1.0]
    assert coverage(terms, weights, "Kantinen på rådhuset") == 2 / 3
    assert coverage(terms, weights, "Kantinens budget for 2024") == 1.0
    assert coverage(terms, weights, "intet af det") == 0.0


def test_rerank_prefers_the_chunk_that_answers_more_of_the_question_and_drops_copies():
    terms = query_terms("Hvor stort er budgettet for kantinen?", known=lambda words: {"budg"} & set(words))
    weights = [1.0] * len(terms)
    boilerplate = row(1, "Sagsprocedure: Kantinen. Økonomiudvalget og Byrådet.")
    answer = row(2, "Kantinen har et årligt budget på 1,1 mio. kr.")
    copy = row(3, "Kantinen  har et årligt budget på 1,1 mio. kr.")  # the same passage in a later pack
    ranked = rerank([boilerplate, answer, copy], {1: 1.0, 2: 0.7, 3: 0.7}, terms, weights, answer_kinds("budgettet"))
    assert [r.id for r, _score in ranked] == [2, 1]


def test_answer_kinds_follow_the_question():
    when, = answer_kinds("Hvornår træder reglerne i kraft?")
    assert when.search("træder i kraft 1. januar 2024") and when.search("vil tage ca. tre måneder")
    assert not when.search("koster 2 mio. kr.")
    amount, = answer_kinds("Hvad koster ombygningen?")
    assert amount.search("anslået til 12,5 mio. kr.") and not amount.search("den 1. januar")
    assert answer_kinds("Hvem er formand?") == []
