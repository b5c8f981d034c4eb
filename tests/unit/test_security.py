"""The data key: keychain or passphrase-wrapped, never on disk in the clear."""

from __future__ import annotations

import json

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.core.messages import UserError
from app.core.security import KeyStore
from app.core.store import Store


class MemoryKeyring(KeyringBackend):
    """An explicit in-memory keychain for tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_keychain_holds_the_key_and_key_file_holds_no_secret(tmp_path, memory_keyring):
    keys = KeyStore(tmp_path)
    assert keys.passphrase_needed() is None
    key = keys.data_key()
    assert KeyStore(tmp_path).data_key() == key and len(key) == 32
    assert json.loads((tmp_path / "key.json").read_text()) == {"version": 1, "method": "keyring"}
    keys.forget()
    with pytest.raises(UserError) as caught:
        KeyStore(tmp_path).data_key()  # never silently a new key: that would orphan the data
    assert caught.value.key == "key_missing"


def test_without_keychain_the_key_is_wrapped_by_the_passphrase(tmp_path, monkeypatch):
    monkeypatch.delenv("MOEDEMAPPE_PASSPHRASE")
    assert KeyStore(tmp_path).passphrase_needed() == "new"
    with pytest.raises(UserError) as caught:
        KeyStore(tmp_path).data_key()
    assert caught.value.key == "passphrase_needed"
    key = KeyStore(tmp_path, "korrekt hest batteri").data_key()
    stored = (tmp_path / "key.json").read_text()
    assert key.hex() not in stored and "korrekt" not in stored
    assert KeyStore(tmp_path).passphrase_needed() == "existing"
    assert KeyStore(tmp_path, "korrekt hest batteri").data_key() == key
    with pytest.raises(UserError) as wrong:
        KeyStore(tmp_path, "forkert").data_key()
    assert wrong.value.key == "wrong_passphrase"


def test_store_is_encrypted_and_refuses_a_wrong_key(tmp_path):
    store = Store(tmp_path / "store.sqlite", bytes(32))
    with store.transaction() as db:
        store.add_meeting(db, "Møder", "Hemmeligt lukket punkt om grundsalg", None, None, None, None, False)
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert b"grundsalg" not in raw and b"SQLite format 3" not in raw
    with pytest.raises(UserError) as caught:
        Store(tmp_path / "store.sqlite", bytes([1]) * 32)
    assert caught.value.key == "store_unreadable"


def test_a_plaintext_store_from_before_encryption_is_encrypted_in_place(tmp_path):
    import sqlite3

    plain = sqlite3.connect(tmp_path / "store.sqlite")
    plain.execute("CREATE TABLE t (x TEXT)")
    plain.execute("INSERT INTO t VALUES ('fortroligt indhold')")
    plain.execute("PRAGMA user_version = 99")
    plain.commit()
    plain.close()
    store = Store(tmp_path / "store.sqlite", bytes(32))
    assert store.schema_version == 99
    assert b"fortroligt" not in (tmp_path / "store.sqlite").read_bytes()


def test_lock_closes_the_store_and_only_the_typed_passphrase_unlocks(tmp_path, monkeypatch):
    from app.core.library import Library
    from app.core.messages import UserError

    monkeypatch.setenv("MOEDEMAPPE_PASSPHRASE", "rigtig kode")
    library = Library(tmp_path / "data")
    assert library.meetings() == []
    library.lock()
    with pytest.raises(UserError) as caught:
        library.meetings()
    assert caught.value.key == "app_locked"
    for wrong in ("forkert kode", None):  # the environment's passphrase does not count while locked
        with pytest.raises(UserError):
            library.unlock(wrong)
        assert library.locked
    library.unlock("rigtig kode")
    assert library.meetings() == [] and not library.locked
    library.close()


def test_the_data_directory_is_readable_by_its_owner_only(tmp_path):
    from app.core.library import Library

    data_dir = tmp_path / "data"
    with Library(data_dir) as library:
        library.meetings()
    assert data_dir.stat().st_mode & 0o777 == 0o700
    data_dir.chmod(0o755)  # an existing directory from an earlier build is tightened
    with Library(data_dir) as library:
        library.meetings()
    assert data_dir.stat().st_mode & 0o777 == 0o700
