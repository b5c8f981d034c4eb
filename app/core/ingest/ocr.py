"""Optical character recognition of scanned pages: Tesseract 5 with the Danish (`dan`) model.

Runs inside the isolated parser child (isolation.py), under its memory cap, timeout and cancel.
This module owns:
- which PDF pages need OCR: no text layer on a page with an image, or a text layer of garbage
  (a font without a Unicode map yields symbols, not words) — ``usable_text``;
- rendering such pages to images (pypdfium2) and reading image files (PNG/JPEG/TIFF, multi-page
  TIFF; Pillow) within limits on pixels and pages, so a decompression bomb is refused before any
  pixel is decoded;
- orientation: a page read badly upright is checked with Tesseract's OSD and read again turned
  (scans lying at 90/180/270°); small skew Tesseract straightens itself;
- the result per page: its text, the mean word confidence, and each word's box (as fractions of
  the page as shown, so the reader can mark a cited passage on the page image) with the word's
  offset in the text.

Where Tesseract or its Danish model is missing, pages that needed OCR come back ``unread``: the
import goes on and says which pages could not be read.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.core.ingest.extract import Page, extract_pages
from app.core.messages import UserError

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
OCR_LANGUAGE = "dan"
RENDER_DPI = 300
# An A4 page at 300 dpi is 8.7 million pixels; a PDF page (a survey map) larger than this is
# rendered at a lower resolution instead.
MAX_RENDER_PIXELS = 16_000_000
# An image file larger than this (A3 at 400 dpi is 35 million) is refused before it is decoded:
# a few KB of PNG can declare gigapixels (a decompression bomb).
MAX_IMAGE_PIXELS = 50_000_000
# A multi-page TIFF with more pages than any scanned bilag is refused (1,000-page bombs).
MAX_IMAGE_PAGES = 300
# A page read upright with a lower mean confidence than this is checked for orientation.
ORIENTATION_CHECK_BELOW = 75.0
# A page whose words hold less of its ink than this is read again as one block of text.
MIN_INK_READ = 0.75
MIN_ORIENTATION_CONFIDENCE = 1.0  # OSD's own scale; below this it is guessing
# Tesseract reads picture regions as strings of symbols: words without a letter or digit and with
# a confidence below this are dropped.
MIN_SYMBOL_CONFIDENCE = 50.0
# A page read with a lower mean confidence, or into no real words, is a picture, not text: it stays
# without text rather than filling search with noise.
MIN_PAGE_CONFIDENCE = 40.0
_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata",
    "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata", "/usr/local/share/tesseract-ocr/tessdata",
)  # fmt: skip
_WORD_RE = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_VOWELS = frozenset("aeiouyæøåéèêöäüáí")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class OcrWord:
    text: str
    start: int  # offset of the word in the page text
    box: tuple[float, float, float, float]  # left, top, right, bottom as fractions of the page


@dataclass(frozen=True)
class OcrPage:
    text: str
    confidence: float  # mean word confidence, 0-100, weighted by word length
    words: tuple[OcrWord, ...] = field(default=())
    rotation: int = 0  # degrees the scan was turned (counter-clockwise) to read it


@dataclass(frozen=True)
class OcrSummary:
    """A document's pages read by OCR: how many, and their mean word confidence (0-100)."""

    pages: int
    confidence: float


def summarise(pages: dict[int, OcrPage]) -> OcrSummary:
    return OcrSummary(len(pages), round(sum(p.confidence for p in pages.values()) / max(1, len(pages)), 1))


# --- which pages need OCR ------------------------------------------------------------------


def real_words(text: str) -> int:
    """Words that look like language: letters with a vowel, 2-25 long, or numbers."""
    count = 0
    for token in _WORD_RE.findall(text):
        if token.isdigit() or (2 <= len(token) <= 25 and any(ch in _VOWELS for ch in token.lower())):
            count += 1
    return count


def usable_text(text: str) -> bool:
    """A text layer worth keeping: most of its tokens are real words (a layer of a font without a
    Unicode map comes out as symbols or strings of consonants: that page is read by OCR)."""
    tokens = _WORD_RE.findall(text)
    letters = [t for t in tokens if not t.isdigit()]
    if not letters:
        return False
    return real_words(text) - (len(tokens) - len(letters)) >= 0.5 * len(letters)


# --- Tesseract -----------------------------------------------------------------------------


