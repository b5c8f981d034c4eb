"""A meeting pack: the parsed files of one import, which of them is the agenda, and which
bilag belongs to which agenda item."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.core.ingest.extract import Page
from app.core.ingest.isolation import extract_isolated
from app.core.ingest.ocr import OcrPage
from app.core.ingest.sniff import unreadable
from app.core.ingest.structure import Structure
from app.core.ingest.uncertain import structure_with_held
from app.core.ingest.locations import SECTIONED_SUFFIXES
from app.core.ingest.webpack import parse_sectioned
from app.core.messages import UserError
from app.core.models.manifest import sha256_of

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
    # Web pages and e-mails (ingest/webpack.py): the name it is stored under (a page's title), its bytes
    # when they are not a file of their own (an e-mail's attachment), the agenda item a link or its
    # e-mail gives it, what came with it (attachments; files its links point at) and what was left out.
    name: str = ""
    title: str = ""  # its own title: a page's <title>, a PDF's /Title, a DOCX property
    content: bytes | None = None
    linked_item: int | None = None
    attached_to: str | None = None
    companions: list[ParsedFile] = field(default_factory=list)
    links: list[tuple[Path, int | None]] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.name = self.name or self.path.name

    @property
    def textless_pages(self) -> int:
        return sum(1 for page in self.pages if not page.strip())


@dataclass
class ReadFile:
    """A file's pages as extraction (and OCR) read them, before any structure is detected."""

    path: Path
    sha256: str
    pages: list[Page]
    # Detected by the child that read the pages (ingest/isolation.py): done in the app's process,
    # ~1 s of CPU-bound Python for 350 pages held the GIL the window's UI thread waits for.
    structure: Structure | None = None


def parse_file(path: Path, should_cancel: Callable[[], bool],
               progress: Callable[[int, int], None] = lambda _done, _total: None) -> ParsedFile:  # fmt: skip
    """progress(done, total) as the file's scanned pages are read by OCR."""
    return structure_file(read_file(path, should_cancel, progress))


def read_file(path: Path, should_cancel: Callable[[], bool],
              progress: Callable[[int, int], None] = lambda _done, _total: None,
              page_progress: Callable[[int, int], None] | None = None) -> ReadFile | ParsedFile:  # fmt: skip
    """The file's pages, read in the isolated child; a file without any text is refused here.
    progress(done, total) as scanned pages are read by OCR, page_progress as its text pages are.
    A web page or an e-mail comes back structured already: its sections are its structure
    (ingest/webpack.py)."""
    try:
        sha256 = sha256_of(path)
    except OSError as exc:
        raise unreadable(path, exc) from exc
    if path.suffix.lower() in SECTIONED_SUFFIXES:
        return parse_sectioned(path, sha256, should_cancel)
    pages, structure = extract_isolated(str(path), should_cancel=should_cancel, progress=progress,
                                        page_progress=page_progress, task="structured")  # fmt: skip
    unread = [p.number for p in pages if p.unread]
    if not any(page.text.strip() for page in pages):
        if unread:
            raise UserError("ocr_unavailable", path=str(path), pages=page_list(unread))
        raise UserError("no_text", path=str(path))
    return ReadFile(path, sha256, pages, structure)


def structure_file(read: ReadFile | ParsedFile) -> ParsedFile:
    """Items, sections, the meeting header and the pages held as closed, detected in a read file."""
    if isinstance(read, ParsedFile):
        return read
    pages = read.pages
    ocr = {p.number: p.ocr for p in pages if p.ocr is not None}
    structure = read.structure if read.structure is not None else structure_with_held(pages)
    unread = [p.number for p in pages if p.unread]
    return ParsedFile(read.path, read.sha256, [p.text for p in pages], structure, ocr, unread,
                      title=(pages[0].title if pages else None) or "")


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
        any(hint in f.name.lower() for hint in _MAIN_NAME_HINTS), len(f.structure.items), len(f.pages),
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

