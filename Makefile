# Mødemappe — the two commands a new machine needs: `make run` and `make test`.
# Set-up is incremental: stamps under .venv/ and models/ make re-runs quick.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check

# llama-cpp-python is compiled from source for a portable CPU baseline by packaging/build_llama.sh
# (~12 min on 2 cores, once: the wheel is cached under ~/.cache/moedemappe keyed by its build flags).

.PHONY: setup system-deps run test bench lint clean demo-pack package sbom

setup: system-deps models/.selfcheck translations

# System libraries and tools (compiler, CMake, libpulse, espeak-ng, …): checked on every run (fast when
# all are there), installed with apt-get where this is root on Debian/Ubuntu, else the exact command.
system-deps:
	@PYTHON="$(PYTHON)" bash packaging/system_deps.sh

$(VENV)/.deps: pyproject.toml packaging/build_llama.sh | system-deps
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	@# The portable llama.cpp wheel (built once, then from its cache). --force-reinstall: pip keeps an
	@# installed llama-cpp-python of the same version, e.g. a -march=native build of an older set-up.
	wheel="$$(bash packaging/build_llama.sh $(PY))" && \
		$(PIP) install --quiet --no-deps --force-reinstall "$$wheel"
	$(PIP) install --quiet -e '.[models,outlook,dev]'
	@# The installed llama.cpp must hold no AVX-512/AMX code (app/core/models/buildcheck.py).
	$(PY) -m app.core.models.buildcheck
	@touch $@

models/.installed: $(VENV)/.deps models/manifest.toml
	$(PY) -m app.core.models.install
	@touch $@

# The models' sha256 and one short real generation in the model child (`models verify`): a llama.cpp
# that crashes on this CPU is reported here, with the fix, not at the first question.
models/.selfcheck: models/.installed
	$(PY) -m app models verify
	@touch $@

# The English UI: the Qt Linguist source (in git) compiled to the .qm file Qt loads (app/ui/i18n.py).
# jobs.py is left out of lupdate: it calls the core's tr(key), which lupdate would take for a UI text.
.PHONY: translations translations-update
TS := app/ui/translations/moedemappe_en.ts
UI_SOURCES := $(filter-out app/ui/jobs.py,$(wildcard app/ui/*.py))

translations: $(TS:.ts=.qm)

$(TS:.ts=.qm): $(TS) $(VENV)/.deps
	$(VENV)/bin/pyside6-lrelease $(TS) -qm $@

# For developers, after changing UI texts: update the .ts, then translate what is new (Qt Linguist).
translations-update: $(VENV)/.deps
	$(VENV)/bin/pyside6-lupdate $(UI_SOURCES) -ts $(TS) -source-language da -target-language en -no-obsolete

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
	rm -rf $(VENV) models/.installed models/.selfcheck bench-results.json

# --- Packaging (packaging/README.md): signed, offline-installable builds ------------------------
# make package: PyInstaller one-folder app in dist/moedemappe/, dist/moedemappe_<version>_amd64.deb,
# the SBOM, then the smoke test (timings in dist/package-report.json); signs when
# MOEDEMAPPE_SIGNING_KEY is set. Reproducible-build settings: timestamps from the last commit
# (SOURCE_DATE_EPOCH), a fixed hash seed, sorted file lists (in the spec and in dpkg-deb).
PYINSTALLER_VERSION := 6.22.3
TOOLS := build/tools-venv
package sbom: export SOURCE_DATE_EPOCH := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null),315532800)
package sbom: export PYTHONHASHSEED := 0

package: setup
	@$(PY) -c "import PyInstaller" 2>/dev/null || $(PIP) install --quiet "pyinstaller==$(PYINSTALLER_VERSION)"
	rm -rf dist/moedemappe build/pyinstaller
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/moedemappe.spec
	$(PY) -m app.core.models.buildcheck dist/moedemappe/_internal/llama_cpp/lib
	bash packaging/build_deb.sh
	$(MAKE) --no-print-directory sbom
	@$(PIP) freeze --exclude-editable | grep -iv '^moedemappe[=@ ]' > dist/requirements.build.txt
	@grep -v '^#' packaging/requirements.lock | cmp -s - dist/requirements.build.txt || \
		echo "Bemærk: byggemiljøet afviger fra packaging/requirements.lock (se diff dist/requirements.build.txt)"
	QT_QPA_PLATFORM=offscreen $(PY) packaging/smoke_test.py
	@if [ -n "$$MOEDEMAPPE_SIGNING_KEY" ]; then $(PY) packaging/sign_release.py; \
	else echo "Ikke signeret: sæt MOEDEMAPPE_SIGNING_KEY (packaging/README.md)"; fi

# The SBOM of what the package ships (dist/sbom.cdx.json) and packaging/THIRD_PARTY_NOTICES.md.
# cyclonedx-bom and pip-licenses live in their own venv: in .venv they would end up in the bundle.
sbom: setup $(TOOLS)/.installed
	@mkdir -p dist
	$(TOOLS)/bin/cyclonedx-py environment --output-reproducible --pyproject pyproject.toml --of JSON \
		-o build/sbom-environment.cdx.json $(PY)
	$(PY) packaging/supply_chain.py sbom --raw build/sbom-environment.cdx.json --out dist/sbom.cdx.json
	$(PY) packaging/supply_chain.py notices --pip-licenses $(TOOLS)/bin/pip-licenses

$(TOOLS)/.installed: packaging/requirements-tools.txt
	@test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check -r packaging/requirements-tools.txt
	@touch $@
