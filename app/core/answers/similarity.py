"""Meaning-level similarity of a question or an answer sentence to passages, with the library's
embedding model through its model worker: a check for answer verification that does not depend on
shared words (app.core.answers.answer decides where to use it).

Vectors are L2-normalised, so a dot product is the cosine. The text is embedded as a query (the
embedder's query prefix), passages as passages; passages that are stored chunks reuse the vectors
the index already holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from app.core.library import Library


def similarity(library: Library, text: str, passages: list[str]) -> list[float]:
    """Cosine similarity of `text` to each passage, in order."""
    if not passages:
        return []
    entry = library.embedding_model()
    query = np.asarray(library.worker.embed(entry, [text], kind="query")[0])
    vectors = np.asarray(library.worker.embed(entry, passages, kind="passage"))
    return [float(v) for v in vectors @ query]


def similarity_to_chunks(library: Library, text: str, chunk_ids: list[int]) -> list[float]:
    """Cosine similarity of `text` to stored chunks (e.g. an answer's cited hits), in order. Uses the
    index's vectors; chunks the background has not embedded yet are embedded here."""
    if not chunk_ids:
        return []
    entry = library.embedding_model()
    stored = library.index.vectors(chunk_ids)
    missing = [i for i in chunk_ids if i not in stored]
    if missing:
        rows = library.store.chunks(missing)
        stored.update(zip((row.id for row in rows), library.worker.embed(entry, [row.text for row in rows])))
    query = np.asarray(library.worker.embed(entry, [text], kind="query")[0])
    return [float(np.dot(query, stored[i])) if i in stored else 0.0 for i in chunk_ids]
