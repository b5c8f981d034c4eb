"""packaging/system_deps.sh, the first set-up step: it probes what the app and its tests need, is quick
and silent when all is there, and where it may not install says the exact apt-get command at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "packaging" / "system_deps.sh"

pytestmark = pytest.mark.skipif(sys.platform != "linux" or not shutil.which("apt-get"),
                                reason="the set-up installs system packages on Debian/Ubuntu")  # fmt: skip


def run(extra: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHON": sys.executable, "MOEDEMAPPE_SYSTEM_DEPS_INSTALL": "0",
                   "MOEDEMAPPE_SYSTEM_DEPS_EXTRA": extra, **env}  # fmt: skip
    return subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=environment, timeout=60)


def test_with_everything_present_it_passes_quickly_and_silently():
    started = time.perf_counter()
    done = run()
    assert (done.returncode, done.stdout, done.stderr) == (0, "", ""), done.stderr
    assert time.perf_counter() - started < 5


def test_a_missing_package_stops_with_the_exact_command():
    done = run("moedemappe-test-lib:lib:libmoedemappe-nowhere.so.9 moedemappe-test-tool:cmd:moedemappe-nowhere")
    assert done.returncode == 1
    command = "sudo apt-get update && sudo apt-get install -y --no-install-recommends"
    assert f"{command} moedemappe-test-lib moedemappe-test-tool" in done.stderr


@pytest.mark.parametrize("requirement", ["libpulse0:lib:libpulse.so.0", "strace:cmd:strace",
                                         "tesseract-ocr-dan:file:/usr/share/tesseract-ocr/*/tessdata/dan.traineddata"])
def test_the_probes_find_what_is_installed(requirement):
    """libpulse0 (QtMultimedia), strace (the offline test) and Danish OCR data: installed by the set-up."""
    assert run(requirement).returncode == 0


def test_ci_and_make_use_this_one_list():
    assert "apt-get" not in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "setup: system-deps " in makefile and "bash packaging/system_deps.sh" in makefile
