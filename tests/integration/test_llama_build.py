"""The llama.cpp the set-up built and installed runs on every supported laptop (issue 15):

- its shared libraries hold no AVX-512 or AMX code (the portable baseline of packaging/build_llama.sh);
- a build with AMX would load with use_extra_bufts=False, so its crashing AMX path is never used;
- the self-check (set-up, `models verify`) generates with the real default model in the model child, and
  a child that dies there (the AMX segfault, SIGILL on an older CPU) gives the Danish message naming the
  signal, the CPU's features and the fix. The crash is real: the child kills itself with the signal
  (runtime.CRASH_FOR_TEST_ENV), as a llama.cpp built for another CPU would.
"""

from __future__ import annotations

import json
import sys

import pytest

from app.core.messages import UserError
from app.core.models import buildcheck, runtime
from app.core.models.manifest import first_for_role, load_manifest
from app.core.models.runtime import ModelWorker

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def chat():
    entry = first_for_role(load_manifest(), "chat")
    assert entry is not None and entry.installed(), "the default chat model is installed by make setup"
    return entry


@pytest.mark.skipif(sys.platform != "linux" or not buildcheck.is_x86_64(), reason="AVX-512/AMX exist on x86-64")
def test_the_installed_llama_cpp_has_no_avx512_or_amx_code():
    libraries = buildcheck.shared_objects(buildcheck.llama_lib_dir())
    assert {"libggml-cpu.so", "libllama.so"} <= {p.name for p in libraries}
    assert buildcheck.check() == []


def test_the_installed_library_is_compiled_without_amx_and_without_avx512():
    import llama_cpp

    features = llama_cpp.llama_print_system_info().decode()
    assert "AVX2 = 1" in features or not buildcheck.is_x86_64()
    assert "AMX" not in features and "AVX512" not in features
    assert not runtime._library_has_amx()


def test_a_build_with_amx_loads_without_extra_buffer_types(chat, monkeypatch):
    """The run-time belt: on a library with AMX compiled in, the weights never go to AMX buffers."""
    monkeypatch.setattr(runtime, "_library_has_amx", lambda: True)
    llm = runtime.load_llama(str(chat.path), 2, 512)
    try:
        assert llm.model_params.use_extra_bufts is False
        assert llm.create_completion("Hej", max_tokens=2)["choices"][0]["text"] is not None
    finally:
        llm.close()
    import llama_cpp.llama_cpp as native

    assert native.llama_model_default_params().use_extra_bufts is True  # restored for everything else


def test_the_self_check_generates_with_the_default_model(chat):
    worker = ModelWorker(chat_context=1024)
    try:
        generation = worker.self_check(chat)
    finally:
        worker.close()
    assert generation.tokens >= 1 and generation.text.strip() and generation.first_token_s is not None


@pytest.mark.parametrize("crash", ["SIGILL", "SIGSEGV"])
def test_a_child_that_dies_in_the_self_check_names_signal_cpu_and_fix(chat, monkeypatch, crash):
    monkeypatch.setenv(runtime.CRASH_FOR_TEST_ENV, crash)
    worker = ModelWorker(chat_context=1024)
    try:
        with pytest.raises(UserError) as raised:
            worker.self_check(chat)
        monkeypatch.delenv(runtime.CRASH_FOR_TEST_ENV)
        assert worker.self_check(chat).tokens >= 1  # the next request starts a healthy child
    finally:
        worker.close()
    message = raised.value.message("da")
    assert raised.value.key == "model_selfcheck_crashed"
    assert f"({crash})" in message and chat.name in message
    assert "avx2 " in message and "avx512f " in message and "amx_int8 " in message  # the CPU's features
    assert "packaging/build_llama.sh" in message and "make clean && make setup" in message


def test_models_verify_runs_the_self_check(cli):
    result = cli("models", "verify")
    assert result.code == 0, result.stderr
    assert "Selvtest af " in result.stdout and "llama.cpp virker på denne processor" in result.stdout


def test_models_verify_reports_a_crashing_build_and_fails(cli, monkeypatch):
    monkeypatch.setenv(runtime.CRASH_FOR_TEST_ENV, "SIGSEGV")
    result = cli("models", "verify", "--json")
    assert result.code == 2
    models = json.loads(result.stdout)  # stdout stays the JSON list of models
    assert [m["selfcheck"] for m in models if "selfcheck" in m] == ["failed"]
    assert "gik ned under selvtesten (SIGSEGV)" in result.stderr and "make clean && make setup" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_cpu_without_avx2_is_told_to_build_without_it():
    crashed = runtime.SelfCheckCrashed("gemma", -4)
    crashed.flags = {"avx2": False, "avx512f": False}
    message = crashed.message("da")
    assert "(SIGILL)" in message and "avx2 nej" in message and "-DGGML_AVX2=OFF" in message
    crashed.flags = {"avx2": True, "avx512f": True, "amx_int8": True}
    assert "-DGGML_AVX2=OFF" not in crashed.message("da") and "amx_int8 ja" in crashed.message("da")


def test_how_a_child_ended_is_named():
    assert [runtime.describe_exit(c) for c in (-11, -4, 0xC000001D, 1)] == [
        "SIGSEGV", "SIGILL", "STATUS_ILLEGAL_INSTRUCTION", "exit code 1"]
