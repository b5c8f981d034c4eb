"""The library pane on the left: collections ▸ meetings ▸ agenda items ▸ bilag and recordings.

It shows the meetings the window last read from the store (`show_outlines`), says which meeting or
item is selected, deletes the selected meeting, and holds the import buttons and the import progress
box (filled by app.ui.import_controller). A meeting never opened is marked "Ny" until it is
(`mark_opened`). Opening a node is asked of the window with `document_requested` or
`recording_requested`; the window adds its own entries to the context menu via `menu_requested`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.core.display import display_name
from app.core.ingest.locations import is_sectioned
from app.ui.current_task import CurrentTask
from app.ui.formatting import count, danish_date
from app.ui.import_progress import ImportProgress
from app.ui.item_marks import LibraryTree
from app.ui.jobs import Job
from app.ui.names import without_dates
from app.ui.qt import (
    QAbstractItemView,
    QAction,
    QColor,
    QCoreApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    Qt,
    QT_TRANSLATE_NOOP,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from app.ui.scanned_marks import mark_scanned, scanned_note
from app.ui.widgets import make_button, muted_style, tone
from app.ui.window_state import collection_label
from app.ui.wrapping_delegate import WrappingDelegate

if TYPE_CHECKING:
    from app.core.library import Library, MeetingOutline
    from app.core.store.database import MeetingRow

translate = QCoreApplication.translate

NEW_MARK = QT_TRANSLATE_NOOP("LibraryPane", "  ● Ny")
NEW_TOOLTIP = QT_TRANSLATE_NOOP("LibraryPane", "Ny – ikke åbnet endnu")


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("LibraryPane", ...), in the UI language."""
    return translate("LibraryPane", text) if text else ""


def _node_kind(node: QTreeWidgetItem) -> str | None:
    data = node.data(0, Qt.ItemDataRole.UserRole)
    return data[0] if data else None


def _meeting_node(parent: QTreeWidgetItem, outline: MeetingOutline) -> QTreeWidgetItem:
    """A meeting with its agenda items and their bilag; a meeting never opened is marked "Ny"."""
    meeting = outline.meeting
    main_document = outline.items[0].document if outline.items else meeting.documents[0]
    details = [danish_date(meeting.date), count(len(meeting.documents), translate("LibraryPane", "dokument"),
                                                translate("LibraryPane", "dokumenter"))]  # fmt: skip
    if meeting.item_count:
        details.append(count(meeting.item_count, translate("LibraryPane", "punkt"), translate("LibraryPane", "punkter")))
    new = "" if meeting.opened else _tr(NEW_MARK)
    node = QTreeWidgetItem(parent, [f"{without_dates(display_name(meeting.title))}{new}\n{' · '.join(d for d in details if d)}"])
    node.setData(0, Qt.ItemDataRole.UserRole, ("meeting", meeting.id, main_document))
    documents = [f"{display_name(name)}\n  {scanned_note(outline.ocr[name])}" if name in outline.ocr else display_name(name)
                 for name in meeting.documents]  # fmt: skip
    node.setToolTip(0, "\n".join(documents) + ("" if meeting.opened else f"\n{_tr(NEW_TOOLTIP)}"))
    if not meeting.opened:
        font = node.font(0)
        font.setBold(True)
        node.setFont(0, font)
    closed_mark = translate("LibraryPane", " (lukket punkt)")
    closed_note = "\n" + translate("LibraryPane", "Fortroligt – lukket punkt")
    for item in outline.items:
        marked = item.closed and not item.title.casefold().startswith("lukket")  # the title may say so itself
        child = QTreeWidgetItem(node, [f"{item.number}. {item.title}" + (closed_mark if marked else "")])
        child.setData(0, Qt.ItemDataRole.UserRole, ("item", meeting.id, item.document, item.start_page, item.closed))
        where = (translate("LibraryPane", "{document}, afsnit {page}") if is_sectioned(item.document)  # web page, e-mail
                 else translate("LibraryPane", "{document}, s. {page}")).format(document=display_name(item.document), page=item.start_page)
        child.setToolTip(0, f"{item.title}\n{where}" + (closed_note if item.closed else ""))
        if item.closed:
            child.setForeground(0, QColor(tone("danger")))
        for name in outline.bilag.get(item.number, []):
            bilag = QTreeWidgetItem(child, [translate("LibraryPane", "Bilag: {name}").format(name=display_name(name))])
            bilag.setData(0, Qt.ItemDataRole.UserRole, ("document", meeting.id, name))
            mark_scanned(bilag, outline.ocr.get(name))
    transcripts = {r.name for r in outline.recordings}
    for recording in outline.recordings:
        node_text = translate("LibraryPane", "Optagelse: {name}").format(name=display_name(recording.name))
        if not recording.complete:
            node_text += translate("LibraryPane", " (ikke færdig)")
        child = QTreeWidgetItem(node, [node_text])
        child.setData(0, Qt.ItemDataRole.UserRole, ("recording", meeting.id, recording.id))
    linked = ({name for names in outline.bilag.values() for name in names} | {i.document for i in outline.items}
              | transcripts)  # fmt: skip
    for name in meeting.documents:
        if name not in linked and (outline.items or name != main_document):
            loose = QTreeWidgetItem(node, [translate("LibraryPane", "Dokument: {name}").format(name=display_name(name))])
            loose.setData(0, Qt.ItemDataRole.UserRole, ("document", meeting.id, name))
            mark_scanned(loose, outline.ocr.get(name))
    return node


