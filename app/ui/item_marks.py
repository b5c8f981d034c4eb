"""Read/prepared marks on agenda items and bilag linked by hand, in the library tree (issue 20).

The core keeps both (app.core.store.item_marks; the data directory is the user's own, so the marks are per
user). This module shows a mark next to the item in the tree, offers the actions — in the tree's
context menu and as shortcuts (Ctrl+1 read, Ctrl+2 prepared, Ctrl+Z undoes the last link) — and links
a document to an item by hand: drag its node onto the item, or "Knyt bilag til punkt …" with a chooser.
After a link the tree is listed again with its expansion and selection kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.core.display import display_name
from app.ui.jobs import Job
from app.ui.qt import (
    QAbstractItemView,
    QAction,
    QByteArray,
    QCoreApplication,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QInputDialog,
    QKeySequence,
    QMenu,
    QMimeData,
    QObject,
    Qt,
    QT_TRANSLATE_NOOP,
    QTreeWidget,
    QTreeWidgetItem,
    Signal,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.core.library import Library, MeetingOutline
    from app.ui.library_pane import LibraryPane

ITEM_NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
MARK_ROLE = Qt.ItemDataRole.UserRole + 2
DOCUMENT_MIME = "application/x-moedemappe-document"
MARK_TEXTS = {
    "read": QT_TRANSLATE_NOOP("ItemMarks", "✓ Læst"),
    "prepared": QT_TRANSLATE_NOOP("ItemMarks", "★ Forberedt"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ItemMarks", text)


def node_data(node: QTreeWidgetItem | None) -> tuple[Any, ...]:
    data = node.data(0, Qt.ItemDataRole.UserRole) if node is not None else None
    return tuple(data) if data else ()


class LibraryTree(QTreeWidget):
    """The library tree. A document node can be dragged onto an agenda item of its own meeting: that
    links it to the item as a bilag (document_dropped); nothing in the tree moves by itself."""

    document_dropped = Signal(int, str, int)  # meeting id, file name, item number

    def __init__(self) -> None:
        super().__init__()
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.LinkAction)
        self.setDropIndicatorShown(True)

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        # Never a move: after a drag that ends in a move, Qt removes the dragged node from the tree.
        return Qt.DropAction.LinkAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [DOCUMENT_MIME]

    def mimeData(self, items: Any) -> QMimeData:  # noqa: N802 - Qt override
        mime = QMimeData()
        documents = [node_data(node) for node in items if node_data(node)[:1] == ("document",)]
        if documents:
            _kind, meeting_id, name = documents[0]
            mime.setData(DOCUMENT_MIME, QByteArray(f"{meeting_id}\t{name}".encode("utf-8")))
        return mime  # empty for anything else: no drag worth accepting

    def drop_target(self, event: QDropEvent) -> tuple[int, str, int] | None:
        """(meeting id, file, item number) when the event carries a document over an item of its meeting."""
        if not event.mimeData().hasFormat(DOCUMENT_MIME):
            return None
        meeting, _tab, name = bytes(event.mimeData().data(DOCUMENT_MIME).data()).decode("utf-8").partition("\t")
        target = self.itemAt(event.position().toPoint())
        data = node_data(target)
        number = target.data(0, ITEM_NUMBER_ROLE) if target is not None else None
        if data[:1] != ("item",) or data[1] != int(meeting) or number is None:
            return None
        return int(meeting), name, int(number)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasFormat(DOCUMENT_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()  # files from outside: the window imports them

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        if self.drop_target(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        target = self.drop_target(event)
        if target is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.LinkAction)
        event.accept()
        self.document_dropped.emit(*target)


class ItemMarks(QObject):
    """The marks and hand links in the library pane's tree. `show_outline` lists fresh outlines the way
    the window does (tree, search filters, suggestions)."""

    def __init__(self, pane: LibraryPane, library: Callable[[], Library], run: Callable[[Job[Any]], None],
                 show_error: Callable[[str], None], show_status: Callable[[str, int], None],
                 presenting: Callable[[], bool], show_outline: Callable[[list[Any]], None],
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.pane = pane
        self._library, self._run, self._show_error, self._show_status = library, run, show_error, show_status
        self._presenting, self._show_outline = presenting, show_outline
        self.tree: LibraryTree = pane.tree
        pane.decorate = self.decorate
        self.last_link: tuple[int, str, int | None] | None = None  # what Fortryd puts back: file, its item before
        self.read_action = self._action(self.tr("Markér som læst"), "Ctrl+1", lambda: self.toggle("read"), True)
        self.prepared_action = self._action(self.tr("Markér som forberedt"), "Ctrl+2", lambda: self.toggle("prepared"),
                                            True)  # fmt: skip
        self.link_action = self._action(self.tr("Knyt bilag til punkt …"), "", self.choose_and_link)
        self.unlink_action = self._action(self.tr("Fjern bilag fra punktet"), "", self.unlink_current)
        self.undo_action = self._action(self.tr("Fortryd tilknytning"), "Ctrl+Z", self.undo)
        self.undo_action.setEnabled(False)
        self.tree.document_dropped.connect(self.link)

    def _action(self, text: str, key: str, slot: Any, checkable: bool = False) -> QAction:
        action = QAction(text, self.tree)
        action.setCheckable(checkable)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.tree.addAction(action)
        return action

    # --- the tree ----------------------------------------------------------------------------

    def decorate(self, meeting_node: QTreeWidgetItem, outline: MeetingOutline) -> None:
        """Each item node gets its number and its mark (the outline as shown: presentation mode leaves
        closed items out of both, in the same order)."""
        items = [meeting_node.child(i) for i in range(meeting_node.childCount())
                 if node_data(meeting_node.child(i))[:1] == ("item",)]  # fmt: skip
        for node, item in zip(items, outline.items):
            node.setData(0, ITEM_NUMBER_ROLE, item.number)
            node.setData(0, Qt.ItemDataRole.UserRole + 3, node.text(0))  # the text without a mark
            self._show_mark(node, outline.marks.get(item.number))

    def _show_mark(self, node: QTreeWidgetItem, mark: str | None) -> None:
        plain = node.data(0, Qt.ItemDataRole.UserRole + 3) or node.text(0)
        node.setData(0, MARK_ROLE, mark)
        node.setText(0, f"{plain}   {_tr(MARK_TEXTS[mark])}" if mark else plain)
        tip = node.toolTip(0).split("\n\u200b")[0]  # the mark's line (after a zero-width marker) is replaced
        node.setToolTip(0, tip + (f"\n\u200b{_tr(MARK_TEXTS[mark])}" if mark else ""))
        node.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, _tr(MARK_TEXTS[mark]) if mark else "")

    def add_to_menu(self, menu: QMenu, node: QTreeWidgetItem) -> None:
        """The node's mark and link actions in the tree's context menu."""
        data = node_data(node)
        if data[:1] == ("item",):
            mark = node.data(0, MARK_ROLE)
            self.read_action.setChecked(mark == "read")
            self.prepared_action.setChecked(mark == "prepared")
            menu.addSeparator()
            menu.addActions([self.read_action, self.prepared_action, self.link_action])
        elif data[:1] == ("document",):
            menu.addSeparator()
            menu.addAction(self.link_action)
            self.unlink_action.setEnabled(node_data(node.parent())[:1] == ("item",))
            menu.addAction(self.unlink_action)
        if self.undo_action.isEnabled():
            menu.addAction(self.undo_action)

    # --- marks -------------------------------------------------------------------------------

    def toggle(self, mark: str) -> None:
        """Mark the selected item; the same mark again takes it off."""
        node = self.tree.currentItem()
        number = node.data(0, ITEM_NUMBER_ROLE) if node is not None else None
        if number is None:
            return
        meeting_id = node_data(node)[1]
        new = None if node.data(0, MARK_ROLE) == mark else mark

        def done(_result: None) -> None:
            self._show_mark(node, new)
            outline = next((o for o in self.pane.outlines if o.meeting.id == meeting_id), None)
            if outline is not None:  # a later re-listing (presentation mode, a language switch) keeps it
                outline.marks.pop(number, None)
                if new:
                    outline.marks[number] = new

        self._run(Job(lambda _ctx: self._library().set_item_mark(meeting_id, number, new),
                             on_done=done, on_error=self._show_error))  # fmt: skip

    # --- links ---------------------------------------------------------------------------------

    def choose(self, title: str, label: str, options: list[str]) -> int | None:
        """The chooser: the index of the chosen option, None when cancelled."""
        choice, ok = QInputDialog.getItem(self.pane, title, label, options, 0, False)
        return options.index(choice) if ok and choice in options else None

    def choose_and_link(self) -> None:
        """On an item: choose one of the meeting's files to link to it. On a document: choose the item."""
        node = self.tree.currentItem()
        data = node_data(node)
        if data[:1] == ("item",):
            meeting_id, number = data[1], node.data(0, ITEM_NUMBER_ROLE)

            def chosen(files: list[Any]) -> None:
                options = [self._file_option(f) for f in files if f.item != number]
                names = [f.document for f in files if f.item != number]
                if not names:
                    self._show_status(self.tr("Mødet har ingen andre filer at knytte til punktet."),
                                                        8_000)  # fmt: skip
                    return
                index = self.choose(self.tr("Knyt bilag til punkt"),
                                    self.tr("Hvilken fil er bilag til punkt {number}?").format(number=number), options)
                if index is not None:
                    self.link(meeting_id, names[index], number)

            self._run(Job(lambda _ctx: self._library().bilag_files(meeting_id), on_done=chosen,
                                 on_error=self._show_error))  # fmt: skip
        elif data[:1] == ("document",):
            meeting_id, name = data[1], data[2]
            outline = next((o for o in self.pane.outlines if o.meeting.id == meeting_id), None)
            items = list(outline.items) if outline is not None else []
            if self._presenting():
                items = [item for item in items if not item.closed]
            index = self.choose(self.tr("Knyt bilag til punkt"),
                                self.tr("Hvilket punkt hører {name} til?").format(name=display_name(name)),
                                [f"{item.number}. {item.title}" for item in items])  # fmt: skip
            if index is not None:
                self.link(meeting_id, name, items[index].number)

    def _file_option(self, file: Any) -> str:
        name = display_name(file.document)
        if file.item is None:
            return name
        return self.tr("{name} (nu bilag til punkt {number})").format(name=name, number=file.item)

    def link(self, meeting_id: int, name: str, number: int) -> None:
        library = self._library()

        def work(_ctx: Any) -> int | None:
            before = library.attachment_item(meeting_id, name)
            library.link_attachment(meeting_id, number, name)
            return before

        def done(before: int | None) -> None:
            self.remember(meeting_id, name, before)
            self._show_status(
                self.tr("{name} er knyttet til punkt {number}. Fortryd med Ctrl+Z.").format(
                    name=display_name(name), number=number), 10_000)  # fmt: skip
            self.relist()

        self._run(Job(work, on_done=done, on_error=self._show_error))

    def unlink_current(self) -> None:
        data = node_data(self.tree.currentItem())
        if data[:1] == ("document",):
            self.unlink(data[1], data[2])

    def unlink(self, meeting_id: int, name: str) -> None:
        def done(before: int) -> None:
            self.remember(meeting_id, name, before)
            self._show_status(
                self.tr("{name} er ikke længere bilag til punkt {number}. Fortryd med Ctrl+Z.").format(
                    name=display_name(name), number=before), 10_000)  # fmt: skip
            self.relist()

        self._run(Job(lambda _ctx: self._library().unlink_attachment(meeting_id, name), on_done=done,
                             on_error=self._show_error))  # fmt: skip

    def remember(self, meeting_id: int, name: str, before: int | None) -> None:
        self.last_link = (meeting_id, name, before)
        self.undo_action.setEnabled(True)

    def undo(self) -> None:
        """Put the last linked or unlinked file back where it was."""
        if self.last_link is None:
            return
        meeting_id, name, before = self.last_link
        self.last_link = None
        self.undo_action.setEnabled(False)
        if before is None:
            self.unlink(meeting_id, name)
        else:
            self.link(meeting_id, name, before)

    def relist(self) -> None:
        """The tree again from the store (a file moved to another item), with what was open and selected."""
        from app.ui.window_state import apply_tree, tree_state

        def shown(outlines: list[Any]) -> None:
            kept = tree_state(self.tree)
            self._show_outline(outlines)
            apply_tree(self.tree, *kept)

        self._run(Job(lambda _ctx: self._library().outline(), on_done=shown, on_error=self._show_error))
