"""The recording view: transcript by chapter, click-to-seek, jump to a search hit's moment and the
"Kapitel starter her" correction. Offscreen; only the seek test needs Qt's media backend to load
the file, everything else works without one, and without QtMultimedia itself (libpulse0 missing)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.recordings.recording import Chapter, Transcript
from app.core.store.database import RecordingRow, TranscriptSegment
from app.ui import qt
from app.ui.recording_view import CHAPTER_ROLE, RecordingView

SEGMENTS = [
    TranscriptSegment(0.0, 4.0, "Velkommen til mødet."),
    TranscriptSegment(4.0, 9.0, "Punkt et, hotel og festival."),
    TranscriptSegment(10.0, 14.0, "Punkt to, trafik og parkering."),
    TranscriptSegment(14.0, 19.0, "Der er for meget trafik."),
    TranscriptSegment(20.0, 25.0, "Punkt tre, musik og teater."),
]
CHAPTERS = [Chapter(1, "Hotel og festival", 0.0), Chapter(2, "Trafik og parkering", 10.0),
            Chapter(3, "Musik og teater", 20.0)]  # fmt: skip


def wav(path: Path, seconds: float = 26.0, rate: int = 16_000) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setparams((1, 2, rate, 0, "NONE", "not compressed"))
        out.writeframes(b"\0\0" * int(seconds * rate))
    return path


def transcript(media: Path | None, chapters: list[Chapter] = CHAPTERS) -> Transcript:
    recording = RecordingRow(7, 1, "Byrådsmøde.wav", str(media) if media else None, "0" * 64, "speech", 26.0,
                             "whisper-base", True, 3)  # fmt: skip
    return Transcript(recording, SEGMENTS, chapters)


@pytest.fixture
def view(qtbot: Any, tmp_path: Path) -> Iterator[RecordingView]:
    widget = RecordingView()
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show_transcript(transcript(wav(tmp_path / "Byrådsmøde.wav")))
    yield widget
    if widget.player is not None:
        widget.player.stop()


def sentence(view: RecordingView, text: str) -> Any:
    tops = [view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())]
    rows = [child for top in tops for child in (top, *(top.child(i) for i in range(top.childCount())))]
    return next(row for row in rows if text in row.text(0) and row.data(0, CHAPTER_ROLE) is None)


def test_the_transcript_is_grouped_under_agenda_item_headings(view):
    headings = [view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())]
    assert [h.data(0, CHAPTER_ROLE) for h in headings] == [1, 2, 3]
    assert headings[1].text(0).startswith("Punkt 2: Trafik og parkering  (00:00:10)")
    assert [headings[1].child(i).text(0) for i in range(headings[1].childCount())] == [
        "00:00:10  Punkt to, trafik og parkering.", "00:00:14  Der er for meget trafik."]


def test_show_at_selects_the_sentence_said_then(view):
    view.show_at(16.5)  # a search hit's moment
    assert view.tree.currentItem() is sentence(view, "for meget trafik")


def test_clicking_a_sentence_moves_the_player_there(view, qtbot):
    if qt.multimedia_problem() is not None:
        pytest.skip(f"QtMultimedia does not load here: {qt.multimedia_problem()}")
    loaded = qt.QMediaPlayer.MediaStatus.LoadedMedia
    qtbot.waitUntil(lambda: view.player.mediaStatus() == loaded, timeout=10_000)
    view.tree.itemClicked.emit(sentence(view, "musik og teater"), 0)
    qtbot.waitUntil(lambda: view.player.position() == 20_000, timeout=5_000)
    assert view.clock.text() == "00:00:20"


def test_kapitel_starter_her_moves_the_chapter_and_asks_the_window_to_store_it(view, qtbot):
    menu = view.sentence_menu(sentence(view, "for meget trafik"))
    [submenu_action] = menu.actions()
    assert submenu_action.text() == "Kapitel starter her"
    entries = submenu_action.menu().actions()
    assert [a.text() for a in entries] == ["Punkt 1: Hotel og festival", "Punkt 2: Trafik og parkering",
                                           "Punkt 3: Musik og teater"]  # fmt: skip
    with qtbot.waitSignal(view.chapter_start_requested) as signal:
        entries[2].trigger()
    assert signal.args == [7, 3, 14.0]
    assert [(c.item_number, c.start, c.corrected) for c in view.chapters][2] == (3, 14.0, True)
    assert sentence(view, "for meget trafik").parent().data(0, CHAPTER_ROLE) == 3
    assert view.sentence_menu(view.tree.topLevelItem(0)) is None  # headings have no such menu


def test_without_the_media_file_the_transcript_still_works(qtbot, tmp_path):
    view = RecordingView()
    qtbot.addWidget(view)
    view.show_transcript(transcript(tmp_path / "flyttet.wav"))
    assert not view.play_button.isEnabled() and "findes ikke" in view.notice.text()
    view.show_at(21.0)
    assert view.tree.currentItem() is sentence(view, "musik og teater")


def test_a_transcript_without_chapters_is_a_plain_list(qtbot):
    view = RecordingView()
    qtbot.addWidget(view)
    view.show_transcript(transcript(None, chapters=[]))
    assert view.tree.topLevelItemCount() == len(SEGMENTS)
    assert "kun undertekster" in view.notice.text()
    assert view.sentence_menu(view.tree.topLevelItem(0)) is None


# --- without QtMultimedia (a Debian machine without libpulse0) ------------------------------------

LIBPULSE_MISSING = "libpulse.so.0: cannot open shared object file: No such file or directory"


def test_without_qtmultimedia_the_tab_says_what_is_missing_and_the_transcript_works(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(qt, "multimedia_problem", lambda: LIBPULSE_MISSING)
    view = RecordingView()
    qtbot.addWidget(view)
    view.show_transcript(transcript(wav(tmp_path / "Byrådsmøde.wav")))
    assert view.player is None
    assert not view.play_button.isEnabled() and not view.slider.isEnabled()
    assert "libpulse0" in view.notice.text() and "sudo apt-get install libpulse0" in view.notice.text()
    view.show_at(16.5)  # a search hit's moment still selects its sentence
    assert view.tree.currentItem() is sentence(view, "for meget trafik")
    view.tree.itemClicked.emit(sentence(view, "musik og teater"), 0)  # no player to move: no error
    view.play_button.click()


def test_a_failed_qtmultimedia_import_is_reported_not_raised(monkeypatch):
    """The real import path: a module that cannot be imported (as QtMultimedia without libpulse)."""
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # import now raises ImportError
    for name in ("QAudioOutput", "QMediaPlayer", "QVideoWidget"):
        monkeypatch.delitem(vars(qt), name, raising=False)
    monkeypatch.setattr(qt, "_multimedia_problem", [])
    problem = qt.multimedia_problem()
    assert problem is not None and "PySide6.QtMultimedia" in problem
    assert qt.multimedia_problem() is problem  # asked once


def test_any_other_missing_media_library_is_named(qtbot, monkeypatch):
    monkeypatch.setattr(qt, "multimedia_problem", lambda: "libEGL.so.1: cannot open shared object file")
    view = RecordingView()
    qtbot.addWidget(view)
    view.show_transcript(transcript(None, chapters=[]))
    assert "libEGL.so.1" in view.notice.text() and view.tree.topLevelItemCount() == len(SEGMENTS)


def _hide_libpulse_command(command: str) -> list[str] | None:
    """`command` in a private mount namespace where libpulse.so.0 is an empty file, so the real dynamic
    loader fails to load QtMultimedia as on a machine without libpulse0; None where that is not allowed."""
    library = next((p for p in (Path("/lib/x86_64-linux-gnu/libpulse.so.0"), Path("/usr/lib/libpulse.so.0"))
                    if p.exists()), None)  # fmt: skip
    if library is None or not shutil.which("unshare") or os.geteuid() != 0:
        return None
    wrapped = ["unshare", "-m", "sh", "-c", f"mount --bind /dev/null {library.resolve()} && {command}"]
    return wrapped if subprocess.run([*wrapped[:4], "true"], capture_output=True).returncode == 0 else None


def test_with_the_real_loader_failing_on_libpulse_the_tests_collect_and_the_tab_degrades():
    """The issue's failure (ImportError: libpulse.so.0 at collection), reproduced with the real loader."""
    command = _hide_libpulse_command(f"{sys.executable} -m pytest -p no:cacheprovider -q -rs {__file__} "
                                     "-k 'not real_loader'")  # fmt: skip
    if command is None:
        pytest.skip("needs root and unshare to hide libpulse.so.0 in a mount namespace")
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[2],
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "QtMultimedia does not load here" in done.stdout and "libpulse.so.0" in done.stdout  # the seek test
