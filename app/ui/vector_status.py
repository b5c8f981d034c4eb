"""Background embedding in the window: the vector backlog (app.core.search.vectors), one small batch per
low-priority job on the window's one job queue, and a status-bar widget that shows how far it has
come, with a button to stop it (until the next import or start).

A batch is a few seconds at most, and ordinary jobs (a question, an import) always start before the
next batch: the user never waits for more than one. Background jobs do not make the queue "busy",
so buttons stay enabled while it runs.
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
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(START_DELAY_MS)
        self._delay.timeout.connect(self._next)
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
        self._delay.stop()
        if self._job is not None:
            self._job.cancel()
        self.widget.hide()

    def _next(self) -> None:
        if self._stopped or self._job is not None:
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
