"""The app lock: the page that covers the window while Mødemappe is locked, and the idle timer.

`lock()` (Ctrl+L, or after the settings' idle minutes without a key or mouse event anywhere in the
app) hides every piece of content at once: the window listens to `locking` and shows this page in
place of its panes. The store closes as soon as running work allows. `unlock()` opens the store again
with the data folder's passphrase (or as the logged-in user) and says so with `unlocked`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.core.messages import UserError
from app.core.security.policy import current_policy
from app.core.settings import Settings, idle_lock_minutes
from app.ui.current_task import CurrentTask
from app.ui.qt import QApplication, QEvent, QHBoxLayout, QLabel, QLineEdit, QTimer, Qt, QVBoxLayout, QWidget, Signal
from app.ui.widgets import make_button

if TYPE_CHECKING:
    from app.core.library import Library

# Input that counts as "the user is here" for the idle lock.
_ACTIVITY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel)


class LockScreen(QWidget):
    locking = Signal()  # the window hides its content now
    unlocked = Signal()

    def __init__(self, library: Callable[[], Library], task: CurrentTask, settings: Callable[[], Settings],
                 cancel_task: Callable[[], None], parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._library = library
        self._task = task
        self._settings = settings
        self._cancel_task = cancel_task
        self.locked = False
        self._stopped = False
        self._build()
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        self.restart_idle_timer()

    def watch_activity(self) -> None:
        """Restart the idle timer on the user's input from now on. Called once the window is painted:
        the filter sees every event of the app, and before the first paint (hundreds of them, no
        input among them) it made the window slower to appear."""
        if not self._stopped:
            QApplication.instance().installEventFilter(self)

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.addStretch(2)
        title = QLabel(self.tr("<h2>Mødemappe er låst</h2>"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(title)
        self.lock_hint = QLabel()
        self.lock_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lock_hint.setWordWrap(True)
        column.addWidget(self.lock_hint)
        row = QHBoxLayout()
        row.addStretch(1)
        self.unlock_edit = QLineEdit()
        self.unlock_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_edit.setAccessibleName(self.tr("Adgangskode"))
        self.unlock_edit.setPlaceholderText(self.tr("Adgangskode"))
        self.unlock_edit.setMinimumWidth(260)
        self.unlock_edit.returnPressed.connect(self.unlock)
        self.unlock_button = make_button(self.tr("Lås op"), self.tr("Lås op"), self.unlock, min_height=30)
        row.addWidget(self.unlock_edit)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        column.addLayout(row)
        self.unlock_error = QLabel()
        self.unlock_error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unlock_error.setAccessibleName(self.tr("Fejl ved oplåsning"))
        column.addWidget(self.unlock_error)
        column.addStretch(3)

    def restart_idle_timer(self) -> None:
        minutes = idle_lock_minutes(self._settings(), current_policy().idle_lock_max_minutes)
        if minutes:
            self.idle_timer.start(minutes * 60_000)
        else:
            self.idle_timer.stop()

    def stop(self) -> None:
        """The window closes: no more locking, and no more watching the app's input."""
        self._stopped = True
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt override
        if event.type() in _ACTIVITY_EVENTS and not self.locked:
            self.restart_idle_timer()
        return False

    def lock(self) -> None:
        """Hide every piece of content at once; close the store as soon as running work allows."""
        if self.locked or self._stopped:
            return
        self.idle_timer.stop()
        library = self._library()
        needs_passphrase = library.keys.passphrase_needed() is not None
        self.lock_hint.setText(
            self.tr("Skriv adgangskoden til datamappen for at låse op.") if needs_passphrase
            else self.tr("Tryk »Lås op« for at fortsætte som den bruger, der er logget ind."))  # fmt: skip
        self.unlock_edit.setVisible(needs_passphrase)
        self.unlock_edit.clear()
        self.unlock_error.clear()
        self.locked = True
        self.locking.emit()
        (self.unlock_edit if needs_passphrase else self.unlock_button).setFocus()
        if self._task.jobs.busy:
            self._cancel_task()  # an answer or import in progress stops; the store closes when it has
            self._task.jobs.busy_changed.connect(self._lock_when_idle)
        else:
            library.lock()

    def _lock_when_idle(self, busy: bool) -> None:
        if not busy and self.locked:
            self._task.jobs.busy_changed.disconnect(self._lock_when_idle)
            self._library().lock()

    def unlock(self) -> bool:
        if not self.locked or self._task.jobs.busy:
            return False
        try:
            self._library().unlock(self.unlock_edit.text() if self.unlock_edit.isVisible() else None)
        except UserError as error:
            self.unlock_error.setText(error.message())
            self.unlock_edit.selectAll()
            return False
        self.unlock_edit.clear()
        self.locked = False
        self.unlocked.emit()
        self.restart_idle_timer()
        return True
