"""Briefings: what a politician needs to know about an agenda item or a whole meeting, every line cited.

A briefing is built from the whole item, not from the top-k chunks of a search: each section is
read on its own (map) — the Indstilling says what is recommended, the Økonomi section the amounts,
the Tidsplan the deadlines, "Sagens forløb" and the other imported meetings of the same case who
treated it before, the Bilag section what to read — and the findings are assembled into cited
lines (reduce). The lines quote the material verbatim, so the briefing is right with the tiny
default model; a larger chat model may rewrite a line more readably, and its rewrite is kept only
when answer.supported() verifies it against the line's source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from app.core.answers.answer import MARKER_RE, citation_json, sentences, supported
from app.core.answers.verify import verify
from app.core.answers.history import (COURSE_HEADINGS, DECISION_SECTIONS, Treatment, body, case_history,
                              item_rows)  # fmt: skip
from app.core.ingest.structure import MONTHS
from app.core.library import Hit, Library
from app.core.messages import UserError, tr
from app.core.models.templates import render
from app.core.store.database import ChunkRow, ItemRow, MeetingRow, Store

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
_FINANCING_RE = re.compile(r"\bfinansier\w*", re.IGNORECASE)
_POINT_RE = re.compile(r"\s(?=\d{1,2}\.\s+at\b)")
_POINT_START_RE = re.compile(r"\d{1,2}\.\s+at\b")
_COURSE_LINE_START_RE = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]\d{4}\s")
MAX_LINE_CHARS = 600
MAX_ITEM_LINE_CHARS = 300
MAX_SENTENCES = 2
SUBJECT_CHARS = 120  # a second Resume sentence only when the first says less than this
# Rewriting by a larger model: one short sentence per line.
POLISH_KINDS = ("subject", "recommendation", "economy", "deadline")
POLISH_TOKENS = 120
POLISH_PROMPT = (
    "Du hjælper en kommunalpolitiker med mødematerialet. Du forklarer materialet; politikeren beslutter selv, "
    "så du giver aldrig råd om, hvordan der skal stemmes. Omskriv kilden til én kort, klar sætning på dansk. "
    "Brug kun oplysninger fra kilden, og bevar alle tal, beløb og datoer præcis som i kilden."
)

# A line's text and the chunks it quotes, or None when the item says nothing of the kind.
Found = tuple[str, tuple[Hit, ...]] | None

_LABEL_KEYS = {
    "subject": "brief_subject", "recommendation": "brief_recommendation", "decision": "brief_decision",
    "economy": "brief_economy", "deadline": "brief_deadline", "earlier": "brief_earlier", "later": "brief_later",
    "attachments": "brief_attachments", "closed": "confidential_label", "empty": "brief_subject",
    "summary": "brief_summary",
}  # fmt: skip
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


@dataclass(frozen=True)
class Line:
    """One cited line. kind: subject, recommendation, decision, economy, deadline, earlier, later,
    attachments, closed, empty (item briefs); item, attention (meeting briefs)."""

    kind: str
    text: str
    citations: tuple[Hit, ...]
    item_number: int | None = None

    @property
    def label(self) -> str:
        if self.kind in ("item", "attention"):
            return tr("brief_item", number=self.item_number)
        return tr(_LABEL_KEYS[self.kind])

    @property
    def closed(self) -> bool:
        return any(hit.item_closed for hit in self.citations)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "text": self.text, "item": self.item_number,
                "closed": self.closed, "citations": [citation_json(hit) for hit in self.citations]}  # fmt: skip


@dataclass
class Briefing:
    meeting: MeetingRow
    item: ItemRow | None  # None: a briefing of the whole meeting
    lines: list[Line]
    attention: list[Line] = field(default_factory=list)  # meeting briefs: the items that need attention
    history: list[Treatment] = field(default_factory=list)  # item briefs: the case in other meetings
    model: str | None = None  # the chat model whose rewrites were kept; None: extractive only
    summary: list[Line] = field(default_factory=list)  # item briefs: the model's verified summary (may be empty)
    summary_model: str | None = None  # the chat model that wrote the summary

    @property
    def confidential(self) -> bool:
        return any(line.closed for line in (*self.lines, *self.attention))

    @property
    def mode(self) -> str:
        return "generated" if self.model else "extractive"

    def to_json(self) -> dict[str, Any]:
        item = None
        if self.item is not None:
            item = {"number": self.item.number, "title": self.item.title, "case_number": self.item.case_number,
                    "closed": self.item.closed}  # fmt: skip
        return {
            "meeting": {"id": self.meeting.id, "committee": self.meeting.committee, "date": self.meeting.date,
                        "title": self.meeting.title},  # fmt: skip
            "item": item,
            "lines": [line.to_json() for line in self.lines],
            "attention": [line.to_json() for line in self.attention],
            "history": [_treatment_json(t) for t in self.history],
            "summary": [line.to_json() for line in self.summary],
            "summary_model": self.summary_model,
            "confidential": self.confidential,
            "label": tr("confidential_label") if self.confidential else None,
            "mode": self.mode,
            "model": self.model,
            "note": tr("assistant_role"),
        }

    def render(self) -> str:
        """Plain text: a heading, the lines with citation markers, then the numbered sources."""
        sources: list[Hit] = []

        def marked(line: Line) -> str:
            markers = []
            for hit in line.citations:
                if hit not in sources:
                    sources.append(hit)
                markers.append(f"[{sources.index(hit) + 1}]")
            return f"{line.label}: {line.text} {''.join(markers)}"

        out = [self._heading()]
        if self.confidential:
            out.append(f"*** {tr('confidential_label')} ***")
        if self.summary:
            out += ["", *(marked(line) for line in self.summary), f"({tr('brief_summary_by', model=self.summary_model)})"]
        out += ["", *(marked(line) for line in self.lines)]
        if self.attention:
            out += ["", f"{tr('brief_attention')}:", *(f"  {marked(line)}" for line in self.attention)]
        out += ["", f"{tr('sources')}:"]
        for number, hit in enumerate(sources, start=1):
            closed = f" ({tr('confidential_label')})" if hit.item_closed else ""
            out.append(f"  [{number}] {hit.label()}{closed}")
        out += ["", tr("assistant_role")]
        return "\n".join(out)

    def _heading(self) -> str:
        heading = f"{tr('brief_title')}: {self.meeting.title}"
        if self.item is not None:
            heading += f" – {tr('brief_item', number=self.item.number)}: {self.item.title}"
            if self.item.case_number:
                heading += f" (sagsnr. {self.item.case_number})"
        return heading


# --- entry points ----------------------------------------------------------------------------


def brief_item(library: Library, meeting_id: int, item_number: int, polish: bool | None = None,
               hide_closed: bool = False) -> Briefing:  # fmt: skip
    """The briefing of one agenda item. polish: let the chat model rewrite lines (verified);
    None: only when a larger model than the demo one is installed. hide_closed (presentation mode):
    a closed item has no briefing, and nothing closed is quoted (held pages, other meetings' closed
    treatments of the case)."""
    meeting, items = _meeting(library.store, meeting_id)
    item = next((i for i in items if i.number == item_number), None)
    if item is None or (hide_closed and item.closed):
        raise UserError("item_missing" if item is None else "item_closed_hidden", meeting_id=meeting_id,
                        item=item_number)  # fmt: skip
    rows = _shown(item_rows(library.store, meeting_id, item_number), hide_closed)
    history = [t for t in case_history(library.store, item, rows) if not (hide_closed and t.citation.item_closed)]
    lines = item_lines(item, rows, library.store.item_attachments(meeting_id, item_number), history)
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
    lines: list[Line] = []
    attention: list[Line] = []
    for item in items:
        if hide_closed and item.closed:
            continue
        rows = _shown(item_rows(library.store, meeting_id, item.number), hide_closed)
        lines.append(meeting_line(item, rows))
        flagged = attention_line(item, rows)
        if flagged is not None:
            attention.append(flagged)
    return Briefing(meeting, None, lines, attention=attention)


def _shown(rows: list[ChunkRow], hide_closed: bool) -> list[ChunkRow]:
    """An open item's chunks, less those on pages held as closed when hiding closed material."""
    return [row for row in rows if not row.item_closed] if hide_closed else rows


