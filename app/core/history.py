"""Case history: the treatments of one case (sagsnummer) across meetings.

A case goes fagudvalg ▸ Økonomiudvalget ▸ Byrådet, each time as an agenda item with the
same case number. Two sources say who treated it and what they decided: the other imported
meetings' items with that case number (their "Beslutning" section), and the item's own
"Sagens forløb"/"Tidligere behandling" text, which also names meetings that were never
imported. Every treatment carries the chunk that states it, so it can be cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.ingest.structure import MONTHS
from app.core.library import Hit
from app.core.quotes import shorten
from app.core.store import ChunkRow, ItemRow, SearchFilter, Store

DECISION_SECTIONS = ("beslutning", "beslutninger", "afgørelse")
COURSE_HEADINGS = ("sagens forløb", "sagsforløb", "tidligere behandling", "tidligere beslutninger")
_MONTH = "|".join(MONTHS)
# "14-09-2023 Klima-, Teknik- og Miljøudvalget" or "14. september 2023: Økonomiudvalget".
_COURSE_LINE_RE = re.compile(
    rf"^(\d{{1,2}})[-./](\d{{1,2}})[-./](\d{{4}})\s*:?\s+(\S.{{2,100}})$"
    rf"|^(\d{{1,2}})\.\s*({_MONTH})\s+(\d{{4}})\s*:?\s+(\S.{{2,100}})$",
    re.IGNORECASE,
)
_PAGE_FOOTER_RE = re.compile(r"^side \d+ af \d+$", re.IGNORECASE)
# Decisions quoted from a treatment: enough to say what was decided, short enough for a list.
MAX_DECISION_CHARS = 400
# The same matter by its title (same_matter): a title this specific, in at most this many other meetings
# (a case goes fagudvalg ▸ Økonomiudvalget ▸ Byrådet; a standard item is in every meeting).
MIN_MATTER_TITLE_CHARS = 12
MAX_MATTER_MEETINGS = 3
STANDARD_TITLES = frozenset({
    "godkendelse af dagsorden", "godkendelse af dagsordenen", "godkendelse af referat", "meddelelser",
    "meddelelser fra formanden", "meddelelser fra borgmesteren", "eventuelt", "orientering",
    "orientering fra administrationen", "orientering fra direktionen", "orienteringssager", "gensidig orientering",
    "borgmesteren orienterer", "spørgetid", "spørgetid for borgerne", "underskriftsark", "program for byrådsmødet",
    "kommende sager", "sager på vej", "siden sidst", "temadrøftelse", "temamøde",
})  # fmt: skip


@dataclass(frozen=True)
class Treatment:
    committee: str | None
    date: str | None  # ISO
    meeting_id: int | None  # None: known only from an item's "Sagens forløb" text
    item_number: int | None
    decision: str  # verbatim; "" when the material states none (an agenda, not minutes)
    citation: Hit
    basis: str = "case_number"  # how it is known to be the same case: "case_number", "title", "course"


def item_rows(store: Store, meeting_id: int, number: int) -> list[ChunkRow]:
    return store.chunks(store.item_chunk_ids(meeting_id, number))


def section_text(rows: list[ChunkRow], names: tuple[str, ...]) -> tuple[str, list[ChunkRow]]:
    """The text of the item's sections with these names (headings left out) and their chunks."""
    chosen = [row for row in rows if (row.section or "").casefold() in names]
    return " ".join(body(row) for row in chosen).strip(), chosen


def body(row: ChunkRow | Hit) -> str:
    """A chunk's text on one line, without its section heading and page footers."""
    lines = [line.strip() for line in row.text.splitlines() if not _PAGE_FOOTER_RE.match(line.strip())]
    if row.section and lines and lines[0].casefold() == row.section.casefold():
        lines = lines[1:]
    return " ".join(" ".join(lines).split())


def other_treatments(store: Store, item: ItemRow) -> list[Treatment]:
    """The item's case in the other imported meetings, oldest first."""
    if not item.case_number:
        return []
    treatments = []
    for other in store.items_with_cases([item.case_number]):
        if other.meeting_id == item.meeting_id:
            continue
        rows = item_rows(store, other.meeting_id, other.number)
        if not rows:
            continue
        decision, chosen = section_text(rows, DECISION_SECTIONS)
        cited = chosen[0] if chosen else rows[0]
        treatments.append(Treatment(other.committee, other.date, other.meeting_id, other.number,
                                    _shorten(decision), Hit.from_row(cited, 0.0)))  # fmt: skip
    return treatments


