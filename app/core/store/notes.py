"""The user's own meeting preparation: highlights, notes and "Spørgsmål til mødet" (issue 22).

This module owns the tables ``user_highlights``, ``user_notes`` and ``user_questions`` of the encrypted store:

* a highlight is a text span on a page of one of the meeting's files, with an optional comment;
* a note is free text (Markdown-ish bullets) for the meeting (item number 0) or for one agenda item;
* a question is one line the politician will raise, optionally linked to a citation (file and page).

Everything is keyed by the meeting (deleted with it), by file name and by agenda item *number*:
a re-import of a changed file replaces its document and item rows, and the user's work must survive
it. After such a re-import :func:`reanchor` finds each highlight's text again in the new version and
records where it moved to, or that it vanished. Retention of a closed item removes its notes with its
material (Store.purge_item); "Slet alt" removes the store. Nothing here is logged: texts stay in the
encrypted store, and the audit log only records that an export happened.

:func:`notes_matching` lets the assistant find the user's notes for a question; those sources are
always marked as "Dine noter", never as what the material says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from app.core.messages import UserError, tr
from app.core.text import MIN_COMPOUND_HEAD, stems
from app.core.ingest.locations import location  # web pages and e-mails: "afsnit", not "s."

if TYPE_CHECKING:  # annotations only: the window imports this module before the store is loaded
    from app.core.store.database import Store

MEETING_NOTE = 0  # the item number of the note about the meeting as a whole
USER_NOTES_LABEL = "Dine noter"
NOTE_KINDS = ("note", "highlight", "question")

# Words that say "my notes" in a question and carry no topic ("hvad skrev jeg om ...").
_META_STEMS = frozenset(stems(
    "skrev skrive skrevet noter note notat notater noteret fremhæv fremhævet fremhævede fremhævning "
    "markeret markerede spørgsmål spørge mine min mit egne selv"
))  # fmt: skip
_ASKS_ABOUT_NOTES_RE = re.compile(
    r"\b(jeg skrev|skrev jeg|har jeg skrevet|jeg har skrevet|mine noter|min note|mine notater|mit notat"
    r"|jeg fremhævede|fremhævede jeg|jeg har fremhævet|mine spørgsmål|mine fremhævninger)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Highlight:
    id: int
    meeting_id: int
    document: str
    page: int
    text: str
    comment: str | None
    item_number: int | None
    rects: tuple[tuple[float, float, float, float], ...]  # page points (x, y, w, h); empty: find by text
    status: str  # "ok", "moved" (re-import: now on `page`, was on `moved_from`), "vanished"
    moved_from: int | None
    created: str
    sha256: str = ""  # of the file version the highlight is anchored in

    def status_text(self) -> str:
        """Where the highlight went after a re-import of a changed file (empty when nothing happened)."""
        if self.status == "moved":
            return tr("highlight_moved", old=self.moved_from, new=self.page)
        if self.status == "vanished":
            return tr("highlight_vanished")
        return ""


@dataclass(frozen=True)
class Question:
    id: int
    meeting_id: int
    item_number: int | None
    text: str
    document: str | None  # the citation the question is about, if any
    page: int | None
    created: str

    def citation(self) -> str | None:
        return f"{self.document}, {location(self.document, self.page)}" if self.document and self.page else None


@dataclass(frozen=True)
class NoteSource:
    """A note, highlight or question of the user found for a question: cited as "Dine noter"."""

    kind: str  # "note", "highlight", "question"
    meeting_id: int
    meeting_title: str
    item_number: int | None
    item_closed: bool
    text: str
    document: str | None
    page: int | None
    comment: str | None
    score: float
    origin: str = "user_note"  # never "material": this is what the user wrote, not what the papers say

    def label(self) -> str:
        where = [self.meeting_title]
        if self.item_number:
            where.append(f"punkt {self.item_number}")
        if self.document and self.page:
            where.append(f"{self.document}, {location(self.document, self.page)}")
        kind = {"note": "note", "highlight": "fremhævning", "question": "spørgsmål"}[self.kind]
        return f"{USER_NOTES_LABEL} ({kind}): {', '.join(where)}"

    def to_json(self) -> dict[str, Any]:
        return {"origin": self.origin, "label": USER_NOTES_LABEL, "kind": self.kind,
                "meeting": self.meeting_id, "item": self.item_number, "closed": self.item_closed,
                "document": self.document, "page": self.page, "text": self.text, "comment": self.comment,
                "citation": self.label()}  # fmt: skip


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _check_meeting(store: Store, meeting_id: int) -> None:
    if not store.meeting_exists(meeting_id):
        raise UserError("meeting_missing", meeting_id=meeting_id)


# --- highlights -------------------------------------------------------------------------------


def _document(store: Store, meeting_id: int, document: str) -> tuple[str, list[str]]:
    """(sha256, page texts) of the meeting's file of that name."""
    rows = store.rows("SELECT sha256 FROM documents WHERE meeting_id = ? AND file_name = ?", (meeting_id, document))
    if not rows:
        raise UserError("note_document_missing", document=document)
    return str(rows[0][0]), store.document_pages(meeting_id, document)


