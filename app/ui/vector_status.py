"""Background embedding in the window: the vector backlog (app.core.search.vectors), one small batch per
low-priority job on the window's one job queue, and a status-bar widget that shows how far it has
come, with a button to stop it (until the next import or start).

A batch is a few seconds at most, and ordinary jobs (a question) always start before the next
batch: the user never waits for more than one. An import runs on a lane of its own, so the backlog
waits while one runs and goes on when it is over: embedding beside an import (the model worker's
threads and the parser child on a 2-core laptop) starved the window's UI thread of CPU and made the
import ~2.5x slower. Background jobs do not make the queue "busy", so buttons stay enabled while
it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.ui.jobs import Job, JobContext, JobRunner
from app.ui.qt import QHBoxLayout, QLabel, QObject, QTimer, QToolButton, QWidget

if TYPE_CHECKING:
    from app.core.library import Library
    from app.core.search.vectors import VectorStatus


# The first batch waits this long after start(): the window first shows what was just imported
# (opening chromadb and embedding hold the GIL for moments that would make it stutter).
START_DELAY_MS = 3_000


class VectorStatusController(QObject):
    def __init__(self, library: Callable[[], Library], jobs: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._jobs = jobs
        self._backfill: Any = None
        self._job: Job[Any] | None = None
        self._stopped = True
        self._refresh = True
        self._after_import = False  # a batch is due once the running import is over
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(START_DELAY_MS)
        self._delay.timeout.connect(self._next)
        jobs.changed.connect(self._import_may_be_over)
        self.widget = QWidget()
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("")
        self.label.setAccessibleName(self.tr("Indeksering til betydningssøgning"))
        self.stop_button = QToolButton()
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop indekseringen til betydningssøgning (den fortsætter ved næste import eller start)"))
        self.stop_button.setAccessibleName(self.tr("Stop indekseringen"))
        self.stop_button.clicked.connect(self.stop)
        layout.addWidget(self.label)
        layout.addWidget(self.stop_button)
        self.widget.hide()

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self) -> None:
        """Look for text without vectors (after start-up, an import, an unlock) and embed it."""
        self._stopped = False
        self._refresh = True
        self._delay.start()

    def stop(self) -> None:
        """Stop after the batch in progress; start() resumes where it stopped."""
        self._stopped = True
        self._after_import = False
        self._delay.stop()
        if self._job is not None:
            self._job.cancel()
        self.widget.hide()

    @property
    def waiting_for_import(self) -> bool:
        return self._after_import

    def _next(self) -> None:
        if self._stopped or self._job is not None:
            return
        if self._jobs.importing:
            self._after_import = True  # _import_may_be_over goes on
            return
        refresh, self._refresh = self._refresh, False

        def work(ctx: JobContext) -> VectorStatus:
            from app.core.messages import Cancelled
            from app.core.search.vectors import VectorBackfill

            library = self._library()
            if self._backfill is None or self._backfill.library is not library:
                self._backfill = VectorBackfill(library)
                status = self._backfill.refresh()
            else:
                status = self._backfill.refresh() if refresh else self._backfill.status()
            if ctx.should_cancel():
                raise Cancelled()
            return status if status.complete else self._backfill.embed_next()

        self._job = Job(work, on_done=self._done, on_error=self._failed, on_cancelled=self._cancelled)
        self._jobs.submit_background(self._job)

    def _import_may_be_over(self) -> None:
        """An import ended (done, failed or cancelled): the backlog goes on after the usual pause,
        the window first shows what was imported."""
        if self._after_import and not self._jobs.importing:
            self._after_import = False
            if not self._stopped:
                self._refresh = True  # the import added chunks without vectors
                self._delay.start()

    def _done(self, status: VectorStatus) -> None:
        self._job = None
        self._show(status)
        if not status.complete:
            self._next()

    def _failed(self, message: str) -> None:
        """Model missing, app locked: try again at the next start(); search still finds words."""
        self._job = None
        self._stopped = True
        self.widget.hide()
        self.label.setToolTip(message)

    def _cancelled(self) -> None:
        self._job = None
        if not self._stopped:  # the runner shut down; otherwise stop() has hidden the widget already
            self._stopped = True

    def _show(self, status: VectorStatus) -> None:
        if status.complete:
            self.widget.hide()
            return
        self.label.setText(self.tr("Indekserer til betydningssøgning: {percent} % ({done} af {total})").format(
            percent=int(100 * status.fraction), done=status.embedded, total=status.total))
        self.widget.show()
