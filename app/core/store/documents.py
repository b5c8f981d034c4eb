"""What the reader shows of a stored document: the original file (a scan as a PDF), its page texts,
the pages of closed items and pages held as closed, a DOCX's or web page's pages laid out as HTML, and
OCR's words on scanned pages; and the user's confirmation that held pages are open.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core.ingest.extract import docx_page_html
from app.core.ingest.ocr import IMAGE_SUFFIXES, OcrWord, image_as_pdf
from app.core.ingest.pack import page_list
from app.core.ingest.locations import SECTIONED_SUFFIXES
from app.core.ingest.webpack import section_views
from app.core.messages import UserError
from app.core.store.rows import HeldPage

if TYPE_CHECKING:
    from app.core.store.database import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocumentContent:
    content: bytes | None  # the original file, None for files imported before originals were kept
    pages: list[str]
    closed_pages: frozenset[int]
    formatted_pages: list[str] | None = None  # a DOCX's pages as HTML (headings, bold, lists, tables)
    ocr_words: dict[int, list[OcrWord]] = field(default_factory=dict)  # scanned pages: OCR's word boxes


def open_document(store: Store, meeting_id: int, file_name: str, mark_opened: bool = True) -> DocumentContent:
    """A document's original bytes (None when not kept), page texts and the pages of closed items."""
    if not store.meeting_exists(meeting_id):
        raise UserError("meeting_missing", meeting_id=meeting_id)
    closed = frozenset(page for item in store.items(meeting_id) if item.closed and item.document == file_name
                       for page in range(item.start_page, item.end_page + 1))  # fmt: skip
    closed |= {held.page for held in store.held_pages(meeting_id) if held.document == file_name}
    if mark_opened:
        store.mark_opened(meeting_id)
    content = store.document_content(meeting_id, file_name)
    if content is not None and file_name.lower().endswith(IMAGE_SUFFIXES):
        content = image_as_pdf(content)  # a scan is shown (and marked) like a scanned PDF
    pages = store.document_pages(meeting_id, file_name)
    formatted = _formatted_pages(file_name, content, len(pages))
    ocr_words = store.ocr_words(meeting_id, file_name)
    return DocumentContent(content, pages, closed, formatted, ocr_words)


def confirm_open(store: Store, meeting_id: int, pages: list[int] | None = None,
                 document: str | None = None) -> list[HeldPage]:  # fmt: skip
    """The user confirms held pages open (all of the meeting's when pages is None): they show in
    presentation mode and are no longer labelled confidential. Returns the pages released."""
    if not store.meeting_exists(meeting_id):
        raise UserError("meeting_missing", meeting_id=meeting_id)
    held = store.held_pages(meeting_id)
    if pages is not None and not any(h.page in pages and document in (None, h.document) for h in held):
        raise UserError("pages_not_held", pages=page_list(pages), meeting_id=meeting_id)
    released = store.release_pages(meeting_id, pages, document)
    if released:
        store.audit("confirm_open", f"møde {meeting_id}: side {page_list([h.page for h in released])}")
    return released


def _formatted_pages(file_name: str, content: bytes | None, page_count: int) -> list[str] | None:
    """A DOCX's pages as HTML for the reader, or None (not a DOCX, or its pages no longer match the
    stored ones, which the citations count): the reader then shows the page texts."""
    if content is None or not file_name.lower().endswith((".docx", *SECTIONED_SUFFIXES)):
        return None
    try:  # the same bytes parsed cleanly, in the isolated child, when they were imported
        sections = section_views(file_name, content)
        formatted = sections if sections is not None else docx_page_html(content)
    except Exception:  # noqa: BLE001 - a view, never worth an error: the page texts are shown instead
        log.warning("could not lay out a DOCX, web page or e-mail for the reader", exc_info=True)  # no name: it may be confidential
        return None
    return formatted if len(formatted) == page_count else None
