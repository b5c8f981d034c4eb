"""The English UI: the Qt Linguist file is complete and in step with the code, and the language switch works.

Danish is the source language in the code; app/ui/translations/moedemappe_en.ts holds the English
texts and `make` compiles it to the .qm file that app.ui.i18n loads.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app.core.models.manifest import load_manifest
from app.core.paths import models_dir
from app.core.settings import SETTINGS_FILE
from app.ui.formatting import danish_date
from app.ui.i18n import TRANSLATIONS_DIR, install_translations
from app.ui.main_window import MainWindow
from app.ui.qt import QApplication, QCoreApplication

TS = TRANSLATIONS_DIR / "moedemappe_en.ts"
UI_DIR = Path(__file__).resolve().parents[2] / "app" / "ui"
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"
_PLACEHOLDER = re.compile(r"\{\w*\}")


def ts_messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> the <translation> element, for every message in a .ts file."""
    messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            messages[(name, message.findtext("source") or "")] = message.find("translation")
    return messages


@pytest.fixture
def danish_afterwards(qapp: QApplication, monkeypatch: Any) -> Iterator[QApplication]:
    """The UI language is process-wide: whatever a test switches to, the next test gets Danish."""
    monkeypatch.setenv("MOEDEMAPPE_LANG", "da")  # the window switch sets it; restored at teardown
    yield qapp
    install_translations(qapp, "da")


# --- the .ts file --------------------------------------------------------------------------------


def test_every_message_has_a_finished_english_translation() -> None:
    messages = ts_messages(TS)
    assert len(messages) > 200
    for (context, source), translation in messages.items():
        where = f"{context}: {source!r}"
        assert translation is not None and translation.get("type") is None, f"unfinished or obsolete: {where}"
        text = translation.text or ""
        assert text.strip(), f"empty translation: {where}"
        # Placeholders are filled in with str.format: the English text must use the same ones.
        assert sorted(_PLACEHOLDER.findall(text)) == sorted(_PLACEHOLDER.findall(source)), where
        assert text.startswith((" ", "\n")) == source.startswith((" ", "\n")), f"leading space differs: {where}"


