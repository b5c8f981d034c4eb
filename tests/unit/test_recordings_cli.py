"""The recording command's pieces: the import check that points to it, times as mm:ss, progress on stderr."""

from __future__ import annotations

import io

import pytest

from app.cli.recordings import _Progress, clock
from app.core.messages import UserError


def test_the_import_check_knows_every_recording_type_and_sends_it_to_the_recording_command(tmp_path):
    from app.core.ingest.sniff import RECORDING_SUFFIXES, check_file
    from app.core.recordings import MEDIA_SUFFIXES, SUBTITLE_SUFFIXES

    assert set(RECORDING_SUFFIXES) == set(MEDIA_SUFFIXES + SUBTITLE_SUFFIXES)
    subtitles = tmp_path / "møde.vtt"
    subtitles.write_text("WEBVTT\n", encoding="utf-8")
    with pytest.raises(UserError) as refused:
        check_file(subtitles)
    assert refused.value.key == "import_is_recording" and "recording attach" in refused.value.message("en")


def test_times_read_as_minutes_and_seconds_and_hours_only_when_needed():
    assert [clock(s) for s in (0, 74.9, 599, 3600, 5530.2)] == ["00:00", "01:14", "09:59", "1:00:00", "1:32:10"]


def test_progress_off_a_terminal_is_one_line_per_ten_percent():
    stream = io.StringIO()
    progress = _Progress(stream)
    for fraction in (0.0, 0.03, 0.14, 0.15, 0.29, 0.9, 1.0):
        progress(fraction, "Transskriberer …")
    assert [line.split(" %")[0].strip() for line in stream.getvalue().splitlines()] == ["0", "14", "29", "90", "100"]
