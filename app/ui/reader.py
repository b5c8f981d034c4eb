"""The reader: a meeting document with page navigation, zoom, text search and cited passages marked.

PDFs are shown by QtPdf's QPdfView from the original bytes kept in the encrypted
store (loaded through a QBuffer, so no plain copy ever touches the disk). DOCX
files are laid out from their original (headings, emphasis, lists, tables) page by
page, the same pages the citations count; web pages and e-mails section by section ("Afsnit N"),
rebuilt from the stored original as plain sanitised tags (app/core/ingest/webpack.section_views: no
image, script, style or link can load); PDFs imported before originals were
kept are shown as their extracted page texts. A cited passage is marked whole, over all its lines:
its first and last words are found in the page's text and the span between them is painted over
the page (app/ui/pdf_layout.py knows where QPdfView puts each page). Zoom, fit and find keep the
reading place, and the page box names the page on the reading line. The find box and the marking of
passages are ReaderView's mixin FindAndMark (app/ui/reader_find.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from app.core.ingest.ocr import OcrWord
from app.core.ingest.locations import is_sectioned
from app.core.display import display_name
from app.ui.qt import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    QHBoxLayout,
    QIODevice,
    QLabel,
    QLineEdit,
    QPdfDocument,
    QPdfSearchModel,
    QPdfView,
    QPointF,
    QSpinBox,
    QStackedWidget,
    Qt,
    QTimer,
    QT_TRANSLATE_NOOP,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.reader_find import FindAndMark
from app.ui.reader_menu import confirm_closed, reader_menu
from app.ui.pdf_selection import DragSelection
from app.ui.pdf_layout import PagePlace, PassageMarks, page_rects, place_at, reading_y, scroll_to
from app.ui.widgets import make_button, muted

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0
CLOSED_BANNER = QT_TRANSLATE_NOOP("ReaderView", "FORTROLIGT – LUKKET PUNKT")
# The heading above each page in the text view; the current page is read back from it.
PAGE_HEADING = QT_TRANSLATE_NOOP("ReaderView", "Side {number}")
# A web page or an e-mail has no pages: its stored "pages" are its sections (app.core.ingest.web).
SECTION_HEADING = QT_TRANSLATE_NOOP("ReaderView", "Afsnit {number}")


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("ReaderView", ...), in the UI language."""
    return QCoreApplication.translate("ReaderView", text)


def page_heading(number: int, sections: bool = False) -> str:
    return _tr(SECTION_HEADING if sections else PAGE_HEADING).format(number=number)


def page_heading_re() -> re.Pattern[str]:
    """The page (or section) heading in the UI language, with the number as group 1."""
    headings = (re.escape(_tr(h)).replace(re.escape("{number}"), r"(\d+)", 1) for h in (PAGE_HEADING, SECTION_HEADING))
    return re.compile("|".join(f"(?:{h})" for h in headings))


@dataclass(frozen=True)
class OpenDocument:
    """What the reader shows: one document of one meeting."""

    meeting_id: int
    file_name: str
    title: str
    content: bytes | None  # the original file (PDF) or None: show the page texts
    pages: list[str]
    closed_pages: frozenset[int] = field(default_factory=frozenset)
    formatted_pages: list[str] | None = None  # a DOCX (or web page, e-mail) as HTML, one per page; else the texts
    ocr_words: dict[int, list[OcrWord]] = field(default_factory=dict)  # scanned pages: OCR's word boxes

    @property
    def is_pdf(self) -> bool:
        # A scanned image file comes as a PDF of its pages (Library.open_document).
        return self.content is not None and (self.file_name.lower().endswith(".pdf") or self.content.startswith(b"%PDF-"))


