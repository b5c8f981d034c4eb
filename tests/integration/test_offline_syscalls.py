"""The offline promise at the system-call level: the real CLI imports, searches, asks, briefs and
transcribes under strace -f, and no process — the CLI, the model worker, the parser and speech
children, any native library in them — attempts a connection or name lookup that would leave the
machine (AF_INET/AF_INET6 off loopback, anything to port 53, a resolver's local socket, getaddrinfo's
netlink probe), or starts any program but the interpreter (ctypes' find_library runs gcc and ld).
Unix sockets stay allowed. onnxruntime's telemetry queue (~/.cache/Microsoft) must not appear.

A check of the checker too: a process that does look a name up must be caught.

The full session takes about three minutes on a shared 2-core machine (a real import, answer,
briefing and transcription, each traced); the start of `list` is checked on its own in seconds.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.fixtures import speech
from tests.fixtures.syscalls import STRACE, STRACE_MISSING, only_python, read_trace, traced

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(STRACE is None or not sys.platform.startswith("linux"), reason=STRACE_MISSING)]

TRANSCRIBE = """
import sys
from pathlib import Path
from app.core.security.hardening import disable_core_dumps
from app.core.security.offline import install_guard
from app.core.security.keys import take_secrets_from_environment
install_guard(); take_secrets_from_environment(); disable_core_dumps()
from app.core.library import Library
with Library(Path(sys.argv[1])) as library:
    library.import_recording(library.meetings()[0].id, Path(sys.argv[2]))
"""


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ, HOME=str(home))
    # The app must switch these off itself; no D-Bus session: the keychain probe runs but finds none
    # (the developer's real keychain is never touched).
    for name in ("ORT_DISABLE_TELEMETRY", "XDG_CACHE_HOME", "PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS",
                 "HF_HUB_OFFLINE", "ANONYMIZED_TELEMETRY", "OTEL_SDK_DISABLED", "DO_NOT_TRACK"):  # fmt: skip
        env.pop(name, None)
    return env


def run_traced_session(tmp_path: Path, demo_pdf: Path) -> tuple[list[str], set[str], Path]:
    """import, list, search, ask, brief and a spoken recording's transcription, each under strace.
    Returns the attempts, the programs other than the interpreter, and the HOME used."""
    home, data_dir = tmp_path / "home", tmp_path / "data"
    home.mkdir()
    env = _environment(home)
    cli = [sys.executable, "-m", "app", "--data-dir", str(data_dir)]
    commands = [
        [*cli, "import", str(demo_pdf)],
        [*cli, "list"],
        [*cli, "search", "byggesagsgebyr 2024"],
        [*cli, "ask", "Hvad bliver byggesagsgebyret pr. time i 2024?"],
        [*cli, "brief", "1"],
    ]
    if speech.ESPEAK is not None:
        wav = speech.say("Punkt ét. Byggesagsgebyret hæves til otte hundrede kroner i timen.", tmp_path / "tale.wav")
        commands.append([sys.executable, "-c", TRANSCRIBE, str(data_dir), str(wav)])
    attempts: list[str] = []
    programs: set[str] = set()
    for number, command in enumerate(commands):
        log = tmp_path / f"strace-{number}.log"
        done = traced(command, log, env=env, cwd=REPO_ROOT, timeout=900)
        assert done.returncode == 0, (command[3:], done.stderr[-2000:])
        trace = read_trace(log)
        attempts += trace.attempts
        programs |= only_python(trace.programs, sys.executable)
    return attempts, programs, home


def test_no_process_attempts_the_network_or_starts_a_program(tmp_path, demo_pdf):
    if speech.ESPEAK is None:
        pytest.skip(speech.SPEECH_MISSING)
    attempts, programs, home = run_traced_session(tmp_path, demo_pdf)
    print(f"\noutbound attempts at the system-call level: {len(attempts)}")
    assert attempts == []
    assert programs == set()  # no gcc/ld (find_library), no helper programs
    assert not (home / ".cache" / "Microsoft").exists()  # onnxruntime's telemetry queue and device id


def test_a_start_of_list_runs_no_other_program(tmp_path):
    """keyring's backend detection used to run gcc and ld (ctypes' find_library) at every start."""
    log = tmp_path / "strace.log"
    command = [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data"), "list"]
    done = traced(command, log, env=_environment(tmp_path), cwd=REPO_ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    trace = read_trace(log)
    assert only_python(trace.programs, sys.executable) == set() and trace.attempts == []


def test_the_trace_catches_a_name_lookup_and_a_find_library_probe(tmp_path):
    probe = ("import socket, ctypes.util\n"
             "try: socket.getaddrinfo('mobile.events.data.microsoft.com', 443)\n"
             "except OSError: pass\n"
             "ctypes.util.find_library('Security')\n")  # fmt: skip
    log = tmp_path / "strace.log"
    traced([sys.executable, "-c", probe], log, env=_environment(tmp_path), timeout=60)
    trace = read_trace(log)
    assert trace.attempts, "a name lookup went unseen"
    assert any(Path(p).name in ("gcc", "ld", "ldconfig", "cc") for p in only_python(trace.programs, sys.executable))


def test_importing_web_pages_and_an_email_attempts_no_network(tmp_path, shared_data):
    """A saved page full of remote scripts, images, frames and styles, the real Aarhus portal page and an
    e-mail with a remote image: read (lxml, lxml_html_clean, trafilatura, the e-mail parser) and searched
    with no connection or name lookup from any process, and no program started."""
    from tests.fixtures.web_pages import mail_with_attachments, saved_agenda_folder

    folder = saved_agenda_folder(tmp_path / "pack")
    mail = tmp_path / "brev.eml"
    mail.write_bytes(bytes(mail_with_attachments()))
    cli = [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "data")]
    env = _environment(tmp_path)
    commands = [[*cli, "import", str(folder)], [*cli, "import", str(shared_data / "aarhus" / "example_agenda.html")],
                [*cli, "import", str(mail)], [*cli, "search", "høringssvar"]]  # fmt: skip
    if importlib.util.find_spec("extract_msg") is not None:  # the optional "outlook" extra
        from tests.unit.test_mail import outlook_letter

        letter = tmp_path / "svar.msg"
        letter.write_bytes(outlook_letter())
        commands.insert(3, [*cli, "import", str(letter)])
    attempts: list[str] = []
    for number, command in enumerate(commands):
        log = tmp_path / f"strace-{number}.log"
        done = traced(command, log, env=env, cwd=REPO_ROOT, timeout=300)
        assert done.returncode == 0, (command[3:], done.stderr[-2000:])
        trace = read_trace(log)
        assert only_python(trace.programs, sys.executable) == set(), command[3:]
        attempts += trace.attempts
    print(f"\noutbound attempts at the system-call level while importing web pages and e-mail: {len(attempts)}")
    assert attempts == []
