#!/usr/bin/env python3
"""Verify a Mødemappe release: the Ed25519 signature of SHA256SUMS, then every artefact's sha256.

    python verify_release.py [--dist FOLDER] [--public-key release-public-key.pem] [--only NAME ...]

FOLDER holds SHA256SUMS, SHA256SUMS.sig and the artefacts (default: dist/ of this checkout).
The public key defaults to packaging/release-public-key.pem, which IT replaces with the key its
build signs with. Needs Python 3.9+ and the `cryptography` package only (nothing of the app), so
IT can run it on the machine that deploys the release. --only checks just the named artefacts
(e.g. the .deb you deploy) and does not require the others to be present.

Exit codes: 0 the signature and every checked hash are good; 1 verification failed (a tampered or
missing file, a bad signature); 2 a usage problem (no public key, no SHA256SUMS).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

SUMS = "SHA256SUMS"
SIGNATURE = "SHA256SUMS.sig"
HERE = Path(__file__).resolve().parent
DEFAULT_PUBLIC_KEY = HERE / "release-public-key.pem"
LINE = re.compile(r"^([0-9a-f]{64}) [ *]([^/\\]+)$")


class VerifyError(Exception):
    """Verification failed (exit 1)."""


class UsageError(Exception):
    """Cannot verify at all (exit 2)."""


def load_public_key(path: Path) -> Ed25519PublicKey:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the public key {path}: {exc.strerror or exc}") from exc
    if b"-----BEGIN PUBLIC KEY-----" not in data:
        raise UsageError(f"{path} holds no public key (the placeholder?): IT installs the release public key "
                         f"there, or pass --public-key")
    try:
        key = serialization.load_pem_public_key(data[data.index(b"-----BEGIN PUBLIC KEY-----"):])
    except ValueError as exc:
        raise UsageError(f"{path}: not a readable PEM public key ({exc})") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise UsageError(f"{path}: a {type(key).__name__}, not an Ed25519 public key")
    return key


def sha256_file(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def parse_sums(text: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = LINE.match(line)
        if not match or match.group(2) in (".", ".."):
            raise VerifyError(f"{SUMS} line {number} is malformed: {line[:80]!r}")
        if match.group(2) in entries:
            raise VerifyError(f"{SUMS} lists {match.group(2)} twice")
        entries[match.group(2)] = match.group(1)
    if not entries:
        raise VerifyError(f"{SUMS} lists no files")
    return entries


def verify(dist: Path, public_key: Ed25519PublicKey, only: list[str] | None = None) -> list[str]:
    """The names checked, or VerifyError / UsageError."""
    sums_path, signature_path = dist / SUMS, dist / SIGNATURE
    if not sums_path.is_file() or not signature_path.is_file():
        raise UsageError(f"{dist} lacks {SUMS} or {SIGNATURE}")
    sums = sums_path.read_bytes()
    try:
        public_key.verify(signature_path.read_bytes(), sums)
    except InvalidSignature as exc:
        raise VerifyError(f"BAD SIGNATURE: {SUMS} was not signed by this key, or was changed after signing") from exc
    try:
        entries = parse_sums(sums.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise VerifyError(f"{SUMS} is not UTF-8 text") from exc
    names = sorted(entries) if not only else [Path(n).name for n in only]
    problems = []
    for name in names:
        if name not in entries:
            problems.append(f"{name}: not listed in {SUMS}")
        elif not (dist / name).is_file():
            problems.append(f"{name}: missing")
        elif sha256_file(dist / name) != entries[name]:
            problems.append(f"{name}: sha256 DOES NOT MATCH (changed or damaged)")
    if problems:
        raise VerifyError("; ".join(problems))
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verify SHA256SUMS.sig and every hash in SHA256SUMS.")
    parser.add_argument("--dist", type=Path, default=HERE.parent / "dist", help="folder with the release files")
    parser.add_argument("--public-key", type=Path, default=DEFAULT_PUBLIC_KEY, help="Ed25519 public key (PEM)")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="check only these artefacts")
    args = parser.parse_args(argv)
    try:
        checked = verify(args.dist, load_public_key(args.public_key), args.only)
    except UsageError as error:
        print(f"verify_release: {error}", file=sys.stderr)
        return 2
    except VerifyError as error:
        print(f"verify_release: FAILED: {error}", file=sys.stderr)
        return 1
    print(f"OK: signature good ({args.public_key.name}); {len(checked)} artefact(s) match SHA256SUMS:")
    for name in checked:
        print(f"  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
