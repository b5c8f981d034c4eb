"""Structure detection: meeting header, agenda items, case numbers, sections, bilag lists.

Deliberately generic — no layout rules of one municipality. It reads line
patterns that Danish agendas share: explicit headings ("Punkt 3:", "Pkt. 3",
"Dagsordenspunkt 3"), or numbered headings ("3. Title", or "3" on its own line
above the title) when a document has no explicit ones; then the usual section
names and case-number formats. When nothing is found the document is still
usable as plain pages.
"""

from __future__ import annotations

import re
from datetime import date
from dataclasses import dataclass, field

from app.core.ingest.extract import Page

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
SECTION_NAMES = (
    "resume", "resumé", "indstilling", "det indstilles", "beslutningspunkter", "sagsfremstilling",
    "sagsbeskrivelse", "supplerende sagsfremstilling", "sagens baggrund", "baggrund", "økonomi",
    "økonomiske konsekvenser", "økonomiske og personalemæssige konsekvenser", "beslutning", "beslutninger",
    "afgørelse", "lovgrundlag", "retsgrundlag", "sagsforløb", "sagsprocedure", "tidligere beslutninger",
    "bilag", "høring", "vurdering", "kommunikation", "tidsplan", "bemærkninger", "fremstilling",
)  # fmt: skip
# Longest first, so "økonomiske konsekvenser" wins over "økonomi".
_SECTIONS_BY_LENGTH = sorted(SECTION_NAMES, key=len, reverse=True)
_SECTION_SUFFIX_RE = re.compile(r"^(?:\s*:.*|\s+(?:i|den|fra|af|–|-)\s.*)?$", re.IGNORECASE)

_EXPLICIT_RE = re.compile(r"^(?:Dagsordenspunkt|Punkt|Pkt\.?)\s*(\d{1,3})\b\s*[:.\-–]?\s*(.*)$", re.IGNORECASE)
_NUMBERED_RE = re.compile(r"^(\d{1,3})[.)]?\s+([A-ZÆØÅ\"“«].{2,150})$")
_BARE_NUMBER_RE = re.compile(r"^(\d{1,3})\.?$")
_CASE_LABEL_RE = re.compile(
    r"\b(?:Sagsnr|Sags nr|Sagsnummer|Journalnr|J\.\s?nr)\.?\s*:?\s*([A-ZÆØÅ]{0,5}-?[0-9][0-9A-Za-zÆØÅ.\-/]{4,})"
)
_CASE_PATTERNS = (
    re.compile(r"\b[A-ZÆØÅ]{2,5}-\d{4}-\d{4,8}\b"),  # EMN-2025-003928
    re.compile(r"\b\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ]\d{2}-\d{1,5}-\d{2}\b"),  # 00.01.00-A00-1-24 (KLE)
    re.compile(r"\b\d{2}-\d{6}\b"),  # 24-003954
)
_DATE_WORDS_RE = re.compile(r"\b(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_DATE_NUM_RE = re.compile(r"\b(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})\b")
_DATE_ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_COMMITTEE_RE = re.compile(
    r"\b(byråd(?:et)?|\w*udvalg(?:et)?|kommunalbestyrelse(?:n)?|magistrat(?:en)?)\b", re.IGNORECASE
)
_LABEL_RE = re.compile(r"^(udvalg|mødested|sted|mødedato|dato)\s*:\s*(.*)$", re.IGNORECASE)
_BULLET_RE = re.compile(r"^[–\-•·*]\s*")
# How many heading-like lines make a page a table of contents (with TOC_SHARE of its lines).
_TOC_MIN_HEADINGS = 3
_TOC_SHARE = 0.4
# How many numbers a heading may skip (one lost in extraction) when its case number follows it.
_MAX_SKIP = 3
# Lines after an item heading that may hold its case number.
_CASE_WINDOW = 8


@dataclass
class Header:
    committee: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    kind: str | None = None  # "dagsorden" | "referat"
    place: str | None = None


@dataclass
class Item:
    number: int
    title: str
    start_page: int
    end_page: int
    closed: bool = False
    case_number: str | None = None
    attachments: list[str] = field(default_factory=list)  # names in its "Bilag" section


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
    # Page -> reason: pages treated as closed until the user confirms them (app.core.ingest.uncertain).
    held: dict[int, str] = field(default_factory=dict)


