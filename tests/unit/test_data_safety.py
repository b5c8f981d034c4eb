"""Data safety of the library's own paths with the real store, chromadb and parsers (a fake embedder
only): deletion leaves no vectors, ordinary trouble in a pack skips files instead of failing the
import, damage is detected and the vectors are rebuilt from the store."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app.core.messages import UserError

from tests.fixtures.malformed import text_pdf
from tests.fixtures.traces import meeting_vectors, vector_traces
from tests.unit.fake_embedding import FakeEmbeddingLibrary

DEMO = Path(__file__).resolve().parents[2] / "resources" / "samples" / "demo-byraad-2023-10-02.pdf"


@pytest.fixture
def two_meetings(tmp_path: Path) -> tuple[FakeEmbeddingLibrary, int, int]:
    library = FakeEmbeddingLibrary(tmp_path / "data")
    first = library.import_paths([DEMO]).meeting_id
    (tmp_path / "rapport.pdf").write_bytes(text_pdf(3))
    second = library.import_paths([tmp_path / "rapport.pdf"]).meeting_id
    yield library, first, second
    library.close()


def test_delete_leaves_no_vector_and_no_metadata_in_chromadbs_files(two_meetings) -> None:
    library, first, second = two_meetings
    vectors = meeting_vectors(library, second)
    vector_dir = library.data_dir / "vectors"
    assert vectors and vector_traces(vector_dir, vectors, second) >= len(vectors)  # the scan finds them
    kept = library.index.count() - len(vectors)
    library.delete(second)
    assert vector_traces(vector_dir, vectors, second) == 0
    assert library.index.count() == kept and library.search("byggesagsgebyret", mode="vector")
    assert len([p for p in vector_dir.iterdir() if p.is_dir()]) == 1  # the dropped HNSW folder is gone


def test_the_audit_log_never_names_a_deleted_meeting(two_meetings) -> None:
    library, first, second = two_meetings
    title = library.store.meeting(second).title
    # An entry written by an older version, which named the meeting and its file.
    library.store.audit("import", f"{title}: rapport.pdf, 3 sider")
    library.delete(second)
    details = [detail for _at, _event, detail in library.audit_log()]
    assert details[0] == f"møde {second}: 1 fil(er), {details[0].split(', ')[1]}"
    assert not any(title in d or "rapport" in d for d in details), details
    assert any(f"møde {second}" in d for d in details[1:])


# --- ordinary trouble in a pack: skipped with a note, the rest imported ---------------------------


def pack_of(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = text_pdf(2)
    for name in names:
        (folder / name).write_bytes(data)
    return folder


def test_byte_identical_files_in_a_pack_import_once_with_a_note(tmp_path: Path) -> None:
    pack = pack_of(tmp_path / "pakke", ["bilag-1.pdf", "bilag-1 (kopi).pdf"])
    (pack / "andet.pdf").write_bytes(text_pdf(3))
    with FakeEmbeddingLibrary(tmp_path / "data") as library:
        result = library.import_paths([pack])
        assert sorted(result.files) == ["andet.pdf", "bilag-1 (kopi).pdf"]  # sorted: the copy comes first
        assert [name for name, _ in result.skipped] == ["bilag-1.pdf"]
        assert "Samme indhold som bilag-1 (kopi).pdf" in result.skipped[0][1]


def test_the_same_file_given_twice_imports_once_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "rapport.pdf"
    path.write_bytes(text_pdf(2))
    with FakeEmbeddingLibrary(tmp_path / "data") as library:
        result = library.import_paths([path, path, tmp_path / "." / "rapport.pdf"])
        assert result.files == ["rapport.pdf"] and result.pages == 2
        assert len(result.skipped) == 2 and all("angivet to gange" in error for _, error in result.skipped)


def test_an_unreadable_file_in_a_folder_is_skipped_and_the_rest_imports(tmp_path: Path, monkeypatch) -> None:
    import app.core.ingest.pack as pack_module
    from app.core.models.manifest import sha256_of

    pack = tmp_path / "pakke"
    pack_of(pack, ["hemmelig.pdf"])
    (pack / "åben.pdf").write_bytes(text_pdf(3))

    def no_permission(path: Path) -> str:  # as root chmod 000 does not stop a read: simulate it
        if path.name == "hemmelig.pdf":
            raise PermissionError(13, "Permission denied", str(path))
        return sha256_of(path)

    monkeypatch.setattr(pack_module, "sha256_of", no_permission)
    with FakeEmbeddingLibrary(tmp_path / "data") as library:
        result = library.import_paths([pack])
    assert result.files == ["åben.pdf"] and result.pages == 3
    assert [name for name, _ in result.skipped] == ["hemmelig.pdf"]
    assert "ikke adgang til at læse filen" in result.skipped[0][1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_or_a_symlink_loop_in_a_folder_is_skipped_without_blocking(tmp_path: Path) -> None:
    pack = pack_of(tmp_path / "pakke", ["dagsorden.pdf"])
    os.mkfifo(pack / "rør.pdf")  # opening it would wait for a writer forever
    (pack / "løkke.pdf").symlink_to("løkke.pdf")
    with FakeEmbeddingLibrary(tmp_path / "data") as library:
        result = library.import_paths([pack])
    assert result.files == ["dagsorden.pdf"]
    skipped = dict(result.skipped)
    assert "ikke en almindelig fil" in skipped["rør.pdf"] and "peger på sig selv" in skipped["løkke.pdf"]


# --- damage -------------------------------------------------------------------------------------


def flip_middle(path: Path, count: int = 64) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + count] = bytes(b ^ 0xFF for b in data[middle : middle + count])
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def demo_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed data directory holding the demo pack (copied by each test that damages it)."""
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    with FakeEmbeddingLibrary(data_dir) as library:
        library.import_paths([DEMO])
    return data_dir


