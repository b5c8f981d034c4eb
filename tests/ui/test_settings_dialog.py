"""The settings dialog: every field reaches result_settings(), and settings survive a save/load round trip."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from app.core.models.manifest import ModelEntry
from app.core.settings import Settings, load_settings, save_settings
from app.ui import settings_dialog
from app.ui.qt import QDialog, QDialogButtonBox, QFormLayout, QLabel, Qt, QUrl
from app.ui.settings_dialog import SettingsDialog


def model(directory: Path, name: str, tier: str, installed: bool) -> ModelEntry:
    if installed:
        (directory / f"{name}.gguf").write_bytes(b"weights")
    return ModelEntry(name=name, file=f"{name}.gguf", sha256="ab" * 32, roles=("chat",), licence="Apache-2.0",
                      context=8192, template=None, tier=tier, source=None, directory=directory)  # fmt: skip


@pytest.fixture
def chat_models(tmp_path: Path) -> list[ModelEntry]:
    return [model(tmp_path, "lille", "demo", True), model(tmp_path, "stor", "recommended", True),
            model(tmp_path, "mangler", "recommended", False)]  # fmt: skip


def open_dialog(qtbot: Any, settings: Settings, chat_models: list[ModelEntry], data_dir: Path) -> SettingsDialog:
    dialog = SettingsDialog(settings, chat_models, data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click_ok(qtbot: Any, dialog: SettingsDialog) -> None:
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_every_field_reaches_result_settings(qtbot: Any, chat_models: list[ModelEntry], tmp_path: Path) -> None:
    original = Settings(watch_folder="/indbakke")
    dialog = open_dialog(qtbot, original, chat_models, tmp_path / "data")
    threads = min(2, os.cpu_count() or 1)

    dialog.model_combo.setCurrentIndex(dialog.model_combo.findData("stor"))
    dialog.threads_spin.setValue(threads)
    dialog.context_combo.setCurrentIndex(dialog.context_combo.findData(8192))
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    dialog.font_spin.setValue(14)
    click_ok(qtbot, dialog)

    assert dialog.result_settings() == Settings(watch_folder="/indbakke", chat_model="stor", model_threads=threads,
                                                model_context=8192, language="en", theme="dark", font_size=14)
    assert original == Settings(watch_folder="/indbakke")  # edited on a copy


def test_defaults_show_automatic_choices(qtbot: Any, chat_models: list[ModelEntry], tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, Settings(), chat_models, tmp_path / "data")

    assert dialog.model_combo.currentText() == "Automatisk (bedste installerede)"
    assert [dialog.model_combo.itemText(i) for i in (1, 2)] == [
        "lille – Demo (lille og hurtig)", "stor – Anbefalet"]  # fmt: skip
    assert dialog.threads_spin.text() == "Automatisk"
    assert dialog.threads_spin.maximum() >= (os.cpu_count() or 1)
    assert dialog.context_combo.currentText() == "Automatisk"
    assert [dialog.context_combo.itemText(i) for i in range(dialog.context_combo.count())] == [
        "Automatisk", "2048", "4096", "8192", "16384"]  # fmt: skip
    assert dialog.language_combo.currentText() == "Dansk"
    assert dialog.theme_combo.currentText() == "Følg systemet"
    assert dialog.font_spin.text() == "Systemets"
    assert dialog.data_dir_edit.text() == str(tmp_path / "data")
    assert dialog.data_dir_edit.isReadOnly()
    assert dialog.result_settings() == Settings()


def test_settings_persist_through_the_dialog(qtbot: Any, chat_models: list[ModelEntry], tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    saved = Settings(chat_model="lille", model_threads=1, model_context=4096, language="en", theme="light",
                     font_size=12, watch_folder="/indbakke")  # fmt: skip
    save_settings(data_dir, saved)

    dialog = open_dialog(qtbot, load_settings(data_dir), chat_models, data_dir)
    assert dialog.font_spin.value() == 12 and dialog.model_combo.currentData() == "lille"
    dialog.font_spin.setValue(dialog.font_spin.minimum())  # back to the system's size
    click_ok(qtbot, dialog)
    save_settings(data_dir, dialog.result_settings())

    assert load_settings(data_dir) == Settings(chat_model="lille", model_threads=1, model_context=4096,
                                               language="en", theme="light", font_size=0, watch_folder="/indbakke")


def test_uninstalled_model_is_shown_disabled(qtbot: Any, chat_models: list[ModelEntry], tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, Settings(chat_model="mangler"), chat_models, tmp_path / "data")
    index = dialog.model_combo.findData("mangler")
    item = dialog.model_combo.model().item(index)

    assert dialog.model_combo.itemText(index) == "mangler – Anbefalet (ikke installeret)"
    assert not item.isEnabled()
    assert dialog.model_combo.model().item(dialog.model_combo.findData("stor")).isEnabled()
    # The saved choice is kept (the app falls back to the best installed model meanwhile).
    assert dialog.result_settings().chat_model == "mangler"


def test_escape_cancels(qtbot: Any, chat_models: list[ModelEntry], tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, Settings(), chat_models, tmp_path / "data")
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


def test_every_field_is_labelled_and_named(qtbot: Any, chat_models: list[ModelEntry], tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, Settings(), chat_models, tmp_path / "data")
    fields = [form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget() for form in dialog.findChildren(QFormLayout)
              for row in range(form.rowCount())
              if form.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None]  # fmt: skip

    assert len(fields) == 7
    for row, field in enumerate(fields):
        assert field.accessibleName(), row
    labels = [label for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    assert len(labels) == 7
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "OK"
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annullér"
    assert dialog.open_folder_button.accessibleName()
    assert any("IT-politikken" in label.text() for label in dialog.findChildren(QLabel))


def test_open_folder_opens_the_data_dir(qtbot: Any, chat_models: list[ModelEntry], tmp_path: Path,
                                        monkeypatch: Any) -> None:  # fmt: skip
    opened: list[QUrl] = []
    monkeypatch.setattr(settings_dialog.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = open_dialog(qtbot, Settings(), chat_models, tmp_path / "data")

    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)

    assert [url.toLocalFile() for url in opened] == [str(tmp_path / "data")]


def test_the_technical_knobs_wait_under_avanceret_in_plain_words(qtbot: Any, chat_models: list[ModelEntry],
                                                                 tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, Settings(), chat_models, tmp_path / "data")
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
    assert "Tråde" not in shown and "tokens" not in shown and not dialog.threads_spin.isVisible()

    qtbot.mouseClick(dialog.advanced_button, Qt.MouseButton.LeftButton)

    assert dialog.threads_spin.isVisible() and dialog.context_combo.isVisible()
    assert "Processorkerner" in " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
