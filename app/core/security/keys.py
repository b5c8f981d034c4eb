"""The data key of a data directory.

One random 256-bit key per data directory encrypts the store (SQLCipher). It is
kept in the OS keychain through `keyring`. Where no keychain exists (headless
Linux, CI) the key is wrapped with a passphrase (scrypt + AES-GCM) and only the
wrapped form is written to disk. `key.json` records which of the two is used —
never the key itself — so a missing keychain entry is reported, not silently
replaced by a new key (that would make the store unreadable).

A key is created only for a data directory without data: when the store exists but
its key (key.json or the keychain entry) is missing, opening refuses and says how to
restore it, and an existing keychain entry is never overwritten. For IT, the data key
can be exported to a file wrapped with a recovery passphrase and restored from it.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.messages import UserError

if TYPE_CHECKING:
    from concurrent.futures import Future
# hashlib (OpenSSL), secrets and concurrent.futures are imported where a key is made, derived or worked
# out ahead: every start of the window imports this module, and most have no key to work out (~10 ms).

KEY_FILE = "key.json"
KEYRING_SERVICE = "Moedemappe"
PASSPHRASE_ENV = "MOEDEMAPPE_PASSPHRASE"
RECOVERY_PASSPHRASE_ENV = "MOEDEMAPPE_RECOVERY_PASSPHRASE"  # for IT scripts: `moedemappe key export/restore`
STORE_FILE = "store.sqlite"
EXPORT_FORMAT = "moedemappe-key-export"
_AAD = b"moedemappe data key v1"
_EXPORT_AAD = b"moedemappe key export v1"
# Read once at start and removed from the environment (take_secrets_from_environment), so that no
# child process (model worker, parsers, speech) inherits them.
_environment_secrets: dict[str, str] = {}
# Where no keyring backend is configured, only the platform's own keychain is asked: keyring's
# detection imports every backend, and its macOS one runs ctypes' find_library (gcc, ld) on Linux.
_PLATFORM_KEYCHAINS = {
    "linux": ("keyring.backends.SecretService.Keyring", "keyring.backends.kwallet.DBusKeyring"),
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
    "darwin": ("keyring.backends.macOS.Keyring",),
}


def take_secrets_from_environment() -> None:
    """Move the passphrases out of os.environ into this process's memory (called first in main()):
    spawned children get a copy of the environment, and none of them needs a passphrase."""
    for name in (PASSPHRASE_ENV, RECOVERY_PASSPHRASE_ENV):
        value = os.environ.pop(name, None)
        if value:
            _environment_secrets[name] = value


def environment_secret(name: str) -> str | None:
    """A passphrase given in the environment, whether or not it was already taken out of it."""
    return _environment_secrets.get(name) or os.environ.get(name) or None
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


def _keyring_usable() -> bool:
    try:
        import keyring
        from keyring.backends import fail, null

        _choose_platform_keychain()
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring install means: no keychain
        return False
    return not isinstance(backend, fail.Keyring | null.Keyring)


def _choose_platform_keychain() -> None:
    """Set the platform's keychain as keyring's backend, unless one was chosen already (a test, the
    user's PYTHON_KEYRING_BACKEND or keyringrc.cfg, which keyring's own detection honours)."""
    import sys

    import keyring.core

    if getattr(keyring.core, "_keyring_backend", None) is not None or os.environ.get("PYTHON_KEYRING_BACKEND"):
        return
    try:
        configured = keyring.core._config_path().is_file()
    except Exception:  # noqa: BLE001 - no config root on this platform: nothing configured
        configured = False
    if configured:
        return
    from keyring.backends import fail

    viable = []
    for name in next((v for k, v in _PLATFORM_KEYCHAINS.items() if sys.platform.startswith(k)), ()):
        try:
            backend = keyring.core.load_keyring(name)  # raises where the keychain is not available
        except Exception:  # noqa: BLE001 - not installed, no D-Bus session, ...: not this one
            continue
        viable.append(backend)
    keyring.set_keyring(max(viable, key=lambda b: b.priority, default=fail.Keyring()))


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
        import hashlib

        return hashlib.sha256(str(self.data_dir.resolve()).encode()).hexdigest()[:24]

    def passphrase_needed(self) -> str | None:
        """'new' (choose one), 'existing' (type it) or None (the keychain holds the key, or there is
        nothing to ask: the key is missing, which opening the data reports)."""
        if self._file.is_file():
            return "existing" if self._read()["method"] == "passphrase" else None
        if self.has_data():
            return None
        return None if _keyring_usable() else "new"

    def has_data(self) -> bool:
        """Whether the directory holds encrypted data: then its key must never be replaced."""
        return (self.data_dir / STORE_FILE).is_file()

    def data_key(self) -> bytes:
        early = _early_keys.pop((self.data_dir.resolve(), self.passphrase), None)
        if early is not None:
            try:
                return early.result()
            except Exception:  # noqa: BLE001 - worked out again here, which raises the error in this thread
                pass
        return self._derive()

    def _derive(self) -> bytes:
        if not self._file.is_file():
            if self.has_data():
                raise UserError("key_file_missing", path=str(self._file))
            return self._create()
        info = self._read()
        if info["method"] == "keyring":
            stored = self._keychain_entry()
            if stored is None:
                raise UserError("key_missing", path=str(self.data_dir))
            return bytes.fromhex(stored)
        return _unwrap(info, self._require_passphrase())

    def _keychain_entry(self) -> str | None:
        if not _keyring_usable():
            return None
        import keyring

        return keyring.get_password(KEYRING_SERVICE, self._account)

    def export_key(self, target: Path, recovery_passphrase: str) -> None:
        """Write the data key, wrapped with a recovery passphrase (scrypt + AES-GCM), to a new file
        that IT keeps apart from the laptop. Needs the key itself: keychain or passphrase."""
        if not recovery_passphrase:
            raise UserError("recovery_passphrase_needed")
        key = self.data_key()
        info = {"format": EXPORT_FORMAT, "version": 1, **_wrap(key, recovery_passphrase, _EXPORT_AAD)}
        try:
            with open(target, "x", encoding="utf-8") as out:  # never over an existing file
                os.chmod(target, 0o600)
                out.write(json.dumps(info, indent=2))
        except FileExistsError as exc:
            raise UserError("key_export_exists", path=str(target)) from exc
        except OSError as exc:
            raise UserError("key_export_failed", path=str(target), detail=exc.strerror or str(exc)) from exc

    def restore_key(self, source: Path, recovery_passphrase: str) -> str:
        """Make the data readable again with an exported key: into the keychain where there is one,
        else wrapped with the data passphrase. Returns the method used.

        With a store present the key must open it, and then it is the store's one key: a key.json
        (a forgotten passphrase, a lost keychain entry) may be replaced without losing anything.
        Without a store an existing key.json is never replaced (it could hold another key)."""
        key = _read_export(source, recovery_passphrase)
        if self.has_data():
            store = self.data_dir / STORE_FILE
            if not key_opens(store, key):
                raise UserError("key_export_wrong_store", path=str(source))
            stale = self._keychain_entry()
            if stale is not None and stale != key.hex() and not key_opens(store, bytes.fromhex(stale)):
                self.forget()  # an entry proven not to open this store (a key made by an older version)
        elif self._file.is_file():
            raise UserError("key_file_exists", path=str(self._file))
        return self._install(key)

    def _create(self) -> bytes:
        # A keychain entry left from a directory emptied by hand is still a valid key: use it, never
        # overwrite it (it may be the only copy of the key to data restored from a backup).
        import secrets

        leftover = self._keychain_entry()
        key = bytes.fromhex(leftover) if leftover else secrets.token_bytes(32)
        self._install(key)
        return key

    def _install(self, key: bytes) -> str:
        """Record the key for this directory (keychain entry, else passphrase-wrapped) and write
        key.json. Returns the method. An existing keychain entry with another key is refused."""
        info: dict[str, object]
        if _keyring_usable():
            import keyring

            existing = keyring.get_password(KEYRING_SERVICE, self._account)
            if existing is None:
                keyring.set_password(KEYRING_SERVICE, self._account, key.hex())
            elif existing != key.hex():
                raise UserError("keychain_entry_exists", path=str(self.data_dir))
            info = {"version": 1, "method": "keyring"}
        else:
            info = {"version": 1, "method": "passphrase", **_wrap(key, self._require_passphrase())}
        private_directory(self.data_dir)
        staged = self._file.with_suffix(".tmp")
        staged.write_text(json.dumps(info, indent=2), encoding="utf-8")
        os.replace(staged, self._file)
        return str(info["method"])

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

    def _read(self) -> dict[str, object]:
        try:
            info = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError("key_file_damaged", path=str(self._file)) from exc
        if info.get("method") not in ("keyring", "passphrase"):
            raise UserError("key_file_damaged", path=str(self._file))
        return info

    def _require_passphrase(self) -> str:
        passphrase = self.passphrase or environment_secret(PASSPHRASE_ENV)
        if not passphrase:
            raise UserError("passphrase_needed")
        return passphrase


# Data keys worked out ahead of the first open (start_unlocking), by directory and passphrase.
_early_keys: dict[tuple[Path, str | None], Future[bytes]] = {}


def start_unlocking(data_dir: Path, passphrase: str | None = None) -> None:
    """Work out a data directory's key in a thread now, while the app still imports Qt and builds
    its window: scrypt (a passphrase-wrapped key, ~0.3-0.6 s) lets go of the GIL, and a keychain
    answers over D-Bus. The first KeyStore.data_key() of that directory takes the result, once. A
    directory without a key, or one whose passphrase is still to be typed, is left alone."""
    store = KeyStore(data_dir, passphrase)
    try:
        if store._read()["method"] == "passphrase" and not (passphrase or environment_secret(PASSPHRASE_ENV)):
            return
    except UserError:  # no key file yet (creating one writes files) or a damaged one: opening says so
        return
    from concurrent.futures import Future

    future: Future[bytes] = Future()

    def work() -> None:
        try:
            future.set_result(store._derive())
        except BaseException as exc:  # noqa: BLE001 - handed to data_key(), which derives again
            future.set_exception(exc)

    _early_keys[(data_dir.resolve(), passphrase)] = future
    threading.Thread(target=work, name="data-key", daemon=True).start()


def _kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    import hashlib

    return hashlib.scrypt(passphrase.encode(), salt=salt, n=n, r=r, p=p, maxmem=128 * 1024 * 1024, dklen=32)


def _wrap(key: bytes, passphrase: str, aad: bytes = _AAD) -> dict[str, object]:
    import secrets

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    sealed = AESGCM(_kek(passphrase, salt, **_SCRYPT)).encrypt(nonce, key, aad)
    return {"kdf": "scrypt", **_SCRYPT, "salt": salt.hex(), "nonce": nonce.hex(), "wrapped_key": sealed.hex()}


def _unwrap(info: dict[str, object], passphrase: str, aad: bytes = _AAD) -> bytes:
    try:
        kek = _kek(passphrase, bytes.fromhex(str(info["salt"])), int(info["n"]), int(info["r"]),  # type: ignore[call-overload]
                   int(info["p"]))  # type: ignore[call-overload]  # fmt: skip
    except (KeyError, ValueError) as exc:
        raise UserError("key_file_damaged", path=KEY_FILE) from exc
    # Imported after scrypt, which lets go of the GIL: worked out ahead (start_unlocking), the import
    # (~14 ms holding the GIL) then comes after the window's first paint instead of delaying it.
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(bytes.fromhex(str(info["nonce"])), bytes.fromhex(str(info["wrapped_key"])), aad)
    except InvalidTag as exc:
        raise UserError("wrong_passphrase") from exc
    except (KeyError, ValueError) as exc:
        raise UserError("key_file_damaged", path=KEY_FILE) from exc


def _read_export(source: Path, recovery_passphrase: str) -> bytes:
    if not recovery_passphrase:
        raise UserError("recovery_passphrase_needed")
    try:
        info = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError("key_export_unreadable", path=str(source)) from exc
    if not isinstance(info, dict) or info.get("format") != EXPORT_FORMAT:
        raise UserError("key_export_unreadable", path=str(source))
    try:
        return _unwrap(info, recovery_passphrase, _EXPORT_AAD)
    except UserError as exc:
        if exc.key == "wrong_passphrase":
            raise UserError("wrong_recovery_passphrase") from exc
        raise UserError("key_export_unreadable", path=str(source)) from exc


def key_opens(path: Path, key: bytes) -> bool:
    """Whether key decrypts the SQLCipher store at path (restoring an exported key checks it before
    use). Keyed as app.core.store.database opens it; here so that the key needs nothing of the store."""
    from sqlcipher3 import dbapi2 as sqlite3

    db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        db.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        return False
    finally:
        db.close()
    return True
