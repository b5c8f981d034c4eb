"""The lines of a meeting briefing (the reduce step over a meeting's items): each item in one line,
the items that need attention (closed, an amount, a deadline), and the meeting's boilerplate that the
item lines leave out.
"""

from __future__ import annotations

import re
from collections import Counter

from app.core.answers.answer import sentences
from app.core.answers.briefing.lines import Line, hits_of
from app.core.answers.briefing.sections import (BODY_SECTIONS, MONEY_RE, RECOMMENDATION_SECTIONS, SUMMARY_SECTIONS,
                                                TIMELINE_SECTIONS, Sections, future_date, is_deadline, normal)
from app.core.answers.history import DECISION_SECTIONS, body
from app.core.answers.quotes import shorten
from app.core.messages import tr
from app.core.store.database import ChunkRow, ItemRow

MAX_ITEM_LINE_CHARS = 300
# A sentence (or line) found in this many items of one meeting is its boilerplate ("Fraværende: …"
# under every decision): the meeting briefing leaves it out of the item lines.
BOILERPLATE_ITEMS = 3
BOILERPLATE_MIN_CHARS = 12
_POINT_RE = re.compile(r"\s(?=\d{1,2}\.\s+at\b)")
_POINT_START_RE = re.compile(r"\d{1,2}\.\s+at\b")
_LEAD_IN_END_RE = re.compile(r"(?<=[.!?])\s+[^.!?]*\b(?:indstiller|anbefaler|foreslår)\b[^.!?]*$")


def meeting_line(item: ItemRow, rows: list[ChunkRow], repeated: frozenset[str] = frozenset()) -> Line:
    """The item in one line: its title, the first recommended point and the decision when there is one,
    without the meeting's boilerplate (`repeated`, see boilerplate())."""
    sections = Sections.of(rows)
    recommendation = sections.text(RECOMMENDATION_SECTIONS)
    decision = sections.text(DECISION_SECTIONS)
    parts: list[tuple[str, ChunkRow]] = []
    if recommendation:
        point = _without(_first_point(recommendation[0][0]), repeated)
        parts.append((shorten(point, MAX_ITEM_LINE_CHARS // 2), recommendation[0][1]))
    if decision:
        parts.append((shorten(_without(decision[0][0], repeated), MAX_ITEM_LINE_CHARS // 2), decision[0][1]))
    if not parts:
        said = sections.sentences(SUMMARY_SECTIONS) or sections.sentences(BODY_SECTIONS)
        parts = [(s, row) for s, row in said if normal(s) not in repeated][:1] or said[:1]
    cited = [row for _text, row in parts] or rows[:1]
    text = item.title + (f": {' – '.join(t for t, _row in parts)}" if parts else "")
    return Line("item", text, hits_of(cited), item.number)


def attention_line(item: ItemRow, rows: list[ChunkRow]) -> Line | None:
    """Why the item needs attention — closed, an amount, a deadline — or None."""
    sections = Sections.of(rows)
    reasons: list[str] = []
    cited: list[ChunkRow] = []
    if item.closed:
        reasons.append(tr("brief_attention_closed"))
        cited += rows[:1]
    ordered = [*sections.sentences(RECOMMENDATION_SECTIONS), *sections.sentences(prefix="økonomi"),
               *sections.sentences(TIMELINE_SECTIONS), *sections.sentences(SUMMARY_SECTIONS)]  # fmt: skip
    amount = next(((match[0].strip(), row) for s, row in ordered if (match := MONEY_RE.search(s))), None)
    if amount is not None:
        reasons.append(tr("brief_attention_amount", amount=amount[0]))
        cited.append(amount[1])
    due = next(((s, row) for s, row in ordered if is_deadline(s, item.date)), None)
    if due is not None:
        deadline = future_date(due[0], item.date) or shorten(due[0], 80)
        reasons.append(tr("brief_attention_deadline", deadline=deadline))
        cited.append(due[1])
    if not reasons:
        return None
    return Line("attention", f"{item.title} – {', '.join(reasons)}", hits_of(cited), item.number)


def boilerplate(items: list[list[ChunkRow]]) -> frozenset[str]:
    """The sentences and whole lines (normalised) that recur in BOILERPLATE_ITEMS or more of a meeting's
    items: standard text such as "Fraværende: …" under every decision, which says nothing of one item."""
    if len(items) <= BOILERPLATE_ITEMS:
        return frozenset()
    counts: Counter[str] = Counter()
    for rows in items:
        segments = {normal(s) for row in rows for s in (*sentences(body(row)), *_whole_lines(row.text))}
        counts.update(segment for segment in segments if len(segment) >= BOILERPLATE_MIN_CHARS)
    return frozenset(segment for segment, count in counts.items() if count >= BOILERPLATE_ITEMS)


def _whole_lines(text: str) -> list[str]:
    """Lines that stand alone: after a line that ends a sentence (or the heading), before one that starts
    one. A line that is half of a wrapped sentence is none."""
    lines = [line.strip() for line in text.splitlines()]
    return [line for index, line in enumerate(lines) if line and (index <= 1 or lines[index - 1].endswith((".", "!", "?", ":")))
            and (index + 1 == len(lines) or line.endswith((".", "!", "?")) or lines[index + 1][:1].isupper())]  # fmt: skip


def _without(text: str, repeated: frozenset[str]) -> str:
    """The text less the boilerplate that stands in it as a sentence of its own (not inside another, as
    in "Vedrørende punkt 1-2: <standard decision>"); the text as it was when nothing else would be left."""
    kept = text
    for segment in repeated:
        if segment not in normal(kept):
            continue
        pattern = r"\s+".join(re.escape(word) for word in segment.split())
        kept = re.sub(rf"(?:^|(?<=[.!?])\s+)(?i:{pattern})[.!?]?(?=\s+[A-ZÆØÅ0-9(]|\s*$)", " ", kept)
    kept = " ".join(kept.split()).strip(" ,;–-")
    return kept if re.search(r"\w{3}", kept) else text


def _first_point(text: str) -> str:
    """ "Administrationen indstiller, 1. at A 2. at B" -> "1. at A"; a text without points as it is."""
    points = [part for part in _POINT_RE.split(f" {text}") if _POINT_START_RE.match(part)]
    if not points:
        return text
    # "1. at A. Administrationen indstiller," – the next recommender's lead-in belongs to point 2.
    return _LEAD_IN_END_RE.sub("", points[0].strip())
