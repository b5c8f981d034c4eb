"""Fixtures shared by all tests: real shared data, data directories and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"

# Tests never touch the real per-user data directory or the network.
os.environ.pop("MOEDEMAPPE_DATA_DIR", None)
os.environ.pop("MOEDEMAPPE_LANG", None)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HF_HUB_OFFLINE"] = "1"
# Tests that run onnxruntime in this process (the e5 converter, raw baselines) keep its telemetry off,
# as the app does in every one of its own processes (app.core.security.offline.OFFLINE_ENV).
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
# No test touches the developer's real keychain: the null backend means "no keychain", so every
# data directory in the tests (and in the CLI subprocesses they start) is passphrase-wrapped.
# Tests of the keychain path install an in-memory backend explicitly.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
os.environ["MOEDEMAPPE_PASSPHRASE"] = "test-passphrase for the suite"
# The suite runs the tiny chat model (Gemma 3 270M: fast, extractive answers); the few tests that need
# the standard model's real answers set MOEDEMAPPE_CHAT_MODEL themselves (see tests/integration/test_answer_model.py).
os.environ.setdefault("MOEDEMAPPE_CHAT_MODEL", "gemma-3-270m-q4_k_m")
# No machine-wide IT policy of the test machine applies: tests that need one write their own.
os.environ["MOEDEMAPPE_POLICY_FILE"] = str(REPO_ROOT / "tests" / "no-such-policy.toml")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    assert SHARED_DATA.is_dir(), f"shared data missing: {SHARED_DATA}"
    return SHARED_DATA


@pytest.fixture(scope="session")
def demo_pdf() -> Path:
    return REPO_ROOT / "resources" / "samples" / "demo-byraad-2023-10-02.pdf"


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str | os.PathLike[str], data_dir: Path | None = None, timeout: float = 300) -> CliResult:
    """Run the real `moedemappe` command in a subprocess, as a user or IT script would."""
    command = [sys.executable, "-m", "app"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    command += [str(a) for a in args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO_ROOT)
    return CliResult(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cli():
    return run_cli
