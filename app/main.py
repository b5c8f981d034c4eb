"""`moedemappe`: with a subcommand the CLI (core only), without one the desktop app."""

from __future__ import annotations

import sys

from app.core.security.hardening import disable_core_dumps
from app.core.messages import tr
from app.core.security.offline import install_guard
from app.core.security.keys import take_secrets_from_environment

# Options of the command itself that take a value (the rest of the command line is a subcommand's).
_VALUED_OPTIONS = ("--data-dir", "--lang")


def main(argv: list[str] | None = None) -> int:
    install_guard()  # before any library that could phone home is imported
    take_secrets_from_environment()  # before any child process is started: none inherits a passphrase
    disable_core_dumps()  # decrypted text in memory must never reach a core file
    argv = sys.argv[1:] if argv is None else argv
    word = _first_word(argv)
    if word is None and not any(arg in ("-h", "--help", "--version") for arg in argv):
        from app.ui.app import main as ui_main  # the window never loads the CLI (~25 ms before its first paint)

        return ui_main(argv)
    from app.cli.main import COMMANDS, main as cli_main

    if word is not None and word not in COMMANDS:
        # A typo in a script must fail, not open a window (or hang where there is no screen).
        language = argv[argv.index("--lang") + 1] if "--lang" in argv[:-1] else None
        language = language if language in ("da", "en") else None
        print(f"moedemappe: {tr('unknown_command', language, command=word, commands=', '.join(COMMANDS))}",
              file=sys.stderr)
        return 2
    return cli_main(argv)


def _first_word(argv: list[str]) -> str | None:
    """The first argument that is neither an option nor an option's value: the subcommand."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUED_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


if __name__ == "__main__":
    raise SystemExit(main())
