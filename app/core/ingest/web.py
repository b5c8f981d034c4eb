"""Saved web pages (.html/.htm, alone or saved with "gem hele siden"): text, sections and agenda structure.

Runs inside the isolated parser child (isolation.py), like the PDF and DOCX readers. This module owns:
- reading the bytes safely: a size cap, the page's own charset, no DTD or entity declarations (an
  entity bomb is refused before any parser sees it), lxml with network access off;
- boilerplate removal: lxml_html_clean's Cleaner drops scripts, styles, frames, embedded objects,
  forms and remote resources; elements the page itself marks as not content (hidden, dialogs, menus,
  banners, cookie notices by their ARIA roles and tags) go too;
- the page as blocks (headings and text in reading order, with the links in them);
- a meeting portal's agenda: numbered item headings (the number in the heading, or alone just before
  it), their case number, closed mark, sections and bilag links. Generic: no portal's class names;
- a page that is no agenda (an intranet or handbook page): its main content as trafilatura extracts it
  (menus, cookie banners and footers left out), cut at its headings.

There are no pages in a web page: each *section* (a heading and the text under it) is one stored page,
with the heading as its provenance label; citations say "afsnit" for such documents (display.py).
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from app.core.ingest.extract import MAX_PAGES, Page
from app.core.ingest.structure import (_CASE_LABEL_RE, _CASE_PATTERNS, Header, Item, Segment, Structure,
                                       detect_header)  # fmt: skip
from app.core.messages import UserError

WEB_SUFFIXES = (".html", ".htm")
# Saved agenda pages are a few hundred KB; a page of many MB is inline data (images as data: URIs).
MAX_HTML_BYTES = 20 * 1024 * 1024
# More elements than this (the Aarhus agenda page has about 4,300) is markup made to keep the parsers busy.
MAX_ELEMENTS = 300_000
# A link longer than this is inline data or a tracking URL, never a bilag beside the page.
_MAX_HREF = 2000
# A section longer than this is cut into parts ("Sagsfremstilling (2)"), roughly a printed page each.
SECTION_CHARS = 3500
_SNIFF_BYTES = 4096
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
# An entity or element declaration in an HTML page is never content: an entity bomb or an XXE attempt.
_FORBIDDEN_MARKUP = re.compile(rb"<!\s*(?:ENTITY|ELEMENT|ATTLIST)\b", re.IGNORECASE)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "tbody", "thead", "section", "article",
    "main", "blockquote", "pre", "br", "hr", "td", "th", "caption", "figure", "figcaption", "address",
})  # fmt: skip
# Elements that are never the page's content: chrome and dialogs, by tag and by ARIA role.
_NOT_CONTENT_TAGS = ("nav", "footer", "aside", "template", "dialog", "noscript", "svg", "math", "select",
                     "textarea", "input", "option", "img", "picture", "video", "audio", "canvas", "map")  # fmt: skip
_NOT_CONTENT_ROLES = frozenset({"navigation", "banner", "contentinfo", "dialog", "alertdialog", "menu",
                                "menubar", "search", "tooltip", "alert"})  # fmt: skip
_NUMBER_ONLY_RE = re.compile(r"^(?:punkt|pkt\.?)?\s*(\d{1,3})[.)]?$", re.IGNORECASE)
_NUMBERED_TITLE_RE = re.compile(r"^(?:(?:dagsordens)?punkt|pkt\.?)?\s*(\d{1,3})\s*[.):\-–]\s*(\S.*)$", re.IGNORECASE)
_CLOSED_RE = re.compile(r"^lukket(?:\s+punkt)?\b", re.IGNORECASE)
# What the top of a meeting's page says (above its first item): without it, or case numbers under the
# headings, numbered headings are an article's chapters.
_MEETING_WORDS_RE = re.compile(r"\b(dagsorden|referat|møde\w*|udvalg\w*|byråd\w*|kommunalbestyrelse\w*|"
                               r"regionsråd\w*|magistrat\w*)\b", re.IGNORECASE)
_DOCUMENT_LINK_SUFFIXES = (".pdf", ".docx")
# A bilag's name in an item's "Bilag" section: what a link text may be.
_MAX_ATTACHMENT_NAME = 200


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" | "text"
    text: str
    level: int = 0  # 1-6 for headings
    tag: str = "p"  # the reader's tag: p, li, td
    links: tuple[tuple[str, str], ...] = ()  # (href, link text) inside the block


@dataclass(frozen=True)
class WebSection:
    heading: str  # the provenance label a citation names
    text: str  # the heading line and the text under it
    html: str  # the reader's view: escaped text in plain tags only
    item_number: int | None = None


@dataclass(frozen=True)
class WebLink:
    href: str
    text: str
    item_number: int | None


@dataclass
class WebDocument:
    """A page read in the child: its title, sections (the stored pages), agenda items and links."""

    title: str
    header_text: str
    sections: list[WebSection]
    items: list[Item] = field(default_factory=list)
    links: list[WebLink] = field(default_factory=list)
    kind: str = "web"  # "web" | "mail"
    attachments: list[Any] = field(default_factory=list)  # an e-mail's (ingest/mail.py MailAttachment)
    date: str | None = None  # ISO date: an e-mail's


# Libraries that log what they read (an attachment's name, why a page was discarded): a line on the
# user's terminal, or in a log file, could name meeting material. They are silenced wherever they parse.
_CHATTY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "lxml_html_clean", "extract_msg", "olefile",
                   "RTFDE", "compressed_rtf", "tzlocal")  # fmt: skip


def quiet_parsers() -> None:
    import logging

    for name in _CHATTY_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(logging.CRITICAL + 1)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


# --- reading ---------------------------------------------------------------------------------


def read_web_page(path: str) -> WebDocument:
    """The page's sections and structure. Any parser failure on the untrusted file is a UserError."""
    raw = _read_capped(path)
    if _FORBIDDEN_MARKUP.search(raw):
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


