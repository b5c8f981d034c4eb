"""The prep sheet ("forberedelsesark", issue 22): a meeting to take along, as A4 PDF or DOCX.

It holds the meeting header and, per agenda item, the briefing lines with their page citations
(app.core.answers.briefing), the user's highlights, note and questions (app.core.store.notes). This is the one place
where plaintext leaves the encrypted store, so every export is written to the audit log (what and
whether closed items were included, never the text). Closed items are left out unless the caller
chooses to include them; then each of their pages carries "FORTROLIGT – LUKKET PUNKT". IT can turn
export off (policy ``features.export``).
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from app.core.store import notes
from app.core.answers.briefing import brief_item
from app.core.messages import UserError
from app.core.security.policy import current_policy
from app.core.store.database import ItemRow, MeetingRow
from app.core.ingest.locations import location  # web pages and e-mails: "afsnit", not "s."

CLOSED_MARK = "FORTROLIGT – LUKKET PUNKT"
TITLE = "Forberedelsesark"
FORMATS = (".pdf", ".docx")
OTHER_HIGHLIGHTS = "Mine fremhævninger uden for punkterne"


@dataclass
class ItemSheet:
    item: ItemRow
    lines: list[tuple[str, str, list[str]]]  # (label, text, citations "fil, s. N")
    highlights: list[notes.Highlight]
    note: str
    questions: list[notes.Question]


@dataclass
class PrepSheet:
    meeting: MeetingRow
    meeting_note: str
    meeting_questions: list[notes.Question]
    items: list[ItemSheet] = field(default_factory=list)
    left_out: int = 0  # closed items not included
    other_highlights: list[notes.Highlight] = field(default_factory=list)  # on pages of no agenda item

    @property
    def includes_closed(self) -> bool:
        return any(sheet.item.closed for sheet in self.items)

    def to_json(self) -> dict[str, Any]:
        return {
            "meeting": {"id": self.meeting.id, "title": self.meeting.title, "date": self.meeting.date,
                        "committee": self.meeting.committee},  # fmt: skip
            "items": [{"number": s.item.number, "title": s.item.title, "closed": s.item.closed,
                       "lines": [{"label": label, "text": text, "citations": cites} for label, text, cites in s.lines],
                       "highlights": len(s.highlights), "questions": len(s.questions), "note": bool(s.note)}
                      for s in self.items],  # fmt: skip
            "closed_left_out": self.left_out,
            "other_highlights": len(self.other_highlights),
        }


def build_sheet(library: Any, meeting_id: int, include_closed: bool = False) -> PrepSheet:
    """The prep sheet's content, without writing anything."""
    store = library.store
    meeting = store.meeting(meeting_id)
    if meeting is None:
        raise UserError("meeting_missing", meeting_id=meeting_id)
    sheet = PrepSheet(meeting, notes.note(store, meeting_id), notes.questions(store, meeting_id, item_number=None))
    sheet.meeting_questions = [q for q in sheet.meeting_questions if q.item_number is None]
    sheet.other_highlights = [h for h in notes.highlights(store, meeting_id) if h.item_number is None]
    for item in store.items(meeting_id):
        if item.closed and not include_closed:
            sheet.left_out += 1
            continue
        sheet.items.append(ItemSheet(
            item, _briefing_lines(library, meeting_id, item.number),
            notes.highlights(store, meeting_id, item_number=item.number), notes.note(store, meeting_id, item.number),
            notes.questions(store, meeting_id, item_number=item.number),
        ))  # fmt: skip
    return sheet


def _briefing_lines(library: Any, meeting_id: int, number: int) -> list[tuple[str, str, list[str]]]:
    briefing = brief_item(library, meeting_id, number, polish=False)  # extractive: fast and verbatim
    return [(line.label, line.text, list(dict.fromkeys(hit.label() for hit in line.citations)))
            for line in briefing.lines]  # fmt: skip


