"""Highlights survive the re-import of a changed file (issue 22): the demo pack imported, highlighted, then
a changed version of the same file (one page taken out, same name) imported over it: the highlight moves
with its text and says so; one whose text is gone says that instead; notes and questions stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from app.core.store import notes
from app.core.library import Library

pytestmark = pytest.mark.integration

REMOVED_PAGE = 10  # before item 16 (page 39): the rest moves up one page


def test_a_changed_file_reimported_keeps_the_highlights_where_their_text_went(demo_pdf: Path,
                                                                              tmp_path: Path) -> None:  # fmt: skip
    changed = tmp_path / "changed" / demo_pdf.name
    changed.parent.mkdir()
    writer = PdfWriter()
    for number, page in enumerate(PdfReader(demo_pdf).pages, start=1):
        if number != REMOVED_PAGE:
            writer.add_page(page)
    writer.write(changed)
    removed_text = " ".join(PdfReader(demo_pdf).pages[REMOVED_PAGE - 1].extract_text().split()[:6])

    with Library(tmp_path / "data") as library:
        meeting = library.import_paths([demo_pdf]).meeting_id
        store = library.store
        moves = notes.add_highlight(store, meeting, demo_pdf.name, 39, "786 kr. pr. time", "for dyrt?")
        goes = notes.add_highlight(store, meeting, demo_pdf.name, REMOVED_PAGE, removed_text)
        notes.save_note(store, meeting, "- spørg til gebyret", item_number=16)
        again = library.import_paths([changed])
        assert again.meeting_id == meeting and again.replaced == [demo_pdf.name]
        after = {h.id: h for h in notes.highlights(store, meeting)}
        assert (after[moves.id].page, after[moves.id].status, after[moves.id].item_number) == (38, "moved", 16)
        assert "fra s. 39 til s. 38" in after[moves.id].status_text() and after[moves.id].comment == "for dyrt?"
        assert after[goes.id].status == "vanished" and "findes ikke længere" in after[goes.id].status_text()
        assert notes.note(store, meeting, 16) == "- spørg til gebyret"
