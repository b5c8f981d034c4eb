"""Web pages and e-mail (issue 23): structure accuracy, import speed and the offline check (``make bench``).

Structure: the two real Aarhus portal pages (shared/data/aarhus, hand-checked gold in
tests/fixtures/aarhus_*.gold.json) and five real Greve meetings published as web pages of another
portal shape (tests/fixtures/web_pages.greve_web_page, gold from the meeting data). Recorded per item,
pooled: recall and precision (by number), and of the found items title, case number and closed flag
right. Baseline for the Aarhus agenda: the same agenda printed to PDF (tests/fixtures/aarhus_agenda.pdf)
through the PDF path, scored the same way (ratio > 1: the web path finds more).

Speed: a saved page read in the isolated child (sections/s), baseline trafilatura alone on the same page
in this process; a full import into the encrypted store (sections/s, vectors are embedded later).
Offline: network attempts seen by strace -f while importing the hostile saved page folder and the Aarhus
agenda (0 is the only acceptable value); skipped where strace is missing.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import pytest

from app.core.ingest.extract import extract_pages
from app.core.ingest.isolation import extract_isolated
from app.core.ingest.structure import detect_structure
from app.core.ingest.web import page_document, read_web_page, web_pages
from tests.conftest import REPO_ROOT

from ..fixtures import packs
from ..fixtures.web_pages import AGENDA_GOLD, MINUTES_GOLD, gold, greve_web_page, saved_agenda_folder

pytestmark = pytest.mark.bench

GREVE_WEB = packs.STRUCTURE_MEETINGS[:5]


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _score(items: list, expected: list[dict]) -> dict[str, int]:
    found = {}
    for item in items:
        found.setdefault(item.number, item)
    hits = [(found[g["number"]], g) for g in expected if g["number"] in found]
    return {
        "gold": len(expected), "found": len(items), "matched": len(hits),
        "title": sum(_norm(i.title) == _norm(g["title"]) for i, g in hits),
        "case": sum((i.case_number or None) == (g["case_number"] or None) for i, g in hits),
        "closed": sum(bool(i.closed) == bool(g["closed"]) for i, g in hits),
    }  # fmt: skip


def _pool(scores: list[dict[str, int]]) -> dict[str, int]:
    return {key: sum(s[key] for s in scores) for key in scores[0]}


def _record_scores(record, prefix: str, total: dict[str, int], baseline: dict[str, int] | None = None) -> None:
    def fraction(s: dict[str, int], key: str, of: str) -> float:
        return s[key] / s[of] if s[of] else float("nan")

    for name, key, of in (("item_recall", "matched", "gold"), ("item_precision", "matched", "found"),
                          ("titles_right", "title", "matched"), ("case_numbers_right", "case", "matched"),
                          ("closed_right", "closed", "matched")):  # fmt: skip
        base = fraction(baseline, key, of) if baseline else None
        record(f"{prefix}_{name}", fraction(total, key, of), "fraction", baseline=base)


def test_web_structure_accuracy(record, shared_data):
    scores = {}
    for page, gold_file in (("example_agenda.html", AGENDA_GOLD), ("example_minutes.html", MINUTES_GOLD)):
        _pages, structure = web_pages(read_web_page(str(shared_data / "aarhus" / page)), page)
        scores[page] = _score(structure.items, gold(gold_file)["items"])
    printed = detect_structure(extract_pages(str(packs.AARHUS_PDF)))
    pdf_score = _score(printed.items, gold(AGENDA_GOLD)["items"])
    _record_scores(record, "web_aarhus_agenda", scores["example_agenda.html"], pdf_score)
    _record_scores(record, "web_aarhus_pages", _pool(list(scores.values())))
    greve = []
    for source in GREVE_WEB:
        meeting = packs.load_greve(source)
        structure = web_pages(page_document(greve_web_page(meeting)), source)[1]
        greve.append(_score(structure.items, [dict(i, case_number=i["case_number"]) for i in meeting["items"]]))
    _record_scores(record, "web_greve_pages", _pool(greve))
    print("\nper page:", scores, "\nprinted PDF of the agenda:", pdf_score, "\ngreve as web pages:", _pool(greve))


def test_web_import_speed(record, shared_data, tmp_path):
    import trafilatura

    from app.core.library import Library

    page = shared_data / "aarhus" / "example_agenda.html"
    markup = page.read_text(encoding="utf-8")
    raw_s = []
    for _ in range(5):
        started = time.perf_counter()
        trafilatura.extract(markup, output_format="xml", include_tables=True, include_links=True)
        raw_s.append(time.perf_counter() - started)
    isolated_s, sections = [], 0
    for _ in range(3):
        started = time.perf_counter()
        sections = len(extract_isolated(str(page), task="web").sections)
        isolated_s.append(time.perf_counter() - started)
    record("web_parse_isolated_pages_per_s", 1 / statistics.median(isolated_s), "web pages/s (ratio app/raw trafilatura)",
           baseline=1 / statistics.median(raw_s))  # fmt: skip
    record("web_parse_isolated_sections_per_s", sections / statistics.median(isolated_s), "sections/s")
    with Library(tmp_path / "data") as library:
        started = time.perf_counter()
        result = library.import_paths([page])
        elapsed = time.perf_counter() - started
    record("web_import_sections_per_s", result.pages / elapsed, "sections/s (store, text only)")


def test_web_import_offline_at_system_call_level(record, shared_data, tmp_path):
    from tests.fixtures.syscalls import STRACE, only_python, read_trace, traced

    if STRACE is None or not sys.platform.startswith("linux"):
        pytest.skip("strace is not installed")
    folder = saved_agenda_folder(tmp_path / "pack")
    cli = [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data"), "import"]
    attempts, programs = 0, 0
    for number, target in enumerate((folder, shared_data / "aarhus" / "example_agenda.html")):
        log = tmp_path / f"strace-{number}.log"
        done = traced([*cli, str(target)], log, cwd=REPO_ROOT, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        trace = read_trace(log)
        attempts += len(trace.attempts)
        programs += len(only_python(trace.programs, sys.executable))
    record("web_import_network_attempts", attempts, "attempts (strace -f; 0 required)")
    record("web_import_programs_started", programs, "programs (strace -f; 0 required)")
    assert attempts == 0 and programs == 0
