"""packaging/policy.example.toml — the file IT copies — is a valid policy that sets every field."""

import dataclasses
import tomllib
from pathlib import Path

from app.core.security.policy import _KEYS, Policy, load_policy

EXAMPLE = Path(__file__).resolve().parents[2] / "packaging" / "policy.example.toml"


def test_the_example_policy_loads_and_sets_every_field(monkeypatch):
    monkeypatch.setenv("HOME", "/home/byraad")
    policy = load_policy(EXAMPLE)
    unset = [f.name for f in dataclasses.fields(Policy) if f.name != "source" and getattr(policy, f.name) is None]
    assert not unset, f"the example leaves these settings out: {unset}"
    # Every flag differs from the default in at least one value shown, so IT sees both spellings work.
    assert policy.recordings is False and policy.export is True
    assert policy.extra_models_dir == Path("/opt/moedemappe-models")
    assert policy.allows_model("multilingual-e5-small-int8") and not policy.allows_model("qwen2.5-7b-instruct-q4_k_m")
    assert policy.idle_lock_max_minutes > 0 and policy.retention_closed_days > 0
    assert policy.guidelines and "\n" in policy.guidelines
    assert policy.data_dir == Path("/home/byraad/.local/share/Moedemappe")  # $HOME expanded


def test_the_example_uses_every_key_the_app_knows():
    raw = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert {table: set(values) for table, values in raw.items()} == _KEYS


def test_the_example_names_only_models_of_the_manifest():
    manifest = tomllib.loads((EXAMPLE.parents[1] / "models" / "manifest.toml").read_text(encoding="utf-8"))
    names = {m["name"] for m in manifest["model"]}
    allowed = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))["models"]["allowed"]
    assert set(allowed) <= names
