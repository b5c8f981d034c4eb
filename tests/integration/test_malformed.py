"""Bad files never hurt: every file of the malformed corpus (tests/fixtures/malformed.py),
imported through the real CLI into a library that already holds a good meeting, ends
with exit code 2 and a clear Danish message, and leaves the library exactly as it was."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import shutil
import string
import sys
import time
from pathlib import Path

import pytest

from app.core.display import display_name
from app.core.ingest.isolation import extract_isolated
from app.core.messages import Cancelled, UserError, template
from tests.conftest import run_cli
from tests.fixtures.malformed import CASE_IDS, GOOD_TEXT, Case, build_corpus, memory_hungry_docx, repairable_pdf

pytestmark = pytest.mark.integration

# A bad file must be refused quickly; this is far below the parser timeout (180 s),
# so a case that hangs the parser fails here instead of slowing the suite down.
CLI_TIMEOUT_S = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Case]:
    cases = build_corpus(tmp_path_factory.mktemp("malformed"))
    assert len(cases) >= 15
    return {case.id: case for case in cases}


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory, shared_data) -> Path:
    """A data directory holding one good meeting (the Aarhus bilag PDF), imported through the CLI."""
    data_dir = tmp_path_factory.mktemp("data")
    result = run_cli("import", shared_data / "aarhus" / "dagsbil.pdf", "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    return data_dir


def snapshot(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*")) if p.is_file()
    }  # fmt: skip


def danish_fragments(key: str) -> list[str]:
    """The fixed words of a message's Danish template (the text around its {placeholders})."""
    return [literal.strip() for literal, *_ in string.Formatter().parse(template(key)) if len(literal.strip()) > 2]


def says_one_of(stderr: str, keys: tuple[str, ...]) -> bool:
    return any(all(fragment in stderr for fragment in danish_fragments(key)) for key in keys)


def assert_library_intact(data_dir: Path) -> None:
    meetings = run_cli("list", "--json", data_dir=data_dir)
    assert meetings.code == 0, meetings.stderr
    assert [m["documents"] for m in json.loads(meetings.stdout)] == [["dagsbil.pdf"]]
    search = run_cli("search", "Saksild Strand", "--json", data_dir=data_dir)
    assert search.code == 0, search.stderr
    hits = json.loads(search.stdout)
    assert hits and hits[0]["document"] == "dagsbil.pdf" and hits[0]["page"] == 4


def test_the_corpus_is_small_on_disk(corpus):
    on_disk = sum(p.lstat().st_blocks * 512 for case in corpus.values() for p in case.paths)
    assert on_disk < 5 * 2**20, on_disk
    assert all(template(key) for case in corpus.values() for key in case.keys)


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_a_malformed_file_is_refused_with_a_danish_message(case_id, corpus, library_dir):
    case = corpus[case_id]
    before = snapshot(library_dir)
    result = run_cli("import", *case.paths, "--json", data_dir=library_dir, timeout=CLI_TIMEOUT_S)
    assert result.code == 2, f"{case.what}: exit {result.code}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.startswith("moedemappe: ") and result.stderr.count("\n") == 1, result.stderr
    assert says_one_of(result.stderr, case.keys), f"{case.what}: expected {case.keys}, got {result.stderr}"
    assert display_name(case.path.name) in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr  # names are shown sanitised
    assert snapshot(library_dir) == before  # nothing written, nothing left behind
    assert_library_intact(library_dir)


def test_a_folder_imports_its_good_file_and_skips_the_malformed_ones(tmp_path, corpus, shared_data):
    pack = tmp_path / "pakke"
    pack.mkdir()
    shutil.copy(shared_data / "aarhus" / "dagsbil.pdf", pack / "dagsbil.pdf")
    bad = {"password": "pdf_encrypted", "nested-arrays": "file_damaged", "docx-zip-bomb": "docx_too_large"}
    for case_id in bad:
        shutil.copy(corpus[case_id].path, pack / corpus[case_id].path.name)
    data_dir = tmp_path / "data"
    result = run_cli("import", pack, "--json", data_dir=data_dir, timeout=CLI_TIMEOUT_S * 2)
    assert result.code == 0, result.stderr
    assert result.stderr == ""  # with --json the skipped files are reported in the JSON only
    report = json.loads(result.stdout)
    assert report["files"] == ["dagsbil.pdf"] and report["pages"] == 4
    skipped = {entry["file"]: entry["error"] for entry in report["skipped"]}
    assert set(skipped) == {corpus[case_id].path.name for case_id in bad}
    for case_id, key in bad.items():
        assert says_one_of(skipped[corpus[case_id].path.name], (key,)), skipped
    assert_library_intact(data_dir)


