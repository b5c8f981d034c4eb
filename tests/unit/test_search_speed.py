"""What makes a search fast without changing its results: question vectors are remembered (and
forgotten on lock), and the question is embedded while the full-text query runs."""

from __future__ import annotations

from app.core.ingest.structure import Item
from app.core.store.database import NewChunk, SearchFilter

from .fake_embedding import FakeEmbeddingLibrary, HashEmbedder


class CountingEmbedder(HashEmbedder):
    def __init__(self) -> None:
        self.questions: list[str] = []

    def embed(self, entry, texts, kind="passage"):  # type: ignore[no-untyped-def]
        if kind == "query":
            self.questions += texts
        return super().embed(entry, texts, kind)


def _library(tmp_path):  # type: ignore[no-untyped-def]
    library = FakeEmbeddingLibrary(tmp_path / "data")
    library._worker = CountingEmbedder()
    store = library.store
    with store.transaction() as db:
        meeting = store.add_meeting(db, "Møder", "Byrådet 2023-10-02", "Byrådet", "2023-10-02", "referat", None, True)
        document = store.add_document(db, meeting, "pakke.pdf", "abc", ["Svømmehallen koster 12 mio. kr."])
        item = store.add_item(db, meeting, document, Item(1, "Svømmehal", 1, 1, True, "23-001", []))
        store.add_chunks(db, document, [NewChunk(1, 1, "Økonomi", "Svømmehallen koster 12 mio. kr.")], {1: item})
    library.reindex()
    return library


def test_a_repeated_question_is_embedded_once_and_forgotten_on_lock(tmp_path):
    from app.core.security.keys import PASSPHRASE_ENV, environment_secret

    library = _library(tmp_path)
    first = library.search("Hvad koster svømmehallen?")
    assert library.search("Hvad koster svømmehallen?", filters=SearchFilter(closed=True)) == first
    assert library.search("Hvad koster svømmehallen?", mode="vector") == library.search(
        "Hvad koster svømmehallen?", mode="vector")
    assert library._worker.questions == ["Hvad koster svømmehallen?"] and first
    assert library.search("Hvad koster svømmehallen?", filters=SearchFilter(closed=False)) == []
    library.lock()
    assert not library._query_vectors
    library.unlock(environment_secret(PASSPHRASE_ENV))
    library.search("Hvad koster svømmehallen?")
    assert library._worker.questions == ["Hvad koster svømmehallen?"] * 2
    library.close()
