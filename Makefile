# Two entry points: `make demo` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck docs pytest bench fuzz clean validate-903 bench-903 ssd-example bench-ssd

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found (set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test,docs,ssd]"
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
	$(BIN)/python benchmarks/first_screen.py
	$(BIN)/python benchmarks/memory.py

# A long fuzz campaign (not part of `make test`, whose test_fuzz.py runs 2,000 mutated
# documents per loader): 100,000 per loader and 5,000 CLI runs, a few minutes.
fuzz: $(STAMP)
	CJP_FUZZ_INPUTS=100000 CJP_FUZZ_CLI_INPUTS=5000 $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/test_fuzz.py

# The DfE rules package councils use, on the bundled synthetic SSDA903 return, in its own
# environment: it pins pandas < 2 and numpy < 1.25, which the test extra cannot share.
VENV_903 := .venv-903
VALIDATOR_903 := csc-validator-be-903==0.1.17

$(VENV_903)/.installed:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found (set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(VENV_903)
	$(VENV_903)/bin/python -m pip install --quiet "$(VALIDATOR_903)"
	@touch $@

validate-903: $(VENV_903)/.installed
	$(VENV_903)/bin/python scripts/validate_ssda903_example.py

# 100,000 young people with 10 episodes each: the streaming reader against a plain csv read.
bench-903: $(STAMP)
	$(BIN)/python benchmarks/ssda903.py

# The synthetic SSD database (examples/ssd/ssd.sqlite, not committed; the tests write it too).
ssd-example: $(STAMP)
	$(BIN)/python scripts/make_ssd_example.py

# 100,000 young people from an SSD database (SQLite): the streaming reader against a plain SELECT.
bench-ssd: $(STAMP)
	$(BIN)/python benchmarks/ssd.py --read

clean:
	rm -rf $(VENV) $(VENV_903) .site .mypy_cache .ruff_cache .hypothesis