def export_sheet(library: Any, meeting_id: int, target: Path, include_closed: bool = False) -> PrepSheet:
    """Write the prep sheet (PDF or DOCX by the file name) and record the export in the audit log."""
    if not current_policy().export:
        raise UserError("export_disabled")
    if target.suffix.lower() not in FORMATS:
        raise UserError("export_bad_format", path=str(target))
    if target.is_dir() or not target.parent.is_dir():
        raise UserError("export_bad_target", path=str(target), detail="mappen findes ikke")
    sheet = build_sheet(library, meeting_id, include_closed)
    content = render_pdf(sheet) if target.suffix.lower() == ".pdf" else render_docx(sheet)
    _write(target, content)
    closed = f", med {sum(s.item.closed for s in sheet.items)} lukkede punkter" if sheet.includes_closed else ""
    library.record_export(f"Forberedelsesark ({target.suffix.lower()[1:].upper()}): {sheet.meeting.title}{closed}")
    return sheet


def _write(target: Path, content: bytes) -> None:
    """Whole or not at all: a half-written sheet never replaces an earlier one."""
    staged: str | None = None
    try:
        handle, staged = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(staged, target)
    except OSError as exc:
        if staged is not None:
            Path(staged).unlink(missing_ok=True)
        raise UserError("export_bad_target", path=str(target), detail=exc.strerror or str(exc)) from exc


def _header_lines(sheet: PrepSheet) -> list[str]:
    meeting = sheet.meeting
    facts = [x for x in (meeting.committee, meeting.date, meeting.kind) if x]
    out = [" · ".join(facts)] if facts else []
    if sheet.left_out:
        out.append(f"{sheet.left_out} lukket/lukkede punkt(er) er udeladt.")
    return out


def _highlight_text(mark: notes.Highlight) -> str:
    text = f"»{mark.text}« ({mark.document}, {location(mark.document, mark.page)})"
    if mark.comment:
        text += f" – {mark.comment}"
    if mark.status_text():
        text += f" [{mark.status_text()}]"
    return text


def _question_text(question: notes.Question) -> str:
    return question.text + (f" ({question.citation()})" if question.citation() else "")


# --- PDF (reportlab) ---------------------------------------------------------------------------


def render_pdf(sheet: PrepSheet) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph, Spacer

    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["Italic"]
    marks = _ClosedMarks()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm,
                          bottomMargin=18 * mm, title=f"{TITLE}: {sheet.meeting.title}", author="Mødemappe")  # fmt: skip
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("sheet", [frame], onPage=marks.page_start, onPageEnd=marks.page_end)])

    def para(text: str, style: Any = body) -> Any:
        return Paragraph(escape(text), style)

    story: list[Any] = [para(f"{TITLE}: {sheet.meeting.title}", styles["Title"])]
    story += [para(line, small) for line in _header_lines(sheet)]
    if sheet.meeting_note:
        story += [para("Mine noter til mødet", styles["Heading2"]), *_note_paras(sheet.meeting_note, para)]
    if sheet.meeting_questions:
        story += [para("Spørgsmål til mødet", styles["Heading2"])]
        story += [para(f"• {_question_text(q)}") for q in sheet.meeting_questions]
    if sheet.other_highlights:
        story += [para(OTHER_HIGHLIGHTS, styles["Heading2"])]
        story += [para(f"• {_highlight_text(h)}") for h in sheet.other_highlights]
    for item_sheet in sheet.items:
        item = item_sheet.item
        if item.closed:
            story += [PageBreak(), _Mark(marks, True)]
        story.append(para(f"Punkt {item.number}: {item.title}", styles["Heading2"]))
        if item.closed:
            story.append(para(CLOSED_MARK, styles["Heading3"]))
        for label, text, cites in item_sheet.lines:
            story.append(Paragraph(f"<b>{escape(label)}:</b> {escape(text)}"
                                   + (f" <i>[{escape('; '.join(cites))}]</i>" if cites else ""), body))  # fmt: skip
        if item_sheet.highlights:
            story += [para("Mine fremhævninger", styles["Heading4"])]
            story += [para(f"• {_highlight_text(h)}") for h in item_sheet.highlights]
        if item_sheet.note:
            story += [para("Mine noter", styles["Heading4"]), *_note_paras(item_sheet.note, para)]
        if item_sheet.questions:
            story += [para("Spørgsmål til mødet", styles["Heading4"])]
            story += [para(f"• {_question_text(q)}") for q in item_sheet.questions]
        story.append(Spacer(1, 4 * mm))
        if item.closed:
            story += [PageBreak(), _Mark(marks, False)]
    story.append(para("Noter og fremhævninger er dine egne; punkternes linjer er citeret fra materialet.", small))
    doc.build(story)
    return buffer.getvalue()