def _read_capped(path: str) -> bytes:
    with open(path, "rb") as handle:
        raw = handle.read(MAX_HTML_BYTES + 1)
    if len(raw) > MAX_HTML_BYTES:
        raise UserError("html_too_large", path=path, limit_mb=MAX_HTML_BYTES // 2**20)
    return raw


def decode_html(raw: bytes) -> str:
    """The page's text: a BOM, else its <meta charset>, else UTF-8, else Windows-1252 (old Danish pages)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    declared = _CHARSET_RE.search(raw[:_SNIFF_BYTES])
    candidates = [declared[1].decode("ascii", "ignore")] if declared else []
    for encoding in (*candidates, "utf-8"):
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("cp1252", errors="replace")


def page_document(markup: str, path: str = "") -> WebDocument:
    """A decoded page as a WebDocument: an agenda when numbered item headings are found, else its main
    content as an article cut at its headings."""
    root = clean_tree(markup)
    title = _page_title(root)
    blocks, owners = _blocks(root)
    agenda = _agenda(_within_agenda(blocks, owners), title)
    if agenda is not None:
        return agenda
    article = _main_content_blocks(root) or blocks
    sections = _article_sections(article, title)
    if not sections:  # nothing but headings, or nothing at all
        raise UserError("no_text", path=path)
    return WebDocument(title, title, sections, links=_links(article, None))


def clean_tree(markup: str) -> Any:
    """The page's element tree without scripts, styles, frames, objects, forms, remote resources, or
    anything the page marks as not content (hidden elements, menus, dialogs)."""
    import lxml.html
    from lxml_html_clean import Cleaner

    markup = markup.replace("\x00", "")  # libxml2 stops at a NUL: the rest of the page would be lost
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True,
                                  huge_tree=False, default_doctype=False)  # fmt: skip
    root = lxml.html.document_fromstring(markup or "<html></html>", parser=parser)
    if sum(1 for _ in root.iter()) > MAX_ELEMENTS:
        raise UserError("html_too_complex", path="")
    cleaner = Cleaner(scripts=True, javascript=True, comments=True, style=True, inline_style=False, links=True,
                      meta=True, page_structure=False, processing_instructions=True, embedded=True, frames=True,
                      forms=False, annoying_tags=True, remove_unknown_tags=False, safe_attrs_only=False,
                      kill_tags=_NOT_CONTENT_TAGS, remove_tags=("button", "form"))  # fmt: skip
    root = cleaner.clean_html(root)
    for element in list(root.iter()):
        if isinstance(element.tag, str) and _not_content(element) and element.getparent() is not None:
            element.drop_tree()
    return root


def _not_content(element: Any) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if (element.get("role") or "").lower() in _NOT_CONTENT_ROLES:
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _page_title(root: Any) -> str:
    title = root.find(".//title")
    text = _flat(title.text_content()) if title is not None else ""
    if not text:
        first = next(root.iter("h1"), None)
        text = _flat(first.text_content()) if first is not None else ""
    return text


# --- blocks ----------------------------------------------------------------------------------


def _blocks(root: Any) -> tuple[list[Block], list[Any]]:
    """Headings and text blocks in reading order, each with the links inside it; and the element each
    block came from."""
    walker = _Walker()
    body = root.find("body")
    walker.visit(body if body is not None else root)
    walker.flush()
    return walker.blocks, walker.owners


def _within_agenda(blocks: list[Block], owners: list[Any]) -> list[Block]:
    """The blocks up to the end of the element that holds every numbered heading (a portal's agenda
    table): what follows it (dialogs, spinners, footers) belongs to no item, not to the last one."""
    numbered = [owners[index] for index, _number, _title in _numbered_headings(blocks)]
    if len(numbered) < 2:
        return blocks
    common = set(numbered[0].iterancestors())
    for element in numbered[1:]:
        common &= set(element.iterancestors())
    holder = next((a for a in numbered[0].iterancestors() if a in common), None)
    if holder is None:
        return blocks
    inside = (i for i, owner in enumerate(owners) if owner is not None and (owner is holder or holder in owner.iterancestors()))
    last = max(inside, default=len(blocks) - 1)
    return blocks[: last + 1]


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.owners: list[Any] = []  # the element each block came from
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.tag = "p"
        self.stack: list[Any] = []

    def visit(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        level = _heading_level(element, tag)
        if level:
            self.flush()
            text = _flat(element.text_content())
            links = tuple(self._links_in(element))
            if text or links:
                self.blocks.append(Block("heading", text, level, f"h{level}", links))
                self.owners.append(element)
            self._add(element.tail)
            return
        self.stack.append(element)
        try:
            self._visit_inside(element, tag)
        finally:
            self.stack.pop()

    def _visit_inside(self, element: Any, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.flush()
            self.tag = "li" if tag == "li" else "td" if tag in ("td", "th") else "p"
        if tag == "a" and element.get("href") and len(element.get("href")) <= _MAX_HREF:
            self.links.append((element.get("href"), _flat(element.text_content())))
        self._add(element.text)
        for child in element:
            self.visit(child)
        if tag in _BLOCK_TAGS:
            self.flush()
        self._add(element.tail)

    def _links_in(self, element: Any) -> list[tuple[str, str]]:
        return [(a.get("href"), _flat(a.text_content())) for a in element.iter("a") if 0 < len(a.get("href") or "") <= _MAX_HREF]

    def _add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def flush(self) -> None:
        text = _flat("".join(self.parts))
        if text or self.links:
            self.blocks.append(Block("text", text, tag=self.tag, links=tuple(self.links)))
            self.owners.append(self.stack[-1] if self.stack else None)
        self.parts, self.links, self.tag = [], [], "p"


def _heading_level(element: Any, tag: str) -> int:
    """1-6 for a heading: an <h1>-<h6>, or an element the page marks as one (role="heading", aria-level;
    portals built of <div>s do)."""
    if tag in _HEADINGS:
        return _HEADINGS[tag]
    if tag and (element.get("role") or "").lower() == "heading":
        level = element.get("aria-level") or "2"
        return min(max(int(level), 1), 6) if level.isdigit() else 2
    return 0


def _main_content_blocks(root: Any) -> list[Block]:
    """The page's main content as trafilatura finds it (no menus, cookie banners, footers), as blocks.
    It reads the cleaned tree: what the page marks as not content is gone before it looks."""
    import lxml.html
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(lxml.html.tostring(root, encoding="unicode"), output_format="xml", include_tables=True, include_links=True,
                              include_images=False, include_comments=False, favor_recall=True,
                              with_metadata=False, deduplicate=False)  # fmt: skip
    if not xml:
        return []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    tree = etree.fromstring(xml.encode("utf-8"), parser=parser)
    blocks: list[Block] = []
    for element in tree.iter("head", "p", "item", "cell", "quote", "code"):
        if element.tag in ("p", "cell") and element.getparent() is not None and element.getparent().tag in ("item", "cell"):
            continue  # its parent's block has it
        text = _flat("".join(element.itertext()))
        links = tuple((ref.get("target", ""), _flat("".join(ref.itertext()))) for ref in element.iter("ref"))
        if element.tag == "head":
            level = int((element.get("rend") or "h2").lstrip("h") or 2) if (element.get("rend") or "").startswith("h") else 2
            blocks.append(Block("heading", text, level, f"h{level}", links))
        elif text:
            blocks.append(Block("text", text, tag={"item": "li", "cell": "td"}.get(element.tag, "p"), links=links))
    return blocks


# --- an agenda: items, sections, case numbers, closed items, bilag ------------------------------


def _agenda(blocks: list[Block], title: str) -> WebDocument | None:
    """The page as meeting ▸ items ▸ sections, when it has numbered item headings (at least two, at the
    heading level most of the numbered ones share); None for any other page."""
    numbered = _numbered_headings(blocks)
    if len(numbered) < 2:
        return None
    levels: dict[int, int] = {}
    for index, _number, _title in numbered:
        levels[blocks[index].level] = levels.get(blocks[index].level, 0) + 1
    level = max(levels, key=lambda lvl: (levels[lvl], -lvl))
    headings = [(i, n, t) for i, n, t in numbered if blocks[i].level == level]
    if len(headings) < 2:
        return None
    header_blocks = blocks[: headings[0][0]]
    header_text = "\n".join([title] + [b.text for b in header_blocks if b.text])
    if not _MEETING_WORDS_RE.search(header_text) and not _has_case_numbers(blocks, headings):
        return None  # numbered headings of an article ("1. Formål", "2. Baggrund"), not an agenda
    sections = _article_sections(header_blocks, title)  # the meeting's own lines, before its first item
    items: list[Item] = []
    links: list[WebLink] = []
    for position, (index, number, item_title) in enumerate(headings):
        end = headings[position + 1][0] if position + 1 < len(headings) else len(blocks)
        item_blocks = _without_number_label(blocks[index + 1 : end], headings, position)
        item = Item(number, item_title, len(sections) + 1, len(sections) + 1)
        item_sections = _item_sections(item, blocks[index], item_blocks)
        item.end_page = len(sections) + len(item_sections)
        sections.extend(item_sections)
        links.extend(_links(item_blocks, number))
        items.append(item)
    return WebDocument(title, header_text, sections, items, links)


def _has_case_numbers(blocks: list[Block], headings: list[tuple[int, int, str]]) -> bool:
    """At least half of the numbered headings have a case number right under them."""
    with_case = 0
    for index, number, title in headings:
        probe = Item(number, title, 0, 0)
        for block in blocks[index + 1 : index + 4]:
            _note_intro(probe, block.text)
        with_case += probe.case_number is not None
    return with_case * 2 >= len(headings)


def _numbered_headings(blocks: list[Block]) -> list[tuple[int, int, str]]:
    """(block index, number, title) of headings numbered in their text ("3. Title", "Punkt 3: Title") or
    by a number alone in the block just before them (a portal's number column)."""
    found = []
    previous = ""
    for index, block in enumerate(blocks):
        if block.kind == "heading" and block.text:
            match = _NUMBERED_TITLE_RE.match(block.text)
            label = _NUMBER_ONLY_RE.match(previous)
            if match:
                found.append((index, int(match[1]), match[2].strip()))
            elif label:
                found.append((index, int(label[1]), block.text))
        if block.text:
            previous = block.text
    return found


def _without_number_label(blocks: list[Block], headings: list[tuple[int, int, str]], position: int) -> list[Block]:
    """An item's blocks without the next item's number label at their end (it belongs to that heading)."""
    if position + 1 < len(headings) and blocks:
        texts = [i for i, b in enumerate(blocks) if b.text]
        if texts and _NUMBER_ONLY_RE.match(blocks[texts[-1]].text) and not blocks[texts[-1]].links:
            return blocks[: texts[-1]] + blocks[texts[-1] + 1 :]
    return blocks


def _item_sections(item: Item, heading: Block, blocks: list[Block]) -> list[WebSection]:
    """An item's sections: its heading with what precedes the first sub-heading (case number, closed
    mark), then one per sub-heading. Notes the item's case number, closed flag and bilag names."""
    sections: list[WebSection] = []
    label = item.title
    body: list[Block] = [Block("heading", f"{item.number}. {item.title}", heading.level, f"h{heading.level}")]
    in_bilag = False
    for block in blocks:
        if block.kind == "heading" and block.text:
            sections.extend(_section(label, body, item.number))
            label = block.text.rstrip(" :")
            body = [block]
            in_bilag = label.lower().startswith("bilag")
            continue
        if not block.text and not block.links:
            continue
        body.append(block)
        if len(sections) == 0 and len(body) <= 8:
            _note_intro(item, block.text)
        if in_bilag:
            item.attachments.extend(t for _h, t in block.links if 3 <= len(t) <= _MAX_ATTACHMENT_NAME)
    sections.extend(_section(label, body, item.number))
    if _CLOSED_RE.match(item.title):
        item.closed = True
    return sections


def _note_intro(item: Item, text: str) -> None:
    """A case number and a closed mark in the lines right under an item's heading."""
    if _CLOSED_RE.match(text) and len(text) <= 40:
        item.closed = True
    if item.case_number:
        return
    if match := _CASE_LABEL_RE.search(text):
        item.case_number = match[1].rstrip(".")
        return
    for pattern in _CASE_PATTERNS:
        if match := pattern.search(text):
            item.case_number = match[0]
            return


def _article_sections(blocks: list[Block], title: str) -> list[WebSection]:
    """A page without agenda items, cut at its headings (the text above the first one is under the
    page's title)."""
    sections: list[WebSection] = []
    label = title or "Forside"
    body: list[Block] = []
    for block in blocks:
        if block.kind == "heading" and block.text:
            sections.extend(_section(label, body, None))
            label, body = block.text.rstrip(" :"), [block]
        elif block.text:
            body.append(block)
    sections.extend(_section(label, body, None))
    return sections


def _section(label: str, blocks: list[Block], item_number: int | None) -> list[WebSection]:
    """One section, or a long one cut into parts of about SECTION_CHARS at block boundaries."""
    if not any(b.text for b in blocks if b.kind == "text") and not (item_number and blocks):
        return []
    parts: list[list[Block]] = [[]]
    size = 0
    for block in blocks:
        if size + len(block.text) > SECTION_CHARS and parts[-1]:
            parts.append([])
            size = 0
        parts[-1].append(block)
        size += len(block.text) + 1
    result = []
    for number, part in enumerate(parts, start=1):
        name = label if len(parts) == 1 else f"{label} ({number})"
        text = "\n".join(b.text for b in part if b.text)
        result.append(WebSection(_clean(name)[:200], _clean(text), section_html(part), item_number))
    return result


def section_html(blocks: list[Block]) -> str:
    """A section for the reader: escaped text in plain tags (headings, paragraphs, list items). Nothing
    of the page's own markup survives: no script, style, link, image or attribute."""
    out: list[str] = []
    in_list = False
    for block in blocks:
        if not block.text:
            continue
        if (block.tag == "li") != in_list:
            out.append("<ul>" if not in_list else "</ul>")
            in_list = not in_list
        text = html.escape(_clean(block.text))
        tag = f"h{min(max(block.level, 2), 4)}" if block.kind == "heading" else "li" if block.tag == "li" else "p"
        out.append(f"<{tag}>{text}</{tag}>")
    if in_list:
        out.append("</ul>")
    return "".join(out)


def _links(blocks: list[Block], item_number: int | None) -> list[WebLink]:
    return [WebLink(href, text, item_number) for block in blocks for href, text in block.links if href]


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


def _flat(text: str) -> str:
    return " ".join(text.split())


def _clean(text: str) -> str:
    """NFKC, no control or bidirectional-override characters (they would reorder what the user reads)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch in "\n\t" or (ch >= " " and unicodedata.category(ch) not in ("Cc", "Cf")))
