"""First-cut structure detection: meeting header, agenda items, sections.

Deliberately generic (no layout rules of one municipality): it reads line
patterns that Danish agendas share ("Punkt 3:", "Pkt. 3", section names). When
nothing is found the document is still usable as plain pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.ingest.extract import Page

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
SECTION_NAMES = {
    "resume", "resumé", "indstilling", "sagsfremstilling", "sagsbeskrivelse", "økonomi",
    "økonomiske konsekvenser", "beslutning", "beslutninger", "lovgrundlag", "sagsforløb",
    "bilag", "sagsprocedure", "høring", "baggrund", "vurdering", "kommunikation", "tidsplan",
    "supplerende sagsfremstilling", "afgørelse", "retsgrundlag", "sagens baggrund",
}  # fmt: skip

_ITEM_RE = re.compile(r"^(?:Punkt|Pkt\.?)\s*(\d{1,3})\s*[:.\-–]?\s+(\S.*)$", re.IGNORECASE)
_CASE_RE = re.compile(
    r"\b(?:Sagsnr\.?|Sagsnummer|Sags nr\.?)\s*:?\s*([A-ZÆØÅ]{0,4}-?[0-9][0-9A-Za-z.\-/]{4,})"
)
_DATE_WORDS_RE = re.compile(r"\b(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_DATE_NUM_RE = re.compile(r"\b(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})\b")
_DATE_ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_COMMITTEE_RE = re.compile(r"\b(byråd\w*|\w*udvalg\w*|kommunalbestyrelse\w*)\b", re.IGNORECASE)
# A page listing this many item headings is a table of contents, not item text.
_TOC_MIN_HEADINGS = 3


@dataclass
class Header:
    committee: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    kind: str | None = None  # "dagsorden" | "referat"


@dataclass
class Item:
    number: int
    title: str
    start_page: int
    end_page: int
    closed: bool = False
    case_number: str | None = None


@dataclass
class Segment:
    """A run of text on one page that belongs to one item and section."""

    page: int
    item_number: int | None
    section: str | None
    text: str


@dataclass
class Structure:
    header: Header
    items: list[Item] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)


def detect_header(pages: list[Page]) -> Header:
    text = "\n".join(p.text for p in pages[:2])
    first = pages[0].text.lower() if pages else ""
    kind = "referat" if "referat" in first else "dagsorden" if "dagsorden" in first else None
    return Header(committee=_find_committee(text), date=_find_date(text), kind=kind)


def _find_committee(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if 3 < len(line) <= 80 and _COMMITTEE_RE.search(line):
            match = _COMMITTEE_RE.search(line)
            assert match is not None
            return match.group(1)[0].upper() + match.group(1)[1:]
    return None


def _find_date(text: str) -> str | None:
    if match := _DATE_WORDS_RE.search(text):
        day, month, year = int(match[1]), MONTHS[match[2].lower()], int(match[3])
    elif match := _DATE_ISO_RE.search(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _DATE_NUM_RE.search(text):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        return None
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def detect_structure(pages: list[Page]) -> Structure:
    structure = Structure(header=detect_header(pages))
    item: Item | None = None
    section: str | None = None
    for page in pages:
        lines = page.text.splitlines()
        is_toc = sum(1 for line in lines if _ITEM_RE.match(line.strip())) >= _TOC_MIN_HEADINGS
        buffer: list[str] = []

        def flush() -> None:
            if any(line.strip() for line in buffer):
                number = item.number if item else None
                structure.segments.append(Segment(page.number, number, section, "\n".join(buffer).strip()))
            buffer.clear()

        for raw in lines:
            line = raw.strip()
            heading = None if is_toc else _ITEM_RE.match(line)
            if heading:
                flush()
                item = Item(int(heading[1]), heading[2].strip(), page.number, page.number)
                item.closed = item.title.lower().startswith("lukket")
                structure.items.append(item)
                section = None
            elif item and line.rstrip(":").lower() in SECTION_NAMES:
                flush()
                section = line.rstrip(":")
            if item and not is_toc:
                item.end_page = page.number
                if item.case_number is None and (case := _CASE_RE.search(line)):
                    item.case_number = case[1].rstrip(".")
                if line.lower() == "lukket punkt":
                    item.closed = True
            buffer.append(raw)
        flush()
    return structure
