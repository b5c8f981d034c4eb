"""Search precision on word searches (issue "a councillor's evening", item 5): of the results the search tab
shows for a one-word query, the share that contains the word (aim 1.0), against the ranked passages
the search returns before they are grouped into pages."""

from __future__ import annotations

import statistics
from typing import Any

import pytest

from app.core.search.pages import by_page, mentions, query_stems

WORDS = ("landbrugsejendom", "parkering", "budget", "skole", "lokalplan", "vederlag", "aktindsigt",
         "inhabilitet", "spildevand", "daginstitution", "vejbelysning", "ældrecenter")  # fmt: skip


@pytest.mark.bench
def test_word_search_precision(retrieval_corpus: Any, record: Any) -> None:
    library = retrieval_corpus.library
    shown_precision, raw_precision, pages = [], [], []
    for word in WORDS:
        wanted = query_stems(word)
        hits = library.search(word, limit=30)
        if not hits:
            continue
        raw_precision.append(sum(mentions(hit.text, wanted) for hit in hits) / len(hits))
        shown = by_page(hits, word)
        pages.append(len(shown))
        if shown:
            shown_precision.append(sum(mentions(page.hit.text, wanted) for page in shown) / len(shown))
    record("search_word_precision", statistics.mean(shown_precision), "share of shown results with the word",
           baseline=statistics.mean(raw_precision))
    record("search_word_pages_shown", statistics.mean(pages), "pages per word search (of 30 passages)")
    assert statistics.mean(shown_precision) == 1.0
