"""The assistant's behaviour behind its pane (app.ui.assistant_pane): asking, streaming, citing, copying.

A question runs as the window's one cancellable task: the quotes arrive first (a draft Answer), then
the model's provisional tokens, then the checked answer replaces them; the user's own notes follow
its sources. A clicked citation asks the window to open the cited page (`open_requested`). The
controller also keeps the scope ("all meetings" or the selected one), the suggested questions, and
`last_answer`, which copying, citations and the briefings (app.ui.briefing_controller) share.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.core.paths import demo_pack
from app.core.messages import tr as core_text  # not "tr": lupdate would take its keys for UI texts
from app.core.security.policy import current_policy
from app.core.answers.presentation import closed_items, presentation_filter, visible_questions
from app.ui.assistant_pane import AssistantPane
from app.ui.current_task import CurrentTask
from app.ui.formatting import count
from app.ui.jobs import Job, JobContext
from app.ui.library_pane import LibraryPane
from app.ui.model_status import ModelStatus
from app.ui.presentation import ClipboardGuard, quotes_closed, with_confidential_header
from app.ui.qt import QCoreApplication, QMessageBox, QObject, QT_TRANSLATE_NOOP, QUrl, QWidget, Signal
from app.ui.widgets import muted, tone

if TYPE_CHECKING:
    from app.core.answers.answer import Answer
    from app.core.library import Hit, Library

translate = QCoreApplication.translate

SNIPPET_CHARS = 240
# Questions any agenda answers, offered until the user has asked their own.
GENERAL_QUESTIONS = (
    QT_TRANSLATE_NOOP("AssistantController", "Hvad skal der besluttes på mødet?"),
    QT_TRANSLATE_NOOP("AssistantController", "Hvilke punkter har økonomiske konsekvenser?"),
    QT_TRANSLATE_NOOP("AssistantController", "Hvad indstiller administrationen?"),
)


def sources_html(hits: list[Hit]) -> str:
    """The numbered sources under an answer or a briefing, each a link that opens the cited page."""
    if not hits:
        return f'<p style="color:{muted()}">{html.escape(translate("AssistantController", "Ingen kilder."))}</p>'
    badge = html.escape(translate("AssistantController", "Fortroligt – lukket punkt"))
    parts = []
    for number, hit in enumerate(hits, start=1):
        snippet = " ".join(hit.text.split())
        section = ""
        if hit.section and snippet.startswith(hit.section):  # the heading is shown apart from the text
            snippet = snippet[len(hit.section) :].lstrip(" :")
            section = f"<i>{html.escape(hit.section)}:</i> "
        if len(snippet) > SNIPPET_CHARS:
            snippet = snippet[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
        title = f" – {html.escape(hit.item_title)}" if hit.item_title else ""
        closed = (f' <span style="color:{tone("danger")}; font-weight:600">{badge}</span>'
                  if hit.item_closed else "")  # fmt: skip
        parts.append(
            f'<p><a href="cite:{number}" style="color:{tone("link")}; font-weight:600; text-decoration:none">[{number}] '
            f"{html.escape(hit.label())}</a>{title}{closed}<br>"
            f'<span style="color:{muted()}">{section}{html.escape(snippet)}</span></p>'
        )
    return "".join(parts)


class AssistantController(QObject):
    open_requested = Signal(object, str)  # a cited Hit, the passage to mark
    answer_changed = Signal()  # last_answer changed: copying may be possible now, or no longer

    def __init__(self, pane: AssistantPane, library: Callable[[], Library], task: CurrentTask, model: ModelStatus,
                 library_pane: LibraryPane, presenting: Callable[[], bool], clipboard: ClipboardGuard,
                 show_error: Callable[[str], None], clear_error: Callable[[], None],
                 show_status: Callable[[str, int], None], parent: QWidget) -> None:  # fmt: skip
        super().__init__(parent)
        self._window = parent  # the confirmation dialog's parent
        self.pane = pane
        self._library = library
        self._task = task
        self._model = model
        self._library_pane = library_pane
        self._presenting = presenting
        self._clipboard = clipboard
        self._show_error = show_error
        self._clear_error = clear_error
        self._show_status = show_status
        self.last_answer: Answer | None = None
        self.suggestions: list[str] = []
        pane.ask_requested.connect(lambda text: self.ask(text or None))
        pane.suggestion_chosen.connect(lambda index: self.ask(self.suggestions[index]))
        pane.copy_requested.connect(self.copy_answer)
        pane.citation_clicked.connect(self.open_citation)
        pane.restart_requested.connect(self.restart_model)
        self.fill_scope()

    # --- what the pane offers ---------------------------------------------------------------

    def set_enabled_for(self, busy: bool, asking: bool) -> None:
        pane = self.pane
        pane.ask_button.setEnabled(not busy and bool(self._library_pane.meetings))
        pane.stop_button.setEnabled(asking)
        pane.copy_button.setEnabled(self.last_answer is not None and not asking and current_policy().export)
        pane.enlarge_button.setEnabled(self.last_answer is not None and not asking)
        pane.brief_meeting_button.setEnabled(not busy and self._library_pane.selected_meeting() is not None)
        pane.brief_item_button.setEnabled(not busy and self._library_pane.selected_item() is not None)
        pane.scope_combo.setEnabled(not asking)

    def scope_meeting_id(self) -> int | None:
        value = self.pane.scope_combo.currentData()
        return int(value) if value is not None else None

    def fill_scope(self) -> None:
        """'Alle møder' and, when a meeting is selected, that meeting; keep the choice if possible."""
        combo = self.pane.scope_combo
        keep_selected = combo.currentIndex() == 1
        selected = self._library_pane.selected_meeting()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Alle møder"), None)
        if selected is not None:
            combo.addItem(self.tr("Kun det valgte møde: {title}").format(title=selected.title), selected.id)
            combo.setCurrentIndex(1 if keep_selected else 0)
        combo.blockSignals(False)

    def fill_suggestions(self) -> None:
        """A few questions to start from: the demo pack's own, else questions any agenda answers."""
        from app.core.answers.handbook import COLLECTION as HANDBOOK_COLLECTION
        from app.core.answers.handbook import STARTER_QUESTIONS

        meetings = self._library_pane.meetings
        demo, questions = demo_pack()
        if any(demo.name in m.documents for m in meetings):
            if self._presenting():  # no question about a closed item
                questions = visible_questions(questions, closed_items(self._library_pane.outlines, demo.name))
            self.suggestions = [str(q["question"]) for q in questions[:3]]
        else:
            self.suggestions = [self.tr(q) for q in GENERAL_QUESTIONS]
        if any(m.collection == HANDBOOK_COLLECTION for m in meetings):
            # The handbook assistant: what newly elected members ask first.
            self.suggestions += list(STARTER_QUESTIONS[:3])
        links = " · ".join(f'<a href="q:{i}">{html.escape(q)}</a>' for i, q in enumerate(self.suggestions))
        label = html.escape(self.tr("Forslag:"))
        self.pane.suggestions_label.setText(f'<span style="color:{muted()}">{label}</span> {links}')

    def suggest(self, question: str) -> None:
        """After an import: the demo's question ready to ask (when there is one), and the focus to ask it."""
        if question:
            self.pane.question_edit.setText(question)
            self.pane.answer_status.setText(self.tr("Forslag til et spørgsmål – tryk Enter eller »Spørg«."))
        self.pane.question_edit.setFocus()

    # --- asking -----------------------------------------------------------------------------

    def ask(self, question: str | None = None) -> bool:
        """Ask in the background; tokens stream into the answer area, then the checked answer replaces them."""
        text = (question if question is not None else self.pane.question_edit.text()).strip()
        if self._task.jobs.working or not self._library_pane.meetings:
            if self._task.jobs.working:
                self._show_status(self.tr("Vent, til det igangværende arbejde er færdigt."), 5_000)
            return False
        if not text:
            self._show_error(core_text("empty_question"))
            return False
        self._clear_error()
        if question is not None:
            self.pane.question_edit.setText(text)
        meeting_id = self.scope_meeting_id()
        self.last_answer = None
        self.pane.start(
            self.tr("Søger i materialet …") if self._model.warm else
            self.tr("Søger i materialet og indlæser sprogmodellen (første gang efter start) …"))  # fmt: skip

        from app.core.answers import answer as answering

        filters = presentation_filter(None, self._presenting())
        library = self._library()

        def work(ctx: JobContext) -> Answer:
            return answering.ask(library, text, meeting_id=meeting_id, on_token=ctx.partial,
                                 should_cancel=ctx.should_cancel, filters=filters, on_draft=ctx.partial)  # fmt: skip

        self._task.run(Job(work, on_done=self._answered, on_error=self.failed, on_partial=self._partial_answer,
                           on_cancelled=self.cancelled), "ask")  # fmt: skip
        return True

    def _partial_answer(self, part: Any) -> None:
        """The quotes (an Answer, at once) or a token of the model's provisional text."""
        if isinstance(part, str):
            self.pane.show_token(part)
            return
        self.last_answer = part  # the quotes can be read, clicked and copied while the model writes
        self.pane.show_draft(part, sources_html(part.citations), model_reads=self._model.name is not None)

    def _answered(self, result: Answer) -> None:
        self._task.over()
        self.last_answer = result
        # The user's own notes go below the material's sources, apart from them (issue 22).
        from app.ui.notes_pane import user_notes_html  # not at start: it loads the store's notes and the stemmer

        own = user_notes_html(self._library().store, self.pane.question_edit.text(), self.scope_meeting_id(),
                              self._presenting())  # fmt: skip
        self.pane.show_answer(result, sources_html(result.citations) + (own or ""))
        self.answer_changed.emit()

    def failed(self, message: str) -> None:
        self._task.over()
        self.pane.show_failed()
        self._show_error(message)

    def cancelled(self) -> None:
        self._task.over()
        self.pane.show_cancelled()

    def show_stopping(self) -> None:
        self.pane.answer_status.setText(self.tr("Stopper …"))
        self.pane.stop_button.setEnabled(False)

    def restart_model(self) -> None:
        """After a crash or a hang: a fresh model child, loaded in the background."""
        if self._task.jobs.working:
            return
        self.pane.restart_button.hide()
        self._model.restart()

    def hide_closed_answer(self) -> None:
        """Presentation mode: an answer that quotes a closed item goes from the screen."""
        if quotes_closed(self.last_answer):
            self.pane.answer_view.clear()
            self.pane.sources_view.clear()
            self.last_answer = None

    # --- citations and copying --------------------------------------------------------------

    def open_citation(self, url: QUrl) -> None:
        """A clicked [N] in the answer or the sources: open the cited page with the passage marked."""
        text = url.toString()
        if not text.startswith("cite:") or self.last_answer is None:
            return
        number = int(text.removeprefix("cite:"))
        if not 1 <= number <= len(self.last_answer.citations):
            return
        hit = self.last_answer.citations[number - 1]
        quoted = re.findall(rf"»([^«]+)« \[{number}\]", self.last_answer.text)
        self.open_requested.emit(hit, quoted[0] if quoted else hit.text)

    def copy_answer(self) -> bool:
        """Copy the answer with its sources; material from a closed item needs a confirmation first."""
        answer = self.last_answer
        if answer is None or not current_policy().export:  # IT may switch copying and export off
            return False
        if any(hit.item_closed for hit in answer.citations) and not self.confirm_copy_closed():
            return False
        closed = self.tr(" (Fortroligt – lukket punkt)")
        sources = "\n".join(f"[{n}] {hit.label()}" + (f" – {hit.item_title}" if hit.item_title else "")
                            + (closed if hit.item_closed else "")
                            for n, hit in enumerate(answer.citations, start=1))  # fmt: skip
        copied = self.tr("{answer}\n\nKilder:\n{sources}").format(answer=answer.text, sources=sources)
        self._clipboard.put(with_confidential_header(copied, quotes_closed(answer)))  # taken back on lock
        record = self.tr("Svar kopieret ({sources})").format(
            sources=count(len(answer.citations), self.tr("kilde"), self.tr("kilder")))
        library = self._library()
        self._task.run(Job(lambda _ctx: library.record_export(record), on_done=lambda _r: None,
                           on_error=self._show_error))  # fmt: skip
        self._show_status(self.tr("Svaret og kilderne er kopieret."), 5_000)
        return True

    def confirm_copy_closed(self) -> bool:
        choice = QMessageBox.question(
            self._window, self.tr("Fortroligt materiale"),
            self.tr("Svaret bygger på et lukket punkt (fortroligt). Vil du kopiere det alligevel?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)  # fmt: skip
        return choice == QMessageBox.StandardButton.Yes
