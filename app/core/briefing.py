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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from app.core.answer import MARKER_RE, citation_json, sentences, supported
from app.core.verify import verify
from app.core.history import (COURSE_HEADINGS, DECISION_SECTIONS, Treatment, body, case_history,
                              item_rows)  # fmt: skip
from app.core import item_marks
from app.core.ingest.pack import link_attachment
from app.core.ingest.structure import MONTHS
from app.core.library import Hit, Library
from app.core.messages import UserError, tr
from app.core.models.templates import render
from app.core.quotes import shorten
from app.core.store import ChunkRow, ItemRow, MeetingRow, Store
from app.core.titles import HANDBOOK_COLLECTION, first_heading

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
_LEAD_IN_END_RE = re.compile(r"(?<=[.!?])\s+[^.!?]*\b(?:indstiller|anbefaler|foreslår)\b[^.!?]*$")
_COURSE_LINE_START_RE = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]\d{4}\s")
MAX_LINE_CHARS = 600
MAX_ITEM_LINE_CHARS = 300
MAX_SENTENCES = 2
_NOT_BILAG = frozenset({"punkt titel", "hent som pdf", "kopier link", "hent", "som", "kopier", "link"})
BILAG_WHAT_CHARS = 120  # what a bilag file is: its heading or first sentence
# A sentence (or line) found in this many items of one meeting is its boilerplate ("Fraværende: …"
# under every decision): the meeting briefing leaves it out of the item lines.
BOILERPLATE_ITEMS = 3
BOILERPLATE_MIN_CHARS = 12
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
    "summary": "brief_summary", "no_history": "brief_earlier",
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
    heading: str | None = None  # a label of its own (a handbook chapter: "Kapitel II")

    @property
    def label(self) -> str:
        if self.heading:
            return self.heading
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
    handbook: bool = False  # an overview of a Håndbog document's chapters and §, not a meeting

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
            "handbook": self.handbook,
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
        heading = f"{tr('brief_overview' if self.handbook else 'brief_title')}: {self.meeting.title}"
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
    briefing's own cited lines; each summary sentence is verified against them (app.core.verify) and cites
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
    from app.core.handbook import chapters, section_span

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
        lines.append(Line("chapter", text, (_hit(chapter.row),), heading=heading))
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


@dataclass(frozen=True)
class BilagEntry:
    """One bilag of an item: a name its Bilag list gives, the imported file that is it, or both."""

    name: str | None  # as the item's Bilag section lists it
    file: str | None  # the imported file (linked by the pack or by hand)
    pages: int = 0
    what: str = ""  # what the file is: its heading or first sentence
    first: ChunkRow | None = None  # the file's first chunk, its citation
    by_hand: bool = False

    def text(self) -> str:
        if self.file is None:
            return f"{self.name} ({tr('brief_bilag_missing')})"
        facts = [tr("brief_bilag_pages", pages=self.pages), *([tr("brief_bilag_by_hand")] if self.by_hand else [])]
        named = f"{self.name} – {self.file}" if self.name else self.file
        return f"{named} ({', '.join(facts)})" + (f": {self.what}" if self.what else "")


def bilag_entries(store: Store, item: ItemRow, hide_closed: bool = False) -> list[BilagEntry]:
    """The item's bilag: each listed name with the imported file that matches it, then the files linked
    to the item that no listed name matches (linked by hand, or named differently)."""
    files = store.item_documents(item.meeting_id, item.number)
    names = {name for name, _pages, _first in files}
    listed: list[str] = []
    for name in store.item_attachments(item.meeting_id, item.number):
        if name in names or not _is_bilag_name(name):
            continue
        if listed and name[:1].islower():  # the previous name wrapped onto a second line
            listed[-1] = f"{listed[-1]} {name}"
        else:
            listed.append(_bilag_name(name))
    by_hand = {name for name, number in item_marks.links(store, item.meeting_id).items() if number == item.number}
    paired: dict[int, BilagEntry] = {}
    unpaired: list[BilagEntry] = []
    for name, pages, first_id in files:
        first = next(iter(store.chunks([first_id])), None) if first_id is not None else None
        if first is not None and hide_closed and first.item_closed:
            first = None
        what = _what(store, item.meeting_id, name, first)
        match = link_attachment(name, {index: [listed_name] for index, listed_name in enumerate(listed)})
        entry = BilagEntry(None, name, pages, what, first, name in by_hand)
        if match is not None and match not in paired:
            paired[match] = replace(entry, name=listed[match])
        else:
            unpaired.append(entry)
    return [paired.get(index, BilagEntry(name, None)) for index, name in enumerate(listed)] + unpaired


