"""The structure detector on real layouts: the printed Aarhus agenda and rendered Greve packs.

Full accuracy figures are in `make bench`; these tests guard against regressions.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
import packs  # noqa: E402

from app.core.ingest.extract import extract_pages  # noqa: E402
from app.core.ingest.structure import detect_structure  # noqa: E402

pytestmark = pytest.mark.integration


def test_aarhus_agenda_print_items_pages_and_case_numbers():
    gold = packs.aarhus_gold()
    structure = detect_structure(extract_pages(str(packs.AARHUS_PDF)))
    found = [(i.number, i.start_page, i.case_number) for i in structure.items]
    assert found == [(g["number"], g["start_page"], g["case_number"]) for g in gold["items"]]
    header = structure.header
    assert (header.date, header.kind, header.place) == ("2025-10-08", "dagsorden", "Byrådssalen")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_rendered_greve_pack_with_closed_items(fmt):
    name = "2023-10-02_byraad-2022-2025_b39ccd1c.json"
    rendered = packs.render_greve(name, fmt)
    gold = packs.greve_gold(packs.load_greve(name), rendered)
    structure = detect_structure(extract_pages(str(rendered)))
    score = packs.score_structure(name, structure, gold)
    assert score.found == score.start_ok == score.closed_ok == score.gold_items == 20, score.misses
    assert score.case_ok == score.case_total


def test_numbered_referat_with_a_punkt_reference_in_the_text(tmp_path):
    """Issue 16/8: "N. Title" items, one per page, a wrapped closed title ending in "stk." and a body line
    "punkt 5. Kommunalfuldmagten …" — once read as the only (explicit) heading: 1 item instead of 23."""
    import numbered_referat

    pages = extract_pages(str(numbered_referat.render_pdf(tmp_path / "referat.pdf")))
    structure = detect_structure(pages)
    gold = numbered_referat.gold()
    score = packs.score_structure("numbered referat", structure, gold, [p.text for p in pages])
    assert score.detected_items == score.found == score.start_ok == score.gold_items == 23, score.misses
    assert score.title_ok == score.closed_ok == score.case_ok == 23, score.misses
    assert structure.items[0].title == "Lukket: Temamøde– (lukket punkt jfr. Styrelsesloven § 9 a, stk. 2) med ARGO"
    assert [i.number for i in structure.items if i.closed] == [1, 7, 12, 20]
    assert score.header_ok == 3, score.header
