"""A Library whose embedder is a deterministic fake (unit tests of import/delete/damage paths that
must run without the model files). Everything else is real: the SQLCipher store, chromadb, parsing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core.library import Library
from app.core.models.manifest import ModelEntry

DIMENSIONS = 32
FAKE_MODEL = ModelEntry(name="fake-embedder", file="none", sha256="0" * 64, roles=("embedding",), licence="test",
                        context=512, template=None, tier="demo", source=None, directory=Path("."))  # fmt: skip


class HashEmbedder:
    """Vectors from the text's sha256: equal texts, equal vectors."""

    def embed(self, _entry: ModelEntry, texts: list[str], kind: str = "passage") -> list[list[float]]:
        vectors = []
        for text in texts:
            digest = hashlib.sha256(text.encode()).digest()
            vectors.append([(byte + 1) / 256 for byte in digest[:DIMENSIONS]])
        return vectors

    @contextmanager
    def embedding(self, entry: ModelEntry, texts: list[str], kind: str = "passage") -> Iterator[Callable[[], list[list[float]]]]:
        """Like ModelWorker.embedding (the search overlaps it with the full-text query)."""
        vectors = self.embed(entry, texts, kind)
        yield lambda: vectors

    def close(self) -> None:
        pass


class FakeEmbeddingLibrary(Library):
    """Imports embed at once (the app does it in the background): these tests are about the vectors."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir, worker=HashEmbedder())  # type: ignore[arg-type]

    def import_paths(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = super().import_paths(*args, **kwargs)
        self.reindex()
        return result

    def embedding_model(self) -> ModelEntry:
        return FAKE_MODEL
