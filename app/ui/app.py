"""Start the desktop app: `moedemappe [--data-dir DIR] [--lang da|en]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.core.paths import resolve_data_dir

EXIT_NO_DISPLAY = 3
# Printed before Qt is loaded (and before any translation exists), so it is not a Qt Linguist text.
NO_DISPLAY_MESSAGE = (
    "moedemappe: Der er ingen skærm at vise vinduet på (hverken DISPLAY eller WAYLAND_DISPLAY er sat). "
    "Brug kommandolinjen i stedet, fx 'moedemappe demo' eller 'moedemappe --help'."
)


def has_display() -> bool:
    """False on a Linux machine without X11/Wayland, unless Qt was told which platform to use."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def ask_passphrase(data_dir: Path) -> str | bool | None:
    """On a machine without a keychain the data key is wrapped with a passphrase: ask for it (chosen in a
    dialog that says what a forgotten one means). None: not needed; False: the user cancelled."""
    from app.core.messages import UserError
    from app.core.security.keys import PASSPHRASE_ENV, KeyStore, environment_secret
    from app.ui.qt import QCoreApplication, QInputDialog, QLineEdit

    if environment_secret(PASSPHRASE_ENV):
        return None  # given by the environment (headless use, tests): nothing to ask
    translate = QCoreApplication.translate
    need = KeyStore(data_dir).passphrase_needed()
    if need is None:
        return None
    if need == "new":
        from app.ui.passphrase_dialog import PassphraseDialog

        dialog = PassphraseDialog()
        return dialog.passphrase() if dialog.exec() == PassphraseDialog.DialogCode.Accepted else False
    prompt = translate("App", "Skriv adgangskoden til dine mødepapirer:")
    while True:
        first, ok = QInputDialog.getText(None, "Mødemappe", prompt, QLineEdit.EchoMode.Password)
        if not ok:
            return False
        try:
            KeyStore(data_dir, first).data_key()
            return first
        except UserError as error:
            prompt = translate("App", "{message} Prøv igen:").format(message=error.message())


def _start_unlocking(data_dir: str | None, passphrase: str | None = None) -> None:
    """Start working out the data key in the background (app.core.security.keys.start_unlocking); what
    goes wrong here is reported where the library opens."""
    from app.core.messages import UserError
    from app.core.security.keys import start_unlocking

    try:
        start_unlocking(resolve_data_dir(data_dir), passphrase)
    except UserError:
        pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="moedemappe", description="Mødemappe — dine mødepapirer, offline.")
    parser.add_argument("--data-dir", help="datamappe (ellers MOEDEMAPPE_DATA_DIR eller standardmappen)")
    parser.add_argument("--lang", choices=("da", "en"), help="sprog for beskeder (standard: da)")
    return parser


def main(argv: list[str]) -> int:
    args, qt_args = build_parser().parse_known_args(argv)
    if args.lang:
        os.environ["MOEDEMAPPE_LANG"] = args.lang
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return EXIT_NO_DISPLAY
    _start_unlocking(args.data_dir)  # the data key, while Qt and the window's modules load
    # Qt only from here on, so a machine without a screen never loads it.
    from app.core.messages import UserError, current_lang
    from app.core.settings import load_settings
    from app.ui.i18n import install_translations
    from app.ui.main_window import MainWindow
    from app.ui.qt import QApplication, QMessageBox, binding_problem
    from app.ui.widgets import apply_appearance

    problem = binding_problem()
    if problem:
        print(f"moedemappe: {problem}", file=sys.stderr)
        return 1
    app = QApplication([sys.argv[0] if sys.argv else "moedemappe", *qt_args])
    app.setApplicationName("Mødemappe")
    app.setApplicationDisplayName("Mødemappe")
    app.setOrganizationName("Moedemappe")
    try:
        data_dir = resolve_data_dir(args.data_dir)  # reads the IT policy, which may be broken
    except UserError as error:
        print(f"moedemappe: {error.message()}", file=sys.stderr)
        QMessageBox.critical(None, "Mødemappe", error.message())
        return 2
    settings = load_settings(data_dir)
    if not args.lang:
        os.environ["MOEDEMAPPE_LANG"] = settings.language  # core messages follow the UI language
    apply_appearance(app, settings.theme, settings.font_size)
    install_translations(app, current_lang())
    passphrase = ask_passphrase(data_dir)
    if passphrase is False:
        return 0  # the user closed the passphrase dialog
    if passphrase:
        _start_unlocking(args.data_dir, passphrase)
    window = MainWindow(data_dir, passphrase=passphrase or None)  # it opens the library once painted
    window.show()
    return int(app.exec())
