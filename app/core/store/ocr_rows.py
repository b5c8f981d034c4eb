"""The store's table of pages read by OCR (migration 8): each page's mean word confidence, the degrees
it was turned and Tesseract's words with their boxes, so the reader can mark a cited passage on a scan.

OcrPages is part of Store (app.core.store.database): it uses the store's connection.
"""

from __future__ import annotations

import json

from sqlcipher3 import dbapi2 as sqlite3

from app.core.ingest.ocr import OcrPage, OcrSummary, OcrWord


class OcrPages:
    """The OCR'd pages' rows, mixed into Store."""

    _db: sqlite3.Connection

    def add_ocr_pages(self, db: sqlite3.Connection, document_id: int, pages: dict[int, OcrPage]) -> None:
        db.executemany(
            "INSERT INTO ocr_pages (document_id, number, confidence, rotation, words) VALUES (?, ?, ?, ?, ?)",
            [(document_id, number, page.confidence, page.rotation, json.dumps(
                [[w.text, w.start, *w.box] for w in page.words], ensure_ascii=False))
             for number, page in sorted(pages.items())],
        )  # fmt: skip

    def ocr_summaries(self) -> dict[int, dict[str, OcrSummary]]:
        """Meeting id -> document name -> how many of its pages OCR read, and their mean confidence."""
        rows = self._db.execute(
            "SELECT d.meeting_id, d.file_name, count(*), avg(o.confidence) FROM ocr_pages o"
            " JOIN documents d ON d.id = o.document_id GROUP BY d.id"
        ).fetchall()
        found: dict[int, dict[str, OcrSummary]] = {}
        for meeting_id, name, pages, confidence in rows:
            found.setdefault(int(meeting_id), {})[str(name)] = OcrSummary(int(pages), round(float(confidence), 1))
        return found

    def ocr_words(self, meeting_id: int, file_name: str) -> dict[int, list[OcrWord]]:
        """Page number -> the words OCR read on it, with their boxes (pages with a text layer: absent)."""
        rows = self._db.execute(
            "SELECT o.number, o.words FROM ocr_pages o JOIN documents d ON d.id = o.document_id"
            " WHERE d.meeting_id = ? AND d.file_name = ?", (meeting_id, file_name),
        ).fetchall()  # fmt: skip
        return {int(number): [OcrWord(w[0], int(w[1]), (w[2], w[3], w[4], w[5])) for w in json.loads(words)]
                for number, words in rows}  # fmt: skip
