"""Questions about the meeting pack itself, answered from its structure rather than by text search.

"Hvilke punkter er lukkede?", "Hvad handler punkt 7 om?", "Hvilke bilag hører til punkt 7?", "Hvor mange
punkter er der på dagsordenen?", "Hvornår har punkt 7 været behandlet før?": the agenda knows these
exactly (items, numbers, titles, closed flags, bilag, case history), where a text search would return
passages that merely mention the words. Each answer cites the item's own page in the pack; closed items
are labelled, and left out when the search filters hide closed items (presentation mode).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.history import body, case_history, item_rows
from app.core.quotes import shorten
from app.core.library import Hit, Library
from app.core.store import ItemRow, MeetingRow, SearchFilter
from app.core.verify import sentences

_ITEM_RE = re.compile(r"\bpunkt(?:et)?\s+(?:nr\.?\s*)?(\d{1,3})\b", re.IGNORECASE)
_CLOSED_RE = re.compile(r"\blukkede\s+punkter\b|\bpunkter\b.*\blukkede?\b|\blukkede?\b.*\bpunkter\b", re.IGNORECASE)
_COUNT_RE = re.compile(r"\bhvor\s+mange\s+(?:dagsordens)?punkter\b", re.IGNORECASE)
_BILAG_RE = re.compile(r"\bbilag\b", re.IGNORECASE)
_BEFORE_RE = re.compile(r"\b(?:tidligere|før|forrige)\b.*\bbehandl\w*|\bbehandl\w*\b.*\b(?:tidligere|før)\b",
                        re.IGNORECASE)  # fmt: skip
_ABOUT_RE = re.compile(r"\b(?:handler|om|drejer|går)\b", re.IGNORECASE)
SUBJECT_CHARS = 300


@dataclass
class _Scope:
    meeting: MeetingRow
    items: list[ItemRow]


def pack_answer(library: Library, question: str, filters: SearchFilter, model_name: str):  # -> Answer | None
    """The answer from the pack's structure, or None when the question is not about the structure."""
    scopes = _scopes(library, filters)
    if not scopes:
        return None
    numbered = _ITEM_RE.search(question)
    if _CLOSED_RE.search(question) and not numbered:
        return _closed_items(library, scopes, filters, model_name)
    if _COUNT_RE.search(question) and not numbered:
        return _item_counts(library, scopes, filters, model_name)
    if numbered is None:
        return None
    scope = scopes[0]  # the meeting asked in, else the newest: its name is in the answer
    item = next((i for i in scope.items if i.number == int(numbered.group(1))), None)
    if item is None or (item.closed and filters.closed is False):
        return None
    if _BILAG_RE.search(question):
        return _bilag(library, scope, item, model_name)
    if _BEFORE_RE.search(question):
        return _history(library, scope, item, model_name)
    if _ABOUT_RE.search(question):
        return _about(library, scope, item, model_name)
    return None


def _scopes(library: Library, filters: SearchFilter) -> list[_Scope]:
    """The meetings asked about, newest first (one, when the question is asked in one)."""
    meetings = [m for m in library.store.meetings() if m.structured and m.item_count
                and (filters.meeting_id is None or m.id == filters.meeting_id)
                and (filters.collection is None or m.collection == filters.collection)]  # fmt: skip
    meetings.sort(key=lambda m: (m.date or "", m.id), reverse=True)
    return [_Scope(m, library.store.items(m.id)) for m in meetings]


def _visible(items: list[ItemRow], filters: SearchFilter) -> list[ItemRow]:
    return [i for i in items if not (i.closed and filters.closed is False)]


def _page_hit(library: Library, item: ItemRow) -> Hit:
    """The item's first passage: its own page in the pack."""
    rows = item_rows(library.store, item.meeting_id, item.number)
    if rows:
        return Hit.from_row(rows[0], 1.0)
    return Hit(0, item.document, item.start_page, item.meeting_id, item.committee, item.date, item.number,
               item.title, item.closed, None, item.title, 1.0)  # fmt: skip