@pytest.fixture
def imported(tmp_path: Path, demo_library: Path) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(demo_library, data_dir)
    return data_dir


def test_flipped_bytes_in_the_store_are_found_at_open_and_nothing_is_written(tmp_path: Path, imported: Path) -> None:
    data_dir = imported
    flip_middle(data_dir / "store.sqlite")
    before = (data_dir / "store.sqlite").read_bytes()
    (tmp_path / "ny.pdf").write_bytes(text_pdf(2))
    told: list[str] = []
    with FakeEmbeddingLibrary(data_dir) as library:
        library.on_damage = told.append
        assert library.store.damage  # found when it opened
        assert told and "Datalageret er beskadiget" in told[0] and "sikkerhedskopi" in told[0]
        with pytest.raises(UserError) as refused:
            library.import_paths([tmp_path / "ny.pdf"])
        assert refused.value.key == "store_damaged"
    assert (data_dir / "store.sqlite").read_bytes() == before
    assert not (data_dir / "store.sqlite.writing").exists()


def test_a_big_store_is_checked_whole_before_its_first_write(tmp_path: Path, imported: Path, monkeypatch) -> None:
    import app.core.store.integrity as integrity

    data_dir = imported
    flip_middle(data_dir / "store.sqlite")
    monkeypatch.setattr(integrity, "OPEN_CHECK_BYTES", 0)  # "too big" to check at open
    with FakeEmbeddingLibrary(data_dir) as library:
        assert library.store.damage == []  # not checked yet
        with pytest.raises(UserError) as refused:
            library.delete(1)
        assert refused.value.key == "store_damaged" and library.store.damage


def test_a_write_that_never_finished_asks_the_next_open_for_a_full_check(tmp_path: Path, imported: Path, monkeypatch) -> None:
    import app.core.store.integrity as integrity

    data_dir = imported
    assert not (data_dir / "store.sqlite.writing").exists()  # every finished write removes it
    (data_dir / "store.sqlite.writing").touch()  # as a crash mid-write leaves it
    full_checks = []
    real_full_check = integrity.full_check
    monkeypatch.setattr(integrity, "full_check", lambda db: full_checks.append(1) or real_full_check(db))
    with FakeEmbeddingLibrary(data_dir) as library:
        assert library.store.damage == [] and full_checks == [1]
        library.record_export("test")  # a write: the marker goes
    assert not (data_dir / "store.sqlite.writing").exists()


def test_a_damaged_hnsw_header_is_replaced_and_the_vectors_rebuilt_from_the_store(tmp_path: Path, imported: Path) -> None:
    data_dir = imported
    headers = list((data_dir / "vectors").glob("*/header.bin"))
    assert headers  # chromadb persisted its HNSW index
    flip_middle(headers[0], 16)  # hnswlib would crash the process (a segfault) on this file
    with FakeEmbeddingLibrary(data_dir) as library:
        assert not library.index_is_complete() and library.vectors_rebuilt
        assert library.reindex() == library.store.chunk_count()
        assert library.search("byggesagsgebyret", mode="vector")


