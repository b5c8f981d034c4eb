"""The audit log, read-only: what was imported, deleted, exported, and failed unlocks."""

from __future__ import annotations

from datetime import datetime

from app.ui.qt import (
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QT_TRANSLATE_NOOP,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

EVENT_NAMES = {
    "import": QT_TRANSLATE_NOOP("AuditDialog", "Import"),
    "delete": QT_TRANSLATE_NOOP("AuditDialog", "Sletning"),
    "export": QT_TRANSLATE_NOOP("AuditDialog", "Kopieret/eksporteret"),
    "retention": QT_TRANSLATE_NOOP("AuditDialog", "Opbevaringsfrist"),
    "unlock_failed": QT_TRANSLATE_NOOP("AuditDialog", "Mislykket oplåsning"),
}


def event_name(event: str) -> str:
    """The audit event's name in the UI language (an unknown event is shown as it is stored)."""
    return QCoreApplication.translate("AuditDialog", EVENT_NAMES[event]) if event in EVENT_NAMES else event


def local_time(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%d-%m-%Y %H:%M")
    except ValueError:
        return stamp


class AuditDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Revisionslog"))
        self.resize(760, 460)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("Hændelser i denne datamappe, nyeste først. Loggen er krypteret sammen med "
                                        "møderne og forlader aldrig computeren.")))  # fmt: skip
        self.table = QTreeWidget()
        self.table.setAccessibleName(self.tr("Revisionslog"))
        self.table.setHeaderLabels([self.tr("Tidspunkt"), self.tr("Hændelse"), self.tr("Detaljer")])
        self.table.setRootIsDecorated(False)
        for at, event, detail in rows:
            QTreeWidgetItem(self.table, [local_time(at), event_name(event), detail])
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        column.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Luk"))
        column.addWidget(buttons)
