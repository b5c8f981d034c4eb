"""OCR of scanned pages (``make bench``; Tesseract 5 with ``dan``, one core; ~12 min on a busy 2-core machine).

Pages: real Danish item text from the Greve meetings in ../shared/data, rendered as A4 scans by
tests/fixtures/scans.py.
- ``ocr_cer_clean``: character error rate (edit distance / characters, whitespace collapsed) on clean
  300 dpi pages; baseline the aim, 2 % (ratio > 1: better than the aim).
- ``ocr_cer_degraded``: the same pages as a poor scan: 200-300 dpi, turned -2..+2°, blurred, noisy,
  JPEG-compressed, one page lying at 90°; aim 5 %.
- ``ocr_aeoeaa_error_rate_*``: of the æ/ø/å/Æ/Ø/Å in the text, the share not read as that letter
  (aligned with difflib); clean and degraded.
- ``ocr_pages_per_s``: clean pages read per second, one core, in the parser child's reader.
- ``ocr_import_40_scanned_pages_s``: import (OCR in the child, chunking, embedding, store) of a pack of
  one 40-page all-scanned PDF through Library.import_paths.
- ``ocr_recall_at_5_scanned``: dev-set questions (tests/fixtures/devset.json) of two meetings whose
  answer stands on one page only, with exactly those answer pages replaced by scans (lightly degraded);
  baseline: recall@5 of the same questions over the born-digital meetings.
"""

from __future__ import annotations

import difflib
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from app.core.ingest.ocr import Reader
from tests.fixtures import packs
from tests.fixtures.scans import Degradation, cer, danish_pages, degrade, render_page, scanned_pdf

from .conftest import load_devset

pytestmark = pytest.mark.bench

CER_PAGES = 5
DEGRADED = [  # (dpi, how): one page lying at 90°
    (300, Degradation(angle=1.6, blur=0.7, noise=10, jpeg_quality=60, seed=1)),
    (200, Degradation(angle=-2.0, blur=0.5, noise=8, jpeg_quality=50, seed=2)),
    (250, Degradation(angle=0.8, blur=0.9, noise=14, jpeg_quality=70, seed=3)),
    (300, Degradation(angle=90, blur=0.6, noise=8, jpeg_quality=60, seed=4)),
    (200, Degradation(angle=-1.2, blur=0.6, noise=12, jpeg_quality=40, seed=5)),
]
RECALL_MEETINGS = ("2023-04-24_sundheds-og-omsorgsudvalget_082575d8", "2023-03-14_plan-og-tryghedsudvalget_7d2c76e4")
SCAN_PAGES_PACK = 40
DANISH_LETTERS = set("æøåÆØÅ")


def _letter_errors(expected: str, got: str) -> tuple[int, int]:
    """(æøå letters not read as themselves, æøå letters in expected), aligned on collapsed whitespace."""
    a, b = " ".join(expected.split()), " ".join(got.split())
    right = 0
    for tag, i1, i2, j1, _j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            right += sum(1 for ch in a[i1:i2] if ch in DANISH_LETTERS)
    total = sum(1 for ch in a if ch in DANISH_LETTERS)
    return total - right, total


def test_ocr_character_error_rate_and_speed(record: Any) -> None:
    texts = danish_pages(CER_PAGES, skip=4)
    scores: dict[str, list[int]] = {"clean": [0, 0, 0, 0], "degraded": [0, 0, 0, 0]}
    seconds = 0.0
    with Reader() as reader:
        for number, text in enumerate(texts):
            clean = render_page(text, 300)
            dpi, how = DEGRADED[number % len(DEGRADED)]
            for kind, image in (("clean", clean), ("degraded", degrade(render_page(text, dpi), how))):
                started = time.perf_counter()
                page = reader.read(image)
                if kind == "clean":
                    seconds += time.perf_counter() - started
                errors, length = cer(text, page.text)
                wrong, letters = _letter_errors(text, page.text)
                for slot, value in enumerate((errors, length, wrong, letters)):
                    scores[kind][slot] += value
                print(f"\n{kind} page {number + 1} ({dpi if kind != 'clean' else 300} dpi, turned "
                      f"{how.angle if kind != 'clean' else 0}°): CER {errors / length:.2%}, æøå {wrong}/{letters}, "
                      f"confidence {page.confidence}, read turned {page.rotation}°")  # fmt: skip
    for kind, aim in (("clean", 0.02), ("degraded", 0.05)):
        errors, length, wrong, letters = scores[kind]
        record(f"ocr_cer_{kind}", errors / length, "fraction (ratio aim/app)", baseline=aim, lower_is_better=True)
        record(f"ocr_aeoeaa_error_rate_{kind}", wrong / letters, "fraction")
    record("ocr_pages_per_s", len(texts) / seconds, "pages/s (one core, 300 dpi A4)")


