"""The search panel on a real Library: the demo pack imported once, real hybrid search on the worker thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app.core.library import Hit, Library
from app.core.messages import UserError
from app.core.models.runtime import ModelWorker
from app.core.store.database import SearchFilter
from app.ui.jobs import Job, JobRunner
from app.ui.qt import Qt, QWidget
from app.ui.search_panel import HTML_ROLE, SearchPanel, snippet_html

QUERY = "byggesagsgebyr"
MARK = '<span style="color:#000; background-color:#ffe58a; font-weight:600">'
SEARCH_TIMEOUT_MS = 60_000  # the first search also loads the embedding model


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, demo_pdf: Path) -> Iterator[Library]:
    worker = ModelWorker()
    library = Library(tmp_path_factory.mktemp("search") / "data", worker=worker)
    library.import_paths([demo_pdf])
    yield library
    library.close()
    worker.close()  # the Library does not own a worker it was given


@pytest.fixture
def panel(library: Library, qtbot: Any) -> Iterator[SearchPanel]:
    runner = JobRunner()
    panel = SearchPanel(library, runner)
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    qtbot.waitUntil(lambda: panel.collection_combo.count() > 1, timeout=SEARCH_TIMEOUT_MS)
    yield panel
    runner.shutdown()


def search(qtbot: Any, panel: SearchPanel, query: str | None = None) -> list[Hit]:
    """Type `query` (or re-run the current one) and wait for its fresh results."""
    with qtbot.waitSignal(panel.results_shown, timeout=SEARCH_TIMEOUT_MS):
        if query is None:
            panel.run_search()
        else:
            panel.query_edit.clear()
            qtbot.keyClicks(panel.query_edit, query)
    return panel.hits


def spy_searches(library: Library, monkeypatch: Any) -> list[str]:
    queries: list[str] = []
    real = library.search

    def spy(query: str, **kwargs: Any) -> list[Hit]:
        queries.append(query)
        return real(query, **kwargs)

    monkeypatch.setattr(library, "search", spy)
    return queries


# --- snippets --------------------------------------------------------------------------------


def test_snippet_marks_words_with_the_query_stem() -> None:
    text = "Administrationen indstiller, at byggesagsgebyret for 2024 fastsættes; byggesagsgebyrer <stiger>."
    shown = snippet_html(text, "Byggesagsgebyr 2024 og")

    assert f"{MARK}byggesagsgebyret</span>" in shown
    assert f"{MARK}byggesagsgebyrer</span>" in shown
    assert f"{MARK}2024</span>" in shown
    assert "&lt;stiger&gt;" in shown  # the text is escaped
    assert shown.count(MARK) == 3  # "og" is a stop word and "at" is not asked for
    assert f"{MARK}byggesagsgebyr" in snippet_html("Opkrævning af byggesagsgebyr.", "gebyr")  # compound head


def test_snippet_shows_about_200_characters_around_the_first_match() -> None:
    text = " ".join(["fyld"] * 100) + " udskrivningsprocenten er 25,0 " + " ".join(["mere"] * 100)
    shown = snippet_html(text, "udskrivningsprocent")

    assert shown.startswith("… ") and shown.endswith(" …")
    assert f"{MARK}udskrivningsprocenten</span>" in shown
    assert 150 <= len(shown.replace(MARK, "").replace("</span>", "")) <= 220


# --- the panel ---------------------------------------------------------------------------------


def test_typing_shows_highlighted_results_after_one_search(panel: SearchPanel, library: Library, qtbot: Any,
                                                           monkeypatch: Any, demo_pdf: Path) -> None:  # fmt: skip
    queries = spy_searches(library, monkeypatch)
    hits = search(qtbot, panel, QUERY)

    assert queries == [QUERY]  # one search for the whole word: the debounce waited for the typing
    assert hits and hits[0].document == demo_pdf.name and hits[0].page == 39
    assert panel.results.count() == len(hits)
    assert panel.count_label.text() == f"{len(hits)} sider"  # one result per page
    from app.core.search.pages import mentions, query_stems

    assert all(mentions(hit.text, query_stems(QUERY)) for hit in hits)  # a word search shows the word
    assert len({(hit.document, hit.page) for hit in hits}) == len(hits)
    first = panel.results.item(0)
    assert first.text().startswith(f"{demo_pdf.name}, s. 39 · punkt 16 – Byggesagsgebyrer 2024")
    assert "Byråd · 2. oktober 2023" in first.text()
    assert f"{MARK}byggesagsgebyr" in first.data(HTML_ROLE)


def test_down_enter_and_double_click_open_a_hit(panel: SearchPanel, qtbot: Any) -> None:
    hits = search(qtbot, panel, QUERY)
    panel.activateWindow()
    panel.query_edit.setFocus()
    qtbot.waitUntil(panel.query_edit.hasFocus)

    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)
    assert panel.results.hasFocus() and panel.results.currentRow() == 0
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert opened.args == [hits[0]]

    qtbot.keyClick(panel.results, Qt.Key.Key_Up)  # on the first row: back to the query
    assert panel.query_edit.hasFocus()

    second = panel.results.visualItemRect(panel.results.item(1)).center()
    qtbot.mouseClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=second)  # a press comes first
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.mouseDClick(panel.results.viewport(), Qt.MouseButton.LeftButton, pos=second)
    assert opened.args == [hits[1]]


def test_closed_filter(panel: SearchPanel, qtbot: Any) -> None:
    search(qtbot, panel, QUERY)
    with qtbot.waitSignal(panel.results_shown, timeout=SEARCH_TIMEOUT_MS):
        panel.closed_combo.setCurrentText("Kun lukkede punkter")  # a filter change searches again
    assert panel.filters() == SearchFilter(closed=True)
    assert all(hit.item_closed for hit in panel.hits)
    for row in range(panel.results.count()):
        assert "Fortroligt – lukket punkt" in panel.results.item(row).text()
        assert "Fortroligt&nbsp;–&nbsp;lukket&nbsp;punkt" in panel.results.item(row).data(HTML_ROLE)

    with qtbot.waitSignal(panel.results_shown, timeout=SEARCH_TIMEOUT_MS):
        panel.closed_combo.setCurrentText("Skjul lukkede punkter")
    assert panel.hits and not any(hit.item_closed for hit in panel.hits)
    assert "Fortroligt" not in panel.results.item(0).text()


def test_filters_come_from_the_library(panel: SearchPanel, qtbot: Any) -> None:
    combos = (panel.collection_combo, panel.committee_combo)
    assert [[c.itemText(i) for i in range(c.count())] for c in combos] == [
        ["Alle samlinger", "Møder"], ["Alle udvalg", "Byråd"]]  # fmt: skip
    assert panel.filters() == SearchFilter()
    assert not panel.date_from.isEnabled()

    panel.collection_combo.setCurrentText("Møder")
    panel.committee_combo.setCurrentText("Byråd")
    panel.all_dates.setChecked(False)
    panel.item_spin.setValue(16)
    assert panel.date_from.isEnabled() and panel.date_to.isEnabled()
    assert panel.filters() == SearchFilter(collection="Møder", committee="Byråd", date_from="2023-10-02",
                                           date_to="2023-10-02", item_number=16)  # fmt: skip
    hits = search(qtbot, panel, QUERY)
    assert hits and {hit.item_number for hit in hits} == {16}

    panel.refresh_filters()  # after an import: the choices stay
    qtbot.waitUntil(lambda: not panel.jobs.busy, timeout=SEARCH_TIMEOUT_MS)
    assert panel.committee_combo.currentText() == "Byråd"

    with qtbot.waitSignal(panel.results_shown, timeout=SEARCH_TIMEOUT_MS):
        panel.item_spin.setValue(99)
    assert panel.results.count() == 0
    assert panel.count_label.text() == f"Ingen sider med »{QUERY}«"


def test_stale_result_is_dropped(panel: SearchPanel, library: Library, qtbot: Any, monkeypatch: Any) -> None:
    started, release = threading.Event(), threading.Event()
    real = library.search

    def slow_first(query: str, **kwargs: Any) -> list[Hit]:
        if query == QUERY:
            started.set()
            release.wait(30)
        return real(query, **kwargs)

    monkeypatch.setattr(library, "search", slow_first)
    shown: list[str] = []
    panel.results_shown.connect(lambda query, _count: shown.append(query))

    panel.query_edit.setText(QUERY)
    panel.run_search()
    assert started.wait(30)  # the older search is running on the worker ...
    panel.query_edit.setText("udskrivningsprocent")
    panel.run_search()  # ... when a newer one is asked for
    release.set()
    qtbot.waitUntil(lambda: bool(shown), timeout=SEARCH_TIMEOUT_MS)

    assert shown == ["udskrivningsprocent"]  # the older result arrived first and was dropped


def test_searches_wait_behind_other_work_and_only_the_last_runs(panel: SearchPanel, library: Library, qtbot: Any,
                                                                 monkeypatch: Any) -> None:  # fmt: skip
    queries = spy_searches(library, monkeypatch)
    release = threading.Event()
    panel.jobs.submit(Job(lambda _ctx: release.wait(30), on_done=lambda _r: None, on_error=lambda _m: None))

    panel.query_edit.setText("budget")
    panel.run_search()
    panel.query_edit.setText(QUERY)
    panel.run_search()
    assert panel.count_label.text().startswith("Søger")
    with qtbot.waitSignal(panel.results_shown, timeout=SEARCH_TIMEOUT_MS):
        release.set()

    assert queries == [QUERY]
    assert panel.hits[0].page == 39


def test_escape_clears_the_query_and_results(panel: SearchPanel, qtbot: Any) -> None:
    search(qtbot, panel, QUERY)
    assert panel.results.count()

    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Escape)

    assert panel.query_edit.text() == ""
    assert panel.results.count() == 0 and panel.hits == []
    assert panel.count_label.text() == ""


def test_errors_show_in_dark_red(panel: SearchPanel, library: Library, qtbot: Any, monkeypatch: Any) -> None:
    def broken(_query: str, **_kwargs: Any) -> list[Hit]:
        raise UserError("empty_question")

    monkeypatch.setattr(library, "search", broken)
    panel.query_edit.setText(QUERY)
    panel.run_search()
    qtbot.waitUntil(lambda: not panel.jobs.busy, timeout=SEARCH_TIMEOUT_MS)

    assert panel.count_label.text() == UserError("empty_question").message()
    assert "#8a1c12" in panel.count_label.styleSheet()
    assert panel.results.count() == 0


def test_controls_are_named_and_tab_in_order(panel: SearchPanel) -> None:
    chain = [panel.query_edit, panel.collection_combo, panel.committee_combo, panel.closed_combo, panel.all_dates,
             panel.date_from, panel.date_to, panel.item_spin, panel.results]  # fmt: skip
    assert panel.query_edit.accessibleName() == "Søg i materialet"
    assert panel.results.accessibleName() == "Søgeresultater"
    assert all(widget.accessibleName() for widget in [*chain, panel.count_label])

    order: list[QWidget] = []
    widget: QWidget = panel.query_edit
    while len(order) < len(chain) - 1:
        widget = widget.nextInFocusChain()
        if widget in chain and widget not in order:
            order.append(widget)
    assert order == chain[1:]


def test_opening_the_search_tab_puts_the_typing_in_the_search_box(library: Library, qtbot: Any) -> None:
    from app.ui.qt import QLineEdit, QTabWidget

    runner = JobRunner()
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    reading = QLineEdit()
    tabs.addTab(reading, "Læs")
    panel = SearchPanel(library, runner)
    tabs.addTab(panel, "Søg")
    tabs.show()
    qtbot.waitExposed(tabs)
    tabs.activateWindow()
    reading.setFocus()
    qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(1).center())
    qtbot.keyClicks(tabs.focusWidget() or tabs, "skole")
    assert tabs.currentWidget() is panel and panel.query_edit.text() == "skole"
    runner.shutdown()
