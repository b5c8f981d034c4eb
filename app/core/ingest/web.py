"""Saved web pages (.html/.htm, alone or saved with "gem hele siden"): text, sections and agenda structure.

Runs inside the isolated parser child (isolation.py), like the PDF and DOCX readers. This module is
the way in: read_web_page() and page_document() take a page to a WebDocument, web_pages() and
linked_files() take that to the pack's pages, structure and bilag files. The work is in:
- web_page.py: reading the bytes safely, boilerplate removal, the page as blocks, its main content;
- web_agenda.py: a meeting portal's agenda (numbered items, case numbers, closed items, bilag links);
- web_sections.py: a page that is no agenda (an intranet or handbook page) cut at its headings, long
  sections cut into parts, the reader's safe HTML, and the WebDocument that ingest/mail.py returns too.

There are no pages in a web page: each *section* (a heading and the text under it) is one stored page,
with the heading as its provenance label; citations say "afsnit" for such documents (display.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from app.core.ingest.extract import MAX_PAGES, Page
from app.core.ingest.structure import Header, Segment, Structure, detect_header
from app.core.ingest.web_agenda import agenda_document, within_agenda
# Block, quiet_parsers, decode_html, SECTION_CHARS, WebSection and section_html stay importable from
# here (ingest/mail.py, webpack.py): this module is the web reading's way in.
from app.core.ingest.web_page import (FORBIDDEN_MARKUP, Block, clean_tree, decode_html, main_content_blocks,
                                      page_blocks, page_title, quiet_parsers, read_capped)  # fmt: skip
from app.core.ingest.web_sections import (SECTION_CHARS, WebDocument, WebSection, article_sections, block_links,
                                          section_html)  # fmt: skip
from app.core.messages import UserError

__all__ = ["SECTION_CHARS", "WEB_SUFFIXES", "Block", "WebDocument", "WebSection", "decode_html", "linked_files",
           "page_document", "quiet_parsers", "read_web_page", "section_html", "web_pages"]

WEB_SUFFIXES = (".html", ".htm")
_DOCUMENT_LINK_SUFFIXES = (".pdf", ".docx")


# --- reading ---------------------------------------------------------------------------------


def read_web_page(path: str) -> WebDocument:
    """The page's sections and structure. Any parser failure on the untrusted file is a UserError."""
    raw = read_capped(path)
    if FORBIDDEN_MARKUP.search(raw):
        raise UserError("html_unsafe_markup", path=path)
    try:
        markup = decode_html(raw)
        return page_document(markup, path)
    except UserError as error:
        if "path" in error.params and not error.params["path"]:
            raise UserError(error.key, **{**error.params, "path": path}) from error
        raise
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura failures (recursion and memory too) mean "damaged"
        raise UserError("file_damaged", path=path) from exc


def page_document(markup: str, path: str = "") -> WebDocument:
    """A decoded page as a WebDocument: an agenda when numbered item headings are found, else its main
    content as an article cut at its headings."""
    root = clean_tree(markup)
    title = page_title(root)
    blocks, owners = page_blocks(root)
    agenda = agenda_document(within_agenda(blocks, owners), title)
    if agenda is not None:
        return agenda
    article = main_content_blocks(root) or blocks
    sections = article_sections(article, title)
    if not sections:  # nothing but headings, or nothing at all
        raise UserError("no_text", path=path)
    return WebDocument(title, title, sections, links=block_links(article, None))


# --- from the child's result to the pack's pages and structure ---------------------------------


def web_pages(document: WebDocument, path: str) -> tuple[list[Page], Structure]:
    """The stored pages (one per section) and the structure (items, segments) of a page read in the child."""
    if len(document.sections) > MAX_PAGES:
        raise UserError("too_many_pages", path=path, pages=len(document.sections), limit=MAX_PAGES)
    if not document.sections:
        raise UserError("no_text", path=path)
    pages = [Page(number, section.text) for number, section in enumerate(document.sections, start=1)]
    header = detect_header([Page(1, document.header_text)]) if document.items else Header()
    segments = [Segment(number, s.item_number, s.heading, s.text) for number, s in enumerate(document.sections, start=1)]
    return pages, Structure(header=header, items=list(document.items), segments=segments)


def linked_files(document: WebDocument, page_path: Path, root: Path) -> list[tuple[Path, int | None]]:
    """The PDF/DOCX files the page links to that sit inside root (the saved folder, or the page's own
    folder), each with the agenda item that links it. Links out of root, to the web, or to files that
    do not exist are not followed: nothing is fetched."""
    found: dict[Path, int | None] = {}
    base = page_path.parent
    try:
        real_root = root.resolve(strict=True)
    except OSError:
        return []
    for link in document.links:
        target = _local_target(link.href, base)
        if target is None or target.suffix.lower() not in _DOCUMENT_LINK_SUFFIXES:
            continue
        try:
            real = target.resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if real.is_file() and real.is_relative_to(real_root) and real not in found:
            found[real] = link.item_number
    return sorted(found.items(), key=lambda pair: str(pair[0]))


def _local_target(href: str, base: Path) -> Path | None:
    parts = urlsplit(href.strip())
    if parts.scheme.lower() not in ("", "file") or parts.netloc:
        return None  # http(s), mailto, javascript, data: never followed
    relative = unquote(parts.path)
    if not relative or relative.startswith("/") and parts.scheme != "file":
        return None  # a site-absolute link points at the web server, not the saved folder
    return Path(relative) if parts.scheme == "file" else base / relative


