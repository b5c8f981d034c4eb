"""A crash at any moment leaves a data directory the app opens and repairs: no damage, no half pack.

The real CLI runs an import, an ask, a re-index (new embedding model) or a schema migration and is
SIGKILLed after a seeded random delay, spread over the operation's measured duration. Then:
`moedemappe list` works; the SQLCipher store passes SQLite's and FTS5's integrity checks; every
meeting is whole (each document has all its pages, its chunks and their full-text rows) and the
store holds exactly the state before or after the operation; and the operation, run again,
succeeds. MOEDEMAPPE_CRASH_SEED picks other kill points.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from app.core.store import database as store_module
from app.core.library import Library
from app.core.models.runtime import ModelWorker
from app.core.models.manifest import first_for_role, load_manifest
from app.core.paths import models_dir
from app.core.security.keys import KeyStore
from app.core.store.database import Store
from tests.conftest import REPO_ROOT, run_cli
from tests.fixtures.malformed import text_pdf

pytestmark = pytest.mark.integration

SEED = int(os.environ.get("MOEDEMAPPE_CRASH_SEED", "20231002"))
IMPORT_RUNS, ASK_RUNS, REINDEX_RUNS, MIGRATION_RUNS = 10, 3, 4, 4
MIN_DELAY_S = 0.2
QUESTION = "Hvad er Gellerupparkens tidsplan for projektet?"
OLD_STORE_CHUNKS = 16_000  # of ~700 characters: the full-text migration takes a few seconds
OLD_STORE_WORDS = """byrådet godkendte budgettet for vejvedligeholdelse med en udgift på kr i året skolen
    plejehjem borgere udvalget indstiller at sagen forelægges økonomiudvalget tilskud bevilling""".split()

OLD_MEETING = "Byrådet 2020-01-06"

Snapshot = frozenset  # of (meeting title, ((file, pages, chunks), ...), item count)


# --------------------------------------------------------------------------- killing


def kill_delays(kind: int, runs: int, duration_s: float) -> list[float]:
    """One delay per run, stratified over [MIN_DELAY_S, duration]: the kills spread over the whole operation."""
    rng = random.Random(SEED * 31 + kind)
    width = max(duration_s - MIN_DELAY_S, 0.1) / runs
    return [MIN_DELAY_S + width * (run + rng.random()) for run in range(runs)]


def start_cli(data_dir: Path, *args: str | os.PathLike[str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "app", "--data-dir", str(data_dir), *map(str, args)]
    return subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip


def timed_cli(data_dir: Path, *args: str | os.PathLike[str]) -> float:
    """Run the CLI to the end; its duration."""
    started = time.monotonic()
    process = start_cli(data_dir, *args)
    assert process.wait(timeout=300) == 0, args
    return time.monotonic() - started


def crash(data_dir: Path, delay_s: float, *args: str | os.PathLike[str]) -> str:
    """SIGKILL the CLI after delay_s (as a crash would), then its orphaned children; says what happened."""
    process = start_cli(data_dir, *args)
    try:
        process.wait(timeout=delay_s)
        outcome = "finished before the kill"  # the checks must hold all the same
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        outcome = "killed"
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the parser and model children it left behind
        except ProcessLookupError:
            pass
    print(f"{args[0]}: {outcome} at {delay_s:.2f} s")  # shown with -rP: where the kills landed
    return f"seed {SEED}, {outcome} at {delay_s:.2f} s"


# --------------------------------------------------------------------------- checking


def whole_store(data_dir: Path, worker: ModelWorker) -> Snapshot:
    """Check the directory after a crash as the app would open it; its content, meeting by meeting."""
    listed = run_cli("list", "--json", data_dir=data_dir)
    assert listed.code == 0, listed.stderr
    with Library(data_dir, worker=worker) as library:
        snapshot = store_snapshot(library.store)
    assert {(m["title"], tuple(sorted(m["documents"]))) for m in json.loads(listed.stdout)} == {
        (title, tuple(sorted(d[0] for d in documents))) for title, documents, _items in snapshot
    }
    return snapshot


def store_snapshot(store: Store) -> Snapshot:
    db = store._db
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('integrity-check')")  # raises when damaged
    assert sorted(r[0] for r in db.execute("SELECT rowid FROM chunks_fts")) == store.all_chunk_ids()
    documents = db.execute(
        "SELECT m.id, d.file_name, d.page_count,"
        " (SELECT count(*) FROM pages p WHERE p.document_id = d.id),"
        " (SELECT count(*) FROM chunks c WHERE c.document_id = d.id)"
        " FROM meetings m LEFT JOIN documents d ON d.meeting_id = m.id"
    ).fetchall()
    for meeting_id, name, page_count, pages, chunks in documents:
        assert name is not None, f"meeting {meeting_id} has no documents"
        assert pages == page_count and chunks > 0, f"half-imported {name}: {pages}/{page_count} pages, {chunks} chunks"
    return frozenset(
        (m.title, tuple(sorted(d[1:3] + d[4:] for d in documents if d[0] == m.id)), m.item_count)
        for m in store.meetings()
    )


def assert_searchable(library: Library) -> None:
    """Every chunk has its vector (after the backlog is embedded, as the app does in the background)
    and search answers."""
    library.reindex()
    assert library.index.ids() == set(library.store.all_chunk_ids())
    assert library.search(QUESTION, limit=3)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def worker():
    """One warm model process for the checks (the killed CLIs start their own)."""
    model_worker = ModelWorker()
    yield model_worker
    model_worker.close()


@pytest.fixture(scope="module")
def pack(tmp_path_factory, shared_data) -> Path:
    """A two-file meeting pack: the Aarhus agenda and a DOCX bilag."""
    import docx

    folder = tmp_path_factory.mktemp("pack")
    shutil.copy(shared_data / "aarhus" / "dagsbil.pdf", folder / "dagsbil.pdf")
    document = docx.Document()
    for number in range(1, 31):
        document.add_paragraph(f"Afsnit {number}: Gellerupparken renoveres i etape {number}; tidsplanen følges.")
    document.save(str(folder / "bilag-1-tidsplan.docx"))
    return folder


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A data directory that already holds one meeting."""
    data_dir = tmp_path_factory.mktemp("base") / "data"
    report = tmp_path_factory.mktemp("report") / "kvartalsrapport.pdf"
    report.write_bytes(text_pdf(pages=3))
    timed_cli(data_dir, "import", report)
    return data_dir


