# Two entry points: `make demo` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck docs pytest bench fuzz clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found (set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test,docs]"
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/cjp check --as-of 2026-11-25

lint: $(STAMP)
	$(BIN)/ruff check conftest.py src tests downstream_tests benchmarks examples scripts fuzz
	$(BIN)/ruff format --check conftest.py src tests downstream_tests benchmarks examples scripts fuzz

typecheck: $(STAMP)
	$(BIN)/mypy src

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir .site

pytest: $(STAMP)
	$(BIN)/python -m pytest --durations=10

test: lint typecheck docs pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/working_days.py
	$(BIN)/python benchmarks/machines.py
	$(BIN)/python benchmarks/serialization.py
	$(BIN)/python benchmarks/compliance.py
	$(BIN)/python benchmarks/memory.py

# A long fuzz campaign (not part of `make test`, whose test_fuzz.py runs 2,000 mutated
# documents per loader): 100,000 per loader and 5,000 CLI runs, a few minutes.
fuzz: $(STAMP)
	CJP_FUZZ_INPUTS=100000 CJP_FUZZ_CLI_INPUTS=5000 $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/test_fuzz.py

clean:
	rm -rf $(VENV) .site .mypy_cache .ruff_cache .hypothesis
