"""Import throughput on a big meeting pack (``make bench``; ~1-2 minutes).

The pack: the longest real Greve Kommune Byråd/Økonomiudvalg minutes of 2023 rendered by greve.py and
merged into one PDF of >= 300 pages (tests/fixtures/packs.py, cached in a temp directory).

``Library(tmp).import_paths([pack])`` with a warm model worker, end to end (isolated extraction,
structure, chunking, SQLite/FTS5) until the pack is searchable, then the vector backlog embedded as the
app does it in the background (app.core.search.vectors), against raw pypdf text extraction of the same file in
this process. Phase times come from the import's progress callback, as in test_bench.py: parse (until
the save stage's "Gemmer …"), save; then embed. The parse phase is then split by timing its parts alone:
extraction in the isolated child and detect_structure. Goal (stated in the unit): >= 20 pages/s until
searchable. Embedding through the app (worker child, prefixes, batches) is compared with a raw
onnxruntime loop over the same chunks in this process (goal >= 0.9x). Peak RSS (this process + the
worker child) during the import and its embedding, of a cold CLI search afterwards, and the data
directory's size per 1,000 pages.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ..fixtures import packs
from .test_bench import CLI, ImportRun, _raw_pypdf, _run_polled, median, repeats, timed, timed_import
from .test_retrieval_bench import _disk_bytes

pytestmark = pytest.mark.bench

MIN_PAGES = 300
GOAL_PAGES_PER_S = 20.0
RAW_SAMPLE = 128  # chunks for the app-vs-raw embedding comparison
IMPORT_BUDGET_S = 60  # a second import only when the first one took less than this


@dataclass
class BigPack:
    path: Path
    pages: int


@pytest.fixture(scope="module")
def big_pack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BigPack]:
    from pypdf import PdfReader

    directory = tmp_path_factory.mktemp("bigpack")
    path = packs.render_big_pack(directory / "referater-2023-samlet.pdf", min_pages=MIN_PAGES)
    pages = len(PdfReader(str(path)).pages)
    assert pages >= MIN_PAGES, pages
    yield BigPack(path, pages)
    shutil.rmtree(directory, ignore_errors=True)


def test_bigpack_import_throughput(big_pack: BigPack, worker: Any, record: Any, tmp_path: Path) -> None:
    from app.core.ingest.extract import Page
    from app.core.ingest.isolation import extract_isolated
    from app.core.ingest.structure import detect_structure
    from app.core.library import Library

    pdf, pages = big_pack.path, big_pack.pages
    with Library(tmp_path / "unused") as probe:
        worker.load(probe.embedding_model())  # warm, as the desktop app keeps it; not timed

    # Baseline and the parse phase's parts, timed alone (each a few seconds at most).
    _raw_pypdf(pdf)  # warm imports and the file cache
    raw_s: list[float] = []
    isolated_s: list[float] = []
    extracted: list[Page] = []

    def extract() -> None:
        extracted[:] = extract_isolated(str(pdf))

    for _ in repeats(maximum=3, minimum=2, budget_s=20):
        raw_s.append(timed(lambda: _raw_pypdf(pdf)))
        isolated_s.append(timed(extract))
    structure_s = timed(lambda: detect_structure(extracted))
    raw_pages_per_s = pages / median(raw_s)

    runs: list[ImportRun] = []
    with PeakRss(worker) as import_rss:
        runs.append(timed_import(tmp_path / "import-0", pdf, worker))
    data_dir = tmp_path / "import-0"
    index_mb = _disk_bytes(data_dir) / 1e6
    search_rss = _search_peak_rss(data_dir, tmp_path / "search-out")
    app_rate, raw_rate = _embed_app_vs_raw(data_dir, worker)
    shutil.rmtree(data_dir, ignore_errors=True)
    for number in repeats(maximum=1, minimum=0, budget_s=IMPORT_BUDGET_S):
        runs.append(timed_import(tmp_path / f"import-{number + 1}", pdf, worker, embed=False))
        shutil.rmtree(tmp_path / f"import-{number + 1}", ignore_errors=True)
    assert runs[0].pages == pages, (runs[0].pages, pages)
    seconds = median([r.seconds for r in runs])
    parse_s, save_s = (median([getattr(r, f) for r in runs]) for f in ("extract_s", "save_s"))
    embed_s = runs[0].embed_s
    chunks = runs[0].chunks

    embedded_s = runs[0].embedded_s  # only the first run embeds (~10 min on 2 busy cores)
    record("bigpack_import_pages_per_s", pages / seconds,
           f"pages/s until searchable ({pages}-page pack, warm worker; goal >= {GOAL_PAGES_PER_S:g}; "
           "ratio app/raw pypdf)", baseline=raw_pages_per_s)  # fmt: skip
    record("bigpack_embedded_pages_per_s", pages / embedded_s,
           f"pages/s until fully embedded ({pages}-page pack; ratio app/raw pypdf)", baseline=raw_pages_per_s)
    record("bigpack_import_s", seconds, f"s until searchable ({pages} pages, {chunks} chunks)")
    record("bigpack_parse_s", parse_s, "s (isolated extraction + structure + chunking, from progress)")
    record("bigpack_embed_s", embed_s, "s (the vector backlog after the import)")
    record("bigpack_save_s", save_s, "s (sqlite+fts, from progress)")
    record("bigpack_embed_chunks_per_s", chunks / embed_s, "chunks/s (backlog, whole pack)")
    record("bigpack_embed_app_vs_raw_chunks_per_s", app_rate,
           f"chunks/s ({RAW_SAMPLE} chunks through the worker; ratio app/raw onnxruntime loop, goal >= 0.9)",
           baseline=raw_rate)  # fmt: skip
    record("bigpack_import_peak_rss_mb", import_rss.peak_mb, "MB (this process + worker child, import + embedding)")
    record("bigpack_search_peak_rss_mb", search_rss, "MB (cold CLI search + children)")
    record("bigpack_index_mb_per_1000_pages", index_mb / pages * 1000, "MB on disk per 1,000 pages (store+vectors)")
    record("bigpack_extract_isolated_pages_per_s", pages / median(isolated_s), "pages/s (ratio app/raw pypdf)",
           baseline=raw_pages_per_s)  # fmt: skip
    record("bigpack_detect_structure_s", structure_s, f"s ({pages} pages)")

    other_s = parse_s - median(isolated_s) - structure_s  # < 0 when the separate runs were slower (noise)
    print(f"\nbig pack: {pdf.name}, {pages} pages, {chunks} chunks, {pdf.stat().st_size / 1e6:.1f} MB")
    print(f"  import runs {[round(r.seconds, 1) for r in runs]} s -> {pages / seconds:.1f} pages/s "
          f"(goal >= {GOAL_PAGES_PER_S:g}); raw pypdf {raw_pages_per_s:.0f} pages/s")  # fmt: skip
    print(f"  where the time goes (median run, {seconds:.1f} s):")
    for label, value in (("parse (progress)", parse_s), ("  extraction, isolated child", median(isolated_s)),
                         ("  detect_structure", structure_s), ("  rest: chunking, hashing, overhead", other_s),
                         ("embed (progress)", embed_s), ("save (progress)", save_s)):  # fmt: skip
        print(f"    {label:<38} {value:7.2f} s  {100 * value / seconds:5.1f} %")
    print(f"  embedding {chunks / embed_s:.1f} chunks/s, {chunks / pages:.1f} chunks per page, fully embedded after "
          f"{embedded_s:.1f} s; app {app_rate:.2f} vs raw onnxruntime {raw_rate:.2f} chunks/s")  # fmt: skip
    print(f"  peak RSS import {import_rss.peak_mb:.0f} MB, search {search_rss:.0f} MB; "
          f"{index_mb / pages * 1000:.1f} MB per 1,000 pages")


class PeakRss:
    """Summed RSS of this process and the model worker's child, polled in a thread."""

    def __init__(self, worker: Any) -> None:
        self.worker, self.peak_mb, self._stop = worker, 0.0, threading.Event()

    def __enter__(self) -> PeakRss:
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for pid in (os.getpid(), self.worker.pid):
                try:
                    total += psutil.Process(pid).memory_info().rss if pid else 0
                except psutil.Error:
                    pass
            self.peak_mb = max(self.peak_mb, total / (1024 * 1024))
            time.sleep(0.05)


