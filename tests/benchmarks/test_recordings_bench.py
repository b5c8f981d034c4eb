"""Recordings: how fast the default speech model (Whisper base, int8) transcribes Danish on this
machine, what it hears, and how well the chapters meet the agenda items.

The app's number is the whole import a user waits for (spawned child, model verified and loaded,
audio decoded, segments stored one by one, transcript aligned and indexed); the baseline is bare
faster-whisper in this process with the same settings, model load included.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.library import Library
from app.core.models.manifest import first_for_role, load_manifest
from app.core.models.runtime import default_threads
from app.core.recordings.recording import TRANSCRIBE_OPTIONS
from tests.fixtures import speech

pytestmark = pytest.mark.bench
REMARKS = 3  # three more sentences after each item: about 1.5 minutes of speech
GOAL_RTF = 0.5


@pytest.fixture(scope="module")
def spoken() -> speech.SpokenMeeting:
    if speech.ESPEAK is None:
        pytest.skip(speech.SPEECH_MISSING)
    return speech.spoken_meeting(remarks=REMARKS)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, worker: Any) -> Iterator[Library]:
    root = tmp_path_factory.mktemp("recordings-bench")
    with Library(root / "data", worker=worker) as opened:
        yield opened


def test_transcription_speed_words_and_chapters(record: Any, spoken: speech.SpokenMeeting, library: Library,
                                                tmp_path: Path) -> None:  # fmt: skip
    meeting_id = library.import_paths([speech.agenda_docx(tmp_path / "dagsorden.docx")]).meeting_id
    library.worker.embed(library.embedding_model(), ["varm"])  # the embedder is warm in the app too
    started = time.perf_counter()
    result = library.import_recording(meeting_id, spoken.path)
    app_s = time.perf_counter() - started
    raw_s = _bare_faster_whisper_s(spoken.path)
    record("transcribe_rtf", app_s / spoken.duration, f"× real time (whisper-base int8, goal ≤ {GOAL_RTF})",
           baseline=raw_s / spoken.duration, lower_is_better=True)  # fmt: skip

    transcript = library.transcript(result.recording_id)
    text = " ".join(s.text for s in transcript.segments).lower()
    heard = [word for word in speech.KEY_WORDS.values() if word in text]
    record("transcribe_key_words_recall", len(heard) / len(speech.KEY_WORDS), "fraction (espeak-ng Danish)")
    errors = [abs(c.start - spoken.item_starts[c.item_number]) for c in transcript.chapters if c.item_number > 1]
    record("chapter_start_error_s", statistics.mean(errors), "s (mean, items 2-4)", lower_is_better=True)


def _bare_faster_whisper_s(path: Path) -> float:
    from faster_whisper import WhisperModel

    entry = first_for_role(load_manifest(), "speech")
    assert entry is not None
    started = time.perf_counter()
    model = WhisperModel(str(entry.path), device="cpu", compute_type="int8", cpu_threads=default_threads())
    segments, _info = model.transcribe(str(path), **TRANSCRIBE_OPTIONS)
    list(segments)
    return time.perf_counter() - started
