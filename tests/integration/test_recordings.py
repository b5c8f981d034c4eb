"""Recordings through the Library: subtitles and transcribed Danish speech become searchable,
chaptered transcripts; broken files are refused whole; a killed transcription resumes."""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import wave

import pytest

from app.core.library import Library
from app.core.messages import Cancelled, UserError
from app.core.recordings.recording import recording_citation
from tests.fixtures import speech

pytestmark = pytest.mark.integration
needs_speech = pytest.mark.skipif(speech.ESPEAK is None, reason=speech.SPEECH_MISSING)

# The spoken meeting as subtitles, with a word only the recording has ("rundkørsel").
SRT = """1
00:00:00,000 --> 00:00:03,000
Velkommen til mødet i byrådet.

2
00:00:04,000 --> 00:00:12,500
Punkt et. Hotel og festival. Byen får et nyt hotel.

3
00:00:14,000 --> 00:00:22,000
Punkt to. Trafik og parkering. Borgmesteren foreslår en rundkørsel.

4
00:00:24,000 --> 00:00:31,000
Punkt tre. Musik og teater i kulturhuset.

5
00:00:32,000 --> 00:00:39,500
Punkt fire. Sport og idræt i den nye hal.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    with Library(tmp_path_factory.mktemp("recordings") / "data") as opened:
        yield opened


@pytest.fixture(scope="module")
def meeting_id(library, tmp_path_factory):
    agenda = speech.agenda_docx(tmp_path_factory.mktemp("agenda") / "Byraadet-dagsorden.docx")
    return library.import_paths([agenda]).meeting_id


def silence(path, seconds=5.0, rate=16_000):
    with wave.open(str(path), "wb") as out:
        out.setparams((1, 2, rate, 0, "NONE", "not compressed"))
        out.writeframes(b"\0\0" * int(seconds * rate))
    return path


def stored(library, meeting_id):
    """How many segments of the meeting's (first) recording are stored."""
    recordings = library.recordings(meeting_id)
    return len(library.store.segments(recordings[0].id)) if recordings else 0


def transcript_hit(library, query):
    return next(hit for hit in library.search(query) if library.recording_time(hit.chunk_id) is not None)


# --- subtitles -------------------------------------------------------------------------------


def test_subtitles_become_a_searchable_transcript_in_agenda_chapters(library, meeting_id, tmp_path):
    path = tmp_path / "Byrådsmøde 27.08.srt"
    path.write_text(SRT, encoding="utf-8")
    result = library.import_recording(meeting_id, path)
    assert (result.source, result.segments, result.chapters) == ("subtitles", 5, 4)
    transcript = library.transcript(result.recording_id)
    assert [(s.start, s.end) for s in transcript.segments][2] == (14.0, 22.0)
    assert transcript.segments[2].text == "Punkt to. Trafik og parkering. Borgmesteren foreslår en rundkørsel."
    assert [(c.item_number, c.title, c.start) for c in transcript.chapters] == [
        (1, "Hotel og festival", 0.0), (2, "Trafik og parkering", 14.0),
        (3, "Musik og teater", 24.0), (4, "Sport og idræt", 32.0)]  # fmt: skip
    assert transcript.media_path is None  # subtitles only: nothing to play

    hit = transcript_hit(library, "rundkørsel")
    moment = library.recording_time(hit.chunk_id)
    assert (hit.document, hit.item_number, hit.section) == ("Byrådsmøde 27.08.srt", 2, "⏱ 00:00:14")
    assert recording_citation(3, moment.title, moment.seconds) == "[3] Byrådsmøde 27.08 – 00:00:14"
    assert library.import_recording(meeting_id, path).already_imported


def test_a_corrected_chapter_start_is_stored_and_files_the_transcript_anew(library, meeting_id, tmp_path):
    path = tmp_path / "rettelse.srt"
    path.write_text(SRT.replace("rundkørsel", "cykelbro"), encoding="utf-8")
    recording_id = library.import_recording(meeting_id, path).recording_id
    chapters = library.set_chapter_start(recording_id, 3, 14.0)  # the user: item 3 starts here
    assert [(c.item_number, c.start, c.corrected) for c in chapters][1:3] == [(2, 14.0, False), (3, 14.0, True)]
    assert library.transcript(recording_id).chapters == chapters
    assert transcript_hit(library, "cykelbro").item_number == 3
    with pytest.raises(UserError, match="intet punkt 9"):
        library.set_chapter_start(recording_id, 9, 1.0)


def test_media_with_subtitles_beside_it_is_not_transcribed(library, meeting_id, tmp_path):
    media = silence(tmp_path / "Udvalgsmøde.wav", seconds=41.0)
    (tmp_path / "Udvalgsmøde.vtt").write_text("WEBVTT\n\n" + SRT.split("\n\n", 3)[3].replace(",", "."),
                                              encoding="utf-8")  # fmt: skip
    result = library.import_recording(meeting_id, media)
    transcript = library.transcript(result.recording_id)
    assert result.source == "subtitles" and transcript.media_path == media.resolve()
    assert transcript.recording.duration == pytest.approx(41.0)
    assert transcript.segments[0].text == "Punkt tre. Musik og teater i kulturhuset."


# --- refused files ---------------------------------------------------------------------------


