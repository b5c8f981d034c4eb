"""Release signing (packaging/sign_release.py) and verification (packaging/verify_release.py)."""

from __future__ import annotations

import base64
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def _load(name: str):
    # packaging/ is not a Python package (its name would shadow PyPI's `packaging`): load by path.
    spec = importlib.util.spec_from_file_location(f"_release_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


signer = _load("sign_release")
verifier = _load("verify_release")


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def release(tmp_path, key):
    """A dist folder with two artefacts, signed; returns (dist, public key file)."""
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "moedemappe_0.1.0_amd64.deb").write_bytes(os.urandom(4096))
    (dist / "sbom.cdx.json").write_text('{"bomFormat": "CycloneDX"}\n')
    (dist / "package-report.json").write_text("{}")  # not a release artefact: not listed
    public = tmp_path / "release-public-key.pem"
    public.write_bytes(signer.public_pem(key))
    signer.sign(dist, key)
    return dist, public


def _env_value(key: Ed25519PrivateKey) -> str:
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return base64.b64encode(pem).decode()


def _run(script: str, *args: str, env_key: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != signer.KEY_ENV}
    if env_key is not None:
        env[signer.KEY_ENV] = env_key
    return subprocess.run([sys.executable, str(PACKAGING / script), *args], capture_output=True, text=True,
                          env=env, timeout=60)


def test_sign_then_verify_succeeds(release):
    dist, public = release
    listed = (dist / "SHA256SUMS").read_text().splitlines()
    assert [line.split("  ")[1] for line in listed] == ["moedemappe_0.1.0_amd64.deb", "sbom.cdx.json"]
    assert len((dist / "SHA256SUMS.sig").read_bytes()) == 64
    assert verifier.verify(dist, verifier.load_public_key(public)) == ["moedemappe_0.1.0_amd64.deb", "sbom.cdx.json"]


def test_the_command_line_signs_with_a_key_from_the_environment(tmp_path, key):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "moedemappe_0.1.0_amd64.deb").write_bytes(b"deb")
    public = tmp_path / "pub.pem"
    public.write_bytes(signer.public_pem(key))
    for value in (_env_value(key), key.private_bytes_raw().hex()):  # base64 PEM, or 64 hex digits
        done = _run("sign_release.py", "--dist", str(dist), env_key=value)
        assert done.returncode == 0, done.stderr
        checked = _run("verify_release.py", "--dist", str(dist), "--public-key", str(public))
        assert checked.returncode == 0, checked.stderr
        assert "OK" in checked.stdout


def test_a_tampered_artefact_fails(release):
    dist, public = release
    deb = dist / "moedemappe_0.1.0_amd64.deb"
    deb.write_bytes(deb.read_bytes()[:-1] + b"\x00")
    with pytest.raises(verifier.VerifyError, match="DOES NOT MATCH"):
        verifier.verify(dist, verifier.load_public_key(public))
    done = _run("verify_release.py", "--dist", str(dist), "--public-key", str(public))
    assert done.returncode == 1 and "moedemappe_0.1.0_amd64.deb" in done.stderr


def test_a_missing_artefact_fails_unless_only_others_are_checked(release):
    dist, public = release
    (dist / "sbom.cdx.json").unlink()
    with pytest.raises(verifier.VerifyError, match="missing"):
        verifier.verify(dist, verifier.load_public_key(public))
    assert verifier.verify(dist, verifier.load_public_key(public), only=["moedemappe_0.1.0_amd64.deb"])


@pytest.mark.parametrize("tamper", ["signature", "sums", "other_key"])
def test_a_tampered_signature_or_list_fails(release, tmp_path, tamper):
    dist, public = release
    if tamper == "signature":
        signature = bytearray((dist / "SHA256SUMS.sig").read_bytes())
        signature[10] ^= 0x01
        (dist / "SHA256SUMS.sig").write_bytes(bytes(signature))
    elif tamper == "sums":  # an attacker swaps a file and rewrites its hash to match
        deb = dist / "moedemappe_0.1.0_amd64.deb"
        deb.write_bytes(b"evil")
        text = (dist / "SHA256SUMS").read_text().splitlines()
        text[0] = f"{signer.sha256_file(deb)}  {deb.name}"
        (dist / "SHA256SUMS").write_text("\n".join(text) + "\n")
    else:
        public.write_bytes(signer.public_pem(Ed25519PrivateKey.generate()))
    with pytest.raises(verifier.VerifyError, match="BAD SIGNATURE"):
        verifier.verify(dist, verifier.load_public_key(public))
    done = _run("verify_release.py", "--dist", str(dist), "--public-key", str(public))
    assert done.returncode == 1 and "BAD SIGNATURE" in done.stderr


def test_a_missing_key_in_the_environment_is_a_clear_error(tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "moedemappe_0.1.0_amd64.deb").write_bytes(b"deb")
    done = _run("sign_release.py", "--dist", str(dist))
    assert done.returncode == 2
    assert "MOEDEMAPPE_SIGNING_KEY is not set" in done.stderr and "Traceback" not in done.stderr
    assert not (dist / "SHA256SUMS").exists()
    with pytest.raises(signer.SigningError, match="not set"):
        signer.load_private_key("  ")


@pytest.mark.parametrize("value", ["not base64 at all!", base64.b64encode(b"-----BEGIN NONSENSE-----").decode(), "ab" * 31])
def test_a_malformed_key_is_a_clear_error(value):
    with pytest.raises(signer.SigningError, match="MOEDEMAPPE_SIGNING_KEY"):
        signer.load_private_key(value)


def test_a_non_ed25519_key_is_refused():
    from cryptography.hazmat.primitives.asymmetric import ec

    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    with pytest.raises(signer.SigningError, match="not an Ed25519 key"):
        signer.load_private_key(base64.b64encode(pem).decode())


def test_the_placeholder_public_key_is_refused_with_a_message(release):
    dist, _ = release
    done = _run("verify_release.py", "--dist", str(dist), "--public-key", str(PACKAGING / "release-public-key.pem"))
    assert done.returncode == 2 and "placeholder" in done.stderr


def test_nothing_to_sign_is_an_error(tmp_path, key):
    with pytest.raises(signer.SigningError, match="no release artefacts"):
        signer.sign(tmp_path, key)


def test_generated_keys_round_trip(tmp_path):
    value = signer.generate_key(tmp_path / "k.pem")
    assert (tmp_path / "k.pem").stat().st_mode & 0o777 == 0o600
    key = signer.load_private_key(value)
    assert signer.public_pem(key) == (tmp_path / "k.pub.pem").read_bytes()
    with pytest.raises(signer.SigningError, match="exists"):
        signer.generate_key(tmp_path / "k.pem")


@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl")
def test_openssl_verifies_the_signature_too(release):
    """IT without Python can check the signature with OpenSSL 3 (packaging/README.md)."""
    dist, public = release
    done = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(public), "-rawin",
                           "-in", str(dist / "SHA256SUMS"), "-sigfile", str(dist / "SHA256SUMS.sig")],
                          capture_output=True, text=True, timeout=60)
    if "rawin" in done.stderr and "unknown" in done.stderr.lower():
        pytest.skip("OpenSSL older than 3.0")
    assert done.returncode == 0 and "Signature Verified Successfully" in done.stdout
