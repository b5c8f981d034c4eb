"""The import pipeline: one meeting pack from files into the library, stage by stage.

    paths ─▶ select ─▶ parse ─▶ structure ─▶ chunk ─▶ store ─────▶ (background) embed
            Selection  ReadFile  ParsedFile  ChunkedFile ImportResult  app.core.search.vectors

- select: the files the paths name (a folder: its supported files), each once, with room on disk;
- parse: each file's pages, read in an isolated child process, OCR for scanned pages (ingest.pack);
- structure: the meeting header, agenda items, sections, pages held as closed (ingest.structure),
  detected by the reading child as it sends the pages (CPU-bound Python, kept off the window's GIL);
- chunk: the passages that search finds and answers cite (ingest.chunking);
- store: the whole pack in one transaction of the encrypted store: readable and searchable by its
  words as soon as it commits;
- embed: vectors for the new passages, afterwards, in the background (app.core.search.vectors).

run_import() is the one place that runs them, checks between them (one meeting per pack, files
already imported, cancel) and reports honest progress (ImportProgress). Library.import_paths
delegates to it. A new stage is a function with a typed input and output here and a line there.
Nothing touches the data directory before the store stage opens the store: a pack refused on bad
input leaves the data directory exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.display import display_name
from app.core.ingest.chunking import Chunk, chunk_segments
from app.core.ingest.ocr import OcrSummary, summarise
from app.core.ingest.pack import ParsedFile, ReadFile, main_document, page_list, read_file, structure_file
from app.core.ingest.sniff import check_file, collect_files
from app.core.ingest.locations import is_sectioned
from app.core.ingest.webpack import bilag_item, distinct_names, follow_links
from app.core.store import item_marks
from app.core.messages import Cancelled, UserError, tr
from app.core.progress import CancelCheck, Progress, WorkProgress, never, no_progress
from app.core.store import integrity
from app.core.store.database import NewChunk
from app.core.store.notes import reanchor
from app.core.ingest.titles import HANDBOOK_COLLECTION, document_title, usable_title

if TYPE_CHECKING:
    from app.core.store.database import Store

DEFAULT_COLLECTION = "Møder"


@dataclass
class ImportResult:
    meeting_id: int
    title: str
    files: list[str]
    pages: int
    chunks: int
    structured: bool
    already_imported: bool = False
    skipped: list[tuple[str, str]] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # older versions of these files were replaced
    linked: dict[str, int] = field(default_factory=dict)  # bilag file -> the agenda item listing it
    textless_pages: int = 0  # pages without text (blank, or scanned with no OCR installed)
    ocr_pages: dict[str, OcrSummary] = field(default_factory=dict)  # file -> pages read by OCR, confidence
    unread_pages: dict[str, str] = field(default_factory=dict)  # file -> scanned pages OCR could not read
    held: dict[str, dict[int, str]] = field(default_factory=dict)  # file -> {page: reason} held as closed

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["skipped"] = [{"file": f, "error": e} for f, e in self.skipped]
        return data

    def notes(self, lang: str | None = None) -> list[str]:
        """What the user should know about this import, beyond the counts."""
        if self.already_imported:
            return []
        # Web pages and e-mails are sections by nature: no agenda items in them is no news.
        plain = not self.structured and not all(is_sectioned(name) for name in self.files)
        notes = [tr("note_unstructured", lang)] if plain else []
        if self.replaced:
            notes.append(tr("note_replaced", lang, files=", ".join(self.replaced)))
        if self.linked:
            links = ", ".join(f"{name} → {number}" for name, number in sorted(self.linked.items()))
            notes.append(tr("note_linked", lang, links=links))
        if self.ocr_pages:
            notes.append(tr("note_ocr", lang, files=ocr_note(self.ocr_pages)))
        if self.unread_pages:
            pages = "; ".join(f"{name} side {numbers}" for name, numbers in sorted(self.unread_pages.items()))
            notes.append(tr("note_unread", lang, pages=pages))
        elif self.textless_pages:
            notes.append(tr("note_textless", lang, pages=self.textless_pages))
        for name, pages in sorted(self.held.items()):
            reasons = "; ".join(tr(f"held_reason_{r}", lang) for r in dict.fromkeys(pages.values()))
            notes.append(tr("note_held", lang, file=name, pages=page_list(list(pages)), reasons=reasons,
                            meeting_id=self.meeting_id))  # fmt: skip
        return notes


@dataclass(frozen=True)
class Destination:
    """Where a pack goes: the library's store and vector index (opened on first use, after the files
    were read) and the library's guards around writing to them (app.core.library.Library)."""

    data_dir: Path
    store: Callable[[], Store]
    index: Callable[[], Any]
    with_vectors: Callable[[Callable[[], ImportResult]], ImportResult]  # a damaged vector index: rebuild, retry
    after_commit: Callable[[Callable[[], Any]], None]  # a vector clean-up the committed store must not wait for
    disk_full_as_message: Callable[[], AbstractContextManager[None]]


