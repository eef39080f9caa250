# `make demo` and `make test` each set up .venv from nothing, then do their job.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint unit venv clean bench score fast test-fast relevance wild digests screenshots

$(STAMP): pyproject.toml setup.py src/accords/text/_scan.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# hazm's Persian word list (for ZWNJ restoration) without hazm's own heavy dependencies
	$(BIN)/pip install --quiet --no-deps 'hazm==0.10.0'
	touch $(STAMP)

venv: $(STAMP)

# A second environment where the extraction's hot modules are compiled by mypyc (see
# setup.py): what a production install runs, about half again as fast. The editable .venv
# stays pure Python, so that an edited module is the module that runs.
FAST := .venv-fast
FAST_DEPS := $(FAST)/.deps
FAST_STAMP := $(FAST)/.installed
SOURCES := $(shell find src -name '*.py')

$(FAST_DEPS): pyproject.toml
	rm -rf $(FAST)
	$(PYTHON) -m venv $(FAST)
	$(FAST)/bin/pip install --quiet --upgrade pip setuptools wheel
	$(FAST)/bin/pip install --quiet '.[dev]'
	$(FAST)/bin/pip install --quiet --no-deps 'hazm==0.10.0'
	touch $(FAST_DEPS)

$(FAST_STAMP): $(FAST_DEPS) setup.py $(SOURCES)
	ACCORDS_COMPILE=1 $(FAST)/bin/pip install --quiet --no-build-isolation --no-deps --force-reinstall .
	touch $(FAST_STAMP)

fast: $(FAST_STAMP)

# the tests of extraction, linking and the output contract, against the compiled modules
# (CI runs them too)
test-fast: $(FAST_STAMP)
	$(FAST)/bin/pytest tests/extract tests/text tests/lexicon tests/link tests/test_pipeline.py tests/test_seeds.py tests/test_eval.py tests/test_cli.py \
		tests/test_same_output.py tests/test_contract.py

# a fresh SQLite file each time: the samples go in, the events table comes out
DEMO_DB := .demo/accords.db

demo: $(STAMP)
	mkdir -p $(dir $(DEMO_DB))
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/accords ingest samples --db $(DEMO_DB)
	$(BIN)/accords events --db $(DEMO_DB)
	@echo "The database is $(CURDIR)/$(DEMO_DB); try: $(BIN)/accords articles --db $(DEMO_DB) --search 'همکاری ها'"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs
	$(BIN)/ruff format --check src tests benchmarks docs
	$(BIN)/mypy
	$(BIN)/codespell src tests benchmarks docs/screenshots.py README.md

unit: $(STAMP)
	$(BIN)/pytest

test: lint unit

score: $(STAMP)
	$(BIN)/python ../shared/eval/score.py ../shared/eval/dev --cmd "$(BIN)/accords extract {files} --format jsonl"

# the relevance model (src/accords/extract/relevance.json) trained from labels/ and the
# dev set of ../shared, with its cross-validated precision and recall
relevance: $(STAMP)
	$(BIN)/python benchmarks/relevance.py --write

# the share of the real news stream of ../shared/eval/wild flagged, per language, and
# precision and recall against our scope labels
wild: $(STAMP)
	$(BIN)/python benchmarks/wild.py

# the digests of the extraction output that tests/test_same_output.py holds it to: run it
# when a change is meant to alter the output, and after a rebase onto a main whose did
digests: $(STAMP)
	$(BIN)/python benchmarks/same_output.py --write

# the README's screenshots of every page, at a desktop's and a phone's size, from a store of
# the samples served by `accords serve` and opened in Debian's Chromium (docs/screenshots.py)
screenshots: $(STAMP)
	$(BIN)/python docs/screenshots.py

bench: $(STAMP) $(FAST_STAMP)
	$(BIN)/python benchmarks/extraction.py
	$(FAST)/bin/python benchmarks/extraction.py
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) $(FAST) build .mypy_cache .pytest_cache .ruff_cache