# --- header ------------------------------------------------------------------------------


def detect_header(pages: list[Page]) -> Header:
    lines = [line.strip() for p in pages[:2] for line in p.text.splitlines() if line.strip()]
    labels = _labels(lines)
    text = "\n".join(lines)
    first = pages[0].text.lower() if pages else ""
    kind = "referat" if "referat" in first else "dagsorden" if "dagsorden" in first else None
    committee = labels.get("udvalg") or _find_committee(lines)
    place = labels.get("mødested") or labels.get("sted") or _place_after_date(lines)
    date = _find_date(labels.get("mødedato") or labels.get("dato") or "") or _find_date(text)
    return Header(committee=committee, date=date, kind=kind, place=place)


def _labels(lines: list[str]) -> dict[str, str]:
    """'Label: value' pairs, also when the value is on the next line."""
    found: dict[str, str] = {}
    for index, line in enumerate(lines):
        match = _LABEL_RE.match(line)
        if match and match[1].lower() not in found:
            value = match[2].strip() or (lines[index + 1] if index + 1 < len(lines) else "")
            if value and not _LABEL_RE.match(value):
                found[match[1].lower()] = value
    return found


_YEARS_RE = re.compile(r"\s*\b\d{4}\s*[-–]\s*\d{4}\b|\s*\b\d{1,2}\.\s*\w+\s+\d{4}.*$")


def _find_committee(lines: list[str]) -> str | None:
    """The short cover line that names the committee, without election periods or dates."""
    for line in lines:
        if 3 < len(line) <= 80 and _COMMITTEE_RE.search(line):
            name = re.split(r"\s[-–]\s", line)[0]
            name = _YEARS_RE.sub("", name).strip(" ,:")
            return name[0].upper() + name[1:] if name else None
    return None


def _place_after_date(lines: list[str]) -> str | None:
    """Covers often print the place on the line after the date, unlabelled."""
    for index, line in enumerate(lines[:12]):
        if _find_date(line) and index + 1 < len(lines):
            candidate = lines[index + 1]
            if 2 < len(candidate) <= 50 and not _find_date(candidate) and "kl." not in candidate and not (
                _COMMITTEE_RE.search(candidate) or _LABEL_RE.match(candidate)
                or candidate.lower() in ("referat", "dagsorden")
            ):  # fmt: skip
                return candidate
            return None
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
    try:
        return date(year, month, day).isoformat()  # "31. februar" is not a date
    except ValueError:
        return None


# --- items and sections --------------------------------------------------------------------


def detect_structure(pages: list[Page]) -> Structure:
    """Items, sections and case numbers of a document.

    A "Punkt 5 …" line does not prove that a document uses explicit headings: a reference in
    body text ("jf. notatets / punkt 5. Kommunalfuldmagten …") starts a line that way too, and
    read as the only heading it hid 23 "N. Title" items. So both readings run when explicit
    lines exist, and the one that finds the longer agenda wins (a tie goes to the explicit one).
    """
    header = detect_header(pages)
    numbered = _Detector(pages, header, explicit=False).run()
    if not any(_EXPLICIT_RE.match(line.strip()) for p in pages for line in p.text.splitlines()):
        return numbered
    explicit = _Detector(pages, header, explicit=True).run()
    return numbered if len(numbered.items) > len(explicit.items) else explicit


