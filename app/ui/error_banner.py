"""The error banner across the top of the window: the last problem in plain Danish, until closed.

Every pane reports its errors through the window's `show_error`, which shows them here (and briefly
in the status bar); "Luk" hides the banner again (`closed`).
"""

from __future__ import annotations

from app.ui.qt import QFrame, QHBoxLayout, QLabel, Qt, QWidget, Signal
from app.ui.widgets import make_button


class ErrorBanner(QFrame):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.setStyleSheet("#errorBanner { background:#fdecea; border:1px solid #e0a39b; border-radius:4px; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setStyleSheet("color:#8a1c12")  # on the banner's own light background
        self.label.setAccessibleName(self.tr("Fejlbesked"))
        row.addWidget(self.label, 1)
        close = make_button(self.tr("Luk"), self.tr("Luk fejlbesked"), self.closed)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, message: str) -> None:
        self.label.setText(message)
        self.show()
