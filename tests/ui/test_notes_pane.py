"""Meeting preparation through the real window (issue 22): a passage selected on the page is highlighted,
listed for its item, and clicking it opens the page with the passage marked; a note written in the pane is
found by the notes search as "Dine noter"; the prep sheet export writes a PDF whose text holds the citations
and no closed item; presentation mode hides closed items' highlights."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from app.core import notes
from app.ui.main_window import MainWindow
from app.ui.pdf_layout import to_viewport
from app.ui.qt import QPointF, Qt

from .test_main_window import ANSWER_TIMEOUT_MS, DEMO, IMPORT_TIMEOUT_MS

ITEM_16_PAGE = 39  # "Punkt 16: Byggesagsgebyrer 2024"


@pytest.fixture(scope="module")
def window(qapp: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from pytestqt.qtbot import QtBot

    qtbot = QtBot(None)
    opened = MainWindow(tmp_path_factory.mktemp("notes") / "data")
    opened.show()
    qtbot.waitUntil(lambda: opened.library_pane.meetings_loaded and not opened.busy, timeout=15_000)
    assert opened.importer.import_paths([DEMO])
    qtbot.waitUntil(lambda: not opened.busy and len(opened.library_pane.meeting_nodes()) == 1, timeout=IMPORT_TIMEOUT_MS)
    yield opened
    opened.close()
    opened.deleteLater()


def _select_item(window: MainWindow, qtbot: Any, number: int) -> None:
    meeting = window.library_pane.meeting_nodes()[0]
    node = next(meeting.child(i) for i in range(meeting.childCount())
                if meeting.child(i).text(0).startswith(f"{number}."))  # fmt: skip
    window.reading_page.setCurrentWidget(window.reading_page.notes_pane)  # the pane reads the store when it is shown
    window.library_pane.tree.setCurrentItem(node)
    qtbot.waitUntil(lambda: window.reading_page.notes_pane.data is not None and window.reading_page.notes_pane.current_scope() == number
                    and not window.busy, timeout=15_000)  # fmt: skip


def test_a_dragged_selection_is_highlighted_listed_and_reopened_marked(window: MainWindow, qtbot: Any) -> None:
    _select_item(window, qtbot, 16)
    meeting_id = window.reading_page.notes_pane.data.meeting_id
    window.reading_page.open_in_reader(meeting_id, DEMO.name, ITEM_16_PAGE)
    reader = window.reading_page.reader
    qtbot.waitUntil(lambda: not window.busy and reader.current_page() == ITEM_16_PAGE, timeout=15_000)
    # Drag across "786 kr. pr. time" on the page, with the mouse, as a user would.
    found = reader.pdf.getAllText(ITEM_16_PAGE - 1).text()
    start = found.index("786 kr. pr. time")
    bounds = reader.pdf.getSelectionAtIndex(ITEM_16_PAGE - 1, start, len("786 kr. pr. time")).boundingRectangle()
    left = to_viewport(reader.pdf_view, ITEM_16_PAGE - 1, QPointF(bounds.left() + 0.5, bounds.center().y()))
    right = to_viewport(reader.pdf_view, ITEM_16_PAGE - 1, QPointF(bounds.right() - 0.5, bounds.center().y()))
    viewport = reader.pdf_view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=left.toPoint())
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=right.toPoint())
    assert reader.marked_text and "786 kr. pr. tim" in reader.marked_text
    assert reader.marked_on_page(ITEM_16_PAGE) > 0

    assert reader.highlight_marked()
    pane = window.reading_page.notes_pane
    qtbot.waitUntil(lambda: pane.highlights_list.count() == 1 and not window.busy, timeout=15_000)
    entry = pane.highlights_list.item(0)
    assert "Punkt 16" in entry.text() and f"s. {ITEM_16_PAGE}" in entry.text() and "786 kr" in entry.text()
    stored = notes.highlights(window.library.store, meeting_id, item_number=16)
    assert len(stored) == 1 and stored[0].rects  # where it is on the page, for marking it again

    pane.highlights_list.setCurrentItem(entry)
    pane.ask_comment = lambda current: "højere end i Køge?"
    qtbot.mouseClick(pane.comment_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "højere end i Køge?" in pane.highlights_list.item(0).text() and not window.busy,
                    timeout=15_000)  # fmt: skip
    entry = pane.highlights_list.item(0)

    window.reading_page.open_in_reader(meeting_id, DEMO.name, 1)  # read elsewhere, then come back by the list
    qtbot.waitUntil(lambda: not window.busy and reader.current_page() == 1, timeout=15_000)
    assert reader.marked_on_page(ITEM_16_PAGE) == 0
    pane.highlights_list.setCurrentItem(entry)
    pane.highlights_list.itemClicked.emit(entry)
    qtbot.waitUntil(lambda: not window.busy and reader.current_page() == ITEM_16_PAGE, timeout=15_000)
    assert window.reading_page.currentWidget() is reader
    assert reader.marked_on_page(ITEM_16_PAGE) > 0 and "786 kr. pr. tim" in (reader.marked_text or "")


def test_a_note_is_saved_and_found_as_the_users_own(window: MainWindow, qtbot: Any) -> None:
    _select_item(window, qtbot, 16)
    pane = window.reading_page.notes_pane
    window.reading_page.setCurrentWidget(pane)
    pane.note_edit.setPlainText("- spørg til timeprisen for byggesager\n- sammenlign med Køge")
    qtbot.mouseClick(pane.save_note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.status_label.text() == "Noten er gemt." and not window.busy, timeout=15_000)
    pane.question_edit.setText("Hvorfor ikke et fast gebyr?")
    qtbot.mouseClick(pane.add_question_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.questions_list.count() == 1 and not window.busy, timeout=15_000)

    found = notes.notes_for_question(window.library.store, "Hvad skrev jeg om timeprisen?")
    assert found and found[0].kind == "note" and found[0].item_number == 16
    assert found[0].label().startswith("Dine noter (note):") and found[0].origin == "user_note"


def test_asking_the_assistant_shows_the_note_apart_as_the_users_own(window: MainWindow, qtbot: Any) -> None:
    """An answer in the window (the real ask) lists the user's matching note under "Dine noter", after and
    apart from the material's sources."""
    window.assistant.question_edit.setText("Hvad skrev jeg om timeprisen?")
    assert window.assistant_controller.ask()
    qtbot.waitUntil(lambda: window.assistant_controller.last_answer is not None or bool(window.last_error), timeout=ANSWER_TIMEOUT_MS)
    shown = window.assistant.sources_view.toPlainText()
    assert "Dine noter – dine egne ord, ikke fra materialet" in shown
    own = shown.split("Dine noter – dine egne ord")[1]
    assert "Dine noter (note):" in own and "punkt 16" in own and "spørg til timeprisen" in own
    assert "spørg til timeprisen" not in window.assistant.answer_view.toPlainText()  # not presented as the material's


