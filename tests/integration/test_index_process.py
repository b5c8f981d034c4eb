"""The vector index in a child process (the window's) answers as the in-process one (the CLI's) does,
keeps damage and a full disk recognisable across the pipe, and survives a killed child."""

from __future__ import annotations

import errno
import multiprocessing
import os
import random
import signal
from pathlib import Path
from typing import Any

import pytest

from app.core.search.index import VectorIndex, VectorIndexDamaged
from app.core.search.index_process import VectorIndexProcess, _error_reply
from app.core.store.integrity import is_disk_full

MODEL = "test-model"


def _vectors(count: int, seed: int = 7) -> list[list[float]]:
    rng = random.Random(seed)
    return [[rng.uniform(-1, 1) for _ in range(8)] for _ in range(count)]


def _fill(index: Any) -> list[list[float]]:
    vectors = _vectors(40)
    index.add(1, list(range(1, 21)), vectors[:20])
    index.add(2, list(range(21, 41)), vectors[20:])
    index.delete_ids([3, 4, 25])
    return vectors


def _answers(index: Any, vectors: list[list[float]]) -> dict[str, Any]:
    return {
        "count": index.count(),
        "ids": index.ids(),
        "present": index.present([1, 3, 5, 25, 26, 99]),
        "query": [(i, round(s, 5)) for i, s in index.query(vectors[7], 10)],
        "vectors": {i: [round(x, 5) for x in v] for i, v in index.vectors([2, 3, 30]).items()},
    }


def test_the_child_answers_as_the_in_process_index(tmp_path: Path) -> None:
    local = VectorIndex(tmp_path / "local", MODEL)
    child = VectorIndexProcess(tmp_path / "child", MODEL)
    try:
        vectors = _fill(local)
        assert _fill(child) == vectors
        expected = _answers(local, vectors)
        assert _answers(child, vectors) == expected
        assert expected["count"] == 37 and expected["present"] == [1, 5, 26]
        child.compact()
        assert _answers(child, vectors) == expected
    finally:
        local.close()
        child.close()
    assert not multiprocessing.active_children()


def test_damage_in_the_child_is_raised_as_damage(tmp_path: Path) -> None:
    child = VectorIndexProcess(tmp_path / "vectors", MODEL)
    child.add(1, list(range(1, 201)), _vectors(200))
    child.close()
    headers = list((tmp_path / "vectors").glob("*/header.bin"))
    assert headers
    headers[0].write_bytes(headers[0].read_bytes()[:-8])
    with pytest.raises(VectorIndexDamaged):
        VectorIndexProcess(tmp_path / "vectors", MODEL)
    assert not multiprocessing.active_children()


def test_a_full_disk_stays_a_full_disk_across_the_pipe() -> None:
    damaged = VectorIndexDamaged("write failed")
    damaged.__cause__ = OSError(errno.ENOSPC, "No space left on device")
    status, payload, disk_full = _error_reply(damaged)
    assert status == "error" and disk_full

    class Pipe:
        def recv(self) -> Any:
            return status, payload, disk_full

    proxy = VectorIndexProcess.__new__(VectorIndexProcess)
    proxy._conn = Pipe()
    with pytest.raises(VectorIndexDamaged) as raised:
        proxy._receive()
    assert is_disk_full(raised.value)


def test_a_killed_child_is_started_again(tmp_path: Path) -> None:
    child = VectorIndexProcess(tmp_path / "vectors", MODEL)
    try:
        child.add(1, [1, 2, 3], _vectors(3))
        first = child.pid
        assert first is not None
        os.kill(first, signal.SIGKILL)
        assert child.ids() == {1, 2, 3}
        assert child.pid not in (None, first)
    finally:
        child.close()
    assert not multiprocessing.active_children()


def test_the_window_library_ends_its_index_child_on_close(tmp_path: Path) -> None:
    from app.core.library import Library

    library = Library(tmp_path / "data", passphrase="x" * 16, vectors_in_child=True)
    assert isinstance(library.index, VectorIndexProcess)
    assert library.index.count() == 0
    assert [p.name for p in multiprocessing.active_children()] == ["vector-index"]
    library.close()
    assert not multiprocessing.active_children()
