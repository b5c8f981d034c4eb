"""What must hold for any input, shared by the property tests and the fuzz harnesses."""

from __future__ import annotations

import re

from app.core.ingest.extract import Page
from app.core.ingest.structure import Structure


def kept_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def check_structure(pages: list[Page], structure: Structure) -> None:
    """Items in agenda order within the document's pages; every line of every page kept, in place."""
    numbers = [item.number for item in structure.items]
    assert numbers == sorted(set(numbers)), numbers
    starts = [item.start_page for item in structure.items]
    assert starts == sorted(starts), starts
    for item in structure.items:
        assert 1 <= item.start_page <= item.end_page <= len(pages), item
    date = structure.header.date
    assert date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", date), date
    for segment in structure.segments:
        assert 1 <= segment.page <= len(pages) and segment.text.strip(), segment
        assert segment.item_number is None or segment.item_number in numbers, segment
    for page in pages:
        found = [line for s in structure.segments if s.page == page.number for line in kept_lines(s.text)]
        assert found == kept_lines(page.text), page.number


def check_pages(pages: list[Page]) -> None:
    """Extracted pages: numbered 1..n, no control characters but newlines and tabs."""
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    for page in pages:
        assert all(ch in "\n\t" or ch >= " " for ch in page.text), page.number
