"""Meeting recordings: import, local transcription, agenda chapters and a searchable transcript.

This module holds the recording operations the Library offers (import, transcribe, transcript,
chapters, delete); subtitles.py reads SRT/WebVTT, transcription.py runs the child processes and
chapters.py aligns a transcript to the agenda.

A recording belongs to a meeting. The media file stays where the user keeps it: the store holds its
path and sha256 (for playback, and to notice a moved or changed file) and the transcript, encrypted
like all meeting text. Subtitles (SRT, WebVTT) are the transcript as they are; a media file with a
subtitle file of the same name beside it (or the other way round) is imported as one recording.
Other audio and video is transcribed by faster-whisper in a spawned child process (native code that
may crash; Cancel kills it). The child streams segments back and each is stored as it arrives, so a
transcription cut off by Cancel or a restart resumes after the last stored segment.

A complete transcript is aligned to the agenda (one chapter start per item) and indexed in windows
of about 45 seconds as the chunks of a pseudo-document named after the recording, so search finds
what was said like what was written; the store maps each such chunk to the moment it starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.core.messages import Cancelled, UserError
from app.core.models.manifest import ModelEntry
from app.core.progress import CancelCheck, Progress
# WINDOW_SECONDS, mentioned_items, TRANSCRIBE_OPTIONS and the rest stay importable from here, the
# recordings' API; the work is in chapters.py, subtitles.py and transcription.py.
from app.core.recordings.chapters import (WINDOW_SECONDS, align_chapters, chapter_at, item_profiles,
                                          mentioned_items, transcript_windows)
from app.core.recordings.subtitles import parse_subtitles
from app.core.recordings.transcription import (PROBE_TIMEOUT_S, TRANSCRIBE_OPTIONS, probe_child, run_child,
                                               transcribe_child)
from app.core.store.database import NewChunk, RecordingRow, Store, TranscriptSegment

if TYPE_CHECKING:
    from app.core.models.runtime import ModelWorker



class Library(Protocol):
    """What the recording operations use of the library (app.core.library.Library, which calls them)."""

    @property
    def store(self) -> Store: ...
    @property
    def index(self) -> Any: ...
    @property
    def worker(self) -> ModelWorker: ...
    def embedding_model(self) -> ModelEntry: ...
    def speech_model(self) -> ModelEntry: ...


MEDIA_SUFFIXES = (".mp4", ".mkv", ".mp3", ".m4a", ".wav")
SUBTITLE_SUFFIXES = (".srt", ".vtt")


@dataclass(frozen=True)
class Chapter:
    item_number: int
    title: str
    start: float  # seconds
    corrected: bool = False  # set by the user ("Kapitel starter her")


@dataclass(frozen=True)
class Transcript:
    recording: RecordingRow
    segments: list[TranscriptSegment]
    chapters: list[Chapter]  # in agenda order; empty until the transcript is complete
    # (start, end) seconds left out in presentation mode: closed items' chapters; the player skips them.
    hidden: list[tuple[float, float]] = field(default_factory=list)

    @property
    def media_path(self) -> Path | None:
        """The media file to play, if it is still where it was imported from."""
        path = Path(self.recording.media_path) if self.recording.media_path else None
        return path if path is not None and path.is_file() else None


@dataclass(frozen=True)
class RecordingMoment:
    """Where a search hit in a transcript was said."""

    recording_id: int
    title: str  # the recording's name without its extension
    seconds: float
    end: float | None = None  # where the transcript window of the hit ends


@dataclass(frozen=True)
class RecordingResult:
    recording_id: int
    name: str
    source: str  # "speech" or "subtitles"
    segments: int
    chapters: int
    already_imported: bool = False


# --- labels ------------------------------------------------------------------------------


def format_timestamp(seconds: float) -> str:
    """01:42:10"""
    whole = max(0, int(seconds))
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def recording_citation(number: int, title: str, seconds: float) -> str:
    """A numbered source that is a moment of a recording: "[3] Byrådsmøde 27.08 – 01:42:10"."""
    return f"[{number}] {title} – {format_timestamp(seconds)}"


# --- the Library's recording operations ----------------------------------------------------


def import_recording(library: Library, meeting_id: int, path: Path, progress: Progress,
                     should_cancel: CancelCheck, transcribe: bool = True) -> RecordingResult:  # fmt: skip
    """Attach a recording to a meeting and make its transcript (see the module docstring). The same
    content again continues an unfinished transcription (and notes a new location of the file).
    transcribe=False: audio/video is only attached, to be transcribed later (transcribe());
    subtitles are the transcript already and are always indexed."""
    store = library.store
    if not store.meeting_exists(meeting_id):
        raise UserError("meeting_missing", meeting_id=meeting_id)
    if not path.is_file():
        raise UserError("file_missing", path=str(path))
    if path.suffix.lower() not in MEDIA_SUFFIXES + SUBTITLE_SUFFIXES:
        raise UserError("recording_unsupported", path=str(path))
    media, subtitles = _pair(path)
    segments = parse_subtitles(subtitles) if subtitles else None
    progress(0.0, f"Kontrollerer {path.name} …")
    sha256 = _sha256(media or path, should_cancel)
    existing = store.recording_by_sha256(meeting_id, sha256)
    if existing is not None:
        if media is not None and existing.media_path != str(media):
            store.move_recording(existing.id, str(media))
        if not transcribe and not existing.complete:
            return _result(store, _recording(store, existing.id), already_imported=True)
        return _transcribe_rest(library, _recording(store, existing.id), progress, should_cancel)
    duration = _media_duration(media, should_cancel) if media else max(s.end for s in segments or [])
    model = None if segments else library.speech_model().name  # checked before anything is stored
    with store.transaction() as db:
        recording_id = store.add_recording(db, meeting_id, (media or path).name, str(media) if media else None,
                                           sha256, "subtitles" if segments else "speech", duration, model)  # fmt: skip
        store.add_segments(db, recording_id, segments or [])
    if segments is None:
        if not transcribe:
            return _result(store, _recording(store, recording_id))
        return _transcribe_rest(library, _recording(store, recording_id), progress, should_cancel)
    try:
        return _complete(library, _recording(store, recording_id), progress, should_cancel)
    except BaseException:
        store.delete_recording(recording_id)  # subtitles import whole or not at all
        raise


def transcribe(library: Library, recording_id: int, progress: Progress, should_cancel: CancelCheck) -> RecordingResult:
    """Transcribe the rest of a recording (all of it, or what a cancelled run left), then index it."""
    recording = _recording(library.store, recording_id)
    media = Path(recording.media_path or "")
    if not recording.complete and (not media.is_file() or _sha256(media, should_cancel) != recording.sha256):
        raise UserError("recording_moved", path=str(media))
    return _transcribe_rest(library, recording, progress, should_cancel)


def _transcribe_rest(library: Library, recording: RecordingRow, progress: Progress,
                     should_cancel: CancelCheck) -> RecordingResult:  # fmt: skip
    """transcribe(), once the media file is known to be the one imported."""
    store, recording_id = library.store, recording.id
    if recording.complete:
        return _result(store, recording, already_imported=True)
    entry = library.speech_model()
    media = str(recording.media_path)
    stored = store.segments(recording_id)
    offset = stored[-1].end if stored else 0.0
    duration = recording.duration

    def on_message(message: dict[str, Any]) -> None:
        nonlocal duration
        if "duration" in message:
            duration = max(float(message["duration"]), 1e-3)
            return
        segment = TranscriptSegment(*message["segment"])
        with store.transaction() as db:
            store.add_segments(db, recording_id, [segment])
        progress(0.9 * min(1.0, segment.end / duration),
                 f"Transskriberer {format_timestamp(segment.end)} af {format_timestamp(duration)} …")  # fmt: skip

    progress(0.9 * offset / max(duration, 1e-3), f"Transskriberer {recording.name} …")
    run_child(transcribe_child, (entry, media, offset, library.worker.threads),
               UserError("transcription_failed", path=media), on_message, should_cancel)  # fmt: skip
    return _complete(library, _recording(store, recording_id), progress, should_cancel)


def transcript(library: Library, recording_id: int, hide_closed: bool = False) -> Transcript:
    """The transcript by agenda chapter. hide_closed (presentation mode): the chapters of closed items
    and what was said in them are left out."""
    store = library.store
    recording = _recording(store, recording_id)
    items = store.items(recording.meeting_id)
    titles = {item.number: item.title for item in items}
    chapters = [Chapter(number, titles.get(number, ""), start, corrected)
                for number, start, corrected in store.chapters(recording_id)]  # fmt: skip
    segments = store.segments(recording_id)
    hidden: list[tuple[float, float]] = []
    if hide_closed:
        closed = {item.number for item in items if item.closed}
        starts = {c.item_number: c.start for c in chapters}
        segments = [s for s in segments if chapter_at(starts, s.start) not in closed]
        hidden = _closed_spans(chapters, closed, recording.duration)
        chapters = [c for c in chapters if c.item_number not in closed]
    return Transcript(recording, segments, chapters, hidden)


def _closed_spans(chapters: list[Chapter], closed: set[int], duration: float) -> list[tuple[float, float]]:
    """(start, end) of the time that belongs to closed items, as chapter_at() assigns it."""
    starts = {c.item_number: c.start for c in chapters}
    bounds = sorted({0.0, *starts.values(), max(duration, *starts.values(), 0.0)})
    spans: list[tuple[float, float]] = []
    for start, end in zip(bounds, bounds[1:]):
        if chapter_at(starts, start) in closed:
            if spans and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


def set_chapter_start(library: Library, recording_id: int, item_number: int, seconds: float) -> list[Chapter]:
    """The user says item_number starts at `seconds`. Earlier corrections that still fit the agenda
    order are kept; the other chapters are aligned again around them. Returns the new chapters."""
    store = library.store
    recording = _recording(store, recording_id)
    if item_number not in {item.number for item in store.items(recording.meeting_id)}:
        raise UserError("item_missing", meeting_id=recording.meeting_id, item=item_number)
    fixed = {n: start for n, start, corrected in store.chapters(recording_id) if corrected and (
        (n < item_number and start < seconds) or (n > item_number and start > seconds))}  # fmt: skip
    fixed[item_number] = seconds
    starts = _align(store, recording, store.segments(recording_id), fixed)
    with store.transaction() as db:
        store.save_chapters(db, recording_id, starts, set(fixed))
        _refile_chunks(store, db, recording, starts)
    return transcript(library, recording_id).chapters


def recording_moment(library: Library, chunk_id: int) -> RecordingMoment | None:
    found = library.store.recording_moment(chunk_id)
    if found is None:
        return None
    recording = _recording(library.store, found[0])
    return RecordingMoment(recording.id, Path(recording.name).stem, found[1], found[2])


@dataclass(frozen=True)
class RecordingStatus:
    """How far a recording's transcription is, for `moedemappe recording status`."""

    recording: RecordingRow
    transcribed: float  # seconds of it transcribed (all of it when complete)
    segments: int
    chapters: int

    @property
    def state(self) -> str:
        """ "complete", "partial" (begun, cut off: transcribe continues it) or "waiting" (not begun)."""
        return "complete" if self.recording.complete else "partial" if self.segments else "waiting"

    @property
    def progress(self) -> float:
        if self.recording.complete:
            return 1.0
        return min(1.0, self.transcribed / self.recording.duration) if self.recording.duration > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        r = self.recording
        return {"id": r.id, "meeting_id": r.meeting_id, "name": r.name, "source": r.source,
                "duration": round(r.duration, 1), "model": r.model, "media_path": r.media_path,
                "media_found": bool(r.media_path) and Path(r.media_path or "").is_file(),
                "status": self.state, "progress": round(self.progress, 3),
                "transcribed_seconds": round(self.transcribed, 1), "segments": self.segments,
                "chapters": self.chapters}  # fmt: skip


