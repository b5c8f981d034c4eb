"""Subtitles (SRT, WebVTT) as a recording's transcript: their exact times, their text without markup."""

from __future__ import annotations

import re
from pathlib import Path

from app.core.messages import UserError
from app.core.store.rows import TranscriptSegment

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
