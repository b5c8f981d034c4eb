"""The "Forberedelse" tab: the user's note, questions and highlights for a meeting or one of its items,
and the prep sheet export (issue 22; storage and rules in app.core.store.notes and app.core.answers.prep_sheet).

Every read and write runs as a Job (app.ui.jobs). In presentation mode closed items' notes, questions
and highlights are not shown. Clicking a highlight asks the window to open its page with the
passage marked (`open_highlight`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.store import notes
from app.core.security.policy import current_policy
from app.ui.jobs import Job, JobContext
from app.ui.qt import (
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

WHOLE_MEETING = notes.MEETING_NOTE


def _export_sheet(*args: Any, **kwargs: Any) -> Any:
    from app.core.answers.prep_sheet import export_sheet  # with the briefing and the store: after the first paint

    return export_sheet(*args, **kwargs)


@dataclass
class PrepData:
    """One meeting's preparation as read from the store."""

    meeting_id: int
    items: list[Any]  # ItemRow
    notes: dict[int, str]
    highlights: list[notes.Highlight]
    questions: list[notes.Question]
    closed: set[int] = field(default_factory=set)


def load_prep(library: Any, meeting_id: int) -> PrepData:
    store = library.store
    items = store.items(meeting_id)
    return PrepData(meeting_id, items, notes.notes(store, meeting_id), notes.highlights(store, meeting_id),
                    notes.questions(store, meeting_id), {i.number for i in items if i.closed})  # fmt: skip


def user_notes_html(store: Any, question: str, meeting_id: int | None, hide_closed: bool) -> str:
    """The user's notes matching a question, for under an answer's sources: headed "Dine noter" and
    set apart, so they are never read as what the material says. Empty when none match."""
    found = notes.notes_matching(store, question, meeting_id, include_closed=not hide_closed)
    if not found:
        return ""
    heading = html.escape(QCoreApplication.translate("NotesPane", "Dine noter – dine egne ord, ikke fra materialet"))
    rows = "".join(f"<li><b>{html.escape(source.label())}</b><br>{html.escape(' '.join(source.text.split())[:300])}"
                   + (f" – <i>{html.escape(source.comment)}</i>" if source.comment else "") + "</li>"
                   for source in found)  # fmt: skip
    return f'<hr><p style="font-weight:600">{heading}</p><ul>{rows}</ul>'


def item_notes_html(store: Any, briefing: Any, hide_closed: bool) -> str:
    """The user's highlights, note and questions for a briefed item, set apart under its sources."""
    item = getattr(briefing, "item", None)
    if item is None or (item.closed and hide_closed):
        return ""
    lines = notes.item_lines(store, briefing.meeting.id, item.number)
    if not lines:
        return ""
    heading = html.escape(QCoreApplication.translate("NotesPane", "Dine noter til punktet – dine egne ord"))
    rows = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return f'<hr><p style="font-weight:600">{heading}</p><ul>{rows}</ul>'


