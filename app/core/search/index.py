"""The vector index: chromadb with opaque chunk ids and vectors only.

No text or titles go into chromadb (the store keeps those). Telemetry is off
and no default embedding function is ever created: it would download a model.
"""

from __future__ import annotations

import ctypes
import functools
import math
import os
import struct
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, TypeVar

from app.core.store.integrity import is_disk_full

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


# Vectors per chromadb write. Its Rust binding holds the GIL for the whole call, which freezes the
# window for that long. On a 2-core laptop an upsert of 64 took 29-82 ms (and over 100 ms under load),
# of 16 about 14-19 ms; the smaller batches cost ~0.4 ms more per vector, ~1 % of an import.
# Smaller than 16 does not help: most of a call is fixed cost (its SQLite commit and fsync, the
# HNSW update): on a loaded 2-core machine 1 vector took 51 ms, 4 took 76 ms, 16 took 142 ms
# (median), on tmpfs 16 took 8 ms. Only a process of its own would keep these holds off the window.
WRITE_BATCH = 16


F = TypeVar("F", bound=Callable[..., Any])


def _reports_damage(method: F) -> F:
    """chromadb's own errors on reading or writing its files mean they are damaged."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _damage_reported():
            return method(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


class VectorIndex:
    def __init__(self, directory: Path, model_name: str) -> None:
        import chromadb
        from chromadb.config import Settings

        self.directory = directory
        wipe_freed_memory()
        check_files(directory)  # before chromadb loads them: a damaged HNSW header crashes the process
        # One collection per embedding model: vectors of different models never mix.
        self._name = f"chunks-{model_name}"[:63]
        try:
            self._client = chromadb.PersistentClient(
                path=str(directory), settings=Settings(anonymized_telemetry=False, allow_reset=False)
            )
            self._collection: Any = self._client.get_or_create_collection(
                self._name, embedding_function=None, metadata={"hnsw:space": "cosine"}
            )
        except Exception as exc:  # noqa: BLE001 - chromadb reports damage with many types (also AttributeError)
            raise VectorIndexDamaged(f"{type(exc).__name__}: {exc}") from exc

    @_reports_damage
    def add(self, meeting_id: int, chunk_ids: list[int], vectors: list[list[float]]) -> None:
        # upsert, not add: after a crash between the vector write and the store's commit, the store
        # reuses those chunk ids, and add() would silently keep the dead import's vectors.
        # In batches: chromadb holds the GIL for a whole call, which would freeze the window.
        for start in range(0, len(chunk_ids), WRITE_BATCH):
            ids = chunk_ids[start : start + WRITE_BATCH]
            self._collection.upsert(
                ids=[str(i) for i in ids],
                embeddings=vectors[start : start + WRITE_BATCH],
                metadatas=[{"meeting": meeting_id}] * len(ids),
            )

    @_reports_damage
    def delete_ids(self, chunk_ids: list[int]) -> None:
        for start in range(0, len(chunk_ids), WRITE_BATCH):  # batched for the same reason as add()
            self._collection.delete(ids=[str(i) for i in chunk_ids[start : start + WRITE_BATCH]])

    @_reports_damage
    def query(self, vector: list[float], limit: int) -> list[tuple[int, float]]:
        """(chunk id, cosine similarity) best first."""
        # No count() first to cap n_results: chromadb counts its SQLite rows (6 ms at 100k chunks,
        # three times the HNSW query) and returns fewer results, or none, on its own.
        result = self._collection.query(query_embeddings=[vector], n_results=limit, include=["distances"])
        return [(int(i), 1.0 - float(d)) for i, d in zip(result["ids"][0], result["distances"][0])]

    @_reports_damage
    def count(self) -> int:
        return int(self._collection.count())

    def present(self, chunk_ids: list[int]) -> list[int]:
        """Those of chunk_ids that have a vector."""
        found: list[int] = []
        for start in range(0, len(chunk_ids), 1000):
            ids = [str(i) for i in chunk_ids[start : start + 1000]]
            found += [int(i) for i in self._collection.get(ids=ids, include=[])["ids"]]
        return found

    def vectors(self, chunk_ids: list[int]) -> dict[int, list[float]]:
        """The stored vectors of those chunk ids that have one."""
        found = self._collection.get(ids=[str(i) for i in chunk_ids], include=["embeddings"])
        return {int(i): list(v) for i, v in zip(found["ids"], found["embeddings"])}

    @_reports_damage
    def ids(self) -> set[int]:
        return {int(i) for i in self._collection.get(include=[])["ids"]}

    def compact(self) -> None:
        """After deletions: leave no deleted vector or metadata in chromadb's files (compact_collection)."""
        with _damage_reported():
            compact_collection(self)

    def close(self) -> None:
        """Let go of chromadb's files (before they are removed and rebuilt)."""
        from chromadb.api.client import SharedSystemClient

        self._collection = self._client = None
        SharedSystemClient.clear_system_cache()

    def drop_other_models(self) -> None:
        """Forget vectors of earlier embedding models once this model's index is complete."""
        for collection in self._client.list_collections():
            name = collection if isinstance(collection, str) else collection.name
            if (name.startswith("chunks-") and name != self._name) or name.startswith("compacting-"):
                self._client.delete_collection(name)


