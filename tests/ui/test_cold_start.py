"""The window paints before the core is loaded (the cold-start goal in `make bench`).

Two rules keep it so: the UI modules import the heavy core modules (store, library, answer …) and
QtMultimedia where they are first used, and the window opens its library after the first paint.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from app.ui.main_window import MainWindow

# Loaded by the first background work, the reader or the first recording, never before the window is
# up; nor the command line (app.main opens the window without it).
AFTER_FIRST_PAINT = ("app.core.library", "app.core.store.database", "app.core.answers.answer",
                     "app.core.answers.briefing", "app.core.ingest.pack", "app.core.recordings.recording",
                     "app.core.models.runtime", "sqlcipher3",
                     "keyring", "filelock", "cryptography", "PySide6.QtMultimedia", "PySide6.QtPdf",
                     "app.core.ingest.webpack", "email", "app.core.store.notes", "Stemmer", "app.core.ingest.ocr",
                     "tomllib", "app.cli.main", "hashlib", "concurrent.futures")  # fmt: skip


def test_starting_the_window_loads_no_heavy_module() -> None:
    probe = ("import sys, app.main, app.ui.app, app.ui.main_window; "
             f"print(' '.join(m for m in {AFTER_FIRST_PAINT!r} if m in sys.modules))")  # fmt: skip
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.split() == []


def test_the_library_is_opened_after_the_first_paint(qtbot: Any, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    assert not (data_dir / "store.sqlite").exists()  # built, not yet painted: nothing opened
    assert not window.assistant.isVisibleTo(window)  # a first start paints without it, as it stays
    window.show()
    qtbot.waitUntil(lambda: window.library_pane.meetings_loaded and not window.busy, timeout=15_000)
    assert (data_dir / "store.sqlite").exists()
    assert window.pages.currentWidget() is window.welcome_page and window.reading_page.search_panel.library is window.library


def test_a_restart_says_it_is_opening_the_meetings_not_welcome(qtbot: Any, tmp_path: Path, demo_pdf: Path) -> None:
    from app.core.library import Library

    data_dir = tmp_path / "data"
    with Library(data_dir) as library:
        library.import_paths([demo_pdf])
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    assert window.pages.currentWidget() is window.opening_page  # never the first-run "Ingen møder endnu"
    assert window.assistant.isVisibleTo(window)
    window.show()
    qtbot.waitUntil(lambda: window.library_pane.meetings_loaded and not window.busy, timeout=60_000)
    assert window.pages.currentWidget() is window.reading_page


def test_the_idle_lock_watches_the_users_input_once_the_window_is_up(qtbot: Any, tmp_path: Path) -> None:
    from app.ui.qt import Qt

    window = MainWindow(tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.library_pane.meetings_loaded and not window.busy, timeout=15_000)
    window.lock_screen.idle_timer.stop()
    qtbot.keyClick(window.library_pane.tree, Qt.Key.Key_Down)
    assert window.lock_screen.idle_timer.isActive()  # a key press starts the idle time anew
