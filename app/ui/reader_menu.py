"""The reader's context menu: copy the marked passage or the page with its source.

Copying is the one way meeting text leaves the app from the reader, so it follows the same rules as
copying an answer: IT's policy can switch it off, a page of a closed item asks first and keeps its
FORTROLIGT header in the copy, a page hidden by presentation mode cannot be copied, and every copy
is noted in the audit log (the reader emits `copied`; the window writes the entry).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.security.policy import current_policy
from app.ui.qt import QCoreApplication, QGuiApplication, QMenu, QMessageBox, QTextBrowser, QWidget

from app.core.ingest.locations import is_sectioned

if TYPE_CHECKING:
    from app.ui.reader import ReaderView

translate = QCoreApplication.translate


def source_line(reader: ReaderView, page: int) -> str:
    document = reader.document
    assert document is not None
    if is_sectioned(document.file_name):  # a web page or an e-mail: its "pages" are sections
        where = translate("ReaderMenu", "Kilde: {title}, {file}, afsnit {page}")
    else:
        where = translate("ReaderMenu", "Kilde: {title}, {file}, side {page}")
    return where.format(title=document.title, file=document.file_name, page=page)


def page_is_closed(reader: ReaderView, page: int) -> bool:
    return reader.document is not None and page in reader.document.closed_pages


def can_copy(reader: ReaderView) -> bool:
    page = reader.current_page()
    hidden = page_is_closed(reader, page) and reader.hide_closed
    return reader.document is not None and current_policy().export and not hidden


def confirm_closed(parent: QWidget) -> bool:
    choice = QMessageBox.question(
        parent, translate("ReaderMenu", "Fortroligt materiale"),
        translate("ReaderMenu", "Siden hører til et lukket punkt (fortroligt). Vil du kopiere den alligevel?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)  # fmt: skip
    return choice == QMessageBox.StandardButton.Yes


def copy_with_source(reader: ReaderView, text: str, what: str) -> bool:
    """Put the text and its source on the clipboard; returns False when it was not allowed or not wanted."""
    page = reader.current_page()
    if not text.strip() or not can_copy(reader):
        return False
    closed = page_is_closed(reader, page)
    if closed and not reader.confirm_closed(reader):
        return False
    header = translate("ReaderMenu", "FORTROLIGT – LUKKET PUNKT") + "\n\n" if closed else ""
    QGuiApplication.clipboard().setText(f"{header}{text.strip()}\n\n{source_line(reader, page)}")
    assert reader.document is not None
    reader.copied.emit(translate("ReaderMenu", "{what} kopieret fra læseren (møde {meeting}, side {page})").format(
        what=what, meeting=reader.document.meeting_id, page=page))
    return True


def copy_page(reader: ReaderView) -> bool:
    return copy_with_source(reader, reader.page_text(reader.current_page()), translate("ReaderMenu", "Side"))


def copy_passage(reader: ReaderView) -> bool:
    return copy_with_source(reader, reader.marked_text or "", translate("ReaderMenu", "Passage"))


def reader_menu(reader: ReaderView, widget: QWidget) -> QMenu:
    menu = QMenu(widget)
    allowed = can_copy(reader)
    if isinstance(widget, QTextBrowser) and widget.textCursor().hasSelection():
        selection = widget.textCursor().selectedText().replace("\u2029", "\n")
        action = menu.addAction(translate("ReaderMenu", "Kopiér markeringen med kilde"))
        action.triggered.connect(lambda: copy_with_source(reader, selection, translate("ReaderMenu", "Markering")))
        action.setEnabled(allowed)
    if reader.marked_text:
        action = menu.addAction(translate("ReaderMenu", "Kopiér den citerede passage med kilde"))
        action.triggered.connect(lambda: copy_passage(reader))
        action.setEnabled(allowed)
    hidden = page_is_closed(reader, reader.current_page()) and reader.hide_closed
    if isinstance(widget, QTextBrowser) and widget.textCursor().hasSelection():
        action = menu.addAction(translate("ReaderMenu", "Fremhæv markeringen"))
        action.triggered.connect(lambda: reader.highlight_marked(selection))
        action.setEnabled(not hidden)
    elif reader.marked_text:
        action = menu.addAction(translate("ReaderMenu", "Fremhæv den citerede passage"))
        action.triggered.connect(lambda: reader.highlight_marked())
        action.setEnabled(not hidden)
    action = menu.addAction(translate("ReaderMenu", "Kopiér siden med kilde"))
    action.triggered.connect(lambda: copy_page(reader))
    action.setEnabled(allowed)
    if not current_policy().export:
        menu.addSection(translate("ReaderMenu", "Kopiering er slået fra af IT"))
    return menu
