# Two entry points do all the set-up on a fresh Debian machine:
#   make video   renders the explainer into media/
#   make test    runs ruff and the test suite
#   make docs    writes the API reference into media/api/
#   make pins    re-pins the pictures the tests compare with, after a deliberate change
# Set-up runs once: stamps in .venv/ make the second run skip it.

# .venv/bin/python is a symlink to the system interpreter: without this, make would
# compare the interpreter's own (old) date and set the venv up again on every run.
MAKEFLAGS += --check-symlink-times

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
QUALITY ?= high
JOBS    ?=
ARGS    ?=
# e.g. BENCH_ARGS="--quality high --rtf-qualities low,high"
BENCH_ARGS ?=
# e.g. VOICE_BENCH_ARGS="--quality high"
VOICE_BENCH_ARGS ?=
# e.g. CLUSTER_BENCH_ARGS="--scene 8 --repeats 2" (--scaling also rewrites the scaling table)
CLUSTER_BENCH_ARGS ?=

# What pycairo and manimpango build against.
SYSTEM_PACKAGES := libcairo2-dev libpango1.0-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Only `make test` needs these: the browser the lecture-kit tests drive through
# Playwright (Debian's chromium; Playwright never downloads a browser here), and
# espeak-ng, the second voice, which the voice tests speak with.
TEST_SYSTEM_PACKAGES := chromium espeak-ng

.PHONY: video test pins lint format bench docs contact-sheet setup system-deps test-system-deps clean

video: $(VENV)/.installed
	$(BIN)/explainer render --quality $(QUALITY) $(if $(JOBS),--jobs $(JOBS)) $(ARGS)

# The suite starts many Python processes (renders, the CLI, workers): with bytecode
# cached (in __pycache__/, ignored by git) each imports the kit compiled once, even where
# the environment asks Python not to write it.
test: $(VENV)/.installed test-system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto

# Re-pin the pictures tests/scenes/test_pictures.py compares with (tests/pins/), after a
# deliberate change to what the scenes show. Look at the new pins before committing them.
pins: $(VENV)/.installed
	EXPLAINER_REPIN=1 $(BIN)/python -m pytest -n auto -q -p no:cacheprovider tests/scenes/test_pictures.py

lint: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The API reference, from the docstrings, into media/api/ (not committed): open
# media/api/index.html. Offline: pdoc needs no network and no server.
docs: $(VENV)/.installed
	$(BIN)/python -W ignore -m pdoc --docformat restructuredtext --no-show-source -o media/api scenes.kit infotheory
	@echo "API reference: media/api/index.html"

bench: $(VENV)/.installed
	$(BIN)/python tests/benchmarks/bench_infotheory.py
	$(BIN)/python tests/benchmarks/bench_render.py $(BENCH_ARGS)
	$(BIN)/python tests/benchmarks/bench_voice.py $(VOICE_BENCH_ARGS)
	$(BIN)/python tests/benchmarks/bench_cluster.py $(CLUSTER_BENCH_ARGS)

# The README's contact sheet and the scene catalogue `explainer list` reads: redraw them
# after changing a scene (tests/test_catalogue.py says when they are stale).
contact-sheet: $(VENV)/.installed
	$(BIN)/python -m scenes.catalogue

setup: $(VENV)/.installed

# System libraries: installed only when dpkg says one is missing.
$(VENV)/.system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if ! $(PYTHON) -c 'import ensurepip' 2>/dev/null; then missing="$$missing python3-venv"; fi; \
	if ! command -v cc >/dev/null; then missing="$$missing gcc"; fi; \
	if ! $(PYTHON) -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))'; then \
	  missing="$$missing python3-dev"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@mkdir -p $(VENV) && touch $@

# Test-only system packages: installed only when missing; checked again when this file changes.
test-system-deps: $(VENV)/.test-system-deps

$(VENV)/.test-system-deps: Makefile
	@command -v dpkg-query >/dev/null || exit 0; \
	missing=""; for p in $(TEST_SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing test system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@mkdir -p $(VENV) && touch $@

# touch -h: the link's own date, which venv leaves as it was when the venv exists.
$(VENV)/bin/python: $(VENV)/.system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	@touch -h $@

# Re-installs only when pyproject.toml changes. The voice extra is the narrator; the
# cluster extra (Dask) renders on a cluster, and the tests start local ones.
$(VENV)/.installed: pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[dev,voice,cluster]'
	@touch $@

clean:
	rm -rf $(VENV) build *.egg-info
