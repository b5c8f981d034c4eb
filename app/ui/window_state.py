"""What the window shows, kept across a language switch (which builds a new window in the new language).

A politician who switches language mid-evening must find the same place: the document and page in the
reader, the answer or briefing, the search with its results, the library tree as it was opened and
selected, the pane widths, and presentation mode (a switch must never show closed items on a shared
screen). `capture` reads it from the old window; `restore` puts it into the new one once the new
window has listed the meetings (its tree and reading page exist only then). Texts are rebuilt in the
new language, not copied: the answer and briefing are shown again from their data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.ui.qt import QCoreApplication, Qt, QT_TRANSLATE_NOOP, QTreeWidget, QTreeWidgetItem

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

# The collections the app names itself; a user's own collection keeps its own name.
COLLECTION_NAMES = {
    "Møder": QT_TRANSLATE_NOOP("Collections", "Møder"),
    "Håndbog": QT_TRANSLATE_NOOP("Collections", "Håndbog"),
}


def collection_label(name: str) -> str:
    """A collection's name in the UI language ("Møder" is "Meetings" in English)."""
    text = COLLECTION_NAMES.get(name)
    return QCoreApplication.translate("Collections", text) if text else name


@dataclass
class WindowState:
    panes: list[int]
    presenting: bool
    reader: tuple[int, str, int] | None = None  # meeting id, file name, page
    tab: str = "reader"  # reader, search, notes, recordings, full (the full-size briefing or answer)
    question: str = ""
    answer: Any = None
    briefing: Any = None
    search: str = ""
    expanded: set[tuple[Any, ...]] = field(default_factory=set)
    selected: tuple[Any, ...] | None = None


def _key(node: QTreeWidgetItem) -> tuple[Any, ...] | None:
    data = node.data(0, Qt.ItemDataRole.UserRole)
    return tuple(data) if data else None


def _nodes(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    found: list[QTreeWidgetItem] = []
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(node.child(i) for i in range(node.childCount()))
    return found


def tree_state(tree: QTreeWidget) -> tuple[set[tuple[Any, ...]], tuple[Any, ...] | None]:
    """The library tree's expanded nodes and its selected node, by what they stand for."""
    expanded = {key for node in _nodes(tree) if node.isExpanded() and (key := _key(node))}
    current = tree.currentItem()
    return expanded, _key(current) if current is not None else None


def apply_tree(tree: QTreeWidget, expanded: set[tuple[Any, ...]], selected: tuple[Any, ...] | None) -> None:
    """The tree opened and selected as tree_state() found it (nodes that are gone are left out)."""
    for node in _nodes(tree):
        key = _key(node)
        node.setExpanded(key in expanded)
        if key is not None and key == selected:
            tree.setCurrentItem(node)


def capture(window: MainWindow) -> WindowState:
    state = WindowState(panes=window.splitter.sizes(), presenting=window.presenting)
    state.expanded, state.selected = tree_state(window.library_pane.tree)
    state.question = window.assistant.question_edit.text()
    state.answer = window.assistant_controller.last_answer
    page = getattr(window, "reading_page", None)
    if page is None:  # the reading page was never built (no paint yet)
        return state
    state.briefing = window.full_size.last_briefing
    document = page.reader.document
    if document is not None:
        state.reader = (document.meeting_id, document.file_name, page.reader.current_page())
    state.search = page.search_panel.query_edit.text()
    tabs = {page.reader: "reader", page.search_panel: "search", page.notes_pane: "notes",
            page.recording_view: "recordings", window.full_size.view: "full"}  # fmt: skip
    state.tab = tabs.get(page.currentWidget(), "reader")
    return state


def prepare(window: MainWindow, state: WindowState) -> None:
    """Before the new window lists anything: pane widths, and presentation mode (so that its first tree
    already hides closed items)."""
    window.splitter.setSizes(state.panes)
    window.presentation_action.blockSignals(True)
    window.presentation_action.setChecked(state.presenting)
    window.presentation_action.blockSignals(False)
    window.presentation_banner.set_on(state.presenting)
    window.pending_state = state


def restore(window: MainWindow, state: WindowState) -> None:
    """After the new window's first list of meetings: the tree, the views and the answer."""
    from app.ui.jobs import Job

    if state.presenting:
        window.set_presentation_mode(True)  # the views get the flag (the tree was built hidden already)
    apply_tree(window.library_pane.tree, state.expanded, state.selected)
    window.assistant.question_edit.setText(state.question)
    _restore_answer(window, state)
    page = window.reading_page
    if state.reader is not None:
        page.open_in_reader(*state.reader)
    if state.search:
        page.search_panel.query_edit.setText(state.search)
        page.search_panel.run_search()
    # Jobs run in order: the tab is chosen after the document and the search have come back.
    window.task.run(Job(lambda _ctx: None, on_done=lambda _r: _show_tab(window, state.tab),
                        on_error=window.show_error))  # fmt: skip


def _restore_answer(window: MainWindow, state: WindowState) -> None:
    from app.ui.presentation import quotes_closed

    answer = state.answer
    if answer is None or (state.presenting and quotes_closed(answer)):
        return
    if answer.mode == "briefing" and state.briefing is not None:
        window.briefings._briefed(state.briefing, fresh=state.tab == "full")  # shown again in the new language
        return
    from app.ui.assistant_controller import sources_html

    window.assistant_controller.last_answer = answer
    window.assistant.show_answer(answer, sources_html(answer.citations))
    window.assistant_controller.answer_changed.emit()


def _show_tab(window: MainWindow, tab: str) -> None:
    page = window.reading_page
    if tab == "full" and window.assistant_controller.last_answer is not None:
        window.full_size.show()
        return
    widget = {"search": page.search_panel, "notes": page.notes_pane,
              "recordings": page.recording_view}.get(tab, page.reader)  # fmt: skip
    if page.indexOf(widget) >= 0:
        page.setCurrentWidget(widget)