def tessdata_dir() -> str | None:
    """The folder with the Danish model: the app bundle's own (Windows/macOS builds carry it), then
    TESSDATA_PREFIX, then the system's; None where it is not installed."""
    bundled = str(Path(sys._MEIPASS) / "tessdata") if hasattr(sys, "_MEIPASS") else ""  # PyInstaller
    candidates = [bundled, os.environ.get("TESSDATA_PREFIX", ""), *_TESSDATA_DIRS]
    for folder in candidates:
        if folder and (Path(folder) / f"{OCR_LANGUAGE}.traineddata").is_file():
            return folder
        if folder and (Path(folder) / "tessdata" / f"{OCR_LANGUAGE}.traineddata").is_file():
            return str(Path(folder) / "tessdata")
    return None


def available() -> bool:
    """Tesseract (the tesserocr binding) and its Danish model are installed."""
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return tessdata_dir() is not None


class Reader:
    """One Tesseract instance (the model loads once per file); use as a context manager."""

    def __init__(self) -> None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one core per parse: the app and other work go on
        from tesserocr import OEM, PSM, PyTessBaseAPI

        folder = tessdata_dir()
        if folder is None:
            raise OSError("tessdata with dan.traineddata not found")
        self._folder = folder
        self._api = PyTessBaseAPI(path=folder, lang=OCR_LANGUAGE, psm=PSM.AUTO, oem=OEM.LSTM_ONLY)
        self._osd: Any = None

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._api.End()
        if self._osd is not None:
            self._osd.End()

    def read(self, image: Any) -> OcrPage:
        """Text, confidence and word boxes of one page image; turned scans are detected and read."""
        gray = image.convert("L")
        page = self._recognise(gray, 0)
        if ink_read(gray, page) < MIN_INK_READ:
            # Tesseract's page layout took text blocks of a noisy scan for pictures and skipped them:
            # read the page as one block of text instead, if that finds clearly more words.
            whole = self._recognise(gray, 0, single_block=True)
            if real_words(whole.text) > 1.2 * real_words(page.text):
                page = whole
        if page.confidence >= ORIENTATION_CHECK_BELOW and real_words(page.text) >= 5:
            return page
        angle = self._orientation(gray)
        if angle:
            turned = self._recognise(gray.rotate(angle, expand=True), angle)
            if _quality(turned) > _quality(page):
                return turned
        return page

    def _orientation(self, gray: Any) -> int:
        """Counter-clockwise degrees that make the page upright (0 when OSD is unsure)."""
        from tesserocr import PSM, PyTessBaseAPI

        if not (Path(self._folder) / "osd.traineddata").is_file():
            return 0
        if self._osd is None:
            self._osd = PyTessBaseAPI(path=self._folder, lang="osd", psm=PSM.OSD_ONLY)
        self._osd.SetImage(gray)
        try:
            found = self._osd.DetectOrientationScript()
        except RuntimeError:  # too little text to tell
            return 0
        if not found or found.get("orient_conf", 0.0) < MIN_ORIENTATION_CONFIDENCE:
            return 0
        return int(found.get("orient_deg", 0)) % 360

    def _recognise(self, gray: Any, rotation: int, single_block: bool = False) -> OcrPage:
        from tesserocr import PSM, RIL, iterate_level

        self._api.SetPageSegMode(PSM.SINGLE_BLOCK if single_block else PSM.AUTO)
        self._api.SetImage(gray)
        self._api.Recognize()
        width, height = gray.size
        pieces: list[str] = []
        words: list[OcrWord] = []
        weighted = letters = 0.0
        iterator = self._api.GetIterator()
        for word in iterate_level(iterator, RIL.WORD) if iterator is not None else ():
            try:
                text = _normalise(word.GetUTF8Text(RIL.WORD) or "")
            except RuntimeError:  # tesserocr: "No text returned" for an empty word
                continue
            confidence = float(word.Confidence(RIL.WORD))
            if not text or (not any(ch.isalnum() for ch in text) and confidence < MIN_SYMBOL_CONFIDENCE):
                continue
            if pieces:
                pieces.append("\n\n" if word.IsAtBeginningOf(RIL.PARA) else
                              "\n" if word.IsAtBeginningOf(RIL.TEXTLINE) else " ")  # fmt: skip
            start = sum(len(p) for p in pieces)
            pieces.append(text)
            left, top, right, bottom = word.BoundingBox(RIL.WORD)
            box = (left / width, top / height, right / width, bottom / height)
            words.append(OcrWord(text, start, _unturn(box, rotation)))
            weighted += confidence * len(text)
            letters += len(text)
        return OcrPage("".join(pieces), round(weighted / letters, 1) if letters else 0.0, tuple(words), rotation)