def test_every_text_in_the_code_is_in_the_ts_file(tmp_path: Path) -> None:
    """lupdate over app/ui finds exactly the messages of the .ts: a new text without a translation,
    or a translation whose text is gone from the code, fails here (fix: make translations-update)."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(path) for path in UI_DIR.glob("*.py"))
    done = subprocess.run([str(LUPDATE), *sources, "-ts", str(fresh), "-source-language", "da",
                           "-target-language", "en"], capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    # The empty context holds the core's message keys (jobs.py calls app.core.messages.tr(key)),
    # which lupdate takes for UI texts; they are translated by the core, not by Qt.
    in_code = {key for key in ts_messages(fresh) if key[0]}
    in_ts = set(ts_messages(TS))
    assert not in_code - in_ts, f"not in {TS.name} (run make translations-update): {sorted(in_code - in_ts)}"
    assert not in_ts - in_code, f"no longer in the code (run make translations-update): {sorted(in_ts - in_code)}"
    assert {context for context, _source in in_code} >= {"MainWindow", "ReaderView", "AuditDialog", "App",
                                                          "SearchPanel", "SettingsDialog"}  # fmt: skip


# --- loading it ------------------------------------------------------------------------------------


def test_english_translations_load_and_danish_comes_back(danish_afterwards: QApplication) -> None:
    from app.ui.audit_dialog import event_name
    from app.ui.reader import page_heading, page_heading_re

    app = danish_afterwards
    assert install_translations(app, "en"), "moedemappe_en.qm is missing: run make"
    assert QCoreApplication.translate("AssistantPane", "Spørg") == "Ask"
    assert QCoreApplication.translate("SearchPanel", "Fortroligt – lukket punkt") == "Confidential – closed item"
    assert event_name("delete") == "Deletion" and event_name("something_new") == "something_new"
    assert page_heading(12) == "Page 12" and page_heading_re().fullmatch("Page 12").group(1) == "12"

    assert install_translations(app, "da")
    assert QCoreApplication.translate("AssistantPane", "Spørg") == "Spørg"
    assert page_heading(12) == "Side 12" and page_heading_re().fullmatch("Side 12").group(1) == "12"


# --- switching the language of a running window ------------------------------------------------------


def _without_chat_model(tmp_path: Path, monkeypatch: Any) -> None:
    """Only the embedding model: the window starts without loading a chat model (quick, and no warm-up)."""
    real = models_dir()
    models = tmp_path / "models"
    models.mkdir()
    (models / "manifest.toml").write_text((real / "manifest.toml").read_text(encoding="utf-8"), encoding="utf-8")
    for entry in load_manifest(real):
        if "chat" not in entry.roles:
            for path, _sha in entry.files():
                (models / path.name).symlink_to(path)
    monkeypatch.setenv("MOEDEMAPPE_MODELS_DIR", str(models))


def _switch(qtbot: Any, window: MainWindow, lang: str) -> MainWindow:
    window.apply_settings(dataclasses.replace(window.settings, language=lang))
    successor = window.successor
    assert successor is not None and successor is not window
    qtbot.addWidget(successor)  # closed at teardown; the last one closes the shared Library
    qtbot.waitUntil(lambda: successor.library_pane.meetings_loaded and not successor.busy, timeout=15_000)
    assert not window.isVisible() and successor.isVisible()
    return successor


def _menus(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_switching_language_rebuilds_the_window_in_it(danish_afterwards: QApplication, qtbot: Any,
                                                      tmp_path: Path, monkeypatch: Any) -> None:  # fmt: skip
    _without_chat_model(tmp_path, monkeypatch)
    data_dir = tmp_path / "data"
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.library_pane.meetings_loaded and not window.busy, timeout=15_000)
    assert window.assistant.ask_button.text() == "Spørg" and _menus(window) == ["&Filer", "&Vis", "&Hjælp"]

    english = _switch(qtbot, window, "en")

    assert english.library is window.library
    assert json.loads((data_dir / SETTINGS_FILE).read_text(encoding="utf-8"))["language"] == "en"
    assert _menus(english) == ["&File", "&View", "&Help"]
    assert english.assistant.ask_button.text() == "Ask" and english.assistant.stop_button.text() == "Stop"
    assert english.library_pane.import_files_button.text() == "Import files …"
    assert english.welcome_page.demo_button.text() == "Try the demo pack"
    assert english.import_files_action.text() == "Import files …"
    assert "Welcome to Mødemappe" in english.welcome_page.welcome_label.text()
    assert english.reading_page.tabText(0) == "Read" and english.reading_page.tabText(1) == "Search"
    assert english.reading_page.reader.page_spin.prefix() == "Page "
    assert english.reading_page.recording_view.play_button.text() == "Play"
    assert english.reading_page.recording_view.tree.accessibleName() == "Transcript by agenda item"
    assert english.reading_page.search_panel.query_edit.placeholderText().startswith("Search")
    assert english.windowTitle() == "Mødemappe"
    assert danish_date("2023-10-02") == "2 October 2023"
    qtbot.waitUntil(lambda: english.model_status.label.text() == "Assistant: answers with quotes (no language model)",
                    timeout=15_000)  # fmt: skip

    danish = _switch(qtbot, english, "da")

    assert json.loads((data_dir / SETTINGS_FILE).read_text(encoding="utf-8"))["language"] == "da"
    assert _menus(danish) == ["&Filer", "&Vis", "&Hjælp"]
    assert danish.assistant.ask_button.text() == "Spørg" and danish.welcome_page.demo_button.text() == "Prøv med demopakken"
    assert "Velkommen til Mødemappe" in danish.welcome_page.welcome_label.text()
    assert danish_date("2023-10-02") == "2. oktober 2023"


def test_qt_own_file_dialog_speaks_the_ui_language(qtbot: Any) -> None:
    from app.ui.i18n import install_translations
    from app.ui.qt import QApplication, QFileDialog, QLabel

    def labels() -> list[str]:
        dialog = QFileDialog(None, "Importér")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        return [label.text() for label in dialog.findChildren(QLabel)]

    app = QApplication.instance()
    try:
        assert install_translations(app, "da")
        assert labels() == ["&Kig i:", "&Filnavn:", "Filer af &type:"]
        assert install_translations(app, "en")
        assert labels() == ["&Look in:", "File &name:", "Files of &type:"]
    finally:
        install_translations(app, "da")
