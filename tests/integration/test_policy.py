"""The IT policy through the real CLI: model allow-list, forced data directory, broken policy."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.integration


@pytest.fixture
def policy(tmp_path, monkeypatch):
    path = tmp_path / "policy.toml"
    monkeypatch.setenv("MOEDEMAPPE_POLICY_FILE", str(path))
    return path


def test_without_an_allowed_chat_model_search_still_works(policy, tmp_path, demo_pdf):
    policy.write_text('[models]\nallowed = ["multilingual-e5-small-int8"]\n', encoding="utf-8")
    listed = run_cli("models", "list", "--json")
    assert listed.code == 0 and [m["name"] for m in json.loads(listed.stdout)] == ["multilingual-e5-small-int8"]
    data = tmp_path / "data"
    assert run_cli("import", demo_pdf, data_dir=data).code == 0
    assert run_cli("search", "klimastrandvej", data_dir=data).code == 0
    # The model is never a single point of failure: quotes with citations, and a note on why.
    asked = run_cli("ask", "Hvad koster klimastrandvejen?", "--json", data_dir=data)
    assert asked.code == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert answer["mode"] == "extractive" and answer["model_problem"] and answer["citations"]


def test_the_policy_data_directory_beats_the_users_choice(policy, tmp_path, demo_pdf):
    forced = tmp_path / "it-chosen"
    policy.write_text(f'[data]\ndirectory = "{forced}"\n', encoding="utf-8")
    assert run_cli("import", demo_pdf, data_dir=tmp_path / "mine").code == 0
    assert (forced / "store.sqlite").is_file() and not (tmp_path / "mine").exists()


def test_a_broken_policy_stops_the_app_with_a_clear_message(policy, tmp_path):
    policy.write_text("[lock]\nidle_max_minutes = -5\n", encoding="utf-8")
    result = run_cli("list", data_dir=tmp_path / "data")
    assert result.code == 2 and "IT-politikken" in result.stderr and "Traceback" not in result.stderr
