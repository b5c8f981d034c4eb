"""Run core work in the background and come back on the UI thread.

The idea of anki's CollectionOp/QueryOp, cut down: the UI never calls the
core directly for anything that can take time. It wraps the call in a Job::

    job = Job(
        lambda ctx: library.import_paths(paths, progress=ctx.progress, should_cancel=ctx.should_cancel),
        on_done=self._imported, on_error=self._show_error, on_progress=self._show_progress,
    )
    runner.submit(job)   # later: job.cancel()

`fn` runs on the runner's one worker thread, so core calls never overlap (the
Library is safe when its calls are serialized). The one exception is an import
(`submit_import`): it runs on a lane of its own, so the politician can read,
search, ask and brief over what is already imported while a pack is read in
(the import parses first and writes in one transaction at the end; readers see
the last commit). Only one import runs at a time. Every `on_*` callback runs on
the UI thread: the worker only emits Qt signals, which Qt queues to the thread
the Job was created on. Errors are sorted once, here: a UserError becomes its
Danish message, Cancelled is quiet, anything else is an internal error.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from app.core.messages import Cancelled, UserError, tr
from app.ui.qt import QObject, QThreadPool, Signal, Slot

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobContext:
    """What `fn` gets: report progress, stream partial results, notice a cancel request."""

    progress: Callable[[float, str], None]
    should_cancel: Callable[[], bool]
    partial: Callable[[Any], None]


class Job(QObject, Generic[T]):
    """One piece of background work with UI-thread callbacks. Create it on the UI thread."""

    _done = Signal(object)
    _failed = Signal(str)
    _cancelled = Signal()
    _progressed = Signal(float, str)
    _partial = Signal(object)

    def __init__(
        self,
        fn: Callable[[JobContext], T],
        on_done: Callable[[T], None],
        on_error: Callable[[str], None],
        on_progress: Callable[[float, str], None] | None = None,
        on_partial: Callable[[Any], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self._fn = fn
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self._on_partial = on_partial
        self._on_cancelled = on_cancelled
        self._cancel = threading.Event()
        self._silenced = False
        self._finished_hook: Callable[[Job[Any]], None] = lambda _job: None
        # The receiver (self) lives on the UI thread, so these are queued connections
        # whenever the worker thread emits.
        self._done.connect(self._deliver_done)
        self._failed.connect(self._deliver_error)
        self._cancelled.connect(self._deliver_cancelled)
        self._progressed.connect(self._deliver_progress)
        self._partial.connect(self._deliver_partial)

    # --- any thread -------------------------------------------------------------------

    def cancel(self) -> None:
        """Ask `fn` to stop; it notices at its next should_cancel() check."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    # --- worker thread ----------------------------------------------------------------

    def run(self) -> None:
        context = JobContext(self._progressed.emit, self._cancel.is_set, self._partial.emit)
        try:
            result = self._fn(context)
        except Cancelled:
            self._cancelled.emit()
        except UserError as error:
            self._failed.emit(error.message())
        except Exception as error:  # noqa: BLE001 - last resort: a Danish message, the trace to the log
            log.exception("background job failed")
            self._failed.emit(tr("internal_error", detail=f"{type(error).__name__}: {error}"))
        else:
            self._done.emit(result)

    # --- UI thread --------------------------------------------------------------------

    def _silence(self) -> None:
        """The window is closing: drop the callbacks that have not run yet."""
        self._silenced = True

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        self._finish(lambda: self._on_done(result))

    @Slot(str)
    def _deliver_error(self, message: str) -> None:
        self._finish(lambda: self._on_error(message))

    @Slot()
    def _deliver_cancelled(self) -> None:
        on_cancelled = self._on_cancelled
        self._finish(on_cancelled if on_cancelled is not None else lambda: None)

    @Slot(float, str)
    def _deliver_progress(self, fraction: float, message: str) -> None:
        if self._on_progress is not None and not self._silenced:
            self._on_progress(fraction, message)

    @Slot(object)
    def _deliver_partial(self, value: Any) -> None:
        if self._on_partial is not None and not self._silenced:
            self._on_partial(value)

    def _finish(self, callback: Callable[[], None]) -> None:
        self._finished_hook(self)  # first: the runner is idle again when the callback runs
        if not self._silenced:
            callback()


class JobRunner(QObject):
    """Runs Jobs one at a time, in order, on a single worker thread; an import on a lane of its own."""

    busy_changed = Signal(bool)  # anything (a job or an import) running or not
    changed = Signal()  # a job or an import started or ended: what can be clicked may change

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._import_pool = QThreadPool(self)
        self._import_pool.setMaxThreadCount(1)
        self._jobs: list[Job[Any]] = []  # also keeps each Job alive until its last callback
        self._imports: list[Job[Any]] = []
        self._background: list[Job[Any]] = []
        self._closed = False

    @property
    def busy(self) -> bool:
        """Any job or import is running or queued."""
        return bool(self._jobs or self._imports)

    @property
    def working(self) -> bool:
        """An ordinary job (reading, searching, answering) is running or queued; an import does not count."""
        return bool(self._jobs)

    @property
    def importing(self) -> bool:
        return bool(self._imports)

    def submit(self, job: Job[Any]) -> None:
        if self._closed:
            return
        was_busy = self.busy
        self._jobs.append(job)
        job._finished_hook = self._forget
        self._pool.start(job.run)
        self._started(was_busy)

    def submit_import(self, job: Job[Any]) -> bool:
        """An import, beside the ordinary jobs. False (and nothing started) while another import runs:
        two imports at once would race for the same meeting and the store's one writer."""
        if self._closed or self._imports:
            return False
        was_busy = self.busy
        self._imports.append(job)
        job._finished_hook = self._forget
        self._import_pool.start(job.run)
        self._started(was_busy)
        return True

    def submit_background(self, job: Job[Any]) -> None:
        """Low priority (embedding the vector backlog): starts only when no ordinary job is queued,
        and does not make the runner busy. Submit one at a time, so a user waits for one at most."""
        if self._closed:
            return
        self._background.append(job)
        job._finished_hook = self._forget
        self._pool.start(job.run, -1)

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel everything, drop queued jobs and wait for the running ones. True if they stopped."""
        self._closed = True
        for job in self._jobs + self._imports + self._background:
            job._silence()
            job.cancel()
        self._pool.clear()
        stopped = bool(self._import_pool.waitForDone(timeout_ms))
        return bool(self._pool.waitForDone(timeout_ms)) and stopped

    def _started(self, was_busy: bool) -> None:
        if not was_busy:
            self.busy_changed.emit(True)
        self.changed.emit()

    def _forget(self, job: Job[Any]) -> None:
        if job in self._background:
            self._background.remove(job)
            return
        for lane in (self._jobs, self._imports):
            if job in lane:
                lane.remove(job)
        if self._closed:
            return
        if not self.busy:
            self.busy_changed.emit(False)
        self.changed.emit()
