"""THE Qt shim: the only module in the project that imports PySide6.

Everything else in app.ui takes its Qt names from here, so a binding or
version change touches one file, and import-linter can check that nothing
else (least of all app.core) imports Qt. Names are taken from PySide6 on first
use (see __getattr__), so the window's start pays only for those it needs.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, Any

# QtMultimedia looks for PipeWire at import and logs when a laptop has none: noise, not a fault.
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false")

# The bindings themselves load here (a bare PySide6 window loads them too); their names are taken on
# first use, below.
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QObject  # binding_problem

if TYPE_CHECKING:  # the names as type checkers see them; at run time __getattr__ takes each on first use
    from PySide6.QtCore import (
        QBuffer,
        QByteArray,
        QCoreApplication,
        QDate,
        QElapsedTimer,
        QEvent,
        QIODevice,
        QLibraryInfo,
        QLocale,
        QMimeData,
        QModelIndex,
        QObject,
        QPoint,
        QPointF,
        QRect,
        QRectF,
        QSize,
        Qt,
        QT_TRANSLATE_NOOP,
        QThreadPool,
        QTimer,
        QTranslator,
        QUrl,
        Signal,
        Slot,
    )
    from PySide6.QtGui import (
        QAbstractTextDocumentLayout,
        QAction,
        QCloseEvent,
        QColor,
        QDesktopServices,
        QDragEnterEvent,
        QDragMoveEvent,
        QDropEvent,
        QFont,
        QFontMetrics,
        QGuiApplication,
        QKeyEvent,
        QKeySequence,
        QPainter,
        QPaintEvent,
        QPalette,
        QPolygonF,
        QShortcut,
        QShowEvent,
        QTextCursor,
        QTextDocument,
    )
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QApplication,
        QCheckBox,
        QComboBox,
        QDateEdit,
        QDialog,
        QDialogButtonBox,
        QFileDialog,
        QFormLayout,
        QFrame,
        QGridLayout,
        QHBoxLayout,
        QInputDialog,
        QLabel,
        QLineEdit,
        QListWidget,
        QListWidgetItem,
        QMainWindow,
        QMenu,
        QMessageBox,
        QPlainTextEdit,
        QProgressBar,
        QPushButton,
        QSizePolicy,
        QSlider,
        QSpinBox,
        QSplitter,
        QStackedWidget,
        QStyle,
        QStyledItemDelegate,
        QStyleFactory,
        QStyleOptionViewItem,
        QTabWidget,
        QTextBrowser,
        QToolBar,
        QToolButton,
        QTreeWidget,
        QTreeWidgetItem,
        QVBoxLayout,
        QWidget,
    )
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
    from PySide6.QtMultimediaWidgets import QVideoWidget
    from PySide6.QtPdf import QPdfDocument, QPdfPageNavigator, QPdfSearchModel
    from PySide6.QtPdfWidgets import QPdfView
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

__all__ = [
    "binding_problem", "multimedia_problem", "QAbstractButton", "QAbstractItemView", "QAbstractSpinBox", "QAbstractTextDocumentLayout", "QAction", "QApplication", "QAudioOutput", "QBuffer", "QByteArray", "QCheckBox",
    "QCloseEvent", "QColor", "QComboBox", "QCoreApplication", "QDate", "QDateEdit", "QDesktopServices",
    "QDialog", "QDialogButtonBox", "QDragEnterEvent", "QDragMoveEvent", "QDropEvent", "QElapsedTimer", "QEvent", "QFileDialog",
    "QFont", "QFormLayout", "QFrame", "QGridLayout", "QGuiApplication", "QHBoxLayout", "QInputDialog",
    "QIODevice", "QKeyEvent", "QKeySequence", "QLabel", "QLibraryInfo", "QLineEdit", "QListWidget",
    "QListWidgetItem", "QLocale", "QMainWindow", "QMediaPlayer", "QPrintDialog", "QPrinter", "QMenu", "QMessageBox", "QMimeData", "QModelIndex",
    "QObject", "QPainter", "QPaintEvent", "QPalette", "QPdfDocument", "QPdfPageNavigator", "QPdfSearchModel", "QPdfView", "QPoint", "QPointF",
    "QProgressBar", "QPushButton", "QShortcut", "QShowEvent", "QSize", "QSizePolicy", "QSlider", "QSpinBox", "QSplitter",
    "QStackedWidget", "QStyle", "QStyledItemDelegate", "QStyleFactory", "QStyleOptionViewItem", "Qt", "QT_TRANSLATE_NOOP", "QTabWidget", "QTextBrowser", "QTextCursor", "QTextDocument",
    "QThreadPool", "QTimer", "QToolBar", "QToolButton", "QTranslator", "QTreeWidget", "QTreeWidgetItem",
    "QUrl", "QVBoxLayout", "QVideoWidget", "QWidget", "Signal", "Slot",
    "QFontMetrics", "QPolygonF", "QRect", "QRectF", "QPlainTextEdit",
]  # fmt: skip


# Every name is taken from its binding on first use (PEP 562) and kept: PySide6 makes a class's Python
# type, with its enums, when it is first taken (the Qt namespace ~15 ms, QStyle ~6 ms), and the window's
# first paint needs only about half of the names here (~14 ms less before it).
_BINDINGS = (QtCore, QtGui, QtWidgets)
# Modules loaded with their first name: QtMultimedia and its FFmpeg backend cost ~30 ms, and only the
# recordings view needs them; QtPdf (~8 ms) only the reader, which is built after the first paint. A
# from-import loads the module at once: modules the window's first paint imports take these as
# `qt.QMediaPlayer` where they use them; the reader's modules (imported later) may from-import them.
_LAZY = {
    "QPdfDocument": "PySide6.QtPdf",
    "QPdfPageNavigator": "PySide6.QtPdf",
    "QPdfSearchModel": "PySide6.QtPdf",
    "QPdfView": "PySide6.QtPdfWidgets",
    "QAudioOutput": "PySide6.QtMultimedia",
    "QMediaPlayer": "PySide6.QtMultimedia",
    "QVideoWidget": "PySide6.QtMultimediaWidgets",
    "QPrinter": "PySide6.QtPrintSupport",  # printing a briefing: loaded when the user prints
    "QPrintDialog": "PySide6.QtPrintSupport",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif name in __all__:
        value = next(getattr(binding, name) for binding in _BINDINGS if hasattr(binding, name))
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


_multimedia_problem: list[str | None] = []  # filled on the first call: [reason or None]


def multimedia_problem() -> str | None:
    """Why QtMultimedia cannot be loaded on this machine, or None when it can.

    Its libraries need system ones the PySide6 wheel does not bring: without PulseAudio's client
    library the import fails with "libpulse.so.0: cannot open shared object file". Only playing a
    recording needs it, so the recordings view asks here and shows the transcript without a player
    (saying what is missing) instead of failing. Imports on the first call, answers from then on.
    """
    if not _multimedia_problem:
        try:
            for name in ("QAudioOutput", "QMediaPlayer", "QVideoWidget"):
                __getattr__(name)
            _multimedia_problem.append(None)
        except ImportError as exc:
            _multimedia_problem.append(str(exc) or type(exc).__name__)
    return _multimedia_problem[0]


def binding_problem() -> str | None:
    """A reason this PySide6 build cannot run the app safely, or None.

    PySide6 6.12.0 (the cp310-abi3 wheel) drops a reference to None on every
    call that returns nothing when it runs on Python < 3.12, where None is not
    immortal: the process aborts ('deallocating None') after a few thousand
    such calls. Checked here so the app and the tests fail with a message.
    """
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    if sys.getrefcount(None) < before:
        import PySide6

        return (f"PySide6 {PySide6.__version__} virker ikke med Python {sys.version.split()[0]} "
                "(den mister referencer til None, og programmet går ned). "
                "Installér en anden PySide6-version, fx PySide6-Essentials<6.12.")  # fmt: skip
    return None
