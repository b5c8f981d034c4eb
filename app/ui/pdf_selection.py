"""Selecting text on a PDF page by dragging the mouse (QPdfView has no text selection of its own).

The drag's ends are mapped from the viewport to page points (app.ui.pdf_layout) and QtPdf's
getSelection finds the text between them; the reader marks it like a cited passage, so the same
context-menu actions (copy with source, highlight) apply to it. A drag stays on the page it started on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ui.pdf_layout import from_viewport
from app.ui.qt import QEvent, QObject, QPointF, Qt

if TYPE_CHECKING:
    from app.ui.reader import ReaderView

MIN_DRAG_PIXELS = 4  # a click is not a selection


class DragSelection(QObject):
    def __init__(self, reader: ReaderView) -> None:
        super().__init__(reader)
        self.reader = reader
        self._start: tuple[int, QPointF] | None = None
        self._press: QPointF | None = None
        reader.pdf_view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._start = from_viewport(self.reader.pdf_view, event.position())
        elif kind == QEvent.Type.MouseMove and self._start is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.select(self._start, event.position())
        elif kind == QEvent.Type.MouseButtonRelease and self._start is not None:
            self.select(self._start, event.position())
            self._start = None
        return False

    def select(self, start: tuple[int, QPointF], end_at: QPointF) -> str:
        """Mark the text from the start (page, page point) to a viewport point; returns the text."""
        if self._press is not None and (end_at - self._press).manhattanLength() < MIN_DRAG_PIXELS:
            return ""
        end = from_viewport(self.reader.pdf_view, end_at)
        page, first = start
        if end is None or end[0] != page or self.reader.pdf_view.document() is None:
            return ""
        selection = self.reader.pdf.getSelection(page, first, end[1])
        text = " ".join(selection.text().split())
        if text:
            self.reader.show_selection(page + 1, text, list(selection.bounds()))
        return text