class _Detector:
    def __init__(self, pages: list[Page], header: Header, explicit: bool) -> None:
        self.pages = pages
        self.structure = Structure(header=header)
        self.explicit = explicit
        self.furniture = _page_furniture(pages)
        self.item: Item | None = None
        self.section: str | None = None
        self.case_window = 0

    def run(self) -> Structure:
        for position, page in enumerate(self.pages):
            lines = page.text.splitlines()
            if self._is_toc(page, lines):
                self.structure.segments.append(Segment(page.number, None, None, page.text.strip()))
                continue
            # A heading at the foot of a page may have its case number on the next one.
            following = self.pages[position + 1].text.splitlines()[:6] if position + 1 < len(self.pages) else []
            self._read_page(page.number, lines, following)
        return self.structure

    def _is_toc(self, page: Page, lines: list[str]) -> bool:
        """A contents page: comes before the items and is mostly item headings."""
        if "indholdsfortegnelse" in page.text.lower():
            return True
        if self.structure.items:  # later pages full of numbered lines are tables inside an item
            return False
        stripped = [line.strip() for line in lines if line.strip()]
        headings = sum(1 for line in stripped if self._looks_like_heading(line))
        if headings < _TOC_MIN_HEADINGS:
            return False
        return headings / len(stripped) >= _TOC_SHARE

    def _looks_like_heading(self, line: str) -> bool:
        if self.explicit:
            return bool(_EXPLICIT_RE.match(line))
        return bool(_NUMBERED_RE.match(line) and not line.endswith("."))

    def _read_page(self, page_number: int, lines: list[str], following: list[str]) -> None:
        buffer: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index].strip()
            heading = self._heading(lines, index, following)
            if heading:
                self._flush(page_number, buffer)
                number, title, used = heading
                self._start_item(number, title, page_number)
                buffer.extend(lines[index : index + used])
                self._note_case_numbers(" ".join(lines[index : index + used]))
                index += used
                continue
            if self.item is not None:
                section = _section_name(line)
                if section:
                    self._flush(page_number, buffer)
                    self.section = section
                elif self.section and self.section.lower() == "bilag":
                    self._note_attachment(line)
                self._note_case_numbers(line)
                if line.lower() in ("lukket punkt", "lukket punkt.", "lukket") or line.lower().startswith("lukket:"):
                    self.item.closed = True
                if line and _furniture_key(line) not in self.furniture:  # a running header is no item text
                    self.item.end_page = page_number
            buffer.append(lines[index])
            index += 1
        self._flush(page_number, buffer)

    def _heading(self, lines: list[str], index: int, following_page: list[str]) -> tuple[int, str, int] | None:
        """(number, title, lines used) when an item heading starts at lines[index]."""
        line = lines[index].strip()
        if self.explicit:
            match = _EXPLICIT_RE.match(line)
            if not match or not self._acceptable(int(match[1])) or _is_contents_entry(line, lines, index):
                return None
            return _with_title(int(match[1]), match[2].strip(), lines, index + 1)
        expected = self.item.number + 1 if self.item else None
        if not _heading_context(lines + following_page, index):
            return None
        match = _NUMBERED_RE.match(line) or _BARE_NUMBER_RE.match(line)
        if not match or match.re is _NUMBERED_RE and line.endswith(".") and not _case_follows(lines, index):
            return None  # a numbered sentence, unless a title wrapped after "stk." above its case number
        number = int(match[1])
        skipped = expected is not None and expected < number <= expected + _MAX_SKIP and _case_follows(lines, index)
        if number != expected and not (expected is None and number <= 2) and not skipped:
            return None  # (a heading lost in extraction must not cost every item after it)
        title = match[2].strip() if match.re is _NUMBERED_RE else ""
        if not title and not _next_text(lines, index + 1)[:1].isupper():
            return None
        return _with_title(number, title, lines, index + 1)

    def _acceptable(self, number: int) -> bool:
        """Numbers rise; 1 or a repeat of the first number restarts (what came before was contents)."""
        items = self.structure.items
        return not items or number > items[-1].number or number in (1, items[0].number)

    def _start_item(self, number: int, title: str, page_number: int) -> None:
        items = self.structure.items
        if items and number <= items[-1].number:  # restart: forget the contents list read as items
            items.clear()
            for segment in self.structure.segments:
                segment.item_number = None
        self.item = Item(number, title, page_number, page_number)
        self.item.closed = title.lower().startswith("lukket")
        items.append(self.item)
        self.section = None
        self.case_window = _CASE_WINDOW

    def _note_case_numbers(self, line: str) -> None:
        if self.item is None or self.item.case_number:
            return
        if match := _CASE_LABEL_RE.search(line):
            self.item.case_number = match[1].rstrip(".")
            return
        if self.case_window > 0:
            self.case_window -= 1
            for pattern in _CASE_PATTERNS:
                if match := pattern.search(line):
                    self.item.case_number = match[0]
                    return

    def _note_attachment(self, line: str) -> None:
        name = _BULLET_RE.sub("", line).strip()
        if self.item is not None and 3 <= len(name) <= 200 and name.upper() != "PDF" and not name.startswith("Side "):
            self.item.attachments.append(name)

    def _flush(self, page_number: int, buffer: list[str]) -> None:
        if any(line.strip() for line in buffer):
            number = self.item.number if self.item else None
            self.structure.segments.append(Segment(page_number, number, self.section, "\n".join(buffer).strip()))
        buffer.clear()


