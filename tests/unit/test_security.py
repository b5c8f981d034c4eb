"""The data key: keychain or passphrase-wrapped, never on disk in the clear."""

from __future__ import annotations

import json

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.core.messages import UserError
from app.core.security.keys import KeyStore
from app.core.store.database import Store


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


def _store_with_a_meeting(data_dir, keys: KeyStore) -> None:
    store = Store(data_dir / "store.sqlite", keys.data_key())
    with store.transaction() as db:
        store.add_meeting(db, "Møder", "Byrådsmøde om skolestruktur", None, None, None, None, False)
    store.close()


def _titles(data_dir, key: bytes) -> list[str]:
    store = Store(data_dir / "store.sqlite", key)
    try:
        return [m.title for m in store.meetings()]
    finally:
        store.close()


def test_with_the_key_in_the_keychain_a_lost_key_file_is_refused_and_restored(tmp_path, memory_keyring):
    data_dir = tmp_path / "data"
    keys = KeyStore(data_dir)
    key = keys.data_key()
    _store_with_a_meeting(data_dir, keys)
    keys.export_key(tmp_path / "nøgle.json", "it-afdelingens kode")
    entries = dict(memory_keyring.entries)
    (data_dir / "key.json").unlink()

    for _ in range(2):  # opening twice: still refused, nothing re-keyed
        with pytest.raises(UserError) as caught:
            KeyStore(data_dir).data_key()
        assert caught.value.key == "key_file_missing" and "key restore" in caught.value.message()
    assert memory_keyring.entries == entries and not (data_dir / "key.json").exists()
    assert KeyStore(data_dir).passphrase_needed() is None  # the window asks nothing; opening says what's missing

    with pytest.raises(UserError) as wrong:
        KeyStore(data_dir).restore_key(tmp_path / "nøgle.json", "forkert")
    assert wrong.value.key == "wrong_recovery_passphrase"
    assert KeyStore(data_dir).restore_key(tmp_path / "nøgle.json", "it-afdelingens kode") == "keyring"
    assert KeyStore(data_dir).data_key() == key
    assert _titles(data_dir, key) == ["Byrådsmøde om skolestruktur"]


def test_restore_replaces_a_keychain_entry_only_when_it_does_not_open_the_store(tmp_path, memory_keyring):
    from app.core.security.keys import KEYRING_SERVICE

    data_dir = tmp_path / "data"
    keys = KeyStore(data_dir)
    key = keys.data_key()
    _store_with_a_meeting(data_dir, keys)
    keys.export_key(tmp_path / "nøgle.json", "gendan")
    account = next(user for (_service, user) in memory_keyring.entries)
    # What an older version did: a new key over the keychain entry. That key opens nothing.
    memory_keyring.entries[(KEYRING_SERVICE, account)] = bytes(32).hex()
    with pytest.raises(UserError) as caught:
        Store(data_dir / "store.sqlite", KeyStore(data_dir).data_key())
    assert caught.value.key == "store_unreadable"
    KeyStore(data_dir).restore_key(tmp_path / "nøgle.json", "gendan")
    assert memory_keyring.entries[(KEYRING_SERVICE, account)] == key.hex()
    assert _titles(data_dir, KeyStore(data_dir).data_key()) == ["Byrådsmøde om skolestruktur"]


def test_a_keychain_entry_is_never_overwritten(tmp_path, memory_keyring):
    data_dir = tmp_path / "data"
    key = KeyStore(data_dir).data_key()
    (data_dir / "key.json").unlink()  # no store yet: the directory was emptied by hand
    assert KeyStore(data_dir).data_key() == key  # the entry is used again, not replaced
    other = tmp_path / "other"
    KeyStore(other).data_key()
    KeyStore(other).export_key(tmp_path / "other-key.json", "x")
    (data_dir / "key.json").unlink()
    # a key export of another directory is refused where the keychain holds this one's key
    with pytest.raises(UserError) as caught:
        KeyStore(data_dir).restore_key(tmp_path / "other-key.json", "x")
    assert caught.value.key == "keychain_entry_exists"
    assert KeyStore(data_dir).data_key() == key


