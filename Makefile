# `make demo` and `make test` each set up .venv from nothing, then do their job.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint unit venv clean bench score

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# hazm's Persian word list (for ZWNJ restoration) without hazm's own heavy dependencies
	$(BIN)/pip install --quiet --no-deps 'hazm==0.10.0'
	touch $(STAMP)

venv: $(STAMP)

# a fresh SQLite file each time: the samples go in, the events table comes out
DEMO_DB := .demo/accords.db

demo: $(STAMP)
	mkdir -p $(dir $(DEMO_DB))
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/accords ingest samples --db $(DEMO_DB)
	$(BIN)/accords events --db $(DEMO_DB)
	@echo "The database is $(CURDIR)/$(DEMO_DB); try: $(BIN)/accords articles --db $(DEMO_DB) --search 'همکاری ها'"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/codespell src tests benchmarks README.md

unit: $(STAMP)
	$(BIN)/pytest

test: lint unit

score: $(STAMP)
	$(BIN)/python ../shared/eval/score.py ../shared/eval/dev --cmd "$(BIN)/accords extract {files} --format jsonl"

bench: $(STAMP)
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