def test_an_item_briefing_shows_the_users_highlights_and_questions(window: MainWindow, qtbot: Any) -> None:
    _select_item(window, qtbot, 16)
    assert window.briefings.brief(item=True)
    qtbot.waitUntil(lambda: window.assistant_controller.last_answer is not None and not window.busy, timeout=60_000)
    shown = window.assistant.sources_view.toPlainText()
    own = shown.split("Dine noter til punktet – dine egne ord")[1]
    assert "Fremhævet: »786 kr. pr. tim" in own and "Spørgsmål: Hvorfor ikke et fast gebyr?" in own
    assert "Note: spørg til timeprisen" in own


def test_export_writes_the_citations_and_leaves_closed_items_out(window: MainWindow, qtbot: Any,
                                                                 tmp_path: Path) -> None:  # fmt: skip
    pane = window.reading_page.notes_pane
    notes.save_note(window.library.store, pane.data.meeting_id, "LUKKET-NOTE", item_number=7)
    target = tmp_path / "ark.pdf"
    pane.ask_export = lambda _title: (target, False)
    qtbot.mouseClick(pane.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.last_export == target and not window.busy, timeout=60_000)
    assert str(target) in pane.status_label.text() and "ukrypteret" in pane.status_label.text()
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)
    assert "Punkt 16: Byggesagsgebyrer 2024" in text and f"s. {ITEM_16_PAGE}, punkt 16" in text
    assert "786 kr. pr. tim" in text and "spørg til timeprisen" in text
    assert "LUKKET-NOTE" not in text and "Lukket:" not in text


def test_presentation_mode_hides_closed_items_notes_and_highlights(window: MainWindow, qtbot: Any) -> None:
    pane = window.reading_page.notes_pane
    meeting_id = pane.data.meeting_id
    notes.add_highlight(window.library.store, meeting_id, DEMO.name, 9, "Lukket punkt")
    _select_item(window, qtbot, 16)
    meeting = window.library_pane.meeting_nodes()[0]
    window.reading_page.setCurrentWidget(pane)
    window.library_pane.tree.setCurrentItem(meeting)
    qtbot.waitUntil(lambda: pane.current_scope() == 0 and not window.busy, timeout=15_000)
    qtbot.waitUntil(lambda: pane.highlights_list.count() == 2 and not window.busy, timeout=15_000)
    window.presentation_action.setChecked(True)
    try:
        assert pane.highlights_list.count() == 1 and "Punkt 16" in pane.highlights_list.item(0).text()
        assert all("lukket" not in pane.scope_combo.itemText(i) for i in range(pane.scope_combo.count()))
    finally:
        window.presentation_action.setChecked(False)
    assert pane.highlights_list.count() == 2