@contextmanager
def _damage_reported() -> Iterator[None]:
    """chromadb's own errors on reading or writing its files mean they are damaged."""
    from chromadb.errors import ChromaError

    try:
        yield
    except ChromaError as exc:
        if is_disk_full(exc):
            raise  # not damage: rebuilding would only fill the disk again
        raise VectorIndexDamaged(f"{type(exc).__name__}: {exc}") from exc


# glibc's mallopt option M_PERTURB: freed heap memory is overwritten with a byte pattern, new
# allocations with its complement.
_M_PERTURB = -6


def wipe_freed_memory() -> None:
    """hnswlib allocates its vector arrays with malloc and writes them to disk whole, unused slots
    included: without this, vectors freed earlier in the process (a deleted meeting's, after
    compaction) reappeared in a new data_level0.bin in 3 of 4 runs. With freed memory wiped and new
    memory filled with a pattern, no earlier heap content reaches chromadb's files."""
    if not sys.platform.startswith("linux"):
        return  # other allocators have other switches (macOS: MallocScribble); not covered here
    try:
        ctypes.CDLL(None).mallopt(_M_PERTURB, 0xA5)
    except (OSError, AttributeError):  # not glibc (musl has no mallopt): nothing to set
        pass


class VectorIndexDamaged(Exception):
    """chromadb's files are damaged: the vectors must be rebuilt from the store (the text there is
    the source of truth)."""


# --- trace-free deletion and damage detection ---------------------------------------------------
# chromadb keeps what was deleted: its write-ahead queue (embeddings_queue) still holds every
# upserted vector with its metadata, its HNSW files keep deleted vectors marked as deleted, and its
# SQLite file keeps freed pages. compact() copies the live vectors into a fresh collection, drops the
# old one (queue rows included), removes the dropped segment folders chromadb leaves behind and
# vacuums chromadb's SQLite file.

COMPACT_BATCH = 64  # larger than WRITE_BATCH: compaction runs off the UI thread, once per delete


def compact_collection(index: VectorIndex) -> None:
    """Rewrite the index so that no deleted vector or metadata stays in any of chromadb's files."""
    client, old = index._client, index._collection
    live = old.get(include=["embeddings", "metadatas"])
    # A new collection first: a crash in between leaves the old one whole (and a stray
    # "compacting-" collection that the next compaction or open drops).
    staging_name = f"compacting-{index._name}"[:63]
    _drop_collection(client, staging_name)
    staging = client.create_collection(staging_name, embedding_function=None, metadata={"hnsw:space": "cosine"})
    ids, embeddings, metadatas = live["ids"], live["embeddings"], live["metadatas"]
    for start in range(0, len(ids), COMPACT_BATCH):
        end = start + COMPACT_BATCH
        staging.upsert(ids=ids[start:end], embeddings=embeddings[start:end], metadatas=metadatas[start:end])
    client.delete_collection(index._name)
    staging.modify(name=index._name)
    index._collection = client.get_collection(index._name, embedding_function=None)
    remove_orphan_segments(index.directory)
    vacuum_sqlite(index.directory / "chroma.sqlite3")


def _drop_collection(client: Any, name: str) -> None:
    names = [c if isinstance(c, str) else c.name for c in client.list_collections()]
    if name in names:
        client.delete_collection(name)


