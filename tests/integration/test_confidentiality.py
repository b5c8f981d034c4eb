"""No plaintext of meeting material on disk outside the encrypted store, and delete leaves no trace."""

from __future__ import annotations

import json

import pytest

from app.core.library import Library
from app.core.store.database import Store
from tests.fixtures.traces import meeting_vectors, raw_bytes, vector_traces

pytestmark = pytest.mark.integration

# Distinctive sentences of the demo pack (page 39 and a closed item's case).
SECRETS = [
    "byggesagsgebyret for 2024 fastsættes til 786 kr",
    "Klimastrandvej",
    "Godkendelse af tillæg til betinget grundkøbsaftale",
    "Saksild Strand",
]


def encodings(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.lower().encode("utf-8")]


def test_imported_text_is_nowhere_on_disk_in_the_clear(cli, tmp_path, demo_pdf, shared_data):
    data_dir = tmp_path / "data"
    assert cli("import", demo_pdf, data_dir=data_dir).code == 0
    assert cli("import", shared_data / "aarhus" / "dagsbil.pdf", data_dir=data_dir).code == 0
    assert cli("search", "Klimastrandvej", data_dir=data_dir).code == 0
    raw = raw_bytes(data_dir)
    assert len(raw) > 100_000  # the scan really read the store and the vectors
    for secret in SECRETS:
        for form in encodings(secret):
            assert form not in raw, secret
    assert b"SQLite format 3" not in (data_dir / "store.sqlite").read_bytes()[:16]


def test_delete_removes_every_trace(cli, tmp_path, shared_data, demo_pdf):
    data_dir = tmp_path / "data"
    assert cli("import", demo_pdf, "--wait-for-vectors", data_dir=data_dir).code == 0  # a meeting that stays
    report = json.loads(cli("import", shared_data / "aarhus" / "dagsbil.pdf", "--json", "--wait-for-vectors",
                            data_dir=data_dir).stdout)
    meeting_id = report["meeting_id"]
    with Library(data_dir) as library:
        title = library.store.meeting(meeting_id).title
        deleted_vectors = meeting_vectors(library, meeting_id)
        kept = library.index.count() - len(deleted_vectors)
    assert len(deleted_vectors) == report["chunks"] and kept > 0
    # The scan can fail: before the delete it finds them (the write-ahead queue alone holds every one).
    assert vector_traces(data_dir / "vectors", deleted_vectors, meeting_id) >= len(deleted_vectors)
    assert cli("delete", str(meeting_id), data_dir=data_dir).code == 0
    assert vector_traces(data_dir / "vectors", deleted_vectors, meeting_id) == 0
    # Look inside the decrypted store too: every table, the full-text index's own tables and the audit log included.
    with Library(data_dir) as library:
        assert library.index.count() == kept
        assert library.search("byggesagsgebyret", mode="vector")  # the other meeting's vectors still answer
        key = library.keys.data_key()
        library.close()
        store = Store(data_dir / "store.sqlite", key)
        tables = [r[0] for r in store._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        dump = b"".join(
            repr(row).encode() for table in tables for row in store._db.execute(f'SELECT * FROM "{table}"')
        )
        audit = store.audit_entries()
        store.close()
    assert b"Saksild" not in dump and b"saksild" not in dump and b"dagsbil" not in dump
    assert title.encode() not in dump and title.encode("unicode_escape") not in dump
    assert [event for _at, event, _detail in audit][:2] == ["delete", "import"]
