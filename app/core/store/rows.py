"""The store's rows as the rest of the core sees them (frozen dataclasses), and the filters a search
may apply. Plain data: no connection, nothing opened."""

from __future__ import annotations

from dataclasses import dataclass

# A chunk on a held page counts as closed; so does an item with a held page.
CHUNK_HELD = "EXISTS (SELECT 1 FROM held_pages h WHERE h.document_id = c.document_id AND h.page = c.page)"
ITEM_HELD = ("EXISTS (SELECT 1 FROM held_pages h WHERE h.document_id = i.document_id"
              " AND h.page BETWEEN i.start_page AND i.end_page)")  # fmt: skip


@dataclass(frozen=True)
class MeetingRow:
    id: int
    collection: str
    title: str
    committee: str | None
    date: str | None
    kind: str | None
    structured: bool
    documents: list[str]
    item_count: int
    opened: bool = True  # False until the user first opens it ("Ny")


@dataclass(frozen=True)
class ChunkRow:
    id: int
    document: str
    page: int
    meeting_id: int
    committee: str | None
    date: str | None
    item_number: int | None
    item_title: str | None
    item_closed: bool | None
    section: str | None
    text: str


@dataclass(frozen=True)
class SearchFilter:
    """Which chunks a search may return. Empty fields do not filter."""

    collection: str | None = None
    meeting_id: int | None = None
    committee: str | None = None  # part of the committee name, any case
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive
    item_number: int | None = None
    closed: bool | None = None  # True: only closed items; False: no closed items

    def where(self) -> tuple[str, list[object]]:
        """SQL conditions over meetings m and items i, with their parameters."""
        parts: list[str] = []
        params: list[object] = []
        for condition, value in (
            ("m.collection = ?", self.collection), ("m.id = ?", self.meeting_id),
            ("lower(m.committee) LIKE '%' || lower(?) || '%'", self.committee),
            ("m.date >= ?", self.date_from), ("m.date <= ?", self.date_to), ("i.number = ?", self.item_number),
        ):  # fmt: skip
            if value is not None:
                parts.append(condition)
                params.append(value)
        if self.closed is not None:
            parts.append(f"(coalesce(i.closed, 0) OR {CHUNK_HELD}) = ?")
            params.append(int(self.closed))
        return "".join(f" AND {p}" for p in parts), params

    @property
    def active(self) -> bool:
        return self != SearchFilter()


@dataclass(frozen=True)
class NewChunk:
    page: int
    item_number: int | None
    section: str | None
    text: str
    # Extra words that help lexical search find the chunk (item title), not shown to users.
    context: str = ""


@dataclass(frozen=True)
class ItemRow:
    """An agenda item with its meeting, for briefings and case history."""

    meeting_id: int
    committee: str | None
    date: str | None
    number: int
    title: str
    case_number: str | None
    closed: bool
    start_page: int
    end_page: int
    document: str
    held: bool = False  # closed only because a page of it is held until the user confirms it open


@dataclass(frozen=True)
class HeldPage:
    """A page treated as closed until the user confirms it open (app.core.ingest.uncertain)."""

    document: str
    page: int
    reason: str  # "contents_missing" | "closed_marker"


@dataclass(frozen=True)
class RecordingRow:
    id: int
    meeting_id: int
    name: str  # the media (or subtitle) file's name
    media_path: str | None  # where the media file was imported from (never copied); None: subtitles only
    sha256: str  # of the media file, or of the subtitle file when there is no media
    source: str  # "speech" (transcribed here) or "subtitles"
    duration: float  # seconds
    model: str | None  # the speech model that transcribed it
    complete: bool  # the whole recording is transcribed and searchable
    document_id: int | None  # the searchable transcript (a pseudo-document of the meeting)


@dataclass(frozen=True)
class TranscriptSegment:
    start: float  # seconds
    end: float
    text: str


def recording_row(r: tuple) -> RecordingRow:
    return RecordingRow(int(r[0]), int(r[1]), str(r[2]), r[3], r[4], str(r[5]), float(r[6]), r[7], bool(r[8]), r[9])


def item_row(r: tuple) -> ItemRow:
    return ItemRow(int(r[0]), r[1], r[2], int(r[3]), str(r[4]), r[5], bool(r[6]), int(r[7]), int(r[8]), str(r[9]),
                   bool(r[10]))