_CONTENTS_PAGE_RE = re.compile(r"(?:\.{3,}|\s{2,})\s*\d{1,4}$")
_MAX_TITLE_LINES = 3


_DIGITS_RE = re.compile(r"\d+")
# A line on at least this share of the pages (and on 3 or more) is a running header or footer.
_FURNITURE_SHARE = 0.5


def _furniture_key(line: str) -> str:
    return _DIGITS_RE.sub("#", " ".join(line.split()).casefold())


def _page_furniture(pages: list[Page]) -> set[str]:
    """Running headers and footers ("Økonomiudvalget – Referat – 12. februar 2024", "Side 3 af 24"): lines
    that recur on most pages, page numbers aside. Above an item's heading they do not make the item
    before it run onto that page."""
    counts: dict[str, int] = {}
    for page in pages:
        for key in {_furniture_key(line) for line in page.text.splitlines() if line.strip()}:
            counts[key] = counts.get(key, 0) + 1
    return {key for key, n in counts.items() if n >= 3 and n >= _FURNITURE_SHARE * len(pages)}


def _next_text(lines: list[str], start: int) -> str:
    return next((line.strip() for line in lines[start:] if line.strip()), "")


def _is_contents_entry(line: str, lines: list[str], index: int) -> bool:
    """'Punkt 3: Title ..... 12' or a heading followed by a line holding only a page number."""
    if _CONTENTS_PAGE_RE.search(line):
        return True
    following = [text.strip() for text in lines[index + 1 :] if text.strip()][:3]
    # A number alone under the heading is a page number, unless it wraps the title above a case number.
    return bool(following) and following[0].isdigit() and not any(_is_case_line(t) for t in following[1:])


def _is_case_line(line: str) -> bool:
    return bool(_CASE_LABEL_RE.search(line) or any(p.fullmatch(line.strip()) for p in _CASE_PATTERNS))


def _with_title(number: int, title: str, lines: list[str], start: int) -> tuple[int, str, int]:
    """The heading with its title, joined over the lines it wrapped onto.

    A line continues the title when it starts in lower case, or when a case-number line
    follows shortly (layouts put the case number right under the full title)."""
    parts = [title] if title else []
    used = 1
    for offset in range(_MAX_TITLE_LINES):
        position = start + offset
        if position >= len(lines):
            break
        line = lines[position].strip()
        case_follows = any(_is_case_line(later) for later in lines[position + 1 : position + 3])
        if not line or _is_case_line(line) or _section_name(line) or _LABEL_RE.match(line):
            break
        if line.isdigit() and not case_follows:  # a page number in a contents list
            break
        if parts and not (line[:1].islower() or case_follows):
            break
        parts.append(line)
        used += 1
    return number, " ".join(parts), used


def _case_follows(lines: list[str], index: int) -> bool:
    """A case-number line within the three lines under lines[index] (a heading's usual place)."""
    return any(_is_case_line(line) for line in lines[index + 1 : index + 4])


def _heading_context(lines: list[str], index: int) -> bool:
    """A bare numbered line is an item heading only at the top of a page or right above a
    case number — numbered lists and tables inside an item look the same otherwise."""
    above = [line for line in lines[:index] if line.strip()]
    if len(above) < 3:
        return True
    near = " ".join(lines[index : index + 6])
    return bool(_CASE_LABEL_RE.search(near) or any(p.search(near) for p in _CASE_PATTERNS))


def _section_name(line: str) -> str | None:
    lowered = line.lower()
    if len(line) > 80:
        return None
    for name in _SECTIONS_BY_LENGTH:
        if lowered.startswith(name) and _SECTION_SUFFIX_RE.match(line[len(name) :]):
            return line[: len(name)]
    return None