def test_a_damaged_chromadb_database_is_replaced_and_rebuilt_from_the_store(tmp_path: Path, imported: Path) -> None:
    data_dir = imported
    sqlite_file = data_dir / "vectors" / "chroma.sqlite3"
    data = bytearray(sqlite_file.read_bytes())
    for offset in range(4096, len(data), 4096):  # every page but the header: chromadb cannot read it
        data[offset + 8 : offset + 72] = bytes(b ^ 0xFF for b in data[offset + 8 : offset + 72])
    sqlite_file.write_bytes(bytes(data))
    with FakeEmbeddingLibrary(data_dir) as library:
        assert not library.index_is_complete()  # what the CLI and the window ask before they reindex
        library.reindex()
        assert library.vectors_rebuilt and library.index_is_complete()
        assert library.search("byggesagsgebyret", mode="vector")


def test_chromadb_failing_during_a_search_rebuilds_the_vectors_and_answers(tmp_path: Path, imported: Path, monkeypatch) -> None:
    from chromadb.errors import InvalidArgumentError

    from app.core.search.index import VectorIndex, _reports_damage

    data_dir = imported
    real_query = VectorIndex.query
    failures = []

    def damaged_once(self: VectorIndex, vector: list[float], limit: int) -> list[tuple[int, float]]:
        if not failures:  # chromadb's own error type, as a damaged file gave it in the field report
            failures.append(1)
            raise InvalidArgumentError("Error loading hnsw index")
        return real_query(self, vector, limit)

    monkeypatch.setattr(VectorIndex, "query", _reports_damage(damaged_once))
    with FakeEmbeddingLibrary(data_dir) as library:
        library.search("byggesagsgebyret", mode="vector")
        assert library.vectors_rebuilt and not library.index_is_complete()  # emptied, refilled in the background
        assert library.search("byggesagsgebyret"), "meanwhile the words still find the page"
        library.reindex()  # what the background backlog does
        assert library.index_is_complete() and library.search("byggesagsgebyret", mode="vector")


# --- disk full ----------------------------------------------------------------------------------


def test_a_full_disk_gives_a_danish_message_and_leaves_no_stray_files(tmp_path: Path, imported: Path, monkeypatch) -> None:
    from sqlcipher3 import dbapi2 as sqlite3

    from app.core.store.database import Store

    data_dir = imported
    before = sorted(p.name for p in data_dir.rglob("*"))
    (tmp_path / "ny.pdf").write_bytes(text_pdf(2))

    def full(*_args: object, **_kwargs: object) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "add_document", full)
    with FakeEmbeddingLibrary(data_dir) as library:
        with pytest.raises(UserError) as refused:
            library.import_paths([tmp_path / "ny.pdf"])
        assert refused.value.key == "disk_full" and "Disken er fuld" in refused.value.message()
        assert len(library.meetings()) == 1
    assert sorted(p.name for p in data_dir.rglob("*")) == before


def test_an_import_that_would_not_fit_is_refused_before_anything_is_written(tmp_path: Path, monkeypatch) -> None:
    import app.core.store.integrity as integrity

    monkeypatch.setattr(integrity, "free_bytes", lambda _directory: 10 * 2**20)
    with FakeEmbeddingLibrary(tmp_path / "data") as library:
        with pytest.raises(UserError) as refused:
            library.import_paths([DEMO])
    assert refused.value.key == "disk_space_low" and "ikke plads nok" in refused.value.message()
    assert not (tmp_path / "data").exists()


def test_enospc_is_recognised_through_chained_errors() -> None:
    import errno

    from app.core.store.integrity import is_disk_full

    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise AttributeError("'RustBindingsAPI' object has no attribute 'bindings'") from inner
    except AttributeError as outer:
        assert is_disk_full(outer)
    assert not is_disk_full(ValueError("something else"))


def test_a_full_disk_in_chromadb_is_not_taken_for_damage(tmp_path: Path, imported: Path, monkeypatch) -> None:
    from chromadb.errors import InternalError

    from app.core.search.index import VectorIndex, _reports_damage

    def full(*_args: object) -> None:
        raise InternalError("error returned from database: (code: 13) database or disk is full")

    monkeypatch.setattr(VectorIndex, "add", _reports_damage(full))
    (tmp_path / "ny.pdf").write_bytes(text_pdf(2))
    with FakeEmbeddingLibrary(imported) as library:
        count = library.index.count()
        with pytest.raises(UserError) as refused:
            library.import_paths([tmp_path / "ny.pdf"])  # the text is stored; its vectors wait for space
        assert refused.value.key == "disk_full" and not library.vectors_rebuilt
        assert library.index.count() == count and len(library.meetings()) == 2
        assert not library.index_is_complete()
