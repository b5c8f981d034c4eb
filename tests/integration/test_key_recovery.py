"""Key loss, end to end with the real CLI and store: a lost key.json is refused (never a new key, the
data untouched) and IT's key export makes the data readable again. The keychain path is tested with
an in-memory keychain in tests/unit/test_security.py."""

from __future__ import annotations

import os

import pytest

from app.core.security.keys import RECOVERY_PASSPHRASE_ENV, KeyStore
from app.core.store.database import Store

pytestmark = pytest.mark.integration


def test_a_lost_key_file_is_refused_and_a_key_export_restores_the_data(cli, tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    keys = KeyStore(data_dir)  # the suite's MOEDEMAPPE_PASSPHRASE: passphrase mode, as on a headless machine
    store = Store(data_dir / "store.sqlite", keys.data_key())
    with store.transaction() as db:
        store.add_meeting(db, "Møder", "Økonomiudvalget 3. marts", "Økonomiudvalget", "2025-03-03", None, None, True)
    store.close()
    assert "Økonomiudvalget 3. marts" in cli("list", data_dir=data_dir).stdout

    monkeypatch.setenv(RECOVERY_PASSPHRASE_ENV, "IT's gendannelseskode")
    export = tmp_path / "it" / "moedemappe-nøgle.json"
    export.parent.mkdir()
    made = cli("key", "export", "--out", export, data_dir=data_dir)
    assert made.code == 0, made.stderr
    assert export.stat().st_mode & 0o777 == 0o600 and keys.data_key().hex() not in export.read_text()

    (data_dir / "key.json").unlink()
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    refused = cli("list", data_dir=data_dir)
    assert refused.code == 2 and "Nøglefilen mangler" in refused.stderr and "key restore" in refused.stderr
    assert not (data_dir / "key.json").exists()  # no new key: the data stays openable with the old one
    after = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    assert after.keys() == before.keys() and after["store.sqlite"] == before["store.sqlite"]

    monkeypatch.setenv(RECOVERY_PASSPHRASE_ENV, "forkert")
    wrong = cli("key", "restore", export, data_dir=data_dir)
    assert wrong.code == 2 and "Forkert gendannelsesadgangskode" in wrong.stderr
    monkeypatch.setenv(RECOVERY_PASSPHRASE_ENV, "IT's gendannelseskode")
    restored = cli("key", "restore", export, data_dir=data_dir)
    assert restored.code == 0, restored.stderr
    listed = cli("list", data_dir=data_dir)
    assert listed.code == 0 and "Økonomiudvalget 3. marts" in listed.stdout, listed.stderr


def test_key_export_without_a_recovery_passphrase_says_what_to_do(cli, tmp_path, monkeypatch):
    monkeypatch.delenv(RECOVERY_PASSPHRASE_ENV, raising=False)
    result = cli("key", "export", "--out", tmp_path / "k.json", data_dir=tmp_path / "data")
    assert result.code == 2 and RECOVERY_PASSPHRASE_ENV in result.stderr
    assert not (tmp_path / "k.json").exists()
    assert "MOEDEMAPPE_RECOVERY_PASSPHRASE" not in os.environ
