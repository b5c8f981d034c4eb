"""Keyboard focus between the window's panes: F6 moves it (`focus_next_pane`), and a visible sign
shows which pane holds it (the focus ring alone is small).

A thin frame in the link colour is drawn around the pane that contains the focused widget: an overlay
that takes no mouse input and follows the pane's size.
"""

from __future__ import annotations

from app.ui.qt import QApplication, QColor, QEvent, QObject, QPainter, Qt, QWidget
from app.ui.widgets import tone

FRAME_WIDTH = 2


class _Frame(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        pen = painter.pen()
        pen.setColor(QColor(tone("link")))
        pen.setWidth(FRAME_WIDTH)
        painter.setPen(pen)
        painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
        painter.end()


class PaneFocusMarker(QObject):
    """Frames whichever of `panes` contains the focus widget; `pane()` tells which (for tests)."""

    def __init__(self, panes: list[QWidget], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panes = panes
        for pane in panes:  # room for the frame: it must never cover a pane's first letters
            pane.setContentsMargins(FRAME_WIDTH + 1, FRAME_WIDTH + 1, FRAME_WIDTH + 1, FRAME_WIDTH + 1)
        self.frame = _Frame()
        self._current: QWidget | None = None
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def pane(self) -> QWidget | None:
        return self._current

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        pane = next((p for p in self.panes if new is not None and (p is new or p.isAncestorOf(new))), None)
        if pane is None:
            return  # focus left the window (a dialog, another app): the last pane stays marked
        if pane is not self._current:
            if self._current is not None:
                self._current.removeEventFilter(self)
            self._current = pane
            pane.installEventFilter(self)
            self.frame.setParent(pane)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._current and event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded):
            self._fit()
        return False

    def _fit(self) -> None:
        if self._current is None:
            return
        self.frame.setGeometry(self._current.rect())
        self.frame.raise_()
        self.frame.show()


def focus_next_pane(panes: list[tuple[QWidget, QWidget]], focused: QWidget | None, step: int) -> None:
    """Focus to the next (step 1) or previous (-1) visible pane: to its widget that takes the focus.
    `panes` are (pane, its focus widget) in order; `focused` is the window's focus widget."""
    visible = [(pane, target) for pane, target in panes if pane.isVisible()]
    current = next((i for i, (pane, _target) in enumerate(visible)
                    if focused is not None and (pane is focused or pane.isAncestorOf(focused))), -step)  # fmt: skip
    visible[(current + step) % len(visible)][1].setFocus(Qt.FocusReason.ShortcutFocusReason)
