"""Time one llama.cpp build: run as a subprocess by test_llama_build_bench.py, once per build.

``python llama_probe.py MODEL PROMPTS.json THREADS CONTEXT MAX_TOKENS``; the build is the installed one,
or the one in LLAMA_CPP_LIB_PATH (llama-cpp-python's own override of where its libraries are loaded
from; same version, so the same Python binding). Loads through runtime.load_llama and samples with
runtime.generation_options, as the app does. Prints one JSON line: time to first token and decode
tokens/s per prompt, and the library's compiled-in CPU features.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(model: str, prompts_file: str, threads: str, context: str, max_tokens: str) -> None:
    import llama_cpp

    from app.core.models.runtime import generation_options, load_llama

    prompts = json.loads(Path(prompts_file).read_text(encoding="utf-8"))
    llm = load_llama(model, int(threads), int(context))
    options = generation_options({"max_tokens": int(max_tokens), "stop": prompts["stop"]})
    llm.create_completion(prompts["warm"], max_tokens=4, stop=prompts["stop"])  # page in, warm caches
    runs = []
    for prompt in prompts["timed"]:
        started = time.perf_counter()
        first: float | None = None
        tokens = 0
        for _part in llm.create_completion(prompt, stream=True, **options):
            first = first if first is not None else time.perf_counter() - started
            tokens += 1
        seconds = time.perf_counter() - started
        decode_s = seconds - (first or 0.0)
        runs.append({"ttft_s": first, "tokens_per_s": (tokens - 1) / decode_s if tokens > 1 and decode_s > 0 else 0.0})
    llm.close()
    print(json.dumps({"runs": runs, "system_info": llama_cpp.llama_print_system_info().decode()}))


if __name__ == "__main__":
    main(*sys.argv[1:6])