@dataclass(frozen=True)
class Selection:
    """The files of one import, each once; files given twice are noted, not read twice."""

    files: list[Path]
    skipped: list[tuple[str, str]]
    folder_import: bool  # a folder: a bad file is skipped and the rest imports; single files: it stops


@dataclass(frozen=True)
class ChunkedFile:
    parsed: ParsedFile
    chunks: list[Chunk]


def run_import(destination: Destination, paths: list[Path], collection: str = DEFAULT_COLLECTION,
               progress: Progress = no_progress, should_cancel: CancelCheck = never) -> ImportResult:  # fmt: skip
    """Import files or a folder as ONE meeting pack, atomically: the stages in order."""
    selection = select(paths, destination.data_dir)
    report = ImportProgress(progress, selection.files)
    read, skipped_reading = parse(selection, report, should_cancel)
    parsed, skipped_structure = structure(read, selection.folder_import, report, should_cancel)
    if not parsed:
        raise UserError("nothing_imported", details="; ".join(e for _name, e in skipped_reading + skipped_structure))
    parsed, skipped_copies = _without_copies(parsed)
    skipped = selection.skipped + skipped_reading + skipped_structure + skipped_copies
    _check_one_meeting(parsed)
    store = destination.store()
    known = store.known_hashes([p.sha256 for p in parsed])
    fresh = [p for p in parsed if p.sha256 not in known]
    if not fresh:
        meeting_id = next(iter(known.values()))
        title = next((m.title for m in store.meetings() if m.id == meeting_id), "")
        return ImportResult(meeting_id, title, [p.name for p in parsed], 0, 0, True, True, skipped)
    report.only(fresh)
    main = main_document(fresh)
    fresh.sort(key=lambda f: f is not main)  # the agenda first: bilag link to its items
    chunked = chunk(fresh, report)
    if should_cancel():
        raise Cancelled()
    # Text only: vectors are computed afterwards, in the background (app.core.search.vectors).
    report.saving()
    # Unchanged files of this pack name its meeting; else files of the same names do.
    target = next(iter(known.values()), None) or _meeting_with_same_files(store, fresh)
    with destination.disk_full_as_message():
        result = destination.with_vectors(lambda: save(destination, chunked, target, collection))
    result.skipped = skipped
    report.done()
    return result


# --- the stages ------------------------------------------------------------------------------


def select(paths: list[Path], data_dir: Path) -> Selection:
    """The files to read: sniffed (single files: now; a folder's: as each is read), each once, and
    refused up front when the disk has no room for them."""
    files, skipped = _without_repeats(collect_files(paths))
    folder_import = any(p.is_dir() for p in paths)
    for path in files:
        if not folder_import:
            check_file(path)
    integrity.check_free_space(data_dir, files)
    return Selection(files, skipped, folder_import)