def recorded_course(rows: list[ChunkRow]) -> list[Treatment]:
    """Treatments the item's own "Sagens forløb" text lists: a date and a committee, then what it decided."""
    found: list[tuple[str, str, list[str], ChunkRow]] = []
    course_section: str | None = None  # the section the course text sits in, while reading it
    reading = False
    for row in rows:
        if (row.section or "").casefold() in COURSE_HEADINGS:
            reading, course_section = True, row.section
        elif reading and row.section != course_section:
            reading = False  # a new section ends the course text
        for raw in row.text.splitlines():
            line = raw.strip()
            if line.casefold().rstrip(":") in COURSE_HEADINGS:
                reading, course_section = True, row.section
            elif reading and (match := _COURSE_LINE_RE.match(line)):
                found.append((_iso(match), (match[4] or match[8]).strip(), [], row))
            elif reading and found and line and not _PAGE_FOOTER_RE.match(line):
                found[-1][2].append(line)
    return [Treatment(committee, date, None, None, _shorten(" ".join(text)), Hit.from_row(row, 0.0), "course")
            for date, committee, text, row in found]  # fmt: skip


def same_matter(store: Store, item: ItemRow) -> list[Treatment]:
    """The item's matter in other imported meetings found by its title, where a case number cannot say
    it (one of the two items has none): the same specific title, not a standard item such as
    "Godkendelse af dagsorden" (one of STANDARD_TITLES, or a title that recurs in many meetings)."""
    title = _title_key(item.title)
    if len(title) < MIN_MATTER_TITLE_CHARS or title in STANDARD_TITLES:
        return []
    others = [o for o in store.items_titled(item.title) if o.meeting_id != item.meeting_id]
    if len({o.meeting_id for o in others}) > MAX_MATTER_MEETINGS:
        return []  # a recurring item of every meeting, not one matter
    treatments = []
    for other in others:
        if item.case_number and other.case_number:
            continue  # both numbered: other_treatments() has it when the numbers agree
        rows = item_rows(store, other.meeting_id, other.number)
        if not rows:
            continue
        decision, chosen = section_text(rows, DECISION_SECTIONS)
        treatments.append(Treatment(other.committee, other.date, other.meeting_id, other.number, _shorten(decision),
                                    Hit.from_row(chosen[0] if chosen else rows[0], 0.0), "title"))  # fmt: skip
    return treatments


def case_history(store: Store, item: ItemRow, rows: list[ChunkRow]) -> list[Treatment]:
    """Every known treatment of the item's case but this one, by date: the same case number, the same
    specific title (same_matter) and the item's own "Sagens forløb". An imported meeting's record
    wins over the same meeting named in "Sagens forløb" (it cites the decision itself)."""
    imported = other_treatments(store, item)
    seen = {(t.meeting_id, t.item_number) for t in imported}
    imported += [t for t in same_matter(store, item) if (t.meeting_id, t.item_number) not in seen]
    known = {(t.date, _committee_key(t.committee)) for t in imported} | {(item.date, _committee_key(item.committee))}
    course = [t for t in recorded_course(rows) if (t.date, _committee_key(t.committee)) not in known]
    return sorted(imported + course, key=lambda t: t.date or "")


def decision_hits(store: Store, hits: list[Hit], filters: SearchFilter | None, limit: int) -> list[Hit]:
    """The decisions of the cases the hits belong to, in every imported meeting, as extra sources
    for questions about what was decided. Only chunks the search filters allow."""
    seen = {hit.chunk_id for hit in hits}
    cases: list[str] = []
    for hit in hits:
        if hit.item_number is None:
            continue
        item = next((i for i in store.items(hit.meeting_id) if i.number == hit.item_number), None)
        if item and item.case_number and item.case_number not in cases:
            cases.append(item.case_number)
    chosen: list[ChunkRow] = []
    for item in store.items_with_cases(cases):
        rows = item_rows(store, item.meeting_id, item.number)
        chosen += [row for row in section_text(rows, DECISION_SECTIONS)[1] if row.id not in seen]
    if filters is not None and filters.active:
        allowed = store.chunk_filter([row.id for row in chosen], filters)
        chosen = [row for row in chosen if row.id in allowed]
    # Latest first: the last treatment (often Byrådet's) is usually the one asked about.
    chosen.sort(key=lambda row: row.date or "", reverse=True)
    return [Hit.from_row(row, 0.0) for row in chosen[:limit]]


def _iso(match: re.Match[str]) -> str:
    if match[1]:
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        day, month, year = int(match[5]), MONTHS[match[6].lower()], int(match[7])
    return f"{year:04d}-{month:02d}-{day:02d}"


def _committee_key(name: str | None) -> str:
    """Committee names compare without case, punctuation and the definite ending."""
    text = re.sub(r"[^a-zæøå]+", " ", (name or "").casefold())
    return " ".join(re.sub(r"(et|en)$", "", word) for word in text.split())


def _shorten(text: str) -> str:
    return shorten(text, MAX_DECISION_CHARS)


def _title_key(title: str) -> str:
    """A title without a closed item's "Lukket:" prefix, case and punctuation."""
    text = re.sub(r"^lukket\s*:\s*", "", title.casefold())
    return " ".join(re.sub(r"[^\wæøå]+", " ", text).split())