def test_in_passphrase_mode_no_key_file_is_written_silently_over_existing_data(tmp_path):
    data_dir = tmp_path / "data"
    keys = KeyStore(data_dir, "min kode")
    key = keys.data_key()
    _store_with_a_meeting(data_dir, keys)
    keys.export_key(tmp_path / "nøgle.json", "gendan")
    with pytest.raises(UserError) as exists:
        keys.export_key(tmp_path / "nøgle.json", "gendan")  # an export is never written over
    assert exists.value.key == "key_export_exists"
    (data_dir / "key.json").unlink()
    with pytest.raises(UserError) as caught:
        KeyStore(data_dir, "min kode").data_key()
    assert caught.value.key == "key_file_missing" and not (data_dir / "key.json").exists()
    # Restored with a new data passphrase (the old one may be what was forgotten).
    assert KeyStore(data_dir, "ny kode").restore_key(tmp_path / "nøgle.json", "gendan") == "passphrase"
    assert KeyStore(data_dir, "ny kode").data_key() == key
    assert _titles(data_dir, key) == ["Byrådsmøde om skolestruktur"]


def test_an_export_of_another_directory_does_not_restore_this_one(tmp_path):
    data_dir, other = tmp_path / "data", tmp_path / "other"
    _store_with_a_meeting(data_dir, KeyStore(data_dir, "a"))
    KeyStore(other, "b").data_key()
    KeyStore(other, "b").export_key(tmp_path / "other.json", "gendan")
    (data_dir / "key.json").unlink()
    with pytest.raises(UserError) as caught:
        KeyStore(data_dir, "a").restore_key(tmp_path / "other.json", "gendan")
    assert caught.value.key == "key_export_wrong_store" and not (data_dir / "key.json").exists()
    (tmp_path / "junk.json").write_text("{}")
    with pytest.raises(UserError) as junk:
        KeyStore(data_dir, "a").restore_key(tmp_path / "junk.json", "gendan")
    assert junk.value.key == "key_export_unreadable"


def test_without_a_configured_backend_only_the_platform_keychain_is_loaded(monkeypatch):
    """keyring's own detection imports every backend; its macOS one runs gcc and ld on Linux."""
    import sys

    import keyring.core

    from app.core.security import keys as security

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.setattr(keyring.core, "_config_path", lambda: __import__("pathlib").Path("/nonexistent/keyringrc.cfg"))
    monkeypatch.delitem(sys.modules, "keyring.backends.macOS.api", raising=False)
    security._choose_platform_keychain()
    chosen = keyring.core._keyring_backend
    assert chosen is not None
    if sys.platform.startswith("linux"):
        assert "keyring.backends.macOS.api" not in sys.modules
        assert type(chosen).__module__.split(".")[-1] in ("SecretService", "kwallet", "fail")


def test_a_lost_keychain_entry_is_refused_and_restored_from_the_export(tmp_path, memory_keyring):
    data_dir = tmp_path / "data"
    keys = KeyStore(data_dir)
    key = keys.data_key()
    _store_with_a_meeting(data_dir, keys)
    keys.export_key(tmp_path / "nøgle.json", "gendan")
    memory_keyring.entries.clear()  # a new laptop profile, a reset keychain
    with pytest.raises(UserError) as caught:
        KeyStore(data_dir).data_key()
    assert caught.value.key == "key_missing" and "key restore" in caught.value.message()
    assert memory_keyring.entries == {}  # nothing was created in its place
    assert KeyStore(data_dir).restore_key(tmp_path / "nøgle.json", "gendan") == "keyring"
    assert _titles(data_dir, KeyStore(data_dir).data_key()) == ["Byrådsmøde om skolestruktur"]
    assert KeyStore(data_dir).data_key() == key


def test_a_key_worked_out_at_start_is_taken_once_by_the_first_open(tmp_path, monkeypatch):
    """start_unlocking derives the key in a thread while the window loads; the first data_key() takes
    it, a wrong passphrase still fails in the caller's thread, and a directory without a key is left
    alone (no key file is created early)."""
    from app.core.security import keys as security

    monkeypatch.delenv("MOEDEMAPPE_PASSPHRASE")
    security.start_unlocking(tmp_path, "korrekt hest batteri")
    assert not (tmp_path / "key.json").exists() and not security._early_keys
    key = KeyStore(tmp_path, "korrekt hest batteri").data_key()
    security.start_unlocking(tmp_path)  # no passphrase to unwrap it with: nothing to start
    assert not security._early_keys
    security.start_unlocking(tmp_path, "korrekt hest batteri")
    assert KeyStore(tmp_path, "korrekt hest batteri").data_key() == key and not security._early_keys
    security.start_unlocking(tmp_path, "forkert")
    with pytest.raises(UserError) as wrong:
        KeyStore(tmp_path, "forkert").data_key()
    assert wrong.value.key == "wrong_passphrase" and not security._early_keys
