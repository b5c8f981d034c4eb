"""Benchmark results: collected by the `record` fixture, written to bench-results.json, printed as a table.

Contract (DESIGN.md, "Benchmarks"): ``{"name": {"value": float, "unit": str, "baseline": float|null,
"ratio": float|null}}`` at the repository root.

Ratio convention, the same for every entry: **ratio > 1 means the app beats its baseline.**
For higher-is-better metrics (pages/s, tokens/s) ratio = app / baseline; for lower-is-better metrics
(latency, load time) ratio = baseline / app, and the unit string says so, e.g. ``"ms (ratio raw/app)"``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
RESULTS_FILE = REPO_ROOT / "bench-results.json"
RATIO_NOTE = "ratio > 1: the app beats its baseline (app/baseline for rates, baseline/app for times)"


@dataclass(frozen=True)
class Result:
    value: float
    unit: str
    baseline: float | None
    ratio: float | None

    def to_json(self) -> dict[str, object]:
        return {"value": self.value, "unit": self.unit, "baseline": self.baseline, "ratio": self.ratio}


class Report:
    def __init__(self) -> None:
        self.results: dict[str, Result] = {}

    def record(self, name: str, value: float, unit: str, baseline: float | None = None,
               lower_is_better: bool = False) -> Result:  # fmt: skip
        """Store one result; the ratio follows the module's convention (> 1 = app better)."""
        value = float(value)
        ratio: float | None = None
        if baseline is not None:
            baseline = float(baseline)
            numerator, denominator = (baseline, value) if lower_is_better else (value, baseline)
            ratio = numerator / denominator if denominator else None
            if lower_is_better and "ratio" not in unit:
                unit = f"{unit} (ratio baseline/app)"
        result = Result(_clean(value), unit, _clean(baseline), _clean(ratio))
        self.results[name] = result
        return result

    def write(self, path: Path = RESULTS_FILE) -> Path:
        data = {name: result.to_json() for name, result in self.results.items()}
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    def table(self) -> list[str]:
        header = ("name", "value", "unit", "baseline", "ratio")
        rows = [header] + [
            (name, _fmt(r.value), r.unit, _fmt(r.baseline), _fmt(r.ratio)) for name, r in self.results.items()
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        right = {1, 3, 4}  # numbers right-aligned

        def line(row: tuple[str, ...]) -> str:
            cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
            return " | ".join(cells).rstrip()

        rule = "-+-".join("-" * w for w in widths)
        return [line(rows[0]), rule, *(line(row) for row in rows[1:])]


def _clean(number: float | None) -> float | None:
    if number is None or math.isnan(number) or math.isinf(number):
        return None
    return round(number, 6)


def _fmt(number: float | None) -> str:
    if number is None:
        return "-"
    size = abs(number)
    if size >= 1000:
        return f"{number:.0f}"
    if size >= 100:
        return f"{number:.1f}"
    if size >= 1 or size == 0:
        return f"{number:.2f}"
    return f"{number:.3g}"


REPORT = Report()
# Share (%) of all CPUs used by other processes, sampled right before each timed repeat (test_bench.settle).
NOISE: list[float] = []