def test_import_of_a_40_page_scanned_pack(tmp_path: Path, worker: Any, record: Any) -> None:
    from app.core.library import Library

    pages = [render_page(text, 300) for text in danish_pages(SCAN_PAGES_PACK, skip=10)]
    pack = tmp_path / "pakke"
    pack.mkdir()
    scanned_pdf(pages, pack / "scannede-bilag.pdf")
    library = Library(tmp_path / "data", worker=worker)
    try:
        started = time.perf_counter()
        result = library.import_paths([pack])
        seconds = time.perf_counter() - started
    finally:
        library.close()
    assert result.ocr_pages["scannede-bilag.pdf"].pages == len(pages) and result.textless_pages == 0
    print(f"\n{len(pages)} scanned pages imported in {seconds:.1f} s, mean confidence "
          f"{result.ocr_pages['scannede-bilag.pdf'].confidence}")  # fmt: skip
    record("ocr_import_40_scanned_pages_s", seconds, "s")


def _scan_pages(source: Path, numbers: set[int], target: Path) -> None:
    """The PDF with the given pages replaced by scans of themselves (rendered at 300 dpi, degraded)."""
    import pypdfium2
    from pypdf import PdfReader, PdfWriter

    document = pypdfium2.PdfDocument(source)
    reader, writer = PdfReader(source), PdfWriter()
    for index, page in enumerate(reader.pages):
        if index + 1 in numbers:
            image = document[index].render(scale=300 / 72, grayscale=True).to_pil()
            how = Degradation(angle=0.7, blur=0.5, noise=6, jpeg_quality=75, seed=index)
            scan = scanned_pdf([degrade(image, how)], target.parent / f"scan-{index}.pdf")
            writer.append(PdfReader(scan))
        else:
            writer.add_page(page)
    document.close()
    writer.write(target)


def _recall(library: Any, questions: list[dict]) -> float:
    found = 0
    for question in questions:
        hits = library.search(question["question"], limit=5, collection="Møder")
        found += any(h.document == question["document"] and h.page in question["pages"] for h in hits)
    return found / len(questions)


def test_recall_of_answers_only_on_a_scanned_page(tmp_path: Path, worker: Any, record: Any) -> None:
    from app.core.library import Library

    documents = {f"{name}.pdf" for name in RECALL_MEETINGS}
    questions = [q for q in load_devset()["questions"]
                 if q["document"] in documents and not q.get("alternatives")]  # fmt: skip
    recalls = {}
    for kind in ("born_digital", "scanned"):
        files = tmp_path / kind
        files.mkdir()
        for name in RECALL_MEETINGS:
            rendered, target = packs.render_greve(f"{name}.json", "pdf"), files / f"{name}.pdf"
            gold = {page for q in questions if q["document"] == target.name for page in q["pages"]}
            _scan_pages(rendered, gold, target) if kind == "scanned" else shutil.copyfile(rendered, target)
        library = Library(tmp_path / f"data-{kind}", worker=worker)
        try:
            for path in sorted(files.glob("*.pdf")):
                result = library.import_paths([path], collection="Møder")
                if kind == "scanned":
                    assert result.ocr_pages.get(path.name), result
            recalls[kind] = _recall(library, questions)
        finally:
            library.close()
    print(f"\nrecall@5 over {len(questions)} questions: {recalls}")
    record("ocr_recall_at_5_born_digital", recalls["born_digital"], "fraction")
    record("ocr_recall_at_5_scanned", recalls["scanned"], "fraction (ratio scanned/born-digital)",
           baseline=recalls["born_digital"])  # fmt: skip
