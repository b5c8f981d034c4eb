"""The real llama.cpp worker child: streaming, cancel, crash recovery, verification."""

from __future__ import annotations

import os
import shutil
import signal
from dataclasses import replace

import pytest

from app.core.messages import UserError
from app.core.models.manifest import first_for_role, load_manifest
from app.core.models.runtime import ModelWorker
from app.core.models.templates import render

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def worker():
    worker = ModelWorker(chat_context=1024)
    yield worker
    worker.close()


@pytest.fixture(scope="module")
def chat():
    return first_for_role(load_manifest(), "chat", preferred=os.environ.get("MOEDEMAPPE_CHAT_MODEL"))  # tiny


def long_prompt(chat):
    return render(chat.template, "Skriv udførligt på dansk.", "Fortæl om kommunernes opgaver i Danmark.")


def test_tokens_stream_back(worker, chat):
    prompt, stop = long_prompt(chat)
    streamed: list[str] = []
    result = worker.generate(chat, prompt, stop, max_tokens=24, on_token=streamed.append)
    assert result.tokens == len(streamed) > 0 and "".join(streamed) == result.text
    assert result.first_token_s is not None and not result.cancelled


def test_stop_ends_the_generation(worker, chat):
    # How fast it stops is measured in `make bench` (cancel_latency_ms), not asserted here.
    prompt, stop = long_prompt(chat)
    seen: list[str] = []
    result = worker.generate(chat, prompt, stop, max_tokens=400, on_token=seen.append,
                             should_cancel=lambda: bool(seen))  # fmt: skip
    assert result.cancelled and result.tokens < 400
    assert worker.generate(chat, prompt, stop, max_tokens=4).tokens > 0  # the worker is usable again


def test_a_dead_worker_is_reported_and_replaced(worker, chat):
    prompt, stop = long_prompt(chat)
    worker.load(chat)

    def kill_child(_token: str) -> None:
        os.kill(worker.pid, signal.SIGKILL)

    with pytest.raises(UserError) as caught:
        worker.generate(chat, prompt, stop, max_tokens=50, on_token=kill_child)
    assert caught.value.key == "model_crashed"
    assert worker.generate(chat, prompt, stop, max_tokens=4).tokens > 0  # a fresh child took over


def test_a_tampered_model_never_reaches_llama_cpp(worker, chat, tmp_path):
    # The real model with a few bytes flipped in its tensor data: only the digest can tell.
    flipped = tmp_path / chat.file
    shutil.copyfile(chat.path, flipped)
    with flipped.open("r+b") as handle:
        handle.seek(flipped.stat().st_size // 2)
        handle.write(bytes(b ^ 0xFF for b in handle.read(16)))
        handle.seek(flipped.stat().st_size // 2)
    for entry in (replace(chat, name="flipped", directory=tmp_path),
                  replace(chat, name="wrong-digest", sha256="0" * 64),
                  replace(chat, name="no-digest", sha256="")):  # fmt: skip
        with pytest.raises(UserError) as caught:
            worker.load(entry)
        assert caught.value.key == "model_rejected" and entry.name in str(caught.value)
        assert entry.name not in worker.loaded
    assert worker.generate(chat, *long_prompt(chat), max_tokens=4).tokens > 0  # the real one still works
