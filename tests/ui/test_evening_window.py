"""Issue 20, the window parts: a briefing at full size in the middle pane, reading while a pack imports,
and a language switch that keeps the politician's place. The real demo pack in a real window; no chat
model (answers and briefings are the cited extracts, which is quick and the same every run).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.paths import demo_pack
from app.core.messages import Cancelled
from app.ui.i18n import install_translations
from app.ui.import_progress import STALL_MS
from app.ui.jobs import Job, JobContext, JobRunner
from app.ui.main_window import MainWindow
from app.ui.qt import QApplication, QGuiApplication, Qt, QTextDocument, QUrl

from .test_translations import _without_chat_model

DEMO, _QUESTIONS = demo_pack()
IMPORT_TIMEOUT_MS = 180_000
JOB_TIMEOUT_MS = 60_000
ITEM_16 = 16  # 16. Byggesagsgebyrer 2024 (page 39)
ITEM_4 = 4  # a closed item


@pytest.fixture(scope="module")
def window(qapp: QApplication, tmp_path_factory: Any) -> Iterator[MainWindow]:
    folder = tmp_path_factory.mktemp("evening")
    with pytest.MonkeyPatch.context() as patch:
        _without_chat_model(folder, patch)
        window = MainWindow(folder / "data")
        window.show()
        window.resize(1400, 900)
        yield window
        window.close()


@pytest.fixture
def imported(window: MainWindow, qtbot: Any) -> MainWindow:
    qtbot.waitUntil(lambda: window.library_pane.meetings_loaded and not window.busy, timeout=JOB_TIMEOUT_MS)
    if not window.library_pane.meeting_nodes():
        assert window.importer.import_paths([DEMO])
        qtbot.waitUntil(lambda: not window.busy and len(window.library_pane.meeting_nodes()) == 1, timeout=IMPORT_TIMEOUT_MS)
    return window


def click_node(window: MainWindow, qtbot: Any, node: Any) -> None:
    window.library_pane.tree.scrollToItem(node)
    qtbot.mouseClick(window.library_pane.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.library_pane.tree.visualItemRect(node).center())  # fmt: skip


def headings(document: QTextDocument) -> list[str]:
    found, block = [], document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            found.append(block.text())
        block = block.next()
    return found


# --- working while a pack imports -------------------------------------------------------------------


def test_an_import_runs_on_its_own_lane_beside_ordinary_jobs(qtbot: Any) -> None:
    runner = JobRunner()
    release, seen = threading.Event(), []

    def importing(ctx: JobContext) -> str:
        while not release.wait(0.02):
            if ctx.should_cancel():
                raise Cancelled()
        return "imported"

    assert runner.submit_import(Job(importing, on_done=seen.append, on_error=seen.append))
    assert runner.importing and runner.busy and not runner.working
    assert not runner.submit_import(Job(lambda _ctx: "second", on_done=seen.append, on_error=seen.append))
    runner.submit(Job(lambda _ctx: "read", on_done=seen.append, on_error=seen.append))
    qtbot.waitUntil(lambda: seen == ["read"], timeout=5_000)  # done while the import still runs
    assert runner.importing and not runner.working
    with qtbot.waitSignal(runner.busy_changed, timeout=5_000, check_params_cb=lambda busy: not busy):
        release.set()
    assert seen == ["read", "imported"] and not runner.busy
    assert runner.shutdown()


def test_reading_and_searching_go_on_while_a_pack_imports(imported: MainWindow, qtbot: Any, monkeypatch: Any) -> None:
    window = imported
    release = threading.Event()
    stage = "Læser dagsorden.pdf: side 12 af 40 – cirka 1 minut tilbage"

    def slow_import(paths: Any, collection: Any = None, progress: Any = None, should_cancel: Any = None) -> Any:
        progress(0.3, stage)  # the core's message: stage, pages and time left
        while not release.wait(0.05):  # a long parse, until the test cancels it
            if should_cancel():
                raise Cancelled()
        raise AssertionError("the test cancels this import")

    monkeypatch.setattr(window.library, "import_paths", slow_import)
    assert window.importer.import_paths([DEMO])
    qtbot.waitUntil(lambda: window.library_pane.progress_label.text() == stage, timeout=JOB_TIMEOUT_MS)
    assert window.jobs.importing and window.library_pane.progress_box.isVisible()

    # The library stays open: an item opens in the reader now, not when the import ends.
    window.reading_page.reader.clear()
    click_node(window, qtbot, item_node(window, ITEM_16))
    qtbot.waitUntil(lambda: window.reading_page.reader.document is not None, timeout=JOB_TIMEOUT_MS)
    assert window.jobs.importing and window.reading_page.reader.current_page() == 39
    # Search, ask and brief are open too.
    window.focus_search()
    qtbot.keyClicks(window.reading_page.search_panel.query_edit, "byggesagsgebyr")
    window.reading_page.search_panel.run_search()
    qtbot.waitUntil(lambda: window.reading_page.search_panel.results.count() > 0, timeout=JOB_TIMEOUT_MS)
    assert window.jobs.importing
    assert window.assistant.ask_button.isEnabled() and window.assistant.brief_meeting_button.isEnabled()
    assert window.assistant_controller.ask("Hvad bliver byggesagsgebyret pr. time i 2024?")
    qtbot.waitUntil(lambda: window.assistant_controller.last_answer is not None and not window.jobs.working,
                    timeout=JOB_TIMEOUT_MS)  # fmt: skip
    assert window.jobs.importing and window.assistant_controller.last_answer.citations
    # A second import is refused, with a message that says why and what can be done meanwhile.
    assert not window.library_pane.import_files_button.isEnabled()
    assert not window.importer.import_paths([DEMO])
    assert "En import er i gang" in window.statusBar().currentMessage()
    # No step for a while: the bar moves on its own instead of standing still; the time counts up.
    qtbot.waitUntil(lambda: window.library_pane.progress_box.moving_on_its_own, timeout=STALL_MS + 3_000)
    assert window.library_pane.progress_box.elapsed.text().startswith("I gang i 0:0")
    assert window.library_pane.progress_label.text() == stage  # the whole message, never cut

    qtbot.mouseClick(window.library_pane.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.jobs.importing, timeout=JOB_TIMEOUT_MS)
    assert "annulleret" in window.statusBar().currentMessage()
    assert not window.library_pane.progress_box.isVisible() and window.library_pane.import_files_button.isEnabled()


# --- a briefing at full size --------------------------------------------------------------------------


def item_node(window: MainWindow, number: int) -> Any:
    """An agenda item's node by its number (presentation mode leaves the closed ones out of the tree)."""
    meeting = window.library_pane.meeting_nodes()[0]
    return next(meeting.child(i) for i in range(meeting.childCount())
                if meeting.child(i).text(0).startswith(f"{number}. "))  # fmt: skip