def item_at(store: Store, meeting_id: int, document: str, page: int) -> int | None:
    """The agenda item a page belongs to: by page range in the agenda's file, or the item a bilag file is linked to."""
    rows = store.rows(
        "SELECT i.number FROM items i JOIN documents d ON d.id = i.document_id WHERE i.meeting_id = ?"
        " AND d.file_name = ? AND ? BETWEEN i.start_page AND i.end_page ORDER BY i.number LIMIT 1",
        (meeting_id, document, page),
    ) or store.rows(
        "SELECT i.number FROM documents d JOIN items i ON i.id = d.item_id WHERE d.meeting_id = ? AND d.file_name = ?",
        (meeting_id, document),
    )  # fmt: skip
    return int(rows[0][0]) if rows else None


def add_highlight(store: Store, meeting_id: int, document: str, page: int, text: str, comment: str | None = None,
                  rects: list[tuple[float, float, float, float]] | None = None) -> Highlight:  # fmt: skip
    """Highlight a span of text on a page (rects: where it is on the page, in points, when known)."""
    _check_meeting(store, meeting_id)
    text = " ".join(text.split())
    if not text:
        raise UserError("note_empty")
    sha256, pages = _document(store, meeting_id, document)
    if not 1 <= page <= len(pages):
        raise UserError("note_page_missing", document=document, page=page)
    with store.transaction() as db:
        cursor = db.execute(
            "INSERT INTO user_highlights (meeting_id, document, page, text, comment, item_number, rects, sha256, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (meeting_id, document, page, text, (comment or "").strip() or None,
             item_at(store, meeting_id, document, page), _rects_text(rects), sha256, _now()),
        )  # fmt: skip
    return highlight(store, int(cursor.lastrowid))


def highlight(store: Store, highlight_id: int) -> Highlight:
    rows = store.rows(f"{_HIGHLIGHT_SELECT} WHERE id = ?", (highlight_id,))
    if not rows:
        raise UserError("note_missing")
    return _highlight(rows[0])


def highlights(store: Store, meeting_id: int, item_number: int | None = None, document: str | None = None,
               include_closed: bool = True) -> list[Highlight]:  # fmt: skip
    """The meeting's highlights in reading order; item_number/document narrow them."""
    sql, params = f"{_HIGHLIGHT_SELECT} WHERE meeting_id = ?", [meeting_id]
    if item_number is not None:
        sql, params = sql + " AND item_number = ?", [*params, item_number]
    if document is not None:
        sql, params = sql + " AND document = ?", [*params, document]
    found = [_highlight(r) for r in store.rows(sql + " ORDER BY item_number, document, page, id", params)]
    if include_closed:
        return found
    closed = closed_items(store, meeting_id)
    return [h for h in found if h.item_number not in closed]


def update_highlight(store: Store, highlight_id: int, comment: str | None) -> None:
    with store.transaction() as db:
        db.execute("UPDATE user_highlights SET comment = ? WHERE id = ?", ((comment or "").strip() or None, highlight_id))


def delete_highlight(store: Store, highlight_id: int) -> None:
    with store.transaction() as db:
        db.execute("DELETE FROM user_highlights WHERE id = ?", (highlight_id,))


def reanchor(store: Store, meeting_id: int) -> list[Highlight]:
    """After a re-import: find each highlight whose file changed in the file's new version (same page
    first, then the nearest page with the text). Returns the highlights that moved or vanished."""
    changed: list[Highlight] = []
    documents = {str(r[0]): str(r[1]) for r in store.rows(
        "SELECT file_name, sha256 FROM documents WHERE meeting_id = ?", (meeting_id,))}  # fmt: skip
    for old in highlights(store, meeting_id):
        sha256 = documents.get(old.document)
        if sha256 is None or sha256 == old.sha256:
            continue
        pages = store.document_pages(meeting_id, old.document)
        original = old.moved_from or old.page
        found = _find_page(pages, old.text, original)
        page = found or old.page
        status = "vanished" if found is None else "ok" if found == original else "moved"
        with store.transaction() as db:
            db.execute(
                "UPDATE user_highlights SET page = ?, sha256 = ?, status = ?, moved_from = ?, item_number = ?,"
                " rects = CASE WHEN ? THEN rects END WHERE id = ?",
                (page, sha256, status, original if status != "ok" else None,
                 item_at(store, meeting_id, old.document, page) if found else old.item_number,
                 int(found == old.page), old.id),
            )  # fmt: skip
        if status != "ok":
            changed.append(highlight(store, old.id))
    return changed


