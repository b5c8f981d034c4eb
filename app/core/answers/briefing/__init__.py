"""Briefings: what a politician needs to know about an agenda item or a whole meeting, every line cited.

A briefing is built from the whole item, not from the top-k chunks of a search: each section is
read on its own (map) — the Indstilling says what is recommended, the Økonomi section the amounts,
the Tidsplan the deadlines, "Sagens forløb" and the other imported meetings of the same case who
treated it before, the Bilag section what to read — and the findings are assembled into cited
lines (reduce). The lines quote the material verbatim, so the briefing is right with the tiny
default model; a larger chat model may rewrite a line more readably, and its rewrite is kept only
when answer.supported() verifies it against the line's source.

This package's __init__ holds the entry points (brief_item, summarize_item, brief_meeting,
handbook_overview) and the model's part (the verified rewrite of a line, the verified summary); the
parts of a briefing are its modules: lines.py (Line, Briefing, rendering), sections.py (the map: an
item's text by section; amounts, dates, deadlines), item.py (an item briefing's lines), bilag.py (its
Bilag), meeting.py (a meeting briefing's lines).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from app.core.answers.answer import MARKER_RE, sentences, supported
from app.core.answers.briefing.bilag import BilagEntry, bilag_entries
from app.core.answers.briefing.item import item_lines
from app.core.answers.briefing.lines import Briefing, Line, hit_of
from app.core.answers.briefing.meeting import MAX_ITEM_LINE_CHARS, attention_line, boilerplate, meeting_line
from app.core.answers.briefing.sections import dates, is_deadline
from app.core.answers.history import case_history, item_rows
from app.core.answers.quotes import shorten
from app.core.answers.verify import verify
from app.core.ingest.titles import HANDBOOK_COLLECTION
from app.core.library import Library
from app.core.messages import UserError, tr
from app.core.models.templates import render
from app.core.store.database import ChunkRow, ItemRow, MeetingRow, Store

# What callers use besides the entry points: the result's types and the date reading (pack questions, tests).
__all__ = ["BilagEntry", "Briefing", "Line", "bilag_entries", "brief_item", "brief_meeting", "dates",
           "handbook_overview", "is_deadline", "summarize_item"]

# Rewriting by a larger model: one short sentence per line.
POLISH_KINDS = ("subject", "recommendation", "economy", "deadline")
POLISH_TOKENS = 120
POLISH_PROMPT = (
    "Du hjælper en kommunalpolitiker med mødematerialet. Du forklarer materialet; politikeren beslutter selv, "
    "så du giver aldrig råd om, hvordan der skal stemmes. Omskriv kilden til én kort, klar sætning på dansk. "
    "Brug kun oplysninger fra kilden, og bevar alle tal, beløb og datoer præcis som i kilden."
)
# The model's summary of an item (summarize_item): 3-5 sentences over the briefing's own cited lines.
SUMMARY_SOURCE_KINDS = ("subject", "recommendation", "decision", "economy", "deadline", "earlier")
SUMMARY_SENTENCES = 5
SUMMARY_TOKENS = 220
SUMMARY_PROMPT = (
    "Du hjælper en kommunalpolitiker med mødematerialet. Du forklarer materialet; politikeren beslutter selv, "
    "så du giver aldrig råd om, hvordan der skal stemmes. Skriv et resumé af punktet på tre til fem korte "
    "sætninger på dansk, kun ud fra kilderne. Bevar alle tal, beløb og datoer præcis som i kilderne. Skriv "
    "kildens nummer i firkantet parentes efter hver sætning, fx [1]."
)


# --- entry points ----------------------------------------------------------------------------


def brief_item(library: Library, meeting_id: int, item_number: int, polish: bool | None = None,
               hide_closed: bool = False) -> Briefing:  # fmt: skip
    """The briefing of one agenda item. polish: let the chat model rewrite lines (verified);
    None: only when a larger model than the demo one is installed. hide_closed (presentation mode):
    a closed item has no briefing, and nothing closed is quoted (held pages, other meetings' closed
    treatments of the case)."""
    meeting, items = _meeting(library.store, meeting_id)
    if meeting.collection == HANDBOOK_COLLECTION:
        raise UserError("brief_handbook_item", title=meeting.title, meeting_id=meeting_id)
    item = next((i for i in items if i.number == item_number), None)
    if item is None or (hide_closed and item.closed):
        raise UserError("item_missing" if item is None else "item_closed_hidden", meeting_id=meeting_id,
                        item=item_number)  # fmt: skip
    rows = _shown(item_rows(library.store, meeting_id, item_number), hide_closed)
    history = [t for t in case_history(library.store, item, rows) if not (hide_closed and t.citation.item_closed)]
    lines = item_lines(item, rows, bilag_entries(library.store, item, hide_closed), history)
    model = _polishing_model(library, polish)
    if model is None:
        return Briefing(meeting, item, lines, history=history)
    polished = [_polish(library, model, line) if line.kind in POLISH_KINDS else line for line in lines]
    return Briefing(meeting, item, polished, history=history, model=model.name if polished != lines else None)


def summarize_item(library: Library, briefing: Briefing, should_cancel: Any = lambda: False) -> Briefing:
    """The item briefing with the chat model's 3-5 sentence summary above its lines. The model reads the
    briefing's own cited lines; each summary sentence is verified against them (app.core.answers.verify) and cites
    their sources. When the model is missing, fails or nothing verifies, the briefing is returned as it was:
    a briefing never depends on the model."""
    sources = [line for line in briefing.lines if line.kind in SUMMARY_SOURCE_KINDS and line.text]
    if briefing.item is None or not sources:
        return briefing
    try:
        model = library.chat_model()
        if model.tier in ("tiny", "demo"):  # a base model cannot summarise Danish: the lines are the briefing
            return briefing
        user = "Kilder:\n\n" + "\n\n".join(f"[{n}] {line.label}: {line.text}" for n, line in enumerate(sources, 1))
        prompt, stop = render(model.template, SUMMARY_PROMPT, f"{user}\n\nPunkt: {briefing.item.title}\n\nResumé:")
        generation = library.worker.generate(model, prompt, stop, SUMMARY_TOKENS, lambda _t: None, should_cancel)
    except (UserError, RuntimeError, OSError, EOFError):
        return briefing
    if generation.cancelled:
        return briefing
    verdict = verify(generation.text, [f"{line.label}\n{line.text}" for line in sources], briefing.item.title)
    summary = []
    for sentence in sentences(verdict.text)[:SUMMARY_SENTENCES]:
        cited = [sources[int(n) - 1] for n in MARKER_RE.findall(sentence) if 1 <= int(n) <= len(sources)]
        hits = tuple(dict.fromkeys(hit for line in cited for hit in line.citations))
        summary.append(Line("summary", re.sub(r"\s*\[\d+\]", "", sentence).strip(), hits, briefing.item.number))
    return replace(briefing, summary=summary, summary_model=model.name) if summary else briefing


def brief_meeting(library: Library, meeting_id: int, hide_closed: bool = False) -> Briefing:
    """One cited line per agenda item, and the items that need attention (closed, amounts, deadlines).
    hide_closed (presentation mode): closed items and held pages are left out, not even counted."""
    meeting, items = _meeting(library.store, meeting_id)
    if meeting.collection == HANDBOOK_COLLECTION:
        return handbook_overview(library.store, meeting)
    lines: list[Line] = []
    attention: list[Line] = []
    shown = [(item, _shown(item_rows(library.store, meeting_id, item.number), hide_closed))
             for item in items if not (hide_closed and item.closed)]  # fmt: skip
    repeated = boilerplate([rows for _item, rows in shown])
    for item, rows in shown:
        lines.append(meeting_line(item, rows, repeated))
        flagged = attention_line(item, rows)
        if flagged is not None:
            attention.append(flagged)
    return Briefing(meeting, None, lines, attention=attention)


def handbook_overview(store: Store, meeting: MeetingRow) -> Briefing:
    """A Håndbog document is no meeting: its briefing is an overview of its chapters and their §, each
    line with what the chapter's first § says and a citation of the page where the chapter starts."""
    from app.core.answers.handbook import chapters, section_span

    found = chapters(store, meeting.id)
    if not found:
        raise UserError("brief_handbook_no_outline", title=meeting.title)
    several = len({chapter.document for chapter in found}) > 1
    lines = []
    for chapter in found:
        heading = tr("brief_chapter", number=chapter.number) if chapter.number else tr("brief_before_chapters")
        if chapter.title:
            heading += f" ({chapter.title})"
        if several:
            heading = f"{chapter.document}: {heading}"
        opening = sentences(chapter.opening)[:1]
        text = section_span(chapter.sections) + (f" – {shorten(opening[0], MAX_ITEM_LINE_CHARS // 2)}" if opening else "")
        lines.append(Line("chapter", text, (hit_of(chapter.row),), heading=heading))
    return Briefing(meeting, None, lines, handbook=True)


