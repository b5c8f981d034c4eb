"""`moedemappe recording attach|status|transcribe` and transcript hits with their time, through the real CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO_ROOT, run_cli
from tests.fixtures import speech

pytestmark = pytest.mark.integration

SRT = """1
00:00:00,000 --> 00:00:03,000
Velkommen til mødet i byrådet.

2
00:01:14,000 --> 00:01:22,500
Punkt to. Trafik og parkering. Borgmesteren foreslår en rundkørsel.
"""


def imported_agenda(folder):
    data_dir = folder / "data"
    result = run_cli("import", speech.agenda_docx(folder / "dagsorden.docx"), "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    return data_dir, json.loads(result.stdout)["meeting_id"]


@pytest.fixture(scope="module")
def meeting(tmp_path_factory):
    """Shared by the subtitle and bad-input tests (bad input changes nothing)."""
    return imported_agenda(tmp_path_factory.mktemp("recordings"))


def test_subtitles_are_attached_and_their_hits_carry_the_time(meeting, tmp_path):
    data_dir, meeting_id = meeting
    subtitles = tmp_path / "byraadsmoede.srt"
    subtitles.write_text(SRT, encoding="utf-8")
    refused = run_cli("import", subtitles, data_dir=data_dir)  # not meeting papers: the error names the command
    assert refused.code == 2 and "moedemappe recording attach MØDE_ID FIL" in refused.stderr

    attached = run_cli("recording", "attach", meeting_id, subtitles, "--json", data_dir=data_dir)
    assert attached.code == 0, attached.stderr
    status = json.loads(attached.stdout)
    assert (status["source"], status["status"], status["progress"], status["segments"]) == ("subtitles", "complete", 1.0, 2)

    hits = json.loads(run_cli("search", "rundkørsel", "--limit", "1", "--json", data_dir=data_dir).stdout)
    assert hits[0]["document"] == "byraadsmoede.srt" and hits[0]["time"] == {"start": 74.0, "end": 82.5}
    text = run_cli("search", "rundkørsel", "--limit", "1", data_dir=data_dir).stdout
    assert text.startswith(" 1. byraadsmoede.srt, 01:14–01:22")
    written = json.loads(run_cli("search", "stationen", "--limit", "1", "--json", data_dir=data_dir).stdout)
    assert written[0]["document"] == "dagsorden.docx" and "time" not in written[0]  # the papers have no time


@pytest.mark.parametrize("args, message", [
    (("recording", "attach", "999", "{file}"), "Mødet findes ikke: 999"),
    (("recording", "attach", "{m}", "{missing}"), "findes ikke"),
    (("recording", "attach", "{m}", "{flac}"), "understøttes ikke som optagelse"),
    (("recording", "transcribe", "42"), "Optagelsen findes ikke: 42"),
    (("recording", "status", "999"), "Mødet findes ikke: 999"),
])  # fmt: skip
def test_bad_input_exits_2_with_a_danish_message(meeting, tmp_path, args, message):
    data_dir, meeting_id = meeting
    flac = tmp_path / "møde.flac"
    flac.write_bytes(b"fLaC")
    subtitles = tmp_path / "x.srt"
    subtitles.write_text(SRT, encoding="utf-8")
    values = {"m": meeting_id, "file": subtitles, "missing": tmp_path / "ingen.wav", "flac": flac}
    result = run_cli(*(str(a).format(**values) for a in args), data_dir=data_dir)
    assert result.code == 2 and message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(speech.ESPEAK is None, reason=speech.SPEECH_MISSING)
def test_speech_is_attached_then_transcribed_and_ctrl_c_keeps_what_was_done(tmp_path):
    """The real whisper-base model on the 40-second spoken meeting (its transcription is most of this
    test's time): attach without transcribing, Ctrl+C a transcription, continue it, find a word at its moment."""
    data_dir, meeting_id = imported_agenda(tmp_path)
    spoken = speech.spoken_meeting()
    attached = run_cli("recording", "attach", meeting_id, spoken.path, "--json", data_dir=data_dir)
    assert attached.code == 0, attached.stderr
    recording = json.loads(attached.stdout)
    assert (recording["status"], recording["progress"], recording["model"]) == ("waiting", 0.0, "whisper-base")

    # Ctrl+C in a terminal: SIGINT to the whole process group, the transcription child included.
    command = [sys.executable, "-m", "app", "--data-dir", str(data_dir), "recording", "transcribe", str(recording["id"])]
    process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)  # fmt: skip
    first = process.stderr.readline()
    while "Transskriberer 00:" not in first:  # the first stored segment
        first = process.stderr.readline()
        assert first, "the transcription ended without progress"
    os.killpg(process.pid, signal.SIGINT)
    _out, rest = process.communicate(timeout=60)
    assert process.returncode == 130, rest
    assert f"moedemappe recording transcribe {recording['id']}" in rest and "Traceback" not in rest

    [partial] = json.loads(run_cli("recording", "status", meeting_id, "--json", data_dir=data_dir).stdout)
    assert partial["status"] == "partial" and 0 < partial["progress"] < 1 and partial["segments"] >= 1
    started = time.monotonic()
    done = run_cli("recording", "transcribe", recording["id"], "--json", data_dir=data_dir)
    assert done.code == 0, done.stderr
    finished = json.loads(done.stdout)
    assert finished["status"] == "complete" and finished["segments"] > partial["segments"]
    assert "100 %" in done.stderr and time.monotonic() - started < 120

    hits = json.loads(run_cli("search", "trafik", "--limit", "3", "--json", data_dir=data_dir).stdout)
    said = next(hit for hit in hits if "time" in hit)
    assert said["time"]["start"] <= spoken.item_starts[2] + 1.5 < said["time"]["end"] + 1.5
