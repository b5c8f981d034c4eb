"""A web page's citation opens the reader at its section with the passage marked, laid out from the
stored original HTML with nothing remote in it: no image, script, frame, style or link is loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.core.library import Library
from PySide6.QtGui import QTextFormat
from app.ui.reader import OpenDocument, ReaderView
from tests.fixtures.web_pages import saved_agenda_folder


@pytest.fixture
def imported(tmp_path: Path) -> Any:
    library = Library(tmp_path / "data")
    library.import_paths([saved_agenda_folder(tmp_path)])
    yield library
    library.close()


def test_a_web_citation_opens_the_reader_at_the_section_without_remote_resources(imported: Library, qtbot: Any) -> None:
    hit = imported.search("forbruget ligger under budgettet", mode="lexical")[0]
    assert hit.document == "dagsorden.html" and hit.section == "Resume" and hit.label().startswith("dagsorden.html, afsnit ")
    found = imported.open_document(hit.meeting_id, hit.document)
    assert found.formatted_pages is not None and len(found.formatted_pages) == len(found.pages)
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.resize(800, 600)
    reader.show()
    qtbot.waitExposed(reader)
    reader.open(OpenDocument(hit.meeting_id, hit.document, "Økonomiudvalget", found.content, found.pages,
                             found.closed_pages, found.formatted_pages, found.ocr_words), hit.page, hit.text)  # fmt: skip
    assert not reader.showing_pdf and reader.current_page() == hit.page
    assert reader.page_spin.prefix() == "Afsnit "
    assert reader.marked_text and "forbruget ligger 4,2 mio. kr. under budgettet" in reader.marked_text
    shown = reader.text_view.toPlainText()
    assert f"Afsnit {hit.page}" in shown and "Resume" in shown
    for unwanted in ("Vi bruger cookies", "Skjult tekst", "fetch(", "evil.example", "tracker.example"):
        assert unwanted not in shown
    html = reader.text_view.toHtml()
    assert "evil.example" not in html and "tracker.example" not in html and "<img" not in html
    formats = reader.text_view.document().allFormats()
    assert not any(f.isImageFormat() or f.hasProperty(QTextFormat.Property.AnchorHref) for f in formats)


def test_in_the_window_a_saved_page_imports_and_its_citation_opens_at_the_section(qtbot: Any, tmp_path: Path) -> None:
    """The window's own path: the import controller (as the file dialog and drag-and-drop call it), then a
    citation opened by the reading page as the assistant's source list does."""
    from app.ui.main_window import MainWindow

    window = MainWindow(tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.library_pane.meetings_loaded and not window.busy, timeout=15_000)
    assert window.importer.import_paths([saved_agenda_folder(tmp_path)])
    qtbot.waitUntil(lambda: not window.busy and len(window.library_pane.meeting_nodes()) == 1, timeout=180_000)
    meeting = window.library_pane.meeting_nodes()[0]
    closed = meeting.child(2)
    assert closed.text(0).startswith("3. Lukket punkt: Køb af ejendom") and "afsnit" in closed.toolTip(0)
    hit = window.library.search("forbruget ligger under budgettet", mode="lexical")[0]
    window.reading_page.open_hit(hit, hit.text)
    qtbot.waitUntil(lambda: not window.busy and window.reading_page.reader.document is not None, timeout=30_000)
    reader = window.reading_page.reader
    assert reader.current_page() == hit.page and reader.marked_text and "forbruget ligger" in reader.marked_text
    assert "tracker.example" not in reader.text_view.toHtml() and "<img" not in reader.text_view.toHtml()
