"""Measure how long the UI event loop stalls: a 10 ms timer that notes how late each tick comes.

While the loop is free the gaps between ticks stay close to the interval; any
work that blocks the UI thread (a slow callback, a long GIL hold by a worker
thread) shows up as a longer gap. Used by the UI benchmarks.

Where the kernel tells (Linux: /proc/thread-self/schedstat), each gap is also split into what the
UI thread did meanwhile (`StallCause` of the longest): it ran (its own callbacks, Qt's painting),
it waited for a CPU (other processes, or the app's own children, had them), or neither: it slept,
which beyond the timer's interval means it waited for the GIL a worker thread held.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.ui.qt import QElapsedTimer, QObject, Qt, QTimer

SCHEDSTAT = "/proc/thread-self/schedstat"  # ns on a CPU, ns waiting for one, timeslices


@dataclass(frozen=True)
class StallCause:
    """One gap split up (ms): the UI thread ran, waited for a CPU, or slept (the timer's interval
    and any wait for the GIL)."""

    gap_ms: float
    ran_ms: float
    waited_for_cpu_ms: float

    @property
    def slept_ms(self) -> float:
        return max(0.0, self.gap_ms - self.ran_ms - self.waited_for_cpu_ms)

    def __str__(self) -> str:
        return (f"UI thread ran {self.ran_ms:.0f} ms, waited for a CPU {self.waited_for_cpu_ms:.0f} ms, "
                f"slept or waited for the GIL {self.slept_ms:.0f} ms")  # fmt: skip


def _sched_ms() -> tuple[float, float] | None:
    """(ms on a CPU, ms waiting for one) of the calling thread so far; None where unknown."""
    try:
        with open(SCHEDSTAT, encoding="ascii") as stat:
            ran, waited, _slices = stat.read().split()
    except (OSError, ValueError):
        return None
    return int(ran) / 1e6, int(waited) / 1e6


class StallMeter(QObject):
    def __init__(self, interval_ms: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.gaps: list[float] = []  # ms between consecutive ticks
        self.longest: StallCause | None = None  # the longest gap, split up (Linux)
        self._sched: tuple[float, float] | None = None
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # coarse timers may fire 5 % late by design
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps.clear()
        self.longest = None
        self._sched = _sched_ms()
        self._clock.start()
        self._timer.start()

    def stop(self) -> float:
        """Stop measuring; the longest stall in ms (the wait up to now counts as a last gap)."""
        if self._timer.isActive():
            self._tick()
            self._timer.stop()
        return self.max_stall_ms

    @property
    def max_stall_ms(self) -> float:
        return max([0.0, *(gap - self.interval_ms for gap in self.gaps)])

    def _tick(self) -> None:
        gap = self._clock.nsecsElapsed() / 1e6
        self._clock.restart()
        self.gaps.append(gap)
        sched, before = _sched_ms(), self._sched
        self._sched = sched
        if sched is not None and before is not None and (self.longest is None or gap > self.longest.gap_ms):
            self.longest = StallCause(gap, sched[0] - before[0], sched[1] - before[1])
