"""The StallMeter of the UI benchmarks: the longest gap of its timer, and (Linux) what the UI thread
did meanwhile: ran its own work, waited for a CPU, or slept (the wait for a worker's GIL looks so)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from app.ui.qt import QTimer
from app.ui.stall import SCHEDSTAT, StallMeter


def _measure(qtbot: Any, block: Any) -> StallMeter:
    meter = StallMeter()
    meter.start()
    QTimer.singleShot(30, block)
    qtbot.wait(150)
    meter.stop()
    return meter


def _busy(ms: float) -> None:
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        pass


@pytest.mark.skipif(not __import__("os").path.exists(SCHEDSTAT), reason="the kernel does not tell (not Linux)")
def test_the_longest_stall_says_whether_the_ui_thread_ran_or_slept(qtbot: Any) -> None:
    busy = _measure(qtbot, lambda: _busy(60))
    assert busy.max_stall_ms >= 50 and busy.longest is not None
    assert busy.longest.ran_ms + busy.longest.waited_for_cpu_ms >= 50 and busy.longest.slept_ms < 25

    asleep = _measure(qtbot, lambda: time.sleep(0.06))  # as a wait for the GIL would look
    assert asleep.max_stall_ms >= 50 and asleep.longest is not None
    assert asleep.longest.slept_ms >= 45 and asleep.longest.ran_ms < 15
    assert "slept or waited for the GIL" in str(asleep.longest)
