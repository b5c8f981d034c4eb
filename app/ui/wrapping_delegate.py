"""Tree rows that wrap long text to the view's width (agenda item titles are often two lines long).

QTreeView's own word wrap measures a row before it knows the column's width, so long titles end up
cut off with "…". This delegate measures each row at the width the row really gets (the column less
the indentation of its depth) and asks the view to lay the rows out again when its width changes.
"""

from __future__ import annotations

from app.ui.qt import (
    QEvent,
    QFontMetrics,
    QModelIndex,
    QObject,
    QRect,
    QSize,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTreeWidget,
)

_PADDING = 4


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree
        tree.setWordWrap(True)
        tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        tree.setUniformRowHeights(False)
        self._width: int | None = None  # the viewport's width the rows were measured at (see _watch)

    def _watch(self) -> None:
        """Watch the viewport's width from the first row measured on: before it there is nothing to lay
        out again, and the library tree is built before the window's first paint, where PySide6's first
        wrap of the viewport would load every QtWidgets type (~9 ms)."""
        if self._width is None:
            self.tree.viewport().installEventFilter(self)
            self._width = self.tree.viewport().width()

    def _depth(self, index: QModelIndex) -> int:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        return depth

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt's name
        self._watch()
        size = super().sizeHint(option, index)
        indent = self.tree.indentation() * (self._depth(index) + (1 if self.tree.rootIsDecorated() else 0))
        width = max(60, self.tree.viewport().width() - indent - 2 * _PADDING)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        needed = QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(width, max(size.height(), needed.height() + _PADDING))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and self.tree.viewport().width() != self._width:
            self._width = self.tree.viewport().width()
            self.tree.doItemsLayout()  # rows measured at the old width: measure again
        return False
