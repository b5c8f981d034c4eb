"""Find and cited passages in the reader: the find box's search over the pages, and the marking of a
cited or selected passage over all its lines, on a PDF page (its text layer, or the OCR words of a
scanned page) or in the text view, and the request to highlight what is marked.

A mixin of ReaderView (app.ui.reader), which holds the views and the open document; its texts keep
the "ReaderView" translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.core.ingest.ocr import OcrWord
from app.ui.passage_finder import ANCHOR_WORDS, passage_run, passage_span
from app.ui.qt import QColor, QCoreApplication, QPolygonF, QRectF, QTextBrowser, QTextCursor
from app.ui.scanned_marks import passage_boxes

translate = QCoreApplication.translate


class FindAndMark:
    """ReaderView's search and passage marks (see the module docstring)."""

    if TYPE_CHECKING:  # provided by ReaderView
        document: Any
        pdf: Any
        marks: Any
        search_model: Any
        text_view: Any
        find_edit: Any
        find_label: Any
        highlight_requested: Any
        hide_closed: bool
        highlighted: str | None
        marked_text: str | None
        marked_page: int
        showing_pdf: bool

        def current_page(self) -> int: ...

        def go_to_page(self, page: int) -> None: ...

    def _mark(self, passage: str, page: int) -> str | None:
        """Mark the whole passage on the page; returns the text run that names it (None: not there)."""
        self.find_edit.setText("")
        self.search_model.setSearchString("")
        self.marks.clear()
        self.marked_text = None
        if self.showing_pdf and self.document is not None and page in self.document.ocr_words:
            return self._mark_scanned(passage, page, self.document.ocr_words[page])
        if self.showing_pdf:
            text = self.pdf.getAllText(page - 1).text()
            span = passage_span(passage, text)
            if span is not None:
                selection = self.pdf.getSelectionAtIndex(page - 1, span[0], span[1] - span[0])
                self.marks.show_marks(page - 1, list(selection.bounds()))
                self.marked_text = " ".join(selection.text().split())
                self.marked_page = page
            return passage_run(passage, text.splitlines()) if span else None
        page_text = self.document.pages[page - 1] if self.document and page <= len(self.document.pages) else ""
        run = passage_run(passage, page_text.splitlines())
        self._mark_text_passage(passage, run)
        return run

    def show_selection(self, page: int, text: str, polygons: list[QPolygonF]) -> None:
        """Mark text the user selected on a PDF page (app.ui.pdf_selection), like a cited passage."""
        self.marks.show_marks(page - 1, polygons)
        self.highlighted = self.marked_text = text
        self.marked_page = page

    def highlight_marked(self, text: str | None = None) -> bool:
        """Ask to highlight the marked passage (or the given text on the current page)."""
        if self.document is None:
            return False
        given = text is not None  # a text-view selection: no page rectangles
        page = self.current_page() if given else (self.marked_page or self.current_page())
        text = " ".join((text or self.marked_text or "").split())
        if not text or (self.hide_closed and page in self.document.closed_pages):
            return False
        rects = []
        if not given and self.showing_pdf and self.marks.page == page - 1:
            for polygon in self.marks.polygons:
                box = polygon.boundingRect()
                rects.append((box.x(), box.y(), box.width(), box.height()))
        self.highlight_requested.emit(self.document.meeting_id, self.document.file_name, page, text, rects)
        return True
    def _mark_scanned(self, passage: str, page: int, words: list[OcrWord]) -> str | None:
        """A scanned page has no text layer in the PDF: the passage is found in the OCR text and
        marked over the words' boxes on the page image."""
        text = self.document.pages[page - 1] if self.document and page <= len(self.document.pages) else ""
        span = passage_span(passage, text)
        if span is None:
            return None
        size = self.pdf.pagePointSize(page - 1)
        width, height = size.width(), size.height()
        self.marks.show_marks(page - 1, [QPolygonF(QRectF(left * width, top * height, (right - left) * width,
                                                          (bottom - top) * height))
                                         for left, top, right, bottom in passage_boxes(words, span)])  # fmt: skip
        self.marked_text = " ".join(text[span[0] : span[1]].split())
        return passage_run(passage, text.splitlines())

    def _mark_text_passage(self, passage: str, run: str | None) -> None:
        """In the text view: from the passage's first anchor words to its last, else the run alone."""
        document = self.text_view.document()
        words = passage.split()
        first = document.find(" ".join(words[:ANCHOR_WORDS])) if len(words) >= ANCHOR_WORDS else None
        last = document.find(" ".join(words[-ANCHOR_WORDS:]), first) if first and not first.isNull() else None
        if first is not None and last is not None and not first.isNull() and not last.isNull():
            cursor = QTextCursor(document)
            cursor.setPosition(first.selectionStart())
            cursor.setPosition(last.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
            self._select([cursor])
            self.marked_text = " ".join(cursor.selectedText().split())
        else:
            self._search(run or "")

    def _select(self, cursors: list[QTextCursor]) -> None:
        selections = []
        for cursor in cursors:
            selection = QTextBrowser.ExtraSelection()
            selection.cursor = cursor
            selection.format.setBackground(QColor("#ffe066"))
            selections.append(selection)
        self.text_view.setExtraSelections(selections)

    def _search(self, text: str) -> None:
        if self.showing_pdf:
            self.search_model.setSearchString(text)
            return
        cursors = []
        if text:
            cursor = self.text_view.document().find(text)
            while not cursor.isNull():
                cursors.append(cursor)
                cursor = self.text_view.document().find(text, cursor)
        self._select(cursors)

    def find_next(self) -> None:
        """Text search: mark every match and go to the next page with one."""
        text = self.find_edit.text().strip()
        self.highlighted = None
        self.marked_text = None
        self.marks.clear()
        self._search(text)
        if not text or self.document is None:
            self.find_label.setText("")
            return
        pages = self._pages_with(text)
        if self.hide_closed:  # not even how often a closed page holds the word
            pages = [page for page in pages if page not in self.document.closed_pages]
        self.find_label.setText(translate("ReaderView", "{count} sider").format(count=len(pages)) if len(pages) != 1
                                else translate("ReaderView", "1 side"))  # fmt: skip
        if not pages:
            self.find_label.setText(translate("ReaderView", "Ikke fundet"))
            return
        following = [p for p in pages if p > self.current_page()] or pages
        self.go_to_page(following[0])

    def _pages_with(self, text: str) -> list[int]:
        wanted = text.casefold()
        if self.showing_pdf:
            return [page + 1 for page in range(self.pdf.pageCount())
                    if wanted in " ".join(self.pdf.getAllText(page).text().split()).casefold()]  # fmt: skip
        return [n for n, page in enumerate(self.document.pages, start=1) if wanted in " ".join(page.split()).casefold()]

    def marked_on_page(self, page: int) -> int:
        """How many places on the page are marked (for tests and the screen reader summary)."""
        if not self.highlighted:
            return 0
        if self.showing_pdf:
            return len(self.marks.polygons) if self.marks.page == page - 1 else 0
        return len(self.text_view.extraSelections())