class NotesPane(QWidget):
    open_highlight = Signal(int, str, int, str)  # meeting id, file name, page, the highlighted text
    loaded = Signal()

    def __init__(self, library: Any, run: Callable[[Job[Any]], None], show_error: Callable[[str], None],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.library, self._run, self._show_error = library, run, show_error
        self.data: PrepData | None = None
        self._pending: tuple[int, int] | None = None  # the meeting and scope to show when the tab is shown
        self.hide_closed = False
        # The export dialog and the comment prompt; tests replace them.
        self.ask_export: Callable[[str], tuple[Path, bool] | None] = self._ask_export
        self.ask_comment: Callable[[str], str | None] = self._ask_comment
        self.last_export: Path | None = None
        self._build()
        self._set_enabled(False)

    def _build(self) -> None:
        column = QVBoxLayout(self)
        self.meeting_label = QLabel(self.tr("Vælg et møde i biblioteket for at forberede dig."))
        self.meeting_label.setWordWrap(True)
        column.addWidget(self.meeting_label)
        self.scope_combo = QComboBox()
        self.scope_combo.setAccessibleName(self.tr("Noter til"))
        self.scope_combo.currentIndexChanged.connect(self._show_scope)
        column.addWidget(self.scope_combo)

        column.addWidget(QLabel(self.tr("<b>Mine noter</b> (punktopstilling med \"- \")")))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setAccessibleName(self.tr("Mine noter"))
        self.note_edit.setPlaceholderText(self.tr("- spørg til økonomien"))
        column.addWidget(self.note_edit, 2)
        self.save_note_button = QPushButton(self.tr("Gem note"))
        self.save_note_button.clicked.connect(self.save_note)
        column.addWidget(self.save_note_button, 0, Qt.AlignmentFlag.AlignRight)

        column.addWidget(QLabel(self.tr("<b>Spørgsmål til mødet</b>")))
        self.questions_list = QListWidget()
        self.questions_list.setAccessibleName(self.tr("Spørgsmål til mødet"))
        column.addWidget(self.questions_list, 1)
        row = QHBoxLayout()
        self.question_edit = QLineEdit()
        self.question_edit.setPlaceholderText(self.tr("Nyt spørgsmål …"))
        self.question_edit.setAccessibleName(self.tr("Nyt spørgsmål"))
        self.question_edit.returnPressed.connect(self.add_question)
        self.add_question_button = QPushButton(self.tr("Tilføj"))
        self.add_question_button.clicked.connect(self.add_question)
        self.delete_question_button = QPushButton(self.tr("Slet"))
        self.delete_question_button.clicked.connect(self.delete_question)
        for widget in (self.question_edit, self.add_question_button, self.delete_question_button):
            row.addWidget(widget)
        column.addLayout(row)

        column.addWidget(QLabel(self.tr("<b>Mine fremhævninger</b> (klik for at åbne siden)")))
        self.highlights_list = QListWidget()
        self.highlights_list.setAccessibleName(self.tr("Mine fremhævninger"))
        self.highlights_list.setWordWrap(True)
        self.highlights_list.itemActivated.connect(self._open_highlight)
        self.highlights_list.itemClicked.connect(self._open_highlight)
        column.addWidget(self.highlights_list, 2)
        row = QHBoxLayout()
        self.comment_button = QPushButton(self.tr("Kommentar …"))
        self.comment_button.clicked.connect(self.comment_highlight)
        self.delete_highlight_button = QPushButton(self.tr("Fjern fremhævning"))
        self.delete_highlight_button.clicked.connect(self.delete_highlight)
        row.addStretch(1)
        row.addWidget(self.comment_button)
        row.addWidget(self.delete_highlight_button)
        column.addLayout(row)

        self.export_button = QPushButton(self.tr("Eksportér forberedelsesark …"))
        self.export_button.clicked.connect(self.export)
        column.addWidget(self.export_button)
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        column.addWidget(self.status_label)

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.scope_combo, self.note_edit, self.save_note_button, self.question_edit,
                       self.add_question_button, self.delete_question_button, self.delete_highlight_button,
                       self.comment_button):
            widget.setEnabled(on)  # fmt: skip
        self.export_button.setEnabled(on and current_policy().export)

    # --- the meeting shown ------------------------------------------------------------------

    def set_meeting(self, meeting_id: int | None, title: str = "", item_number: int | None = None) -> None:
        """Show a meeting's preparation (None: nothing): one item's, or the whole meeting's."""
        if meeting_id is None:
            self.data = self._pending = None
            self.meeting_label.setText(self.tr("Vælg et møde i biblioteket for at forberede dig."))
            self._set_enabled(False)
            return
        self.meeting_label.setText(self.tr("<b>Forberedelse:</b> {title}").format(title=title))
        # Read when the tab is shown: a job on every click in the library would keep the window busy.
        self._pending = (meeting_id, WHOLE_MEETING if item_number is None else item_number)
        if self.isVisible():
            self._load_pending()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._load_pending()

    def _load_pending(self) -> None:
        if self._pending is not None:
            meeting_id, scope = self._pending
            self._pending = None
            self._reload(meeting_id, scope)

    def _reload(self, meeting_id: int, item_number: int | None = None) -> None:
        keep = self.current_scope() if item_number is None else item_number

        def shown(data: PrepData) -> None:
            self.data = data
            self._fill_scope(keep)
            self._set_enabled(True)
            self.loaded.emit()

        self._run(Job(lambda _ctx: load_prep(self.library, meeting_id), on_done=shown, on_error=self._show_error))

    def set_hide_closed(self, hide: bool) -> None:
        """Presentation mode: closed items' notes, questions and highlights are not shown."""
        self.hide_closed = hide
        if self.data is not None:
            self._fill_scope(self.current_scope())

    def current_scope(self) -> int:
        value = self.scope_combo.currentData()
        return int(value) if value is not None else WHOLE_MEETING

    def _fill_scope(self, keep: int) -> None:
        assert self.data is not None
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        self.scope_combo.addItem(self.tr("Hele mødet"), WHOLE_MEETING)
        for item in self.data.items:
            if item.closed and self.hide_closed:
                continue
            closed = self.tr(" (lukket)") if item.closed else ""
            self.scope_combo.addItem(self.tr("Punkt {number}: {title}").format(number=item.number, title=item.title)
                                     + closed, item.number)  # fmt: skip
        index = self.scope_combo.findData(keep)
        self.scope_combo.setCurrentIndex(max(0, index))
        self.scope_combo.blockSignals(False)
        self._show_scope()

    def _visible(self, item_number: int | None) -> bool:
        return not (self.hide_closed and self.data is not None and item_number in self.data.closed)

    def _show_scope(self) -> None:
        if self.data is None:
            return
        scope = self.current_scope()
        self.note_edit.setPlainText(self.data.notes.get(scope, ""))
        self.questions_list.clear()
        for question in self.data.questions:
            if (scope == WHOLE_MEETING or question.item_number == scope) and self._visible(question.item_number):
                entry = QListWidgetItem(question.text + (f" ({question.citation()})" if question.citation() else ""))
                entry.setData(Qt.ItemDataRole.UserRole, question.id)
                self.questions_list.addItem(entry)
        self.highlights_list.clear()
        for mark in self.data.highlights:
            if (scope == WHOLE_MEETING or mark.item_number == scope) and self._visible(mark.item_number):
                self.highlights_list.addItem(self._highlight_entry(mark))

    def _highlight_entry(self, mark: notes.Highlight) -> QListWidgetItem:
        where = self.tr("Punkt {number}, ").format(number=mark.item_number) if mark.item_number else ""
        text = f"{where}{mark.document}, s. {mark.page}: »{mark.text}«"
        if mark.comment:
            text += f" – {mark.comment}"
        if mark.status_text():
            text += f" [{mark.status_text()}]"
        entry = QListWidgetItem(text)
        entry.setData(Qt.ItemDataRole.UserRole, mark.id)
        return entry

    # --- changes ---------------------------------------------------------------------------

    def _change(self, work: Callable[[], object], message: str = "") -> None:
        """Write, then read the meeting again (the store is the truth)."""
        assert self.data is not None
        meeting_id = self.data.meeting_id

        def done(_result: object) -> None:
            self.status_label.setText(message)
            self._reload(meeting_id)

        self._run(Job(lambda _ctx: work(), on_done=done, on_error=self._show_error))

    def save_note(self) -> None:
        if self.data is None:
            return
        meeting_id, scope, text = self.data.meeting_id, self.current_scope(), self.note_edit.toPlainText()
        self._change(lambda: notes.save_note(self.library.store, meeting_id, text, scope), self.tr("Noten er gemt."))

    def add_question(self) -> None:
        text = self.question_edit.text().strip()
        if self.data is None or not text:
            return
        meeting_id, scope = self.data.meeting_id, self.current_scope()
        self.question_edit.clear()
        self._change(lambda: notes.add_question(self.library.store, meeting_id, text, scope or None))

    def delete_question(self) -> None:
        entry = self.questions_list.currentItem()
        if self.data is not None and entry is not None:
            question_id = int(entry.data(Qt.ItemDataRole.UserRole))
            self._change(lambda: notes.delete_question(self.library.store, question_id))

    def add_highlight(self, meeting_id: int, document: str, page: int, text: str,
                      rects: list[tuple[float, float, float, float]] | None = None, comment: str = "") -> None:  # fmt: skip
        """From the reader: highlight a passage of a page, then show it in the list."""

        def done(mark: notes.Highlight) -> None:
            self.status_label.setText(self.tr("Fremhævet på side {page}.").format(page=page))
            if self.data is not None and self.data.meeting_id == meeting_id:
                self._reload(meeting_id)

        self._run(Job(lambda _ctx: notes.add_highlight(self.library.store, meeting_id, document, page, text,
                                                       comment or None, rects),
                      on_done=done, on_error=self._show_error))  # fmt: skip

    def comment_highlight(self) -> None:
        """Write or change the comment of the selected highlight."""
        entry = self.highlights_list.currentItem()
        if self.data is None or entry is None:
            return
        highlight_id = int(entry.data(Qt.ItemDataRole.UserRole))
        mark = next((h for h in self.data.highlights if h.id == highlight_id), None)
        comment = self.ask_comment((mark.comment or "") if mark else "")
        if comment is not None:
            self._change(lambda: notes.update_highlight(self.library.store, highlight_id, comment))

    def _ask_comment(self, current: str) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("Kommentar til fremhævningen"), self.tr("Kommentar:"),
                                        text=current)  # fmt: skip
        return text if ok else None

    def delete_highlight(self) -> None:
        entry = self.highlights_list.currentItem()
        if self.data is not None and entry is not None:
            highlight_id = int(entry.data(Qt.ItemDataRole.UserRole))
            self._change(lambda: notes.delete_highlight(self.library.store, highlight_id))

    def _open_highlight(self, entry: QListWidgetItem) -> None:
        if self.data is None:
            return
        mark = next((h for h in self.data.highlights if h.id == entry.data(Qt.ItemDataRole.UserRole)), None)
        if mark is not None and mark.status != "vanished":
            self.open_highlight.emit(mark.meeting_id, mark.document, mark.page, mark.text)

    # --- the prep sheet ----------------------------------------------------------------------

    def export(self) -> None:
        if self.data is None or not current_policy().export:
            return
        chosen = self.ask_export(self.meeting_label.text())
        if chosen is None:
            return
        target, include_closed = chosen
        meeting_id = self.data.meeting_id

        def done(_sheet: Any) -> None:
            self.last_export = target
            self.status_label.setText(self.tr("Forberedelsesarket er gemt ukrypteret i {path}").format(path=target))

        self.status_label.setText(self.tr("Eksporterer …"))
        self._run(Job(lambda _ctx: _export_sheet(self.library, meeting_id, target, include_closed),
                      on_done=done, on_error=self._show_error))  # fmt: skip

    def _ask_export(self, _title: str) -> tuple[Path, bool] | None:
        return ExportDialog.ask(self, include_closed_allowed=not self.hide_closed)


