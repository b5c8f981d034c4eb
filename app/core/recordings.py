"""Meeting recordings: import, local transcription, agenda chapters and a searchable transcript.

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

import math
import multiprocessing
import re
import signal
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.ingest.chunking import TARGET_CHARS
from app.core.messages import Cancelled, UserError
from app.core.models.manifest import ModelEntry, intact
from app.core.hardening import disable_core_dumps
from app.core.offline import install_guard
from app.core.store import NewChunk, RecordingRow, Store, TranscriptSegment
from app.core.text import stems

if TYPE_CHECKING:
    from app.core.library import CancelCheck, Library, Progress

MEDIA_SUFFIXES = (".mp4", ".mkv", ".mp3", ".m4a", ".wav")
SUBTITLE_SUFFIXES = (".srt", ".vtt")
SAMPLE_RATE = 16_000  # what Whisper listens at
WINDOW_SECONDS = 45.0  # a searchable transcript chunk: about a paragraph of speech
PROBE_TIMEOUT_S = 60.0
_POLL_S = 0.05
_EXIT_S = 10.0
# Whisper settings. The VAD drops the silences of a meeting (pauses, breaks) where Whisper would
# invent text; without conditioning on the previous window it cannot get stuck repeating itself, and
# a resumed transcription needs nothing from the run before it but where that run stopped.
TRANSCRIBE_OPTIONS: dict[str, Any] = {
    "language": "da", "beam_size": 5, "vad_filter": True, "condition_on_previous_text": False,
}  # fmt: skip


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


# --- subtitles ---------------------------------------------------------------------------

_MARKUP = re.compile(r"<[^>]*>|\{\\[^}]*\}")  # <i>, <v Name>, <00:01.000> and SSA {\an8} tags


def parse_subtitles(path: Path) -> list[TranscriptSegment]:
    """An SRT or WebVTT file as segments: its exact times, its text without markup. A malformed file
    is refused whole rather than imported in part."""
    import srt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    text = _subtitle_text(path)
    try:
        cues = _vtt_cues(text) if path.suffix.lower() == ".vtt" else _srt_cues(text)
    except (srt.SRTParseError, MalformedFileError, MalformedCaptionError, ValueError) as exc:
        raise UserError("subtitles_damaged", path=str(path)) from exc
    segments = [TranscriptSegment(start, end, " ".join(_MARKUP.sub("", raw).split())) for start, end, raw in cues]
    segments = [s for s in segments if s.text]
    if not segments:
        raise UserError("subtitles_empty", path=str(path))
    return sorted(segments, key=lambda s: s.start)


def _subtitle_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # older Danish SRT files


def _srt_cues(text: str) -> list[tuple[float, float, str]]:
    import srt

    return [(cue.start.total_seconds(), cue.end.total_seconds(), cue.content) for cue in srt.parse(text)]


def _vtt_cues(text: str) -> list[tuple[float, float, str]]:
    import io

    import webvtt

    captions = webvtt.from_buffer(io.StringIO(text), strict=True)
    return [(c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000, c.raw_text)
            for c in captions]  # fmt: skip


# --- agenda chapters ---------------------------------------------------------------------

NUMBER_WORDS = {
    word: number
    for number, words in enumerate(
        ("", "et en ét", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv", "tretten",
         "fjorten", "femten", "seksten", "sytten", "atten", "nitten", "tyve"))  # fmt: skip
    for word in words.split()
}
# "punkt 7", "punkt nummer syv", "pkt. 7"; speech models often hear "punkt" without its k.
_MENTION = re.compile(r"\b(?:punkt|pkt|punt)\.?\s+(?:nr\.?\s+|nummer\s+)?(\d{1,3}|[a-zæøå]+)\b", re.IGNORECASE)
MENTION_WEIGHT = 4.0  # "punkt 7" said aloud outweighs a few shared words
TITLE_WEIGHT = 2.0
KEY_TERMS = 12  # the item text's most telling words that count as evidence besides its title
_PREFIX = 5  # misheard inflections ("økonomie") still share their first letters


@dataclass(frozen=True)
class ItemProfile:
    """What being about an agenda item sounds like: its number and weighted word stems."""

    number: int
    weights: dict[str, float]

    @cached_property
    def _prefixes(self) -> dict[str, float]:
        return {stem[:_PREFIX]: weight for stem, weight in self.weights.items() if len(stem) > _PREFIX}

    def score(self, segment_stems: set[str], mentioned: set[int]) -> float:
        score = MENTION_WEIGHT if self.number in mentioned else 0.0
        for stem in segment_stems:
            if stem in self.weights:
                score += self.weights[stem]
            elif len(stem) > _PREFIX and stem[:_PREFIX] in self._prefixes:
                score += self._prefixes[stem[:_PREFIX]] / 2
        return score


def item_profiles(items: list[tuple[int, str, str]]) -> list[ItemProfile]:
    """Profiles of (number, title, text) agenda items. A word weighs more the fewer items use it, so
    "forslag" in every title says little and "skolebus" in one says much."""
    titles = [set(_content_stems(title)) for _, title, _ in items]
    counts = [Counter(_content_stems(text)) for _, _, text in items]
    used_by = Counter(stem for title, count in zip(titles, counts) for stem in title | set(count))
    idf = {stem: math.log(1 + len(items) / n) for stem, n in used_by.items()}
    profiles = []
    for (number, _, _), title, count in zip(items, titles, counts):
        telling = sorted((s for s, n in count.items() if n >= 2), key=lambda s: -count[s] * idf[s])[:KEY_TERMS]
        weights = {stem: idf[stem] for stem in telling}
        weights.update({stem: TITLE_WEIGHT * idf[stem] for stem in title})
        profiles.append(ItemProfile(number, weights))
    return profiles


def _content_stems(text: str) -> list[str]:
    return [s for s in stems(text) if len(s) >= 3 and not s.isdigit()]


def mentioned_items(text: str) -> set[int]:
    """Agenda item numbers said in the text ("punkt 7", "punkt syv")."""
    found = set()
    for token in _MENTION.findall(text):
        number = int(token) if token.isdigit() else NUMBER_WORDS.get(token.lower())
        if number:
            found.add(number)
    return found


def align_chapters(segments: list[TranscriptSegment], profiles: list[ItemProfile],
                   fixed: dict[int, float] | None = None) -> dict[int, float]:  # fmt: skip
    """Item number -> the second its chapter starts.

    A monotonic alignment: each segment goes to one item, items in agenda order, an item may get no
    segment (not discussed, or outside the recording), and the total evidence (item mentions, title
    words, key terms) is as large as possible — dynamic programming over segments × items. A chapter
    starts where its item's evidence begins: on ties the switch to the next item comes as late as
    possible. `fixed` holds starts the user set; the other chapters are aligned around them.
    """
    fixed = fixed or {}
    if not segments or not profiles:
        return {p.number: fixed.get(p.number, 0.0) for p in profiles}
    heard = [(set(_content_stems(s.text)), mentioned_items(s.text)) for s in segments]
    scores = [[p.score(words, mentions) for p in profiles] for words, mentions in heard]
    anchors = _anchors(segments, profiles, fixed)
    states = _best_path(scores, anchors)
    starts = {}
    for position, profile in enumerate(profiles):
        first = next((i for i, state in enumerate(states) if state >= position), None)
        starts[profile.number] = segments[first].start if first is not None else segments[-1].end
    return {**starts, **{profiles[position].number: fixed[profiles[position].number] for position in anchors}}


def _anchors(segments: list[TranscriptSegment], profiles: list[ItemProfile], fixed: dict[int, float]) -> dict[int, int]:
    """Item position -> the segment its chapter must start at, for starts the user set; in order (an
    anchor that would not come after the previous one is dropped)."""
    anchors: dict[int, int] = {}
    for position, profile in enumerate(profiles):
        if profile.number not in fixed:
            continue
        at = next((i for i, s in enumerate(segments) if s.start >= fixed[profile.number] - 0.05), len(segments))
        if at < len(segments) and all(at > earlier for earlier in anchors.values()):
            anchors[position] = at
    return anchors


def _best_path(scores: list[list[float]], anchors: dict[int, int]) -> list[int]:
    """The item position of each segment on the best monotonic path through the score matrix."""
    items = len(scores[0])

    def allowed(i: int, j: int) -> bool:
        return all((j == k) if i == at else (j < k) if i < at else (j >= k) for k, at in anchors.items())

    best = [[scores[0][j] if allowed(0, j) else -math.inf for j in range(items)]]
    back = [list(range(items))]
    for i in range(1, len(scores)):
        row, came = [], []
        earlier, earlier_at = -math.inf, -1  # the best previous state before j (the first of equals)
        for j in range(items):
            previous, source = (earlier, earlier_at) if earlier >= best[-1][j] else (best[-1][j], j)
            row.append(previous + scores[i][j] if allowed(i, j) and previous > -math.inf else -math.inf)
            came.append(source)
            if best[-1][j] > earlier:
                earlier, earlier_at = best[-1][j], j
        best.append(row)
        back.append(came)
    state = max(range(items), key=lambda j: (best[-1][j], -j))  # later items not reached stay empty
    path = [state]
    for i in range(len(scores) - 1, 0, -1):
        state = back[i][state]
        path.append(state)
    return path[::-1]


def transcript_windows(segments: list[TranscriptSegment], breaks: Sequence[float] = ()) -> list[TranscriptSegment]:
    """Consecutive segments joined into windows of about WINDOW_SECONDS (or TARGET_CHARS of text); a
    window also ends where a chapter starts (`breaks`, in seconds), so that it belongs to one item."""
    windows: list[TranscriptSegment] = []
    current: list[TranscriptSegment] = []
    for segment in segments:
        if current and any(current[0].start < b <= segment.start for b in breaks):
            windows.append(_joined(current))
            current = []
        current.append(segment)
        long_enough = current[-1].end - current[0].start >= WINDOW_SECONDS
        if long_enough or sum(len(s.text) + 1 for s in current) >= TARGET_CHARS:
            windows.append(_joined(current))
            current = []
    if current:
        windows.append(_joined(current))
    return windows


def _joined(segments: list[TranscriptSegment]) -> TranscriptSegment:
    return TranscriptSegment(segments[0].start, segments[-1].end, " ".join(s.text for s in segments))


def chapter_at(starts: dict[int, float], seconds: float) -> int | None:
    """The item whose chapter is running at that second (the first item before any chapter starts)."""
    if not starts:
        return None
    running = [n for n, start in starts.items() if start <= seconds]
    return max(running, key=lambda n: (starts[n], n)) if running else min(starts)


# --- child processes ---------------------------------------------------------------------


def _run_child(target: Callable[..., None], args: tuple[Any, ...], failure: UserError,
               on_message: Callable[[dict[str, Any]], None], should_cancel: CancelCheck,
               timeout_s: float = math.inf) -> None:  # fmt: skip
    """Run target(*args, sender) in a spawned child and hand on each message it sends until it ends.
    Cancel kills the child (Cancelled); a child that dies or overruns the timeout raises `failure`."""
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=target, args=(*args, sender), daemon=True, name="recording-worker")
    process.start()
    sender.close()
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            if should_cancel():
                raise Cancelled()
            if receiver.poll(_POLL_S):
                try:
                    message = receiver.recv()
                except EOFError as exc:  # died while sending
                    raise failure from exc
                if "end" in message:
                    process.join(timeout=_EXIT_S)  # killed only if it hangs: its libraries clean up on exit
                    return
                if "user" in message:
                    raise UserError(message["user"][0], **message["user"][1])
                if "error" in message:
                    raise RuntimeError(message["error"])
                on_message(message)
            elif (not process.is_alive() and not receiver.poll(0)) or time.monotonic() > deadline:
                raise failure
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()


def _child_main(sender: Any, work: Callable[[Callable[[dict[str, Any]], None]], None]) -> None:
    # Ctrl+C in a terminal reaches the whole process group: the parent stops the child (Cancelled or
    # KeyboardInterrupt kill it), so the child ignores it instead of printing a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    install_guard()  # a spawned child does not inherit the parent's patched sockets
    disable_core_dumps()  # execve reset the parent's non-dumpable flag
    try:
        work(sender.send)
        sender.send({"end": True})
    except UserError as exc:
        sender.send({"user": (exc.key, exc.params)})
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which raises it
        sender.send({"error": f"{type(exc).__name__}: {exc}"})


def _probe_child(path: str, sender: Any) -> None:
    _child_main(sender, lambda send: send({"duration": _probe(path)}))


def _probe(path: str) -> float:
    """The media's duration in seconds, after decoding its first second of sound: a file that cannot be
    opened, has no sound or does not decode is refused before anything is stored."""
    import av

    try:
        with av.open(path) as container:
            stream = next(iter(container.streams.audio), None)
            if stream is None:
                raise UserError("recording_no_audio", path=path)
            heard = 0.0
            for frame in container.decode(stream):
                heard += frame.samples / (frame.sample_rate or SAMPLE_RATE)
                if heard >= 1.0:
                    break
            if heard == 0.0:
                raise UserError("recording_damaged", path=path)
            if container.duration:
                return container.duration / av.time_base
            return float(stream.duration * stream.time_base) if stream.duration else heard
    except av.error.FFmpegError as exc:
        raise UserError("recording_damaged", path=path) from exc


def _transcribe_child(entry: ModelEntry, media: str, offset: float, threads: int, sender: Any) -> None:
    _child_main(sender, lambda send: _transcribe(entry, media, offset, threads, send))


def _transcribe(entry: ModelEntry, media: str, offset: float, threads: int,
                send: Callable[[dict[str, Any]], None]) -> None:  # fmt: skip
    if not intact(entry):
        raise UserError("model_rejected", name=entry.name)
    from faster_whisper import WhisperModel, decode_audio

    audio = decode_audio(media, sampling_rate=SAMPLE_RATE)
    send({"duration": len(audio) / SAMPLE_RATE})
    model = WhisperModel(str(entry.path), device="cpu", compute_type="int8", cpu_threads=threads)
    segments, _info = model.transcribe(audio[int(offset * SAMPLE_RATE) :], **TRANSCRIBE_OPTIONS)
    for segment in segments:
        if text := segment.text.strip():
            send({"segment": (offset + segment.start, offset + segment.end, text)})


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
    _run_child(_transcribe_child, (entry, media, offset, library.worker.threads),
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
    _run_child(_probe_child, (str(media),), UserError("recording_damaged", path=str(media)),
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