def _find_page(pages: list[str], text: str, near: int) -> int | None:
    wanted = _squashed(text)
    on = [number for number, page in enumerate(pages, start=1) if wanted in _squashed(page)]
    return min(on, key=lambda number: abs(number - near)) if on else None


def _squashed(text: str) -> str:
    """Compare text across extractions: hyphenation at line ends and whitespace do not count."""
    return re.sub(r"\s+", " ", re.sub(r"-\s*\n\s*", "", text)).strip().casefold()


def _rects_text(rects: list[tuple[float, float, float, float]] | None) -> str | None:
    return ";".join(",".join(f"{v:.2f}" for v in rect) for rect in rects) if rects else None


_HIGHLIGHT_SELECT = ("SELECT id, meeting_id, document, page, text, comment, item_number, rects, status, moved_from,"
                     " created, sha256 FROM user_highlights")  # fmt: skip


def _highlight(r: tuple) -> Highlight:
    rects = tuple(tuple(float(v) for v in rect.split(",")) for rect in r[7].split(";")) if r[7] else ()
    return Highlight(int(r[0]), int(r[1]), str(r[2]), int(r[3]), str(r[4]), r[5], None if r[6] is None else int(r[6]),
                     rects, str(r[8]), r[9], str(r[10]), str(r[11]))  # type: ignore[arg-type]  # fmt: skip


# --- notes -----------------------------------------------------------------------------------


def note(store: Store, meeting_id: int, item_number: int = MEETING_NOTE) -> str:
    """The note for the meeting (item 0) or an agenda item; empty when none was written."""
    rows = store.rows("SELECT text FROM user_notes WHERE meeting_id = ? AND item_number = ?", (meeting_id, item_number))
    return str(rows[0][0]) if rows else ""


def save_note(store: Store, meeting_id: int, text: str, item_number: int = MEETING_NOTE) -> None:
    """Save (or, when empty, remove) a note. Notes are free text: "- " and "* " lines are bullets."""
    _check_meeting(store, meeting_id)
    if item_number != MEETING_NOTE and item_number not in {i.number for i in store.items(meeting_id)}:
        raise UserError("item_missing", meeting_id=meeting_id, item=item_number)
    with store.transaction() as db:
        if not text.strip():
            db.execute("DELETE FROM user_notes WHERE meeting_id = ? AND item_number = ?", (meeting_id, item_number))
            return
        db.execute("INSERT INTO user_notes (meeting_id, item_number, text, updated) VALUES (?, ?, ?, ?)"
                   " ON CONFLICT (meeting_id, item_number) DO UPDATE SET text = excluded.text, updated = excluded.updated",
                   (meeting_id, item_number, text.rstrip(), _now()))  # fmt: skip


def notes(store: Store, meeting_id: int) -> dict[int, str]:
    """Item number (0: the meeting) -> note."""
    return {int(r[0]): str(r[1]) for r in store.rows(
        "SELECT item_number, text FROM user_notes WHERE meeting_id = ? ORDER BY item_number", (meeting_id,))}  # fmt: skip


def bullet_lines(text: str) -> list[tuple[bool, str]]:
    """A note as (is a bullet, text) lines, for the prep sheet."""
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        bullet = stripped[:2] in ("- ", "* ", "• ")
        out.append((bullet, stripped[2:].strip() if bullet else stripped))
    return out


# --- questions -------------------------------------------------------------------------------


def add_question(store: Store, meeting_id: int, text: str, item_number: int | None = None,
                 document: str | None = None, page: int | None = None) -> Question:  # fmt: skip
    _check_meeting(store, meeting_id)
    text = " ".join(text.split())
    if not text:
        raise UserError("note_empty")
    if document is not None:
        _, pages = _document(store, meeting_id, document)
        if page is None or not 1 <= page <= len(pages):
            raise UserError("note_page_missing", document=document, page=page)
        if item_number is None:
            item_number = item_at(store, meeting_id, document, page)
    with store.transaction() as db:
        cursor = db.execute(
            "INSERT INTO user_questions (meeting_id, item_number, text, document, page, created) VALUES (?, ?, ?, ?, ?, ?)",
            (meeting_id, item_number, text, document, page if document else None, _now()),
        )
    return next(q for q in questions(store, meeting_id) if q.id == cursor.lastrowid)


def questions(store: Store, meeting_id: int, item_number: int | None = None,
              include_closed: bool = True) -> list[Question]:  # fmt: skip
    sql = "SELECT id, meeting_id, item_number, text, document, page, created FROM user_questions WHERE meeting_id = ?"
    params: list[object] = [meeting_id]
    if item_number is not None:
        sql, params = sql + " AND item_number = ?", [*params, item_number]
    found = [Question(int(r[0]), int(r[1]), r[2], str(r[3]), r[4], r[5], str(r[6]))
             for r in store.rows(sql + " ORDER BY id", params)]  # fmt: skip
    if include_closed:
        return found
    closed = closed_items(store, meeting_id)
    return [q for q in found if q.item_number not in closed]


