"""What the window keeps between runs and changes while it runs: Filer ▸ Indstillinger applied to the
running window, a new UI language, and the window's size and pane widths for the next start.

Appearance applies at once; a new language rebuilds the window (`reopen_in_language`); the chat
model, its threads and context apply when the model worker next starts; the idle lock follows the
new minutes at once.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from app.core.messages import UserError
from app.core.settings import Settings, load_settings, save_settings
from app.ui.i18n import install_translations
from app.ui.qt import QApplication, QCoreApplication, QDialog
from app.ui.widgets import apply_appearance

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def open_settings(window: MainWindow) -> bool:
    """The settings dialog; what the user chose is applied (`apply_settings`). False: cancelled."""
    from app.ui.settings_dialog import SettingsDialog

    try:
        chat_models = [e for e in window.library.manifest() if "chat" in e.roles]
    except UserError as error:
        window.show_error(error.message())
        chat_models = []
    dialog = SettingsDialog(window.settings, chat_models, window.data_dir, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    apply_settings(window, dialog.result_settings())
    return True


def apply_settings(window: MainWindow, new: Settings) -> None:
    old, window.settings = window.settings, new
    save_settings(window.data_dir, new)
    if (old.theme, old.font_size) != (new.theme, new.font_size):
        apply_appearance(QApplication.instance(), new.theme, new.font_size)
    if old.language != new.language:
        window.successor = reopen_in_language(window, new.language)
    if (old.chat_model, old.model_threads, old.model_context) != (new.chat_model, new.model_threads,
                                                                   new.model_context):  # fmt: skip
        window.show_status(QCoreApplication.translate("WindowSettings", "Sprogmodellen skiftes, næste gang den startes."),
                           8_000)  # fmt: skip
    window.lock_screen.restart_idle_timer()


def reopen_in_language(window: MainWindow, lang: str) -> MainWindow:
    """Switch the UI language: a new window is built in it with the same library, and the old one closes.
    (Qt retranslation would need every text set twice; a rebuild is one obvious place.)"""
    from app.ui.main_window import MainWindow

    os.environ["MOEDEMAPPE_LANG"] = lang  # core messages follow the UI language
    install_translations(QApplication.instance(), lang)
    window.jobs.shutdown()
    successor = MainWindow(window.data_dir, library=window.library)
    successor.setGeometry(window.geometry())
    window._owns_library = False
    window.close()
    successor.show()
    return successor


def remember_layout(window: MainWindow) -> None:
    """Where the window was and how wide its panes were, for the next start."""
    settings = load_settings(window.data_dir)  # as saved since this window read them
    settings.window_geometry = bytes(window.saveGeometry().toBase64().data()).decode("ascii")
    panes = window.splitter.sizes()
    if all(panes):  # a hidden pane (no meetings yet) has no width worth keeping
        settings.window_panes = panes
    save_settings(window.data_dir, settings)
    window.settings = settings
