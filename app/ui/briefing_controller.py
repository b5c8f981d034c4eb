"""Briefings in the assistant pane: the selected meeting or agenda item, every line cited.

A briefing is built from the whole item or meeting (app.core.answers.briefing) as the window's one
cancellable task; for an item the model's summary follows in a second task, so the cited lines never
wait for the model. The result is shown like an answer and becomes the assistant's `last_answer`
(its citations open and copy the same way), with the item's own highlights and questions below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.ui.assistant_controller import AssistantController, sources_html
from app.ui.assistant_pane import briefing_view
from app.ui.current_task import CurrentTask
from app.ui.jobs import Job, JobContext
from app.ui.library_pane import LibraryPane
from app.ui.model_status import ModelStatus
from app.ui.qt import QObject, Signal

if TYPE_CHECKING:
    from app.core.library import Library


class BriefingController(QObject):
    briefed = Signal(object, bool)  # the briefing; True when new (not its summary): shown at full size
    def __init__(self, assistant: AssistantController, library: Callable[[], Library], task: CurrentTask,
                 model: ModelStatus, library_pane: LibraryPane, presenting: Callable[[], bool],
                 clear_error: Callable[[], None], parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._assistant = assistant
        self._library = library
        self._task = task
        self._model = model
        self._library_pane = library_pane
        self._presenting = presenting
        self._clear_error = clear_error
        assistant.pane.brief_requested.connect(lambda item: self.brief(item=item))

    def brief(self, item: bool) -> bool:
        """A briefing of the selected meeting or item, built from the whole item, every line cited; an item's
        model summary follows in a second job, so the cited lines never wait for the model."""
        meeting = self._library_pane.selected_meeting()
        chosen = self._library_pane.selected_item() if item else None
        if self._task.jobs.working or meeting is None or (item and chosen is None):
            return False
        self._clear_error()
        self._assistant.last_answer = None
        self._assistant.pane.start(self.tr("Laver briefing …"))

        from app.core.answers import briefing

        hide_closed = self._presenting()  # nothing closed is even computed in presentation mode
        library = self._library()

        def work(_ctx: JobContext) -> Any:
            if chosen is not None:
                return briefing.brief_item(library, chosen[0], chosen[1], hide_closed=hide_closed)
            return briefing.brief_meeting(library, meeting.id, hide_closed=hide_closed)

        self._task.run(Job(work, on_done=lambda result: self._briefed(result, summarize=chosen is not None),
                           on_error=self._assistant.failed), "brief")  # fmt: skip
        return True

    def _briefed(self, result: Any, summarize: bool = False, fresh: bool = True) -> None:
        self._task.over()
        answer, page = briefing_view(result)
        self._assistant.last_answer = answer
        summarize = summarize and self._model.name is not None and not getattr(result, "summary", None)
        from app.ui.notes_pane import item_notes_html  # not at start: it loads the store's notes and the stemmer

        own = item_notes_html(self._library().store, result, self._presenting())  # the item's highlights and questions
        self._assistant.pane.show_briefing(page, sources_html(answer.citations) + (own or ""), len(answer.citations),
                                           summarize)  # fmt: skip
        self._assistant.answer_changed.emit()
        self.briefed.emit(result, fresh)
        if summarize:
            self._summarize(result)

    def _summarize(self, result: Any) -> None:
        from app.core.answers import briefing

        def done(summarized: Any) -> None:
            self._briefed(summarized, fresh=False)

        def failed(_message: str) -> None:  # the cited lines stand on their own
            self._task.over()
            self._briefed(result, fresh=False)

        library = self._library()
        self._task.run(Job(lambda ctx: briefing.summarize_item(library, result, should_cancel=ctx.should_cancel),
                           on_done=done, on_error=failed,
                           on_cancelled=lambda: self._briefed(result, fresh=False)), "brief")  # fmt: skip
