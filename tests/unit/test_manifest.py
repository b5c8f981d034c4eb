import pytest

from app.core.models.manifest import ManifestError, first_for_role, load_manifest, verify

ENTRY = """
[[model]]
name = "tiny"
file = "tiny.gguf"
sha256 = "{sha}"
roles = ["chat"]
template = "chatml"
tier = "{tier}"
"""


def write(tmp_path, text):
    (tmp_path / "manifest.toml").write_text(text, encoding="utf-8")


def test_shipped_manifest_is_valid_and_has_each_default_role():
    entries = load_manifest()
    assert {"chat", "embedding"} <= {role for e in entries for role in e.roles}


def test_verify_detects_missing_and_tampered_files(tmp_path):
    import hashlib

    write(tmp_path, ENTRY.format(sha=hashlib.sha256(b"weights").hexdigest(), tier="demo"))
    entry = load_manifest(tmp_path)[0]
    assert verify(entry) == "missing"
    (tmp_path / "tiny.gguf").write_bytes(b"weights")
    assert verify(entry) == "ok"
    (tmp_path / "tiny.gguf").write_bytes(b"evil weights")
    assert verify(entry) == "mismatch"


def test_recommended_models_win_over_the_demo_model(tmp_path):
    text = ENTRY.format(sha="0", tier="demo") + ENTRY.replace('"tiny"', '"big"').replace(
        "tiny.gguf", "big.gguf").format(sha="0", tier="recommended")
    write(tmp_path, text)
    for name in ("tiny.gguf", "big.gguf"):
        (tmp_path / name).write_bytes(b"x")
    assert first_for_role(load_manifest(tmp_path), "chat").name == "big"


def test_paths_outside_the_models_directory_are_refused(tmp_path):
    write(tmp_path, ENTRY.format(sha="0", tier="demo").replace("tiny.gguf", "../../etc/passwd"))
    with pytest.raises(ManifestError):
        load_manifest(tmp_path)
