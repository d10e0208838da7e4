# tqkit: `make run` checks the bundled corpus; `make test` runs lint, types and the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: run test bench lint clean fuzz fuzz-races fuzz-glossary fuzz-readers readme-rules

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(PIP) install -q -e '.[test,mt,bench,langs,audit]'
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/tqkit check corpora/ --exit-zero

lint: $(VENV)/.test-installed
	$(BIN)/ruff check tqkit tui tests bench
	$(BIN)/ruff format --check tqkit tui tests bench
	$(BIN)/mypy tqkit tui

test: lint
	$(BIN)/pytest -n 2 -q

# 1,000 concurrent --fix/edit races and 500 kill -9 trials (`make test` runs 50 and 20).
fuzz-races: $(VENV)/.test-installed
	TQKIT_RACES=1000 TQKIT_KILLS=500 $(BIN)/pytest tests/fuzz/test_races.py -q -s

# Glossary loaders and importers (YAML, CSV, TBX): 5,000 generated inputs per property.
fuzz-glossary: $(VENV)/.test-installed
	TQKIT_FUZZ_EXAMPLES=5000 $(BIN)/pytest tests/fuzz/test_glossary_fuzz.py -q

# Readers and the fix loop over generated input (over 100,000 inputs; prints the count).
fuzz-readers: $(VENV)/.test-installed
	TQKIT_FUZZ_EXAMPLES=12000 $(BIN)/pytest tests/fuzz/test_readers_fuzz.py -q -p no:xdist

fuzz: fuzz-races fuzz-glossary fuzz-readers

bench: $(VENV)/.test-installed
	$(BIN)/python bench/run.py
	$(BIN)/python bench/quality.py --json bench/out/quality.json
	$(BIN)/python bench/quality_langs.py --json bench/out/quality_langs.json

# The rules table of README.md, from the rules' docstrings (tests/test_readme.py fails when stale).
readme-rules: $(VENV)/.test-installed
	$(BIN)/python tests/readme_rules.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