def parse(selection: Selection, report: ImportProgress,
          should_cancel: CancelCheck) -> tuple[list[ReadFile | ParsedFile], list[tuple[str, str]]]:  # fmt: skip
    """Each file's pages, read in the isolated child (OCR where a page is scanned). A web page or an
    e-mail comes back sectioned already, with what came with it (an e-mail's attachments)."""
    read: list[ReadFile | ParsedFile] = []
    skipped: list[tuple[str, str]] = []
    for number, path in enumerate(selection.files):
        try:
            if selection.folder_import:
                check_file(path)
            report.opening(number)
            entry = read_file(path, should_cancel, report.scanned_page(number), report.text_page(number))
            report.file_read(number, len(entry.pages))
        except UserError as error:
            if not selection.folder_import:
                raise
            skipped.append((path.name, error.message()))  # the rest of the pack still imports
            report.file_dropped(number)
            continue
        read.append(entry)
        if isinstance(entry, ParsedFile):  # an e-mail's attachments are bilag of the same pack
            read += entry.companions
            skipped += entry.left_out
    return read, skipped


def structure(read: list[ReadFile | ParsedFile], folder_import: bool, report: ImportProgress,
              should_cancel: CancelCheck = never) -> tuple[list[ParsedFile], list[tuple[str, str]]]:  # fmt: skip
    """The meeting header, agenda items, sections and held pages of each read file; then the bilag a
    web page links to in its saved folder, and names made distinct (ingest/webpack.py)."""
    parsed: list[ParsedFile] = []
    skipped: list[tuple[str, str]] = []
    for number, file in enumerate(read):
        try:
            parsed.append(structure_file(file))
        except UserError as error:
            if not folder_import:
                raise
            skipped.append((file.path.name, error.message()))
        report.structured(file.path, number, len(read))
    followed, not_followed = follow_links(parsed, should_cancel)
    distinct_names(parsed := parsed + followed)
    return parsed, skipped + not_followed


def chunk(fresh: list[ParsedFile], report: ImportProgress) -> list[ChunkedFile]:
    """The passages of each file: by item and section, a few sentences long (ingest.chunking)."""
    chunked = []
    for parsed in fresh:
        chunked.append(ChunkedFile(parsed, chunk_segments(parsed.structure.segments)))
        report.chunked(parsed)
    return chunked


