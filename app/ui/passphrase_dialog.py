"""The first start without a keychain: choose the passphrase that wraps the data key.

Said plainly, before it is too late: a forgotten passphrase cannot be recovered by the app — only a
recovery key that IT exported and keeps can restore access. A strength hint guides the choice; a
passphrase shorter than MIN_LENGTH is not accepted.
"""

from __future__ import annotations

from app.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from app.ui.widgets import tone

MIN_LENGTH = 8


def strength(passphrase: str) -> int:
    """0 too short, 1 weak, 2 fair, 3 strong: length counts most, then the kinds of characters."""
    if len(passphrase) < MIN_LENGTH:
        return 0
    kinds = sum(any(test(char) for char in passphrase)
                for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum()))  # fmt: skip
    words = len(passphrase.split())
    if len(passphrase) >= 16 or words >= 4 or (len(passphrase) >= 12 and kinds >= 3):
        return 3
    return 2 if len(passphrase) >= 10 or kinds >= 3 else 1


class PassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vælg adgangskode"))
        self.setMinimumWidth(480)
        intro = QLabel(self.tr(
            "Mødemappe krypterer dine mødepapirer på denne computer. Vælg en adgangskode til dem – "
            "gerne en sætning på fire eller flere ord."))
        intro.setWordWrap(True)
        warning = QLabel(self.tr(
            "<b>Glemmer du adgangskoden, kan materialet ikke læses igen.</b> Programmet kan ikke nulstille den. "
            "Bed IT om at gemme en gendannelsesnøgle til datamappen, så de kan give dig adgang igen."))
        warning.setWordWrap(True)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(self.tr("Adgangskode"))
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName(self.tr("Gentag adgangskoden"))
        self.hint = QLabel()
        self.hint.setAccessibleName(self.tr("Adgangskodens styrke"))
        form = QFormLayout()
        form.addRow(self.tr("&Adgangskode:"), self.first)
        form.addRow(self.tr("&Gentag:"), self.again)
        form.addRow("", self.hint)
        for label, field in ((form.labelForField(self.first), self.first), (form.labelForField(self.again), self.again)):
            label.setBuddy(field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Brug adgangskoden"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annullér"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        for widget in (intro, warning):
            column.addWidget(widget)
        column.addLayout(form)
        column.addWidget(self.buttons)
        self.first.textChanged.connect(self._update)
        self.again.textChanged.connect(self._update)
        self._update()

    def passphrase(self) -> str:
        return self.first.text()

    def _update(self) -> None:
        first, again = self.first.text(), self.again.text()
        level = strength(first)
        words = [self.tr("For kort – mindst {n} tegn").format(n=MIN_LENGTH), self.tr("Svag"), self.tr("Middel"),
                 self.tr("Stærk")]  # fmt: skip
        hint = self.tr("Styrke: {level}").format(level=words[level]) if first else ""
        if level and again and again != first:
            hint = self.tr("Adgangskoderne er ikke ens")
        self.hint.setText(hint)
        self.hint.setStyleSheet(f"color:{tone('ok') if level >= 2 and first == again else tone('danger')}")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(level > 0 and first == again)