def ink_read(gray: Any, page: OcrPage) -> float:
    """The share of the page's ink (dark pixels, at a quarter of the resolution) inside the boxes of
    the words read: well below 1 when text was skipped (pictures and stamps lower it too)."""
    import numpy as np

    small = gray.reduce(4)
    dark = np.asarray(small) < 128
    total = int(dark.sum())
    if total == 0:
        return 1.0
    height, width = dark.shape
    covered = np.zeros_like(dark)
    for word in page.words:
        left, top, right, bottom = word.box
        pad = (bottom - top) * 0.3  # accents and descenders just outside the box
        covered[max(0, int((top - pad) * height)) : int((bottom + pad) * height) + 1,
                max(0, int(left * width) - 1) : int(right * width) + 2] = True  # fmt: skip
    return float((dark & covered).sum()) / total


def _quality(page: OcrPage) -> float:
    return page.confidence * real_words(page.text)


def _normalise(word: str) -> str:
    """As extract._clean treats a text layer: NFKC, no control characters, no inner whitespace."""
    text = unicodedata.normalize("NFKC", word)
    return "".join(ch for ch in text if ch >= " " and not ch.isspace())


def _unturn(box: tuple[float, float, float, float], rotation: int) -> tuple[float, float, float, float]:
    """A box on the image turned by `rotation` degrees counter-clockwise, on the page as shown."""
    left, top, right, bottom = box
    if rotation == 90:  # (u, v) on the page = (1 - v', u')
        left, top, right, bottom = 1 - bottom, left, 1 - top, right
    elif rotation == 180:
        left, top, right, bottom = 1 - right, 1 - bottom, 1 - left, 1 - top
    elif rotation == 270:  # (u, v) = (v', 1 - u')
        left, top, right, bottom = top, 1 - right, bottom, 1 - left
    return (round(left, 5), round(top, 5), round(right, 5), round(bottom, 5))


# --- images: PDF pages and image files -----------------------------------------------------


def pdf_page_images(path: str, numbers: list[int]) -> Iterator[tuple[int, Any]]:
    """The given (1-based) pages of a PDF rendered for OCR, one at a time; None for a page pdfium
    cannot render (a broken or hostile image on it): that page stays without text."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        for number in numbers:
            page = document[number - 1]
            try:
                width, height = page.get_size()  # points, rotation applied
                scale = RENDER_DPI / 72
                pixels = width * height * scale * scale
                if pixels > MAX_RENDER_PIXELS:
                    scale *= (MAX_RENDER_PIXELS / pixels) ** 0.5
                image = page.render(scale=scale, grayscale=True).to_pil()
            except Exception:  # noqa: BLE001 - one unreadable page does not cost the file
                image = None
            finally:
                page.close()
            yield number, image
    finally:
        document.close()


def pdf_pages_with_images(path: str) -> set[int]:
    """1-based numbers of the PDF pages that draw an image (a blank page need not be read)."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument(path)
    try:
        found = set()
        for index in range(len(document)):
            page = document[index]
            try:
                if next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3), None) is not None:
                    found.add(index + 1)
            finally:
                page.close()
        return found
    finally:
        document.close()


def open_image(path: str) -> Any:
    """An image file opened within the limits (header only: nothing is decoded yet)."""
    from PIL import Image

    # Pillow's own bomb check would end as "damaged"; the header check below names the size instead.
    # (Only in the parser child: the app's process keeps Pillow's limit.)
    Image.MAX_IMAGE_PIXELS = None
    try:
        image = Image.open(path)
    except Exception as exc:  # noqa: BLE001 - any failure of Pillow on an untrusted file means "damaged"
        raise UserError("file_damaged", path=path) from exc
    try:
        _check_image(path, image)
    except BaseException:
        image.close()
        raise
    return image