def delete_question(store: Store, question_id: int) -> None:
    with store.transaction() as db:
        db.execute("DELETE FROM user_questions WHERE id = ?", (question_id,))


def closed_items(store: Store, meeting_id: int) -> set[int]:
    return {item.number for item in store.items(meeting_id) if item.closed}


# --- the assistant: finding the user's notes for a question ---------------------------------------


def asks_about_notes(question: str) -> bool:
    """Whether the question is about the user's own notes ("hvad skrev jeg om skolestrukturen?")."""
    return bool(_ASKS_ABOUT_NOTES_RE.search(question))


def notes_matching(store: Store, question: str, meeting_id: int | None = None, limit: int = 5,
                   include_closed: bool = True) -> list[NoteSource]:  # fmt: skip
    """The user's notes, highlights (with comments) and questions that share words with the question,
    best first. Danish stems, and a query word also finds compounds it ends ("struktur" finds
    "skolestruktur"). The results are the user's own words: cite them as "Dine noter"."""
    wanted = set(stems(question)) - _META_STEMS
    if not wanted:
        return []
    scored = [(score, source) for source in _all_sources(store, meeting_id, include_closed)
              if (score := _score(wanted, source)) > 0]  # fmt: skip
    scored.sort(key=lambda pair: -pair[0])
    return [_with_score(s, score) for score, s in scored[:limit]]


def notes_for_question(store: Store, question: str, filters: Any = None, limit: int = 5) -> list[NoteSource]:
    """notes_matching within an answer's search filter (meeting, item, closed items): the sources an
    answer shows apart from the material, under "Dine noter"."""
    meeting_id = getattr(filters, "meeting_id", None)
    include_closed = getattr(filters, "closed", None) is not False
    found = notes_matching(store, question, meeting_id, limit=limit * 2, include_closed=include_closed)
    item = getattr(filters, "item_number", None)
    if getattr(filters, "closed", None) is True:
        found = [s for s in found if s.item_closed]
    return [s for s in found if item is None or s.item_number == item][:limit]


def item_lines(store: Store, meeting_id: int, item_number: int) -> list[str]:
    """The user's highlights, note and questions for an item, as lines to show beside its briefing."""
    out = [f"Fremhævet: »{h.text}« ({h.document}, {location(h.document, h.page)})" + (f" – {h.comment}" if h.comment else "")
           for h in highlights(store, meeting_id, item_number=item_number)]  # fmt: skip
    out += [f"Note: {line}" for _, line in bullet_lines(note(store, meeting_id, item_number))]
    out += [f"Spørgsmål: {q.text}" + (f" ({q.citation()})" if q.citation() else "")
            for q in questions(store, meeting_id, item_number=item_number)]  # fmt: skip
    return out


def _score(wanted: set[str], source: NoteSource) -> float:
    have = set(stems(" ".join(filter(None, (source.text, source.comment)))))
    score = 0.0
    for stem in wanted:
        if stem in have:
            score += 1.0
        elif len(stem) >= MIN_COMPOUND_HEAD and any(h.endswith(stem) or stem.endswith(h) and len(h) >= 6 for h in have):
            score += 0.6
    return score / len(wanted)


def _with_score(source: NoteSource, score: float) -> NoteSource:
    return NoteSource(source.kind, source.meeting_id, source.meeting_title, source.item_number, source.item_closed,
                      source.text, source.document, source.page, source.comment, round(score, 4))  # fmt: skip


def _all_sources(store: Store, meeting_id: int | None, include_closed: bool) -> list[NoteSource]:
    meetings = [m for m in store.meetings() if meeting_id is None or m.id == meeting_id]
    out: list[NoteSource] = []
    for meeting in meetings:
        closed = closed_items(store, meeting.id)
        for number, text in notes(store, meeting.id).items():
            out.append(NoteSource("note", meeting.id, meeting.title, number or None, number in closed, text,
                                  None, None, None, 0.0))  # fmt: skip
        for h in highlights(store, meeting.id):
            out.append(NoteSource("highlight", meeting.id, meeting.title, h.item_number, h.item_number in closed,
                                  h.text, h.document, h.page, h.comment, 0.0))  # fmt: skip
        for q in questions(store, meeting.id):
            out.append(NoteSource("question", meeting.id, meeting.title, q.item_number, q.item_number in closed,
                                  q.text, q.document, q.page, None, 0.0))  # fmt: skip
    return [s for s in out if include_closed or not s.item_closed]

