"""The audit log, read-only: what was imported, deleted, exported, and failed unlocks."""

from __future__ import annotations

from datetime import datetime

from app.ui.qt import QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

EVENT_NAMES = {
    "import": "Import", "delete": "Sletning", "export": "Kopieret/eksporteret", "retention": "Opbevaringsfrist",
    "unlock_failed": "Mislykket oplåsning",
}  # fmt: skip


def local_time(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%d-%m-%Y %H:%M")
    except ValueError:
        return stamp


class AuditDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Revisionslog")
        self.resize(760, 460)
        column = QVBoxLayout(self)
        column.addWidget(QLabel("Hændelser i denne datamappe, nyeste først. Loggen er krypteret sammen med "
                                "møderne og forlader aldrig computeren."))  # fmt: skip
        self.table = QTreeWidget()
        self.table.setAccessibleName("Revisionslog")
        self.table.setHeaderLabels(["Tidspunkt", "Hændelse", "Detaljer"])
        self.table.setRootIsDecorated(False)
        for at, event, detail in rows:
            QTreeWidgetItem(self.table, [local_time(at), EVENT_NAMES.get(event, event), detail])
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        column.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Luk")
        column.addWidget(buttons)
