"""Measure how long the UI event loop stalls: a 10 ms timer that notes how late each tick comes.

While the loop is free the gaps between ticks stay close to the interval; any
work that blocks the UI thread (a slow callback, a long GIL hold by a worker
thread) shows up as a longer gap. Used by the UI benchmarks.
"""

from __future__ import annotations

from app.ui.qt import QElapsedTimer, QObject, Qt, QTimer


class StallMeter(QObject):
    def __init__(self, interval_ms: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.gaps: list[float] = []  # ms between consecutive ticks
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # coarse timers may fire 5 % late by design
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps.clear()
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
        self.gaps.append(self._clock.nsecsElapsed() / 1e6)
        self._clock.restart()
