"""The one long task that Annullér and Stop cancel: an import, a question or a briefing.

Every job runs on the one job queue (app.ui.jobs). A job submitted with a kind ("import", "ask",
"brief") is also remembered here until it is over, so the cancel buttons reach it and the panes can
tell what runs (while a question runs, its scope cannot change). `changed` fires whenever that may
have changed what the window enables.
"""

from __future__ import annotations

from typing import Any

from app.ui.jobs import Job, JobRunner
from app.ui.qt import QObject, Signal


class CurrentTask(QObject):
    changed = Signal()

    def __init__(self, jobs: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.job: Job[Any] | None = None
        self.kind = ""

    def run(self, job: Job[Any], kind: str = "") -> None:
        """Queue the job; with a kind it becomes the task that Annullér/Stop cancels."""
        if kind:
            self.job, self.kind = job, kind
        self.jobs.submit(job)
        self.changed.emit()

    def over(self) -> None:
        self.job, self.kind = None, ""
        self.changed.emit()

    @property
    def cancel_requested(self) -> bool:
        return self.job is not None and self.job.cancel_requested

    def cancel(self) -> str:
        """Ask the running task to stop; its kind, or "" when none runs."""
        if self.job is None:
            return ""
        self.job.cancel()
        return self.kind
