"""Recordings without a speech model: subtitles, chapter alignment, windows, the store's recording
tables and the speech model's folder entry in the manifest."""

from __future__ import annotations

import hashlib

import pytest

from app.core.ingest.structure import Item
from app.core.messages import UserError
from app.core.models import install
from app.core.models.manifest import ManifestError, load_manifest, verify
from app.core.recordings import (
    WINDOW_SECONDS,
    align_chapters,
    chapter_at,
    format_timestamp,
    item_profiles,
    mentioned_items,
    parse_subtitles,
    recording_citation,
    transcript_windows,
)
from app.core.store import NewChunk, Store, TranscriptSegment

SRT = """1
00:00:01,250 --> 00:00:04,000
Velkommen til byrådets møde.

2
00:01:02,500 --> 00:01:05,125
<i>Punkt 2:</i> Ny skolebus
til Strandskolen.

3
01:42:10,000 --> 01:42:12,999
Forslaget er vedtaget.
"""

VTT = """WEBVTT

NOTE the broadcaster's export

intro
00:00:01.250 --> 00:00:04.000
Velkommen til byrådets møde.

00:01:02.500 --> 00:01:05.125 align:start
<v Borgmester>Punkt 2: Ny skolebus</v>
til Strandskolen.
"""

EXPECTED = [
    TranscriptSegment(1.25, 4.0, "Velkommen til byrådets møde."),
    TranscriptSegment(62.5, 65.125, "Punkt 2: Ny skolebus til Strandskolen."),
]


# --- labels --------------------------------------------------------------------------------


def test_timestamps_and_citation_labels():
    assert format_timestamp(6130.9) == "01:42:10"
    assert format_timestamp(0) == "00:00:00"
    assert recording_citation(3, "Byrådsmøde 27.08", 6130) == "[3] Byrådsmøde 27.08 – 01:42:10"


# --- subtitles -----------------------------------------------------------------------------


def test_srt_imports_exact_times_and_text(tmp_path):
    path = tmp_path / "møde.srt"
    path.write_text(SRT, encoding="utf-8")
    assert parse_subtitles(path) == [*EXPECTED, TranscriptSegment(6130.0, 6132.999, "Forslaget er vedtaget.")]


def test_webvtt_imports_exact_times_and_text_without_markup(tmp_path):
    path = tmp_path / "møde.vtt"
    path.write_text(VTT, encoding="utf-8")
    assert parse_subtitles(path) == EXPECTED


def test_old_danish_srt_in_windows_encoding(tmp_path):
    path = tmp_path / "gammel.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:02,000\nBørnehave på Ålholm\n".encode("cp1252"))
    assert parse_subtitles(path)[0].text == "Børnehave på Ålholm"


