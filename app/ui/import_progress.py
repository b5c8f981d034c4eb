"""The import's progress in the library pane: what it is doing, how long it has run, and Annullér.

The core's progress message says the stage, the pages done and the time left; it is shown whole
(wrapped, never cut). The bar follows the fraction, but a bar that has not moved for a while looks
stuck, so it turns into a moving "working" bar until the next step arrives, and the time the import
has run so far is counted up every second: the politician can see that it is alive.
"""

from __future__ import annotations

from app.ui.qt import (
    QElapsedTimer,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.widgets import make_button, muted_style

PROGRESS_STEPS = 1000
STALL_MS = 2_500  # no new fraction for this long: the bar moves on its own instead of standing still
TICK_MS = 1_000


def elapsed_text(seconds: int) -> tuple[int, int]:
    """(minutes, seconds) of a duration, for the 'i gang i' label."""
    return divmod(max(0, seconds), 60)


class ImportProgress(QFrame):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 6, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)  # the whole message: stage, pages and time left
        self.label.setAccessibleName(self.tr("Importstatus"))
        self.bar = QProgressBar()
        self.bar.setRange(0, PROGRESS_STEPS)
        self.bar.setTextVisible(False)  # the label says how far; a percentage alone would mislead
        self.bar.setAccessibleName(self.tr("Importforløb"))
        self.cancel_button = make_button(self.tr("Annullér"), self.tr("Annullér import"), self.cancel_requested.emit)
        self.elapsed = QLabel()
        self.elapsed.setStyleSheet(muted_style("font-size:small"))
        self.elapsed.setAccessibleName(self.tr("Tid brugt på importen"))
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        box.addWidget(self.label)
        box.addLayout(row)
        box.addWidget(self.elapsed)
        self._clock = QElapsedTimer()
        self._last_step = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self.hide()

    @property
    def moving_on_its_own(self) -> bool:
        """The bar is in 'working' mode: no step arrived for a while."""
        return self.bar.maximum() == 0

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, PROGRESS_STEPS)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self._clock.start()
        self._last_step.start()
        self._ticker.start()
        self._tick()
        self.show()

    def step(self, fraction: float, message: str) -> None:
        """A progress message from the core: shown whole; the bar jumps to its fraction."""
        if not self.cancel_button.isEnabled():  # cancelling: 'Annullerer …' stays until it has stopped
            return
        self.label.setText(message)
        self.bar.setRange(0, PROGRESS_STEPS)
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * PROGRESS_STEPS))
        self._last_step.start()

    def cancelling(self) -> None:
        self.label.setText(self.tr("Annullerer …"))
        self.cancel_button.setEnabled(False)

    def finish(self) -> None:
        self._ticker.stop()
        self.hide()

    def _tick(self) -> None:
        minutes, seconds = elapsed_text(int(self._clock.elapsed() / 1000))
        self.elapsed.setText(self.tr("I gang i {minutes}:{seconds:02d}").format(minutes=minutes, seconds=seconds))
        if self._last_step.elapsed() >= STALL_MS and not self.moving_on_its_own:
            self.bar.setRange(0, 0)  # Qt's busy bar: it moves, so it never looks stuck at a value
