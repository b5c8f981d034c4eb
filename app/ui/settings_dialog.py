"""The settings dialog: language model (threads and context folded under Avanceret), language, theme,
font size, data folder.

It edits a copy: result_settings() returns a new Settings, and the caller
saves it (save_settings) and applies what can change at once.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.core.models.manifest import ModelEntry, loadable
from app.core.settings import Settings
from app.ui.qt import (
    QComboBox,
    QDesktopServices,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QUrl,
    Qt,
    QVBoxLayout,
    QWidget,
)

CONTEXT_SIZES = (2048, 4096, 8192, 16384)
FONT_SIZES = (8, 24)  # points; one below the smallest stands for "the system's size"
HINT_STYLE = "color:#666; font-size:small"


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, chat_models: list[ModelEntry], data_dir: Path,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._settings = settings
        self._data_dir = data_dir
        self.setWindowTitle(self.tr("Indstillinger"))
        form = QFormLayout()
        self._add(form, self.tr("&Sprogmodel:"), self._build_model_combo(chat_models), self.tr("Sprogmodel"))
        form.addRow(self._build_advanced())
        form.addRow(self._hint(self.tr("Ændringer af sprogmodellen og de avancerede indstillinger gælder, "
                                       "næste gang sprogmodellen startes.")))  # fmt: skip
        self.language_combo = self._choices([(self.tr("Dansk"), "da"), ("English", "en")], settings.language)
        self._add(form, self.tr("S&prog:"), self.language_combo, self.tr("Sprog"))
        self.theme_combo = self._choices(
            [(self.tr("Følg systemet"), "system"), (self.tr("Lyst"), "light"), (self.tr("Mørkt"), "dark")],
            settings.theme,
        )
        self._add(form, self.tr("T&ema:"), self.theme_combo, self.tr("Tema"))
        self._add(form, self.tr("Sk&riftstørrelse:"), self._build_font_size(), self.tr("Skriftstørrelse"))
        self._add(form, self.tr("&Datamappe:"), self._build_data_dir(), self.tr("Datamappe"))
        form.addRow(self._hint(self.tr("Datamappens placering bestemmes af IT-politikken eller af "
                                       "--data-dir, når programmet startes.")))  # fmt: skip

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annullér"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(buttons)

    # --- building -------------------------------------------------------------------------

    @staticmethod
    def _add(form: QFormLayout, label_text: str, field: QWidget, accessible_name: str) -> None:
        label = QLabel(label_text)
        label.setBuddy(field.focusProxy() or field)
        field.setAccessibleName(accessible_name)
        form.addRow(label, field)

    @staticmethod
    def _hint(text: str) -> QLabel:
        hint = QLabel(text)
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        return hint

    @staticmethod
    def _choices(entries: list[tuple[str, Any]], current: Any) -> QComboBox:
        combo = QComboBox()
        for text, value in entries:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        return combo

    def _build_model_combo(self, chat_models: list[ModelEntry]) -> QComboBox:
        tiers = {"demo": self.tr("Demo (lille og hurtig)"), "tiny": self.tr("Lille (hurtig, kun citater)"),
                 "standard": self.tr("Standard"), "recommended": self.tr("Anbefalet")}
        self.model_combo = QComboBox()
        self.model_combo.addItem(self.tr("Automatisk (bedste installerede)"), None)
        for entry in chat_models:
            text = f"{entry.name} – {tiers.get(entry.tier, entry.tier)}"
            installed = loadable(entry)
            if not installed:
                text += " " + self.tr("(ikke installeret)")
            self.model_combo.addItem(text, entry.name)
            self.model_combo.model().item(self.model_combo.count() - 1).setEnabled(installed)
        # A chosen model that is no longer installed stays selected (disabled): the app falls back to
        # the best installed one, and the choice is not silently lost.
        self.model_combo.setCurrentIndex(max(self.model_combo.findData(self._settings.chat_model), 0))
        return self.model_combo

    def _build_advanced(self) -> QWidget:
        """The model's technical knobs, folded away: most people never need them."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.advanced_button = QPushButton(self.tr("Avanceret ▸"))
        self.advanced_button.setCheckable(True)
        self.advanced_button.setAccessibleName(self.tr("Vis avancerede indstillinger"))
        self.advanced_button.setFlat(True)
        self.advanced = QWidget()
        details = QFormLayout(self.advanced)
        details.setContentsMargins(12, 0, 0, 0)
        self._add(details, self.tr("&Processorkerner (tråde):"), self._build_threads(),
                  self.tr("Processorkerner til sprogmodellen"))
        self._add(details, self.tr("&Tekstmængde pr. svar (kontekst):"), self._build_context(),
                  self.tr("Tekstmængde pr. svar i tokens"))
        self.advanced.setVisible(False)
        self.advanced_button.toggled.connect(self._show_advanced)
        column.addWidget(self.advanced_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.advanced)
        return box

    def _show_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_button.setText(self.tr("Avanceret ▾") if shown else self.tr("Avanceret ▸"))

    def _build_threads(self) -> QSpinBox:
        self.threads_spin = QSpinBox()
        # Keep a value saved on a machine with more cores rather than clamp it away.
        self.threads_spin.setRange(0, max(os.cpu_count() or 1, self._settings.model_threads))
        self.threads_spin.setSpecialValueText(self.tr("Automatisk"))  # shown for 0
        self.threads_spin.setValue(self._settings.model_threads)
        return self.threads_spin

    def _build_context(self) -> QComboBox:
        sizes = [(self.tr("Automatisk"), 0)] + [(str(size), size) for size in CONTEXT_SIZES]
        current = self._settings.model_context
        if current not in (0, *CONTEXT_SIZES):  # a hand-edited value is kept as an extra choice
            sizes.append((str(current), current))
        self.context_combo = self._choices(sizes, current)
        return self.context_combo

    def _build_font_size(self) -> QSpinBox:
        smallest, largest = FONT_SIZES
        self.font_spin = QSpinBox()
        self.font_spin.setRange(smallest - 1, largest)
        self.font_spin.setSpecialValueText(self.tr("Systemets"))  # the minimum stands for 0
        self.font_spin.setSuffix(" pt")
        size = self._settings.font_size
        self.font_spin.setValue(min(size, largest) if size >= smallest else smallest - 1)
        return self.font_spin

    def _build_data_dir(self) -> QWidget:
        self.data_dir_edit = QLineEdit(str(self._data_dir))
        self.data_dir_edit.setReadOnly(True)
        self.open_folder_button = QPushButton(self.tr("Åbn mappe"))
        self.open_folder_button.setAccessibleName(self.tr("Åbn datamappen"))
        self.open_folder_button.clicked.connect(self.open_data_dir)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.data_dir_edit, 1)
        row.addWidget(self.open_folder_button)
        box.setFocusProxy(self.data_dir_edit)
        self.data_dir_edit.setAccessibleName(self.tr("Datamappe"))
        return box

    # --- actions --------------------------------------------------------------------------

    def open_data_dir(self) -> bool:
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._data_dir))))

    def result_settings(self) -> Settings:
        """A new Settings with the dialog's values (everything else as it was)."""
        font = self.font_spin.value()
        return replace(
            self._settings,
            chat_model=self.model_combo.currentData(),
            model_threads=self.threads_spin.value(),
            model_context=self.context_combo.currentData(),
            language=self.language_combo.currentData(),
            theme=self.theme_combo.currentData(),
            font_size=0 if font == self.font_spin.minimum() else font,
        )
