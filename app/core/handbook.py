"""The "Håndbog" collection: the council handbook, guidelines and laws, seeded by IT or the user.

Answers from it cite the § a passage belongs to. A law is chunked by length, not by §, so a
chunk may start in the middle of one: its § is the nearest "§ N." heading before it, found in
the chunk itself or earlier on its page (or the page before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.library import Hit, Library
from app.core.store import ChunkRow, Store
from app.core.titles import HANDBOOK_COLLECTION

COLLECTION = HANDBOOK_COLLECTION

# For newly elected members: what the handbook and the laws in it answer.
STARTER_QUESTIONS = (
    "Hvornår er jeg inhabil i en sag, og hvad skal jeg så gøre?",
    "Hvilke sagsakter har jeg som byrådsmedlem ret til at se?",
    "Hvornår kan en borger få aktindsigt i en sag?",
    "Hvor mange dage før mødet skal dagsorden og bilag være sendt ud?",
    "Kan jeg selv få et punkt sat på dagsordenen?",
    "Hvad har jeg tavshedspligt om, og gælder den lukkede punkter?",
    "Hvad får man i vederlag som medlem af byrådet?",
    "Hvornår bliver en stedfortræder kaldt ind?",
    "Hvornår må byrådet behandle en sag for lukkede døre?",
    "Hvor mange gange skal budgettet behandles i byrådet?",
)

# A § heading at the start of a line: "§ 14.", "§ 9 a.", "§ 79b." (a reference such as "jf. § 40"
# inside a sentence is not one).
_HEADING_RE = re.compile(r"^§\s*(\d+)(?:\s*([a-z]))?\s*\.(?=\s|$)", re.MULTILINE)


def has_handbook(library: Library) -> bool:
    return any(meeting.collection == COLLECTION for meeting in library.meetings())


def section_ref(chunk_text: str, text_before: str = "", quote: str | None = None) -> str | None:
    """ "§ 14" for a chunk inside § 14; "§§ 9 d-10 a" when it runs over several; None outside any §.

    text_before: the page text before the chunk (and the previous page's), where the § it starts
    in is headed. quote: the part of the chunk that was cited; its § is the one given, when found."""
    flat = _flat_lines(chunk_text)
    at = flat.replace("\n", " ").find(" ".join(quote.split())) if quote else -1
    if at >= 0:
        flat = flat[: at + 1]  # the headings up to the quote: the last one is the quote's §
    inside = [_label(m) for m in _HEADING_RE.finditer(flat)]
    starts_with_heading = bool(_HEADING_RE.match(flat.lstrip()))
    before = [_label(m) for m in _HEADING_RE.finditer(text_before)]
    sections = inside if starts_with_heading or not before else [before[-1], *inside]
    if not sections:
        return None
    if at >= 0 or len(sections) == 1:
        return f"§ {sections[-1]}"
    return f"§§ {sections[0]}-{sections[-1]}"


def section_refs(library: Library, hits: list[Hit], quotes: dict[int, str] | None = None) -> dict[int, str]:
    """chunk id -> the § its text (or its quoted part, by chunk id in quotes) is in, for handbook hits."""
    handbook = {m.id for m in library.meetings() if m.collection == COLLECTION}
    refs: dict[int, str] = {}
    for hit in hits:
        if hit.meeting_id not in handbook:
            continue
        ref = section_ref(hit.text, _text_before(library, hit), (quotes or {}).get(hit.chunk_id))
        if ref:
            refs[hit.chunk_id] = ref
    return refs


def _text_before(library: Library, hit: Hit) -> str:
    """The page text above the chunk, after the previous page's text."""
    page = _flat_lines(library.store.page_text(hit.meeting_id, hit.document, hit.page))
    first_line = _flat_lines(hit.text).split("\n", 1)[0][:60]
    position = page.find(first_line) if first_line else -1
    above = page[:position] if position >= 0 else ""
    previous = _flat_lines(library.store.page_text(hit.meeting_id, hit.document, hit.page - 1)) if hit.page > 1 else ""
    return f"{previous}\n{above}"


def _flat_lines(text: str) -> str:
    """Lines with their inner whitespace collapsed, as the chunker writes them."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def _label(match: re.Match[str]) -> str:
    return f"{match[1]} {match[2]}" if match[2] else match[1]


# --- overview: a handbook document's chapters and § (what `brief` gives for one) -------------------

# "Kapitel 2", "Kapitel IV", "Kapitel 3 a", optionally followed by the chapter's title on the same line.
_CHAPTER_RE = re.compile(r"^Kapitel\s+([IVXLC]+|\d+)(?:\s*([a-z]))?\b\s*[.:–-]?\s*(.*)$")


@dataclass
class Chapter:
    """A chapter of a handbook document (or the § before the first chapter: number None)."""

    document: str
    number: str | None
    title: str
    sections: list[str]  # § labels in order: "1", "9 a"
    opening: str  # the first § text of the chapter, for "what it is about"
    row: ChunkRow  # where the chapter starts, for the citation


def chapters(store: Store, meeting_id: int) -> list[Chapter]:
    """The chapters of the handbook meeting's documents with their §, in reading order."""
    found: list[Chapter] = []
    for row in store.chunks(store.meeting_chunk_ids(meeting_id)):
        current = found[-1] if found and found[-1].document == row.document else None
        for line in _flat_lines(row.text).splitlines():
            chapter = _CHAPTER_RE.match(line)
            if chapter:
                number = f"{chapter[1]} {chapter[2]}" if chapter[2] else chapter[1]
                if current is None or current.number != number:  # a heading repeated on the next chunk
                    current = Chapter(row.document, number, chapter[3].strip(), [], "", row)
                    found.append(current)
                continue
            heading = _HEADING_RE.match(line)
            if heading is None:
                if current is not None and not current.sections and not current.title and line and len(line) < 80:
                    current.title = line  # the chapter's title on the line below its number
                continue
            if current is None:
                current = Chapter(row.document, None, "", [], "", row)
                found.append(current)
            label = _label(heading)
            if label not in current.sections:
                current.sections.append(label)
            if not current.opening:
                current.opening = line[heading.end():].strip()
    return [chapter for chapter in found if chapter.sections]


def section_span(sections: list[str]) -> str:
    """ "§ 4" or "§§ 1-4"."""
    return f"§ {sections[0]}" if len(sections) == 1 else f"§§ {sections[0]}-{sections[-1]}"
