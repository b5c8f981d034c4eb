"""A web page or e-mail as sections: what ingest/web.py and ingest/mail.py return (WebDocument: its
sections, agenda items and links), a page without agenda items cut at its headings, a long section cut
into parts, and each section as the reader's safe HTML.

There are no pages in a web page: each *section* (a heading and the text under it) is one stored page,
with the heading as its provenance label.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from app.core.ingest.structure import Item
from app.core.ingest.web_page import Block

# A section longer than this is cut into parts ("Sagsfremstilling (2)"), roughly a printed page each.
SECTION_CHARS = 3500


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


def article_sections(blocks: list[Block], title: str) -> list[WebSection]:
    """A page without agenda items, cut at its headings (the text above the first one is under the
    page's title)."""
    sections: list[WebSection] = []
    label = title or "Forside"
    body: list[Block] = []
    for block in blocks:
        if block.kind == "heading" and block.text:
            sections.extend(cut_section(label, body, None))
            label, body = block.text.rstrip(" :"), [block]
        elif block.text:
            body.append(block)
    sections.extend(cut_section(label, body, None))
    return sections


def cut_section(label: str, blocks: list[Block], item_number: int | None) -> list[WebSection]:
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


def block_links(blocks: list[Block], item_number: int | None) -> list[WebLink]:
    return [WebLink(href, text, item_number) for block in blocks for href, text in block.links if href]


def _clean(text: str) -> str:
    """NFKC, no control or bidirectional-override characters (they would reorder what the user reads)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch in "\n\t" or (ch >= " " and unicodedata.category(ch) not in ("Cc", "Cf")))