def recording_status(library: Library, recording_id: int) -> RecordingStatus:
    store = library.store
    recording = _recording(store, recording_id)
    segments = store.segments(recording_id)
    transcribed = recording.duration if recording.complete else (segments[-1].end if segments else 0.0)
    return RecordingStatus(recording, transcribed, len(segments), len(store.chapters(recording_id)))


def delete_recording(library: Library, recording_id: int) -> None:
    recording = _recording(library.store, recording_id)
    library.index.delete_ids(library.store.delete_recording(recording_id))
    library.store.audit("delete", f"Optagelse {recording.name}")


# --- helpers of the operations -------------------------------------------------------------


def _recording(store: Store, recording_id: int) -> RecordingRow:
    recording = store.recording(recording_id)
    if recording is None:
        raise UserError("recording_missing", recording_id=recording_id)
    return recording


def _pair(path: Path) -> tuple[Path | None, Path | None]:
    """(media file, subtitle file) of a recording: the given file and a file of the same name with the
    other kind of extension beside it, if there is one."""
    path = path.resolve()
    is_media = path.suffix.lower() in MEDIA_SUFFIXES
    others = SUBTITLE_SUFFIXES if is_media else MEDIA_SUFFIXES
    sibling = next((p for p in sorted(path.parent.iterdir())
                    if p.stem == path.stem and p.suffix.lower() in others and p.is_file()), None)  # fmt: skip
    return (path, sibling) if is_media else (sibling, path)


