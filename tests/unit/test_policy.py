from pathlib import Path

import pytest

from app.core.messages import UserError
from app.core.security.policy import Policy, load_policy, policy_path, system_policy_path

EXAMPLE = """
[models]
extra_dir = "modeller"
allowed = ["gemma-3-270m-q4_k_m", "qwen2.5-7b-instruct-q4_k_m"]

[lock]
idle_max_minutes = 10

[retention]
closed_items_days = 90

[features]
recordings = false
export = false

[guidelines]
text = "AI understøtter arbejdet – den politiske vurdering er din."

[data]
directory = "/srv/moedemappe"
"""


def test_a_missing_policy_file_means_defaults(tmp_path):
    assert load_policy(tmp_path / "policy.toml") == Policy()


def test_every_setting_is_read(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text(EXAMPLE, encoding="utf-8")
    policy = load_policy(path)
    assert policy.extra_models_dir == tmp_path / "modeller"  # relative to the policy file
    assert policy.allows_model("qwen2.5-7b-instruct-q4_k_m") and not policy.allows_model("anything-else")
    assert (policy.idle_lock_max_minutes, policy.retention_closed_days) == (10, 90)
    assert not policy.recordings and not policy.export
    assert policy.guidelines.startswith("AI understøtter") and policy.data_dir == Path("/srv/moedemappe")


@pytest.mark.parametrize("text", [
    "[lock]\nidle_max_minutes = 0\n",
    "[lock]\nidle_max_minutes = true\n",
    "[features]\nexport = \"no\"\n",
    "[models]\nallowed = \"gemma\"\n",
    "[unknown]\nx = 1\n",
    "[lock]\nidle_minutes = 5\n",  # a misspelt key must not silently mean "no limit"
    "not toml at all [",
])
def test_a_broken_policy_is_an_error_not_a_silent_default(tmp_path, text):
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_policy(path)
    assert caught.value.key == "policy_broken" and "Kontakt IT" in str(caught.value)


def test_the_test_override_is_ignored_in_an_installed_build(monkeypatch, tmp_path):
    monkeypatch.setenv("MOEDEMAPPE_POLICY_FILE", str(tmp_path / "mine.toml"))
    assert policy_path() == tmp_path / "mine.toml"
    monkeypatch.setattr("sys.frozen", True, raising=False)
    assert policy_path() == system_policy_path()