def _search_peak_rss(data_dir: Path, out_dir: Path) -> float:
    out_dir.mkdir()
    command = [str(CLI), "--data-dir", str(data_dir), "search", "Hvad koster en byggesag pr. time?", "--json"]
    _wall, peak, code, _stdout = _run_polled(command, out_dir)
    assert code == 0
    return peak


def _embed_app_vs_raw(data_dir: Path, worker: Any) -> tuple[float, float]:
    """Chunks/s of the same chunks through the app's worker and through a bare onnxruntime loop
    (same thread count, same batch size, tokenizer + session + mean pooling), interleaved."""
    import numpy as np
    import onnxruntime
    from tokenizers import Tokenizer

    from app.core.library import Library
    from app.core.models.embedding import BATCH

    with Library(data_dir, worker=worker) as library:
        entry = library.embedding_model()
        texts = [row.text for row in library.store.chunks(library.store.all_chunk_ids()[:RAW_SAMPLE])]
    tokenizer = Tokenizer.from_file(str(entry.tokenizer_path))
    tokenizer.enable_truncation(entry.context)
    tokenizer.enable_padding()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads, options.inter_op_num_threads = worker.threads, 1
    session = onnxruntime.InferenceSession(str(entry.path), options, providers=["CPUExecutionProvider"])
    prefixed = sorted(entry.prefixed(texts, "passage"), key=len)

    def raw() -> None:
        for start in range(0, len(prefixed), BATCH):
            encoded = tokenizer.encode_batch(prefixed[start : start + BATCH])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
            (hidden * mask[..., None]).sum(axis=1)

    app_s, raw_s = [], []
    for _ in range(2):
        app_s.append(timed(lambda: worker.embed(entry, texts)))
        raw_s.append(timed(raw))
    return len(texts) / median(app_s), len(texts) / median(raw_s)
