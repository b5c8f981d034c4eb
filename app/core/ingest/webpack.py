"""Web pages and e-mails as files of a meeting pack: the parent's side of ingest/web.py and ingest/mail.py.

This module owns turning what the isolated child read (a WebDocument) into ParsedFiles: one stored page
per section, the agenda structure of a meeting portal's page, the name a page without an agenda is
stored under (its title: handbook pages are found by it), an e-mail's attachments as bilag of the same
meeting and item, and the files a page links to inside its own saved folder (followed, never fetched).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.ingest.extract import Page
from app.core.ingest.mail import MAIL_SUFFIXES, MHTML_SUFFIXES, MailAttachment
from app.core.ingest.structure import detect_structure
from app.core.ingest.uncertain import held_pages
from app.core.ingest.web import WEB_SUFFIXES, WebDocument, linked_files, quiet_parsers, web_pages
from app.core.messages import UserError

if TYPE_CHECKING:
    from app.core.ingest.pack import ParsedFile

_NAME_UNSAFE_RE = re.compile(r'[\\/:*?"<>|]+')
_MAX_TITLE_NAME = 100


def parse_sectioned(path: Path, sha256: str, should_cancel: Callable[[], bool]) -> ParsedFile:
    """A web page or an e-mail, read in the isolated child, as a ParsedFile with its companions."""
    from app.core.ingest.isolation import extract_isolated  # not at import: it loads multiprocessing
    from app.core.ingest.pack import ParsedFile

    document: WebDocument = extract_isolated(str(path), should_cancel=should_cancel, task="web")
    pages, structure = web_pages(document, str(path))
    if document.date and not structure.header.date:
        structure.header.date = document.date
    structure.held = held_pages(pages, structure)
    name = path.name
    if document.kind == "web" and not structure.items and document.title:
        name = titled_name(document.title, path.suffix)
    parsed = ParsedFile(path, sha256, [p.text for p in pages], structure, name=name, title=document.title)
    if document.kind == "web":
        parsed.links = linked_files(document, path, path.parent)
    for attachment in document.attachments:
        if attachment.error:
            key, params = attachment.error
            parsed.left_out.append((attachment.name, UserError(key, **params).message()))
        else:
            parsed.companions.append(attachment_file(path, parsed.name, attachment))
    return parsed


def titled_name(title: str, suffix: str) -> str:
    """A page's title as its stored name ("Inhabilitet – Intranet.html"): what the library and the
    citations show for a handbook page."""
    clean = " ".join(_NAME_UNSAFE_RE.sub(" ", title).split()).strip(" .")[:_MAX_TITLE_NAME]
    return f"{clean}{suffix.lower()}" if clean else ""


def attachment_file(mail_path: Path, mail_name: str, attachment: MailAttachment) -> ParsedFile:
    """An e-mail's attachment as a bilag: stored under the e-mail's name and its own, from memory."""
    from app.core.ingest.pack import ParsedFile

    pages = [Page(p.number, p.text, p.ocr, p.unread) for p in attachment.pages]
    structure = detect_structure(pages)
    structure.held = held_pages(pages, structure)
    name = f"{Path(mail_name).stem} - {attachment.name}"
    return ParsedFile(
        mail_path.with_name(name), hashlib.sha256(attachment.content).hexdigest(), [p.text for p in pages],
        structure, {p.number: p.ocr for p in pages if p.ocr is not None}, [p.number for p in pages if p.unread],
        name=name, content=attachment.content, attached_to=mail_name,
    )  # fmt: skip


def follow_links(parsed: list[ParsedFile],
                 should_cancel: Callable[[], bool]) -> tuple[list[ParsedFile], list[tuple[str, str]]]:  # fmt: skip
    """The files web pages of the pack link to (inside their saved folders), each linked to the item
    whose section links it: the ones already in the pack get their item, the others are read here.
    Returns the files read and the ones that could not be (with the reason)."""
    from app.core.ingest.pack import parse_file
    from app.core.ingest.sniff import check_file

    by_path = {p.path.resolve(): p for p in parsed if p.content is None}
    added: list[ParsedFile] = []
    failed: list[tuple[str, str]] = []
    for page in list(parsed):
        for target, item_number in page.links:
            known = by_path.get(target)
            if known is None:
                try:
                    check_file(target)
                    known = parse_file(target, should_cancel)
                except UserError as error:
                    failed.append((target.name, error.message()))
                    continue
                by_path[target] = known
                added.append(known)
            if known.linked_item is None and not known.structure.items:
                known.linked_item = item_number
    return added, failed


def bilag_item(parsed: ParsedFile, listed: dict[int, list[str]], linked: dict[str, int]) -> int | None:
    """The agenda item a file without items of its own belongs to: the one whose section links it, the
    one its e-mail belongs to, else the one whose bilag list names it."""
    from app.core.ingest.pack import link_attachment

    if parsed.linked_item is not None:
        return parsed.linked_item
    if parsed.attached_to is not None:
        return linked.get(parsed.attached_to)
    return link_attachment(parsed.name, listed)


# The reader's view of a section may hold only these tags, and no attribute at all: nothing in the page
# can run a script, load an image or a style, or link anywhere (ingest/web.py writes no more than this;
# nh3 enforces it).
_VIEW_TAGS = {"h2", "h3", "h4", "p", "ul", "li", "br", "b", "i"}


def section_views(document_name: str, content: bytes) -> list[str] | None:
    """A web page's or an e-mail's sections as safe HTML for the reader, one per stored page; None for
    other files. The same bytes were read cleanly in the isolated child when they were imported."""
    import nh3

    from app.core.ingest.mail import mhtml_document, view_sections
    from app.core.ingest.web import decode_html, page_document

    quiet_parsers()
    suffix = Path(document_name).suffix.lower()
    if suffix in WEB_SUFFIXES:
        sections = page_document(decode_html(content)).sections
    elif suffix in MHTML_SUFFIXES:
        sections = mhtml_document(content).sections
    elif suffix in MAIL_SUFFIXES:
        sections = view_sections(content, suffix)
    else:
        return None
    return [nh3.clean(s.html, tags=_VIEW_TAGS, attributes={}, url_schemes=set(), link_rel=None) for s in sections]


def distinct_names(parsed: list[ParsedFile]) -> None:
    """Give files of one pack that would be stored under the same name ("Intranet.html" for two pages
    of one title, two attachments called "bilag.pdf", files of one name in two subfolders) names of
    their own ("bilag (2).pdf"): the reader and the citations find a document by its name."""
    seen: set[str] = set()
    renamed: dict[str, str] = {}  # an e-mail's attachments follow it: they take its new name along
    for entry in parsed:
        if entry.attached_to is not None:
            entry.attached_to = renamed.get(entry.attached_to, entry.attached_to)
        name, number = entry.name, 1
        stem, suffix = Path(entry.name).stem, Path(entry.name).suffix
        while name.casefold() in seen:
            number += 1
            name = f"{stem} ({number}){suffix}"
        seen.add(name.casefold())
        renamed[entry.name] = name
        entry.name = name
