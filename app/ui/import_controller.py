"""Bringing material in: meeting packs from the file dialogs, a drop or the demo, files for the Håndbog,
a recording for the selected meeting, and the opt-in watched folder that imports new packs by itself.

Every import runs as the window's one cancellable task (app.ui.current_task) on the job queue; its
progress shows in the library pane's progress box and on the welcome page. When an import is done
the controller says so with `meetings_changed` (list the meetings again), `pack_imported` (with the
demo's suggested question, or "") and `recording_imported`; the window wires these to its panes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.cli import demo_pack
from app.core.display import display_name
from app.core.messages import UserError
from app.core.messages import tr as core_text  # not "tr": lupdate would take its keys for UI texts
from app.core.settings import Settings, save_settings
from app.ui.current_task import CurrentTask
from app.ui.formatting import count
from app.ui.jobs import Job, JobContext
from app.ui.library_pane import LibraryPane
from app.ui.qt import QFileDialog, QLabel, QObject, QT_TRANSLATE_NOOP, QTimer, QWidget, Signal
from app.ui.welcome_page import WelcomePage

if TYPE_CHECKING:
    from app.core.library import ImportResult, Library
    from app.core.watch import FolderWatch

WATCH_INTERVAL_MS = 5_000
FILE_FILTER = QT_TRANSLATE_NOOP("ImportController", "Mødepapirer (*.pdf *.docx *.png *.jpg *.jpeg *.tif *.tiff);;PDF (*.pdf);;"
                                                    "Word (*.docx);;Scannede billeder (*.png *.jpg *.jpeg *.tif *.tiff)")


class ImportController(QObject):
    meetings_changed = Signal()
    pack_imported = Signal(str)  # a question to suggest, or ""
    recording_imported = Signal(int)  # recording id
    watching_changed = Signal(bool)  # a folder is watched, or none

    def __init__(self, window: QWidget, data_dir: Path, library: Callable[[], Library], task: CurrentTask,
                 settings: Callable[[], Settings],
                 library_pane: LibraryPane, welcome_page: WelcomePage, show_error: Callable[[str], None],
                 clear_error: Callable[[], None], show_status: Callable[[str, int], None]) -> None:  # fmt: skip
        super().__init__(window)
        self._window = window  # the file dialogs' parent
        self._data_dir = data_dir
        self._library = library
        self._task = task
        self._settings = settings
        self._library_pane = library_pane
        self._welcome = welcome_page
        self._show_error = show_error
        self._clear_error = clear_error
        self._show_status = show_status
        self._last_dir = Path.home()
        self.watch: FolderWatch | None = None
        self.watch_timer = QTimer(self)
        self.watch_timer.setInterval(WATCH_INTERVAL_MS)
        self.watch_timer.timeout.connect(self.scan_watched_folder)
        self.watch_label = QLabel("")
        self.watch_label.setAccessibleName(self.tr("Overvåget mappe"))

    @property
    def busy(self) -> bool:
        return self._task.jobs.busy

    # --- meeting packs ---------------------------------------------------------------------

    def choose_files(self) -> None:
        if self.busy:
            return
        names, _filter = QFileDialog.getOpenFileNames(
            self._window, self.tr("Importér mødepapirer"), str(self._last_dir), self.tr(FILE_FILTER)
        )
        if names:
            self._last_dir = Path(names[0]).parent
            self.import_paths([Path(name) for name in names])

    def choose_folder(self) -> None:
        if self.busy:
            return
        name = QFileDialog.getExistingDirectory(self._window, self.tr("Importér en mappe med mødepapirer"),
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
            self._window, self.tr("Importér til Håndbog"), str(self._last_dir), self.tr(FILE_FILTER))
        if names:
            from app.core.handbook import COLLECTION as HANDBOOK_COLLECTION

            self._last_dir = Path(names[0]).parent
            self.import_paths([Path(name) for name in names], collection=HANDBOOK_COLLECTION)

    def import_paths(self, paths: list[Path], suggest: str | None = None, collection: str | None = None) -> bool:
        """Import files or one folder as one meeting pack in the background (dialog, drop and demo)."""
        if self.busy or not paths:
            if self.busy:
                self._show_status(self.tr("Vent, til det igangværende arbejde er færdigt."), 5_000)
            return False
        self._clear_error()
        names = ", ".join(display_name(p.name) for p in paths[:3]) + (" …" if len(paths) > 3 else "")
        self._library_pane.start_progress(self.tr("Importerer {names}").format(names=names))
        self._welcome.show_status(self.tr("Importerer {names} …").format(names=names))

        def work(ctx: JobContext) -> ImportResult:
            from app.core.library import DEFAULT_COLLECTION

            return self._library().import_paths(paths, collection=collection or DEFAULT_COLLECTION,
                                                progress=ctx.progress, should_cancel=ctx.should_cancel)  # fmt: skip

        job: Job[ImportResult] = Job(
            work,
            on_done=lambda result: self._imported(result, suggest),
            on_error=self._import_failed,
            on_progress=self._import_progress,
            on_cancelled=self._import_cancelled,
        )
        self._task.run(job, "import")
        return True

    def _import_progress(self, fraction: float, message: str) -> None:
        if self._task.cancel_requested:
            return
        self._library_pane.show_progress(fraction, message)
        self._welcome.show_status(self.tr("{message} {percent} % – det kan tage et minut første gang.").format(
            message=message, percent=int(fraction * 100)))

    def _import_finished(self) -> None:
        self._library_pane.progress_box.hide()
        self._welcome.reset_status()
        self._task.over()

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
        self._show_status(display_name(message), 15_000)
        if result.skipped:
            skipped = "\n".join(f"{display_name(n)}: {display_name(e)}" for n, e in result.skipped)
            self._show_error(self.tr("Nogle filer blev sprunget over:") + "\n" + skipped)
        self._library_pane.select_when_listed(result.meeting_id)
        self.meetings_changed.emit()
        self.pack_imported.emit(suggest or "")

    def _import_failed(self, message: str) -> None:
        self._import_finished()
        self._show_error(self.tr("Importen mislykkedes. {message}").format(message=message))

    def _import_cancelled(self) -> None:
        self._import_finished()
        self._show_status(self.tr("Importen blev annulleret – intet blev importeret."), 8_000)

    # --- recordings ------------------------------------------------------------------------

    def choose_recording(self) -> None:
        """Attach a recording (audio, video or subtitles) to the selected meeting and transcribe it."""
        meeting = self._library_pane.selected_meeting()
        if self.busy or meeting is None:
            if meeting is None:
                self._show_error(self.tr("Vælg først det møde, optagelsen hører til."))
            return
        name, _filter = QFileDialog.getOpenFileName(
            self._window, self.tr("Importér optagelse"), str(self._last_dir),
            self.tr("Optagelser og undertekster (*.mp4 *.mkv *.mp3 *.m4a *.wav *.srt *.vtt)"))  # fmt: skip
        if name:
            self._last_dir = Path(name).parent
            self.import_recording(meeting.id, Path(name))

    def import_recording(self, meeting_id: int, path: Path) -> bool:
        if self.busy:
            return False
        self._clear_error()
        self._library_pane.start_progress(self.tr("Importerer {name}").format(name=display_name(path.name)))

        def done(result: Any) -> None:
            self._import_finished()
            self._show_status(self.tr("Optagelsen er importeret og kan søges i."), 10_000)
            self.meetings_changed.emit()
            self.recording_imported.emit(result.recording_id)

        job: Job[Any] = Job(
            lambda ctx: self._library().import_recording(meeting_id, path, progress=ctx.progress,
                                                         should_cancel=ctx.should_cancel),
            on_done=done, on_error=self._import_failed, on_progress=self._import_progress,
            on_cancelled=self._import_cancelled)  # fmt: skip
        self._task.run(job, "import")
        return True

    # --- the watched folder (opt-in) -------------------------------------------------------

    def choose_watch_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self._window, self.tr("Vælg en mappe, der skal overvåges"),
                                                str(self._last_dir))
        if name:
            self.set_watch_folder(Path(name))

    def set_watch_folder(self, folder: Path | None) -> None:
        settings = self._settings()
        settings.watch_folder = str(folder) if folder else None
        save_settings(self._data_dir, settings)
        self.start_watch(settings.watch_folder)

    def start_watch(self, folder: str | None) -> None:
        from app.core.watch import FolderWatch

        self.watch = FolderWatch(Path(folder)) if folder else None
        self.watching_changed.emit(self.watch is not None)
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
                    self._show_error(self.tr("Overvåget mappe – {name}: {message}").format(name=name,
                                                                                           message=outcome.message()))
                else:
                    self._show_status(
                        self.tr("Importeret fra den overvågede mappe: {title}").format(title=outcome.title), 15_000)
            if outcomes:
                self.meetings_changed.emit()

        from app.core.watch import import_ready

        self._task.run(Job(lambda ctx: import_ready(self._library(), watch, ctx.should_cancel), on_done=done,
                           on_error=self._show_error))  # fmt: skip
