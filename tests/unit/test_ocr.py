"""OCR decisions and bookkeeping (app/core/ingest/ocr.py): which pages are read, how boxes on a
turned scan map back to the page, what happens without Tesseract. One real OCR of a small page."""

from __future__ import annotations

import io

import pytest

from app.core.ingest import ocr
from app.core.ingest.pack import page_list
from app.core.library import ImportResult
from app.core.messages import UserError
from tests.fixtures.scans import render_page, scanned_pdf

DANISH = "Byrådet godkendte forslaget om en ny sø ved skolen, og udvalget drøftede økonomien."


@pytest.mark.parametrize("text", [DANISH, "Side 3", "Bilag 2: Høringssvar fra Grundejerforeningen", "2023"])
def test_a_text_layer_with_real_words_is_kept(text):
    assert ocr.usable_text(text) or text.isdigit()


@pytest.mark.parametrize("text", [
    "",
    "!\"#$%&'()*+,-./ :;<=>?@[\\]^_`{|}~",  # a font without a Unicode map: symbols
    "Xkcd Qwrtz Bcdfg Hjklm Pqrst Vwxz",  # or strings of consonants
    "ÿþ ÿþ ÿþ ÿþ",
])  # fmt: skip
def test_a_garbage_text_layer_is_not_usable(text):
    assert not ocr.usable_text(text)


def test_page_numbers_are_listed_as_runs():
    assert page_list([7, 1, 2, 3, 9, 10]) == "1-3, 7, 9-10"


@pytest.mark.parametrize(("rotation", "expected"), [
    (0, (0.1, 0.2, 0.3, 0.25)),
    (90, (0.75, 0.1, 0.8, 0.3)),  # turned counter-clockwise to read: the top left came from the top right
    (180, (0.7, 0.75, 0.9, 0.8)),
    (270, (0.2, 0.7, 0.25, 0.9)),
])  # fmt: skip
def test_a_word_box_on_a_turned_scan_maps_back_to_the_page_as_shown(rotation, expected):
    assert ocr._unturn((0.1, 0.2, 0.3, 0.25), rotation) == pytest.approx(expected)


def test_a_word_box_survives_the_turn_there_and_back():
    """Turning the page by 90° counter-clockwise moves (u, v) to (v, 1 - u): the box found there maps back."""
    left, top, right, bottom = 0.1, 0.2, 0.3, 0.25
    turned = (top, 1 - right, bottom, 1 - left)
    assert ocr._unturn(turned, 90) == pytest.approx((left, top, right, bottom))


def test_without_tesseract_scanned_pages_come_back_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    pdf = scanned_pdf([render_page("Høringssvar fra en borger", dpi=100)], tmp_path / "scan.pdf", dpi=100)
    (page,) = ocr.extract_with_ocr(str(pdf))
    assert (page.number, page.text, page.ocr, page.unread) == (1, "", None, True)


def test_without_tesseract_the_import_says_which_pages_were_not_read():
    result = ImportResult(1, "Møde", ["bilag.pdf"], 3, 2, True, unread_pages={"bilag.pdf": "2-3"})
    (note,) = result.notes("da")
    assert "bilag.pdf side 2-3" in note and "tesseract-ocr-dan" in note


def test_a_page_with_a_garbage_text_layer_over_a_scan_is_read_by_ocr(tmp_path):
    """As a PDF with a font without a Unicode map: the layer gives symbols, the image the words."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    image = render_page(DANISH, dpi=200)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(image.width * 72 / 200, image.height * 72 / 200))
    page.drawString(20, 20, "#$%& '()* +,-./ <=>?@")
    page.drawInlineImage(image, 0, 0, image.width * 72 / 200, image.height * 72 / 200)
    page.showPage()
    page.save()
    path = tmp_path / "garbage.pdf"
    PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue()))).write(path)
    (read,) = ocr.extract_with_ocr(str(path))
    assert read.ocr is not None and read.ocr.confidence > 80
    assert " ".join(read.text.split()) == DANISH
    first = read.ocr.words[0]
    assert first.text == "Byrådet" and read.text[first.start : first.start + len(first.text)] == first.text
    assert first.box[0] < 0.2 and first.box[1] < 0.2  # top left, where it was drawn


def test_an_image_beyond_the_pixel_limit_is_refused_before_decoding(tmp_path):
    from tests.fixtures.malformed import build_corpus

    (case,) = build_corpus(tmp_path, {"png-bomb"})
    with pytest.raises(UserError) as refused:
        ocr.open_image(str(case.path))
    assert refused.value.key == "image_too_large" and refused.value.params["megapixels"] == 1600
