"""Marks on the library tree for documents read by OCR (scans): "(scannet)" after the name and a
tooltip with how many pages OCR read and its mean confidence, so a politician knows when to read
the original (low confidence is said in so many words); and where a cited passage stands on a
scanned page, from the word boxes Tesseract gave (such a page has no text layer to search)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ui.qt import QCoreApplication, QTreeWidgetItem

if TYPE_CHECKING:  # annotations only: the library tree (built before the first paint) imports this module
    from app.core.ingest.ocr import OcrSummary, OcrWord

# Below this mean word confidence the tooltip advises reading the original.
LOW_CONFIDENCE = 80.0


def scanned_note(summary: OcrSummary) -> str:
    """ "Scannet: 3 sider læst med tekstgenkendelse, sikkerhed 91 %" (+ advice when it is low)."""
    note = QCoreApplication.translate("ScannedMarks", "Scannet: {pages} side(r) læst med tekstgenkendelse, sikkerhed {confidence} %").format(
        pages=summary.pages, confidence=f"{summary.confidence:.0f}")
    if summary.confidence < LOW_CONFIDENCE:
        note += "\n" + QCoreApplication.translate("ScannedMarks", "Lav sikkerhed: læs originalen, før du citerer den.")
    return note


def mark_scanned(node: QTreeWidgetItem, summary: OcrSummary | None) -> None:
    """Add the scan mark to a document's node in the library tree (nothing for a born-digital one)."""
    if summary is None:
        return
    node.setText(0, node.text(0) + QCoreApplication.translate("ScannedMarks", " (scannet)"))
    node.setToolTip(0, "\n".join(t for t in (node.toolTip(0), scanned_note(summary)) if t))


def passage_boxes(words: list[OcrWord], span: tuple[int, int]) -> list[tuple[float, float, float, float]]:
    """The boxes (fractions of the page) that cover the words of a passage at span (start, end) in a
    scanned page's text: one box per line of the scan, as a highlighter would draw it."""
    boxes: list[list[float]] = []
    for word in words:
        if word.start + len(word.text) <= span[0] or word.start >= span[1]:
            continue
        left, top, right, bottom = word.box
        last = boxes[-1] if boxes else None
        if last is not None and top < last[3] and bottom > last[1]:  # overlaps the line so far: same line
            last[:] = [min(last[0], left), min(last[1], top), max(last[2], right), max(last[3], bottom)]
        else:
            boxes.append([left, top, right, bottom])
    return [(b[0], b[1], b[2], b[3]) for b in boxes]
