"""Switching the embedding model in the manifest re-embeds every chunk into a fresh index."""

from __future__ import annotations

import pytest

from app.core.library import Library
from app.core.paths import models_dir

pytestmark = pytest.mark.integration


def test_a_new_embedding_model_triggers_a_complete_reindex(tmp_path, monkeypatch, shared_data):
    data_dir = tmp_path / "data"
    with Library(data_dir) as library:
        library.import_paths([shared_data / "aarhus" / "dagsbil.pdf"])
        chunks = library.store.chunk_count()
        library.reindex()  # the backlog the app embeds in the background
        assert library.index_is_complete()
        current = library.embedding_model().name

    # IT swaps in "another" embedding model: same files here, a new manifest entry name.
    swapped = tmp_path / "models"
    swapped.mkdir()
    for path in models_dir().iterdir():
        if path.is_file() and path.name != "manifest.toml":
            (swapped / path.name).symlink_to(path)
    manifest = (models_dir() / "manifest.toml").read_text(encoding="utf-8")
    (swapped / "manifest.toml").write_text(manifest.replace(f'"{current}"', '"it-embedder-v2"'))
    monkeypatch.setenv("MOEDEMAPPE_MODELS_DIR", str(swapped))

    with Library(data_dir) as library:
        assert library.embedding_model().name == "it-embedder-v2"
        assert not library.index_is_complete()
        steps: list[float] = []
        assert library.reindex(progress=lambda fraction, _message: steps.append(fraction)) == chunks
        assert library.index_is_complete() and steps[-1] == 1.0
        assert library.search("Saksild Strand", mode="vector")  # the new index answers
        names = [c if isinstance(c, str) else c.name for c in library.index._client.list_collections()]
        assert names == ["chunks-it-embedder-v2"]  # the old model's vectors are gone
