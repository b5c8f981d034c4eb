"""While a pack imports in one process, `list` and `search` from another read the store (SQLite WAL:
the last commit) instead of refusing with "kører allerede"; a second writer is still refused.

Slow (~40 s on a 2-core machine) for a reason: it needs a real import that is still running while the
readers run, so it imports the 48-page demo pack and waits for its vectors (the text is committed first,
then the process goes on embedding with the writer lock held)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from filelock import FileLock, Timeout

from app.core.security.keys import KeyStore
from app.core.store.database import Store
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.integration


def _writer_lock_held(data_dir) -> bool:
    try:
        FileLock(str(data_dir / ".lock")).acquire(timeout=0).lock.release()
    except Timeout:
        return True
    return False


def test_list_and_search_read_while_an_import_runs(cli, tmp_path, demo_pdf):
    data_dir = tmp_path / "data"
    store = Store(data_dir / "store.sqlite", KeyStore(data_dir).data_key())
    with store.transaction() as db:
        store.add_meeting(db, "Møder", "Økonomiudvalget 3. marts", "Økonomiudvalget", "2025-03-03", None, None, True)
    store.close()

    importing = subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(data_dir), "import", str(demo_pdf),
                                  "--wait-for-vectors"],
                                 cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not _writer_lock_held(data_dir):
            assert importing.poll() is None and time.monotonic() < deadline, importing.communicate()
            time.sleep(0.05)

        listed = cli("list", "--json", data_dir=data_dir)
        assert listed.code == 0, listed.stderr
        seen = json.loads(listed.stdout)
        assert "Økonomiudvalget 3. marts" in [m["title"] for m in seen]
        searched = cli("search", "byggesagsgebyr", "--json", data_dir=data_dir)
        assert searched.code == 0, searched.stderr
        second = cli("import", demo_pdf, data_dir=data_dir)
        assert second.code == 2 and "kører allerede" in second.stderr  # one writer at a time
        assert importing.poll() is None, "the import ended before the readers ran: the test proved nothing"
    finally:
        out, err = importing.communicate(timeout=600)
    assert importing.returncode == 0, err
    final = json.loads(cli("list", "--json", data_dir=data_dir).stdout)
    assert len(final) == 2 and "Økonomiudvalget 3. marts" in [m["title"] for m in final]
    # A meeting a reader saw during the import was whole: never a half import.
    assert all(meeting in final for meeting in seen)
    hits = json.loads(cli("search", "byggesagsgebyr", "--json", data_dir=data_dir).stdout)
    assert hits, "the finished import is searchable"
