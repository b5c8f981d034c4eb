#!/usr/bin/env bash
# Build llama-cpp-python for the portable baseline and print the path of the wheel.
#   build_llama.sh PYTHON            the wheel, built first if the cache has none (~12 min on 2 cores)
#   build_llama.sh PYTHON --cached   the wheel if the cache has it, else exit 3 without building
# MOEDEMAPPE_EXTRA_CMAKE_ARGS is appended to the flags (a later -D wins) and so is part of the key:
# "-DGGML_NATIVE=ON" is the native build `make bench` compares with (MOEDEMAPPE_BENCH_NATIVE=1).
#
# Why not `pip install llama-cpp-python`: ggml defaults to GGML_NATIVE=ON (-march=native), which
# compiles in whatever the build machine has. A wheel built on an AVX-512/AMX machine segfaults in
# llama.cpp's AMX path (llama.cpp issue 20824) and dies with SIGILL on an older laptop. pip's own
# wheel cache is keyed by the sdist, not by CMAKE_ARGS, so a wheel built with other flags would be
# reused silently. Here the flags are part of the cache key: a change of flags is a new build.
#
# Baseline (packaging/README.md, "Portable llama.cpp build"): x86-64 with SSE4.2, AVX, AVX2, FMA, F16C, BMI2
# (Intel Haswell 2013+, AMD Zen 2017+). AVX-512 and AMX stay off. On arm64 the x86 flags are ignored and
# ggml uses the compiler's default target (Apple Silicon: the M1's; Linux arm64: armv8-a with NEON).
# Windows on ARM with MSVC is refused by ggml without GGML_NATIVE (see the README).
set -euo pipefail
PY=${1:?usage: build_llama.sh PYTHON [--cached]}
CACHED_ONLY=${2:-}
VERSION=0.3.36
PORTABLE_ARGS="-DGGML_NATIVE=OFF -DGGML_CPU_ALL_VARIANTS=OFF -DGGML_BACKEND_DL=OFF \
-DGGML_SSE42=ON -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON \
-DGGML_AVX_VNNI=OFF -DGGML_AVX512=OFF -DGGML_AVX512_VBMI=OFF -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF \
-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"
SLIM_ARGS="-DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF \
-DLLAMA_BUILD_SERVER=OFF -DLLAMA_CURL=OFF"
export CMAKE_ARGS="$PORTABLE_ARGS $SLIM_ARGS ${MOEDEMAPPE_EXTRA_CMAKE_ARGS:-}"
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc 2>/dev/null || echo 2)}
PYVER=$("$PY" -c 'import sys; print(f"{sys.version_info[0]}{sys.version_info[1]}")')
sha256() { if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi; }  # macOS: shasum
KEY=$(printf '%s\n' "$VERSION" "$CMAKE_ARGS" "$(uname -sm)" "$PYVER" | sha256 | cut -c1-16)
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/moedemappe/llama-wheels/$KEY
shopt -s nullglob
wheels=("$CACHE"/llama_cpp_python-$VERSION-*.whl)
if [ ${#wheels[@]} -eq 0 ] && [ "$CACHED_ONLY" = --cached ]; then
    exit 3
fi
if [ ${#wheels[@]} -eq 0 ]; then
    started=$SECONDS
    echo "Bygger llama.cpp til den bærbare basislinje (ca. 12 min på 2 kerner) ..." >&2
    mkdir -p "$CACHE.tmp"
    "$PY" -m pip wheel --quiet --disable-pip-version-check --no-deps --no-cache-dir \
        --no-binary llama-cpp-python -w "$CACHE.tmp" "llama-cpp-python==$VERSION" >&2
    rm -rf "$CACHE" && mv "$CACHE.tmp" "$CACHE"
    printf '%s\n' "$CMAKE_ARGS" > "$CACHE/CMAKE_ARGS"
    echo $((SECONDS - started)) > "$CACHE/BUILD_SECONDS"  # the set-up time from a clean cache, for make bench
    wheels=("$CACHE"/llama_cpp_python-$VERSION-*.whl)
fi
echo "${wheels[0]}"
