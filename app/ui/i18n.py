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

from app.ui.qt import QApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
LANGUAGES = {"da": "Dansk", "en": "English"}

_installed: list[QTranslator] = []

LOCALES = {"da": (QLocale.Language.Danish, QLocale.Country.Denmark),
           "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom)}
# Texts of Qt's own file dialog that Qt's Danish catalogue (qtbase_da) lacks: Qt 6 added the
# keyboard accelerators, which made them new texts. Without these the dialog is half English.
_QT_GAPS_DA = {"&Look in:": "&Kig i:", "Files of &type:": "Filer af &type:", "Folder": "Mappe",
               "Drive": "Drev", "File": "Fil", "Computer": "Computer"}
_FILE_DIALOG_CONTEXTS = {"QFileDialog", "QFileSystemModel", "QAbstractFileIconProvider"}


class _DanishQtGaps(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None is Qt's null string, "not translated here": the next catalogue is asked (an empty
        # string would count as the translation).
        return _QT_GAPS_DA.get(source) if context in _FILE_DIALOG_CONTEXTS else None


def install_translations(app: QApplication, lang: str) -> bool:
    """Switch the UI language; returns False when the language's file is missing (the UI stays Danish).
    Widgets built afterwards use it; the window rebuilds its texts on a language change."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(*LOCALES.get(lang, LOCALES["da"])))  # dates and sizes in Qt's dialogs
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    if lang == "da":
        gaps = _DanishQtGaps(app)
        app.installTranslator(gaps)  # searched before qtbase_da: installed later
        _installed.append(gaps)
        return True
    ours = QTranslator(app)
    if not ours.load(str(TRANSLATIONS_DIR / f"moedemappe_{lang}.qm")):
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    return True