def _meeting(store: Store, meeting_id: int) -> tuple[MeetingRow, list[ItemRow]]:
    meeting = store.meeting(meeting_id)
    if meeting is None:
        raise UserError("meeting_missing", meeting_id=meeting_id)
    return meeting, store.items(meeting_id)


# --- map: what each section says ---------------------------------------------------------------


@dataclass
class _Sections:
    """An item's text by section, each piece with the chunk it came from; "Sagens forløb" is left
    out (it is read apart, as history, and its dates are not deadlines)."""

    pieces: list[tuple[str, ChunkRow]]

    @classmethod
    def of(cls, rows: list[ChunkRow]) -> _Sections:
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


def item_lines(item: ItemRow, rows: list[ChunkRow], attachments: list[str], history: list[Treatment]) -> list[Line]:
    """The extractive lines of an item briefing, in reading order."""
    sections = _Sections.of(rows)
    number = item.number
    lines: list[Line] = []
    if item.closed and rows:
        lines.append(Line("closed", tr("brief_closed_text"), (_hit(rows[0]),), number))
    for kind, found in (
        ("subject", _subject(sections)),
        ("recommendation", _found(sections.text(RECOMMENDATION_SECTIONS))),
        ("decision", _found(sections.text(DECISION_SECTIONS))),
        ("economy", _economy(sections)),
        ("deadline", _deadlines(sections, item.date)),
    ):  # fmt: skip
        if found:
            lines.append(Line(kind, found[0], found[1], number))
    for treatment in history:
        kind = "earlier" if not item.date or (treatment.date or "") <= item.date else "later"
        lines.append(Line(kind, _treatment_text(treatment), (treatment.citation,), number))
    if attachments:
        cited = [row for _text, row in sections.text(ATTACHMENT_SECTIONS)] or rows[:1]
        lines.append(Line("attachments", "; ".join(attachments), _hits(cited), number))
    if not lines and rows:
        lines.append(Line("empty", tr("brief_empty"), (_hit(rows[0]),), number))
    return lines