@pytest.fixture(scope="module")
def imported(tmp_path_factory, base, pack, worker):
    """The pack imported into a copy of base, uninterrupted: the import's duration and both states."""
    data_dir = copy(base, tmp_path_factory.mktemp("imported"))
    duration = timed_cli(data_dir, "import", pack)
    return data_dir, duration, whole_store(base, worker), whole_store(data_dir, worker)


def copy(data_dir: Path, parent: Path) -> Path:
    return Path(shutil.copytree(data_dir, parent / "data"))


# --------------------------------------------------------------------------- the crashes


@pytest.mark.parametrize("run", range(IMPORT_RUNS))
def test_a_killed_import_leaves_the_meeting_whole_or_absent(run, tmp_path, base, pack, imported, worker):
    _data, duration, before, after = imported
    fresh = run % 2 == 0  # half the runs start from nothing: key, store and vectors are created too
    data_dir = tmp_path / "data" if fresh else copy(base, tmp_path)
    if fresh:
        before, after = frozenset(), after - before
    delay = kill_delays(0, IMPORT_RUNS, duration * (1.2 if fresh else 1.0))[run]
    where = crash(data_dir, delay, "import", pack)

    assert whole_store(data_dir, worker) in (before, after), where
    with Library(data_dir, worker=worker) as library:
        library.import_paths([pack])
        assert store_snapshot(library.store) == after
        assert_searchable(library)


