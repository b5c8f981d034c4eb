"""The recordings' entry points on the library: attach a recording or subtitles to a meeting, transcribe
it, read its transcript and chapters, find where a search hit was said, delete it.

RecordingEntryPoints is part of Library (app.core.library): both interfaces call these methods on the
library; the work is in app.core.recordings.recording.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.core.messages import UserError
from app.core.models.manifest import ModelEntry, first_for_role
from app.core.progress import CancelCheck, Progress
from app.core.progress import never as _never
from app.core.progress import no_progress as _no_progress
from app.core.recordings import recording as recordings
from app.core.recordings.recording import Chapter, Library, RecordingMoment, RecordingResult, Transcript
from app.core.store.database import RecordingRow

if TYPE_CHECKING:
    from app.core.store.database import Store


class RecordingEntryPoints:
    """The recordings' methods, mixed into Library."""

    if TYPE_CHECKING:
        @property
        def store(self) -> Store: ...
        def manifest(self) -> list[ModelEntry]: ...

    def speech_model(self) -> ModelEntry:
        entry = first_for_role(self.manifest(), "speech")
        if entry is None:
            raise UserError("speech_model_missing")
        return entry

    def import_recording(self: Library, meeting_id: int, path: Path, progress: Progress = _no_progress,
                         should_cancel: CancelCheck = _never, transcribe: bool = True) -> RecordingResult:  # fmt: skip
        """Attach audio/video (transcribed here, unless transcribe=False: later, by
        transcribe_recording()) or subtitles (SRT, WebVTT) to a meeting. A cancelled transcription
        keeps what it did: importing the same file again, or transcribe_recording(), continues it."""
        return recordings.import_recording(self, meeting_id, path, progress, should_cancel, transcribe)

    def recording_status(self: Library, recording_id: int) -> recordings.RecordingStatus:
        """How far the recording's transcription is (state, progress, segments)."""
        return recordings.recording_status(self, recording_id)

    def transcribe_recording(self: Library, recording_id: int, progress: Progress = _no_progress,
                             should_cancel: CancelCheck = _never) -> RecordingResult:  # fmt: skip
        return recordings.transcribe(self, recording_id, progress, should_cancel)

    def recordings(self, meeting_id: int) -> list[RecordingRow]:
        return self.store.recordings(meeting_id)

    def transcript(self: Library, recording_id: int, hide_closed: bool = False) -> Transcript:
        return recordings.transcript(self, recording_id, hide_closed)

    def set_chapter_start(self: Library, recording_id: int, item_number: int, seconds: float) -> list[Chapter]:
        return recordings.set_chapter_start(self, recording_id, item_number, seconds)

    def recording_time(self: Library, chunk_id: int) -> RecordingMoment | None:
        """Where a search hit was said, when it is a window of a transcript (else None)."""
        return recordings.recording_moment(self, chunk_id)

    def delete_recording(self: Library, recording_id: int) -> None:
        recordings.delete_recording(self, recording_id)
