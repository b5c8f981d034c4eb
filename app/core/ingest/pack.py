"""A meeting pack: the parsed files of one import, which of them is the agenda, and which
bilag belongs to which agenda item."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.ingest.chunking import Chunk
from app.core.ingest.isolation import extract_isolated
from app.core.ingest.ocr import OcrPage
from app.core.ingest.sniff import unreadable
from app.core.ingest.structure import Structure, detect_structure
from app.core.ingest.uncertain import held_pages
from app.core.messages import UserError
from app.core.models.manifest import sha256_of
from app.core.store import NewChunk

_MAIN_NAME_HINTS = ("dagsorden", "referat", "agenda", "minutes")
_NAME_WORD_RE = re.compile(r"[a-zæøå]+|\d+")
# Words that say nothing about which bilag a file is.
_NAME_NOISE = frozenset({"bilag", "pdf", "docx", "og", "i", "af", "til", "for", "med", "om", "den", "det", "de"})
# Share of a bilag name's words a file name must contain to be linked to its item.
MIN_NAME_MATCH = 0.6


@dataclass
class ParsedFile:
    path: Path
    sha256: str
    pages: list[str]
    structure: Structure
    ocr: dict[int, OcrPage] = field(default_factory=dict)  # page number -> how OCR read it
    unread_pages: list[int] = field(default_factory=list)  # scanned, but no OCR installed
    title: str | None = None  # the file's own title (metadata), if it has one

    @property
    def textless_pages(self) -> int:
        return sum(1 for page in self.pages if not page.strip())


def parse_file(path: Path, should_cancel: Callable[[], bool],
               progress: Callable[[int, int], None] = lambda _done, _total: None) -> ParsedFile:  # fmt: skip
    """progress(done, total) as the file's scanned pages are read by OCR."""
    try:
        sha256 = sha256_of(path)
    except OSError as exc:
        raise unreadable(path, exc) from exc
    pages = extract_isolated(str(path), should_cancel=should_cancel, progress=progress)
    unread = [p.number for p in pages if p.unread]
    if not any(page.text.strip() for page in pages):
        if unread:
            raise UserError("ocr_unavailable", path=str(path), pages=page_list(unread))
        raise UserError("no_text", path=str(path))
    ocr = {p.number: p.ocr for p in pages if p.ocr is not None}
    structure = detect_structure(pages)
    structure.held = held_pages(pages, structure)  # closed-item protection beyond the detector
    return ParsedFile(path, sha256, [p.text for p in pages], structure, ocr, unread, pages[0].title if pages else None)


def page_list(numbers: list[int]) -> str:
    """Page numbers for a message, runs folded: "2, 7-9, 12"."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def main_document(files: list[ParsedFile]) -> ParsedFile:
    """The agenda/minutes of a pack (its header names the meeting), not a bilag."""
    return max(files, key=lambda f: (
        any(hint in f.path.name.lower() for hint in _MAIN_NAME_HINTS), len(f.structure.items), len(f.pages),
    ))  # fmt: skip


def _name_words(name: str) -> set[str]:
    return {w for w in _NAME_WORD_RE.findall(name.lower()) if w not in _NAME_NOISE and not w.isdigit()}


def link_attachment(file_name: str, listed: dict[int, list[str]]) -> int | None:
    """The item whose bilag list names this file, when exactly one does well enough."""
    words = _name_words(Path(file_name).stem)
    if not words:
        return None
    scores: dict[int, float] = {}
    for item_number, names in listed.items():
        for name in names:
            wanted = _name_words(name)
            if wanted:
                score = len(wanted & words) / len(wanted | words)
                scores[item_number] = max(scores.get(item_number, 0.0), score)
    ranked = sorted(scores.items(), key=lambda pair: pair[1], reverse=True)
    if not ranked or ranked[0][1] < MIN_NAME_MATCH:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # two items list a bilag of that name: don't guess
    return ranked[0][0]


def chunks_for(chunks: list[Chunk], linked_item: int | None, item_titles: dict[int, str]) -> list[NewChunk]:
    """Chunks ready for the store; a bilag without items of its own belongs to the item that lists it."""
    return [
        NewChunk(c.page, c.item_number or linked_item, c.section, c.text,
                 context=item_titles.get(c.item_number or linked_item or -1, ""))  # fmt: skip
        for c in chunks
    ]
