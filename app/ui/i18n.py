"""UI language: Danish is written in the code; English comes from Qt Linguist files.

``app/ui/translations/moedemappe_en.ts`` is kept in git (edit it with Qt Linguist or by
hand); ``make`` compiles it to the ``.qm`` file Qt loads (``pyside6-lrelease``). After adding
or changing a UI text, ``make translations-update`` brings the .ts up to date (``pyside6-lupdate``)
and tests/ui/test_translations.py fails until the new texts are translated. Qt's own
dialogs (file dialog, standard buttons) use Qt's bundled ``qtbase_*`` translations.

In the code, texts in QObject methods are ``self.tr("…")``; elsewhere
``QCoreApplication.translate("<Context>", "…")``, and module constants are marked with
``QT_TRANSLATE_NOOP("<Context>", "…")`` and translated where they are used. lupdate only sees
literal strings, so placeholders go through ``.format()``, never f-strings.
"""

from __future__ import annotations

from pathlib import Path

from app.ui.qt import QApplication, QLibraryInfo, QTranslator

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
LANGUAGES = {"da": "Dansk", "en": "English"}

_installed: list[QTranslator] = []


def install_translations(app: QApplication, lang: str) -> bool:
    """Switch the UI language; returns False when the language's file is missing (the UI stays Danish).
    Widgets built afterwards use it; the window rebuilds its texts on a language change."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    if lang == "da":
        return True
    ours = QTranslator(app)
    if not ours.load(str(TRANSLATIONS_DIR / f"moedemappe_{lang}.qm")):
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    return True
