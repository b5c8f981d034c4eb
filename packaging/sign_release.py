#!/usr/bin/env python3
"""Sign a release: dist/SHA256SUMS over the release artefacts, and a detached Ed25519 signature.

    MOEDEMAPPE_SIGNING_KEY=... python packaging/sign_release.py [--dist dist] [FILE ...]
    python packaging/sign_release.py --generate-key release-signing-key.pem

Writes, in the dist folder:
  SHA256SUMS      one line per artefact, "<sha256 hex>  <file name>" (the `sha256sum` format, so
                  `sha256sum -c SHA256SUMS` works too), sorted by name;
  SHA256SUMS.sig  the raw 64-byte Ed25519 signature of SHA256SUMS.

Artefacts: the FILEs given (inside the dist folder), else every file in it that is released:
*.deb, *.msi, *.exe, *.pkg, *.dmg, *.zip, *.tar.gz, *.tar.xz and sbom.cdx.json.

The private key comes from the environment, never from a file in the repository:
MOEDEMAPPE_SIGNING_KEY holds either the base64 of a PEM private key (PKCS#8, as written by
--generate-key or `openssl genpkey -algorithm ed25519`; a PEM itself is accepted too) or the raw
32-byte key as 64 hex digits. A PEM with a password takes it from MOEDEMAPPE_SIGNING_KEY_PASSWORD.
Check a release with packaging/verify_release.py (or openssl, see packaging/README.md).

--generate-key PATH writes a new private key to PATH (mode 0600) and its public key to
PATH with ".pub.pem" — the public key is what IT installs as packaging/release-public-key.pem —
and prints the value to put in MOEDEMAPPE_SIGNING_KEY (keep it in the CI's secret store).

Exit codes: 0 signed, 2 a problem with the key or the artefacts (a message on stderr).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import hashlib
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

KEY_ENV = "MOEDEMAPPE_SIGNING_KEY"
PASSWORD_ENV = "MOEDEMAPPE_SIGNING_KEY_PASSWORD"
SUMS = "SHA256SUMS"
SIGNATURE = "SHA256SUMS.sig"
RELEASE_PATTERNS = ("*.deb", "*.msi", "*.exe", "*.pkg", "*.dmg", "*.zip", "*.tar.gz", "*.tar.xz", "sbom.cdx.json")
ROOT = Path(__file__).resolve().parents[1]


class SigningError(Exception):
    pass


def load_private_key(value: str | None, password: str | None = None) -> Ed25519PrivateKey:
    """The Ed25519 key from MOEDEMAPPE_SIGNING_KEY's value: base64 PEM, PEM, or 64 hex digits."""
    if not value or not value.strip():
        raise SigningError(
            f"{KEY_ENV} is not set: put the release signing key (base64 of its PEM, or the raw key as "
            f"64 hex digits) in the environment. Create one with: "
            f"python packaging/sign_release.py --generate-key release-signing-key.pem")
    text = value.strip()
    if len(text) == 64 and all(c in "0123456789abcdefABCDEF" for c in text):
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(text))
    if text.startswith("-----BEGIN"):
        pem = text.encode()
    else:
        try:
            pem = base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise SigningError(f"{KEY_ENV} is neither base64 of a PEM key nor 64 hex digits") from exc
    try:
        key = serialization.load_pem_private_key(pem, password=password.encode() if password else None)
    except (ValueError, TypeError) as exc:
        raise SigningError(f"{KEY_ENV} does not hold a readable PEM private key ({exc})") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"{KEY_ENV} holds a {type(key).__name__}, not an Ed25519 key")
    return key


def sha256_file(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def release_artefacts(dist: Path, names: list[str] | None = None) -> list[Path]:
    if names:
        files = [dist / Path(n).name if not Path(n).is_absolute() else Path(n) for n in names]
    else:
        files = sorted({p for pattern in RELEASE_PATTERNS for p in dist.glob(pattern) if p.is_file()})
    for path in files:
        if not path.is_file():
            raise SigningError(f"{path}: not found")
        if path.resolve().parent != dist.resolve():
            raise SigningError(f"{path}: artefacts must lie directly in {dist}")
        if path.name in (SUMS, SIGNATURE) or any(c in path.name for c in "\n\\"):
            raise SigningError(f"{path.name}: cannot be listed in {SUMS}")
    if not files:
        raise SigningError(f"no release artefacts in {dist} (looked for {', '.join(RELEASE_PATTERNS)})")
    return sorted(files, key=lambda p: p.name)


def sums_text(files: list[Path]) -> bytes:
    return "".join(f"{sha256_file(p)}  {p.name}\n" for p in files).encode("utf-8")


def sign(dist: Path, key: Ed25519PrivateKey, names: list[str] | None = None) -> tuple[Path, Path]:
    files = release_artefacts(dist, names)
    sums = sums_text(files)
    (dist / SUMS).write_bytes(sums)
    (dist / SIGNATURE).write_bytes(key.sign(sums))
    return dist / SUMS, dist / SIGNATURE


def public_pem(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def generate_key(path: Path) -> str:
    """A new key at path (0600) and its public key beside it; returns the MOEDEMAPPE_SIGNING_KEY value."""
    if path.exists():
        raise SigningError(f"{path} exists; not overwriting a signing key")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    path.with_name(path.name.removesuffix(".pem") + ".pub.pem").write_bytes(public_pem(key))
    return base64.b64encode(pem).decode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write dist/SHA256SUMS and its Ed25519 signature SHA256SUMS.sig.")
    parser.add_argument("files", nargs="*", help="artefacts in the dist folder (default: every release file there)")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--generate-key", type=Path, metavar="PATH", help="create a new key pair and exit")
    args = parser.parse_args(argv)
    try:
        if args.generate_key:
            value = generate_key(args.generate_key)
            public = args.generate_key.name.removesuffix(".pem") + ".pub.pem"
            print(f"Private key: {args.generate_key} (keep it offline or in the CI secret store)\n"
                  f"Public key:  {args.generate_key.with_name(public)} (install as packaging/release-public-key.pem)\n"
                  f"{KEY_ENV}={value}")
            return 0
        key = load_private_key(os.environ.get(KEY_ENV), os.environ.get(PASSWORD_ENV))
        sums, signature = sign(args.dist, key, args.files)
    except SigningError as error:
        print(f"sign_release: {error}", file=sys.stderr)
        return 2
    listed = sums.read_text(encoding="utf-8").splitlines()
    print(f"Signed {len(listed)} artefact(s): {sums} + {signature}")
    for line in listed:
        print(f"  {line}")
    print("Public key of this signature:\n" + public_pem(key).decode().strip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
