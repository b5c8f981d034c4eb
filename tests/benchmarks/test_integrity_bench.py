"""Data safety figures (``make bench``; ~2-3 minutes): what a deletion leaves, and what damage
detection costs.

* ``delete_trace_hits``: after deleting one of two imported meetings, the deleted meeting's file name,
  title and a distinctive sentence in the decrypted store (every table, the audit log included) plus
  its vectors and their ``{"meeting": N}`` metadata in chromadb's raw files (goal 0).
  ``delete_s``: the deletion with chromadb's compaction, against deleting the vectors alone (baseline).
* On a store holding the 351-page big pack (tests/fixtures/packs.py): the check when it opens
  (``store_open_check_ms``, every page's HMAC), the full check of ``moedemappe check``
  (``store_full_check_ms``, HMACs and b-tree structure), each against opening the store without a
  check; ``store_damage_detect_ms``: 64 flipped bytes in the middle of the file, from open to the
  damage being reported.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from ..fixtures import packs
from ..fixtures.traces import meeting_vectors, vector_traces
from .test_bench import median

pytestmark = pytest.mark.bench

REPEATS = 5


def _decrypted_dump(data_dir: Path, key: bytes) -> bytes:
    from app.core.store.database import Store

    store = Store(data_dir / "store.sqlite", key)
    tables = [r[0] for r in store._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    dump = b"".join(repr(row).encode() for t in tables for row in store._db.execute(f'SELECT * FROM "{t}"'))
    store.close()
    return dump


def test_delete_leaves_no_trace(shared_data: Path, demo_pdf: Path, worker: Any, record: Any, tmp_path: Path) -> None:
    from app.core.library import Library

    data_dir = tmp_path / "data"
    with Library(data_dir, worker=worker) as library:
        library.import_paths([demo_pdf])
        deleted = library.import_paths([shared_data / "aarhus" / "dagsbil.pdf"])
        library.reindex()  # an import leaves its vectors to the background backlog: embed them now
        vectors = meeting_vectors(library, deleted.meeting_id)
        before = vector_traces(data_dir / "vectors", vectors, deleted.meeting_id)
        started = time.perf_counter()
        library.delete(deleted.meeting_id)
        delete_s = time.perf_counter() - started
        key = library.keys.data_key()
        baseline_s = _delete_vectors_only(library, tmp_path, len(vectors))
    assert before >= len(vectors) > 0  # the scan sees them while they exist
    dump = _decrypted_dump(data_dir, key)
    words = (b"dagsbil", b"Saksild", b"saksild", deleted.title.encode())
    hits = sum(dump.count(word) for word in words) + vector_traces(data_dir / "vectors", vectors, deleted.meeting_id)
    record("delete_trace_hits", hits, "hits (store+vectors after delete; goal 0)")
    record("delete_s", delete_s, "s (with vector compaction; ratio vectors-only/app)", baseline=baseline_s,
           lower_is_better=True)  # fmt: skip


def _delete_vectors_only(library: Any, tmp_path: Path, deleted: int) -> float:
    """What deleting vectors took before compaction: chromadb's delete of as many vectors, from an
    index of the same size as the one before the deletion."""
    from app.core.search.index import VectorIndex

    vectors = [list(v) for v in library.index._collection.get(include=["embeddings"])["embeddings"]]
    vectors += vectors[:deleted]
    scratch = VectorIndex(tmp_path / "scratch", "baseline")
    scratch.add(1, list(range(len(vectors))), vectors)
    started = time.perf_counter()
    scratch.delete_ids(list(range(deleted)))
    return time.perf_counter() - started


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory, worker: Any) -> tuple[Path, bytes]:
    from app.core.library import Library

    directory = tmp_path_factory.mktemp("bigstore")
    pack = packs.render_big_pack(directory / "referater-2023-samlet.pdf", min_pages=300)
    with Library(directory / "data", worker=worker) as library:
        library.import_paths([pack])
        key = library.keys.data_key()
    return directory / "data", key


def test_damage_detection_cost(big_store: tuple[Path, bytes], record: Any, tmp_path: Path) -> None:
    from app.core.store import integrity
    from app.core.store.database import _connect

    data_dir, key = big_store
    path = data_dir / "store.sqlite"
    plain_open, open_check, full_check = [], [], []
    for _ in range(REPEATS):
        started = time.perf_counter()
        db = _connect(path, key)
        plain_open.append(time.perf_counter() - started)
        started = time.perf_counter()
        assert integrity.check_on_open(db, path).ok
        open_check.append(time.perf_counter() - started)
        assert integrity.full_check(db).ok
        full_check.append(time.perf_counter() - started - open_check[-1])
        db.close()
    size_mb = path.stat().st_size / 2**20
    assert size_mb * 2**20 <= integrity.OPEN_CHECK_BYTES  # else the open check is deferred to the first write
    record("store_size_mb", size_mb, "MB (store holding the big pack, >= 300 pages)")
    record("store_open_check_ms", 1000 * median(open_check), "ms (HMAC of every page; ratio open/check)",
           baseline=1000 * median(plain_open), lower_is_better=True)  # fmt: skip
    record("store_full_check_ms", 1000 * median(full_check), "ms (HMACs + quick_check; ratio open/check)",
           baseline=1000 * median(plain_open), lower_is_better=True)  # fmt: skip
    damaged = tmp_path / "store.sqlite"
    shutil.copy(path, damaged)
    data = bytearray(damaged.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(b ^ 0xFF for b in data[middle : middle + 64])
    damaged.write_bytes(bytes(data))
    detect = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        db = _connect(damaged, key)
        found = integrity.check_on_open(db, damaged)
        detect.append(time.perf_counter() - started)
        db.close()
        assert found is not None and not found.ok
    record("store_damage_detect_ms", 1000 * median(detect), "ms (64 flipped bytes: open to damage reported)")
