"""Read/prepared marks and bilag linked by hand in the library tree (issue 20 item 20), with the real core:
the demo referat and a file no item lists, imported as one pack into a real window (no chat model)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.library import Library
from app.ui.item_marks import ITEM_NUMBER_ROLE, MARK_ROLE, node_data
from app.ui.main_window import MainWindow
from app.ui.qt import QApplication, QDragEnterEvent, QDragMoveEvent, QDropEvent, QMenu, QPointF, Qt

from .test_translations import _without_chat_model

NOTAT = "Ekstra notat.pdf"  # no item of the demo pack lists it
JOB_TIMEOUT_MS = 60_000
IMPORT_TIMEOUT_MS = 180_000


@pytest.fixture(scope="module")
def window(qapp: QApplication, tmp_path_factory: Any, shared_data: Path, demo_pdf: Path) -> Iterator[MainWindow]:
    folder = tmp_path_factory.mktemp("marks")
    pack = folder / "pakke"
    pack.mkdir()
    shutil.copy(demo_pdf, pack / "referat.pdf")
    shutil.copy(shared_data / "aarhus" / "dagsbil.pdf", pack / NOTAT)
    with pytest.MonkeyPatch.context() as patch:
        _without_chat_model(folder, patch)
        window = MainWindow(folder / "data")
        window.show()
        window.resize(1400, 900)
        wait_until(lambda: window.library_pane.meetings_loaded and not window.busy, JOB_TIMEOUT_MS)
        assert window.importer.import_paths([pack])
        wait_until(lambda: not window.busy and len(window.library_pane.meeting_nodes()) == 1, IMPORT_TIMEOUT_MS)
        yield window
        window.close()


def wait_until(condition: Any, timeout_ms: int) -> None:
    """qtbot.waitUntil for the module's fixture (qtbot is per test)."""
    end = time.monotonic() + timeout_ms / 1000
    while not condition():
        assert time.monotonic() < end, "timed out"
        QApplication.processEvents()
        time.sleep(0.02)


def item_node(window: MainWindow, number: int) -> Any:
    meeting = window.library_pane.meeting_nodes()[0]
    return next(meeting.child(i) for i in range(meeting.childCount())
                if meeting.child(i).data(0, ITEM_NUMBER_ROLE) == number)  # fmt: skip


def document_node(window: MainWindow, name: str) -> Any:
    stack = [window.library_pane.meeting_nodes()[0]]
    while stack:
        node = stack.pop()
        if node_data(node)[:1] == ("document",) and node_data(node)[2] == name:
            return node
        stack.extend(node.child(i) for i in range(node.childCount()))
    return None


def settle(window: MainWindow, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: not window.busy, timeout=JOB_TIMEOUT_MS)


def said(window: MainWindow) -> list[str]:
    """The status bar's messages from now on (one may time out while the background embedding runs)."""
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    return messages


def test_marks_show_in_the_tree_toggle_by_shortcut_and_menu_and_are_kept(window: MainWindow, qtbot: Any) -> None:
    item = item_node(window, 16)
    window.library_pane.tree.setCurrentItem(item)
    window.library_pane.tree.setFocus()
    qtbot.keyClick(window.library_pane.tree, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Ctrl+1: read
    settle(window, qtbot)
    item = item_node(window, 16)
    assert item.data(0, MARK_ROLE) == "read" and item.text(0).endswith("✓ Læst") and "Læst" in item.toolTip(0)

    menu = QMenu()
    window.item_marks.add_to_menu(menu, item)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert {"Markér som læst", "Markér som forberedt", "Knyt bilag til punkt …"} <= set(texts)
    assert window.item_marks.read_action.isChecked() and not window.item_marks.prepared_action.isChecked()
    window.item_marks.prepared_action.trigger()  # the menu's "Markér som forberedt"
    settle(window, qtbot)
    assert item.data(0, MARK_ROLE) == "prepared" and item.text(0) == "16. Byggesagsgebyrer 2024   ★ Forberedt"

    window.refresh_meetings()  # listed again from the store: the mark is kept there
    settle(window, qtbot)
    assert item_node(window, 16).text(0).endswith("★ Forberedt")
    with Library(window.data_dir, reader=True) as reader:
        assert reader.item_marks(window.library_pane.meetings[0].id) == {16: "prepared"}

    window.library_pane.tree.setCurrentItem(item_node(window, 16))
    window.item_marks.toggle("prepared")  # the same mark again takes it off
    settle(window, qtbot)
    assert item_node(window, 16).data(0, MARK_ROLE) is None and item_node(window, 16).text(0) == "16. Byggesagsgebyrer 2024"


def test_a_file_dragged_onto_an_item_becomes_its_bilag_and_ctrl_z_undoes_it(window: MainWindow, qtbot: Any) -> None:
    tree = window.library_pane.tree
    loose = document_node(window, NOTAT)
    assert loose is not None and node_data(loose.parent())[0] == "meeting"  # no item lists it
    target = item_node(window, 16)
    messages = said(window)
    tree.scrollToItem(target)
    assert tree.model().supportedDragActions() == Qt.DropAction.LinkAction  # never a move: nothing leaves the tree
    mime = tree.mimeData([loose])
    at = tree.visualItemRect(target).center()
    # What a real drag sends the tree: enter, move over the item, drop (Qt delivers a drop only after an
    # accepted enter).
    for event in (QDragEnterEvent(at, Qt.DropAction.LinkAction, mime, Qt.MouseButton.LeftButton,
                                  Qt.KeyboardModifier.NoModifier),
                  QDragMoveEvent(at, Qt.DropAction.LinkAction, mime, Qt.MouseButton.LeftButton,
                                 Qt.KeyboardModifier.NoModifier),
                  QDropEvent(QPointF(at), Qt.DropAction.LinkAction, mime, Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier)):  # fmt: skip
        QApplication.sendEvent(tree.viewport(), event)
        assert event.isAccepted(), event.type()
    settle(window, qtbot)

    bilag = document_node(window, NOTAT)
    assert bilag.parent().data(0, ITEM_NUMBER_ROLE) == 16 and bilag.text(0) == f"Bilag: {NOTAT}"
    assert any("knyttet til punkt 16" in m for m in messages)
    assert tree.currentItem() is not None  # the selection and expansion survive the new listing

    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Fortryd
    settle(window, qtbot)
    assert node_data(document_node(window, NOTAT).parent())[0] == "meeting"


def test_link_by_chooser_and_unlink_from_the_menu(window: MainWindow, qtbot: Any, monkeypatch: Any) -> None:
    offered: list[list[str]] = []
    monkeypatch.setattr(window.item_marks, "choose",
                        lambda _title, _label, options: offered.append(options) or 0)  # the first option
    window.library_pane.tree.setCurrentItem(item_node(window, 3))
    window.item_marks.link_action.trigger()  # "Knyt bilag til punkt …" on item 3
    settle(window, qtbot)
    assert offered == [[NOTAT]]
    bilag = document_node(window, NOTAT)
    assert bilag.parent().data(0, ITEM_NUMBER_ROLE) == 3

    window.library_pane.tree.setCurrentItem(bilag)
    messages = said(window)
    menu = QMenu()
    window.item_marks.add_to_menu(menu, bilag)
    assert window.item_marks.unlink_action in menu.actions() and window.item_marks.unlink_action.isEnabled()
    window.item_marks.unlink_action.trigger()  # "Fjern bilag fra punktet"
    settle(window, qtbot)
    assert node_data(document_node(window, NOTAT).parent())[0] == "meeting"
    assert any("ikke længere bilag til punkt 3" in m for m in messages)