def _is_bilag_name(name: str) -> bool:
    """A listed name that can be a bilag: not a web page's button text caught in a printed agenda
    ("Hent", "som", "Kopier", "link", "Punkt Titel")."""
    words = re.findall(r"\w+", name)
    return (len(words) >= 2 or any(c.isdigit() for c in name) or len(name) >= 12) and name.casefold() not in _NOT_BILAG


def _bilag_name(name: str) -> str:
    return re.sub(r"^PDF(?=[A-ZÆØÅ][a-zæøå])", "", name.strip())  # "PDFBilag 2: …": a link icon's text glued on


def _what(store: Store, meeting_id: int, file_name: str, first: ChunkRow | None) -> str:
    """What a bilag file is: the heading of its first page, else its first sentence."""
    heading = first_heading(store.page_text(meeting_id, file_name, 1))
    if heading:
        return shorten(heading, BILAG_WHAT_CHARS)
    opening = sentences(body(first))[:1] if first is not None else []
    return shorten(opening[0], BILAG_WHAT_CHARS) if opening else ""


def item_lines(item: ItemRow, rows: list[ChunkRow], bilag: list[BilagEntry], history: list[Treatment]) -> list[Line]:
    """The extractive lines of an item briefing, in reading order: the matter, the recommendation,
    the decision, the economy (never the recommendation again), deadlines, the Sagsforløb (or that
    none was found) and the Bilag, each bilag on its own cited line."""
    sections = _Sections.of(rows)
    number = item.number
    lines: list[Line] = []
    if item.closed and rows:
        lines.append(Line("closed", tr("brief_closed_text"), (_hit(rows[0]),), number))
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
        lines.append(Line("no_history", tr("brief_no_history"), (_hit(rows[0]),), number))
    listing = [row for _text, row in sections.text(ATTACHMENT_SECTIONS)] or rows[:1]
    for entry in bilag:
        if entry.file is not None:
            cited = (entry.first,) if entry.first is not None else listing
            lines.append(Line("attachments", entry.text(), _hits(cited), number))
    missing = [entry.name for entry in bilag if entry.file is None and entry.name]
    if len(missing) == 1:
        lines.append(Line("attachments", BilagEntry(missing[0], None).text(), _hits(listing), number))
    elif missing:  # only named in the item's Bilag list: one line, cited there
        lines.append(Line("attachments", f"{'; '.join(missing)} ({tr('brief_bilag_missing_many')})", _hits(listing), number))
    if not bilag:
        lines.append(Line("attachments", tr("brief_no_bilag"), _hits(listing), number))
    if not any(line.kind in ("subject", "recommendation", "decision", "economy", "deadline", "closed") for line in lines):
        lines.insert(0, Line("empty", tr("brief_empty"), (_hit(rows[0]),), number))
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


