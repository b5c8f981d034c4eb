"""`moedemappe WORD`: a subcommand runs the CLI; a mistyped one fails in a script, never opens the window."""

from __future__ import annotations

from typing import Any

import pytest

from app import main as entry


@pytest.fixture
def no_window(monkeypatch: Any) -> list[list[str]]:
    opened: list[list[str]] = []
    import app.ui.app

    # main() also hardens the process (secrets out of the environment, no core dumps, the offline
    # guard): that is for a real start, not for the test process the other tests share.
    for name in ("install_guard", "take_secrets_from_environment", "disable_core_dumps"):
        monkeypatch.setattr(entry, name, lambda: None)

    monkeypatch.setattr(app.ui.app, "main", lambda argv: opened.append(argv) or 0)
    return opened


@pytest.mark.parametrize("argv", [["exprt", "1"], ["--data-dir", "/tmp/x", "serch", "skole"], ["--lang", "en", "lst"]])
def test_a_mistyped_command_exits_2_with_the_list_of_commands(argv: list[str], no_window: list[list[str]],
                                                              capsys: Any) -> None:
    assert entry.main(argv) == 2
    message = capsys.readouterr().err
    assert argv[-2 if argv[-1] in ("1", "skole") else -1] in message
    assert "import, list, search, ask" in message
    assert ("unknown command" if "en" in argv else "ukendt kommando") in message
    assert no_window == []


@pytest.mark.parametrize("argv", [[], ["--data-dir", "/tmp/x"], ["--lang", "en"]])
def test_no_command_opens_the_window(argv: list[str], no_window: list[list[str]]) -> None:
    assert entry.main(argv) == 0
    assert no_window == [argv]


def test_an_option_value_is_not_taken_for_a_command(no_window: list[list[str]], capsys: Any) -> None:
    # "list" here is the data folder's name, not the command.
    assert entry.main(["--data-dir", "list"]) == 0
    assert no_window == [["--data-dir", "list"]]
