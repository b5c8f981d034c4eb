"""Hjælp ▸ Vejledning: the built-in guide opens offline, in the UI language, and covers the basics."""

from __future__ import annotations

from typing import Any

import pytest

from app.ui.help_dialog import HelpDialog


@pytest.mark.parametrize(("lang", "words"), [
    ("da", ["Importér", "kildehenvisning", "Lås", "Præsentationstilstand", "aldrig råd om, hvordan du skal stemme"]),
    ("en", ["Import", "citation", "Lock", "Presentation mode", "never advises you how to vote"]),
])
def test_the_guide_covers_import_citations_lock_presentation_and_limits(qtbot: Any, lang: str,
                                                                        words: list[str]) -> None:
    dialog = HelpDialog(lang=lang)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for word in words:
        assert word in text
