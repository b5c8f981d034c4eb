"""Import throughput on a big meeting pack (``make bench``; ~1-2 minutes).

The pack: the longest real Greve Kommune Byråd/Økonomiudvalg minutes of 2023 rendered by greve.py and
merged into one PDF of >= 300 pages (tests/fixtures/packs.py, cached in a temp directory).

``Library(tmp).import_paths([pack])`` with a warm model worker, end to end (isolated extraction,
structure, chunking, embedding, SQLite/FTS5/chromadb), against raw pypdf text extraction of the same
file in this process. Phase times come from the import's progress callback, as in test_bench.py:
parse (until the first "Indekserer" report, fraction >= 0.5), embed (until "Gemmer", >= 0.95), save.
The parse phase is then split by timing its parts alone: extraction in the isolated child and
detect_structure. Goal (stated in the unit): >= 10 pages/s end to end.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ..fixtures import packs
from .test_bench import ImportRun, _raw_pypdf, median, repeats, timed, timed_import

pytestmark = pytest.mark.bench

MIN_PAGES = 300
GOAL_PAGES_PER_S = 10.0
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
    for number in repeats(maximum=2, minimum=1, budget_s=IMPORT_BUDGET_S):
        runs.append(timed_import(tmp_path / f"import-{number}", pdf, worker))
        shutil.rmtree(tmp_path / f"import-{number}", ignore_errors=True)
    assert runs[0].pages == pages, (runs[0].pages, pages)
    seconds = median([r.seconds for r in runs])
    parse_s, embed_s, save_s = (median([getattr(r, f) for r in runs]) for f in ("extract_s", "embed_s", "save_s"))
    chunks = runs[0].chunks

    record("bigpack_import_pages_per_s", pages / seconds,
           f"pages/s ({pages}-page pack, warm worker, end to end incl. indexing; goal >= {GOAL_PAGES_PER_S:g}; "
           "ratio app/raw pypdf)", baseline=raw_pages_per_s)  # fmt: skip
    record("bigpack_import_s", seconds, f"s ({pages} pages, {chunks} chunks)")
    record("bigpack_parse_s", parse_s, "s (isolated extraction + structure + chunking, from progress)")
    record("bigpack_embed_s", embed_s, "s (from progress)")
    record("bigpack_save_s", save_s, "s (sqlite+fts+chromadb, from progress)")
    record("bigpack_embed_chunks_per_s", chunks / embed_s, "chunks/s")
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
    embed_budget = pages / GOAL_PAGES_PER_S - parse_s - save_s
    print(f"  embedding {chunks / embed_s:.1f} chunks/s, {chunks / pages:.1f} chunks per page; "
          f"{GOAL_PAGES_PER_S:g} pages/s needs embed <= {embed_budget:.1f} s with this parse and save")  # fmt: skip