def remove_orphan_segments(directory: Path) -> None:
    """chromadb leaves the HNSW folder of a deleted collection on disk, deleted vectors included."""
    import shutil
    import sqlite3

    with closing(sqlite3.connect(directory / "chroma.sqlite3")) as db:
        live = {str(r[0]) for r in db.execute("SELECT id FROM segments")}
    for entry in directory.iterdir():
        if entry.is_dir() and not entry.is_symlink() and _is_segment_name(entry.name) and entry.name not in live:
            shutil.rmtree(entry)


def vacuum_sqlite(path: Path) -> None:
    """Rewrite chromadb's SQLite file without the freed pages that still hold deleted rows."""
    import sqlite3

    with closing(sqlite3.connect(path, isolation_level=None, timeout=30)) as db:
        db.execute("PRAGMA secure_delete = ON")
        db.execute("VACUUM")
        if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _is_segment_name(name: str) -> bool:
    import uuid

    try:
        uuid.UUID(name)
    except ValueError:
        return False
    return True


# hnswlib's header.bin as chromadb writes it: a format version, then hnswlib's fields.
_HNSW_HEADER = struct.Struct("<I6QiI3QdQ")
# Above any link-list size hnswlib writes for one element (a few hundred bytes at m = 16), far below
# the bits of a float near 1.0.
LINK_LIST_MAX = 2**20


def check_files(directory: Path) -> None:
    """Raise VectorIndexDamaged when an HNSW segment's files do not fit together. hnswlib trusts
    them blindly: a damaged header.bin crashes the whole process (a segfault, not an exception)."""
    for segment in directory.iterdir() if directory.is_dir() else []:
        header = segment / "header.bin"
        if segment.is_dir() and _is_segment_name(segment.name) and header.exists():
            problem = _hnsw_problem(segment)
            if problem:
                raise VectorIndexDamaged(f"{segment.name}: {problem}")


def _hnsw_problem(segment: Path) -> str | None:
    raw = (segment / "header.bin").read_bytes()
    if len(raw) != _HNSW_HEADER.size:
        return "header size"
    (version, offset_level0, max_elements, count, size_per_element, label_offset, offset_data, max_level,
     entry_point, max_m, max_m0, m, mult, ef_construction) = _HNSW_HEADER.unpack(raw)  # fmt: skip
    sizes = {name: (segment / name).stat().st_size if (segment / name).exists() else -1
             for name in ("data_level0.bin", "length.bin", "link_lists.bin")}  # fmt: skip
    checks = {
        "version": version == 1 and offset_level0 == 0,
        "counts": count <= max_elements < 2**40 and 0 < offset_data < label_offset < size_per_element < 2**20,
        "graph": 0 < m <= 2048 and max_m == m and max_m0 == 2 * m and -1 <= max_level < 64
        and 0 < ef_construction < 2**20 and abs(mult * math.log(m) - 1.0) < 1e-6 if m > 1 else False,
        "entry point": entry_point < count or (count == 0 and entry_point in (0, 2**32 - 1)) or max_level == -1,
        # hnswlib writes room for max_elements; chromadb 1.5 writes only the count it holds.
        "data size": sizes["data_level0.bin"] in (max_elements * size_per_element, count * size_per_element),
        "length size": sizes["length.bin"] in (max_elements * 4, count * 4),
    }
    if checks["length size"] and sizes["length.bin"] > 0 and sizes["link_lists.bin"] >= 0:
        lengths = struct.unpack(f"<{sizes['length.bin'] // 4}I", (segment / "length.bin").read_bytes())
        # hnswlib's length.bin holds each element's link-list size (a few hundred bytes at most);
        # chromadb 1.5's holds each vector's norm as a float (1.0 reads as 1065353216): no sizes to check.
        if all(length < LINK_LIST_MAX for length in lengths[:count]):
            checks["link lists"] = sum(lengths[:count]) <= sizes["link_lists.bin"]
    return next((name for name, ok in checks.items() if not ok), None)


def reset_directory(directory: Path) -> None:
    """Remove a damaged index's files (chromadb's cached client first), so an empty one can start."""
    import shutil

    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    if directory.is_dir() and not directory.is_symlink():
        shutil.rmtree(directory)
