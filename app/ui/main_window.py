"""The main window: a frame of panes. MainWindow assembles them, owns the menus and the status bar,
and wires the panes' signals to each other; each pane or controller keeps its own state:

  library_pane (left)  welcome_page / reading_page (middle)  assistant_pane + assistant_controller,
  briefing_controller (right)  lock_screen (over all)  import_controller (dialogs, drops, demo,
  watched folder)  model_status, retention, window_settings, error_banner, current_task;
  item_marks (read/prepared marks and bilag linked by hand, in the library tree), briefing_view (a
  briefing or answer at full size, a tab of the reading page), window_state (kept across a language switch),
  window_menus (the actions and menus, mixed into MainWindow).

Every core call is a Job on the job queue (app.ui.jobs), so the event loop never waits for the core: one
worker thread for reading, searching and answering, and a lane of its own for an import, so the
politician can go on reading while a pack comes in. Cold start: the window paints before the core is loaded. The heavy
core modules (library, store, answer, briefing, ingest …) are imported where they are first used, after
the first paint, and the Library and the reading page are made then (see `library`).
tests/ui/test_cold_start.py keeps it so.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.answers.presentation import visible_outline
from app.core.settings import load_settings
from app.ui.assistant_controller import AssistantController
from app.ui.assistant_pane import AssistantPane
from app.ui.briefing_controller import BriefingController
from app.ui.current_task import CurrentTask
from app.ui.error_banner import ErrorBanner
from app.ui.import_controller import ImportController
from app.ui.item_marks import ItemMarks
from app.ui.jobs import Job, JobRunner
from app.ui.library_pane import LibraryPane
from app.ui.lock_screen import LockScreen
from app.ui.model_status import ModelStatus
from app.ui.pane_focus import PaneFocusMarker
from app.ui.presentation import ClipboardGuard, PresentationBanner, held_pages_action
from app.ui.retention import RetentionCheck
from app.ui.vector_status import VectorStatusController
from app.ui import window_settings
from app.ui.window_state import WindowState
from app.ui.welcome_page import WelcomePage
from app.ui.window_menus import WindowMenus
from app.ui.widgets import muted_style, tone
from app.ui.qt import (
    QByteArray,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPaintEvent,
    QShowEvent,
    QSplitter,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.core.library import Library, MeetingOutline
    from app.ui.reading_page import ReadingPage

WINDOW_TITLE = "Mødemappe"  # the app's name, the same in every language
START_FALLBACK_MS = 1000  # start the background work this long after show() even without a paint


class MainWindow(WindowMenus, QMainWindow):
    """The frame (see the module docstring); its actions, menus and focus moves are mixed in
    (app.ui.window_menus)."""

    def __init__(self, data_dir: Path, library: Library | None = None, passphrase: str | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.data_dir = data_dir
        self._library = library
        self._library_lock = threading.Lock()
        self._passphrase = passphrase
        self._owns_library = True  # False once handed to a successor window (language switch)
        self.successor: MainWindow | None = None
        self.jobs = JobRunner(self)
        self.task = CurrentTask(self.jobs, self)
        self.last_error: str = ""
        self._closed = False
        self.settings = load_settings(data_dir)
        self.pending_state: WindowState | None = None  # what a language switch carries over (window_state)

        self.setWindowTitle(WINDOW_TITLE)
        self.setAcceptDrops(True)
        if not self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode("ascii"))):
            self.resize(1180, 760)  # the first start, or a layout Qt cannot use
        self._build_actions()
        self._build_ui()
        self._build_menus()
        self._connect_panes()
        self.task.changed.connect(self._update_enabled)  # (also when a job or an import starts or ends)
        self._update_enabled()
        self._started = False  # the background start-up work waits for the first paint: see paintEvent

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._started:
            # The library, the model and the index are opened once the window is on screen: on the
            # worker thread they would compete with the first paint for the GIL.
            QTimer.singleShot(0, self._start_background_work)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._started:  # in case a platform never asks the frame itself to paint
            QTimer.singleShot(START_FALLBACK_MS, self._start_background_work)

    @property
    def library(self) -> Library:
        """The core's Library; made on first use, after the first paint, by whichever thread asks first:
        the worker's first job or the reading page being built (the lock keeps it to one Library)."""
        if self._library is None:
            with self._library_lock:
                if self._library is None:
                    from app.core.library import Library

                    self._library = Library(self.data_dir, passphrase=self._passphrase, vectors_in_child=True)
        return self._library

    def _start_background_work(self) -> None:
        if self._started or self._closed:
            return
        self._started = True
        # The library opens on the worker thread while the reading page is built here (its answer
        # is delivered after this method returns, so the page is there when the tree is filled).
        self.refresh_meetings()
        # Not shown before the library has answered, so not built before the first paint either.
        self.reading_page = self._build_reading_page()
        self.pages.addWidget(self.reading_page)
        self.lock_screen.watch_activity()
        self.model_status.check()
        self.retention.apply()
        self.vector_status.start()  # vectors still missing (an import, a new embedding model)
        self.importer.start_watch(self.settings.watch_folder)

    # --- building ----------------------------------------------------------------------

    def _build_ui(self) -> None:
        # The frame first, then its content into it: with the app's style sheet a widget moved to a new
        # parent is styled anew with all it holds (the built panes twice over: ~10 ms before the first paint).
        self.body = QStackedWidget()
        self.setCentralWidget(self.body)
        central = QWidget()
        self.body.addWidget(central)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(10, 8, 10, 4)
        self.error_banner = ErrorBanner()
        self.error_banner.closed.connect(self.clear_error)
        outer.addWidget(self.error_banner)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setChildrenCollapsible(False)
        self.library_pane = LibraryPane(lambda: self.library, self.task, self.delete_action, self.show_error,
                                        self.show_status)  # fmt: skip
        self.splitter.addWidget(self.library_pane)
        self.pages = QStackedWidget(self.splitter)
        self.welcome_page = WelcomePage()
        self.pages.addWidget(self.welcome_page)  # the reading page follows after the first paint
        # A restart with meetings in the store: "opening", not the first-run welcome, until they are listed.
        self.opening_page = QLabel(self.tr("Åbner dine møder …"))
        self.opening_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening_page.setStyleSheet(muted_style())
        self.pages.addWidget(self.opening_page)
        restart = (self.data_dir / "store.sqlite").exists()
        if restart:
            self.pages.setCurrentWidget(self.opening_page)
        self.splitter.addWidget(self.pages)
        self.assistant = AssistantPane()
        self.assistant.setVisible(restart)  # a first start has no meetings to ask about (as _show_outline says)
        self.splitter.addWidget(self.assistant)
        for index, stretch in enumerate((1, 3, 2)):  # a maximised window widens the library too
            self.splitter.setStretchFactor(index, stretch)
        panes = self.settings.window_panes
        self.splitter.setSizes(panes if len(panes) == 3 and all(panes) else [340, 540, 400])
        outer.addWidget(self.splitter, 1)
        self.pane_marker = PaneFocusMarker([self.splitter.widget(i) for i in range(self.splitter.count())], self)
        self.lock_screen = LockScreen(lambda: self.library, self.task, lambda: self.settings,
                                      lambda: (self.cancel_task(), self.cancel_import()))  # fmt: skip
        self.body.addWidget(self.lock_screen)
        self._build_controllers()
        self._build_status_bar()

    def _build_controllers(self) -> None:
        library = lambda: self.library  # noqa: E731 - made after the first paint: the panes ask for it
        self.model_status = ModelStatus(library, self.task, self)
        self.clipboard_guard = ClipboardGuard(self)
        self.importer = ImportController(self, self.data_dir, library, self.task, lambda: self.settings,
                                         self.library_pane, self.welcome_page, self.show_error, self.clear_error,
                                         self.show_status)  # fmt: skip
        self.assistant_controller = AssistantController(
            self.assistant, library, self.task, self.model_status, self.library_pane, lambda: self.presenting,
            self.clipboard_guard, self.show_error, self.clear_error, self.show_status, self)  # fmt: skip
        self.briefings = BriefingController(self.assistant_controller, library, self.task, self.model_status,
                                            self.library_pane, lambda: self.presenting, self.clear_error, self)  # fmt: skip
        self.retention = RetentionCheck(library, self.task.run, lambda: self.settings, self.show_error,
                                        self.show_status, self)  # fmt: skip
        self.vector_status = VectorStatusController(library, self.jobs, self)
        self.item_marks = ItemMarks(self.library_pane, library, self.task.run, self.show_error, self.show_status,
                                    lambda: self.presenting, self._show_outline, self)  # fmt: skip

    def _build_status_bar(self) -> None:
        offline_label = QLabel(self.tr("Alt bliver på denne computer"))
        offline_label.setStyleSheet(f"color:{tone('ok')}")
        self.presentation_banner = PresentationBanner()
        self.statusBar().addPermanentWidget(self.presentation_banner)
        self.statusBar().addPermanentWidget(self.importer.watch_label)
        self.statusBar().addPermanentWidget(self.vector_status.widget)
        self.statusBar().addPermanentWidget(offline_label)
        self.statusBar().addPermanentWidget(self.model_status.label)

    def _build_reading_page(self) -> ReadingPage:
        from app.ui.reading_page import ReadingPage

        page = ReadingPage(self.library, self.jobs, self.task.run, self.show_error, self._meeting_title,
                           lambda: self.presenting)  # fmt: skip
        page.document_opened.connect(self.library_pane.mark_opened)
        from app.ui.briefing_view import FullSizeController

        # Briefings and long answers at full size, in a tab of their own (app.ui.briefing_view).
        self.full_size = FullSizeController(page, page.reader, self.assistant_controller, self.task.run,
                                            lambda: self.library, self.clipboard_guard, self.show_status,
                                            self.show_error)  # fmt: skip
        self.briefings.briefed.connect(self.full_size.briefed)
        return page

    def _connect_panes(self) -> None:
        """The panes' requests, each to the pane or controller that answers it."""
        pane = self.library_pane
        pane.selection_changed.connect(self._selection_changed)
        pane.document_requested.connect(lambda meeting_id, name, page: self.reading_page.open_in_reader(
            meeting_id, name, page))  # fmt: skip
        pane.recording_requested.connect(lambda recording_id: self.reading_page.open_recording(recording_id))
        pane.menu_requested.connect(lambda menu: held_pages_action(self, menu))
        pane.menu_requested.connect(lambda menu: self.item_marks.add_to_menu(menu, pane.tree.currentItem()))
        pane.import_files_requested.connect(self.importer.choose_files)
        pane.import_folder_requested.connect(self.importer.choose_folder)
        pane.cancel_requested.connect(self.cancel_import)
        pane.meeting_deleted.connect(self.refresh_meetings)
        self.welcome_page.demo_requested.connect(self.importer.try_demo)
        self.welcome_page.import_requested.connect(self.importer.choose_files)
        self.importer.meetings_changed.connect(self.refresh_meetings)
        self.importer.pack_imported.connect(self._pack_imported)
        self.importer.recording_imported.connect(lambda recording_id: self.reading_page.open_recording(recording_id))
        self.importer.watching_changed.connect(self.stop_watch_action.setEnabled)
        self.assistant.stop_requested.connect(self.cancel_task)
        self.assistant_controller.open_requested.connect(lambda hit, passage: self.reading_page.open_hit(hit, passage))
        self.assistant_controller.answer_changed.connect(self._update_enabled)
        self.retention.meetings_changed.connect(self.refresh_meetings)
        self.lock_screen.locking.connect(self._hide_content)
        self.lock_screen.unlocked.connect(self._show_content)

    def _pack_imported(self, suggestion: str) -> None:
        self.vector_status.start()
        self.assistant_controller.suggest(suggestion)

    # --- state -------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.jobs.busy

    @property
    def presenting(self) -> bool:
        return self.presentation_action.isChecked()

    def _update_enabled(self) -> None:
        # An import runs on its own lane: reading, asking and briefing stay open beside it.
        busy, importing = self.jobs.working, self.jobs.importing
        self.library_pane.set_enabled_for(busy, importing)
        self.welcome_page.set_enabled_for(importing)
        self.import_files_action.setEnabled(not importing)
        self.import_folder_action.setEnabled(not importing)
        self.delete_action.setEnabled(not self.jobs.busy and self.library_pane.selected_meeting() is not None)
        self.assistant_controller.set_enabled_for(busy, asking=self.task.kind == "ask")

    def _selection_changed(self) -> None:
        self.assistant_controller.fill_scope()
        self._update_enabled()
        meeting, item = self.library_pane.selected_meeting(), self.library_pane.selected_item()
        self.reading_page.notes_pane.set_meeting(meeting and meeting.id, meeting.title if meeting else "",
                                                 item and item[1])  # fmt: skip

    def _meeting_title(self, meeting_id: int) -> str:
        meeting = self.library_pane.meeting(meeting_id)
        return meeting.title if meeting else ""

    def show_error(self, message: str) -> None:
        self.last_error = message
        self.error_banner.show_message(message)
        self.show_status(message, 10_000)

    def clear_error(self) -> None:
        self.last_error = ""
        self.error_banner.hide()

    def show_status(self, message: str, milliseconds: int) -> None:
        self.statusBar().showMessage(message, milliseconds)

    def cancel_task(self) -> None:
        """Stop the answer or briefing being written (an import beside it goes on)."""
        if self.task.cancel():
            self.assistant_controller.show_stopping()

    def cancel_import(self) -> None:
        if self.task.cancel_import():
            self.library_pane.show_cancelling()

    # --- meetings ----------------------------------------------------------------------

    def refresh_meetings(self) -> None:
        self.task.run(Job(lambda _ctx: self.library.outline(), on_done=self._show_outline,
                          on_error=self._outline_failed))

    def _outline_failed(self, message: str) -> None:
        if self.pages.currentWidget() is self.opening_page:
            self.pages.setCurrentWidget(self.welcome_page)  # its buttons still work; the error says why
        self.show_error(message)

    def _show_outline(self, outlines: list[MeetingOutline]) -> None:
        self.library_pane.show_outlines(outlines, visible_outline if self.presenting else lambda outline: outline)
        search = self.reading_page.search_panel
        search.refresh_filters()
        if search.query_edit.text().strip():
            search.run_search()  # a deleted meeting's hits must go
        self.pages.setCurrentWidget(self.reading_page if outlines else self.welcome_page)
        self.assistant.setVisible(bool(outlines))
        self.assistant_controller.fill_scope()
        self.assistant_controller.fill_suggestions()
        self._update_enabled()
        if not outlines:
            self.reading_page.reader.clear()
        state, self.pending_state = self.pending_state, None
        if state is not None:
            from app.ui.window_state import restore

            restore(self, state)

    # --- confidentiality: presentation mode, audit log, delete everything, the lock -------

    def set_presentation_mode(self, on: bool) -> None:
        """Screen sharing: closed items vanish from every view (app.ui.presentation, app.core.answers.presentation)."""
        if self.library_pane.meetings_loaded:
            self._show_outline(self.library_pane.outlines)  # the tree without closed items, counts and suggestions too
        self.reading_page.set_hide_closed(on)
        self.full_size.set_hide_closed(on)
        self.presentation_banner.set_on(on)
        self.assistant_controller.hide_closed_answer()
        self.show_status(self.tr("Præsentationstilstand: lukkede punkter er skjult.") if on
                         else self.tr("Præsentationstilstand er slået fra."), 6_000)  # fmt: skip
        self._update_enabled()

    def show_audit_log(self) -> None:
        from app.ui.audit_dialog import AuditDialog

        self.task.run(Job(lambda _ctx: self.library.audit_log(), on_done=lambda rows: AuditDialog(rows, self).exec(),
                          on_error=self.show_error))  # fmt: skip

    def confirm_delete_everything(self) -> bool:
        word = self.tr("SLET ALT")  # what the user types to confirm, in the UI language
        text, ok = QInputDialog.getText(
            self, self.tr("Slet alt"),
            self.tr("Alle møder, søgeindekset, indstillingerne og nøglen slettes fra denne computer. "
                    "Det kan ikke fortrydes.\n\nSkriv {word} for at bekræfte:").format(word=word))  # fmt: skip
        return ok and text.strip().upper() == word.upper()

    def delete_everything(self, confirm: bool = True) -> bool:
        if self.busy or (confirm and not self.confirm_delete_everything()):
            return False
        self._closed = True
        self.lock_screen.stop()
        self.importer.watch_timer.stop()
        self.jobs.shutdown()
        self.library.delete_everything()
        if confirm:
            QMessageBox.information(self, self.tr("Slet alt"), self.tr("Alt er slettet. Mødemappe lukker nu."))
        self.close()
        return True

    def _hide_content(self) -> None:
        """The lock screen covers everything: no content, no menus, nothing to copy or search."""
        self.body.setCurrentWidget(self.lock_screen)
        self.menuBar().setEnabled(False)
        self.statusBar().clearMessage()
        self.setWindowTitle(self.tr("{title} – låst").format(title=WINDOW_TITLE))
        self.importer.watch_timer.stop()
        self.reading_page.search_panel.query_edit.clear()
        self.reading_page.search_panel.results.clear()
        self.clipboard_guard.take_back()  # a copied answer may hold closed material
        self.vector_status.stop()

    def _show_content(self) -> None:
        self.body.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        self.setWindowTitle(WINDOW_TITLE)
        self.importer.start_watch(self.settings.watch_folder)
        self.vector_status.start()

    # --- drag and drop, closing ----------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        mime = event.mimeData()
        if not self.jobs.importing and mime.hasUrls() and all(url.isLocalFile() for url in mime.urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths and self.importer.import_paths(paths):
            event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._closed:  # (after "Slet alt" it is closed already: nothing is written back)
            self._closed = True
            window_settings.remember_layout(self)
            self.lock_screen.stop()
            self.jobs.shutdown()
            if self._owns_library and self._library is not None:
                self._library.close()
        super().closeEvent(event)

