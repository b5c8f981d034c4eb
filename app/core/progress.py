"""Progress and cancellation of long core work (import, transcription, vectors).

Every long operation of the core takes ``progress(fraction, message)`` and ``should_cancel()``; the
window turns them into its progress bar and Cancel button (app/ui/jobs.py), the CLI into a line.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from app.core.messages import tr

Progress = Callable[[float, str], None]  # (fraction done 0..1, what is happening, in the user's words)
CancelCheck = Callable[[], bool]  # True once the user asked to stop


def no_progress(_fraction: float, _message: str) -> None:
    pass


def never() -> bool:
    return False


class WorkProgress:
    """Honest progress over work whose size becomes known as it is done.

    The work is counted in units of expected time (a page read, a page stored …). The fraction is
    done/planned, so every stage moves the bar in proportion to the time it takes. When the plan
    grows (a file turns out longer than its size suggested, scanned pages need OCR), the fraction
    keeps its value and the rest of the bar is shared out anew: it never goes back. The time left is
    estimated from the time taken so far once enough is done to say.
    """

    MIN_ELAPSED_S = 1.5  # before this, and before MIN_FRACTION, any estimate is noise
    MIN_FRACTION = 0.03

    def __init__(self, report: Progress, planned: float, clock: Callable[[], float] | None = None) -> None:
        self._report = report
        self._clock = clock or time.monotonic
        self._started = self._clock()
        self._planned = max(planned, 1e-9)
        self._done = 0.0
        self._base_fraction = 0.0  # the fraction when the plan last changed ...
        self._base_done = 0.0  # ... and the work done then
        self.fraction = 0.0

    def replan(self, planned: float) -> None:
        """The whole work is now expected to be `planned` units (done included)."""
        planned = max(planned, self._done + 1e-9)
        if abs(planned - self._planned) > 1e-9:
            self._base_fraction, self._base_done, self._planned = self.fraction, self._done, planned

    def grow(self, units: float) -> None:
        self.replan(self._planned + units)

    def advance(self, units: float, message: str) -> None:
        """`units` more done; report the fraction and the message with the time left, if known."""
        self._done = min(self._done + max(units, 0.0), self._planned)
        left = self._planned - self._base_done
        share = (self._done - self._base_done) / left if left > 0 else 1.0
        self.fraction = max(self.fraction, min(1.0, self._base_fraction + (1.0 - self._base_fraction) * share))
        self._report(self.fraction, self._with_time_left(message))

    def finish(self, message: str) -> None:
        self.fraction = 1.0
        self._report(1.0, message)

    def seconds_left(self) -> float | None:
        elapsed = self._clock() - self._started
        if elapsed < self.MIN_ELAPSED_S or self.fraction < self.MIN_FRACTION or self.fraction >= 1.0:
            return None
        return elapsed * (1.0 - self.fraction) / self.fraction

    def _with_time_left(self, message: str) -> str:
        seconds = self.seconds_left()
        if seconds is None:
            return message
        if seconds < 60:
            return tr("progress_time_left_s", message=message, seconds=max(5, 5 * round(seconds / 5)))
        return tr("progress_time_left_min", message=message, minutes=round(seconds / 60))
