"""Security figures: outbound network attempts at the system-call level during a full run (import,
list, search, ask, brief, transcription; strace -f over every process; aim 0), and programs other
than the interpreter started (aim 0: ctypes' find_library used to run gcc and ld at each start)."""

from __future__ import annotations

import pytest

from tests.fixtures import speech
from tests.fixtures.syscalls import STRACE, STRACE_MISSING
from tests.integration.test_offline_syscalls import run_traced_session

pytestmark = pytest.mark.bench


def test_outbound_attempts_at_the_system_call_level(tmp_path, demo_pdf, record):
    if STRACE is None:
        pytest.skip(STRACE_MISSING)
    if speech.ESPEAK is None:
        pytest.skip(speech.SPEECH_MISSING)
    attempts, programs, home = run_traced_session(tmp_path, demo_pdf)
    record("offline_outbound_syscalls", len(attempts), "attempts in a full run (strace -f, all processes; aim 0)")
    record("offline_programs_started", len(programs), "programs besides the interpreter (aim 0)")
    record("offline_telemetry_files", sum(1 for _ in (home / ".cache" / "Microsoft").rglob("*")),
           "files under ~/.cache/Microsoft (aim 0)")
    print(f"\noutbound attempts: {len(attempts)}, programs started: {sorted(programs)}")
    assert attempts == [] and programs == set()