def _economy(sections: _Sections, recommended: str = "") -> Found:
    """Amounts and financing from the economy section; without one, the amounts the item's summary and
    description state. Never a sentence the recommendation already says (it has its own line)."""
    said = _normal(recommended)
    economy = [(s, row) for s, row in sections.sentences(prefix="økonomi") if _normal(s) not in said]
    chosen = [(s, row) for s, row in economy if MONEY_RE.search(s)][:MAX_SENTENCES]
    financing = next(((s, row) for s, row in economy if _FINANCING_RE.search(s)), None)
    if financing and financing not in chosen:
        chosen.append(financing)
    if not chosen and economy:
        chosen = economy[:1]  # e.g. "Sagen har ingen økonomiske konsekvenser."
    if not chosen:
        others = [*sections.sentences(SUMMARY_SECTIONS), *sections.sentences(BODY_SECTIONS)]
        chosen = [(s, row) for s, row in others if MONEY_RE.search(s) and _normal(s) not in said][:MAX_SENTENCES]
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
    """The pieces verbatim as one text (whole sentences when long; app.core.quotes), citing their chunks."""
    if not pieces:
        return None
    return shorten(" ".join(text for text, _row in pieces), limit), _hits(row for _text, row in pieces)


def _treatment_text(treatment: Treatment) -> str:
    where = " ".join(x for x in (treatment.committee, _danish_date(treatment.date)) if x)
    if treatment.item_number is not None:
        same_title = f", {tr('brief_same_title')}" if treatment.basis == "title" else ""
        where += f" ({tr('brief_item', number=treatment.item_number).lower()}{same_title})"
    return f"{where}: {treatment.decision or tr('brief_no_decision')}"


def _treatment_json(treatment: Treatment) -> dict[str, Any]:
    return {"committee": treatment.committee, "date": treatment.date, "meeting_id": treatment.meeting_id,
            "item": treatment.item_number, "decision": treatment.decision, "basis": treatment.basis,
            "citation": citation_json(treatment.citation)}  # fmt: skip


# --- reduce: a meeting's items ------------------------------------------------------------------


def meeting_line(item: ItemRow, rows: list[ChunkRow], repeated: frozenset[str] = frozenset()) -> Line:
    """The item in one line: its title, the first recommended point and the decision when there is one,
    without the meeting's boilerplate (`repeated`, see boilerplate())."""
    sections = _Sections.of(rows)
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
        parts = [(s, row) for s, row in said if _normal(s) not in repeated][:1] or said[:1]
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
        deadline = _future_date(due[0], item.date) or shorten(due[0], 80)
        reasons.append(tr("brief_attention_deadline", deadline=deadline))
        cited.append(due[1])
    if not reasons:
        return None
    return Line("attention", f"{item.title} – {', '.join(reasons)}", _hits(cited), item.number)


def boilerplate(items: list[list[ChunkRow]]) -> frozenset[str]:
    """The sentences and whole lines (normalised) that recur in BOILERPLATE_ITEMS or more of a meeting's
    items: standard text such as "Fraværende: …" under every decision, which says nothing of one item."""
    if len(items) <= BOILERPLATE_ITEMS:
        return frozenset()
    counts: Counter[str] = Counter()
    for rows in items:
        segments = {_normal(s) for row in rows for s in (*sentences(body(row)), *_whole_lines(row.text))}
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
        if segment not in _normal(kept):
            continue
        pattern = r"\s+".join(re.escape(word) for word in segment.split())
        kept = re.sub(rf"(?:^|(?<=[.!?])\s+)(?i:{pattern})[.!?]?(?=\s+[A-ZÆØÅ0-9(]|\s*$)", " ", kept)
    kept = " ".join(kept.split()).strip(" ,;–-")
    return kept if re.search(r"\w{3}", kept) else text


def _normal(text: str) -> str:
    """Compared without case, spacing and the closing full stop."""
    return " ".join(text.casefold().split()).rstrip(".!?:;, ")


def _first_point(text: str) -> str:
    """ "Administrationen indstiller, 1. at A 2. at B" -> "1. at A"; a text without points as it is."""
    points = [part for part in _POINT_RE.split(f" {text}") if _POINT_START_RE.match(part)]
    if not points:
        return text
    # "1. at A. Administrationen indstiller," – the next recommender's lead-in belongs to point 2.
    return _LEAD_IN_END_RE.sub("", points[0].strip())


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


def _danish_date(iso: str | None) -> str | None:
    if not iso or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return iso
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"
