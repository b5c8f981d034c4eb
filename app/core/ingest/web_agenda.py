"""A meeting portal's agenda in a saved web page: numbered item headings (the number in the heading, or
alone just before it), their case number, closed mark, sections and bilag links. Generic: no portal's
class names. Numbered headings make an agenda only under a meeting's header or over case numbers (an
article's "1. Formål" is no item).
"""

from __future__ import annotations

import re
from typing import Any

from app.core.ingest.structure import _CASE_LABEL_RE, _CASE_PATTERNS, Item
from app.core.ingest.web_page import Block
from app.core.ingest.web_sections import WebDocument, WebLink, WebSection, article_sections, block_links, cut_section

_NUMBER_ONLY_RE = re.compile(r"^(?:punkt|pkt\.?)?\s*(\d{1,3})[.)]?$", re.IGNORECASE)
_NUMBERED_TITLE_RE = re.compile(r"^(?:(?:dagsordens)?punkt|pkt\.?)?\s*(\d{1,3})\s*[.):\-–]\s*(\S.*)$", re.IGNORECASE)
_CLOSED_RE = re.compile(r"^lukket(?:\s+punkt)?\b", re.IGNORECASE)
# What the top of a meeting's page says (above its first item): without it, or case numbers under the
# headings, numbered headings are an article's chapters.
_MEETING_WORDS_RE = re.compile(r"\b(dagsorden|referat|møde\w*|udvalg\w*|byråd\w*|kommunalbestyrelse\w*|"
                               r"regionsråd\w*|magistrat\w*)\b", re.IGNORECASE)
# A bilag's name in an item's "Bilag" section: what a link text may be.
_MAX_ATTACHMENT_NAME = 200


def within_agenda(blocks: list[Block], owners: list[Any]) -> list[Block]:
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


def agenda_document(blocks: list[Block], title: str) -> WebDocument | None:
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
    sections = article_sections(header_blocks, title)  # the meeting's own lines, before its first item
    items: list[Item] = []
    links: list[WebLink] = []
    for position, (index, number, item_title) in enumerate(headings):
        end = headings[position + 1][0] if position + 1 < len(headings) else len(blocks)
        item_blocks = _without_number_label(blocks[index + 1 : end], headings, position)
        item = Item(number, item_title, len(sections) + 1, len(sections) + 1)
        item_sections = _item_sections(item, blocks[index], item_blocks)
        item.end_page = len(sections) + len(item_sections)
        sections.extend(item_sections)
        links.extend(block_links(item_blocks, number))
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
            sections.extend(cut_section(label, body, item.number))
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
    sections.extend(cut_section(label, body, item.number))
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
