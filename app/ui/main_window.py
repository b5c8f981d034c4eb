"""The main window: meetings on the left, the assistant on the right, a welcome page on first start.

Every core call runs as a Job on the one worker thread (app.ui.jobs), so the
event loop never waits for the core and Library calls never overlap.

Cold start: the window paints before the core is loaded. The heavy core modules (library, store,
answer, briefing, ingest …; ~100 ms of imports) are imported where they are first used, which is
after the first paint, and the Library is made then (see `library`). tests/ui/test_cold_start.py
keeps it so.
"""

from __future__ import annotations

import html
import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.cli import demo_pack
from app.core.display import display_name
from app.core.messages import UserError, current_lang
from app.core.messages import tr as core_text  # not "tr": lupdate would take its keys for UI texts
from app.core.policy import current_policy
from app.core.presentation import closed_items, presentation_filter, visible_outline, visible_questions
from app.core.settings import Settings, idle_lock_minutes, load_settings, retention_rules, save_settings
from app.ui.i18n import install_translations
from app.ui.jobs import Job, JobContext, JobRunner
from app.ui.names import without_dates
from app.ui.pane_focus import PaneFocusMarker
from app.ui.wrapping_delegate import WrappingDelegate
from app.ui.notes_pane import NotesPane, item_notes_html, user_notes_html
from app.ui.presentation import ClipboardGuard, PresentationBanner, confidential_html, quotes_closed
from app.ui.presentation import held_pages_action, with_confidential_header
from app.ui.reader import OpenDocument, ReaderView
from app.ui.scanned_marks import mark_scanned, scanned_note
from app.ui.recording_view import RecordingView
from app.ui.assistant_pane import AssistantPane
from app.ui.search_panel import SearchPanel
from app.ui.wrapping_delegate import WrappingDelegate
from app.ui.vector_status import VectorStatusController
from app.ui.widgets import apply_appearance, make_button, muted, muted_style, tone
from app.ui.qt import (
    QAbstractItemView,
    QAction,
    QApplication,
    QByteArray,
    QCloseEvent,
    QColor,
    QCoreApplication,
    QDate,
    QDialog,
    QDragEnterEvent,
    QDropEvent,
    QEvent,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QKeySequence,
    QLabel,
    QLineEdit,
    QLocale,
    QGuiApplication,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPaintEvent,
    QShowEvent,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    Qt,
    QT_TRANSLATE_NOOP,
    QTabWidget,
    QTimer,
    QTreeWidget,
    QTreeWidgetItem,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from app.core.answer import Answer
    from app.core.library import Hit, ImportResult, Library, MeetingOutline
    from app.core.store import MeetingRow
    from app.core.watch import FolderWatch

# Texts outside the window class are marked for lupdate with QT_TRANSLATE_NOOP (module constants)
# or translated where they are used with translate("MainWindow", ...) (plain functions).
translate = QCoreApplication.translate

WINDOW_TITLE = "Mødemappe"  # the app's name, the same in every language
WATCH_INTERVAL_MS = 5_000
FILE_FILTER = QT_TRANSLATE_NOOP("MainWindow", "Mødepapirer (*.pdf *.docx *.png *.jpg *.jpeg *.tif *.tiff);;PDF (*.pdf);;"
                                              "Word (*.docx);;Scannede billeder (*.png *.jpg *.jpeg *.tif *.tiff)")
SNIPPET_CHARS = 240
PROGRESS_STEPS = 1000
START_FALLBACK_MS = 1000  # start the background work this long after show() even without a paint
_DATE_FORMATS = {  # the UI language's locale and how it writes a date
    "da": (QLocale(QLocale.Language.Danish, QLocale.Country.Denmark), "d. MMMM yyyy"),
    "en": (QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom), "d MMMM yyyy"),
}

WELCOME_HTML = QT_TRANSLATE_NOOP("MainWindow", """
<h1>Velkommen til Mødemappe</h1>
<p>Mødemappe hjælper dig med at finde rundt i dagsordener, bilag og referater.
Importér en mødepakke (PDF eller Word), og stil spørgsmål til materialet.
Hvert svar viser, hvor i dokumenterne det står, så du selv kan læse efter.</p>
<p><b>Alt bliver på denne computer.</b> Dokumenter og spørgsmål sendes ikke til internettet,
og sprogmodellen kører lokalt.</p>
<h3>Retningslinjer for brug af AI</h3>
""")
# Shown under the welcome unless IT's policy gives the municipality's own text ([guidelines] text).
DEFAULT_GUIDELINES = QT_TRANSLATE_NOOP(
    "MainWindow",
    "AI understøtter arbejdet – den erstatter aldrig den politiske vurdering. Assistenten forklarer "
    "materialet og viser, hvor det står; den anbefaler ikke, hvordan du skal stemme. Læs altid efter i "
    "kilderne, og del ikke fortroligt materiale fra lukkede punkter."
)
WELCOME_HINT = QT_TRANSLATE_NOOP("MainWindow",
                                 "Du kan også trække PDF- eller Word-filer eller en hel mappe ind i vinduet.")
NEW_MARK = QT_TRANSLATE_NOOP("MainWindow", "  ● Ny")
NEW_TOOLTIP = QT_TRANSLATE_NOOP("MainWindow", "Ny – ikke åbnet endnu")
RETENTION_WARNING_DAYS = 7
# Input that counts as "the user is here" for the idle lock.
_ACTIVITY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel)
# Questions any agenda answers, offered until the user has asked their own.
GENERAL_QUESTIONS = (
    QT_TRANSLATE_NOOP("MainWindow", "Hvad skal der besluttes på mødet?"),
    QT_TRANSLATE_NOOP("MainWindow", "Hvilke punkter har økonomiske konsekvenser?"),
    QT_TRANSLATE_NOOP("MainWindow", "Hvad indstiller administrationen?"),
)

def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("MainWindow", ...), in the UI language."""
    return translate("MainWindow", text) if text else ""


def danish_date(value: str | None) -> str:
    """'2023-10-02' -> '2. oktober 2023' ('2 October 2023' in English); anything else is shown as it is."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    locale, pattern = _DATE_FORMATS.get(current_lang(), _DATE_FORMATS["da"])
    return locale.toString(QDate(day.year, day.month, day.day), pattern)


def count(n: int, one: str, many: str) -> str:
    """'1 kilde', '3 kilder': the caller passes both words already translated."""
    return f"{n} {one if n == 1 else many}"


def sources_html(hits: list[Hit]) -> str:
    if not hits:
        return f'<p style="color:{muted()}">{html.escape(translate("MainWindow", "Ingen kilder."))}</p>'
    badge = html.escape(translate("MainWindow", "Fortroligt – lukket punkt"))
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


def _node_kind(node: QTreeWidgetItem) -> str | None:
    data = node.data(0, Qt.ItemDataRole.UserRole)
    return data[0] if data else None


