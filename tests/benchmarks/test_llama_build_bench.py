"""The set-up's portable llama.cpp build (packaging/build_llama.sh: AVX2/FMA/F16C, no AVX-512/AMX)
against a native build of the same llama-cpp-python version on this machine, and the set-up's time.

- ``llama_build_tokens_per_s`` / ``llama_build_ttft_ms``: decode speed and time to first token (~1.3k-token
  prompt, the default chat model) of the installed build; baseline: the native build (-march=native,
  which on an AMX machine loads with use_extra_bufts=False like the app would). Ratio > 1: the portable
  build is as fast. The native wheel costs a ~12-minute build on 2 cores, so it is built only with
  MOEDEMAPPE_BENCH_NATIVE=1 (into the same wheel cache, its own key); once cached it is always used.
  Without it the entries carry the portable build's numbers, no baseline, and say why.
- ``llama_build_setup_s``: how long the set-up's llama.cpp build took from a clean cache (recorded by
  build_llama.sh when it built the wheel). ``setup_clean_s``: the whole `make setup` of a fresh clone with
  empty pip and wheel caches (needs PyPI; ~20 min), only with MOEDEMAPPE_BENCH_CLEAN_SETUP=1.

Both builds run in their own subprocess (llama_probe.py; LLAMA_CPP_LIB_PATH picks the native libraries),
alternating, so the machine's noise falls on both alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from .test_bench import GEN_MAX_TOKENS, _chat_entry, _long_output_prompt, _sources_text, median, settle

pytestmark = pytest.mark.bench

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO_ROOT / "packaging" / "build_llama.sh"
PROBE = Path(__file__).with_name("llama_probe.py")
NATIVE_ARGS = "-DGGML_NATIVE=ON"
PAIRS = 2  # portable/native subprocess pairs, order alternating; each times PROMPTS prompts
PROMPTS = 2
NATIVE_SKIPPED = ("native baseline skipped: MOEDEMAPPE_BENCH_NATIVE=1 builds it once "
                  "(~12 min on 2 cores, then cached)")  # fmt: skip


def cached_wheel(extra_cmake_args: str | None, build: bool = False) -> Path | None:
    """The wheel build_llama.sh has (or builds) for these extra flags; None when not cached."""
    env = dict(os.environ)
    if extra_cmake_args is not None:
        env["MOEDEMAPPE_EXTRA_CMAKE_ARGS"] = extra_cmake_args
    command = ["bash", str(BUILD_SCRIPT), sys.executable, *([] if build else ["--cached"])]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    if done.returncode == 3:
        return None
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip())


def native_lib_dir(scratch: Path) -> Path | None:
    wheel = cached_wheel(NATIVE_ARGS, build=os.environ.get("MOEDEMAPPE_BENCH_NATIVE") == "1")
    if wheel is None:
        return None
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(scratch, [n for n in archive.namelist() if n.startswith("llama_cpp/lib/")])
    return scratch / "llama_cpp" / "lib"


def probe(prompts_file: Path, lib_dir: Path | None) -> dict[str, Any]:
    from app.core.models.runtime import default_context, default_threads

    entry = _chat_entry()
    env = {k: v for k, v in os.environ.items() if k != "LLAMA_CPP_LIB_PATH"}
    if lib_dir is not None:
        env["LLAMA_CPP_LIB_PATH"] = str(lib_dir)
    env["PYTHONPATH"] = str(REPO_ROOT)
    settle()
    done = subprocess.run([sys.executable, str(PROBE), str(entry.path), str(prompts_file), str(default_threads()),
                           str(min(entry.context, default_context())), str(GEN_MAX_TOKENS)],
                          env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_portable_build_against_native(record: Any, demo_pdf: Path, tmp_path: Path) -> None:
    entry = _chat_entry()
    sources = _sources_text(demo_pdf)
    warm, stop = _long_output_prompt(entry, sources, 0)
    prompts_file = tmp_path / "prompts.json"
    timed = [_long_output_prompt(entry, sources, 100 + n)[0] for n in range(PROMPTS)]
    prompts_file.write_text(json.dumps({"warm": warm[:400], "stop": stop, "timed": timed}), encoding="utf-8")

    native = native_lib_dir(tmp_path / "native")
    runs: dict[str, list[dict[str, Any]]] = {"portable": [], "native": []}
    infos: dict[str, str] = {}
    for pair in range(PAIRS if native is not None else 1):
        sides = ["portable", "native"] if native is not None else ["portable"]
        for side in sides if pair % 2 == 0 else reversed(sides):
            result = probe(prompts_file, native if side == "native" else None)
            runs[side] += result["runs"]
            infos[side] = result["system_info"]
    assert "AMX" not in infos["portable"] and "AVX512" not in infos["portable"]

    def stats(side: str) -> tuple[float | None, float | None]:
        if not runs[side]:
            return None, None
        return median([r["tokens_per_s"] for r in runs[side]]), 1000 * median([r["ttft_s"] for r in runs[side]])

    (tps, ttft), (native_tps, native_ttft) = stats("portable"), stats("native")
    note = "ratio portable/native" if native is not None else NATIVE_SKIPPED
    record("llama_build_tokens_per_s", tps, f"tokens/s (set-up's portable build; {note})", baseline=native_tps)
    record("llama_build_ttft_ms", ttft, f"ms (~1.3k-token prompt; set-up's portable build; "
           f"{'ratio native/portable' if native is not None else NATIVE_SKIPPED})",
           baseline=native_ttft, lower_is_better=True)  # fmt: skip
    for side, info in infos.items():
        print(f"\n{side}: {info.strip()}\n  runs: {runs[side]}")


def test_setup_build_time_from_a_clean_cache(record: Any) -> None:
    wheel = cached_wheel(None)
    assert wheel is not None, "make setup builds the portable wheel first"
    seconds_file = wheel.parent / "BUILD_SECONDS"
    if not seconds_file.is_file():
        pytest.skip(f"the cached wheel was built before build times were recorded; remove {wheel.parent} "
                    "and run make setup to measure it")  # fmt: skip
    flags = (wheel.parent / "CMAKE_ARGS").read_text(encoding="utf-8").split()
    record("llama_build_setup_s", float(seconds_file.read_text(encoding="utf-8")),
           f"s (llama.cpp wheel from a clean cache on {os.cpu_count()} cores, {len(flags)} CMake flags)")


@pytest.mark.skipif(os.environ.get("MOEDEMAPPE_BENCH_CLEAN_SETUP") != "1",
                    reason="MOEDEMAPPE_BENCH_CLEAN_SETUP=1: a fresh clone's make setup with empty caches (~20 min)")
def test_whole_setup_from_a_clean_cache(record: Any, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--local", str(REPO_ROOT), str(clone)], check=True, timeout=300)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PIP_NO_CACHE_DIR": "1"}
    env.pop("VIRTUAL_ENV", None)
    started = time.perf_counter()
    subprocess.run(["make", "-C", str(clone), "setup"], env=env, check=True, timeout=3600)
    record("setup_clean_s", time.perf_counter() - started,
           "s (make setup of a fresh clone: empty pip and wheel caches, llama.cpp build, models)")
