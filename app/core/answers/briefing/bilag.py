"""The Bilag part of an item briefing: each bilag the item's Bilag section lists, paired with the
imported file that is it (linked by the pack or by hand), what that file is, and the files linked to
the item that no listed name matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.core.answers.answer import sentences
from app.core.answers.history import body
from app.core.answers.quotes import shorten
from app.core.ingest.pack import link_attachment
from app.core.ingest.titles import first_heading
from app.core.messages import tr
from app.core.store import item_marks
from app.core.store.database import ChunkRow, ItemRow, Store

_NOT_BILAG = frozenset({"punkt titel", "hent som pdf", "kopier link", "hent", "som", "kopier", "link"})
BILAG_WHAT_CHARS = 120  # what a bilag file is: its heading or first sentence


@dataclass(frozen=True)
class BilagEntry:
    """One bilag of an item: a name its Bilag list gives, the imported file that is it, or both."""

    name: str | None  # as the item's Bilag section lists it
    file: str | None  # the imported file (linked by the pack or by hand)
    pages: int = 0
    what: str = ""  # what the file is: its heading or first sentence
    first: ChunkRow | None = None  # the file's first chunk, its citation
    by_hand: bool = False

    def text(self) -> str:
        if self.file is None:
            return f"{self.name} ({tr('brief_bilag_missing')})"
        facts = [tr("brief_bilag_pages", pages=self.pages), *([tr("brief_bilag_by_hand")] if self.by_hand else [])]
        named = f"{self.name} – {self.file}" if self.name else self.file
        return f"{named} ({', '.join(facts)})" + (f": {self.what}" if self.what else "")


def bilag_entries(store: Store, item: ItemRow, hide_closed: bool = False) -> list[BilagEntry]:
    """The item's bilag: each listed name with the imported file that matches it, then the files linked
    to the item that no listed name matches (linked by hand, or named differently)."""
    files = store.item_documents(item.meeting_id, item.number)
    names = {name for name, _pages, _first in files}
    listed: list[str] = []
    for name in store.item_attachments(item.meeting_id, item.number):
        if name in names or not _is_bilag_name(name):
            continue
        if listed and name[:1].islower():  # the previous name wrapped onto a second line
            listed[-1] = f"{listed[-1]} {name}"
        else:
            listed.append(_bilag_name(name))
    by_hand = {name for name, number in item_marks.links(store, item.meeting_id).items() if number == item.number}
    paired: dict[int, BilagEntry] = {}
    unpaired: list[BilagEntry] = []
    for name, pages, first_id in files:
        first = next(iter(store.chunks([first_id])), None) if first_id is not None else None
        if first is not None and hide_closed and first.item_closed:
            first = None
        what = _what(store, item.meeting_id, name, first)
        match = link_attachment(name, {index: [listed_name] for index, listed_name in enumerate(listed)})
        entry = BilagEntry(None, name, pages, what, first, name in by_hand)
        if match is not None and match not in paired:
            paired[match] = replace(entry, name=listed[match])
        else:
            unpaired.append(entry)
    return [paired.get(index, BilagEntry(name, None)) for index, name in enumerate(listed)] + unpaired


def _is_bilag_name(name: str) -> bool:
    """A listed name that can be a bilag: not a web page's button text caught in a printed agenda
    ("Hent", "som", "Kopier", "link", "Punkt Titel")."""
    words = re.findall(r"\w+", name)
    return (len(words) >= 2 or any(c.isdigit() for c in name) or len(name) >= 12) and name.casefold() not in _NOT_BILAG


def _bilag_name(name: str) -> str:
    return re.sub(r"^PDF(?=[A-ZÆØÅ][a-zæøå])", "", name.strip())  # "PDFBilag 2: …": a link icon's text glued on


def _what(store: Store, meeting_id: int, file_name: str, first: ChunkRow | None) -> str:
    """What a bilag file is: the heading of its first page, else its first sentence."""
    heading = first_heading(store.page_text(meeting_id, file_name, 1))
    if heading:
        return shorten(heading, BILAG_WHAT_CHARS)
    opening = sentences(body(first))[:1] if first is not None else []
    return shorten(opening[0], BILAG_WHAT_CHARS) if opening else ""