def _meeting_node(parent: QTreeWidgetItem, outline: MeetingOutline) -> QTreeWidgetItem:
    """A meeting with its agenda items and their bilag; a meeting never opened is marked "Ny"."""
    meeting = outline.meeting
    main_document = outline.items[0].document if outline.items else meeting.documents[0]
    details = [danish_date(meeting.date), count(len(meeting.documents), translate("MainWindow", "dokument"),
                                                translate("MainWindow", "dokumenter"))]  # fmt: skip
    if meeting.item_count:
        details.append(count(meeting.item_count, translate("MainWindow", "punkt"), translate("MainWindow", "punkter")))
    new = "" if meeting.opened else _tr(NEW_MARK)
    node = QTreeWidgetItem(parent, [f"{without_dates(display_name(meeting.title))}{new}\n{' · '.join(d for d in details if d)}"])
    node.setData(0, Qt.ItemDataRole.UserRole, ("meeting", meeting.id, main_document))
    documents = [f"{display_name(name)}\n  {scanned_note(outline.ocr[name])}" if name in outline.ocr else display_name(name)
                 for name in meeting.documents]  # fmt: skip
    node.setToolTip(0, "\n".join(documents) + ("" if meeting.opened else f"\n{_tr(NEW_TOOLTIP)}"))
    if not meeting.opened:
        font = node.font(0)
        font.setBold(True)
        node.setFont(0, font)
    closed_mark = translate("MainWindow", " (lukket punkt)")
    closed_note = "\n" + translate("MainWindow", "Fortroligt – lukket punkt")
    for item in outline.items:
        marked = item.closed and not item.title.casefold().startswith("lukket")  # the title may say so itself
        child = QTreeWidgetItem(node, [f"{item.number}. {item.title}" + (closed_mark if marked else "")])
        child.setData(0, Qt.ItemDataRole.UserRole, ("item", meeting.id, item.document, item.start_page, item.closed))
        where = translate("MainWindow", "{document}, s. {page}").format(document=display_name(item.document), page=item.start_page)
        child.setToolTip(0, f"{item.title}\n{where}" + (closed_note if item.closed else ""))
        if item.closed:
            child.setForeground(0, QColor(tone("danger")))
        for name in outline.bilag.get(item.number, []):
            bilag = QTreeWidgetItem(child, [translate("MainWindow", "Bilag: {name}").format(name=display_name(name))])
            bilag.setData(0, Qt.ItemDataRole.UserRole, ("document", meeting.id, name))
            mark_scanned(bilag, outline.ocr.get(name))
    transcripts = {r.name for r in outline.recordings}
    for recording in outline.recordings:
        node_text = QCoreApplication.translate("MainWindow", "Optagelse: {name}").format(name=display_name(recording.name))
        if not recording.complete:
            node_text += QCoreApplication.translate("MainWindow", " (ikke færdig)")
        child = QTreeWidgetItem(node, [node_text])
        child.setData(0, Qt.ItemDataRole.UserRole, ("recording", meeting.id, recording.id))
    linked = ({name for names in outline.bilag.values() for name in names} | {i.document for i in outline.items}
              | transcripts)  # fmt: skip
    for name in meeting.documents:
        if name not in linked and (outline.items or name != main_document):
            loose = QTreeWidgetItem(node, [translate("MainWindow", "Dokument: {name}").format(name=display_name(name))])
            loose.setData(0, Qt.ItemDataRole.UserRole, ("document", meeting.id, name))
            mark_scanned(loose, outline.ocr.get(name))
    return node


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path, library: Library | None = None, passphrase: str | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.data_dir = data_dir
        self._library = library
        self._passphrase = passphrase
        self._owns_library = True  # False once handed to a successor window (language switch)
        self.successor: MainWindow | None = None
        self.jobs = JobRunner(self)
        self.meetings: list[MeetingRow] = []
        self.outlines: list[MeetingOutline] = []
        self.last_answer: Answer | None = None
        self.suggestions: list[str] = []
        self.last_error: str = ""
        self.model_name: str | None = None
        self.meetings_loaded = False
        self._task: Job[Any] | None = None  # the import or question that Annullér/Stop cancels
        self._task_kind = ""
        self._select_after_refresh: int | None = None
        self._closed = False
        self._last_dir = Path.home()
        self.settings = load_settings(data_dir)
        self.watch: FolderWatch | None = None
        self.watch_timer = QTimer(self)
        self.watch_timer.setInterval(WATCH_INTERVAL_MS)
        self.watch_timer.timeout.connect(self.scan_watched_folder)

        self.setWindowTitle(WINDOW_TITLE)
        self.setAcceptDrops(True)
        if not self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode("ascii"))):
            self.resize(1180, 760)  # the first start, or a layout Qt cannot use
        self._build_actions()
        self._build_ui()
        self.jobs.busy_changed.connect(lambda _busy: self._update_enabled())
        self._update_enabled()
        self._started = False  # the background start-up work waits for the first paint: see paintEvent
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        self._restart_idle_timer()
        QApplication.instance().installEventFilter(self)

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
        """The core's Library; made on first use, on the UI thread, after the first paint."""
        if self._library is None:
            from app.core.library import Library

            self._library = Library(self.data_dir, passphrase=self._passphrase)
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
        self._check_model()
        self.apply_retention()
        self.vector_status.start()  # vectors still missing (an import, a new embedding model)
        self._start_watch(self.settings.watch_folder)

    # --- building ----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.import_files_action = QAction(self.tr("Importér filer …"), self)
        self.import_files_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_files_action.triggered.connect(self.choose_files)
        self.import_folder_action = QAction(self.tr("Importér mappe …"), self)
        self.import_folder_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.import_folder_action.triggered.connect(self.choose_folder)
        self.delete_action = QAction(self.tr("Slet møde …"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(lambda: self.delete_selected())
        self.lock_action = QAction(self.tr("Lås Mødemappe"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setToolTip(self.tr("Skjul alt indhold, til du låser op igen"))
        self.lock_action.triggered.connect(self.lock)
        self.quit_action = QAction(self.tr("Afslut"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        about_action = QAction(self.tr("Om Mødemappe"), self)
        about_action.triggered.connect(self._about)
        self.watch_action = QAction(self.tr("Overvåg en mappe …"), self)
        self.watch_action.setToolTip(self.tr("Nye mødepakker i mappen importeres automatisk"))
        self.watch_action.triggered.connect(self.choose_watch_folder)
        self.stop_watch_action = QAction(self.tr("Stop overvågning"), self)
        self.stop_watch_action.triggered.connect(lambda: self.set_watch_folder(None))

        file_menu = self.menuBar().addMenu(self.tr("&Filer"))
        file_menu.addAction(self.import_files_action)
        file_menu.addAction(self.import_folder_action)
        self.import_handbook_action = QAction(self.tr("Importér til Håndbog …"), self)
        self.import_handbook_action.setToolTip(self.tr("Kommunalbestyrelsens håndbog, retningslinjer og love"))
        self.import_handbook_action.triggered.connect(self.choose_handbook_files)
        file_menu.addAction(self.import_handbook_action)
        self.import_recording_action = QAction(self.tr("Importér optagelse til mødet …"), self)
        self.import_recording_action.setToolTip(self.tr("Lyd, video eller undertekster fra mødet – skrives ud lokalt"))
        self.import_recording_action.triggered.connect(self.choose_recording)
        self.import_recording_action.setVisible(current_policy().recordings)
        file_menu.addAction(self.import_recording_action)
        file_menu.addAction(self.delete_action)
        file_menu.addSeparator()
        file_menu.addAction(self.watch_action)
        file_menu.addAction(self.stop_watch_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        self.delete_all_action = QAction(self.tr("Slet alt …"), self)
        self.delete_all_action.setToolTip(self.tr("Slet alle møder, søgeindekset og nøglen fra denne computer"))
        self.delete_all_action.triggered.connect(lambda: self.delete_everything())
        file_menu.addAction(self.delete_all_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.settings_action = QAction(self.tr("Indstillinger …"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        file_menu.insertAction(self.lock_action, self.settings_action)
        view_menu = self.menuBar().addMenu(self.tr("&Vis"))
        self.search_action = QAction(self.tr("Søg i materialet"), self)
        self.search_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.search_action.triggered.connect(self.focus_search)
        view_menu.addAction(self.search_action)
        self.find_action = QAction(self.tr("Find i dokumentet"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_find)
        view_menu.addAction(self.find_action)
        self.ask_focus_action = QAction(self.tr("Stil et spørgsmål"), self)
        self.ask_focus_action.setShortcut(QKeySequence("Ctrl+K"))
        self.ask_focus_action.triggered.connect(lambda: self.question_edit.setFocus())
        view_menu.addAction(self.ask_focus_action)
        # F6 / Shift+F6 move between the library, the page in the middle and the assistant.
        for text, key, step in ((self.tr("Næste rude"), "F6", 1), (self.tr("Forrige rude"), "Shift+F6", -1)):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _checked=False, step=step: self.focus_pane(step))
            view_menu.addAction(action)
        copy_action = QAction(self.tr("Kopiér svar med kilder"), self)
        copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        copy_action.triggered.connect(self.copy_answer)
        view_menu.addAction(copy_action)
        view_menu.addSeparator()
        self.presentation_action = QAction(self.tr("Præsentationstilstand (skjul lukkede punkter)"), self)
        self.presentation_action.setCheckable(True)
        self.presentation_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.presentation_action.setToolTip(
            self.tr("Til skærmdeling: lukkede punkter vises ikke og bruges ikke i svar"))
        self.presentation_action.toggled.connect(self.set_presentation_mode)
        view_menu.addAction(self.presentation_action)
        audit_action = QAction(self.tr("Revisionslog …"), self)
        audit_action.triggered.connect(self.show_audit_log)
        view_menu.addAction(audit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Hjælp"))
        guide_action = QAction(self.tr("Vejledning"), self)
        guide_action.setShortcut(QKeySequence("F1"))
        guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(guide_action)
        help_menu.addAction(about_action)

    def show_guide(self) -> None:
        from app.ui.help_dialog import HelpDialog

        self.guide = HelpDialog(self)
        self.guide.show()

    def _build_ui(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(10, 8, 10, 4)
        outer.addWidget(self._build_error_banner())
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_library_panel())
        self.pages = QStackedWidget(self.splitter)
        self.welcome_page = self._build_welcome_page()
        self.pages.addWidget(self.welcome_page)  # the reading page follows after the first paint
        # A restart with meetings in the store: "opening", not the first-run welcome, until they are listed.
        self.opening_page = QLabel(self.tr("Åbner dine møder …"))
        self.opening_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening_page.setStyleSheet(muted_style())
        self.pages.addWidget(self.opening_page)
        if (self.data_dir / "store.sqlite").exists():
            self.pages.setCurrentWidget(self.opening_page)
        self.splitter.addWidget(self.pages)
        self.assistant_panel = self._build_assistant_panel()
        self.splitter.addWidget(self.assistant_panel)
        for index, stretch in enumerate((1, 3, 2)):  # a maximised window widens the library too
            self.splitter.setStretchFactor(index, stretch)
        panes = self.settings.window_panes
        self.splitter.setSizes(panes if len(panes) == 3 and all(panes) else [340, 540, 400])
        outer.addWidget(self.splitter, 1)
        self.pane_marker = PaneFocusMarker([self.splitter.widget(i) for i in range(self.splitter.count())], self)
        self.body = QStackedWidget()
        self.body.addWidget(central)
        self.lock_page = self._build_lock_page()
        self.body.addWidget(self.lock_page)
        self.setCentralWidget(self.body)

        self.model_label = QLabel(self.tr("Assistent: starter …"))
        self.model_label.setAccessibleName(self.tr("Sprogmodel"))
        offline_label = QLabel(self.tr("Alt bliver på denne computer"))
        offline_label.setStyleSheet(f"color:{tone('ok')}")
        self.watch_label = QLabel("")
        self.watch_label.setAccessibleName(self.tr("Overvåget mappe"))
        self.presentation_banner = PresentationBanner()
        self.clipboard_guard = ClipboardGuard(self)
        self.statusBar().addPermanentWidget(self.presentation_banner)
        self.statusBar().addPermanentWidget(self.watch_label)
        self.vector_status = VectorStatusController(lambda: self.library, self.jobs, self)
        self.statusBar().addPermanentWidget(self.vector_status.widget)
        self.statusBar().addPermanentWidget(offline_label)
        self.statusBar().addPermanentWidget(self.model_label)

    def _build_reading_page(self) -> QWidget:
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Læs og søg"))
        self.reader = ReaderView()
        self.reader.copied.connect(lambda detail: self._run(Job(lambda _ctx: self.library.record_export(detail),
                                                                on_done=lambda _r: None, on_error=self.show_error)))
        self.tabs.addTab(self.reader, self.tr("Læs"))
        self.search_panel = SearchPanel(self.library, self.jobs)
        self.search_panel.open_requested.connect(lambda hit: self.open_hit(hit, hit.text))
        self.tabs.addTab(self.search_panel, self.tr("Søg"))
        self.notes_pane = NotesPane(self.library, self._run, self.show_error)  # issue 22: preparation
        self.notes_pane.open_highlight.connect(self.open_in_reader)
        self.reader.highlight_requested.connect(self.notes_pane.add_highlight)
        self.tabs.addTab(self.notes_pane, self.tr("Forberedelse"))
        self.recording_view = RecordingView()
        self.recording_view.chapter_start_requested.connect(self._move_chapter)
        if current_policy().recordings:  # IT may switch recordings off
            self.tabs.addTab(self.recording_view, self.tr("Optagelser"))
        return self.tabs

    def _build_lock_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addStretch(2)
        title = QLabel(self.tr("<h2>Mødemappe er låst</h2>"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(title)
        self.lock_hint = QLabel()
        self.lock_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lock_hint.setWordWrap(True)
        column.addWidget(self.lock_hint)
        row = QHBoxLayout()
        row.addStretch(1)
        self.unlock_edit = QLineEdit()
        self.unlock_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_edit.setAccessibleName(self.tr("Adgangskode"))
        self.unlock_edit.setPlaceholderText(self.tr("Adgangskode"))
        self.unlock_edit.setMinimumWidth(260)
        self.unlock_edit.returnPressed.connect(self.unlock)
        self.unlock_button = make_button(self.tr("Lås op"), self.tr("Lås op"), self.unlock, min_height=30)
        row.addWidget(self.unlock_edit)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        column.addLayout(row)
        self.unlock_error = QLabel()
        self.unlock_error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unlock_error.setAccessibleName(self.tr("Fejl ved oplåsning"))
        column.addWidget(self.unlock_error)
        column.addStretch(3)
        return page

    def _build_error_banner(self) -> QFrame:
        self.error_banner = QFrame()
        self.error_banner.setObjectName("errorBanner")
        self.error_banner.setStyleSheet(
            "#errorBanner { background:#fdecea; border:1px solid #e0a39b; border-radius:4px; }"
        )
        row = QHBoxLayout(self.error_banner)
        row.setContentsMargins(10, 6, 6, 6)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet("color:#8a1c12")  # on the banner's own light background
        self.error_label.setAccessibleName(self.tr("Fejlbesked"))
        row.addWidget(self.error_label, 1)
        close = make_button(self.tr("Luk"), self.tr("Luk fejlbesked"), self.clear_error)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.error_banner.hide()
        return self.error_banner

    def _build_library_panel(self) -> QWidget:
        panel = self.library_panel = QWidget()
        panel.setMinimumWidth(240)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 6, 0)
        heading = QLabel(self.tr("<b>Bibliotek</b>"))
        column.addWidget(heading)

        self.library_tree = QTreeWidget()
        self.library_tree.setAccessibleName(self.tr("Bibliotek: samlinger, møder, punkter og bilag"))
        self.library_tree.setHeaderHidden(True)
        self.library_tree.setUniformRowHeights(False)
        self.library_tree.setItemDelegate(WrappingDelegate(self.library_tree))  # long titles wrap, never cut
        self.library_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.library_tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.library_tree.customContextMenuRequested.connect(self._meeting_menu)
        self.library_tree.itemSelectionChanged.connect(self._selection_changed)
        self.library_tree.itemActivated.connect(lambda node, _column: self.open_node(node))
        self.library_tree.itemClicked.connect(lambda node, _column: self.open_node(node))
        self.library_tree.addAction(self.delete_action)
        heading.setBuddy(self.library_tree)
        column.addWidget(self.library_tree, 1)

        self.empty_hint = QLabel(self.tr("Ingen møder endnu."))
        self.empty_hint.setStyleSheet(muted_style())
        column.addWidget(self.empty_hint)

        buttons = QHBoxLayout()
        self.import_files_button = make_button(self.tr("Importér filer …"), self.tr("Importér filer"),
                                               self.choose_files,
                                               self.tr("Vælg PDF- eller Word-filer til én mødepakke (Ctrl+O)"))
        self.import_folder_button = make_button(self.tr("Importér mappe …"), self.tr("Importér mappe"),
                                                self.choose_folder,
                                                self.tr("Vælg en mappe med en mødepakke (Ctrl+Shift+O)"))
        buttons.addWidget(self.import_files_button)
        buttons.addWidget(self.import_folder_button)
        column.addLayout(buttons)
        self.delete_button = make_button(self.tr("Slet møde …"), self.tr("Slet valgt møde"),
                                         lambda: self.delete_selected())
        column.addWidget(self.delete_button)
        drop_hint = QLabel(self.tr("Du kan også trække filer eller en mappe ind i vinduet."))
        drop_hint.setWordWrap(True)
        drop_hint.setStyleSheet(muted_style("font-size:small"))
        column.addWidget(drop_hint)

        self.progress_box = QFrame()
        box = QVBoxLayout(self.progress_box)
        box.setContentsMargins(0, 6, 0, 0)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.progress_label.setAccessibleName(self.tr("Importstatus"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, PROGRESS_STEPS)
        self.progress_bar.setAccessibleName(self.tr("Importforløb"))
        self.cancel_button = make_button(self.tr("Annullér"), self.tr("Annullér import"), self.cancel_task)
        row = QHBoxLayout()
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.cancel_button)
        box.addWidget(self.progress_label)
        box.addLayout(row)
        self.progress_box.hide()
        column.addWidget(self.progress_box)
        return panel

    def _build_welcome_page(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(30, 20, 30, 20)
        card = QFrame()
        card.setObjectName("welcomeCard")
        card.setStyleSheet(f"#welcomeCard {{ background:palette(base); border:1px solid {muted()}; border-radius:8px; }}")
        card.setMaximumWidth(720)
        column = QVBoxLayout(card)
        column.setContentsMargins(32, 24, 32, 28)
        guidelines = current_policy().guidelines or _tr(DEFAULT_GUIDELINES)
        self.welcome_label = QLabel(_tr(WELCOME_HTML)
                                    + "".join(f"<p>{html.escape(p)}</p>" for p in guidelines.split("\n\n")))
        self.welcome_label.setWordWrap(True)
        self.welcome_label.setTextFormat(Qt.TextFormat.RichText)
        self.welcome_label.setAccessibleName(self.tr("Velkomst"))
        column.addWidget(self.welcome_label)
        buttons = QHBoxLayout()
        self.demo_button = make_button(
            self.tr("Prøv med demopakken"), self.tr("Prøv med demopakken"), self.try_demo,
            self.tr("Importér et rigtigt byrådsreferat og få et forslag til et spørgsmål"), 34)
        self.demo_button.setDefault(True)
        self.welcome_import_button = make_button(self.tr("Importér egne filer …"), self.tr("Importér egne filer"),
                                                 self.choose_files, min_height=34)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.welcome_import_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.welcome_status = QLabel(_tr(WELCOME_HINT))
        self.welcome_status.setWordWrap(True)
        self.welcome_status.setStyleSheet(muted_style())
        self.welcome_status.setAccessibleName(self.tr("Status"))
        column.addWidget(self.welcome_status)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 20)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        return page

    def _build_assistant_panel(self) -> QWidget:
        pane = self.assistant = AssistantPane()
        # The window's own names for the pane's parts (shortcuts, focus order, enabling, tests).
        for name in ("scope_combo", "question_edit", "ask_button", "stop_button", "copy_button", "brief_meeting_button",
                     "brief_item_button", "suggestions_label", "answer_view", "answer_status", "sources_view"):
            setattr(self, name, getattr(pane, name))
        pane.ask_requested.connect(lambda text: self.ask(text or None))
        pane.suggestion_chosen.connect(lambda index: self.ask(self.suggestions[index]))
        pane.brief_requested.connect(lambda item: self.brief(item=item))
        pane.stop_requested.connect(self.cancel_task)
        pane.copy_requested.connect(self.copy_answer)
        pane.citation_clicked.connect(self.open_citation)
        pane.restart_requested.connect(self.restart_model)
        self._fill_scope()
        return pane

    # --- state -------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.jobs.busy

    def _update_enabled(self) -> None:
        busy = self.jobs.busy
        asking = self._task_kind == "ask"
        for widget in (self.import_files_button, self.import_folder_button, self.demo_button,
                       self.welcome_import_button):  # fmt: skip
            widget.setEnabled(not busy)
        self.import_files_action.setEnabled(not busy)
        self.import_folder_action.setEnabled(not busy)
        has_selection = self.selected_meeting() is not None
        self.delete_button.setEnabled(not busy and has_selection)
        self.delete_action.setEnabled(not busy and has_selection)
        self.ask_button.setEnabled(not busy and bool(self.meetings))
        self.stop_button.setEnabled(asking)
        self.copy_button.setEnabled(self.last_answer is not None and not asking and current_policy().export)
        self.brief_meeting_button.setEnabled(not busy and has_selection)
        self.brief_item_button.setEnabled(not busy and self.selected_item() is not None)
        self.scope_combo.setEnabled(not asking)

    def selected_meeting(self) -> MeetingRow | None:
        nodes = self.library_tree.selectedItems()
        node = nodes[0] if nodes else None
        while node is not None and _node_kind(node) not in ("meeting", None):
            node = node.parent()
        if node is None or _node_kind(node) != "meeting":
            return None
        meeting_id = node.data(0, Qt.ItemDataRole.UserRole)[1]
        return next((m for m in self.meetings if m.id == meeting_id), None)

    def selected_item(self) -> tuple[int, int] | None:
        """(meeting id, item number) of the selected agenda item node, or None."""
        nodes = self.library_tree.selectedItems()
        data = nodes[0].data(0, Qt.ItemDataRole.UserRole) if nodes else None
        if not data or data[0] != "item":
            return None
        number = int(nodes[0].text(0).split(".", 1)[0])
        return data[1], number

    def meeting_nodes(self) -> list[QTreeWidgetItem]:
        """The library's meeting nodes, in the order shown."""
        return [self.library_tree.topLevelItem(i).child(j) for i in range(self.library_tree.topLevelItemCount())
                for j in range(self.library_tree.topLevelItem(i).childCount())]  # fmt: skip

    def scope_meeting_id(self) -> int | None:
        value = self.scope_combo.currentData()
        return int(value) if value is not None else None

    def _selection_changed(self) -> None:
        self._fill_scope()
        self._update_enabled()
        meeting, item = self.selected_meeting(), self.selected_item()
        self.notes_pane.set_meeting(meeting and meeting.id, meeting.title if meeting else "", item and item[1])

    def _fill_scope(self) -> None:
        """'Alle møder' and, when a meeting is selected, that meeting; keep the choice if possible."""
        keep_selected = self.scope_combo.currentIndex() == 1
        selected = self.selected_meeting()
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        self.scope_combo.addItem(self.tr("Alle møder"), None)
        if selected is not None:
            self.scope_combo.addItem(self.tr("Kun det valgte møde: {title}").format(title=selected.title), selected.id)
            self.scope_combo.setCurrentIndex(1 if keep_selected else 0)
        self.scope_combo.blockSignals(False)

    def show_error(self, message: str) -> None:
        self.last_error = message
        self.error_label.setText(message)
        self.error_banner.show()
        self.statusBar().showMessage(message, 10_000)

    def clear_error(self) -> None:
        self.last_error = ""
        self.error_banner.hide()

    def _run(self, job: Job[Any], kind: str = "") -> None:
        if kind:
            self._task, self._task_kind = job, kind
        self.jobs.submit(job)
        self._update_enabled()

    def _task_over(self) -> None:
        self._task, self._task_kind = None, ""
        self._update_enabled()

    def cancel_task(self) -> None:
        if self._task is None:
            return
        self._task.cancel()
        if self._task_kind == "import":
            self.progress_label.setText(self.tr("Annullerer …"))
            self.cancel_button.setEnabled(False)
        else:
            self.answer_status.setText(self.tr("Stopper …"))
            self.stop_button.setEnabled(False)

    # --- meetings ----------------------------------------------------------------------

    def refresh_meetings(self) -> None:
        self._run(Job(lambda _ctx: self.library.outline(), on_done=self._show_outline,
                      on_error=self._outline_failed))

    def _outline_failed(self, message: str) -> None:
        if self.pages.currentWidget() is self.opening_page:
            self.pages.setCurrentWidget(self.welcome_page)  # its buttons still work; the error says why
        self.show_error(message)

    def _show_outline(self, outlines: list[MeetingOutline]) -> None:
        previous = self.selected_meeting()
        wanted = self._select_after_refresh if self._select_after_refresh is not None else (
            previous.id if previous else None)  # fmt: skip
        self._select_after_refresh = None
        self.meetings = [outline.meeting for outline in outlines]
        self.outlines = outlines
        self.library_tree.blockSignals(True)
        self.library_tree.clear()
        collections: dict[str, QTreeWidgetItem] = {}
        for outline in outlines:
            name = outline.meeting.collection
            if name not in collections:
                collections[name] = QTreeWidgetItem(self.library_tree, [name])
                collections[name].setData(0, Qt.ItemDataRole.UserRole, ("collection", name))
                collections[name].setExpanded(True)
            node = _meeting_node(collections[name], visible_outline(outline) if self.presenting else outline)
            if outline.meeting.id == wanted:
                self.library_tree.setCurrentItem(node)
                node.setExpanded(True)
        self.library_tree.blockSignals(False)
        self.meetings_loaded = True
        self.search_panel.refresh_filters()
        if self.search_panel.query_edit.text().strip():
            self.search_panel.run_search()  # a deleted meeting's hits must go
        self.empty_hint.setVisible(not outlines)
        self.pages.setCurrentWidget(self.reading_page if outlines else self.welcome_page)
        self.assistant_panel.setVisible(bool(outlines))
        self._fill_scope()
        self._fill_suggestions()
        self._update_enabled()
        if not outlines:
            self.reader.clear()

    def _meeting_menu(self, position: Any) -> None:
        node = self.library_tree.itemAt(position)
        if node is None or _node_kind(node) == "collection":
            return
        self.library_tree.setCurrentItem(node)
        menu = QMenu(self)
        menu.addAction(self.delete_action)
        held_pages_action(self, menu)
        menu.exec(self.library_tree.viewport().mapToGlobal(position))

    # --- reading -----------------------------------------------------------------------

    def open_node(self, node: QTreeWidgetItem) -> None:
        """Open what a library node stands for in the reader: a meeting's first page, an item's first page,
        or a bilag file."""
        data = node.data(0, Qt.ItemDataRole.UserRole)
        if not data or data[0] == "collection":
            return
        if data[0] == "meeting":
            _kind, meeting_id, file_name = data
            self.open_in_reader(meeting_id, file_name, 1)
        elif data[0] == "item":
            _kind, meeting_id, file_name, page, _closed = data
            self.open_in_reader(meeting_id, file_name, page)
        elif data[0] == "document":
            _kind, meeting_id, file_name = data
            self.open_in_reader(meeting_id, file_name, 1)
        elif data[0] == "recording":
            self.open_recording(data[2])

    def open_in_reader(self, meeting_id: int, file_name: str, page: int, passage: str = "") -> None:
        meeting = next((m for m in self.meetings if m.id == meeting_id), None)
        title = meeting.title if meeting else ""

        def shown(found: Any) -> None:
            self.tabs.setCurrentWidget(self.reader)  # first: a hidden view lays out pages at the wrong size
            self.reader.open(OpenDocument(meeting_id, file_name, title, found.content, found.pages,
                                          found.closed_pages, found.formatted_pages, found.ocr_words), page, passage)  # fmt: skip
            self._show_opened(meeting_id)

        self._run(Job(lambda _ctx: self.library.open_document(meeting_id, file_name), on_done=shown,
                      on_error=self.show_error))  # fmt: skip

    def open_hit(self, hit: Hit, passage: str) -> None:
        """A search hit or a citation: a document page in the reader, or a moment of a recording."""

        def found(moment: Any) -> None:
            if moment is None:
                self.open_in_reader(hit.meeting_id, hit.document, hit.page, passage)
            else:
                self.open_recording(moment.recording_id, moment.seconds)

        self._run(Job(lambda _ctx: self.library.recording_time(hit.chunk_id), on_done=found, on_error=self.show_error))

    # --- recordings --------------------------------------------------------------------

    def open_recording(self, recording_id: int, seconds: float | None = None) -> None:
        def shown(transcript: Any) -> None:
            self.tabs.setCurrentWidget(self.recording_view)
            self.recording_view.show_transcript(transcript)
            if seconds is not None:
                self.recording_view.show_at(seconds)

        hide_closed = self.presenting
        self._run(Job(lambda _ctx: self.library.transcript(recording_id, hide_closed), on_done=shown,
                      on_error=self.show_error))  # fmt: skip

    def _move_chapter(self, recording_id: int, item_number: int, seconds: float) -> None:
        self._run(Job(lambda _ctx: self.library.set_chapter_start(recording_id, item_number, seconds),
                      on_done=self.recording_view.set_chapters, on_error=self.show_error))  # fmt: skip

    def choose_recording(self) -> None:
        """Attach a recording (audio, video or subtitles) to the selected meeting and transcribe it."""
        meeting = self.selected_meeting()
        if self.busy or meeting is None:
            if meeting is None:
                self.show_error(self.tr("Vælg først det møde, optagelsen hører til."))
            return
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Importér optagelse"), str(self._last_dir),
            self.tr("Optagelser og undertekster (*.mp4 *.mkv *.mp3 *.m4a *.wav *.srt *.vtt)"))  # fmt: skip
        if name:
            self._last_dir = Path(name).parent
            self.import_recording(meeting.id, Path(name))

    def import_recording(self, meeting_id: int, path: Path) -> bool:
        if self.busy:
            return False
        self.clear_error()
        self.progress_label.setText(self.tr("Importerer {name}").format(name=display_name(path.name)))
        self.progress_bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.progress_box.show()

        def done(result: Any) -> None:
            self._import_finished()
            self.statusBar().showMessage(self.tr("Optagelsen er importeret og kan søges i."), 10_000)
            self.refresh_meetings()
            self.open_recording(result.recording_id)

        job: Job[Any] = Job(
            lambda ctx: self.library.import_recording(meeting_id, path, progress=ctx.progress,
                                                      should_cancel=ctx.should_cancel),
            on_done=done, on_error=self._import_failed, on_progress=self._import_progress,
            on_cancelled=self._import_cancelled)  # fmt: skip
        self._run(job, "import")
        return True

    def _show_opened(self, meeting_id: int) -> None:
        """The meeting is no longer new: drop its "Ny" mark."""
        for node in self.meeting_nodes():
            if node.data(0, Qt.ItemDataRole.UserRole)[1] == meeting_id and node.font(0).bold():
                node.setText(0, node.text(0).replace(_tr(NEW_MARK), ""))
                node.setFont(0, self.library_tree.font())
                node.setToolTip(0, node.toolTip(0).replace(f"\n{_tr(NEW_TOOLTIP)}", ""))

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
        self.open_hit(hit, quoted[0] if quoted else hit.text)

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
        self.clipboard_guard.put(with_confidential_header(copied, quotes_closed(answer)))  # taken back on lock
        record = self.tr("Svar kopieret ({sources})").format(
            sources=count(len(answer.citations), self.tr("kilde"), self.tr("kilder")))
        self._run(Job(lambda _ctx: self.library.record_export(record), on_done=lambda _r: None,
                      on_error=self.show_error))  # fmt: skip
        self.statusBar().showMessage(self.tr("Svaret og kilderne er kopieret."), 5_000)
        return True

    def confirm_copy_closed(self) -> bool:
        choice = QMessageBox.question(
            self, self.tr("Fortroligt materiale"),
            self.tr("Svaret bygger på et lukket punkt (fortroligt). Vil du kopiere det alligevel?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)  # fmt: skip
        return choice == QMessageBox.StandardButton.Yes

    def _fill_suggestions(self) -> None:
        """A few questions to start from: the demo pack's own, else questions any agenda answers."""
        from app.core.handbook import COLLECTION as HANDBOOK_COLLECTION
        from app.core.handbook import STARTER_QUESTIONS

        demo, questions = demo_pack()
        if any(demo.name in m.documents for m in self.meetings):
            if self.presenting:  # no question about a closed item
                questions = visible_questions(questions, closed_items(self.outlines, demo.name))
            self.suggestions = [str(q["question"]) for q in questions[:3]]
        else:
            self.suggestions = [_tr(q) for q in GENERAL_QUESTIONS]
        if any(m.collection == HANDBOOK_COLLECTION for m in self.meetings):
            # The handbook assistant: what newly elected members ask first.
            self.suggestions += list(STARTER_QUESTIONS[:3])
        links = " · ".join(f'<a href="q:{i}">{html.escape(q)}</a>' for i, q in enumerate(self.suggestions))
        label = html.escape(self.tr("Forslag:"))
        self.suggestions_label.setText(f'<span style="color:{muted()}">{label}</span> {links}')

    def confirm_delete(self, meeting: MeetingRow) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Slet møde"))
        box.setText(self.tr("Vil du slette »{title}« fra Mødemappe?").format(title=meeting.title))
        box.setInformativeText(
            self.tr("Mødet og alt, der er læst ind fra det, fjernes. Dine originale filer røres ikke."))
        delete = box.addButton(self.tr("Slet"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Fortryd"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is delete

    def delete_selected(self, confirm: bool = True) -> None:
        meeting = self.selected_meeting()
        if meeting is None or self.busy:
            return
        if confirm and not self.confirm_delete(meeting):
            return

        def deleted(_result: None) -> None:
            self.statusBar().showMessage(self.tr("Slettet: {title}").format(title=meeting.title), 8_000)
            self.refresh_meetings()

        self._run(Job(lambda _ctx: self.library.delete(meeting.id), on_done=deleted, on_error=self.show_error))

    # --- import ------------------------------------------------------------------------

    def choose_files(self) -> None:
        if self.busy:
            return
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Importér mødepapirer"), str(self._last_dir), _tr(FILE_FILTER)
        )
        if names:
            self._last_dir = Path(names[0]).parent
            self.import_paths([Path(name) for name in names])

    def choose_folder(self) -> None:
        if self.busy:
            return
        name = QFileDialog.getExistingDirectory(self, self.tr("Importér en mappe med mødepapirer"),
                                                str(self._last_dir))
        if name:
            self._last_dir = Path(name).parent
            self.import_paths([Path(name)])

    def try_demo(self) -> None:
        pack, questions = demo_pack()
        self.import_paths([pack], suggest=str(questions[0]["question"]) if questions else None)

    def choose_handbook_files(self) -> None:
        """Seed the handbook assistant: the council's handbook, guidelines and laws (Håndbog)."""
        if self.busy:
            return
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Importér til Håndbog"), str(self._last_dir), _tr(FILE_FILTER))
        if names:
            from app.core.handbook import COLLECTION as HANDBOOK_COLLECTION

            self._last_dir = Path(names[0]).parent
            self.import_paths([Path(name) for name in names], collection=HANDBOOK_COLLECTION)

    def import_paths(self, paths: list[Path], suggest: str | None = None, collection: str | None = None) -> bool:
        """Import files or one folder as one meeting pack in the background (dialog, drop and demo)."""
        if self.busy or not paths:
            if self.busy:
                self.statusBar().showMessage(self.tr("Vent, til det igangværende arbejde er færdigt."), 5_000)
            return False
        self.clear_error()
        names = ", ".join(display_name(p.name) for p in paths[:3]) + (" …" if len(paths) > 3 else "")
        self.progress_label.setText(self.tr("Importerer {names}").format(names=names))
        self.welcome_status.setText(self.tr("Importerer {names} …").format(names=names))
        self.progress_bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.progress_box.show()

        def work(ctx: JobContext) -> ImportResult:
            from app.core.library import DEFAULT_COLLECTION

            return self.library.import_paths(paths, collection=collection or DEFAULT_COLLECTION,
                                             progress=ctx.progress, should_cancel=ctx.should_cancel)  # fmt: skip

        job: Job[ImportResult] = Job(
            work,
            on_done=lambda result: self._imported(result, suggest),
            on_error=self._import_failed,
            on_progress=self._import_progress,
            on_cancelled=self._import_cancelled,
        )
        self._run(job, "import")
        return True

    def _import_progress(self, fraction: float, message: str) -> None:
        if self._task is not None and self._task.cancel_requested:
            return
        self.progress_bar.setValue(int(max(0.0, min(1.0, fraction)) * PROGRESS_STEPS))
        self.progress_label.setText(message)
        self.welcome_status.setText(self.tr("{message} {percent} % – det kan tage et minut første gang.").format(
            message=message, percent=int(fraction * 100)))

    def _import_finished(self) -> None:
        self.progress_box.hide()
        self.welcome_status.setText(_tr(WELCOME_HINT))
        self._task_over()

    def _imported(self, result: ImportResult, suggest: str | None) -> None:
        self._import_finished()
        if result.already_imported:
            message = f"{core_text('already_imported')}: {result.title}"
        else:
            message = self.tr("Importeret: {title} – {pages}").format(
                title=result.title, pages=count(result.pages, self.tr("side"), self.tr("sider")))
            notes = result.notes()
            if notes:
                message += " – " + " ".join(notes)
        self.statusBar().showMessage(display_name(message), 15_000)
        if result.skipped:
            skipped = "\n".join(f"{display_name(n)}: {display_name(e)}" for n, e in result.skipped)
            self.show_error(self.tr("Nogle filer blev sprunget over:") + "\n" + skipped)
        self._select_after_refresh = result.meeting_id
        self.refresh_meetings()
        self.vector_status.start()
        if suggest:
            self.question_edit.setText(suggest)
            self.answer_status.setText(self.tr("Forslag til et spørgsmål – tryk Enter eller »Spørg«."))
        self.question_edit.setFocus()

    def _import_failed(self, message: str) -> None:
        self._import_finished()
        self.show_error(self.tr("Importen mislykkedes. {message}").format(message=message))

    def _import_cancelled(self) -> None:
        self._import_finished()
        self.statusBar().showMessage(self.tr("Importen blev annulleret – intet blev importeret."), 8_000)

    # --- watched folder (opt-in) ---------------------------------------------------------

    def choose_watch_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Vælg en mappe, der skal overvåges"),
                                                str(self._last_dir))
        if name:
            self.set_watch_folder(Path(name))

    def set_watch_folder(self, folder: Path | None) -> None:
        self.settings.watch_folder = str(folder) if folder else None
        save_settings(self.data_dir, self.settings)
        self._start_watch(self.settings.watch_folder)

    def _start_watch(self, folder: str | None) -> None:
        from app.core.watch import FolderWatch

        self.watch = FolderWatch(Path(folder)) if folder else None
        self.stop_watch_action.setEnabled(self.watch is not None)
        if self.watch is None:
            self.watch_timer.stop()
            self.watch_label.setText("")
            return
        self.watch_label.setText(self.tr("Overvåger: {folder}").format(folder=self.watch.folder))
        self.watch_timer.start()

    def scan_watched_folder(self) -> None:
        """Import packs that appeared in the watched folder; skipped while other work runs."""
        if self.watch is None or self.busy:
            return
        watch = self.watch

        def done(outcomes: list[tuple[str, ImportResult | UserError]]) -> None:
            for name, outcome in outcomes:
                if isinstance(outcome, UserError):
                    self.show_error(self.tr("Overvåget mappe – {name}: {message}").format(name=name,
                                                                                          message=outcome.message()))
                else:
                    self.statusBar().showMessage(
                        self.tr("Importeret fra den overvågede mappe: {title}").format(title=outcome.title), 15_000)
            if outcomes:
                self.refresh_meetings()

        from app.core.watch import import_ready

        self._run(Job(lambda ctx: import_ready(self.library, watch, ctx.should_cancel), on_done=done,
                      on_error=self.show_error))  # fmt: skip

    # --- drag and drop -----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        mime = event.mimeData()
        if not self.busy and mime.hasUrls() and all(url.isLocalFile() for url in mime.urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths and self.import_paths(paths):
            event.acceptProposedAction()

    # --- asking ------------------------------------------------------------------------

    def ask(self, question: str | None = None) -> bool:
        """Ask in the background; tokens stream into the answer area, then the checked answer replaces them."""
        text = (question if question is not None else self.question_edit.text()).strip()
        if self.busy or not self.meetings:
            if self.busy:
                self.statusBar().showMessage(self.tr("Vent, til det igangværende arbejde er færdigt."), 5_000)
            return False
        if not text:
            self.show_error(core_text("empty_question"))
            return False
        self.clear_error()
        if question is not None:
            self.question_edit.setText(text)
        meeting_id = self.scope_meeting_id()
        self.last_answer = None
        warm = self.model_name is not None and self.model_name in self.library.worker.loaded
        self.assistant.start(
            self.tr("Søger i materialet …") if warm else
            self.tr("Søger i materialet og indlæser sprogmodellen (første gang efter start) …"))  # fmt: skip

        from app.core import answer as answering

        filters = presentation_filter(None, self.presenting)

        def work(ctx: JobContext) -> Answer:
            return answering.ask(self.library, text, meeting_id=meeting_id, on_token=ctx.partial,
                                 should_cancel=ctx.should_cancel, filters=filters, on_draft=ctx.partial)  # fmt: skip

        self._run(Job(work, on_done=self._answered, on_error=self._ask_failed, on_partial=self._partial_answer,
                      on_cancelled=self._ask_cancelled), "ask")  # fmt: skip
        return True

    def _partial_answer(self, part: Any) -> None:
        """The quotes (an Answer, at once) or a token of the model's provisional text."""
        if isinstance(part, str):
            self.assistant.show_token(part)
            return
        self.last_answer = part  # the quotes can be read, clicked and copied while the model writes
        self.assistant.show_draft(part, sources_html(part.citations), model_reads=self.model_name is not None)

    def _answered(self, result: Answer) -> None:
        self._task_over()
        self.last_answer = result
        # The user's own notes go below the material's sources, apart from them (issue 22).
        own = user_notes_html(self.library.store, self.question_edit.text(), self.scope_meeting_id(), self.presenting)
        self.assistant.show_answer(result, sources_html(result.citations) + (own or ""))
        self._update_enabled()

    def restart_model(self) -> None:
        """After a crash or a hang: a fresh model child, loaded in the background."""
        if self.busy:
            return
        self.library.worker.close()
        self.assistant.restart_button.hide()
        self._check_model()

    def brief(self, item: bool) -> bool:
        """A briefing of the selected meeting or item, built from the whole item, every line cited; an item's
        model summary follows in a second job, so the cited lines never wait for the model."""
        meeting = self.selected_meeting()
        chosen = self.selected_item() if item else None
        if self.busy or meeting is None or (item and chosen is None):
            return False
        self.clear_error()
        self.last_answer = None
        self.assistant.start(self.tr("Laver briefing …"))

        from app.core import briefing

        hide_closed = self.presenting  # nothing closed is even computed in presentation mode

        def work(_ctx: JobContext) -> Any:
            if chosen is not None:
                return briefing.brief_item(self.library, chosen[0], chosen[1], hide_closed=hide_closed)
            return briefing.brief_meeting(self.library, meeting.id, hide_closed=hide_closed)

        self._run(Job(work, on_done=lambda result: self._briefed(result, summarize=chosen is not None),
                      on_error=self._ask_failed), "brief")  # fmt: skip
        return True

    def _briefed(self, result: Any, summarize: bool = False) -> None:
        from app.ui.assistant_pane import briefing_view

        self._task_over()
        answer, page = briefing_view(result)
        self.last_answer = answer
        summarize = summarize and self.model_name is not None and not getattr(result, "summary", None)
        own = item_notes_html(self.library.store, result, self.presenting)  # the item's highlights and questions
        self.assistant.show_briefing(page, sources_html(answer.citations) + (own or ""), len(answer.citations),
                                     summarize)
        self._update_enabled()
        if summarize:
            self._summarize(result)

    def _summarize(self, result: Any) -> None:
        from app.core import briefing

        def done(summarized: Any) -> None:
            self._briefed(summarized)

        def failed(_message: str) -> None:  # the cited lines stand on their own
            self._task_over()
            self._briefed(result)

        self._run(Job(lambda ctx: briefing.summarize_item(self.library, result, should_cancel=ctx.should_cancel),
                      on_done=done, on_error=failed, on_cancelled=lambda: self._briefed(result)), "brief")  # fmt: skip

    def _ask_failed(self, message: str) -> None:
        self._task_over()
        self.assistant.show_failed()
        self.show_error(message)

    def _ask_cancelled(self) -> None:
        self._task_over()
        self.assistant.show_cancelled()

    # --- model status ------------------------------------------------------------------

    def _check_model(self) -> None:
        def found(name: str) -> None:
            self.model_name = name
            # The status bar speaks of the assistant; the model's file name is for the tooltip.
            self.model_label.setText(self.tr("Assistent: starter …"))
            self.model_label.setToolTip(self.tr("Sprogmodel: {name}").format(name=name))
            self._warm_up_model()

        def missing(message: str) -> None:
            self.model_name = None
            self.model_label.setText(self.tr("Assistent: svarer med citater (ingen sprogmodel)"))
            self.model_label.setToolTip(message)
            self.model_label.setAccessibleDescription(message)
            self.model_label.setStyleSheet(f"color:{tone('danger')}")

        self._run(Job(lambda _ctx: self.library.chat_model().name, on_done=found, on_error=missing))

    def _warm_up_model(self) -> None:
        """Load the chat model now, in the background, so the first answer does not wait for it."""

        def ready(seconds: float) -> None:
            self.model_label.setText(self.tr("Assistent: klar"))
            self.model_label.setToolTip(self.tr("Sprogmodel: {name}. Indlæst på {seconds} s og holdes klar, mens "
                                                "Mødemappe kører.").format(name=self.model_name, seconds=f"{seconds:.1f}"))

        def failed(message: str) -> None:
            self.model_label.setText(self.tr("Assistent: svarer med citater (sprogmodellen kan ikke indlæses)"))
            self.model_label.setToolTip(message)
            self.model_label.setStyleSheet(f"color:{tone('danger')}")

        self._run(Job(lambda _ctx: self.library.worker.load(self.library.chat_model()), on_done=ready, on_error=failed))

    # --- the rest ----------------------------------------------------------------------

    def _about(self) -> None:
        from app import __version__

        QMessageBox.about(
            self, self.tr("Om Mødemappe"),
            self.tr("<h3>Mødemappe {version}</h3><p>Dine mødepapirer, offline. Alt bliver på denne computer.</p>"
                    "<p>AI understøtter arbejdet – den erstatter aldrig den politiske vurdering.</p>").format(
                version=__version__),
        )  # fmt: skip

    # --- settings and focus -----------------------------------------------------------

    def focus_search(self) -> None:
        if self.meetings:
            self.tabs.setCurrentWidget(self.search_panel)
            self.search_panel.query_edit.setFocus()
            self.search_panel.query_edit.selectAll()

    def focus_pane(self, step: int) -> None:
        """Keyboard focus to the next (step 1) or previous (-1) of the window's visible panes."""
        panes = [(pane, target) for pane, target in ((self.library_panel, self.library_tree),
                                                     (self.pages, self._middle_focus()),
                                                     (self.assistant_panel, self.question_edit))
                 if pane.isVisible()]  # fmt: skip
        focused = self.focusWidget()  # this window's, even while another window is active
        current = next((i for i, (pane, _target) in enumerate(panes)
                        if focused is not None and (pane is focused or pane.isAncestorOf(focused))), -step)  # fmt: skip
        panes[(current + step) % len(panes)][1].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _middle_focus(self) -> QWidget:
        """Where focus lands in the middle pane: the welcome's import button, or the open tab's content."""
        if self.pages.currentWidget() is self.welcome_page:
            return self.welcome_import_button
        tab = self.tabs.currentWidget()
        if tab is self.search_panel:
            return self.search_panel.query_edit
        if tab is self.reader:
            shown = self.reader.stack.currentWidget()  # the page, or a notice that takes no focus
            return shown if shown.focusPolicy() != Qt.FocusPolicy.NoFocus else self.tabs
        return self.recording_view.tree

    def focus_find(self) -> None:
        if self.reader.document is not None:
            self.tabs.setCurrentWidget(self.reader)
            self.reader.find_edit.setFocus()
            self.reader.find_edit.selectAll()

    def open_settings(self) -> bool:
        """The settings dialog; appearance applies at once, language rebuilds the window's texts,
        model, threads and context apply when the model worker next starts."""
        from app.ui.settings_dialog import SettingsDialog

        try:
            chat_models = [e for e in self.library.manifest() if "chat" in e.roles]
        except UserError as error:
            self.show_error(error.message())
            chat_models = []
        dialog = SettingsDialog(self.settings, chat_models, self.data_dir, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.apply_settings(dialog.result_settings())
        return True

    def apply_settings(self, new: Settings) -> None:
        old, self.settings = self.settings, new
        save_settings(self.data_dir, new)
        if (old.theme, old.font_size) != (new.theme, new.font_size):
            apply_appearance(QApplication.instance(), new.theme, new.font_size)
        if old.language != new.language:
            self.successor = reopen_in_language(self, new.language)
        if (old.chat_model, old.model_threads, old.model_context) != (new.chat_model, new.model_threads,
                                                                       new.model_context):  # fmt: skip
            self.statusBar().showMessage(self.tr("Sprogmodellen skiftes, næste gang den startes."), 8_000)
        self._restart_idle_timer()

    # --- confidentiality: presentation mode, retention, audit log, delete everything ------

    @property
    def presenting(self) -> bool:
        return self.presentation_action.isChecked()

    def set_presentation_mode(self, on: bool) -> None:
        """Screen sharing: closed items vanish from every view (app.ui.presentation, app.core.presentation)."""
        if self.meetings_loaded:
            self._show_outline(self.outlines)  # the tree without closed items, counts and suggestions too
        self.reader.set_hide_closed(on)
        self.notes_pane.set_hide_closed(on)
        self.search_panel.set_hide_closed(on)
        self.recording_view.set_hide_closed(on, lambda recording_id, done: self._run(Job(
            lambda _ctx: self.library.transcript(recording_id, on), on_done=done, on_error=self.show_error)))
        self.presentation_banner.set_on(on)
        if on and quotes_closed(self.last_answer):
            self.answer_view.clear()
            self.sources_view.clear()
            self.last_answer = None
        self.statusBar().showMessage(self.tr("Præsentationstilstand: lukkede punkter er skjult.") if on
                                     else self.tr("Præsentationstilstand er slået fra."), 6_000)  # fmt: skip
        self._update_enabled()

    def apply_retention(self, today: date | None = None) -> None:
        """Remove closed-item material past its retention, and warn of what expires within a week."""
        today = today or date.today()

        def work(_ctx: JobContext) -> tuple[list[Any], list[Any]]:
            collections = sorted({m.collection for m in self.library.meetings()})
            rules = retention_rules(self.settings, current_policy().retention_closed_days, collections)
            removed = self.library.apply_retention(rules, today)
            return removed, self.library.closed_items_due(rules, today, within_days=RETENTION_WARNING_DAYS)

        def done(result: tuple[list[Any], list[Any]]) -> None:
            removed, soon = result
            one, many = self.tr("lukket punkt"), self.tr("lukkede punkter")
            if removed:
                self.statusBar().showMessage(
                    self.tr("Opbevaringsfristen er udløbet: materialet fra {items} er slettet.").format(
                        items=count(len(removed), one, many)), 15_000)  # fmt: skip
                self.refresh_meetings()
            if soon:
                due = "; ".join(self.tr("{meeting}, punkt {number} ({date})").format(
                    meeting=d.meeting_title, number=d.item_number, date=danish_date(d.expires.isoformat()))
                    for d in soon[:5])  # fmt: skip
                self.show_error(self.tr("{items} slettes inden for {days} dage efter opbevaringsreglen: {due}").format(
                    items=count(len(soon), one, many), days=RETENTION_WARNING_DAYS, due=due))

        self._run(Job(work, on_done=done, on_error=self.show_error))

    def show_audit_log(self) -> None:
        from app.ui.audit_dialog import AuditDialog

        self._run(Job(lambda _ctx: self.library.audit_log(), on_done=lambda rows: AuditDialog(rows, self).exec(),
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
        QApplication.instance().removeEventFilter(self)
        self.watch_timer.stop()
        self.jobs.shutdown()
        self.library.delete_everything()
        if confirm:
            QMessageBox.information(self, self.tr("Slet alt"), self.tr("Alt er slettet. Mødemappe lukker nu."))
        self.close()
        return True

    # --- app lock ----------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.body.currentWidget() is self.lock_page

    def _restart_idle_timer(self) -> None:
        minutes = idle_lock_minutes(self.settings, current_policy().idle_lock_max_minutes)
        if minutes:
            self.idle_timer.start(minutes * 60_000)
        else:
            self.idle_timer.stop()

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt override
        if event.type() in _ACTIVITY_EVENTS and not self.locked:
            self._restart_idle_timer()
        return False

    def lock(self) -> None:
        """Hide every piece of content at once; close the store as soon as running work allows."""
        if self.locked or self._closed:
            return
        self.idle_timer.stop()
        needs_passphrase = self.library.keys.passphrase_needed() is not None
        self.lock_hint.setText(
            self.tr("Skriv adgangskoden til datamappen for at låse op.") if needs_passphrase
            else self.tr("Tryk »Lås op« for at fortsætte som den bruger, der er logget ind."))  # fmt: skip
        self.unlock_edit.setVisible(needs_passphrase)
        self.unlock_edit.clear()
        self.unlock_error.clear()
        self.body.setCurrentWidget(self.lock_page)
        self.menuBar().setEnabled(False)
        self.statusBar().clearMessage()
        self.setWindowTitle(self.tr("{title} – låst").format(title=WINDOW_TITLE))
        self.watch_timer.stop()
        self.search_panel.query_edit.clear()
        self.search_panel.results.clear()
        self.clipboard_guard.take_back()  # a copied answer may hold closed material
        (self.unlock_edit if needs_passphrase else self.unlock_button).setFocus()
        self.vector_status.stop()
        if self.busy:
            self.cancel_task()  # an answer or import in progress stops; the store closes when it has
            self.jobs.busy_changed.connect(self._lock_when_idle)
        else:
            self.library.lock()

    def _lock_when_idle(self, busy: bool) -> None:
        if not busy and self.locked:
            self.jobs.busy_changed.disconnect(self._lock_when_idle)
            self.library.lock()

    def unlock(self) -> bool:
        if not self.locked or self.busy:
            return False
        try:
            self.library.unlock(self.unlock_edit.text() if self.unlock_edit.isVisible() else None)
        except UserError as error:
            self.unlock_error.setText(error.message())
            self.unlock_edit.selectAll()
            return False
        self.unlock_edit.clear()
        self.body.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        self.setWindowTitle(WINDOW_TITLE)
        self._start_watch(self.settings.watch_folder)
        self._restart_idle_timer()
        self.vector_status.start()
        return True

    def _remember_layout(self) -> None:
        """Where the window was and how wide its panes were, for the next start."""
        settings = load_settings(self.data_dir)  # as saved since this window read them
        settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        panes = self.splitter.sizes()
        if all(panes):  # a hidden pane (no meetings yet) has no width worth keeping
            settings.window_panes = panes
        save_settings(self.data_dir, settings)
        self.settings = settings

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._closed:  # (after "Slet alt" it is closed already: nothing is written back)
            self._closed = True
            self._remember_layout()
            QApplication.instance().removeEventFilter(self)
            self.jobs.shutdown()
            if self._owns_library and self._library is not None:
                self._library.close()
        super().closeEvent(event)


def reopen_in_language(window: MainWindow, lang: str) -> MainWindow:
    """Switch the UI language: a new window is built in it with the same library, and the old one closes.
    (Qt retranslation would need every text set twice; a rebuild is one obvious place.)"""
    os.environ["MOEDEMAPPE_LANG"] = lang  # core messages follow the UI language
    install_translations(QApplication.instance(), lang)
    window.jobs.shutdown()
    successor = MainWindow(window.data_dir, library=window.library)
    successor.setGeometry(window.geometry())
    window._owns_library = False
    window.close()
    successor.show()
    return successor
