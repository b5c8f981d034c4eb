"""Meaning-level similarity for answer verification (app.core.answers.similarity), with the real embedder."""

from __future__ import annotations

import pytest

from app.core.library import Library
from app.core.models.runtime import ModelWorker
from app.core.answers.similarity import similarity, similarity_to_chunks
from tests.fixtures.malformed import text_pdf

pytestmark = pytest.mark.integration


def test_a_paraphrase_is_closer_than_an_unrelated_passage(tmp_path):
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(text_pdf(pages=2))
    worker = ModelWorker(threads=1)
    try:
        with Library(tmp_path / "data", worker=worker) as library:
            related, unrelated = similarity(library, "Hvornår må et punkt behandles for lukkede døre?", [
                "Kommunalbestyrelsen kan bestemme, at en sag skal behandles for lukkede døre.",
                "Taksten for madservice hæves med 3 % fra 1. januar.",
            ])
            assert related > unrelated
            library.import_paths([pdf])
            ids = library.store.all_chunk_ids()[:3]
            texts = [row.text for row in library.store.chunks(ids)]
            fresh = similarity_to_chunks(library, "kvartalsrapport", ids)  # embedded on the spot
            library.reindex()
            stored = similarity_to_chunks(library, "kvartalsrapport", ids)  # the index's vectors
            # int8 activations are scaled per batch, so a text's vector varies slightly with its batch.
            direct = similarity(library, "kvartalsrapport", texts)
            assert fresh == pytest.approx(stored, abs=0.01) and stored == pytest.approx(direct, abs=0.01)
    finally:
        worker.close()