def _shown(rows: list[ChunkRow], hide_closed: bool) -> list[ChunkRow]:
    """An open item's chunks, less those on pages held as closed when hiding closed material."""
    return [row for row in rows if not row.item_closed] if hide_closed else rows


def _meeting(store: Store, meeting_id: int) -> tuple[MeetingRow, list[ItemRow]]:
    meeting = store.meeting(meeting_id)
    if meeting is None:
        raise UserError("meeting_missing", meeting_id=meeting_id)
    return meeting, store.items(meeting_id)


# --- map: what each section says ---------------------------------------------------------------


# --- reduce: a meeting's items ------------------------------------------------------------------


# --- polishing by a larger model ------------------------------------------------------------------


def _polishing_model(library: Library, polish: bool | None) -> Any:
    if polish is False:
        return None
    try:
        model = library.chat_model()
    except UserError:
        return None
    # Only a larger, IT-deployed model rewrites lines while the briefing is built; the standard model
    # summarises afterwards (summarize_item), so a briefing never waits for it.
    return model if polish or model.tier == "recommended" else None


def _polish(library: Library, model: Any, line: Line) -> Line:
    """The model's one-sentence rewrite of the line, when every sentence of it is verified against
    the line's own (verbatim) text; else the line as extracted."""
    source = replace(line.citations[0], text=line.text)
    user = f"Kilde [1]:\n{line.text}\n\nSkriv én sætning om: {line.label.lower()}."
    prompt, stop = render(model.template, POLISH_PROMPT, user)
    generation = library.worker.generate(model, prompt, stop, POLISH_TOKENS, lambda _t: None, lambda: False)
    rewrite = MARKER_RE.sub("", generation.text).strip()
    said = sentences(rewrite)
    if not said or not all(supported(f"{sentence} [1]", [source]) for sentence in said):
        return line
    return replace(line, text=" ".join(said))


# --- helpers ---------------------------------------------------------------------------------------


