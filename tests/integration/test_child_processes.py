"""Every process of the app — the CLI, the model worker, the parser child, the speech child — runs
with core dumps off, with the libraries' telemetry switched off in its environment, and without the
data passphrase in its environment (a child needs none; /proc/<pid>/environ would show it).

A probe on the CLI's PYTHONPATH (a sitecustomize module) records, on each process's first pipe
message, what that process was started with (/proc/self/environ) and whether it can dump core.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.integration.test_offline import transcribe

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/environ")]

PROBE_LOG_ENV = "MOEDEMAPPE_TEST_CHILD_LOG"
PROBE = '''
import json, multiprocessing, os, sys
from multiprocessing import connection

_send = connection.Connection.send
_seen = []


def _probing_send(self, obj):
    if not _seen:
        _seen.append(True)
        from app.core.security.hardening import core_dumps_disabled

        with open("/proc/self/environ", "rb") as env:
            started_with = dict(v.split(b"=", 1) for v in env.read().split(b"\\0") if b"=" in v)
        entry = {
            "pid": os.getpid(), "name": multiprocessing.current_process().name,
            "no_core_dumps": core_dumps_disabled(),
            "passphrase_inherited": b"MOEDEMAPPE_PASSPHRASE" in started_with,
            "ort_telemetry_off": started_with.get(b"ORT_DISABLE_TELEMETRY") == b"1",
        }
        with open(os.environ["%(log)s"], "a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\\n")
    return _send(self, obj)


connection.Connection.send = _probing_send
''' % {"log": PROBE_LOG_ENV}


def test_children_start_hardened_and_without_the_passphrase(cli, tmp_path, demo_pdf, monkeypatch):
    probe_dir = tmp_path / "probe"
    probe_dir.mkdir()
    (probe_dir / "sitecustomize.py").write_text(PROBE, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(probe_dir))
    monkeypatch.setenv(PROBE_LOG_ENV, str(tmp_path / "children.jsonl"))
    monkeypatch.delenv("ORT_DISABLE_TELEMETRY", raising=False)  # the app must set it, not the test

    data_dir = tmp_path / "data"
    result = cli("import", demo_pdf, "--wait-for-vectors", data_dir=data_dir)  # the model worker embeds
    assert result.code == 0, result.stderr
    transcribe(tmp_path / "tone.wav", data_dir)

    log = tmp_path / "children.jsonl"
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    children = [e for e in entries if e["name"] != "MainProcess"]
    names = {e["name"] for e in children}
    assert "model-worker" in names and "recording-worker" in names, names
    assert any(n.startswith("SpawnProcess") for n in names), names  # the parser child
    assert all(e["no_core_dumps"] for e in entries), entries
    assert not any(e["passphrase_inherited"] for e in children), children
    assert all(e["ort_telemetry_off"] for e in children), children


def test_the_main_process_cannot_dump_core_and_forgets_the_passphrase(tmp_path):
    import subprocess

    script = ("import os, sys; sys.argv = ['moedemappe', '--data-dir', sys.argv[1], 'list'];"
              "from app.main import main; main();"
              "from app.core.security.hardening import core_dumps_disabled;"
              "print(core_dumps_disabled(), 'MOEDEMAPPE_PASSPHRASE' in os.environ, os.environ['ORT_DISABLE_TELEMETRY'])")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "data")], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "True False 1"
