"""Choosing the passphrase on first start: what forgetting it means, how strong it is, both fields alike."""

from __future__ import annotations

from typing import Any

import pytest

from app.ui.passphrase_dialog import PassphraseDialog, strength
from app.ui.qt import QDialogButtonBox, QLabel, Qt


@pytest.mark.parametrize(("passphrase", "level"), [
    ("kort", 0), ("abcdefgh", 1), ("Abcdefgh12", 2), ("rød bil kører hurtigt", 3), ("Byråd-2026!x", 3)])
def test_strength(passphrase: str, level: int) -> None:
    assert strength(passphrase) == level


def test_the_dialog_says_what_a_forgotten_passphrase_means_and_checks_both_fields(qtbot: Any) -> None:
    dialog = PassphraseDialog()
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Glemmer du adgangskoden, kan materialet ikke læses igen" in text
    assert "gendannelsesnøgle" in text
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()

    qtbot.keyClicks(dialog.first, "kort")
    assert "For kort" in dialog.hint.text() and not ok.isEnabled()
    dialog.first.clear()
    qtbot.keyClicks(dialog.first, "rød bil kører hurtigt")
    qtbot.keyClicks(dialog.again, "rød bil kører")
    assert dialog.hint.text() == "Adgangskoderne er ikke ens" and not ok.isEnabled()
    qtbot.keyClicks(dialog.again, " hurtigt")
    assert dialog.hint.text() == "Styrke: Stærk" and ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert dialog.passphrase() == "rød bil kører hurtigt"