class LibraryPane(QWidget):
    document_requested = Signal(int, str, int)  # meeting id, file name, page
    recording_requested = Signal(int)  # recording id
    selection_changed = Signal()
    menu_requested = Signal(QMenu)  # a node's context menu, before it opens: the window adds its entries
    import_files_requested = Signal()
    import_folder_requested = Signal()
    cancel_requested = Signal()
    meeting_deleted = Signal()

    def __init__(self, library: Callable[[], Library], task: CurrentTask, delete_action: QAction,
                 show_error: Callable[[str], None], show_status: Callable[[str, int], None],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._library = library
        self._task = task
        self._delete_action = delete_action
        self._show_error = show_error
        self._show_status = show_status
        self.meetings: list[MeetingRow] = []
        self.outlines: list[MeetingOutline] = []
        self.meetings_loaded = False
        self._select_next: int | None = None  # the meeting to select when the outlines come
        # Each meeting node as it is built (app.ui.item_marks puts the items' marks on it).
        self.decorate: Callable[[QTreeWidgetItem, MeetingOutline], None] = lambda _node, _outline: None
        self._build()

    def _build(self) -> None:
        self.setMinimumWidth(240)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 6, 0)
        heading = QLabel(self.tr("<b>Bibliotek</b>"))
        column.addWidget(heading)

        self.tree = LibraryTree()  # a document dragged onto an item becomes its bilag (app.ui.item_marks)
        self.tree.setAccessibleName(self.tr("Bibliotek: samlinger, møder, punkter og bilag"))
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))  # long titles wrap, never cut
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._meeting_menu)
        self.tree.itemSelectionChanged.connect(self.selection_changed)
        self.tree.itemActivated.connect(lambda node, _column: self.open_node(node))
        self.tree.itemClicked.connect(lambda node, _column: self.open_node(node))
        self.tree.addAction(self._delete_action)
        heading.setBuddy(self.tree)
        column.addWidget(self.tree, 1)

        self.empty_hint = QLabel(self.tr("Ingen møder endnu."))
        self.empty_hint.setStyleSheet(muted_style())
        column.addWidget(self.empty_hint)

        buttons = QHBoxLayout()
        self.import_files_button = make_button(self.tr("Importér filer …"), self.tr("Importér filer"),
                                               self.import_files_requested,
                                               self.tr("Vælg PDF- eller Word-filer til én mødepakke (Ctrl+O)"))
        self.import_folder_button = make_button(self.tr("Importér mappe …"), self.tr("Importér mappe"),
                                                self.import_folder_requested,
                                                self.tr("Vælg en mappe med en mødepakke (Ctrl+Shift+O)"))
        buttons.addWidget(self.import_files_button)
        buttons.addWidget(self.import_folder_button)
        column.addLayout(buttons)
        self.delete_button = make_button(self.tr("Slet møde …"), self.tr("Slet valgt møde"),
                                         lambda: self.delete_selected())
        column.addWidget(self.delete_button)
        drop_hint = QLabel(self.tr("Du kan også trække filer eller en mappe ind i vinduet."))
        drop_hint.setWordWrap(True)
        drop_hint.setStyleSheet(muted_style("font-size:small"))
        column.addWidget(drop_hint)
        column.addWidget(self._build_progress_box())

    def _build_progress_box(self) -> QFrame:
        self.progress_box = ImportProgress()  # the import runs beside reading (app.ui.jobs.submit_import)
        self.progress_box.cancel_requested.connect(self.cancel_requested)
        self.progress_label, self.progress_bar = self.progress_box.label, self.progress_box.bar
        self.cancel_button = self.progress_box.cancel_button
        return self.progress_box

    # --- import progress (app.ui.import_controller fills it) ------------------------------

    def start_progress(self, text: str) -> None:
        self.progress_box.start(text)

    def show_progress(self, fraction: float, message: str) -> None:
        self.progress_box.step(fraction, message)

    def show_cancelling(self) -> None:
        self.progress_box.cancelling()

    # --- what is shown and selected -------------------------------------------------------

    def set_enabled_for(self, busy: bool, importing: bool = False) -> None:
        """Import waits for the running import only (reading goes on beside it); delete waits for all
        work and needs a selected meeting."""
        self.import_files_button.setEnabled(not importing)
        self.import_folder_button.setEnabled(not importing)
        self.delete_button.setEnabled(not busy and not importing and self.selected_meeting() is not None)

    def show_outlines(self, outlines: list[MeetingOutline], shown: Callable[[MeetingOutline], MeetingOutline]) -> None:
        """The meetings by collection; `shown` is what of an outline may be shown (presentation mode).
        The selection stays on the same meeting, or moves to the one just imported."""
        previous = self.selected_meeting()
        wanted = self._select_next if self._select_next is not None else (previous.id if previous else None)
        self._select_next = None
        self.meetings = [outline.meeting for outline in outlines]
        self.outlines = outlines
        self.tree.blockSignals(True)
        self.tree.clear()
        collections: dict[str, QTreeWidgetItem] = {}
        for outline in outlines:
            name = outline.meeting.collection
            if name not in collections:
                collections[name] = QTreeWidgetItem(self.tree, [collection_label(name)])
                collections[name].setData(0, Qt.ItemDataRole.UserRole, ("collection", name))
                collections[name].setExpanded(True)
            visible = shown(outline)
            node = _meeting_node(collections[name], visible)
            self.decorate(node, visible)
            if outline.meeting.id == wanted:
                self.tree.setCurrentItem(node)
                node.setExpanded(True)
        self.tree.blockSignals(False)
        self.meetings_loaded = True
        self.empty_hint.setVisible(not outlines)

    def select_when_listed(self, meeting_id: int) -> None:
        """Select this meeting (one just imported) when the meetings are shown next."""
        self._select_next = meeting_id

    def meeting(self, meeting_id: int) -> MeetingRow | None:
        return next((m for m in self.meetings if m.id == meeting_id), None)

    def selected_meeting(self) -> MeetingRow | None:
        nodes = self.tree.selectedItems()
        node = nodes[0] if nodes else None
        while node is not None and _node_kind(node) not in ("meeting", None):
            node = node.parent()
        if node is None or _node_kind(node) != "meeting":
            return None
        return self.meeting(node.data(0, Qt.ItemDataRole.UserRole)[1])

    def selected_item(self) -> tuple[int, int] | None:
        """(meeting id, item number) of the selected agenda item node, or None."""
        nodes = self.tree.selectedItems()
        data = nodes[0].data(0, Qt.ItemDataRole.UserRole) if nodes else None
        if not data or data[0] != "item":
            return None
        number = int(nodes[0].text(0).split(".", 1)[0])
        return data[1], number

    def meeting_nodes(self) -> list[QTreeWidgetItem]:
        """The library's meeting nodes, in the order shown."""
        return [self.tree.topLevelItem(i).child(j) for i in range(self.tree.topLevelItemCount())
                for j in range(self.tree.topLevelItem(i).childCount())]  # fmt: skip

    def mark_opened(self, meeting_id: int) -> None:
        """The meeting is no longer new: drop its "Ny" mark."""
        for node in self.meeting_nodes():
            if node.data(0, Qt.ItemDataRole.UserRole)[1] == meeting_id and node.font(0).bold():
                node.setText(0, node.text(0).replace(_tr(NEW_MARK), ""))
                node.setFont(0, self.tree.font())
                node.setToolTip(0, node.toolTip(0).replace(f"\n{_tr(NEW_TOOLTIP)}", ""))

    def open_node(self, node: QTreeWidgetItem) -> None:
        """Open what a library node stands for: a meeting's first page, an item's first page, a bilag file
        or a recording."""
        data = node.data(0, Qt.ItemDataRole.UserRole)
        if not data or data[0] == "collection":
            return
        if data[0] == "meeting":
            _kind, meeting_id, file_name = data
            self.document_requested.emit(meeting_id, file_name, 1)
        elif data[0] == "item":
            _kind, meeting_id, file_name, page, _closed = data
            self.document_requested.emit(meeting_id, file_name, page)
        elif data[0] == "document":
            _kind, meeting_id, file_name = data
            self.document_requested.emit(meeting_id, file_name, 1)
        elif data[0] == "recording":
            self.recording_requested.emit(data[2])

    def _meeting_menu(self, position: Any) -> None:
        node = self.tree.itemAt(position)
        if node is None or _node_kind(node) == "collection":
            return
        self.tree.setCurrentItem(node)
        menu = QMenu(self)
        menu.addAction(self._delete_action)
        self.menu_requested.emit(menu)
        menu.exec(self.tree.viewport().mapToGlobal(position))

    # --- deleting a meeting ---------------------------------------------------------------

    def confirm_delete(self, meeting: MeetingRow) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Slet møde"))
        box.setText(self.tr("Vil du slette »{title}« fra Mødemappe?").format(title=meeting.title))
        box.setInformativeText(
            self.tr("Mødet og alt, der er læst ind fra det, fjernes. Dine originale filer røres ikke."))
        delete = box.addButton(self.tr("Slet"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Fortryd"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is delete

    def delete_selected(self, confirm: bool = True) -> None:
        meeting = self.selected_meeting()
        if meeting is None or self._task.jobs.busy:
            return
        if confirm and not self.confirm_delete(meeting):
            return

        def deleted(_result: None) -> None:
            self._show_status(self.tr("Slettet: {title}").format(title=meeting.title), 8_000)
            self.meeting_deleted.emit()

        self._task.run(Job(lambda _ctx: self._library().delete(meeting.id), on_done=deleted,
                           on_error=self._show_error))  # fmt: skip
