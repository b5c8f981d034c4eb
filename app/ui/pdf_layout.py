"""Where QPdfView puts each page, so the reader can keep the reading place and mark passages.

QPdfView does not expose its page geometry, and its navigator scrolls only to the top of a page
(the location of `jump` is ignored for scrolling). This module repeats QPdfView's layout rule — pages
stacked top to bottom inside the document margins, page spacing between them, each centred in the
wider of the document and the viewport — so the reader can (1) keep the same point in view when the
zoom changes, (2) say which page is shown from the scroll position, and (3) map a passage's
rectangles from page points to the viewport. tests/ui/test_reader.py checks the rule against the
view's own page jumps, so a Qt version that lays pages out differently fails there, not silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.ui.qt import QColor, QPainter, QPdfView, QPointF, QPolygonF, QRectF, QWidget, Qt

# The reading line: the place in the viewport whose page is "the page shown" (a third from the top,
# where the eye reads; the top edge would name the page that has almost scrolled away).
READING_LINE = 1 / 3
MARK_COLOUR = QColor(255, 214, 0, 110)


@dataclass(frozen=True)
class PagePlace:
    """A point of the document as page (0-based) and the fraction of that page's height above it."""

    page: int
    fraction: float


def page_rects(view: QPdfView) -> list[QRectF]:
    """Each page's rectangle in document pixels, as QPdfView lays them out. In SinglePage mode only the
    navigator's current page is laid out; the other pages get an empty rectangle."""
    document = view.document()
    if document is None or document.pageCount() == 0:
        return []
    resolution = view.logicalDpiY() / 72.0
    margins = view.documentMargins()
    viewport_width = view.viewport().width()
    laid_out = range(document.pageCount())
    if view.pageMode() == QPdfView.PageMode.SinglePage:
        current = max(0, min(view.pageNavigator().currentPage(), document.pageCount() - 1))
        laid_out = range(current, current + 1)
    sizes = []
    for page in laid_out:
        points = document.pagePointSize(page)
        width, height = round(points.width() * resolution), round(points.height() * resolution)
        if view.zoomMode() == QPdfView.ZoomMode.FitToWidth and width > 0:
            factor = (viewport_width - margins.left() - margins.right()) / width
            width, height = round(width * factor), round(height * factor)
        elif view.zoomMode() == QPdfView.ZoomMode.Custom:
            zoom = view.zoomFactor()
            width, height = round(points.width() * resolution * zoom), round(points.height() * resolution * zoom)
        sizes.append((width, height))
    total_width = max(width for width, _ in sizes) + margins.left() + margins.right()
    rects = [QRectF() for _ in range(document.pageCount())]
    top = float(margins.top())
    for page, (width, height) in zip(laid_out, sizes):
        left = (max(total_width, viewport_width) - width) // 2
        rects[page] = QRectF(left, top, width, height)
        top += height + view.pageSpacing()
    return rects


def reading_y(view: QPdfView) -> float:
    return view.verticalScrollBar().value() + view.viewport().height() * READING_LINE


def place_at(view: QPdfView, y: float) -> PagePlace:
    """The page (and the point in it) at document height y; the gap below a page counts to it."""
    shown = [(page, rect) for page, rect in enumerate(page_rects(view)) if not rect.isNull()]
    if not shown:
        return PagePlace(0, 0.0)
    for number, (page, rect) in enumerate(shown):
        if y < rect.bottom() + view.pageSpacing() or number == len(shown) - 1:
            return PagePlace(page, min(1.0, max(0.0, (y - rect.top()) / rect.height())) if rect.height() else 0.0)
    return PagePlace(shown[-1][0], 0.0)


def scroll_to(view: QPdfView, place: PagePlace, line: float = READING_LINE) -> None:
    """Scroll so the place stands on the given line of the viewport (a fraction of its height)."""
    rects = page_rects(view)
    if not rects:
        return
    rect = rects[max(0, min(place.page, len(rects) - 1))]
    if rect.isNull():
        return  # not laid out (another page of a one-page-at-a-time view)
    y = rect.top() + place.fraction * rect.height() - view.viewport().height() * line
    view.verticalScrollBar().setValue(round(y))


def to_viewport(view: QPdfView, page: int, point: QPointF, rect: QRectF | None = None) -> QPointF:
    """A point in page points (PDF user space, origin top left as QtPdf gives it) on the viewport. `rect`:
    the page's rectangle when the caller has it (a paint maps many points: lay the pages out once)."""
    rect = page_rects(view)[page] if rect is None else rect
    if rect.isNull():
        return QPointF(-1e6, -1e6)  # the page is not shown: its marks are off screen
    size = view.document().pagePointSize(page)
    scale_x = rect.width() / size.width() if size.width() else 1.0
    scale_y = rect.height() / size.height() if size.height() else 1.0
    return QPointF(rect.left() + point.x() * scale_x - view.horizontalScrollBar().value(),
                   rect.top() + point.y() * scale_y - view.verticalScrollBar().value())


def from_viewport(view: QPdfView, point: QPointF) -> tuple[int, QPointF] | None:
    """The page (0-based) and the point on it in page points under a viewport point (None: off the pages)."""
    y = point.y() + view.verticalScrollBar().value()
    x = point.x() + view.horizontalScrollBar().value()
    for page, rect in enumerate(page_rects(view)):
        if rect.top() <= y <= rect.bottom():
            size = view.document().pagePointSize(page)
            scale_x = size.width() / rect.width() if rect.width() else 1.0
            scale_y = size.height() / rect.height() if rect.height() else 1.0
            return page, QPointF((x - rect.left()) * scale_x, (y - rect.top()) * scale_y)
    return None


class PassageMarks(QWidget):
    """Translucent marks over a passage that spans several lines (QtPdf's search marks one line)."""

    def __init__(self, view: QPdfView) -> None:
        super().__init__(view.viewport())
        self.view = view
        self.page = -1
        self.polygons: list[QPolygonF] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.horizontalScrollBar().valueChanged.connect(self.update)
        view.zoomFactorChanged.connect(self.update)

    def show_marks(self, page: int, polygons: list[QPolygonF]) -> None:
        self.page, self.polygons = page, polygons
        self.resize(self.view.viewport().size())
        self.raise_()
        self.setVisible(bool(polygons))
        self.update()

    def clear(self) -> None:
        self.show_marks(-1, [])

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt's name
        if self.page < 0 or not self.polygons:
            return
        self.resize(self.view.viewport().size())
        painter = QPainter(self)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(MARK_COLOUR)
        rect = page_rects(self.view)[self.page]
        for polygon in self.polygons:
            painter.drawPolygon(QPolygonF([to_viewport(self.view, self.page, point, rect) for point in polygon]))
        painter.end()
