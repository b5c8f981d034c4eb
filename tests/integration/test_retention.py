"""Retention of closed items, the audit log and "Slet alt", on a real pack with a closed item."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.core.library import PURGED_TITLE, Library
from app.core.store.database import Store
from tests.fixtures import greve

pytestmark = pytest.mark.integration

SECRET = "Grunden på Havnevej 12 sælges til Ølby Byg ApS for 4,2 mio. kr."
OPEN_TEXT = "Cykelstien langs Hundige Strandvej forlænges med 800 meter."


def pack(tmp_path: Path) -> Path:
    meeting = {
        "committee": "Byrådet", "date": "2023-03-01", "place": "Rådhuset", "kind": "referat",
        "items": [
            {"number": 1, "title": "Cykelsti langs Hundige Strandvej", "case_number": "23-000101", "closed": False,
             "sections": [("Resume", OPEN_TEXT), ("Beslutning", "Godkendt.")], "attachments": []},
            # "closed": False makes the renderer print the body; the "Lukket:" title marks it closed.
            {"number": 2, "title": "Lukket: Salg af grund", "case_number": "23-000202", "closed": False,
             "sections": [("Resume", SECRET), ("Beslutning", "Godkendt.")], "attachments": []},
        ],
    }  # fmt: skip
    return greve.render_pdf(meeting, tmp_path / "byraad-2023-03-01.pdf")


def decrypted_dump(library: Library) -> bytes:
    store = Store(library.data_dir / "store.sqlite", library.keys.data_key())
    tables = [r[0] for r in store._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    dump = b"".join(repr(row).encode() for t in tables for row in store._db.execute(f'SELECT * FROM "{t}"'))
    store.close()
    return dump


def test_closed_items_past_retention_are_removed_and_the_rest_stays(tmp_path: Path) -> None:
    with Library(tmp_path / "data") as library:
        result = library.import_paths([pack(tmp_path)])
        rules = {"Møder": 30}
        assert library.closed_items_due(rules, date(2023, 3, 20)) == []  # 11 days before expiry
        [warning] = library.closed_items_due(rules, date(2023, 3, 20), within_days=14)
        assert warning.item_number == 2 and warning.expires == date(2023, 3, 31)
        assert any(h.item_number == 2 for h in library.search("Havnevej Ølby Byg", mode="lexical"))

        [removed] = library.apply_retention(rules, date(2023, 4, 1))

        assert removed.item_number == 2
        assert not any(h.item_number == 2 for h in library.search("Havnevej Ølby Byg grund", mode="lexical"))
        assert library.search("cykelsti Hundige", mode="lexical")[0].item_number == 1
        assert library.apply_retention(rules, date(2023, 4, 2)) == []  # nothing left to remove
        item = next(i for i in library.outline()[0].items if i.number == 2)
        assert item.title == PURGED_TITLE and item.case_number is None
        # The original PDF held the closed pages, so it is gone; the text of the open item remains.
        content = library.open_document(result.meeting_id, "byraad-2023-03-01.pdf", mark_opened=False)
        assert content.content is None and any("Cykelstien" in page for page in content.pages)
        library.close()
        dump = decrypted_dump(library)
        for form in ("Havnevej".encode(), "Ølby".encode(), "4,2 mio".encode()):
            assert form not in dump
        assert b"Cykelstien" in dump
        events = [event for _at, event, _detail in Library(tmp_path / "data").audit_log()]
        assert events[:2] == ["retention", "import"]


def test_audit_log_records_imports_deletions_exports_and_failed_unlocks(tmp_path: Path, monkeypatch) -> None:
    with Library(tmp_path / "data") as library:
        result = library.import_paths([pack(tmp_path)])
        library.record_export("Svar kopieret (2 kilder)")
        library.lock()
        for wrong in ("forkert", "igen forkert"):
            with pytest.raises(Exception):
                library.unlock(wrong)
        library.unlock("test-passphrase for the suite")
        library.delete(result.meeting_id)
        log = library.audit_log()
    assert [event for _at, event, _detail in log] == ["delete", "unlock_failed", "export", "import"]
    assert "2 forkerte" in log[1][2] and log[0][2].startswith(f"møde {result.meeting_id}: 1 fil(er)")
    # No entry names the deleted meeting: ids and counts only.
    assert not any("Byrådet" in detail or "byraad" in detail for _at, _event, detail in log)


def test_delete_everything_leaves_an_empty_data_directory(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    library = Library(data_dir)
    library.import_paths([pack(tmp_path)])
    library.delete_everything()
    assert data_dir.is_dir() and list(data_dir.iterdir()) == []
    with Library(data_dir) as fresh:  # a new, empty store with a new key
        assert fresh.meetings() == []
