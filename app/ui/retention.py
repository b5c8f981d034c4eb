"""The retention rule at start-up: closed-item material past its retention is removed, and what
expires within a week is announced.

The rules come from the settings and IT's policy (app.core.settings.retention_rules); the removal
itself is the core's (Library.apply_retention). It runs once as a Job after the window's first
paint; when something was removed the window lists its meetings again (`meetings_changed`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from app.core.policy import current_policy
from app.core.settings import Settings, retention_rules
from app.ui.formatting import count, danish_date
from app.ui.jobs import Job, JobContext
from app.ui.qt import QObject, Signal

if TYPE_CHECKING:
    from app.core.library import Library

RETENTION_WARNING_DAYS = 7


class RetentionCheck(QObject):
    meetings_changed = Signal()

    def __init__(self, library: Callable[[], Library], run: Callable[[Job[Any]], None],
                 settings: Callable[[], Settings], show_error: Callable[[str], None],
                 show_status: Callable[[str, int], None], parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._library = library
        self._run = run
        self._settings = settings
        self._show_error = show_error
        self._show_status = show_status

    def apply(self, today: date | None = None) -> None:
        """Remove closed-item material past its retention, and warn of what expires within a week."""
        today = today or date.today()
        library, settings = self._library(), self._settings()

        def work(_ctx: JobContext) -> tuple[list[Any], list[Any]]:
            collections = sorted({m.collection for m in library.meetings()})
            rules = retention_rules(settings, current_policy().retention_closed_days, collections)
            removed = library.apply_retention(rules, today)
            return removed, library.closed_items_due(rules, today, within_days=RETENTION_WARNING_DAYS)

        def done(result: tuple[list[Any], list[Any]]) -> None:
            removed, soon = result
            one, many = self.tr("lukket punkt"), self.tr("lukkede punkter")
            if removed:
                self._show_status(
                    self.tr("Opbevaringsfristen er udløbet: materialet fra {items} er slettet.").format(
                        items=count(len(removed), one, many)), 15_000)  # fmt: skip
                self.meetings_changed.emit()
            if soon:
                due = "; ".join(self.tr("{meeting}, punkt {number} ({date})").format(
                    meeting=d.meeting_title, number=d.item_number, date=danish_date(d.expires.isoformat()))
                    for d in soon[:5])  # fmt: skip
                self._show_error(self.tr("{items} slettes inden for {days} dage efter opbevaringsreglen: {due}").format(
                    items=count(len(soon), one, many), days=RETENTION_WARNING_DAYS, due=due))

        self._run(Job(work, on_done=done, on_error=self._show_error))
