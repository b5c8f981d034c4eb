"""The map step of a briefing: an item's text by section ("Resumé", "Sagsfremstilling", "Indstilling",
"Økonomi", "Tidsplan", "Bilag"), "Sagens forløb" left out (it is read apart, as history), and what a
sentence says: an amount of money, a date, a deadline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from app.core.answers.answer import sentences
from app.core.answers.history import COURSE_HEADINGS, body
from app.core.ingest.structure import MONTHS
from app.core.store.database import ChunkRow

SUMMARY_SECTIONS = ("resume", "resumé")
BODY_SECTIONS = ("sagsfremstilling", "sagsbeskrivelse", "supplerende sagsfremstilling", "sagens baggrund",
                 "baggrund", "fremstilling")  # fmt: skip
RECOMMENDATION_SECTIONS = ("indstilling", "det indstilles", "beslutningspunkter")
TIMELINE_SECTIONS = ("tidsplan",)
ATTACHMENT_SECTIONS = ("bilag",)
# Money, not percentages: "640 mio. kr.", "ca. 1,3 mio. kr.", "786 kr.", "500 t.kr.", "2 millioner kroner".
MONEY_RE = re.compile(r"(?:ca\.\s*)?\d[\d.,]*(?:\s*(?:mio|mia|mill|millioner|milliarder|t)\.?)?\s*(?:kr\b\.?|kroner)",
                      re.IGNORECASE)  # fmt: skip
_MONTH = "|".join(MONTHS)
# Words that make a sentence a deadline whatever its dates.
DEADLINE_WORDS_RE = re.compile(r"\w*frist\w*|\bsenest\b|\btræder i kraft\b|\bikrafttræden\w*|\binden udgangen af\b",
                               re.IGNORECASE)  # fmt: skip
# "1. januar 2024", "01-07-2024", "juni 2024": a date with its year (a bare year, "budget 2024", is none).
DATE_RE = re.compile(rf"\b(?:(\d{{1,2}})\.\s*)?({_MONTH})\s+(\d{{4}})\b|\b(\d{{1,2}})[-.](\d{{1,2}})[-.](\d{{4}})\b",
                     re.IGNORECASE)  # fmt: skip
_COURSE_LINE_START_RE = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]\d{4}\s")


@dataclass
class Sections:
    """An item's text by section, each piece with the chunk it came from; "Sagens forløb" is left
    out (it is read apart, as history, and its dates are not deadlines)."""

    pieces: list[tuple[str, ChunkRow]]

    @classmethod
    def of(cls, rows: list[ChunkRow]) -> Sections:
        pieces: list[tuple[str, ChunkRow]] = []
        course_section: str | None = None
        in_course = False
        for row in rows:
            if in_course and row.section == course_section:
                continue  # the course text runs on in this chunk
            in_course = False
            text, cut = _before_course(row)
            if cut:
                in_course, course_section = True, row.section
            if text:
                pieces.append((text, row))
        return cls(pieces)

    def text(self, names: Iterable[str] = (), prefix: str | None = None) -> list[tuple[str, ChunkRow]]:
        """The pieces of the sections with these names, or whose names start with prefix."""
        wanted = set(names)

        def chosen(section: str) -> bool:
            return section in wanted or bool(prefix and section.startswith(prefix))

        return [(text, row) for text, row in self.pieces if chosen((row.section or "").casefold())]

    def sentences(self, names: Iterable[str] = (), prefix: str | None = None) -> list[tuple[str, ChunkRow]]:
        return [(sentence, row) for text, row in self.text(names, prefix) for sentence in sentences(text)
                if not _COURSE_LINE_START_RE.match(sentence)]  # fmt: skip


def _before_course(row: ChunkRow) -> tuple[str, bool]:
    """The chunk's body up to a "Sagens forløb" heading, and whether it had one."""
    if (row.section or "").casefold() in COURSE_HEADINGS:
        return "", True
    lines = row.text.splitlines()
    cut = next((i for i, line in enumerate(lines) if line.strip().casefold().rstrip(":") in COURSE_HEADINGS), None)
    if cut is None:
        return body(row), False
    return body(replace(row, text="\n".join(lines[:cut]))), True


def is_deadline(sentence: str, after: str | None) -> bool:
    """A sentence with a deadline word, or with a date after the meeting (ISO `after`): earlier
    dates tell the case's past (and the meeting day itself is no deadline)."""
    return bool(DEADLINE_WORDS_RE.search(sentence) or future_date(sentence, after))


def dates(text: str) -> list[str]:
    """The dates in a text, as ISO "yyyy-mm-dd", or "yyyy-mm" when only the month is given."""
    return [iso for match in DATE_RE.finditer(text) if (iso := _iso(match))]


def future_date(text: str, after: str | None) -> str | None:
    """The first date in the text after `after` (any date when it is None), as written."""
    for match in DATE_RE.finditer(text):
        iso = _iso(match)
        if iso and (not after or iso > after[: len(iso)]):
            return match[0]
    return None


def _iso(match: re.Match[str]) -> str | None:
    if match[2]:
        month = f"{int(match[3]):04d}-{MONTHS[match[2].lower()]:02d}"
        return f"{month}-{int(match[1]):02d}" if match[1] else month
    return f"{int(match[6]):04d}-{int(match[5]):02d}-{int(match[4]):02d}" if 1 <= int(match[5]) <= 12 else None


def normal(text: str) -> str:
    """Compared without case, spacing and the closing full stop."""
    return " ".join(text.casefold().split()).rstrip(".!?:;, ")
