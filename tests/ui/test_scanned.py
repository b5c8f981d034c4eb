"""Scanned documents in the window: the reader marks a cited passage on the scan from Tesseract's word
boxes (the PDF has no text layer there), and the library tree marks a scan with its OCR confidence.
One real OCR of a small page."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.ingest.ocr import OcrSummary, OcrWord, extract_with_ocr, image_as_pdf
from app.ui.qt import QTreeWidget, QTreeWidgetItem
from app.ui.reader import OpenDocument, ReaderView
from app.ui.scanned_marks import mark_scanned, passage_boxes
from tests.fixtures.scans import danish_pages, render_page, scanned_pdf


def test_passage_boxes_cover_the_passage_words_one_box_per_line() -> None:
    words = [OcrWord("Byrådet", 0, (0.1, 0.1, 0.2, 0.12)), OcrWord("godkendte", 8, (0.21, 0.1, 0.3, 0.12)),
             OcrWord("søen", 18, (0.1, 0.13, 0.15, 0.15)), OcrWord("igen", 23, (0.16, 0.13, 0.2, 0.15))]
    assert passage_boxes(words, (8, 22)) == [(0.21, 0.1, 0.3, 0.12), (0.1, 0.13, 0.15, 0.15)]
    assert passage_boxes(words, (0, 27)) == [(0.1, 0.1, 0.3, 0.12), (0.1, 0.13, 0.2, 0.15)]


@pytest.mark.parametrize("name", ["scan.pdf", "brev.png"])
def test_a_cited_passage_on_a_scanned_page_is_marked_over_its_lines(qtbot: Any, tmp_path, name: str) -> None:
    text = danish_pages(1, lines=10)[0]
    image = render_page(text, dpi=200)
    if name.endswith(".pdf"):
        scan = scanned_pdf([image], tmp_path / name, dpi=200)
        content = scan.read_bytes()
    else:  # an image file: the library hands the reader its pages as a PDF
        image.save(tmp_path / name, dpi=(200, 200))
        scan = tmp_path / name
        content = image_as_pdf(scan.read_bytes())
    (page,) = extract_with_ocr(str(scan))
    assert page.ocr is not None and content is not None
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(900, 800)
    view.show()
    qtbot.waitExposed(view)
    lines = [line for line in page.text.splitlines() if len(line.split()) >= 4]
    passage = " ".join(lines[1:4])  # three lines of the scan, as a chunk would hold them
    view.open(OpenDocument(1, name, "Scan", content, [page.text], ocr_words={1: list(page.ocr.words)}),
              page=1, passage=passage)  # fmt: skip
    qtbot.wait(10)
    assert view.showing_pdf
    assert view.marked_text == " ".join(passage.split())
    tops = sorted(polygon.boundingRect().top() for polygon in view.marks.polygons)
    assert len(tops) == 3, "one mark per line of the passage"
    height = view.pdf.pagePointSize(0).height()
    line = 11 * 1.45  # the renderer's line height in points
    first_line_top = 0.9 * 72 + line  # the passage starts at the second text line
    assert abs(tops[0] - first_line_top) < line and tops[1] - tops[0] > 0.5 * line
    assert tops[-1] < height / 2


def test_a_scanned_document_is_marked_in_the_library_tree_with_its_confidence(qtbot: Any) -> None:
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    sure, unsure, born_digital = (QTreeWidgetItem(tree, [f"Bilag: {n}"]) for n in ("brev.pdf", "kort.png", "notat.pdf"))
    mark_scanned(sure, OcrSummary(3, 94.6))
    mark_scanned(unsure, OcrSummary(1, 61.0))
    mark_scanned(born_digital, None)
    assert sure.text(0) == "Bilag: brev.pdf (scannet)" and "3 side(r)" in sure.toolTip(0) and "95 %" in sure.toolTip(0)
    assert "Lav sikkerhed" in unsure.toolTip(0) and "Lav sikkerhed" not in sure.toolTip(0)
    assert born_digital.text(0) == "Bilag: notat.pdf" and born_digital.toolTip(0) == ""
