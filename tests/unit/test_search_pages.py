"""Search results as pages: one per page, word searches show only pages with the word, no bare headings."""

from __future__ import annotations

from app.core.library import Hit
from app.core.search.pages import by_page


def hit(chunk: int, page: int, text: str, document: str = "pakke.pdf", meeting: int = 1) -> Hit:
    return Hit(chunk, document, page, meeting, "Byråd", "2023-10-02", 7, "Punkt", False, None, text, 1.0 / chunk)


def test_one_result_per_page_best_passage_first_with_the_count() -> None:
    hits = [hit(1, 5, "Landbrugsejendommen på Tåstrupvej sælges til kommunen."),
            hit(2, 9, "Køb af landbrugsejendom ved Hundige, pris 2 mio. kr."),
            hit(3, 5, "Landbrugsejendom: handlen kræver byrådets godkendelse i dag.")]
    pages = by_page(hits, "landbrugsejendom")
    assert [(p.hit.page, p.hit.chunk_id, p.passages) for p in pages] == [(5, 1, 2), (9, 2, 1)]


def test_a_one_word_search_shows_only_pages_with_the_word_or_its_compounds() -> None:
    hits = [hit(1, 2, "Byggesagsgebyret hæves til 950 kr. pr. time fra 2026."),
            hit(2, 3, "Taksterne for byggesager justeres efter pris- og lønudviklingen."),  # only resembles it
            hit(3, 4, "Gebyr for parkering i midtbyen fastholdes uændret.")]
    assert [p.hit.page for p in by_page(hits, "gebyr")] == [2, 4]


def test_bare_headings_are_dropped_and_other_meetings_are_other_pages() -> None:
    hits = [hit(1, 2, "Bilag"), hit(2, 2, "Beslutningspunkter"),
            hit(3, 2, "Skolen på Hedevej udvides med fire klasselokaler.", meeting=1),
            hit(4, 2, "Skolen på Hedevej udvides med fire klasselokaler.", meeting=2)]
    pages = by_page(hits, "skole")
    assert [(p.hit.meeting_id, p.hit.chunk_id) for p in pages] == [(1, 3), (2, 4)]


def test_a_longer_query_lists_pages_with_its_words_before_those_that_only_resemble_it() -> None:
    hits = [hit(1, 8, "Trafiksikkerheden omkring institutionerne forbedres med nye fodgængerfelter."),
            hit(2, 3, "Parkering ved skolen: der etableres 40 nye pladser til forældre.")]
    assert [p.hit.page for p in by_page(hits, "parkering ved skolen")] == [3, 8]
