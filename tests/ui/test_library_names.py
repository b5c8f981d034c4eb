"""The library pane shows whole titles: long agenda item titles wrap, and a meeting's name does not repeat its date."""

from __future__ import annotations

from typing import Any

import pytest

from app.ui.names import without_dates
from app.ui.qt import QTreeWidget, QTreeWidgetItem
from app.ui.wrapping_delegate import WrappingDelegate

LONG = "13. Mulig samdrift af rådhusets kantine med café ved Greve idrætscenter og udvidelse af åbningstiderne"


def test_a_long_title_wraps_to_the_width_and_rewraps_when_the_pane_widens(qtbot: Any) -> None:
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    tree.setHeaderHidden(True)
    tree.setItemDelegate(WrappingDelegate(tree))
    meeting = QTreeWidgetItem(tree, ["Byråd"])
    short, long = QTreeWidgetItem(meeting, ["1. Godkendelse af dagsorden"]), QTreeWidgetItem(meeting, [LONG])
    meeting.setExpanded(True)
    tree.resize(260, 400)
    tree.show()
    qtbot.waitExposed(tree)
    narrow = tree.visualItemRect(long).height()
    assert narrow >= 2.5 * tree.visualItemRect(short).height()  # three or more lines, nothing cut off
    tree.resize(1400, 400)
    qtbot.waitUntil(lambda: tree.visualItemRect(long).height() < narrow, timeout=2000)


@pytest.mark.parametrize(("title", "shown"), [
    ("Byråd 2023-10-02", "Byråd"),
    ("REFERAT Aarhus Byråd d. 27-08-2025 2025-08-27", "REFERAT Aarhus Byråd"),
    ("Økonomiudvalget den 3. marts 2024", "Økonomiudvalget"),
    ("Teknisk Udvalg – 1. okt. 2025", "Teknisk Udvalg"),
    ("2023-10-02", "2023-10-02"),  # nothing else to call it
    ("Budget 2024-27, 2. behandling", "Budget 2024-27, 2. behandling"),  # not dates
])
def test_meeting_names_without_the_date_they_repeat(title: str, shown: str) -> None:
    assert without_dates(title) == shown