def _sha256(path: Path, should_cancel: CancelCheck) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(8 * 1024 * 1024):
            if should_cancel():
                raise Cancelled()
            digest.update(block)
    return digest.hexdigest()


def _media_duration(media: Path, should_cancel: CancelCheck) -> float:
    found: list[float] = []
    run_child(probe_child, (str(media),), UserError("recording_damaged", path=str(media)),
               lambda message: found.append(float(message["duration"])), should_cancel, PROBE_TIMEOUT_S)  # fmt: skip
    return found[0]


def _complete(library: Library, recording: RecordingRow, progress: Progress,
              should_cancel: CancelCheck) -> RecordingResult:  # fmt: skip
    """Index a finished transcript: chapters, searchable windows (each within one chapter) filed under
    their agenda items, their vectors, the audit entry."""
    store = library.store
    segments = store.segments(recording.id)
    fixed = {n: start for n, start, corrected in store.chapters(recording.id) if corrected}
    starts = _align(store, recording, segments, fixed)
    windows = transcript_windows(segments, sorted(starts.values()))
    vectors = _embed(library, [w.text for w in windows], progress, should_cancel)
    titles = {item.number: item.title for item in store.items(recording.meeting_id)}
    meeting = store.meeting(recording.meeting_id)
    chunk_ids: list[int] = []
    try:
        with store.transaction() as db:
            document_id = store.add_document(db, recording.meeting_id, recording.name, f"recording:{recording.id}",
                                             [w.text for w in windows])  # fmt: skip
            numbers = [chapter_at(starts, (w.start + w.end) / 2) for w in windows]
            chunks = [NewChunk(page, number, f"⏱ {format_timestamp(w.start)}", w.text, titles.get(number, "")) for
                      page, (w, number) in enumerate(zip(windows, numbers), start=1)]  # fmt: skip
            chunk_ids = store.add_chunks(db, document_id, chunks, store.item_ids(db, recording.meeting_id))
            store.complete_recording(db, recording.id, document_id,
                                     [(i, w.start, w.end) for i, w in zip(chunk_ids, windows)])  # fmt: skip
            store.save_chapters(db, recording.id, starts, set(fixed))
            store.audit("recording", f"{meeting.title if meeting else recording.meeting_id}: {recording.name}", db)
            library.index.add(recording.meeting_id, chunk_ids, vectors)  # inside: a failure rolls back the rows
    except BaseException:
        library.index.delete_ids(chunk_ids)
        raise
    progress(1.0, "Færdig")
    return _result(store, _recording(store, recording.id))


