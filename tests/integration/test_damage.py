"""Damage found and handled through the real CLI: flipped bytes in the encrypted store (found, reads
still work, no write goes into it, `moedemappe check` says so) and a damaged vector index (rebuilt
from the store's text without the user doing anything)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def healthy(tmp_path_factory, shared_data) -> Path:
    from tests.conftest import run_cli

    data_dir = tmp_path_factory.mktemp("healthy") / "data"
    assert run_cli("import", shared_data / "aarhus" / "dagsbil.pdf", data_dir=data_dir).code == 0
    return data_dir


@pytest.fixture
def data_dir(tmp_path, healthy) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(healthy, copy)
    return copy


def flip(path: Path, at: int, count: int = 64) -> None:
    data = bytearray(path.read_bytes())
    data[at : at + count] = bytes(b ^ 0xFF for b in data[at : at + count])
    path.write_bytes(bytes(data))


def test_check_passes_on_a_healthy_store(cli, data_dir):
    result = cli("check", "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["store"]["ok"] and report["store"]["pages"] > 10 and report["vectors"]["count"] > 0
    assert "Datalageret er i orden" in cli("check", data_dir=data_dir).stdout


def test_flipped_bytes_in_the_store_are_reported_and_no_import_writes_into_it(cli, data_dir, tmp_path, demo_pdf):
    store = data_dir / "store.sqlite"
    flip(store, store.stat().st_size // 2)
    before = store.read_bytes()
    listed = cli("list", data_dir=data_dir)
    assert listed.code == 0 and "dagsbil.pdf" in listed.stdout  # what can be read is still read
    assert "Datalageret er beskadiget" in listed.stderr and "sikkerhedskopi" in listed.stderr
    imported = cli("import", demo_pdf, data_dir=data_dir)
    assert imported.code == 2 and "Datalageret er beskadiget" in imported.stderr
    assert "Traceback" not in imported.stderr and "intern fejl" not in imported.stderr
    assert store.read_bytes() == before and not (data_dir / "store.sqlite.writing").exists()
    checked = cli("check", data_dir=data_dir)
    assert checked.code == 2 and "Datalageret er beskadiget" in checked.stderr


def test_a_damaged_vector_index_is_rebuilt_from_the_store_by_the_next_search(cli, data_dir):
    headers = list((data_dir / "vectors").glob("*/header.bin"))
    sqlite_file = data_dir / "vectors" / "chroma.sqlite3"
    for offset in range(4096, sqlite_file.stat().st_size, 4096):
        flip(sqlite_file, offset + 8)
    for header in headers:
        flip(header, 8, 16)  # hnswlib would crash the whole process on this file
    result = cli("search", "Saksild Strand", "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    assert "Søgeindekset var beskadiget og genopbygges" in result.stderr
    hits = json.loads(result.stdout)
    assert hits and hits[0]["document"] == "dagsbil.pdf"
    checked = json.loads(cli("check", "--json", data_dir=data_dir).stdout)
    assert checked["store"]["ok"] and checked["vectors"]["count"] > 0 and not checked["vectors"]["rebuilt"]
