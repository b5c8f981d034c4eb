"""Reading a saved web page, in the isolated parser child (ingest/web.py reads pages through it):
- the bytes safely: a size cap, the page's own charset, no DTD or entity declarations (an entity bomb
  is refused before any parser sees it), lxml with network access off;
- boilerplate removal: lxml_html_clean's Cleaner drops scripts, styles, frames, embedded objects,
  forms and remote resources; elements the page itself marks as not content (hidden, dialogs, menus,
  banners, cookie notices by their ARIA roles and tags) go too;
- the page as blocks (headings and text in reading order, with the links in them), or its main
  content as trafilatura extracts it (menus, cookie banners and footers left out);
- the parsing libraries kept quiet (what they log could name meeting material).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

from app.core.messages import UserError

# Saved agenda pages are a few hundred KB; a page of many MB is inline data (images as data: URIs).
MAX_HTML_BYTES = 20 * 1024 * 1024
# More elements than this (the Aarhus agenda page has about 4,300) is markup made to keep the parsers busy.
MAX_ELEMENTS = 300_000
# A link longer than this is inline data or a tracking URL, never a bilag beside the page.
_MAX_HREF = 2000
_SNIFF_BYTES = 4096
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
# An entity or element declaration in an HTML page is never content: an entity bomb or an XXE attempt.
FORBIDDEN_MARKUP = re.compile(rb"<!\s*(?:ENTITY|ELEMENT|ATTLIST)\b", re.IGNORECASE)
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
# Libraries that log what they read (an attachment's name, why a page was discarded): a line on the
# user's terminal, or in a log file, could name meeting material. They are silenced wherever they parse.
_CHATTY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "lxml_html_clean", "extract_msg", "olefile",
                   "RTFDE", "compressed_rtf", "tzlocal")  # fmt: skip


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" | "text"
    text: str
    level: int = 0  # 1-6 for headings
    tag: str = "p"  # the reader's tag: p, li, td
    links: tuple[tuple[str, str], ...] = ()  # (href, link text) inside the block


def quiet_parsers() -> None:
    import logging

    for name in _CHATTY_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(logging.CRITICAL + 1)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def read_capped(path: str) -> bytes:
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


def page_title(root: Any) -> str:
    title = root.find(".//title")
    text = _flat(title.text_content()) if title is not None else ""
    if not text:
        first = next(root.iter("h1"), None)
        text = _flat(first.text_content()) if first is not None else ""
    return text


def page_blocks(root: Any) -> tuple[list[Block], list[Any]]:
    """Headings and text blocks in reading order, each with the links inside it; and the element each
    block came from."""
    walker = _Walker()
    body = root.find("body")
    walker.visit(body if body is not None else root)
    walker.flush()
    return walker.blocks, walker.owners


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


def main_content_blocks(root: Any) -> list[Block]:
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


def _flat(text: str) -> str:
    return " ".join(text.split())