def _meeting_name(meeting: MeetingRow) -> str:
    from app.core.answer import meeting_label  # one way of naming a meeting in answers

    return meeting_label(Hit(0, "", 0, meeting.id, meeting.committee, meeting.date, None, None, None, None, "", 0))


def _closed_label(item: ItemRow) -> str:
    from app.core.messages import tr

    return f" ({tr('confidential_label')})" if item.closed else ""


def _answer(text: str, citations: list[Hit], model_name: str):
    from app.core.answer import Answer

    return Answer(text, citations, True, model_name, "pack")


def _closed_items(library: Library, scopes: list[_Scope], filters: SearchFilter, model_name: str):
    if filters.closed is False:  # presentation mode: closed items are not shown, not even their titles
        return _answer("Lukkede punkter er skjult, mens præsentationstilstanden er slået til.", [], model_name)
    parts, citations = [], []
    for scope in scopes[:3]:
        closed = [i for i in scope.items if i.closed]
        if not closed:
            parts.append(f"{_meeting_name(scope.meeting)}: ingen lukkede punkter.")
            continue
        listed = []
        for item in closed:
            citations.append(_page_hit(library, item))
            listed.append(f"punkt {item.number}: {item.title}{_closed_label(item)} [{len(citations)}]")
        parts.append(f"{_meeting_name(scope.meeting)} har {len(closed)} lukkede punkter: " + "; ".join(listed) + ".")
    return _answer(" ".join(parts), citations, model_name)


def _item_counts(library: Library, scopes: list[_Scope], filters: SearchFilter, model_name: str):
    parts, citations = [], []
    for scope in scopes[:3]:
        items = _visible(scope.items, filters)
        if not items:
            continue
        citations.append(_page_hit(library, items[0]))
        closed = sum(1 for i in scope.items if i.closed)
        note = f", heraf {closed} lukkede" if closed and filters.closed is not False else ""
        parts.append(f"{_meeting_name(scope.meeting)} har {len(items)} punkter på dagsordenen{note} "
                     f"(punkt {items[0].number}–{items[-1].number}) [{len(citations)}].")  # fmt: skip
    return _answer(" ".join(parts), citations, model_name) if parts else None


def _about(library: Library, scope: _Scope, item: ItemRow, model_name: str):
    rows = item_rows(library.store, item.meeting_id, item.number)
    summary = next((s for row in rows for s in sentences(body(row))[:2] if len(s) > 40), "")
    hit = _page_hit(library, item)
    text = f"Punkt {item.number} på {_meeting_name(scope.meeting)} handler om: {item.title}{_closed_label(item)} [1]."
    if summary:
        text += f" »{shorten(summary, SUBJECT_CHARS)}« [1]"  # whole sentences, or an honest "…"
    return _answer(text, [hit], model_name)


def _bilag(library: Library, scope: _Scope, item: ItemRow, model_name: str):
    attachments = library.store.item_attachments(item.meeting_id, item.number)
    hit = _page_hit(library, item)
    where = f"punkt {item.number} ({item.title}{_closed_label(item)}) på {_meeting_name(scope.meeting)}"
    if not attachments:
        return _answer(f"Der er ingen bilag til {where} [1].", [hit], model_name)
    listed = "; ".join(attachments)
    return _answer(f"Bilag til {where}: {listed} [1].", [hit], model_name)


def _history(library: Library, scope: _Scope, item: ItemRow, model_name: str):
    rows = item_rows(library.store, item.meeting_id, item.number)
    treatments = case_history(library.store, item, rows)
    hit = _page_hit(library, item)
    where = f"Punkt {item.number} ({item.title}{_closed_label(item)}) på {_meeting_name(scope.meeting)}"
    if not treatments:
        return _answer(f"{where}: materialet nævner ingen tidligere behandling af sagen [1].", [hit], model_name)
    citations = [hit]
    listed = []
    for treatment in treatments:
        citations.append(treatment.citation)
        meeting = _meeting_name(MeetingRow(0, "", "", treatment.committee, treatment.date, None, True, [], 0))
        listed.append(f"{meeting} [{len(citations)}]")
    return _answer(f"{where} [1] er behandlet før: " + "; ".join(listed) + ".", citations, model_name)