def _note_paras(text: str, para: Any) -> list[Any]:
    return [para(f"• {line}" if bullet else line) for bullet, line in notes.bullet_lines(text)]


class _ClosedMarks:
    """Stamps "FORTROLIGT – LUKKET PUNKT" on every page that shows a closed item (they start and end
    on page breaks, so no page mixes closed and open material)."""

    def __init__(self) -> None:
        self.closed = False
        self.page_closed = False

    def page_start(self, canvas: Any, doc: Any) -> None:
        self.page_closed = self.closed

    def page_end(self, canvas: Any, doc: Any) -> None:
        from reportlab.lib.colors import red

        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, 10 * 2.83, f"Side {doc.page}")
        if self.page_closed:
            canvas.setFillColor(red)
            canvas.setFont("Helvetica-Bold", 12)
            canvas.drawCentredString(doc.pagesize[0] / 2, doc.pagesize[1] - 12 * 2.83, CLOSED_MARK)
        canvas.restoreState()


def _Mark(marks: _ClosedMarks, closed: bool) -> Any:  # noqa: N802 - a flowable factory
    from reportlab.platypus import Flowable

    class Mark(Flowable):
        def wrap(self, *_args: Any) -> tuple[int, int]:
            return 0, 0

        def draw(self) -> None:
            marks.closed = closed
            marks.page_closed = marks.page_closed or closed

    return Mark()


# --- DOCX (python-docx) ---------------------------------------------------------------------------


def render_docx(sheet: PrepSheet) -> bytes:
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    document.add_heading(f"{TITLE}: {sheet.meeting.title}", level=0)
    for line in _header_lines(sheet):
        document.add_paragraph().add_run(line).italic = True
    if sheet.meeting_note:
        document.add_heading("Mine noter til mødet", level=1)
        _docx_note(document, sheet.meeting_note)
    if sheet.meeting_questions:
        document.add_heading("Spørgsmål til mødet", level=1)
        for q in sheet.meeting_questions:
            document.add_paragraph(_question_text(q), style="List Bullet")
    if sheet.other_highlights:
        document.add_heading(OTHER_HIGHLIGHTS, level=1)
        for mark in sheet.other_highlights:
            document.add_paragraph(_highlight_text(mark), style="List Bullet")
    for item_sheet in sheet.items:
        item = item_sheet.item
        if item.closed:  # a section of its own, whose header marks every page
            section = document.add_section(WD_SECTION.NEW_PAGE)
            section.header.is_linked_to_previous = False
            section.header.paragraphs[0].text = CLOSED_MARK
        document.add_heading(f"Punkt {item.number}: {item.title}", level=1)
        for label, text, cites in item_sheet.lines:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(text)
            if cites:
                paragraph.add_run(f" [{'; '.join(cites)}]").italic = True
        if item_sheet.highlights:
            document.add_heading("Mine fremhævninger", level=2)
            for mark in item_sheet.highlights:
                document.add_paragraph(_highlight_text(mark), style="List Bullet")
        if item_sheet.note:
            document.add_heading("Mine noter", level=2)
            _docx_note(document, item_sheet.note)
        if item_sheet.questions:
            document.add_heading("Spørgsmål til mødet", level=2)
            for q in item_sheet.questions:
                document.add_paragraph(_question_text(q), style="List Bullet")
        if item.closed:
            section = document.add_section(WD_SECTION.NEW_PAGE)
            section.header.is_linked_to_previous = False
            section.header.paragraphs[0].text = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_note(document: Any, text: str) -> None:
    for bullet, line in notes.bullet_lines(text):
        document.add_paragraph(line, style="List Bullet" if bullet else None)