@pytest.fixture(scope="module")
def ask_duration(tmp_path_factory, imported) -> float:
    return timed_cli(copy(imported[0], tmp_path_factory.mktemp("ask")), "ask", QUESTION)


@pytest.mark.parametrize("run", range(ASK_RUNS))
def test_a_killed_question_leaves_the_store_intact(run, tmp_path, imported, ask_duration, worker):
    source, _duration, _before, after = imported
    data_dir = copy(source, tmp_path)
    delay = kill_delays(1, ASK_RUNS, ask_duration)[run]
    where = crash(data_dir, delay, "ask", QUESTION)

    assert whole_store(data_dir, worker) == after, where
    with Library(data_dir, worker=worker) as library:
        assert_searchable(library)


@pytest.fixture(scope="module")
def new_embedder(tmp_path_factory) -> Path:
    """A models directory whose embedding model has a new name: the next search re-embeds everything."""
    swapped = tmp_path_factory.mktemp("models")
    for path in models_dir().iterdir():
        if path.is_file() and path.name != "manifest.toml":
            (swapped / path.name).symlink_to(path)
    manifest = (models_dir() / "manifest.toml").read_text(encoding="utf-8")
    current = first_for_role(load_manifest(), "embedding").name
    (swapped / "manifest.toml").write_text(manifest.replace(f'"{current}"', '"it-embedder-v2"'))
    return swapped


@pytest.fixture(scope="module")
def reindex_duration(tmp_path_factory, imported, new_embedder) -> float:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MOEDEMAPPE_MODELS_DIR", str(new_embedder))
        return timed_cli(copy(imported[0], tmp_path_factory.mktemp("reindex")), "status", "--wait-for-vectors")


@pytest.mark.parametrize("run", range(REINDEX_RUNS))
def test_a_killed_reindex_is_resumed_by_the_next_run(run, tmp_path, imported, new_embedder, reindex_duration,
                                                         worker, monkeypatch):  # fmt: skip
    source, _duration, _before, after = imported
    monkeypatch.setenv("MOEDEMAPPE_MODELS_DIR", str(new_embedder))
    data_dir = copy(source, tmp_path)
    delay = kill_delays(2, REINDEX_RUNS, reindex_duration)[run]
    where = crash(data_dir, delay, "status", "--wait-for-vectors")

    assert whole_store(data_dir, worker) == after, where
    with Library(data_dir, worker=worker) as library:
        assert library.embedding_model().name == "it-embedder-v2"
        assert_searchable(library)
        names = [c if isinstance(c, str) else c.name for c in library.index._client.list_collections()]
        assert names == ["chunks-it-embedder-v2"]


@pytest.fixture(scope="module")
def old_store(tmp_path_factory) -> Path:
    """A data directory whose store is at schema version 2, with many chunks to migrate."""
    data_dir = tmp_path_factory.mktemp("old") / "data"
    key = KeyStore(data_dir).data_key()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:2])
        store = Store(data_dir / "store.sqlite", key)
    rng = random.Random(SEED)
    texts = [" ".join(rng.choices(OLD_STORE_WORDS, k=90)) + f" {n}." for n in range(OLD_STORE_CHUNKS)]
    with store.transaction() as db:
        meeting = store.add_meeting(db, "Møder", OLD_MEETING, "Byrådet", "2020-01-06", "referat", None, False)
        document = store.add_document(db, meeting, "referat-2020.pdf", "0" * 64, [f"Side {n}" for n in range(100)])
        db.executemany("INSERT INTO chunks (id, document_id, page, text) VALUES (?, ?, ?, ?)",
                       [(n + 1, document, n % 100 + 1, text) for n, text in enumerate(texts)])  # fmt: skip
        db.executemany("INSERT INTO chunks_fts (rowid, terms) VALUES (?, ?)",
                       [(n + 1, text.lower()) for n, text in enumerate(texts)])  # fmt: skip
    store.close()
    return data_dir


