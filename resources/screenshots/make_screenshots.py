"""Screenshots of the main views for README.md, made offscreen with the real app and the demo pack.

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/screenshots/make_screenshots.py

Writes welcome.png, main-window.png (reader with a cited passage marked and the answer), search.png,
briefing.png and settings.png next to this script. Uses a throwaway data directory and passphrase.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
os.environ.setdefault("MOEDEMAPPE_PASSPHRASE", "screenshots-only")

SIZE = (1440, 880)
QUESTION = "Hvad bliver byggesagsgebyret pr. time i 2024?"


def main() -> int:
    from app.ui.main_window import MainWindow
    from app.ui.qt import QApplication, QUrl
    from app.ui.settings_dialog import SettingsDialog
    from app.ui.widgets import apply_appearance

    app = QApplication(sys.argv[:1])
    apply_appearance(app, "light", 0)

    def settle(done: Callable[[], bool], timeout: float = 600) -> None:
        end = time.monotonic() + timeout
        while not done() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)
        for _ in range(30):  # let layouts and the PDF view paint
            app.processEvents()
            time.sleep(0.01)

    def save(widget: Any, name: str) -> None:
        widget.grab().save(str(HERE / name))
        print(f"wrote {HERE / name}")

    with tempfile.TemporaryDirectory(prefix="moedemappe-shots-") as scratch:
        window = MainWindow(Path(scratch) / "data")
        # No input reaches the window while the model answers (minutes on a busy machine): the idle
        # lock would cover the pictures.
        window.lock_screen.idle_timer.timeout.disconnect()
        window.resize(*SIZE)
        window.show()
        settle(lambda: window.library_pane.meetings_loaded and not window.busy)
        save(window, "welcome.png")

        window.importer.try_demo()
        settle(lambda: bool(window.library_pane.meetings) and not window.busy)
        window.assistant_controller.ask(QUESTION)
        settle(lambda: window.assistant_controller.last_answer is not None and not window.busy)
        window.assistant_controller.open_citation(QUrl("cite:1"))
        settle(lambda: not window.busy and window.reading_page.reader.document is not None)
        window.library_pane.tree.setCurrentItem(window.library_pane.meeting_nodes()[0].child(15))
        settle(lambda: not window.busy)
        save(window, "main-window.png")

        window.briefings.brief(item=True)
        settle(lambda: window.assistant_controller.last_answer is not None and not window.busy)
        save(window, "briefing.png")

        window.focus_search()
        window.reading_page.search_panel.query_edit.setText("udskrivningsprocent 2024")
        window.reading_page.search_panel.run_search()
        settle(lambda: bool(window.reading_page.search_panel.hits) and not window.busy)
        save(window, "search.png")

        chat = [e for e in window.library.manifest() if "chat" in e.roles]
        dialog = SettingsDialog(window.settings, chat, window.data_dir, window)
        dialog.show()
        settle(lambda: True)
        save(dialog, "settings.png")
        dialog.close()
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