def brief_item(window: MainWindow, qtbot: Any, number: int) -> None:
    qtbot.waitUntil(lambda: not window.busy, timeout=JOB_TIMEOUT_MS)
    window.library_pane.tree.setCurrentItem(item_node(window, number))
    assert window.briefings.brief(item=True)
    qtbot.waitUntil(lambda: window.assistant_controller.last_answer is not None and not window.busy, timeout=JOB_TIMEOUT_MS)


def test_a_briefing_is_read_at_full_size_with_headings_and_live_citations(imported: MainWindow, qtbot: Any,
                                                                           tmp_path: Path) -> None:  # fmt: skip
    from app.ui import qt

    window = imported
    brief_item(window, qtbot, ITEM_16)
    page = window.full_size.view
    assert window.reading_page.currentWidget() is page and window.reading_page.tabText(window.reading_page.indexOf(page)) == "Briefing"
    parts = headings(page.browser.document())
    assert parts[0].startswith("Briefing:") and "Indstilling" in parts and "Kilder" in parts
    assert "786 kr" in page.browser.toPlainText()
    assert page.width() > window.assistant.width()  # the middle pane: wider than the answer box

    page._cited(QUrl("cite:1"))  # what clicking [1] on the page does
    qtbot.waitUntil(lambda: window.reading_page.currentWidget() is window.reading_page.reader and not window.busy, timeout=JOB_TIMEOUT_MS)
    first = page.answer.citations[0]
    assert (window.reading_page.reader.document.file_name, window.reading_page.reader.current_page()) == (first.document, first.page)

    window.reading_page.setCurrentWidget(page)
    assert page.copy()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Briefing:") and "786 kr" in copied and "Kilder" in copied
    printer = qt.QPrinter(qt.QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(qt.QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "briefing.pdf"))
    page.print_to(printer)
    assert (tmp_path / "briefing.pdf").read_bytes().startswith(b"%PDF")

    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert window.reading_page.indexOf(page) == -1 and window.reading_page.currentWidget() is window.reading_page.reader


def test_a_long_answer_opens_at_full_size_too(imported: MainWindow, qtbot: Any) -> None:
    window = imported
    assert window.assistant_controller.ask("Hvad bliver byggesagsgebyret pr. time i 2024?")
    qtbot.waitUntil(lambda: window.assistant_controller.last_answer is not None and not window.busy, timeout=JOB_TIMEOUT_MS)
    assert window.assistant.enlarge_button.isEnabled()
    qtbot.mouseClick(window.assistant.enlarge_button, Qt.MouseButton.LeftButton)
    page = window.full_size.view
    assert window.reading_page.currentWidget() is page and window.reading_page.tabText(window.reading_page.indexOf(page)) == "Svar"
    assert headings(page.browser.document())[0] == "Hvad bliver byggesagsgebyret pr. time i 2024?"
    assert window.assistant_controller.last_answer.text.split()[0] in page.browser.toPlainText()
    window.full_size.close()