def save(destination: Destination, chunked: list[ChunkedFile], target: int | None, collection: str) -> ImportResult:
    """The pack into the store in one transaction: a new meeting (or `target`, the meeting these
    files belong to), its documents, items, bilag links, passages and the audit entry."""
    store, fresh = destination.store(), [c.parsed for c in chunked]
    main = main_document(fresh)
    header = main.structure.header
    # A web page or an e-mail without a committee is named by its title or subject (ingest/webpack.py).
    title = display_name(" ".join(x for x in (header.committee or usable_title(main.title), header.date) if x)
                         or main.path.stem)
    if collection == HANDBOOK_COLLECTION:  # a law or guideline: no committee, date or closed items
        title = display_name(document_title(main.name, main.title, main.pages[0] if main.pages else ""))
        header = replace(header, committee=None, date=None, kind=None, place=None)
        for parsed in fresh:
            parsed.structure.held = {}  # "lukkede døre" in a law's text marks no closed item
    replaced = store.documents_named(target, [p.name for p in fresh]) if target else {}
    chunk_ids: list[int] = []
    linked: dict[str, int] = {}
    try:
        with store.transaction() as db:
            meeting_id = target or store.add_meeting(
                db, collection, title, header.committee, header.date, header.kind, header.place,
                any(f.structure.items for f in fresh),
            )  # fmt: skip
            detached = store.detach_bilag(db, list(replaced.values()))  # a changed agenda keeps its bilag
            old_chunk_ids = store.delete_documents(db, list(replaced.values()))
            item_ids = store.item_ids(db, meeting_id)
            listed = store.attachment_names(db, meeting_id)
            titles: dict[int, str] = {}
            for file in chunked:
                parsed = file.parsed
                document_id = store.add_document(db, meeting_id, parsed.name, parsed.sha256,
                                                 parsed.pages, _original(parsed))  # fmt: skip
                store.add_ocr_pages(db, document_id, parsed.ocr)
                store.hold_pages(db, document_id, parsed.structure.held)
                for item in parsed.structure.items:
                    item_ids[item.number] = store.add_item(db, meeting_id, document_id, item)
                    listed[item.number] = item.attachments
                    titles[item.number] = item.title
                item_number = None if parsed.structure.items else bilag_item(parsed, listed, linked)
                if item_number is not None and item_number in item_ids:
                    store.link_document(db, document_id, item_ids[item_number])
                    linked[parsed.name] = item_number
                chunk_ids += store.add_chunks(db, document_id, chunks_for(file.chunks, item_number, titles), item_ids)
            store.relink_bilag(db, detached, item_ids, titles)
            # The user's own links outlive a re-import (and the report says where the files went).
            for name, number in item_marks.apply_links(db, meeting_id).items():
                linked.pop(name, None)
                if number is not None and name in (p.name for p in fresh):
                    linked[name] = number
            # The meeting's id and how much, never its title, file names or text: a deleted meeting
            # leaves nothing here that says what it was.
            store.audit("import", f"møde {meeting_id}: {len(fresh)} fil(er), {sum(len(p.pages) for p in fresh)} sider", db)
    except BaseException:
        destination.index().delete_ids(chunk_ids)
        raise
    # After commit: a leftover vector would point at nothing, and one a crash left under a chunk
    # id the store has now reused would pass for the new chunk's (the backlog counts it embedded).
    index = destination.index
    destination.after_commit(lambda: index().delete_ids(old_chunk_ids + index().present(chunk_ids)))
    if replaced:  # the user's highlights follow their text into the changed files (app.core.store.notes)
        reanchor(store, meeting_id)
    return ImportResult(
        meeting_id=meeting_id, title=title, files=[p.name for p in fresh],
        pages=sum(len(p.pages) for p in fresh), chunks=len(chunk_ids),
        structured=any(p.structure.items for p in fresh), replaced=sorted(replaced),
        linked=linked, textless_pages=sum(p.textless_pages for p in fresh),
        ocr_pages={p.name: summarise(p.ocr) for p in fresh if p.ocr},
        unread_pages={p.name: page_list(p.unread_pages) for p in fresh if p.unread_pages},
        held={p.name: dict(p.structure.held) for p in fresh if p.structure.held},
    )  # fmt: skip


def chunks_for(chunks: list[Chunk], linked_item: int | None, item_titles: dict[int, str]) -> list[NewChunk]:
    """Chunks ready for the store; a bilag without items of its own belongs to the item that lists it."""
    return [
        NewChunk(c.page, c.item_number or linked_item, c.section, c.text,
                 context=item_titles.get(c.item_number or linked_item or -1, ""))  # fmt: skip
        for c in chunks
    ]


# --- progress --------------------------------------------------------------------------------


