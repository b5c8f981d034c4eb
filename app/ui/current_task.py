"""The long tasks that Stop and Annullér cancel: a question or a briefing, and an import beside it.

Every job runs on the job queue (app.ui.jobs). A job submitted with a kind ("ask", "brief") is also
remembered here until it is over, so Stop reaches it and the panes can tell what runs (while a
question runs, its scope cannot change). An import runs on the queue's import lane (`run_import`),
beside reading and asking; Annullér reaches it (`cancel_import`), and only one runs at a time. `changed` fires whenever that may
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
        self.import_job: Job[Any] | None = None
        jobs.changed.connect(self.changed)

    def run(self, job: Job[Any], kind: str = "") -> None:
        """Queue the job; with a kind it becomes the task that Annullér/Stop cancels."""
        if kind:
            self.job, self.kind = job, kind
        self.jobs.submit(job)
        self.changed.emit()

    def run_import(self, job: Job[Any]) -> bool:
        """Start an import beside the other work; False (nothing started) while another import runs."""
        if not self.jobs.submit_import(job):
            return False
        self.import_job = job
        self.changed.emit()
        return True

    def import_over(self) -> None:
        self.import_job = None
        self.changed.emit()

    @property
    def importing(self) -> bool:
        return self.jobs.importing

    @property
    def import_cancel_requested(self) -> bool:
        return self.import_job is not None and self.import_job.cancel_requested

    def cancel_import(self) -> bool:
        """Ask the running import to stop; False when none runs."""
        if self.import_job is None:
            return False
        self.import_job.cancel()
        return True

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
