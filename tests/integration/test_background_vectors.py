"""Import never waits for vectors: text is readable and lexically searchable at once, vectors follow
in batches (app.core.search.vectors) that survive a kill, can be cancelled and are resumed where they stopped."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.library import Library
from app.core.messages import Cancelled
from app.core.models.runtime import ModelWorker
from app.core.search.vectors import VectorBackfill
from tests.conftest import REPO_ROOT
from tests.fixtures.malformed import text_pdf

pytestmark = pytest.mark.integration

KILL_AFTER_TWO_BATCHES = """
import os, signal, sys
from pathlib import Path
from app.core.search import index
from app.core.library import Library
from app.core.search.vectors import VectorBackfill

add, calls = index.VectorIndex.add, []
def add_and_die(self, *args):
    add(self, *args)  # committed in chromadb
    calls.append(1)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)

index.VectorIndex.add = add_and_die
VectorBackfill(Library(Path(sys.argv[1]))).run(batch=4)
"""


@pytest.fixture(scope="module")
def worker():
    worker = ModelWorker(threads=1)
    yield worker
    worker.close()


@pytest.fixture
def pack(tmp_path) -> Path:
    pdf = tmp_path / "kvartalsrapport.pdf"
    pdf.write_bytes(text_pdf(pages=6))
    return pdf


def test_an_import_is_searchable_by_its_words_before_any_vector(tmp_path, pack, worker):
    with Library(tmp_path / "data", worker=worker) as library:
        result = library.import_paths([pack])
        assert library.index.count() == 0  # the import stored text only
        status = VectorBackfill(library).status()
        assert (status.embedded, status.total) == (0, result.chunks)
        word = library.store.chunks(library.store.all_chunk_ids()[:1])[0].text.split()[0]
        assert library.search(word, limit=3)  # hybrid: the lexical side answers, nothing fails
        assert library.search(word, limit=3, mode="vector") == []


def test_the_backlog_is_embedded_newest_first_and_can_be_cancelled(tmp_path, pack, worker):
    with Library(tmp_path / "data", worker=worker) as library:
        library.import_paths([pack])
        backfill = VectorBackfill(library)
        ids = library.store.all_chunk_ids()
        status = backfill.embed_next(batch=2)
        assert status.embedded == 2 and library.index.ids() == set(ids[-2:])
        calls = []
        with pytest.raises(Cancelled):
            backfill.run(should_cancel=lambda: bool(calls.append(1)) or len(calls) > 2, batch=2)
        assert backfill.status().embedded == 6  # two more batches, then the cancel
        assert library.reindex() == len(ids) - 6  # resumed, nothing embedded twice
        assert library.index.ids() == set(ids) and library.search("rapport", mode="vector")


def test_a_killed_backfill_resumes_after_restart(tmp_path, pack, worker):
    data_dir = tmp_path / "data"
    with Library(data_dir, worker=worker) as library:
        total = library.import_paths([pack]).chunks
    assert total > 8
    done = subprocess.run([sys.executable, "-c", KILL_AFTER_TWO_BATCHES, str(data_dir)], cwd=REPO_ROOT,
                          capture_output=True, timeout=300)  # fmt: skip
    assert done.returncode == -signal.SIGKILL, done.stderr
    with Library(data_dir, worker=worker) as library:
        backfill = VectorBackfill(library)
        assert backfill.refresh().embedded == 8  # the two batches written before the kill
        assert backfill.run() == total - 8
        assert library.index.ids() == set(library.store.all_chunk_ids())


def test_cli_import_waits_for_vectors_only_when_asked(tmp_path, pack, cli):
    plain, waited = tmp_path / "plain", tmp_path / "waited"
    assert cli("import", pack, data_dir=plain).code == 0
    status = json.loads(cli("status", "--json", data_dir=plain).stdout)["vectors"]
    assert status["embedded"] == 0 and status["pending"] == status["total"] > 0
    assert cli("import", pack, "--wait-for-vectors", data_dir=waited).code == 0
    status = json.loads(cli("status", "--json", data_dir=waited).stdout)["vectors"]
    assert status["pending"] == 0 and status["embedded"] == status["total"] > 0
    finished = cli("status", "--wait-for-vectors", data_dir=plain)
    assert finished.code == 0 and f"{status['total']} af {status['total']}" in finished.stdout