def _subject(sections: _Sections) -> Found:
    """What the case is about: the Resume's first sentences, else the case description's."""
    candidates = sections.sentences(SUMMARY_SECTIONS) or sections.sentences(BODY_SECTIONS)
    chosen: list[tuple[str, ChunkRow]] = []
    for sentence, row in candidates[:MAX_SENTENCES]:
        chosen.append((sentence, row))
        if sum(len(s) for s, _ in chosen) >= SUBJECT_CHARS:
            break
    return _found(chosen)


def _economy(sections: _Sections) -> Found:
    """Amounts and financing from the economy section; without one, the amounts the item states."""
    economy = sections.sentences(prefix="økonomi")
    chosen = [(s, row) for s, row in economy if MONEY_RE.search(s)][:MAX_SENTENCES]
    financing = next(((s, row) for s, row in economy if _FINANCING_RE.search(s)), None)
    if financing and financing not in chosen:
        chosen.append(financing)
    if not chosen and economy:
        chosen = economy[:1]  # e.g. "Sagen har ingen økonomiske konsekvenser."
    if not chosen:
        others = [*sections.sentences(RECOMMENDATION_SECTIONS), *sections.sentences(SUMMARY_SECTIONS),
                  *sections.sentences(BODY_SECTIONS)]  # fmt: skip
        chosen = [(s, row) for s, row in others if MONEY_RE.search(s)][:MAX_SENTENCES]
    return _found(chosen)


def _deadlines(sections: _Sections, after: str | None) -> Found:
    """Dates and deadlines: the Tidsplan first, then what the recommendation and the case say."""
    ordered = [*sections.sentences(TIMELINE_SECTIONS), *sections.sentences(RECOMMENDATION_SECTIONS),
               *sections.sentences(SUMMARY_SECTIONS), *sections.sentences(BODY_SECTIONS),
               *sections.sentences(prefix="økonomi")]  # fmt: skip
    chosen: list[tuple[str, ChunkRow]] = []
    for sentence, row in ordered:
        if is_deadline(sentence, after) and sentence not in (s for s, _ in chosen):
            chosen.append((sentence, row))
    return _found(chosen[:MAX_SENTENCES])