def _align(store: Store, recording: RecordingRow, segments: list[TranscriptSegment],
           fixed: dict[int, float]) -> dict[int, float]:  # fmt: skip
    """Chapter starts for the meeting's agenda, from item titles and item texts; `fixed` kept."""
    items = []
    for item in store.items(recording.meeting_id):
        chunks = store.chunks(store.item_chunk_ids(recording.meeting_id, item.number))
        items.append((item.number, item.title, " ".join(chunk.text for chunk in chunks)))
    return align_chapters(segments, item_profiles(items), fixed)


def _refile_chunks(store: Store, db: Any, recording: RecordingRow, starts: dict[int, float]) -> None:
    """After a chapter moved: each transcript window goes under the item discussed in its middle."""
    item_ids = store.item_ids(db, recording.meeting_id)
    titles = {item.number: item.title for item in store.items(recording.meeting_id)}
    changes = []
    for chunk_id, start, end in store.recording_chunks(recording.id):
        number = chapter_at(starts, (start + end) / 2)
        changes.append((chunk_id, item_ids.get(number) if number is not None else None, titles.get(number, "")))
    store.set_chunk_items(db, changes)


def _embed(library: Library, texts: list[str], progress: Progress, should_cancel: CancelCheck) -> list[list[float]]:
    model = library.embedding_model()
    vectors: list[list[float]] = []
    step = 64
    for start in range(0, len(texts), step):
        if should_cancel():
            raise Cancelled()
        progress(0.9 + 0.09 * start / len(texts), "Gør udskriften søgbar …")
        vectors.extend(library.worker.embed(model, texts[start : start + step]))
    return vectors


def _result(store: Store, recording: RecordingRow, already_imported: bool = False) -> RecordingResult:
    return RecordingResult(recording.id, recording.name, recording.source, len(store.segments(recording.id)),
                           len(store.chapters(recording.id)), already_imported)  # fmt: skip