class ExportDialog(QDialog):
    """Where the prep sheet goes (it leaves the encrypted store: the dialog says so) and whether closed
    items come along (an explicit choice, off by default)."""

    def __init__(self, parent: QWidget | None, include_closed_allowed: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Eksportér forberedelsesark"))
        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("Arket gemmes <b>ukrypteret</b> i den fil, du vælger: opbevar det som "
                                        "andre mødepapirer. Eksporten noteres i loggen.")))  # fmt: skip
        row = QHBoxLayout()
        self.path_edit = QLineEdit(str(Path.home() / "Forberedelsesark.pdf"))
        self.path_edit.setAccessibleName(self.tr("Filen"))
        browse = QPushButton(self.tr("Vælg …"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit)
        row.addWidget(browse)
        column.addLayout(row)
        self.closed_box = QCheckBox(self.tr("Tag lukkede punkter med (mærkes FORTROLIGT – LUKKET PUNKT)"))
        self.closed_box.setEnabled(include_closed_allowed)
        column.addWidget(self.closed_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Gem forberedelsesark"), self.path_edit.text(),
                                              self.tr("PDF (*.pdf);;Word (*.docx)"))  # fmt: skip
        if path:
            self.path_edit.setText(path)

    @classmethod
    def ask(cls, parent: QWidget | None, include_closed_allowed: bool) -> tuple[Path, bool] | None:
        dialog = cls(parent, include_closed_allowed)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.path_edit.text().strip():
            return None
        return Path(dialog.path_edit.text().strip()), dialog.closed_box.isChecked()
