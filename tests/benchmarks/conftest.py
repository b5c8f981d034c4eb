"""Fixtures and reporting for the benchmarks (`make bench`: ``pytest tests/benchmarks -m bench``).

The normal test run deselects these with ``-m "not bench"``; the hooks below then see no results and
leave bench-results.json alone.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ..fixtures import laws, packs
from .report import NOISE, RATIO_NOTE, REPORT, RESULTS_FILE, Report, Result

DEMO_PDF = Path(__file__).resolve().parents[2] / "resources" / "samples" / "demo-byraad-2023-10-02.pdf"
# Passphrase for a headless store (DESIGN.md, CLI contract); only set while benchmarks run.
PASSPHRASE_ENV = "MOEDEMAPPE_PASSPHRASE"


# --- reporting ------------------------------------------------------------------------


Record = Callable[..., Result]


@pytest.fixture(scope="session")
def record() -> Record:
    """``record(name, value, unit, baseline=None, lower_is_better=False)``; see report.py for the ratio."""
    return REPORT.record


# Taken when this conftest loads (collection): a sub-directory conftest never sees pytest_sessionstart.
_LOAD_AT_START = os.getloadavg()[0]


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not REPORT.results:
        return
    if NOISE:
        # Not a benchmark: how busy the shared machine was when the repeats started (0 = quiet).
        REPORT.record("machine_other_cpu_pct", statistics.median(NOISE), "% CPU used by others (median)")
    REPORT.write()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    report: Report = REPORT
    if not report.results:
        return
    terminalreporter.section("benchmarks")
    for line in report.table():
        terminalreporter.write_line(line)
    terminalreporter.write_line(f"({RATIO_NOTE})")
    # The bench machine is shared: a high load average means noisy numbers (the ratios suffer least).
    noise = f", others' CPU share before repeats max {max(NOISE):.0f} %" if NOISE else ""
    terminalreporter.write_line(f"cpus: {os.cpu_count()}, 1-min load average at start {_LOAD_AT_START:.2f}, "
                                f"at end {os.getloadavg()[0]:.2f}{noise}")  # fmt: skip
    terminalreporter.write_line(f"written: {RESULTS_FILE}")


# --- shared state -----------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _bench_env() -> Iterator[None]:
    added = PASSPHRASE_ENV not in os.environ
    if added:
        os.environ[PASSPHRASE_ENV] = "bench-only-passphrase"
    yield
    if added:
        os.environ.pop(PASSPHRASE_ENV, None)


@pytest.fixture(scope="session")
def demo_pdf() -> Path:
    assert DEMO_PDF.is_file(), f"demo pack missing: {DEMO_PDF}"
    return DEMO_PDF


@pytest.fixture(scope="session")
def worker() -> Iterator[Any]:
    """One model worker for the session, like the desktop app keeps one warm."""
    from app.core.models.runtime import ModelWorker

    model_worker = ModelWorker()
    yield model_worker
    model_worker.close()


# --- the retrieval corpus, shared by the retrieval and answer benchmarks (one import per run) ------

DEVSET = Path(__file__).resolve().parents[1] / "fixtures" / "devset.json"


def meeting_document(source: str) -> str:
    """The file name a Greve meeting is imported under: its JSON stem + .pdf (stable, unlike the cache
    file name, which carries a renderer hash)."""
    return f"{Path(source).stem}.pdf"


def load_devset() -> dict:
    return json.loads(DEVSET.read_text(encoding="utf-8"))


@dataclass
class Imported:
    library: Any
    data_dir: Path
    pages: int
    chunks: int
    seconds: float
    documents: int


@pytest.fixture(scope="session")
def retrieval_corpus(tmp_path_factory: pytest.TempPathFactory, worker: Any) -> Iterator[Imported]:
    """The dev set's 12 meetings ("Møder") and 12 laws ("Håndbog") imported into one data directory."""
    from app.core.library import Library

    devset = load_devset()
    scratch = tmp_path_factory.mktemp("retrieval")
    files = scratch / "files"
    files.mkdir()
    meeting_files = []
    for source in devset["meetings"]:
        target = files / meeting_document(source)
        shutil.copyfile(packs.render_greve(source, "pdf"), target)
        meeting_files.append(target)
    law_files = laws.render_handbook(files / "love", tuple(devset["laws"]))
    data_dir = scratch / "data"
    library = Library(data_dir, worker=worker)
    started = time.perf_counter()
    pages = chunks = 0
    for path, collection in [*((p, "Møder") for p in meeting_files), *((p, laws.COLLECTION) for p in law_files)]:
        result = library.import_paths([path], collection=collection)
        assert not result.already_imported and result.chunks > 0, (path.name, result)
        pages += result.pages
        chunks += result.chunks
    library.reindex()  # the vectors the app computes in the background after each import
    seconds = time.perf_counter() - started
    try:
        yield Imported(library, data_dir, pages, chunks, seconds, len(meeting_files) + len(law_files))
    finally:
        library.close()
        shutil.rmtree(scratch, ignore_errors=True)