def _check_image(path: str, image: Any) -> None:
    try:
        if image.format not in ("PNG", "JPEG", "MPO", "TIFF"):
            raise UserError("file_not_image", path=path)
        width, height = image.size
        if width * height > MAX_IMAGE_PIXELS:
            raise UserError("image_too_large", path=path, megapixels=width * height // 1_000_000,
                            limit=MAX_IMAGE_PIXELS // 1_000_000)  # fmt: skip
        frames = getattr(image, "n_frames", 1)  # walks a TIFF's page list, reading no pixels
        if frames > MAX_IMAGE_PAGES:
            raise UserError("image_too_many_pages", path=path, pages=frames, limit=MAX_IMAGE_PAGES)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken TIFF page list: "damaged"
        raise UserError("file_damaged", path=path) from exc


def image_frames(path: str, image: Any) -> Iterator[tuple[int, Any]]:
    """Each page of an opened image file, decoded (and checked against the limits) one at a time."""
    from PIL import Image

    for index in range(getattr(image, "n_frames", 1)):
        try:
            image.seek(index)
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:  # a later TIFF page can be the bomb
                raise UserError("image_too_large", path=path, megapixels=width * height // 1_000_000,
                                limit=MAX_IMAGE_PIXELS // 1_000_000)  # fmt: skip
            image.load()
            frame = image.convert("L")
        except UserError:
            raise
        except (Exception, Image.DecompressionBombError) as exc:  # noqa: BLE001 - damaged or hostile
            raise UserError("file_damaged", path=path) from exc
        yield index + 1, frame


# --- a file's pages, read -------------------------------------------------------------------


def extract_with_ocr(path: str, progress: Progress = lambda _done, _total: None) -> list[Page]:
    """The pages of a file as extract.extract_pages gives them, with the pages that need it read by
    OCR (an image file: every page). progress(done, total) after each OCR'd page."""
    if Path(path).suffix.lower() in IMAGE_SUFFIXES:
        return _image_pages(path, progress)
    pages = extract_pages(path)
    if not path.lower().endswith(".pdf"):
        return pages
    wanted = _pages_to_read(path, pages)
    if not wanted:
        return pages
    if not available():
        return [replace(p, unread=True) if p.number in wanted else p for p in pages]
    try:
        with Reader() as reader:
            for done, (number, image) in enumerate(pdf_page_images(path, wanted)):
                progress(done, len(wanted))
                result = reader.read(image) if image is not None else None
                if is_text(result) and real_words(result.text) > real_words(pages[number - 1].text):
                    pages[number - 1] = Page(number, result.text, ocr=result, title=pages[number - 1].title)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfium failing on a page pypdf could read: damaged
        raise UserError("file_damaged", path=path) from exc
    return pages


def is_text(result: OcrPage | None) -> bool:
    """What OCR read is text (not the noise Tesseract makes of a photo or a pattern)."""
    return result is not None and result.confidence >= MIN_PAGE_CONFIDENCE and usable_text(result.text)


def _pages_to_read(path: str, pages: list[Page]) -> list[int]:
    """PDF pages without usable text that show something: an image, or a garbage text layer."""
    unusable = [p for p in pages if not usable_text(p.text)]
    if not unusable:
        return []
    try:
        with_images = pdf_pages_with_images(path)
    except Exception as exc:  # noqa: BLE001 - pdfium cannot open what pypdf read: damaged
        raise UserError("file_damaged", path=path) from exc
    return [p.number for p in unusable if p.text.strip() or p.number in with_images]


def _image_pages(path: str, progress: Progress) -> list[Page]:
    with open_image(path) as image:
        total = getattr(image, "n_frames", 1)
        if not available():
            return [Page(number, "", unread=True) for number in range(1, total + 1)]
        pages = []
        with Reader() as reader:
            for number, frame in image_frames(path, image):
                progress(number - 1, total)
                result = reader.read(frame)
                pages.append(Page(number, result.text, ocr=result) if is_text(result) else Page(number, ""))
        return pages


def image_as_pdf(content: bytes) -> bytes | None:
    """A scanned image file (its pages) as a PDF, so the reader shows it like a scanned PDF and can
    mark a cited passage on it; None when the image does not open within the limits. The bytes are
    those the import read in the child (same sha256), so they passed its checks already."""
    import io

    from PIL import Image

    try:  # Pillow's own bomb limit stays as it is in the app's process; _check_image is stricter
        with Image.open(io.BytesIO(content)) as image:
            _check_image("", image)
            dpi = image.info.get("dpi", (RENDER_DPI, RENDER_DPI))[0] or RENDER_DPI
            out = io.BytesIO()
            image.save(out, "PDF", save_all=True, resolution=float(dpi))
            return out.getvalue()
    except Exception:  # noqa: BLE001 - the reader then shows the OCR text instead
        return None
