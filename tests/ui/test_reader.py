"""The reader keeps the reading place: zoom, fit, resizing and find leave the page box telling the truth,
and a cited passage is marked over all its lines (a councillor's evening, issue 20 items 1-3)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.ui.passage_finder import passage_span
from app.ui.pdf_layout import page_rects, place_at, reading_y
from app.ui.qt import QPdfView, QPointF
from app.ui.reader import OpenDocument, ReaderView

DEMO = Path(__file__).resolve().parents[2] / "resources" / "samples" / "demo-byraad-2023-10-02.pdf"


@pytest.fixture
def reader(qtbot: Any) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(900, 800)
    view.show()
    qtbot.waitExposed(view)
    view.open(OpenDocument(1, "demo.pdf", "Demo", DEMO.read_bytes(), ["x"] * 48), page=16)
    qtbot.wait(20)
    return view


def shown_page(reader: ReaderView) -> int:
    """The page on the reading line, from the scroll position alone."""
    return place_at(reader.pdf_view, reading_y(reader.pdf_view)).page + 1


@pytest.mark.parametrize("zoom", ["fit", 1.0, 0.4, 2.3])
def test_the_page_layout_is_the_one_qpdfview_scrolls_to(reader: ReaderView, qtbot: Any, zoom: object) -> None:
    view = reader.pdf_view
    if zoom == "fit":
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
    else:
        view.setZoomMode(QPdfView.ZoomMode.Custom)
        view.setZoomFactor(zoom)
    qtbot.wait(10)
    rects = page_rects(view)
    document_height = view.verticalScrollBar().maximum() + view.viewport().height()
    assert rects[-1].bottom() + view.pageSpacing() + view.documentMargins().bottom() == document_height
    for page in (1, 7, 30):
        view.pageNavigator().jump(page, QPointF(0, 0), 0)
        assert view.verticalScrollBar().value() == rects[page].top()


def test_zoom_and_fit_keep_the_page_and_the_page_box(reader: ReaderView, qtbot: Any) -> None:
    assert reader.current_page() == 16 == shown_page(reader)
    for factor in (1.25, 1.25, 0.8, 0.8, 0.8, 0.8):
        before = place_at(reader.pdf_view, reading_y(reader.pdf_view))
        reader.zoom_by(factor)
        qtbot.wait(10)
        after = place_at(reader.pdf_view, reading_y(reader.pdf_view))
        assert reader.current_page() == 16 == shown_page(reader)
        assert after.page == before.page and abs(after.fraction - before.fraction) < 0.02
    reader.fit_width()
    qtbot.wait(10)
    assert reader.current_page() == 16 == shown_page(reader)


def test_a_narrower_pane_keeps_the_page(reader: ReaderView, qtbot: Any) -> None:
    reader.resize(560, 800)
    qtbot.waitUntil(lambda: shown_page(reader) == 16, timeout=2000)
    assert reader.current_page() == 16


def test_scrolling_moves_the_page_box(reader: ReaderView, qtbot: Any) -> None:
    bar = reader.pdf_view.verticalScrollBar()
    bar.setValue(bar.value() + 3 * page_rects(reader.pdf_view)[16].height())
    assert reader.current_page() == shown_page(reader) == 19


def test_find_shows_the_hit_near_the_top_with_the_right_page_and_a_fixed_label(reader: ReaderView,
                                                                              qtbot: Any) -> None:
    label_width = reader.find_label.width()
    reader.find_edit.setText("Klimastrandvej")
    reader.find_next()
    qtbot.waitUntil(lambda: reader.current_page() != 16, timeout=5000)
    page = reader.current_page()
    assert page == shown_page(reader)
    hits = reader.search_model.resultsOnPage(page - 1)
    assert hits, "the page the reader went to has the word"
    rect = page_rects(reader.pdf_view)[page - 1]
    scale = rect.height() / reader.pdf.pagePointSize(page - 1).height()
    hit_y = rect.top() + hits[0].location().y() * scale - reader.pdf_view.verticalScrollBar().value()
    assert 0 <= hit_y <= reader.pdf_view.viewport().height() / 2, "the hit stands in the upper half of the view"
    text = reader.find_label.text()
    assert reader.find_label.width() == label_width
    assert reader.find_label.fontMetrics().horizontalAdvance(text) <= reader.find_label.width()


def test_a_cited_passage_is_marked_over_all_its_lines(reader: ReaderView, qtbot: Any) -> None:
    def text_lines(page: int) -> list[str]:
        return [line for line in reader.pdf.getAllText(page - 1).text().splitlines() if len(line.split()) >= 3]

    page = next(page for page in range(2, 48) if len(text_lines(page)) >= 10)
    lines = text_lines(page)
    passage = " ".join(lines[2:7])  # five lines of the page, as a chunk would hold them
    reader.open(reader.document, page=page, passage=passage)
    qtbot.wait(10)
    assert reader.current_page() == page == shown_page(reader)
    assert reader.highlighted
    marked_rows = {round(min(point.y() for point in polygon)) for polygon in reader.marks.polygons}
    assert len(marked_rows) >= 5, "every line of the passage is marked, not only its first words"
    assert reader.marked_on_page(page) >= 5


def test_passage_span_finds_the_whole_passage_despite_other_spacing() -> None:
    page = "Punkt 3: Program\r\nBeslutning\r\nProgrammet blev   godkendt.\r\nFraværende: Mehmet Dogru\r\nSide 5"
    start, end = passage_span("Beslutning Programmet blev godkendt. Fraværende: Mehmet Dogru", page)
    assert page[start:end].startswith("Beslutning") and page[start:end].endswith("Dogru")


def test_passage_span_runs_to_the_page_end_when_the_passage_goes_on() -> None:
    page = "Indledning\nKommunen foreslår at bygge en ny skole i bydelen"
    span = passage_span("Kommunen foreslår at bygge en ny skole i bydelen og at lukke to andre skoler", page)
    assert span is not None and page[span[0]:span[1]].startswith("Kommunen foreslår")


def test_passage_span_is_none_when_the_passage_is_not_on_the_page() -> None:
    assert passage_span("helt andre ord end dem på siden her", "Punkt 1 Godkendelse af dagsorden") is None


def test_copy_the_cited_passage_and_the_page_with_their_source(reader: ReaderView, qtbot: Any) -> None:
    from app.ui.qt import QGuiApplication
    from app.ui.reader_menu import copy_page, copy_passage, reader_menu

    copied: list[str] = []
    reader.copied.connect(copied.append)
    page = 21
    passage = " ".join(reader.pdf.getAllText(page - 1).text().split()[5:40])
    reader.open(reader.document, page=page, passage=passage)
    menu = reader_menu(reader, reader.pdf_view)
    assert [action.text() for action in menu.actions()] == ["Kopiér den citerede passage med kilde",
                                                             "Fremhæv den citerede passage", "Kopiér siden med kilde"]
    asked: list[tuple] = []
    reader.highlight_requested.connect(lambda *args: asked.append(args))
    menu.actions()[1].trigger()  # highlighting is not copying: no audit entry, the page's rects come along
    assert asked and asked[0][:3] == (1, "demo.pdf", page) and asked[0][3] == reader.marked_text and asked[0][4]
    assert copy_passage(reader)
    clipboard = QGuiApplication.clipboard().text()
    assert reader.marked_text and reader.marked_text.split()[0] in clipboard
    assert clipboard.endswith("Kilde: Demo, demo.pdf, side 21")
    assert copy_page(reader)
    assert QGuiApplication.clipboard().text().startswith("x\n\nKilde: Demo")
    assert copied == ["Passage kopieret fra læseren (møde 1, side 21)", "Side kopieret fra læseren (møde 1, side 21)"]
    assert all("demo.pdf" not in entry for entry in copied), "the audit log names no files"


def test_a_closed_page_asks_first_keeps_its_label_and_is_never_copied_in_presentation(reader: ReaderView,
                                                                                      qtbot: Any) -> None:
    from dataclasses import replace

    from app.ui.qt import QGuiApplication
    from app.ui.reader_menu import copy_page, reader_menu

    reader.open(replace(reader.document, closed_pages=frozenset({16})), page=16)
    answers = [False, True]
    reader.confirm_closed = lambda _parent: answers.pop(0)
    QGuiApplication.clipboard().setText("før")
    assert not copy_page(reader) and QGuiApplication.clipboard().text() == "før"
    assert copy_page(reader)
    assert QGuiApplication.clipboard().text().startswith("FORTROLIGT – LUKKET PUNKT")
    reader.set_hide_closed(True)
    assert not copy_page(reader)
    assert not any(action.isEnabled() for action in reader_menu(reader, reader.pdf_view).actions())


def test_one_page_at_a_time_in_presentation_keeps_the_page_through_zoom(reader: ReaderView, qtbot: Any) -> None:
    from dataclasses import replace

    reader.open(replace(reader.document, closed_pages=frozenset({30})), page=12)
    reader.set_hide_closed(True)
    assert reader.pdf_view.pageMode() == QPdfView.PageMode.SinglePage
    reader.go_to_page(10)
    assert reader.current_page() == 10 == reader.pdf_view.pageNavigator().currentPage() + 1
    for factor in (1.25, 0.8, 0.8):
        reader.zoom_by(factor)
        qtbot.wait(10)
        assert reader.current_page() == 10 == shown_page(reader)
    reader.fit_width()
    assert reader.current_page() == 10