@pytest.mark.parametrize("name, content", [
    ("møde.mp4", random.Random(7).randbytes(64 * 1024)),  # fixed noise: random bytes can pass for silence
    ("møde.mp3", b"Dette er ikke en lydfil.\n" * 100),
    ("møde.wav", b"RIFF\x24\x00\x00\x00WAVEfmt "),  # cut off inside its header
    ("møde.srt", b"1\n00:00:01,000 --> aldrig\nTekst\n"),
])  # fmt: skip
def test_a_broken_file_is_refused_with_a_clear_danish_error_and_nothing_is_kept(library, meeting_id, tmp_path,
                                                                              name, content):  # fmt: skip
    path = tmp_path / name
    path.write_bytes(content)
    before = (len(library.recordings(meeting_id)), library.store.chunk_count())
    with pytest.raises(UserError) as error:
        library.import_recording(meeting_id, path)
    assert error.value.key in ("recording_damaged", "subtitles_damaged")
    assert "beskadiget" in error.value.message("da") or "kan ikke læses" in error.value.message("da")
    assert (len(library.recordings(meeting_id)), library.store.chunk_count()) == before


def test_unsupported_files_and_unknown_meetings_are_refused(library, meeting_id, tmp_path):
    with pytest.raises(UserError, match="understøttes ikke som optagelse"):
        library.import_recording(meeting_id, silence(tmp_path / "møde.flac"))
    with pytest.raises(UserError, match="Mødet findes ikke"):
        library.import_recording(9999, silence(tmp_path / "møde.wav"))


# --- transcribed speech ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spoken():
    if speech.ESPEAK is None:
        pytest.skip(speech.SPEECH_MISSING)
    return speech.spoken_meeting()


@pytest.fixture(scope="module")
def transcribed(library, meeting_id, spoken):
    steps: list[float] = []
    # As an OCR in this process leaves it (app.core.ingest.ocr.Reader): the transcription must not
    # inherit the cap (CTranslate2 then transcribed nothing but ")))").
    capped = "OMP_THREAD_LIMIT" not in os.environ
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        result = library.import_recording(meeting_id, spoken.path, progress=lambda f, _m: steps.append(f))
    finally:
        if capped:
            os.environ.pop("OMP_THREAD_LIMIT", None)
    return result, library.transcript(result.recording_id), steps


@needs_speech
def test_danish_speech_is_transcribed_with_its_key_words_and_monotonic_times(transcribed):
    result, transcript, steps = transcribed
    assert result.source == "speech" and transcript.recording.complete and transcript.recording.model == "whisper-base"
    text = " ".join(s.text for s in transcript.segments).lower()
    assert {"trafik", "musik", "sport"} <= {w for w in speech.KEY_WORDS.values() if w in text}, text
    starts = [s.start for s in transcript.segments]
    assert starts == sorted(starts) and all(s.start < s.end for s in transcript.segments)
    assert all(a.end <= b.start + 0.5 for a, b in zip(transcript.segments, transcript.segments[1:]))
    assert steps == sorted(steps) and steps[-1] == 1.0


@needs_speech
def test_chapters_of_the_spoken_meeting_start_at_its_items(transcribed, spoken):
    _result, transcript, _steps = transcribed
    starts = {c.item_number: c.start for c in transcript.chapters}
    assert starts[1] <= spoken.item_starts[1]
    for number in (2, 3, 4):
        assert starts[number] == pytest.approx(spoken.item_starts[number], abs=1.5), (number, starts)


@needs_speech
def test_what_was_said_is_found_by_search_at_its_moment(library, transcribed, spoken):
    result, _transcript, _steps = transcribed
    hit = transcript_hit(library, "trafik")
    moment = library.recording_time(hit.chunk_id)
    assert moment.recording_id == result.recording_id and hit.item_number == 2
    assert spoken.item_starts[2] - 1.5 <= moment.seconds < spoken.item_starts[3]


@needs_speech
def test_a_killed_transcription_resumes_after_a_restart_from_its_stored_segments(spoken, tmp_path):
    audio = tmp_path / "langt møde.wav"
    shutil.copyfile(spoken.path, audio)
    data_dir = tmp_path / "data"
    with Library(data_dir) as library:
        meeting_id = library.import_paths([speech.agenda_docx(tmp_path / "dagsorden.docx")]).meeting_id
        with pytest.raises(Cancelled):  # Cancel once three segments are stored: the child is killed
            library.import_recording(meeting_id, audio, should_cancel=lambda: stored(library, meeting_id) >= 3)
        assert not [p for p in multiprocessing.active_children() if p.name == "recording-worker"]
        [recording] = library.recordings(meeting_id)
        before = library.store.segments(recording.id)
        assert not recording.complete and len(before) >= 3

    with Library(data_dir) as library:  # the app was restarted
        steps: list[float] = []
        result = library.import_recording(meeting_id, audio, progress=lambda f, _m: steps.append(f))
        after = library.transcript(result.recording_id).segments
    assert result.recording_id == recording.id and steps[1] > 0.2  # went on from where it stopped
    assert after[: len(before)] == before and len(after) > len(before)
    assert all(a.end <= b.start + 0.5 for a, b in zip(after, after[1:]))
    assert "sport" in " ".join(s.text for s in after[len(before):]).lower()
