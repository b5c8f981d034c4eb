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
    from app.core import notes

    store = library.store
    pages = store.document_pages(meeting_id, pdf_name)
    step = max(1, len(pages) // HIGHLIGHTS)
    marked = 0
    for number in range(1, len(pages) + 1, step):
        words = pages[number - 1].split()
        if len(words) >= 12 and marked < HIGHLIGHTS:
            notes.add_highlight(store, meeting_id, pdf_name, number, " ".join(words[4:12]), "tjek tallet")
            marked += 1
    for item in store.items(meeting_id)[::10]:
        notes.save_note(store, meeting_id, "- spørg til økonomien\n- hvem er høringsparter?", item.number)
        notes.add_question(store, meeting_id, f"Hvad betyder punkt {item.number} for borgerne?", item.number)
    return marked


def test_prep_sheet_export_of_a_300_page_meeting(worker: Any, record: Any, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from app.core.briefing import brief_meeting
    from app.core.library import Library
    from app.core.prep_sheet import build_sheet, export_sheet

    pack = packs.render_big_pack(tmp_path / "samlet.pdf", min_pages=MIN_PAGES)
    with Library(tmp_path / "data", worker=worker) as library:
        meeting_id = library.import_paths([pack]).meeting_id
        assert _prepare(library, meeting_id, pack.name) == HIGHLIGHTS
        pages = library.store.meeting(meeting_id)
        baseline_s = timed(lambda: brief_meeting(library, meeting_id))
        pdf_s = timed(lambda: export_sheet(library, meeting_id, tmp_path / "ark.pdf"))
        docx_s = timed(lambda: export_sheet(library, meeting_id, tmp_path / "ark.docx"))
        sheet = build_sheet(library, meeting_id)
    assert pages is not None and sum(len(s.highlights) for s in sheet.items) == HIGHLIGHTS
    printed = len(PdfReader(tmp_path / "ark.pdf").pages)
    print(f"\nprep sheet: {len(sheet.items)} items, {printed} A4 pages; pdf {pdf_s:.2f} s, docx {docx_s:.2f} s,"
          f" brief_meeting {baseline_s:.2f} s")  # fmt: skip
    record("prep_sheet_pdf_300_pages_50_highlights", pdf_s, "s (goal: a few seconds)", baseline=baseline_s,
           lower_is_better=True)  # fmt: skip
    record("prep_sheet_docx_300_pages_50_highlights", docx_s, "s", baseline=baseline_s, lower_is_better=True)