def test_presentation_mode_takes_a_closed_briefing_off_the_big_view(imported: MainWindow, qtbot: Any) -> None:
    window = imported
    brief_item(window, qtbot, ITEM_4)
    page = window.full_size.view
    assert window.reading_page.currentWidget() is page and "FORTROLIGT" in page.browser.toPlainText()

    window.presentation_action.setChecked(True)
    try:
        assert window.reading_page.indexOf(page) == -1 and page.answer is None and not page.browser.toPlainText()
        brief_item(window, qtbot, ITEM_16)  # an open item: shown, and nothing closed in it
        assert window.reading_page.currentWidget() is page and "FORTROLIGT" not in page.browser.toPlainText()
    finally:
        window.presentation_action.setChecked(False)
        window.full_size.close()


# --- a language switch keeps the place (last: the window is replaced) ------------------------------------


def test_switching_language_keeps_reader_answer_search_tree_and_panes(imported: MainWindow, qtbot: Any,
                                                                      monkeypatch: Any) -> None:  # fmt: skip
    window = imported
    monkeypatch.setenv("MOEDEMAPPE_LANG", "da")  # back to Danish for the next tests
    meeting = window.library_pane.meeting_nodes()[0]
    click_node(window, qtbot, item_node(window, ITEM_16))
    qtbot.waitUntil(lambda: window.reading_page.reader.document is not None and not window.busy, timeout=JOB_TIMEOUT_MS)
    window.reading_page.reader.go_to_page(40)
    assert window.assistant_controller.ask("Hvad bliver byggesagsgebyret pr. time i 2024?")
    qtbot.waitUntil(lambda: window.assistant_controller.last_answer is not None and not window.busy, timeout=JOB_TIMEOUT_MS)
    window.presentation_action.setChecked(True)  # a shared screen: the new window must hide closed items too
    qtbot.waitUntil(lambda: not window.busy, timeout=JOB_TIMEOUT_MS)
    window.reading_page.search_panel.query_edit.setText("byggesagsgebyr")
    window.reading_page.search_panel.run_search()
    qtbot.waitUntil(lambda: window.reading_page.search_panel.results.count() > 0 and not window.busy, timeout=JOB_TIMEOUT_MS)
    results = window.reading_page.search_panel.results.count()
    window.library_pane.tree.setCurrentItem(item_node(window, ITEM_16))
    window.reading_page.setCurrentWidget(window.reading_page.search_panel)
    window.splitter.setSizes([420, 560, 400])
    panes, answer = window.splitter.sizes(), window.assistant_controller.last_answer.text

    # While a pack imports, the switch waits for it (rebuilding the window would cancel it).
    release = threading.Event()

    def held_import(paths: Any, collection: Any = None, progress: Any = None, should_cancel: Any = None) -> Any:
        while not release.wait(0.05):
            if should_cancel():
                raise Cancelled()

    monkeypatch.setattr(window.library, "import_paths", held_import)
    assert window.importer.import_paths([DEMO])
    window.apply_settings(dataclasses.replace(window.settings, language="en"))
    assert window.successor is None and "når importen er færdig" in window.statusBar().currentMessage()
    window.cancel_import()
    qtbot.waitUntil(lambda: window.successor is not None, timeout=JOB_TIMEOUT_MS)
    new = window.successor
    qtbot.addWidget(new)  # closed at teardown, and the shared Library with it
    try:
        qtbot.waitUntil(lambda: new.library_pane.meetings_loaded and new.reading_page.reader.document is not None
                        and new.reading_page.search_panel.results.count() == results and not new.busy, timeout=JOB_TIMEOUT_MS)
        assert new.presenting and new.presentation_banner.isVisible()
        items = [new.library_pane.meeting_nodes()[0].child(i).text(0)
                 for i in range(new.library_pane.meeting_nodes()[0].childCount())]  # fmt: skip
        assert len(items) == 16 and not any("Lukket" in text for text in items)  # the 4 closed items stay hidden
        assert new.library_pane.tree.topLevelItem(0).text(0) == "Meetings"  # "Møder" in English
        assert new.reading_page.search_panel.collection_combo.itemText(1) == "Meetings"
        assert (new.reading_page.reader.document.file_name, new.reading_page.reader.current_page()) == (DEMO.name, 40)
        assert new.assistant_controller.last_answer is not None and new.assistant_controller.last_answer.text == answer
        assert new.assistant.answer_view.toPlainText().strip() and "cite:1" in new.assistant.sources_view.toHtml()
        assert new.reading_page.search_panel.query_edit.text() == "byggesagsgebyr"
        assert new.reading_page.currentWidget() is new.reading_page.search_panel
        selected = new.library_pane.tree.currentItem()
        assert selected is not None and selected.text(0).startswith("16. Byggesagsgebyrer 2024")
        assert selected.parent().isExpanded()
        assert all(abs(a - b) <= 8 for a, b in zip(new.splitter.sizes(), panes)), (new.splitter.sizes(), panes)
    finally:
        install_translations(QApplication.instance(), "da")
