"""`moedemappe`: with a subcommand the CLI (core only), without one the desktop app."""

from __future__ import annotations

import sys

from app.core.cli import COMMANDS
from app.core.hardening import disable_core_dumps
from app.core.offline import install_guard
from app.core.security import take_secrets_from_environment


def main(argv: list[str] | None = None) -> int:
    install_guard()  # before any library that could phone home is imported
    take_secrets_from_environment()  # before any child process is started: none inherits a passphrase
    disable_core_dumps()  # decrypted text in memory must never reach a core file
    argv = sys.argv[1:] if argv is None else argv
    if any(arg in COMMANDS or arg in ("-h", "--help", "--version") for arg in argv):
        from app.core.cli import main as cli_main

        return cli_main(argv)
    from app.ui.app import main as ui_main

    return ui_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