class ImportProgress:
    """The import's progress, counted in pages: each stage moves the bar by what its pages cost.

    Relative costs per page, measured on the 351-page pack on 2 cores: reading a text page in the
    child is the unit, a scanned page's OCR costs ~40 of them, detecting structure and storing a
    page a fraction. A file's page count is guessed from its size until the child says; the plan
    then grows or shrinks and the bar shares out the rest anew (WorkProgress): it never goes back.
    """

    FILE = 60.0  # starting the isolated reader child for a file (~1 s)
    READ, OCR, STRUCTURE, CHUNK, STORE = 1.0, 60.0, 0.35, 0.05, 0.4
    BYTES_PER_PAGE = 20_000  # a guess: a text page is 2-50 KB (fonts, the odd logo)

    def __init__(self, progress: Progress, files: list[Path]) -> None:
        self._files = files
        self._pages = [max(1, _size(path) // self.BYTES_PER_PAGE) for path in files]
        self._read_done = [0] * len(files)  # text pages read, per file
        self._ocr = [0] * len(files)  # scanned pages to OCR, per file, once the child says
        self._ocr_done = [0] * len(files)
        self._started: set[int] = set()  # files whose child has started reading
        self._dropped: set[int] = set()  # files that could not be read (a folder import goes on without them)
        self._work = WorkProgress(progress, sum(self._file_cost(i) for i in range(len(files))))

    def _later_cost(self, number: int) -> float:
        """What a file costs after it is read: structure, chunks and storing, per page."""
        return self._pages[number] * (self.STRUCTURE + self.CHUNK + self.STORE)

    def _read_cost(self, number: int) -> float:
        return self.FILE + self._pages[number] * self.READ + self._ocr[number] * self.OCR

    def _file_cost(self, number: int) -> float:
        return self._read_cost(number) + self._later_cost(number)

    def _read_spent(self, number: int) -> float:
        started = self.FILE if number in self._started else 0.0
        return started + self._read_done[number] * self.READ + self._ocr_done[number] * self.OCR

    def _begun(self, number: int) -> float:
        """The child's start-up, counted done with the file's first progress (it came before it)."""
        if number in self._started:
            return 0.0
        self._started.add(number)
        return self.FILE

    def _name(self, number: int) -> str:
        return display_name(self._files[number].name)

    # parse
    def opening(self, number: int) -> None:
        """Said at once: the child that reads the file takes a moment to start."""
        self._work.advance(0.0, tr("progress_opening", name=self._name(number)))

    def text_page(self, number: int) -> Callable[[int, int], None]:
        """The child's progress as it reads a file's text layer: page done of total."""
        def report(done: int, total: int) -> None:
            if total != self._pages[number]:  # the file's real length: the plan follows
                self._work.grow((total - self._pages[number]) * (self.READ + self.STRUCTURE + self.CHUNK + self.STORE))
                self._pages[number] = total
            step, self._read_done[number] = done - self._read_done[number], done
            self._work.advance(self._begun(number) + step * self.READ, tr("progress_reading", done=done, total=total, name=self._name(number)))

        return report

    def scanned_page(self, number: int) -> Callable[[int, int], None]:
        """The child's OCR progress: called before each scanned page with (pages done, pages to read)."""
        def report(done: int, total: int) -> None:
            if total != self._ocr[number]:
                self._work.grow((total - self._ocr[number]) * self.OCR)
                self._ocr[number] = total
            step, self._ocr_done[number] = done - self._ocr_done[number], done
            self._work.advance(self._begun(number) + step * self.OCR,
                               tr("progress_reading_scanned", done=done + 1, total=total, name=self._name(number)))

        return report

    def file_read(self, number: int, pages: int) -> None:
        """A file is read: the rest of its reading cost (the child's start, the last OCR page) is done."""
        if pages != self._pages[number]:  # no page progress came (an image file): its real length now
            self._work.grow((pages - self._pages[number]) * (self.READ + self.STRUCTURE + self.CHUNK + self.STORE))
            self._pages[number] = pages
        self._work.advance(self._read_cost(number) - self._read_spent(number),
                           tr("progress_reading", done=self._pages[number], total=self._pages[number],
                              name=self._name(number)))  # fmt: skip

    def file_dropped(self, number: int) -> None:
        """A folder's file could not be read: its remaining work leaves the plan."""
        self._dropped.add(number)
        self._work.grow(-(self._read_cost(number) - self._read_spent(number) + self._later_cost(number)))

    # structure, chunk, store
    def _number(self, path: Path) -> int | None:
        """The file's place in the plan; None for one that came with another (an e-mail's attachment,
        a bilag a web page links to): its work is counted in the file it came with."""
        return self._files.index(path) if path in self._files else None

    def structured(self, path: Path, done: int, total: int) -> None:
        number = self._number(path)
        cost = self._pages[number] * self.STRUCTURE if number is not None else 0.0
        self._work.advance(cost, tr("progress_structure", done=done + 1, total=total, name=display_name(path.name)))

    def only(self, fresh: list[ParsedFile]) -> None:
        """Files already imported are neither chunked nor stored again: their later work leaves the plan."""
        kept = {p.path for p in fresh}
        dropped = [i for i, path in enumerate(self._files) if path not in kept and i not in self._dropped]
        self._work.grow(-sum(self._pages[i] * (self.CHUNK + self.STORE) for i in dropped))

    def chunked(self, parsed: ParsedFile) -> None:
        number = self._number(parsed.path)
        self._work.advance(self._pages[number] * self.CHUNK if number is not None else 0.0, tr("progress_chunking"))

    def saving(self) -> None:
        self._work.advance(0.0, tr("progress_saving"))

    def done(self) -> None:
        self._work.finish(tr("progress_done"))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --- checks between the stages -------------------------------------------------------------


def _meeting_with_same_files(store: Store, fresh: list[ParsedFile]) -> int | None:
    """The meeting of the same committee and date that has files of these names (changed
    versions of them), else None: the files make a new meeting."""
    header = main_document(fresh).structure.header
    return store.meeting_with_document(header.committee, header.date, [p.name for p in fresh])


def _without_repeats(files: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The same file given twice (or through a link) is imported once, with a note."""
    seen: set[str] = set()
    unique, skipped = [], []
    for path in files:
        key = os.path.realpath(path)
        if key in seen:
            skipped.append((path.name, UserError("file_given_twice", path=str(path)).message()))
        else:
            seen.add(key)
            unique.append(path)
    return unique, skipped


def _without_copies(parsed: list[ParsedFile]) -> tuple[list[ParsedFile], list[tuple[str, str]]]:
    """Byte-identical files in one pack (a bilag saved twice): the first is imported, the rest noted."""
    first: dict[str, ParsedFile] = {}
    skipped = []
    for entry in parsed:
        original = first.setdefault(entry.sha256, entry)
        if original is not entry:
            message = UserError("file_duplicate", path=str(entry.path), original=original.name).message()
            skipped.append((entry.name, message))
    return list(first.values()), skipped


def _check_one_meeting(parsed: list[ParsedFile]) -> None:
    """Refuse files of different meetings in one import: merged, their agenda items would collide and
    the second meeting's pages would carry the first one's date and committee."""
    meetings = sorted({(f.structure.header.committee, f.structure.header.date) for f in parsed
                       if f.structure.items and f.structure.header.committee and f.structure.header.date})  # fmt: skip
    if len(meetings) > 1:
        raise UserError("several_meetings", meetings="; ".join(f"{committee} {day}" for committee, day in meetings))


def _original(parsed: ParsedFile) -> bytes:
    """The file's bytes for the reader; exactly the version that was parsed, or the import stops."""
    if parsed.content is not None:  # an e-mail's attachment: read from the e-mail, never a file of its own
        return parsed.content
    try:
        content = parsed.path.read_bytes()
    except OSError as exc:
        raise UserError("file_changed", path=str(parsed.path)) from exc
    if hashlib.sha256(content).hexdigest() != parsed.sha256:
        raise UserError("file_changed", path=str(parsed.path))
    return content


def ocr_note(summaries: dict[str, OcrSummary]) -> str:
    """ "bilag.pdf (3 sider, sikkerhed 91 %)" for each file read by OCR."""
    return ", ".join(f"{name} ({s.pages} sider, sikkerhed {s.confidence:.0f} %)" for name, s in sorted(summaries.items()))