class ReaderView(FindAndMark, QWidget):
    page_changed = Signal(int)  # 1-based
    copied = Signal(str)  # what was copied (for the audit log; never the text itself)
    # The user highlights a passage (app.ui.notes_pane stores it): meeting id, file, page, text, page-point rects.
    highlight_requested = Signal(int, str, int, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: OpenDocument | None = None
        self.hide_closed = False  # presentation mode: closed pages are covered
        self.highlighted: str | None = None  # the text run marked as the cited passage
        self.marked_text: str | None = None  # the whole cited passage as marked on the page
        self.confirm_closed = confirm_closed  # asks before a closed item's page is copied (tests answer)
        self._buffer: QBuffer | None = None
        self._build()
        # Created after the view, so they are destroyed after it: the view's navigator still
        # signals a page change while it goes away.
        self.pdf = QPdfDocument(self)
        self.search_model = QPdfSearchModel(self)
        self.search_model.setDocument(self.pdf)
        self.pdf_view.setDocument(self.pdf)
        self.pdf_view.setSearchModel(self.search_model)
        self.marks = PassageMarks(self.pdf_view)
        self.marked_page = 0  # the page marked_text stands on
        self.drag_selection = DragSelection(self)
        self._place: PagePlace | None = None  # the reading place, kept through zoom and resizing
        self._restoring = False
        self.pdf_view.viewport().installEventFilter(self)
        self._show_nothing()

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.title_label = QLabel()
        self.title_label.setAccessibleName(self.tr("Dokument"))
        self.title_label.setWordWrap(True)
        column.addWidget(self.title_label)
        column.addLayout(self._build_toolbar())
        self.closed_banner = QLabel(_tr(CLOSED_BANNER))
        self.closed_banner.setAccessibleName(self.tr("Fortroligt lukket punkt"))
        self.closed_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.closed_banner.setStyleSheet(
            "background:#8a1c12; color:white; font-weight:bold; letter-spacing:2px; padding:3px;")
        self.closed_banner.hide()
        column.addWidget(self.closed_banner)

        self.stack = QStackedWidget()
        self.pdf_view = QPdfView()
        self.pdf_view.setAccessibleName(self.tr("Dokumentvisning"))
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.verticalScrollBar().valueChanged.connect(lambda _v: self._pdf_scrolled())
        self.text_view = QTextBrowser()
        self.text_view.setAccessibleName(self.tr("Dokumenttekst"))
        self.text_view.verticalScrollBar().valueChanged.connect(lambda _v: self._text_page_shown())
        for view in (self.pdf_view, self.text_view):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, view=view: self._context_menu(view, pos))
        self.hidden_label = QLabel(self.tr("Siden er skjult under præsentation."))
        self.hidden_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hidden_label.setWordWrap(True)
        self.empty_label = QLabel(self.tr("Vælg et møde, et punkt eller en kilde for at læse her."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        for widget in (self.pdf_view, self.text_view, self.empty_label, self.hidden_label):
            self.stack.addWidget(widget)
        column.addWidget(self.stack, 1)

    def _build_toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.previous_button = make_button("◀", self.tr("Forrige side"),
                                           lambda: self.go_to_page(self.current_page() - 1),
                                           self.tr("Forrige side (Page Up)"))
        self.next_button = make_button("▶", self.tr("Næste side"), lambda: self.go_to_page(self.current_page() + 1),
                                       self.tr("Næste side (Page Down)"))
        self.page_spin = QSpinBox()
        self.page_spin.setAccessibleName(self.tr("Sidenummer"))
        self.page_spin.setPrefix(self.tr("Side "))
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(self.go_to_page)
        self.page_total = QLabel()
        self.zoom_out_button = make_button("−", self.tr("Formindsk"), lambda: self.zoom_by(1 / ZOOM_STEP),
                                           self.tr("Formindsk (Ctrl+-)"))
        self.zoom_in_button = make_button("+", self.tr("Forstør"), lambda: self.zoom_by(ZOOM_STEP),
                                          self.tr("Forstør (Ctrl++)"))
        self.fit_button = make_button(self.tr("Tilpas bredde"), self.tr("Tilpas til vinduets bredde"), self.fit_width)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Find i dokumentet …"))
        self.find_edit.setAccessibleName(self.tr("Find i dokumentet"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(self.find_next)
        self.find_edit.setMinimumWidth(150)
        self.find_label = QLabel()
        self.find_label.setAccessibleName(self.tr("Fundne steder"))
        # A fixed width: a changing count must neither be cut off nor move the panes.
        widest = max(self.tr("{count} sider").format(count=888), self.tr("Ikke fundet"), key=len)
        self.find_label.setFixedWidth(self.find_label.fontMetrics().horizontalAdvance(widest) + 12)
        for button in (self.previous_button, self.next_button, self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(34)
        for widget in (self.previous_button, self.page_spin, self.page_total, self.next_button,
                       self.zoom_out_button, self.zoom_in_button, self.fit_button):  # fmt: skip
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.find_edit, 2)
        row.addWidget(self.find_label)
        return row

    # --- opening -----------------------------------------------------------------------

    def _show_nothing(self) -> None:
        self.title_label.setText("")
        self.stack.setCurrentWidget(self.empty_label)
        self._set_controls_enabled(False)

    def _set_controls_enabled(self, enabled: bool) -> None:
        for widget in (self.previous_button, self.next_button, self.page_spin, self.zoom_out_button,
                       self.zoom_in_button, self.fit_button, self.find_edit):  # fmt: skip
            widget.setEnabled(enabled)

    def clear(self) -> None:
        self.document = None
        self.highlighted = None
        self.marked_text = None
        self.marks.clear()
        self._place = None
        self.pdf.close()
        self._buffer = None
        self.closed_banner.hide()
        self._show_nothing()

    def open(self, document: OpenDocument, page: int = 1, passage: str = "") -> None:
        """Show a document at a page; mark the cited passage on that page when one is given."""
        if self.document is None or (document.meeting_id, document.file_name) != (
                self.document.meeting_id, self.document.file_name):  # fmt: skip
            self._load(document)
        self.document = document
        self._set_page_mode()
        self.title_label.setText(f"<b>{html.escape(display_name(document.title))}</b> · "
                                 f"{html.escape(display_name(document.file_name))}")
        self.page_spin.blockSignals(True)
        self.page_spin.setPrefix(self.tr("Afsnit ") if is_sectioned(document.file_name) else self.tr("Side "))
        self.page_spin.setRange(1, max(1, self.page_count()))
        self.page_spin.blockSignals(False)
        self.page_total.setText(self.tr("af {total}").format(total=self.page_count()))
        self._set_controls_enabled(True)
        if not passage:
            self.marks.clear()
        self.highlighted = self._mark(passage, page) if passage else None
        self.go_to_page(page)

    def _load(self, document: OpenDocument) -> None:
        self.pdf.close()
        self._buffer = None
        self._place = None
        self.marks.clear()
        self.search_model.setSearchString("")
        if document.is_pdf:
            buffer = QBuffer(self)
            buffer.setData(QByteArray(document.content))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self._buffer = buffer  # QPdfDocument reads from it for as long as it is open
            self.pdf.load(buffer)
            if self.pdf.status() == QPdfDocument.Status.Ready:
                self.stack.setCurrentWidget(self.pdf_view)
                return
        self._show_text(document)

    def _show_text(self, document: OpenDocument) -> None:
        """A DOCX as laid out (headings, lists, tables), else the page texts; each page under its heading."""
        parts = []
        no_text = "<i>{}</i>".format(html.escape(self.tr("(siden har ingen tekst)")))
        for number, text in enumerate(document.pages, start=1):
            if self.hide_closed and number in document.closed_pages:
                body = "<p><i>{}</i></p>".format(html.escape(self.hidden_label.text()))
            elif document.formatted_pages is not None:
                body = document.formatted_pages[number - 1] or f"<p>{no_text}</p>"
            else:
                body = "<p>{}</p>".format("<br>".join(html.escape(line) for line in text.splitlines()) or no_text)
            heading = html.escape(page_heading(number, is_sectioned(document.file_name)))
            rule = "<hr>" if number > 1 else ""
            parts.append(f'{rule}<h5 style="color:{muted()}"><a name="p{number}"></a>{heading}</h5>{body}')
        self.text_view.setHtml("".join(parts))
        self.stack.setCurrentWidget(self.text_view)

    @property
    def showing_pdf(self) -> bool:
        """The document is shown by QPdfView (not as page texts), even while a closed page is covered."""
        return self.document is not None and self.document.is_pdf and self.pdf.status() == QPdfDocument.Status.Ready

    def set_hide_closed(self, hide: bool) -> None:
        """Presentation mode: a closed page is covered. The PDF then shows one page at a time (scrolling
        must not reveal the closed page next to an open one) and the text view leaves closed pages out."""
        self.hide_closed = hide
        self._set_page_mode()
        if self.document is not None:
            if not self.showing_pdf:
                self._show_text(self.document)
            self.go_to_page(self.current_page())

    def _set_page_mode(self) -> None:
        covering = self.hide_closed and self.document is not None and bool(self.document.closed_pages)
        self.pdf_view.setPageMode(QPdfView.PageMode.SinglePage if covering else QPdfView.PageMode.MultiPage)

    def page_count(self) -> int:
        if self.showing_pdf:
            return self.pdf.pageCount()
        return len(self.document.pages) if self.document else 0

    # --- pages and zoom ----------------------------------------------------------------

    def current_page(self) -> int:
        return self.page_spin.value()

    def go_to_page(self, page: int) -> None:
        """Show the page: its marked passage (or its first find hit) on the reading line, else its top."""
        if self.document is None:
            return
        page = max(1, min(page, self.page_count()))
        if self.showing_pdf:
            if self.pdf_view.pageMode() == QPdfView.PageMode.SinglePage:
                self.pdf_view.pageNavigator().jump(page - 1, QPointF(0, 0), 0)  # lays out that one page
            spot = self._spot_on_page(page)
            if spot is None:
                scroll_to(self.pdf_view, PagePlace(page - 1, 0.0), line=0.0)
                self._place = PagePlace(page - 1, 0.0)
            else:
                scroll_to(self.pdf_view, spot)
                self._place = spot
        else:
            self.text_view.scrollToAnchor(f"p{page}")
        self._page_shown(page)  # the page asked for, even where the last pages cannot scroll to the top

    def _spot_on_page(self, page: int) -> PagePlace | None:
        """The marked passage's top, or the first find hit, as a place on the page."""
        height = self.pdf.pagePointSize(page - 1).height() or 1.0
        if self.highlighted and self.marks.page == page - 1 and self.marks.polygons:
            top = min(point.y() for polygon in self.marks.polygons for point in polygon)
            return PagePlace(page - 1, top / height)
        results = self.search_model.resultsOnPage(page - 1) if self.search_model.searchString() else []
        return PagePlace(page - 1, results[0].location().y() / height) if results else None

    def _pdf_scrolled(self) -> None:
        """The user scrolled: the page on the reading line is the page shown."""
        if self.document is None or not self.showing_pdf or self._restoring:
            return
        self._place = place_at(self.pdf_view, reading_y(self.pdf_view))
        if self._place.page + 1 != self.page_spin.value():
            self._page_shown(self._place.page + 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # A narrower or wider pane re-lays the pages out (fit to width): keep the reading place.
        if watched is self.pdf_view.viewport() and event.type() == QEvent.Type.Resize and self._place:
            QTimer.singleShot(0, self._restore_place)
        return super().eventFilter(watched, event)

    def _restore_place(self) -> None:
        if self._place is None or not self.showing_pdf:
            return
        self._restoring = True
        try:
            scroll_to(self.pdf_view, self._place)
        finally:
            self._restoring = False
        self.marks.update()

    def _page_shown(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page)
        self.page_spin.blockSignals(False)
        self.previous_button.setEnabled(page > 1)
        self.next_button.setEnabled(page < self.page_count())
        closed = self.document is not None and page in self.document.closed_pages
        # In presentation mode not even that a page is closed shows: the cover says only "hidden".
        self.closed_banner.setVisible(closed and not self.hide_closed)
        self.closed_banner.setText(_tr(CLOSED_BANNER))
        if self.document is not None:
            shown = self.hidden_label if closed and self.hide_closed else (
                self.pdf_view if self.pdf.status() == QPdfDocument.Status.Ready and self.document.is_pdf else self.text_view)
            if self.stack.currentWidget() is not shown:
                self.stack.setCurrentWidget(shown)
        self.page_changed.emit(page)

    def _text_page_shown(self) -> None:
        """In the text view, the current page is the last "Side N" heading at or above the top edge."""
        if self.document is None or self.showing_pdf:
            return
        block = self.text_view.cursorForPosition(self.text_view.viewport().rect().topLeft()).block()
        headings = page_heading_re()
        while block.isValid():
            heading = headings.fullmatch(block.text())
            if heading:
                self._page_shown(int(next(number for number in heading.groups() if number)))
                return
            block = block.previous()

    def zoom_by(self, factor: float) -> None:
        if not self.showing_pdf:
            font = self.text_view.font()
            font.setPointSizeF(max(6.0, min(48.0, font.pointSizeF() * factor)))
            self.text_view.setFont(font)
            return
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, self.effective_zoom() * factor))
        self._keeping_place(lambda: (self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom),
                                     self.pdf_view.setZoomFactor(zoom)))

    def fit_width(self) -> None:
        self._keeping_place(lambda: self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth))

    def effective_zoom(self) -> float:
        """The zoom as shown: in fit-to-width, what the width makes of it (QPdfView reports 1.0 there)."""
        if self.pdf_view.zoomMode() == QPdfView.ZoomMode.Custom or self.pdf.pageCount() == 0:
            return self.pdf_view.zoomFactor()
        rects = page_rects(self.pdf_view)
        page = max(0, min(self.current_page() - 1, len(rects) - 1))
        if rects[page].isNull():  # one page at a time: the page laid out is the one to measure
            page = next(number for number, rect in enumerate(rects) if not rect.isNull())
        points = self.pdf.pagePointSize(page).width() * self.pdf_view.logicalDpiX() / 72.0
        return rects[page].width() / points if points else 1.0

    def _keeping_place(self, change_layout: object) -> None:
        """Change zoom or fit with the point on the reading line (and the page box) left where it was."""
        place = self._place = place_at(self.pdf_view, reading_y(self.pdf_view))
        self._restoring = True
        try:
            change_layout()  # type: ignore[operator]
            scroll_to(self.pdf_view, place)
        finally:
            self._restoring = False
        self._page_shown(place.page + 1)
        self.marks.update()

    def page_text(self, page: int) -> str:
        """The page's text as imported (what citations quote)."""
        if self.document is None or not 1 <= page <= len(self.document.pages):
            return ""
        return self.document.pages[page - 1]

    def _context_menu(self, view: QWidget, position: object) -> None:
        if self.document is not None:
            reader_menu(self, view).exec(view.mapToGlobal(position))