@pytest.fixture(scope="module")
def migration_duration(tmp_path_factory, old_store) -> float:
    return timed_cli(copy(old_store, tmp_path_factory.mktemp("migration")), "list")


@pytest.mark.parametrize("run", range(MIGRATION_RUNS))
def test_a_killed_schema_migration_is_finished_on_the_next_start(run, tmp_path, old_store, migration_duration):
    data_dir = copy(old_store, tmp_path)
    delay = kill_delays(3, MIGRATION_RUNS, migration_duration)[run]
    where = crash(data_dir, delay, "list")

    listed = run_cli("list", "--json", data_dir=data_dir)
    assert listed.code == 0, listed.stderr
    store = Store(data_dir / "store.sqlite", KeyStore(data_dir).data_key())
    try:
        assert store.schema_version == len(store_module.MIGRATIONS), where
        assert store_snapshot(store) == {(OLD_MEETING, (("referat-2020.pdf", 100, OLD_STORE_CHUNKS),), 0)}
        assert len(store.lexical("vejvedligeholdelse", 5)) == 5
    finally:
        store.close()


# --------------------------------------------------------------------------- chosen moments


KILL_IN_IMPORT = """
import os, signal, sys
from pathlib import Path
from app.core.store import database as store
from app.core.library import Library

audit = store.Store.audit
def audit_and_die(self, *args):
    audit(self, *args)
    if args[0] == "import":  # the import transaction's last row: every row written, none committed
        os.kill(os.getpid(), signal.SIGKILL)

store.Store.audit = audit_and_die
Library(Path(sys.argv[1])).import_paths([Path(sys.argv[2])])
"""


def die_in_import_transaction(data_dir: Path, pack: Path) -> None:
    """An import killed inside its transaction, every row written (vectors come later, in the background)."""
    done = subprocess.run([sys.executable, "-c", KILL_IN_IMPORT, str(data_dir), str(pack)],
                          cwd=REPO_ROOT, capture_output=True, timeout=300)  # fmt: skip
    assert done.returncode == -signal.SIGKILL, done.stderr


def test_a_kill_inside_the_import_transaction_rolls_the_whole_pack_back(tmp_path, pack, imported, worker):
    _data, _duration, before, after = imported
    data_dir = tmp_path / "data"
    die_in_import_transaction(data_dir, pack)
    assert whole_store(data_dir, worker) == frozenset()
    with Library(data_dir, worker=worker) as library:
        library.import_paths([pack])
        assert store_snapshot(library.store) == after - before
        assert_searchable(library)


def test_vectors_left_by_a_crash_never_stand_in_for_a_later_import(tmp_path, pack, worker, monkeypatch):
    data_dir = tmp_path / "data"
    other = tmp_path / "kvartalsrapport.pdf"
    other.write_bytes(text_pdf(pages=3))
    with Library(data_dir, worker=worker) as library:
        meeting = library.import_paths([pack / "dagsbil.pdf"]).meeting_id
        library.reindex()
        # A crash between the store's delete and the vectors' leaves the vectors behind.
        monkeypatch.setattr(library.index, "delete_ids", lambda _ids: None)
        library.delete(meeting)
        monkeypatch.undo()
        assert library.index.count() > 0
        library.import_paths([other])  # its chunks take the ids the deleted meeting's vectors hold
        library.reindex()
        rows = library.store.chunks(library.store.all_chunk_ids())
        stored = library.index._collection.get(ids=[str(row.id) for row in rows], include=["embeddings"])
        expected = worker.embed(library.embedding_model(), [row.text for row in rows])
    have = dict(zip(stored["ids"], stored["embeddings"]))
    for row, want in zip(rows, expected):
        assert cosine(have[str(row.id)], want) > 0.99, f"chunk {row.id} holds another text's vector"


def cosine(a, b) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
