"""Answers with the real model child over the real demo pack: the model is never a single point of failure,
and the standard model's verified prose replaces the quotes.

Which model runs here: the tiny Gemma 270M (the suite's default, tests/conftest.py) in the failure tests;
the standard Qwen2.5-Coder-1.5B-Instruct in exactly one real generation (test_the_standard_model_writes_a_
verified_answer, about 30-60 s on 2 cores), the only 1.5B generation of `make test`.
"""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest

from app.core.answers.answer import ask
from app.core.library import Library
from app.core.models.manifest import load_manifest, loadable

pytestmark = pytest.mark.integration

QUESTION = "Hvad bliver byggesagsgebyret pr. time i 2024?"


@pytest.fixture(scope="module")
def demo_library(tmp_path_factory: pytest.TempPathFactory, demo_pdf: Path):
    library = Library(tmp_path_factory.mktemp("data"))
    library.import_paths([demo_pdf])
    yield library
    library.close()


def test_a_model_child_killed_mid_answer_still_gives_quotes_with_citations(demo_library: Library) -> None:
    drafts = []

    def kill_child(_token: str) -> None:
        if demo_library.worker.pid is not None:
            os.kill(demo_library.worker.pid, signal.SIGKILL)

    answer = ask(demo_library, QUESTION, on_token=kill_child, on_draft=drafts.append)
    assert answer.mode == "extractive" and answer.model_problem == "model_crashed"
    assert "786 kr. pr. time" in answer.text and "»" in answer.text and answer.citations
    assert drafts and drafts[0].mode == "extractive"  # shown before the model was asked
    assert answer.to_json()["notice"] and answer.to_json()["verified"]
    assert ask(demo_library, QUESTION, use_model=False).citations  # and the library goes on working


def test_a_model_that_does_not_answer_in_time_is_stopped(demo_library: Library) -> None:
    answer = ask(demo_library, QUESTION, timeout_s=0.0)
    assert answer.mode == "extractive" and answer.model_problem == "model_timeout" and answer.citations


def _standard() -> str | None:
    entry = next((e for e in load_manifest() if e.tier == "standard" and "chat" in e.roles), None)
    return entry.name if entry is not None and loadable(entry) else None


@pytest.mark.skipif(_standard() is None, reason="the standard chat model is not installed (make)")
def test_the_standard_model_writes_a_verified_answer(demo_library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOEDEMAPPE_CHAT_MODEL", _standard() or "")
    streamed: list[str] = []
    answer = ask(demo_library, QUESTION, on_token=streamed.append)
    assert streamed  # the model wrote (provisionally shown) text
    assert answer.mode == "generated", (answer.model_problem, "".join(streamed))
    assert answer.written_by == _standard() and answer.verified and "786" in answer.text
    cited = [answer.citations[int(n) - 1] for n in re.findall(r"\[(\d+)\]", answer.text)]
    assert cited and all("786" in hit.text for hit in cited)  # the cited passages print the amount
