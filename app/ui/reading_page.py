"""The reading page in the middle of the window: the tabs Læs (the reader), Søg (search across the
material), Forberedelse (the user's notes) and Optagelser (recordings, where IT allows them).

It opens what the rest of the window points at: a document page with a passage marked
(`open_in_reader`), a search hit or citation, which may be a moment in a recording (`open_hit`), or a
recording (`open_recording`); each fetch runs as a Job. `document_opened` tells the window that a
meeting has been read (its "Ny" mark goes). It is built after the window's first paint, once the
library is open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.core.policy import current_policy
from app.ui.jobs import Job, JobRunner
from app.ui.notes_pane import NotesPane
from app.ui.qt import QTabWidget, Qt, QWidget, Signal
from app.ui.reader import OpenDocument, ReaderView
from app.ui.recording_view import RecordingView
from app.ui.search_panel import SearchPanel

if TYPE_CHECKING:
    from app.core.library import Hit, Library


class ReadingPage(QTabWidget):
    document_opened = Signal(int)  # meeting id

    def __init__(self, library: Library, jobs: JobRunner, run: Callable[[Job[Any]], None],
                 show_error: Callable[[str], None], meeting_title: Callable[[int], str],
                 presenting: Callable[[], bool], parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._library = library
        self._run = run
        self._show_error = show_error
        self._meeting_title = meeting_title
        self._presenting = presenting
        self.setAccessibleName(self.tr("Læs og søg"))
        self.reader = ReaderView()
        self.reader.copied.connect(lambda detail: run(Job(lambda _ctx: library.record_export(detail),
                                                          on_done=lambda _r: None, on_error=show_error)))
        self.addTab(self.reader, self.tr("Læs"))
        self.search_panel = SearchPanel(library, jobs)
        self.search_panel.open_requested.connect(lambda hit: self.open_hit(hit, hit.text))
        self.addTab(self.search_panel, self.tr("Søg"))
        self.notes_pane = NotesPane(library, run, show_error)  # issue 22: preparation
        self.notes_pane.open_highlight.connect(self.open_in_reader)
        self.reader.highlight_requested.connect(self.notes_pane.add_highlight)
        self.addTab(self.notes_pane, self.tr("Forberedelse"))
        self.recording_view = RecordingView()
        self.recording_view.chapter_start_requested.connect(self._move_chapter)
        if current_policy().recordings:  # IT may switch recordings off
            self.addTab(self.recording_view, self.tr("Optagelser"))

    def open_in_reader(self, meeting_id: int, file_name: str, page: int, passage: str = "") -> None:
        title = self._meeting_title(meeting_id)

        def shown(found: Any) -> None:
            self.setCurrentWidget(self.reader)  # first: a hidden view lays out pages at the wrong size
            self.reader.open(OpenDocument(meeting_id, file_name, title, found.content, found.pages,
                                          found.closed_pages, found.formatted_pages, found.ocr_words), page, passage)  # fmt: skip
            self.document_opened.emit(meeting_id)

        self._run(Job(lambda _ctx: self._library.open_document(meeting_id, file_name), on_done=shown,
                      on_error=self._show_error))  # fmt: skip

    def open_hit(self, hit: Hit, passage: str) -> None:
        """A search hit or a citation: a document page in the reader, or a moment of a recording."""

        def found(moment: Any) -> None:
            if moment is None:
                self.open_in_reader(hit.meeting_id, hit.document, hit.page, passage)
            else:
                self.open_recording(moment.recording_id, moment.seconds)

        self._run(Job(lambda _ctx: self._library.recording_time(hit.chunk_id), on_done=found,
                      on_error=self._show_error))  # fmt: skip

    def open_recording(self, recording_id: int, seconds: float | None = None) -> None:
        def shown(transcript: Any) -> None:
            self.setCurrentWidget(self.recording_view)
            self.recording_view.show_transcript(transcript)
            if seconds is not None:
                self.recording_view.show_at(seconds)

        hide_closed = self._presenting()
        self._run(Job(lambda _ctx: self._library.transcript(recording_id, hide_closed), on_done=shown,
                      on_error=self._show_error))  # fmt: skip

    def _move_chapter(self, recording_id: int, item_number: int, seconds: float) -> None:
        self._run(Job(lambda _ctx: self._library.set_chapter_start(recording_id, item_number, seconds),
                      on_done=self.recording_view.set_chapters, on_error=self._show_error))  # fmt: skip

    def set_hide_closed(self, on: bool) -> None:
        """Presentation mode in every tab: closed items are not shown."""
        self.reader.set_hide_closed(on)
        self.notes_pane.set_hide_closed(on)
        self.search_panel.set_hide_closed(on)
        self.recording_view.set_hide_closed(on, lambda recording_id, done: self._run(Job(
            lambda _ctx: self._library.transcript(recording_id, on), on_done=done, on_error=self._show_error)))

    def focus_search(self) -> None:
        self.setCurrentWidget(self.search_panel)
        self.search_panel.query_edit.setFocus()
        self.search_panel.query_edit.selectAll()

    def focus_find(self) -> None:
        if self.reader.document is not None:
            self.setCurrentWidget(self.reader)
            self.reader.find_edit.setFocus()
            self.reader.find_edit.selectAll()

    def focus_target(self) -> QWidget:
        """Where keyboard focus lands on this page (F6): the open tab's content."""
        tab = self.currentWidget()
        if tab is self.search_panel:
            return self.search_panel.query_edit
        if tab is self.reader:
            shown = self.reader.stack.currentWidget()  # the page, or a notice that takes no focus
            return shown if shown.focusPolicy() != Qt.FocusPolicy.NoFocus else self
        return self.recording_view.tree
