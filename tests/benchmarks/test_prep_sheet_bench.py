"""Prep sheet export (issue 22) of a big meeting: the >= 300-page pack of test_bigpack_bench imported for
real, 50 highlights spread over its pages (real text spans), a note and a question on every tenth item;
then ``export_sheet`` to PDF and to DOCX, timed end to end (briefing lines of every item, the notes,
rendering, the atomic write and the audit entry). Closed items left out, as by default.

Baseline: the briefing alone (``brief_meeting`` of the same meeting), to show what the sheet adds on top
of work the app already does when a meeting is opened. Goal (in the unit): a few seconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ..fixtures import packs
from .test_bench import timed

pytestmark = pytest.mark.bench

HIGHLIGHTS = 50
MIN_PAGES = 300


def _prepare(library: Any, meeting_id: int, pdf_name: str) -> int:
    from app.core.store import notes

    store = library.store
    pages = store.document_pages(meeting_id, pdf_name)
    with_text = [number for number, text in enumerate(pages, start=1) if len(text.split()) >= 12]
    chosen = with_text[:: max(1, len(with_text) // HIGHLIGHTS)][:HIGHLIGHTS]  # spread over the pack
    for number in chosen:
        words = pages[number - 1].split()
        notes.add_highlight(store, meeting_id, pdf_name, number, " ".join(words[4:12]), "tjek tallet")
    for item in store.items(meeting_id)[::10]:
        notes.save_note(store, meeting_id, "- spørg til økonomien\n- hvem er høringsparter?", item.number)
        notes.add_question(store, meeting_id, f"Hvad betyder punkt {item.number} for borgerne?", item.number)
    return len(chosen)


def test_prep_sheet_export_of_a_300_page_meeting(worker: Any, record: Any, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from app.core.store import notes
    from app.core.answers.briefing import brief_meeting
    from app.core.library import Library
    from app.core.answers.prep_sheet import build_sheet, export_sheet

    pack = packs.render_big_pack(tmp_path / "samlet.pdf", min_pages=MIN_PAGES)
    with Library(tmp_path / "data", worker=worker) as library:
        meeting_id = library.import_paths([pack]).meeting_id
        assert _prepare(library, meeting_id, pack.name) == HIGHLIGHTS
        baseline_s = timed(lambda: brief_meeting(library, meeting_id))
        pdf_s = timed(lambda: export_sheet(library, meeting_id, tmp_path / "ark.pdf"))
        docx_s = timed(lambda: export_sheet(library, meeting_id, tmp_path / "ark.docx"))
        sheet = build_sheet(library, meeting_id)
        open_highlights = len(notes.highlights(library.store, meeting_id, include_closed=False))
    shown = sum(len(s.highlights) for s in sheet.items) + len(sheet.other_highlights)
    assert shown == open_highlights  # all but those on closed items (left out by default)
    printed = len(PdfReader(tmp_path / "ark.pdf").pages)
    print(f"\nprep sheet: {len(sheet.items)} items, {printed} A4 pages; pdf {pdf_s:.2f} s, docx {docx_s:.2f} s,"
          f" brief_meeting {baseline_s:.2f} s")  # fmt: skip
    record("prep_sheet_pdf_300_pages_50_highlights", pdf_s, "s (goal: a few seconds)", baseline=baseline_s,
           lower_is_better=True)  # fmt: skip
    record("prep_sheet_docx_300_pages_50_highlights", docx_s, "s", baseline=baseline_s, lower_is_better=True)
