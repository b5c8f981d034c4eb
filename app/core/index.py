"""The vector index: chromadb with opaque chunk ids and vectors only.

No text or titles go into chromadb (the store keeps those). Telemetry is off
and no default embedding function is ever created: it would download a model.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


# Vectors per chromadb write. Its Rust binding holds the GIL for the whole call, which freezes the
# window for that long. On a 2-core laptop an upsert of 64 took 29-82 ms (and over 100 ms under load),
# of 16 about 14-19 ms; the smaller batches cost ~0.4 ms more per vector, ~1 % of an import.
WRITE_BATCH = 16


class VectorIndex:
    def __init__(self, directory: Path, model_name: str) -> None:
        import chromadb
        from chromadb.config import Settings

        self._client = chromadb.PersistentClient(
            path=str(directory), settings=Settings(anonymized_telemetry=False, allow_reset=False)
        )
        # One collection per embedding model: vectors of different models never mix.
        self._name = f"chunks-{model_name}"[:63]
        self._collection: Any = self._client.get_or_create_collection(
            self._name, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

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

    def delete_ids(self, chunk_ids: list[int]) -> None:
        for start in range(0, len(chunk_ids), WRITE_BATCH):  # batched for the same reason as add()
            self._collection.delete(ids=[str(i) for i in chunk_ids[start : start + WRITE_BATCH]])

    def query(self, vector: list[float], limit: int) -> list[tuple[int, float]]:
        """(chunk id, cosine similarity) best first."""
        count = self._collection.count()
        if count == 0:
            return []
        result = self._collection.query(
            query_embeddings=[vector], n_results=min(limit, count), include=["distances"]
        )
        return [(int(i), 1.0 - float(d)) for i, d in zip(result["ids"][0], result["distances"][0])]

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

    def ids(self) -> set[int]:
        return {int(i) for i in self._collection.get(include=[])["ids"]}

    def drop_other_models(self) -> None:
        """Forget vectors of earlier embedding models once this model's index is complete."""
        for collection in self._client.list_collections():
            name = collection if isinstance(collection, str) else collection.name
            if name.startswith("chunks-") and name != self._name:
                self._client.delete_collection(name)