def is_deadline(sentence: str, after: str | None) -> bool:
    """A sentence with a deadline word, or with a date after the meeting (ISO `after`): earlier
    dates tell the case's past (and the meeting day itself is no deadline)."""
    return bool(DEADLINE_WORDS_RE.search(sentence) or _future_date(sentence, after))


def dates(text: str) -> list[str]:
    """The dates in a text, as ISO "yyyy-mm-dd", or "yyyy-mm" when only the month is given."""
    return [iso for match in DATE_RE.finditer(text) if (iso := _iso(match))]


def _future_date(text: str, after: str | None) -> str | None:
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


def _found(pieces: list[tuple[str, ChunkRow]], limit: int = MAX_LINE_CHARS) -> Found:
    """The pieces verbatim as one text (shortened at a word when long), citing their chunks."""
    if not pieces:
        return None
    return _cap(" ".join(text for text, _row in pieces), limit), _hits(row for _text, row in pieces)


def _treatment_text(treatment: Treatment) -> str:
    where = " ".join(x for x in (treatment.committee, _danish_date(treatment.date)) if x)
    if treatment.item_number is not None:
        where += f" ({tr('brief_item', number=treatment.item_number).lower()})"
    return f"{where}: {treatment.decision or tr('brief_no_decision')}"


def _treatment_json(treatment: Treatment) -> dict[str, Any]:
    return {"committee": treatment.committee, "date": treatment.date, "meeting_id": treatment.meeting_id,
            "item": treatment.item_number, "decision": treatment.decision,
            "citation": citation_json(treatment.citation)}  # fmt: skip


# --- reduce: a meeting's items ------------------------------------------------------------------


def meeting_line(item: ItemRow, rows: list[ChunkRow]) -> Line:
    """The item in one line: its title, the first recommended point and the decision when there is one."""
    sections = _Sections.of(rows)
    recommendation = sections.text(RECOMMENDATION_SECTIONS)
    decision = sections.text(DECISION_SECTIONS)
    parts: list[tuple[str, ChunkRow]] = []
    if recommendation:
        parts.append((_cap(_first_point(recommendation[0][0]), MAX_ITEM_LINE_CHARS // 2), recommendation[0][1]))
    if decision:
        parts.append((_cap(decision[0][0], MAX_ITEM_LINE_CHARS // 2), decision[0][1]))
    if not parts:
        parts = sections.sentences(SUMMARY_SECTIONS)[:1] or sections.sentences(BODY_SECTIONS)[:1]
    cited = [row for _text, row in parts] or rows[:1]
    text = item.title + (f": {' – '.join(t for t, _row in parts)}" if parts else "")
    return Line("item", text, _hits(cited), item.number)


def attention_line(item: ItemRow, rows: list[ChunkRow]) -> Line | None:
    """Why the item needs attention — closed, an amount, a deadline — or None."""
    sections = _Sections.of(rows)
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
        deadline = _future_date(due[0], item.date) or _cap(due[0], 80)
        reasons.append(tr("brief_attention_deadline", deadline=deadline))
        cited.append(due[1])
    if not reasons:
        return None
    return Line("attention", f"{item.title} – {', '.join(reasons)}", _hits(cited), item.number)


def _first_point(text: str) -> str:
    """ "Administrationen indstiller, 1. at A 2. at B" -> "1. at A"; a text without points as it is."""
    points = [part for part in _POINT_RE.split(f" {text}") if _POINT_START_RE.match(part)]
    return points[0] if points else text


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


def _hit(row: ChunkRow) -> Hit:
    return Hit.from_row(row, 0.0)


def _hits(rows: Iterable[ChunkRow]) -> tuple[Hit, ...]:
    unique = {row.id: row for row in rows}
    return tuple(_hit(row) for row in unique.values())


def _cap(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _danish_date(iso: str | None) -> str | None:
    if not iso or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return iso
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"
