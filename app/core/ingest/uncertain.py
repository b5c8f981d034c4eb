"""Pages held as closed until the user confirms them: where structure detection may have missed a
closed item.

Closed-item protection must not rest on the detector alone (issue 16, item 8). These signs say that
closed material may lie outside the detected closed items, and the pages they touch are treated as
closed (hidden in presentation mode, labelled confidential) until the user confirms them open:

* ``contents_missing``: the contents page lists items that were not found. The pages between the
  found neighbours of a missing item may hold it (and it may be closed).
* ``closed_marker``: a page outside every closed item says "Lukket", "lukket punkt", "§ 9 a" … —
  a closed item's text or title where none was detected.
* ``contents_closed``: the same on the contents page: it shows the closed items' titles.

Only a reason code is kept with a page, never text: the store holds it next to the page numbers.
"""

from __future__ import annotations

import re

from app.core.ingest.extract import Page
from app.core.ingest.structure import _EXPLICIT_RE, _NUMBERED_RE, Structure, detect_structure

CONTENTS_MISSING = "contents_missing"
CLOSED_MARKER = "closed_marker"
CONTENTS_CLOSED = "contents_closed"  # a contents page that shows closed items' titles

# What a closed item says about itself: a heading that starts "Lukket" ("Lukket: …", "3. Lukket: …"),
# the notice "lukket punkt", and the Styrelseslov's § 9 a on closed meetings. General talk about
# openness ("lukkede punkter", "for lukkede døre") does not count.
_MARKER_RE = re.compile(
    r"(?m)^\s*(?:(?:Dagsordens)?[Pp]unkt\s*\d+\s*[:.]?\s*|\d{1,3}[.)]?\s+)?Lukket\b"
    r"|(?i:\blukket\s+punkt\b|§\s*9\s*a\b)"
)
_CONTENTS_MIN_ENTRIES = 3
_CONTENTS_SHARE = 0.4  # of a contents page's lines that are entries


def structure_with_held(pages: list[Page]) -> Structure:
    """A file's structure with the pages to hold as closed: what ingest.pack stores. Run in the
    reading child (ingest/isolation.py) as well as here: it is ~1 s of CPU-bound Python for 350 pages."""
    structure = detect_structure(pages)
    structure.held = held_pages(pages, structure)  # closed-item protection beyond the detector
    return structure


def held_pages(pages: list[Page], structure: Structure) -> dict[int, str]:
    """Page number -> reason for every page of the document to hold as closed."""
    held: dict[int, str] = {}
    for page in _missing_item_pages(pages, structure):
        held[page] = CONTENTS_MISSING
    closed = {n for item in structure.items if item.closed for n in range(item.start_page, item.end_page + 1)}
    contents = contents_pages(pages, structure)
    for page in pages:
        if page.number not in closed and page.number not in held and _MARKER_RE.search(page.text):
            held[page.number] = CONTENTS_CLOSED if page.number in contents else CLOSED_MARKER
    return dict(sorted(held.items()))


def contents_pages(pages: list[Page], structure: Structure) -> set[int]:
    """The pages of the contents list (see contents_list)."""
    listed, last = contents_list(pages, structure)
    return {p.number for p in pages if p.number <= last and _is_entry_page(p)} if listed else set()


def _is_entry_page(page: Page) -> bool:
    lines = [line.strip() for line in page.text.splitlines() if line.strip()]
    entries = sum(1 for line in lines if _EXPLICIT_RE.match(line) or _NUMBERED_RE.match(line))
    return entries >= _CONTENTS_MIN_ENTRIES and entries >= _CONTENTS_SHARE * len(lines)


def contents_list(pages: list[Page], structure: Structure) -> tuple[list[int], int]:
    """(item numbers a contents list names, its last page), or ([], 0).

    Only when items were found: a bilag's own contents ("1. Indledning …") is no agenda. The list is
    the numbered lines that run 1, 2, 3 … on contents-like pages before the first item (most of their
    lines are entries), so numbered paragraphs on a cover page do not count."""
    if not structure.items:
        return [], 0
    first = min(item.start_page for item in structure.items)
    numbers: list[int] = []
    last = 0
    for page in pages:
        if page.number >= first:
            break
        if not _is_entry_page(page):
            continue
        lines = [line.strip() for line in page.text.splitlines() if line.strip()]
        entries = [m for m in (_EXPLICIT_RE.match(line) or _NUMBERED_RE.match(line) for line in lines) if m]
        for match in entries:
            if int(match[1]) == len(numbers) + 1:
                numbers.append(int(match[1]))
                last = page.number
    return (numbers, last) if len(numbers) >= _CONTENTS_MIN_ENTRIES else ([], 0)


def _missing_item_pages(pages: list[Page], structure: Structure) -> set[int]:
    """Pages that may hold a listed item that was not found: from the start of the found item before it
    (or the first page after the contents) to the page before the found item after it."""
    listed, contents_end = contents_list(pages, structure)
    found = {item.number: item for item in structure.items}
    last_page = max((p.number for p in pages), default=0)
    held: set[int] = set()
    for number in (n for n in listed if n not in found):
        before = [item.start_page for n, item in found.items() if n < number]
        after = [item.start_page for n, item in found.items() if n > number]
        first = max(before) if before else contents_end + 1
        last = min(after) - 1 if after else last_page
        held.update(range(first, max(first, last) + 1))
    return held