def test_a_folder_of_only_malformed_files_imports_nothing_and_changes_nothing(tmp_path, corpus, library_dir):
    pack = tmp_path / "pakke"
    pack.mkdir()
    for case_id in ("truncated-50", "docx-entity-bomb", "scanned"):
        shutil.copy(corpus[case_id].path, pack / corpus[case_id].path.name)
    before = snapshot(library_dir)
    result = run_cli("import", pack, "--json", data_dir=library_dir, timeout=CLI_TIMEOUT_S)
    assert result.code == 2 and "Traceback" not in result.stderr
    assert says_one_of(result.stderr, ("nothing_imported",))
    assert all(says_one_of(result.stderr, (key,)) for key in ("pdf_truncated", "docx_unsafe_xml", "no_text"))
    assert snapshot(library_dir) == before


def test_a_pdf_with_only_a_broken_xref_table_is_repaired_quietly(tmp_path):
    path = repairable_pdf(tmp_path / "rod-kun-i-xref.pdf")
    data_dir = tmp_path / "data"
    result = run_cli("import", path, "--json", data_dir=data_dir, timeout=CLI_TIMEOUT_S)
    assert result.code == 0, result.stderr
    assert result.stderr == ""  # pypdf's repair notes stay in the child
    assert json.loads(result.stdout)["pages"] == 3
    hits = json.loads(run_cli("search", GOOD_TEXT, "--json", data_dir=data_dir).stdout)
    assert hits and hits[0]["document"] == path.name


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux only")
def test_the_memory_cap_stops_a_hungry_parser_in_the_child(tmp_path):
    path = memory_hungry_docx(tmp_path / "sulten.docx")
    started = time.monotonic()
    with pytest.raises(UserError) as caught:
        extract_isolated(str(path), memory_mb=300)
    assert caught.value.key == "file_damaged" and time.monotonic() - started < 30
    assert multiprocessing.active_children() == []


def test_cancel_stops_the_parse_and_ends_the_child(tmp_path):
    path = memory_hungry_docx(tmp_path / "lang.docx")  # takes seconds to parse under the default cap
    started = time.monotonic()
    with pytest.raises(Cancelled):
        extract_isolated(str(path), should_cancel=lambda: time.monotonic() - started > 0.5)
    assert time.monotonic() - started < 5
    assert multiprocessing.active_children() == []


def test_duplicate_files_import_once_with_a_note(tmp_path, shared_data):
    """The same bilag saved twice in a pack, and the same file given twice: one import, a note each."""
    pack = tmp_path / "pakke"
    pack.mkdir()
    for name in ("dagsbil.pdf", "dagsbil (1).pdf"):
        shutil.copy(shared_data / "aarhus" / "dagsbil.pdf", pack / name)
    data_dir = tmp_path / "data"
    result = run_cli("import", pack, data_dir=data_dir, timeout=CLI_TIMEOUT_S * 2)
    assert result.code == 0, result.stderr
    assert "Sprunget over: dagsbil.pdf: Samme indhold som dagsbil (1).pdf" in result.stderr
    again = run_cli("import", pack / "dagsbil.pdf", pack / "dagsbil.pdf", "--json", data_dir=tmp_path / "data2",
                    timeout=CLI_TIMEOUT_S * 2)  # fmt: skip
    assert again.code == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["files"] == ["dagsbil.pdf"] and [s["file"] for s in report["skipped"]] == ["dagsbil.pdf"]
    assert says_one_of(report["skipped"][0]["error"], ("file_given_twice",))
    listed = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    assert [m["documents"] for m in listed] == [["dagsbil (1).pdf"]]


def test_names_with_control_characters_are_printed_sanitised(tmp_path, corpus):
    """list, search and import print a hostile file name with its escape, newline and U+202E replaced."""
    from tests.fixtures.malformed import CONTROL_NAME, text_pdf

    path = tmp_path / CONTROL_NAME
    path.write_bytes(text_pdf(2))
    data_dir = tmp_path / "data"
    outputs = [run_cli("import", path, data_dir=data_dir, timeout=CLI_TIMEOUT_S * 2),
               run_cli("list", data_dir=data_dir), run_cli("search", GOOD_TEXT, data_dir=data_dir)]  # fmt: skip
    for output in outputs:
        assert output.code == 0, output.stderr
        text = output.stdout + output.stderr
        assert "\x1b" not in text and "\u202e" not in text and "\nRØD" not in text
    assert display_name(CONTROL_NAME) in outputs[1].stdout and display_name(CONTROL_NAME) in outputs[2].stdout
