"""Search results as pages, which is how a reader thinks of them.

The search ranks passages (chunks); several passages of one page, or a page whose passage only
*resembles* the query (the vector side), make a list of 30 "results" that is mostly noise for a
word search. Here the ranked passages become one result per page (its best passage first, with the
number of the page's matching passages), a passage that is a bare heading is dropped, and:
- a one-word query shows only pages that contain the word (or a compound with it as its head,
  "byggesagsgebyr" for "gebyr", which is how the lexical search finds compounds);
- a longer query lists the pages that contain its words before those that only resemble it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.text import MIN_COMPOUND_HEAD, stems, words

if TYPE_CHECKING:
    from app.core.search.hits import Hit

# A passage with fewer words is a heading ("Bilag", "Beslutningspunkter"), not a finding.
MIN_PASSAGE_WORDS = 4


@dataclass(frozen=True)
class PageResult:
    hit: Hit  # the page's best-ranked passage
    passages: int  # the page's passages among the hits


def query_stems(query: str) -> frozenset[str]:
    return frozenset(stems(query))


def stem_matches(stem: str, wanted: frozenset[str]) -> bool:
    return bool(stem) and any(stem == q or (len(q) >= MIN_COMPOUND_HEAD and stem.endswith(q)) for q in wanted)


def mentions(text: str, wanted: frozenset[str]) -> bool:
    """The text holds a word of the query (same stem, or a compound ending in it)."""
    return any(stem_matches(stem, wanted) for stem in stems(text))


def by_page(hits: list[Hit], query: str) -> list[PageResult]:
    wanted = query_stems(query)
    pages: dict[tuple[int, str, int], list[Hit]] = {}
    for hit in hits:
        if len(words(hit.text)) < MIN_PASSAGE_WORDS:
            continue
        pages.setdefault((hit.meeting_id, hit.document, hit.page), []).append(hit)
    results = []
    for found in pages.values():
        holding = [hit for hit in found if mentions(hit.text, wanted)]
        results.append((bool(holding), PageResult((holding or found)[0], len(holding or found))))
    if len(wanted) == 1:
        return [result for holds, result in results if holds]
    return [result for holds, result in results if holds] + [result for holds, result in results if not holds]