@pytest.mark.parametrize("name, text, message", [
    ("brudt.srt", "1\n00:00:01,000 --> ikke et tidspunkt\nTekst\n", "Undertekstfilen kan ikke læses"),
    ("brudt.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:xx.000\nTekst\n", "Undertekstfilen kan ikke læses"),
    ("ikke-vtt.vtt", "Dette er bare tekst.\n", "Undertekstfilen kan ikke læses"),
    ("tom.srt", "", "Undertekstfilen indeholder ingen tekster"),
])  # fmt: skip
def test_malformed_subtitles_are_refused_with_a_danish_message(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as error:
        parse_subtitles(path)
    assert error.value.message("da").startswith(message) and error.value.message("da").endswith(str(path))


# --- chapters ------------------------------------------------------------------------------

AGENDA = [
    (1, "Godkendelse af dagsorden", "Dagsordenen godkendes."),
    (2, "Ny skolebus til Strandskolen", "Skolebussen kører fra august. Skolebussen koster 2 mio. kr."),
    (3, "Budget 2026 for ældreplejen", "Ældreplejen får flere hjemmehjælpere. Hjemmehjælpere og plejehjem."),
    (4, "Lokalplan for havnen", "Lokalplanen tillader boliger ved havnen. Havnen og boligerne."),
]


def segments(*texts: str, length: float = 5.0) -> list[TranscriptSegment]:
    return [TranscriptSegment(i * length, (i + 1) * length, text) for i, text in enumerate(texts)]


SPOKEN = segments(
    "Velkommen alle sammen.",  # 0
    "Første punkt er dagsordenen, den er godkendt.",  # 5
    "Så går vi til punkt to.",  # 10
    "Skolebussen til Strandskolen er et godt forslag.",  # 15
    "Jeg er enig.",  # 20
    "Næste sag handler om ældreplejen og budgettet.",  # 25
    "Vi har brug for flere hjemmehjælpere.",  # 30
    "Tak for ordet.",  # 35
    "Punkt fire, lokalplanen.",  # 40
    "Boliger ved havnen er en god ide.",  # 45
)


def test_item_mentions_in_digits_and_words():
    assert mentioned_items("Så går vi til punkt 7, og bagefter pkt. 12") == {7, 12}
    assert mentioned_items("Punkt syv. Punkt nummer tre. Punt to.") == {7, 3, 2}
    assert mentioned_items("Punktet om skolen") == set()


def test_chapters_follow_mentions_titles_and_key_terms_in_agenda_order():
    starts = align_chapters(SPOKEN, item_profiles(AGENDA))
    assert starts == {1: 0.0, 2: 10.0, 3: 25.0, 4: 40.0}


def test_alignment_is_monotonic_despite_a_stray_back_reference():
    spoken = [*SPOKEN[:9], TranscriptSegment(45.0, 50.0, "Som under punkt to om skolebussen: boliger ved havnen.")]
    starts = align_chapters(spoken, item_profiles(AGENDA))
    assert list(starts.values()) == sorted(starts.values()) and starts[4] == 40.0


def test_an_item_nobody_speaks_of_gets_an_empty_chapter():
    spoken = [s for s in SPOKEN if not 25 <= s.start < 40]  # item 3 left out of the recording
    starts = align_chapters(spoken, item_profiles(AGENDA))
    assert starts[3] == starts[4] == 40.0


def test_a_corrected_start_is_kept_and_the_rest_aligned_around_it():
    starts = align_chapters(SPOKEN, item_profiles(AGENDA), fixed={3: 20.0})
    assert starts == {1: 0.0, 2: 10.0, 3: 20.0, 4: 40.0}
    # Starts that contradict the agenda order cannot all hold: the first one in agenda order wins.
    starts = align_chapters(SPOKEN, item_profiles(AGENDA), fixed={2: 30.0, 3: 5.0})
    assert starts[2] == 30.0 and list(starts.values()) == sorted(starts.values())


def test_chapter_at_picks_the_running_chapter():
    starts = {1: 0.0, 2: 10.0, 3: 40.0, 4: 40.0}
    assert [chapter_at(starts, t) for t in (3, 12, 40, 90)] == [1, 2, 4, 4]
    assert chapter_at({}, 5) is None


def test_windows_stay_short_and_break_where_a_chapter_starts():
    spoken = segments(*[f"sætning {i}" for i in range(40)], length=4.0)  # 160 s
    windows = transcript_windows(spoken, breaks=[0.0, 50.0])
    assert all(w.end - w.start <= WINDOW_SECONDS + 4.0 for w in windows)
    assert 52.0 in {w.start for w in windows}  # the first segment at or after the chapter start
    assert " ".join(w.text for w in windows) == " ".join(s.text for s in spoken)


# --- store ---------------------------------------------------------------------------------


def test_store_keeps_recordings_and_forgets_them_with_their_meeting(tmp_path):
    store = Store(tmp_path / "store.sqlite", bytes(range(32)))
    with store.transaction() as db:
        meeting = store.add_meeting(db, "Møder", "Byrådet", "Byrådet", "2025-08-27", "referat", None, True)
        agenda = store.add_document(db, meeting, "dagsorden.pdf", "a" * 64, ["Punkt 2"])
        item = store.add_item(db, meeting, agenda, Item(2, "Skolebus", 1, 1))
        recording = store.add_recording(db, meeting, "møde.mp4", "/video/møde.mp4", "b" * 64, "speech", 90.0, "w")
        store.add_segments(db, recording, EXPECTED)
        transcript = store.add_document(db, meeting, "møde.mp4", f"recording:{recording}", ["tekst"])
        [chunk] = store.add_chunks(db, transcript, [NewChunk(1, 2, "⏱ 00:01:02", "Ny skolebus", "Skolebus")],
                                   {2: item})  # fmt: skip
        store.complete_recording(db, recording, transcript, [(chunk, 62.5, 65.125)])
        store.save_chapters(db, recording, {2: 60.0}, {2})
    assert store.segments(recording) == EXPECTED
    assert store.recording_moment(chunk) == (recording, 62.5, 65.125)
    assert store.chapters(recording) == [(2, 60.0, True)]
    assert store.recording_by_sha256(meeting, "b" * 64).complete
    assert [i for i, _ in store.lexical("skolebus", 5)] == [chunk]
    store.delete_meeting(meeting)
    assert store.recordings(meeting) == [] and store.lexical("skolebus", 5) == []
    assert store.recording_moment(chunk) is None


# --- the speech model: a folder in the manifest ---------------------------------------------

FOLDER_ENTRY = """
[[model]]
name = "speech"
file = "speech-model"
roles = ["speech"]
format = "ctranslate2"
tier = "demo"
source = "pypi:fake-speech==1.0"

[model.files]
"model.bin" = "{model}"
"config.json" = "{config}"
"""


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_folder_manifest(tmp_path, model=b"weights", config=b"{}"):
    (tmp_path / "manifest.toml").write_text(FOLDER_ENTRY.format(model=sha(model), config=sha(config)))
    return load_manifest(tmp_path)[0]


def test_a_folder_model_verifies_every_listed_file(tmp_path):
    entry = write_folder_manifest(tmp_path)
    assert entry.path == tmp_path / "speech-model" and not entry.installed()
    assert verify(entry) == "missing"
    (tmp_path / "speech-model").mkdir()
    (tmp_path / "speech-model" / "model.bin").write_bytes(b"weights")
    (tmp_path / "speech-model" / "config.json").write_bytes(b"{}")
    assert verify(entry) == "ok"
    (tmp_path / "speech-model" / "config.json").write_bytes(b'{"evil": 1}')
    assert verify(entry) == "mismatch"


@pytest.mark.parametrize("change", [
    lambda text: text.replace('"config.json"', '"../config.json"'),
    lambda text: text.replace('"model.bin" = ', '"weights.bin" = '),
])  # fmt: skip
def test_bad_folder_entries_are_refused(tmp_path, change):
    (tmp_path / "manifest.toml").write_text(change(FOLDER_ENTRY.format(model="0", config="0")))
    with pytest.raises(ManifestError):
        load_manifest(tmp_path)


def test_set_up_builds_the_folder_verifies_it_and_swaps_it_in(tmp_path, monkeypatch):
    def produce(target):
        target.mkdir()
        (target / "model.bin").write_bytes(b"weights")
        (target / "config.json").write_bytes(b"{}")

    monkeypatch.setitem(install.PRODUCERS, "fake-speech", produce)
    entry = write_folder_manifest(tmp_path)
    (tmp_path / "speech-model").mkdir()
    (tmp_path / "speech-model" / "model.bin").write_bytes(b"truncated")
    assert install.install_folder(entry) == "installed"
    assert verify(entry) == "ok" and sorted(p.name for p in tmp_path.iterdir()) == ["manifest.toml", "speech-model"]
    assert install.install_folder(entry) == "present"


def test_set_up_refuses_a_folder_that_does_not_match(tmp_path, monkeypatch):
    monkeypatch.setitem(install.PRODUCERS, "fake-speech", lambda target: target.mkdir())
    entry = write_folder_manifest(tmp_path)
    with pytest.raises(SystemExit, match="model.bin"):
        install.install_folder(entry)
    assert not entry.path.exists()


def test_the_shipped_manifest_has_a_speech_model():
    entries = [e for e in load_manifest() if "speech" in e.roles]
    assert entries and entries[0].format == "ctranslate2"
    assert {"model.bin", "config.json", "tokenizer.json"} <= {name for name, _ in entries[0].folder_files}
