"""Scanned bilag through the real CLI: a PDF with a born-digital page, a scanned page and a scan
lying at 90°, and a scanned letter as PNG, read by Tesseract (dan) in the parser child, searchable
with æøå right and cited by page. Four OCR'd pages in all (about 15 s on one core)."""

from __future__ import annotations

import io
import json
import re

import pytest

from tests.conftest import run_cli
from tests.fixtures.scans import Degradation, danish_pages, degrade, render_page, scanned_pdf

pytestmark = pytest.mark.integration

BORN_DIGITAL = "Side med tekstlag: Vejdirektoratet og borgerne i Karlslunde"


@pytest.fixture(scope="module")
def scanned_pack(tmp_path_factory):
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    texts = danish_pages(3, lines=12)
    folder = tmp_path_factory.mktemp("pakke")
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 750, BORN_DIGITAL)
    page.showPage()
    page.save()
    scans = scanned_pdf([render_page(texts[0]), degrade(render_page(texts[1]), Degradation(angle=90))],
                        folder.parent / "scan.pdf")  # fmt: skip
    writer = PdfWriter()
    writer.append(PdfReader(buffer))
    writer.append(PdfReader(scans))
    writer.write(folder / "bilag-scannet.pdf")
    letter = degrade(render_page(texts[2], dpi=200), Degradation(angle=-1.5, blur=0.6, noise=10, seed=2))
    letter.save(folder / "borgerbrev.png")
    data_dir = tmp_path_factory.mktemp("data")
    result = run_cli("import", folder, "--json", data_dir=data_dir)
    assert result.code == 0, result.stderr
    return data_dir, json.loads(result.stdout), texts


def test_the_import_reports_the_ocr_pages_and_their_confidence(scanned_pack):
    data_dir, report, _texts = scanned_pack
    assert report["pages"] == 4 and report["textless_pages"] == 0 and report["unread_pages"] == {}
    ocr = report["ocr_pages"]
    assert ocr["bilag-scannet.pdf"]["pages"] == 2 and ocr["borgerbrev.png"]["pages"] == 1
    assert all(entry["confidence"] > 85 for entry in ocr.values())
    listed = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    assert listed[0]["ocr"] == ocr


def _search(data_dir, query):
    result = run_cli("search", query, "--json", "--limit", "3", data_dir=data_dir)
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def _danish_words(text: str) -> list[str]:
    return sorted({w for w in re.findall(r"\w+", text) if re.search("[æøåÆØÅ]", w)})


@pytest.mark.parametrize(("source", "document", "page"), [
    (0, "bilag-scannet.pdf", 2), (1, "bilag-scannet.pdf", 3), (2, "borgerbrev.png", 1),
])  # fmt: skip
def test_a_scanned_page_is_found_and_cited_by_page_with_its_danish_letters(scanned_pack, source, document, page):
    data_dir, _report, texts = scanned_pack
    lines = [line for line in texts[source].splitlines() if len(line.split()) >= 6]
    hits = _search(data_dir, " ".join(lines[1].split()[:6]))
    assert (hits[0]["document"], hits[0]["page"]) == (document, page), hits[0]
    cited = hits[0]["text"]
    expected = [w for w in _danish_words(texts[source]) if w in texts[source][: len(cited)]]
    assert expected and [w for w in expected if w not in cited] == []


def test_a_page_with_a_text_layer_keeps_it(scanned_pack):
    data_dir, _report, _texts = scanned_pack
    hits = _search(data_dir, "Vejdirektoratet Karlslunde")
    assert (hits[0]["document"], hits[0]["page"]) == ("bilag-scannet.pdf", 1)
    assert BORN_DIGITAL in hits[0]["text"]


def test_ocr_in_the_child_reports_progress_per_page_and_can_be_cancelled(tmp_path):
    from app.core.ingest.isolation import extract_isolated
    from app.core.messages import Cancelled

    pdf = scanned_pdf([render_page(text, dpi=150) for text in danish_pages(2, lines=4)], tmp_path / "s.pdf", dpi=150)
    reported: list[tuple[int, int]] = []
    pages = extract_isolated(str(pdf), progress=lambda done, total: reported.append((done, total)))
    assert reported == [(0, 2), (1, 2)] and all(page.ocr is not None for page in pages)
    reported.clear()
    with pytest.raises(Cancelled):
        extract_isolated(str(pdf), progress=lambda done, total: reported.append((done, total)),
                         should_cancel=lambda: bool(reported))  # fmt: skip
    assert reported == [(0, 2)]  # stopped while the first page was being read
