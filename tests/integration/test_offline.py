"""The real CLI, children included, makes no network attempt; and the guard is live in every process.

The CLI runs with the guard in "record" mode (every refused attempt is logged) and with a probe on
its PYTHONPATH (a sitecustomize module) that:

* adds an audit hook: a witness independent of the guard, which logs every socket operation that
  reaches the C level for a host off the machine (one the guard failed to stop);
* on each process's first pipe message (the CLI, the model worker and the parser children all
  send one) checks that the guard is installed there, and makes one attempt to a TEST-NET address
  that the guard must refuse and record — so "nothing recorded" cannot mean "not recording".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.security.offline import GUARD_ENV, LOG_ENV

pytestmark = pytest.mark.integration

PROBE_LOG_ENV = "MOEDEMAPPE_TEST_PROBE_LOG"
PROBE_TARGET = ("192.0.2.1", 9)  # RFC 5737: never routed; the guard refuses it before any packet
PROBE = '''
import ipaddress, json, multiprocessing, os, socket, sys
from multiprocessing import connection

_LOG = os.environ["%(log)s"]
_EVENTS = {"socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
           "socket.gethostbyname", "socket.gethostbyaddr"}


def _write(entry):
    entry.update(pid=os.getpid(), name=multiprocessing.current_process().name, argv=sys.orig_argv)
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps(entry, default=repr) + "\\n")


def _off_machine(host):
    if host is None or str(host).lower() == "localhost" or isinstance(host, int):
        return False
    try:
        address = ipaddress.ip_address(str(host).split("%%")[0])
    except ValueError:
        return True
    mapped = getattr(address, "ipv4_mapped", None)
    return not (address.is_loopback or (mapped is not None and mapped.is_loopback))


def _witness(event, args):
    if event not in _EVENTS:
        return
    target = args[1] if event in ("socket.connect", "socket.sendto", "socket.sendmsg") else args[0]
    host = target[0] if isinstance(target, tuple) else target
    if _off_machine(host):
        _write({"kind": "leak", "event": event, "target": target})


_send = connection.Connection.send
_probed = []


def _probing_send(self, obj):
    if not _probed:
        _probed.append(True)
        guarded = getattr(socket.socket.connect, "_offline_guard", False)
        if guarded:
            try:
                socket.create_connection(%(target)r, timeout=1)
            except OSError:
                pass
        _write({"kind": "probe", "guarded": guarded})
    return _send(self, obj)


sys.addaudithook(_witness)
connection.Connection.send = _probing_send
''' % {"log": PROBE_LOG_ENV, "target": PROBE_TARGET}


@pytest.fixture
def recorded(tmp_path, monkeypatch):
    """Run CLI subprocesses in record mode with the probe; yields the two logs' readers."""
    probe_dir = tmp_path / "probe"
    probe_dir.mkdir()
    (probe_dir / "sitecustomize.py").write_text(PROBE, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(probe_dir))
    monkeypatch.setenv(GUARD_ENV, "record")
    monkeypatch.setenv(LOG_ENV, str(tmp_path / "network.jsonl"))
    monkeypatch.setenv(PROBE_LOG_ENV, str(tmp_path / "probe.jsonl"))
    return lambda name: read_jsonl(tmp_path / name)


def read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def is_probe_attempt(entry: dict) -> bool:
    return (entry["host"], entry["port"]) == PROBE_TARGET and any("sitecustomize" in f for f in entry["stack"])


TRANSCRIBE = """
import sys
from pathlib import Path
from app.core.security.hardening import disable_core_dumps
from app.core.security.offline import install_guard
from app.core.security.keys import take_secrets_from_environment
install_guard()
take_secrets_from_environment()
disable_core_dumps()
from app.core.library import Library
with Library(Path(sys.argv[1])) as library:
    library.import_recording(library.meetings()[0].id, Path(sys.argv[2]))
"""


def transcribe(wav: Path, data_dir: Path) -> None:
    """A real transcription (faster-whisper in its child process) of a short tone, as the window does it."""
    import math
    import struct
    import subprocess
    import sys
    import wave

    with wave.open(str(wav), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / 16_000)))
                                 for i in range(16_000 * 2)))  # fmt: skip
    done = subprocess.run([sys.executable, "-c", TRANSCRIBE, str(data_dir), str(wav)], capture_output=True,
                          text=True, timeout=600, cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_the_cli_makes_no_network_attempt_in_any_process(cli, tmp_path, demo_pdf, recorded):
    data_dir = tmp_path / "data"
    commands = [
        ("import", demo_pdf),
        ("list",),
        ("search", "byggesagsgebyr 2024"),
        ("ask", "Hvad bliver byggesagsgebyret pr. time i 2024?"),
        ("brief", "1"),
    ]
    for command in commands:
        result = cli(*command, data_dir=data_dir)
        assert result.code == 0, (command, result.stderr)
    transcribe(tmp_path / "tone.wav", data_dir)

    attempts = recorded("network.jsonl")
    probes = [e for e in recorded("probe.jsonl") if e["kind"] == "probe"]
    leaks = [e for e in recorded("probe.jsonl") if e["kind"] == "leak"]
    assert [e for e in attempts if not is_probe_attempt(e)] == []  # the app itself tried nothing
    assert leaks == []  # and nothing got past the guard to the C level either
    # The guard was live in the CLI, the model worker and the parser child, and recorded there.
    assert probes and all(p["guarded"] for p in probes), probes
    names = {p["name"] for p in probes}
    assert {"MainProcess", "model-worker"} <= names and any(n.startswith("SpawnProcess") for n in names), names
    assert {e["pid"] for e in attempts} == {p["pid"] for p in probes}
