"""The lines of an item briefing (the reduce step for one item), in reading order: the matter (Resumé
or Sagsfremstilling), the Indstilling, the decision, the Økonomi, deadlines, the Sagsforløb (the case
in other meetings, app.core.answers.history) and the Bilag (bilag.py).
"""

from __future__ import annotations

import re

from app.core.answers.briefing.bilag import BilagEntry
from app.core.answers.briefing.lines import Found, Line, hit_of, hits_of
from app.core.answers.briefing.sections import (ATTACHMENT_SECTIONS, BODY_SECTIONS, MONEY_RE,
                                                RECOMMENDATION_SECTIONS, SUMMARY_SECTIONS, TIMELINE_SECTIONS,
                                                Sections, is_deadline, normal)
from app.core.answers.history import DECISION_SECTIONS, Treatment
from app.core.answers.quotes import shorten
from app.core.messages import tr
from app.core.store.database import ChunkRow, ItemRow

MAX_LINE_CHARS = 600
MAX_SENTENCES = 2
SUBJECT_CHARS = 120  # a second Resume sentence only when the first says less than this
_FINANCING_RE = re.compile(r"\bfinansier\w*", re.IGNORECASE)


def item_lines(item: ItemRow, rows: list[ChunkRow], bilag: list[BilagEntry], history: list[Treatment]) -> list[Line]:
    """The extractive lines of an item briefing, in reading order: the matter, the recommendation,
    the decision, the economy (never the recommendation again), deadlines, the Sagsforløb (or that
    none was found) and the Bilag, each bilag on its own cited line."""
    sections = Sections.of(rows)
    number = item.number
    lines: list[Line] = []
    if item.closed and rows:
        lines.append(Line("closed", tr("brief_closed_text"), (hit_of(rows[0]),), number))
    recommended = " ".join(text for text, _row in sections.text(RECOMMENDATION_SECTIONS))
    for kind, found in (
        ("subject", _subject(sections)),
        ("recommendation", _found(sections.text(RECOMMENDATION_SECTIONS))),
        ("decision", _found(sections.text(DECISION_SECTIONS))),
        ("economy", _economy(sections, recommended)),
        ("deadline", _deadlines(sections, item.date)),
    ):  # fmt: skip
        if found:
            lines.append(Line(kind, found[0], found[1], number))
    if not rows:
        return lines
    for treatment in history:
        kind = "earlier" if not item.date or (treatment.date or "") <= item.date else "later"
        lines.append(Line(kind, _treatment_text(treatment), (treatment.citation,), number))
    if not any(line.kind == "earlier" for line in lines):
        lines.append(Line("no_history", tr("brief_no_history"), (hit_of(rows[0]),), number))
    listing = [row for _text, row in sections.text(ATTACHMENT_SECTIONS)] or rows[:1]
    for entry in bilag:
        if entry.file is not None:
            cited = (entry.first,) if entry.first is not None else listing
            lines.append(Line("attachments", entry.text(), hits_of(cited), number))
    missing = [entry.name for entry in bilag if entry.file is None and entry.name]
    if len(missing) == 1:
        lines.append(Line("attachments", BilagEntry(missing[0], None).text(), hits_of(listing), number))
    elif missing:  # only named in the item's Bilag list: one line, cited there
        lines.append(Line("attachments", f"{'; '.join(missing)} ({tr('brief_bilag_missing_many')})", hits_of(listing), number))
    if not bilag:
        lines.append(Line("attachments", tr("brief_no_bilag"), hits_of(listing), number))
    if not any(line.kind in ("subject", "recommendation", "decision", "economy", "deadline", "closed") for line in lines):
        lines.insert(0, Line("empty", tr("brief_empty"), (hit_of(rows[0]),), number))
    return lines


def _subject(sections: Sections) -> Found:
    """What the case is about: the Resume's first sentences, else the case description's."""
    candidates = sections.sentences(SUMMARY_SECTIONS) or sections.sentences(BODY_SECTIONS)
    chosen: list[tuple[str, ChunkRow]] = []
    for sentence, row in candidates[:MAX_SENTENCES]:
        chosen.append((sentence, row))
        if sum(len(s) for s, _ in chosen) >= SUBJECT_CHARS:
            break
    return _found(chosen)


def _economy(sections: Sections, recommended: str = "") -> Found:
    """Amounts and financing from the economy section; without one, the amounts the item's summary and
    description state. Never a sentence the recommendation already says (it has its own line)."""
    said = normal(recommended)
    economy = [(s, row) for s, row in sections.sentences(prefix="økonomi") if normal(s) not in said]
    chosen = [(s, row) for s, row in economy if MONEY_RE.search(s)][:MAX_SENTENCES]
    financing = next(((s, row) for s, row in economy if _FINANCING_RE.search(s)), None)
    if financing and financing not in chosen:
        chosen.append(financing)
    if not chosen and economy:
        chosen = economy[:1]  # e.g. "Sagen har ingen økonomiske konsekvenser."
    if not chosen:
        others = [*sections.sentences(SUMMARY_SECTIONS), *sections.sentences(BODY_SECTIONS)]
        chosen = [(s, row) for s, row in others if MONEY_RE.search(s) and normal(s) not in said][:MAX_SENTENCES]
    return _found(chosen)


def _deadlines(sections: Sections, after: str | None) -> Found:
    """Dates and deadlines: the Tidsplan first, then what the recommendation and the case say."""
    ordered = [*sections.sentences(TIMELINE_SECTIONS), *sections.sentences(RECOMMENDATION_SECTIONS),
               *sections.sentences(SUMMARY_SECTIONS), *sections.sentences(BODY_SECTIONS),
               *sections.sentences(prefix="økonomi")]  # fmt: skip
    chosen: list[tuple[str, ChunkRow]] = []
    for sentence, row in ordered:
        if is_deadline(sentence, after) and sentence not in (s for s, _ in chosen):
            chosen.append((sentence, row))
    return _found(chosen[:MAX_SENTENCES])


def _found(pieces: list[tuple[str, ChunkRow]], limit: int = MAX_LINE_CHARS) -> Found:
    """The pieces verbatim as one text (whole sentences when long; app.core.answers.quotes), citing their chunks."""
    if not pieces:
        return None
    return shorten(" ".join(text for text, _row in pieces), limit), hits_of(row for _text, row in pieces)


def _treatment_text(treatment: Treatment) -> str:
    where = " ".join(x for x in (treatment.committee, _danish_date(treatment.date)) if x)
    if treatment.item_number is not None:
        same_title = f", {tr('brief_same_title')}" if treatment.basis == "title" else ""
        where += f" ({tr('brief_item', number=treatment.item_number).lower()}{same_title})"
    return f"{where}: {treatment.decision or tr('brief_no_decision')}"


def _danish_date(iso: str | None) -> str | None:
    if not iso or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return iso
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"
