"""Entry point of the frozen app (PyInstaller): the same `moedemappe` command as from source.

``multiprocessing.freeze_support()`` must run first: the parser child and the model worker are
started with the "spawn" method, which in a frozen build re-runs this executable with
``--multiprocessing-fork``; freeze_support() turns such a run into the child and exits.
The same file is the entry of the windowed executable on Windows and macOS (no console).
"""

from __future__ import annotations

import multiprocessing
import os
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    # The windowed executable (Windows/macOS, moedemappe-window) has no console: sys.stdout and
    # sys.stderr are None there, and a message printed to them must not crash the app.
    for stream in ("stdout", "stderr"):
        if getattr(sys, stream) is None:
            setattr(sys, stream, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process
    from app.main import main

    sys.exit(main())
