# The one entry point: `make run` installs and opens the app, `make test` installs and runs
# every check. Both work on a fresh machine with Python 3.11+; `make test` also installs the
# system packages the tests need (ALSA headers, tmux, chromium and its driver) when it can.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ARGS ?=

.PHONY: run test lint typecheck pytest test-pythons system-deps screenshots bench sounds voice help-keys soak clean

$(VENV)/.installed-run: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	bash scripts/system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[sound,web]' --group dev
	touch $(VENV)/.installed-run $@

run: $(VENV)/.installed-run
	$(VENV)/bin/stretch-tui $(ARGS)

test: $(VENV)/.installed-test lint typecheck pytest test-pythons

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check stretch_tui tests benchmarks scripts
	$(VENV)/bin/ruff format --check stretch_tui tests benchmarks scripts
	$(VENV)/bin/codespell stretch_tui tests benchmarks scripts catalog README.md $(wildcard docs)
	$(VENV)/bin/lint-imports --no-logo --no-cache

typecheck: $(VENV)/.installed-test
	$(VENV)/bin/mypy

pytest: $(VENV)/.installed-test
	$(PY) -m pytest $(ARGS)

# The unit and app tests again under each other Python 3.11-3.13 found, each in `.venv-pyX.Y`.
test-pythons: $(VENV)/.installed-test
	bash scripts/test-pythons $(PY)

# The SVGs of every screen, then the browser's picture of `stretch-tui serve` (chromium).
screenshots: $(VENV)/.installed-test
	$(PY) scripts/screenshots.py
	$(PY) scripts/browser_screenshot.py

# Random keys for a long while: 5 seeds from the commit x 20,000 keys (ARGS="--seeds N",
# "--keys N" or "--seed S"); prints crashes, hangs, restarts and the screens visited.
soak: $(VENV)/.installed-test
	$(PY) scripts/soak.py $(ARGS)

bench: $(VENV)/.installed-test
	$(PY) benchmarks/run_all.py

sounds: $(VENV)/.installed-test
	$(PY) scripts/make_sounds.py

# The spoken cues (sounds/voice/), rendered with espeak-ng (apt-get install espeak-ng); the
# app only plays the committed WAV files.
voice: $(VENV)/.installed-test
	$(PY) scripts/make_voice.py

help-keys: $(VENV)/.installed-test
	$(PY) scripts/help_keys.py

clean:
	rm -rf $(VENV) .venv-py3.* dist build .pytest_cache .mypy_cache .ruff_cache
