"""The data key of a data directory.

One random 256-bit key per data directory encrypts the store (SQLCipher). It is
kept in the OS keychain through `keyring`. Where no keychain exists (headless
Linux, CI) the key is wrapped with a passphrase (scrypt + AES-GCM) and only the
wrapped form is written to disk. `key.json` records which of the two is used —
never the key itself — so a missing keychain entry is reported, not silently
replaced by a new key (that would make the store unreadable).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from app.core.messages import UserError

KEY_FILE = "key.json"
KEYRING_SERVICE = "Moedemappe"
PASSPHRASE_ENV = "MOEDEMAPPE_PASSPHRASE"
_AAD = b"moedemappe data key v1"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


def _keyring_usable() -> bool:
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring install means: no keychain
        return False
    return not isinstance(backend, fail.Keyring | null.Keyring)


def private_directory(path: Path) -> None:
    """Create the data directory readable by its owner only (a shared laptop has other accounts);
    tighten an existing one. Windows ignores the mode: there the user profile's ACL protects it."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and path.stat().st_mode & 0o077:
        path.chmod(0o700)


@dataclass
class KeyStore:
    data_dir: Path
    passphrase: str | None = None  # from the UI dialog; else MOEDEMAPPE_PASSPHRASE

    @property
    def _file(self) -> Path:
        return self.data_dir / KEY_FILE

    @property
    def _account(self) -> str:
        # One keychain entry per data directory.
        return hashlib.sha256(str(self.data_dir.resolve()).encode()).hexdigest()[:24]

    def passphrase_needed(self) -> str | None:
        """'new' (choose one), 'existing' (type it) or None (the keychain holds the key)."""
        if self._file.is_file():
            return "existing" if self._read()["method"] == "passphrase" else None
        return None if _keyring_usable() else "new"

    def data_key(self) -> bytes:
        if not self._file.is_file():
            return self._create()
        info = self._read()
        if info["method"] == "keyring":
            import keyring

            stored = keyring.get_password(KEYRING_SERVICE, self._account) if _keyring_usable() else None
            if stored is None:
                raise UserError("key_missing", path=str(self.data_dir))
            return bytes.fromhex(stored)
        return _unwrap(info, self._require_passphrase())

    def check(self, passphrase: str | None) -> None:
        """Unlocking the app: the typed passphrase (never the environment's) must open the key; a
        keychain-backed key must still be readable from the keychain. Raises UserError otherwise."""
        info = self._read()
        if info["method"] == "passphrase":
            _unwrap(info, passphrase or "")
        else:
            self.data_key()

    def forget(self) -> None:
        """Remove the keychain entry (used by 'delete everything')."""
        if _keyring_usable():
            import keyring
            from keyring.errors import PasswordDeleteError

            try:
                keyring.delete_password(KEYRING_SERVICE, self._account)
            except PasswordDeleteError:
                pass

    def _create(self) -> bytes:
        key = secrets.token_bytes(32)
        info: dict[str, object]
        if _keyring_usable():
            import keyring

            keyring.set_password(KEYRING_SERVICE, self._account, key.hex())
            info = {"version": 1, "method": "keyring"}
        else:
            info = {"version": 1, "method": "passphrase", **_wrap(key, self._require_passphrase())}
        private_directory(self.data_dir)
        staged = self._file.with_suffix(".tmp")
        staged.write_text(json.dumps(info, indent=2), encoding="utf-8")
        os.replace(staged, self._file)
        return key

    def _read(self) -> dict[str, object]:
        try:
            info = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError("key_file_damaged", path=str(self._file)) from exc
        if info.get("method") not in ("keyring", "passphrase"):
            raise UserError("key_file_damaged", path=str(self._file))
        return info

    def _require_passphrase(self) -> str:
        passphrase = self.passphrase or os.environ.get(PASSPHRASE_ENV)
        if not passphrase:
            raise UserError("passphrase_needed")
        return passphrase


def _kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase.encode(), salt=salt, n=n, r=r, p=p, maxmem=128 * 1024 * 1024, dklen=32)


def _wrap(key: bytes, passphrase: str) -> dict[str, object]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    sealed = AESGCM(_kek(passphrase, salt, **_SCRYPT)).encrypt(nonce, key, _AAD)
    return {"kdf": "scrypt", **_SCRYPT, "salt": salt.hex(), "nonce": nonce.hex(), "wrapped_key": sealed.hex()}


def _unwrap(info: dict[str, object], passphrase: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        kek = _kek(passphrase, bytes.fromhex(str(info["salt"])), int(info["n"]), int(info["r"]),  # type: ignore[call-overload]
                   int(info["p"]))  # type: ignore[call-overload]  # fmt: skip
        return AESGCM(kek).decrypt(bytes.fromhex(str(info["nonce"])), bytes.fromhex(str(info["wrapped_key"])), _AAD)
    except InvalidTag as exc:
        raise UserError("wrong_passphrase") from exc
    except (KeyError, ValueError) as exc:
        raise UserError("key_file_damaged", path=KEY_FILE) from exc
