"""The vector index (app.core.search.index) against what chromadb really does: an index that is whole
opens as it is (the HNSW file check must not take it for damaged), and a query asks for no count first."""

from __future__ import annotations

import random
from pathlib import Path

from app.core.search.index import _HNSW_HEADER, VectorIndex, check_files


def _vectors(count: int, seed: int = 7) -> list[list[float]]:
    rng = random.Random(seed)
    vectors = []
    for _ in range(count):
        raw = [rng.gauss(0.0, 1.0) for _ in range(16)]
        norm = sum(x * x for x in raw) ** 0.5
        vectors.append([x / norm for x in raw])
    return vectors


def test_a_persisted_index_with_room_to_grow_passes_the_check_and_keeps_its_vectors(tmp_path: Path) -> None:
    directory = tmp_path / "vectors"
    index = VectorIndex(directory, "test-model")
    count = 2000  # past chromadb's first capacity: its header's max_elements (2048) exceeds the count
    vectors = _vectors(count)
    for start in range(0, count, 500):
        index.add(1, list(range(start, start + 500)), vectors[start : start + 500])
    index.close()
    headers = list(directory.glob("*/header.bin"))
    assert headers  # chromadb persisted its HNSW files
    fields = _HNSW_HEADER.unpack(headers[0].read_bytes())
    max_elements, stored = fields[2], fields[3]
    assert 0 < stored <= count < max_elements  # the case the check took for damage

    check_files(directory)  # raises VectorIndexDamaged when it takes the files for damaged
    reopened = VectorIndex(directory, "test-model")
    assert reopened.count() == count
    assert reopened.query(vectors[5], 1)[0][0] == 5
    reopened.close()


def test_a_query_for_more_than_the_index_holds_returns_what_it_holds(tmp_path: Path) -> None:
    index = VectorIndex(tmp_path / "vectors", "test-model")
    vectors = _vectors(3)
    assert index.query(vectors[0], 50) == []  # empty
    index.add(1, [10, 11, 12], vectors)
    found = index.query(vectors[1], 50)
    assert [chunk_id for chunk_id, _ in found][0] == 11 and sorted(i for i, _ in found) == [10, 11, 12]
    assert abs(found[0][1] - 1.0) < 1e-5  # cosine similarity, best first
    index.delete_ids([10, 11, 12])
    assert index.query(vectors[1], 50) == []
    index.close()
