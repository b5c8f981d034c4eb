"""Structure detection accuracy against gold structure (``make bench``; no model, ~30 s).

Packs: ten real Greve Kommune minutes rendered by tests/fixtures/greve.py, each as PDF and as DOCX
(gold from the meeting data, start pages found in the rendered file; tests/fixtures/packs.py), plus the
real Aarhus Byråd agenda web page printed by Chromium (tests/fixtures/aarhus_agenda.pdf, hand-made gold).
Each pack goes through ``detect_structure(extract_pages(path))``, like an import does.

Recorded (unit "fraction", no baseline), over all packs (items pooled) and for the Aarhus pack alone:
item recall and precision (matched by item number, the first detected item with a number counts), items
located (right number on the right start page: recall that a wrong match cannot inflate), and of the
found items: start page, title, closed flag and case number right; header committee/date/kind right
(place too, when the detector reports one).
Run with ``-s`` for a per-pack table and the list of misses, with the lines the detector should have used.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from ..fixtures import packs

pytestmark = pytest.mark.bench

MAX_MISSES_SHOWN = 25  # per pack


def _packs() -> list[tuple[str, Path, dict]]:
    """(name, file, gold) for every pack."""
    out = []
    for source in packs.STRUCTURE_MEETINGS:
        meeting = packs.load_greve(source)
        short = source.split("_")[0] + " " + source.split("_")[1][:18]
        for fmt in ("pdf", "docx"):
            path = packs.render_greve(source, fmt)
            out.append((f"greve {short} {fmt}", path, packs.greve_gold(meeting, path)))
    out.append(("aarhus byraad 2025-10-08 pdf", packs.AARHUS_PDF, packs.aarhus_gold()))
    return out


def _fraction(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


def _totals(scores: Iterable[packs.PackScore]) -> dict[str, float]:
    scores = list(scores)
    total = {name: sum(getattr(s, name) for s in scores)
             for name in ("gold_items", "detected_items", "found", "start_ok", "title_ok", "closed_ok",
                          "case_total", "case_ok", "header_ok")}  # fmt: skip
    place = [s.header["place"][2] for s in scores if "place" in s.header]
    return {
        "item_recall": _fraction(total["found"], total["gold_items"]),
        "item_located": _fraction(total["start_ok"], total["gold_items"]),
        "item_precision": _fraction(total["found"], total["detected_items"]),
        "start_page_accuracy": _fraction(total["start_ok"], total["found"]),
        "title_accuracy": _fraction(total["title_ok"], total["found"]),
        "closed_accuracy": _fraction(total["closed_ok"], total["found"]),
        "case_number_accuracy": _fraction(total["case_ok"], total["case_total"]),
        "header_accuracy": _fraction(total["header_ok"], len(packs.HEADER_FIELDS) * len(scores)),
        "header_place_accuracy": _fraction(sum(place), len(place)) if place else float("nan"),
    }


UNITS = {
    "item_recall": "fraction (gold items found, matched by number)",
    "item_located": "fraction (gold items found with the right number on the right start page)",
    "item_precision": "fraction (detected items that are gold items; repeats and extras count against)",
    "start_page_accuracy": "fraction (of found items: start page right)",
    "title_accuracy": "fraction (of found items: full title right, whitespace/case/'Lukket:' ignored)",
    "closed_accuracy": "fraction (of found items: closed flag right)",
    "case_number_accuracy": "fraction (of found items with a case number: case number right)",
    "header_accuracy": "fraction (committee, date, kind right per pack)",
    "header_place_accuracy": "fraction (meeting place right per pack)",
}


def _table(scores: list[packs.PackScore], pages: dict[str, int]) -> list[str]:
    head = ("pack", "pages", "gold", "found", "extra", "start", "title", "closed", "case", "header")
    rows = [head]
    for s in scores:
        header = "".join(("C", "D", "K", "P")[i] if ok else "-"
                         for i, (_g, _got, ok) in enumerate(s.header.values()))  # fmt: skip
        rows.append((s.name, str(pages[s.name]), str(s.gold_items), str(s.found),
                     str(s.detected_items - s.found), f"{s.start_ok}/{s.found}", f"{s.title_ok}/{s.found}",
                     f"{s.closed_ok}/{s.found}", f"{s.case_ok}/{s.case_total}", header))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
             for row in rows]  # fmt: skip
    lines.insert(1, "-+-".join("-" * w for w in widths))
    lines.append("header: C committee, D date, K kind, P place (when the detector reports one); - = wrong")
    return lines


def test_structure_numbered_referat(record: Any, tmp_path: Path) -> None:
    """The "N. Title" ØU referat of issue 16/8 (tests/fixtures/numbered_referat.py), apart from the pooled
    packs so that their figures stay comparable: 23 items, 4 closed, once read as 1 item."""
    from app.core.ingest.extract import extract_pages
    from app.core.ingest.structure import detect_structure

    from ..fixtures import numbered_referat

    extracted = extract_pages(str(numbered_referat.render_pdf(tmp_path / "referat.pdf")))
    score = packs.score_structure("numbered referat", detect_structure(extracted), numbered_referat.gold(),
                                  [page.text for page in extracted])  # fmt: skip
    totals = _totals([score])
    for metric in ("item_recall", "item_located", "item_precision", "title_accuracy", "closed_accuracy",
                   "case_number_accuracy"):  # fmt: skip
        record(f"structure_numbered_referat_{metric}", totals[metric], f"{UNITS[metric]}; 'N. Title' ØU referat")
    print(f"\nnumbered referat: {score.found}/{score.gold_items} items, {score.title_ok} titles, "
          f"{score.closed_ok} closed flags right; misses: {score.misses}")


def test_structure_accuracy(record: Any) -> None:
    from app.core.ingest.extract import extract_pages
    from app.core.ingest.structure import detect_structure

    scores: list[packs.PackScore] = []
    pages: dict[str, int] = {}
    for name, path, gold in _packs():
        extracted = extract_pages(str(path))
        structure = detect_structure(extracted)
        scores.append(packs.score_structure(name, structure, gold, [page.text for page in extracted]))
        pages[name] = len(extracted)
    assert sum(s.gold_items for s in scores) > 400, "gold structure went missing"

    overall = _totals(scores)
    aarhus = _totals(s for s in scores if s.name.startswith("aarhus"))
    for metric, value in overall.items():
        if metric == "header_place_accuracy" and value != value:  # nan: the detector reports no place
            continue
        record(f"structure_{metric}", value, f"{UNITS[metric]}; {len(scores)} packs")
    for metric in ("item_recall", "item_located", "start_page_accuracy", "title_accuracy", "case_number_accuracy",
                   "header_accuracy"):  # fmt: skip
        record(f"structure_aarhus_{metric}", aarhus[metric], f"{UNITS[metric]}; Aarhus agenda print")

    print(f"\nstructure: {len(scores)} packs, {sum(s.gold_items for s in scores)} gold items")
    for line in _table(scores, pages):
        print("  " + line)
    for score in scores:
        if not score.misses:
            continue
        print(f"  misses in {score.name} ({len(score.misses)}):")
        for miss in score.misses[:MAX_MISSES_SHOWN]:
            print(f"    {miss}")
        if len(score.misses) > MAX_MISSES_SHOWN:
            print(f"    ... {len(score.misses) - MAX_MISSES_SHOWN} more")
