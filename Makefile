# Two commands: `make demo` and `make test`. Both create .venv and install cardsmith into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint docs train-marker train-embedding clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,team,cluster]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== cardsmith read samples/nuclear-deterrence.html (metadata) =="
	$(BIN)/cardsmith read samples/nuclear-deterrence.html --format json --no-text
	@echo
	@echo "== cardsmith cut: one card per sample article =="
	$(BIN)/cardsmith cut samples/grid-storage.txt --claim "Grid batteries make renewable power reliable"
	@echo
	$(BIN)/cardsmith cut samples/nuclear-deterrence.html --claim "Arms control talks reduce the risk of nuclear war"
	@echo
	$(BIN)/cardsmith cut samples/water-scarcity.md --claim "Water scarcity causes regional conflict"

test: $(STAMP)
	$(BIN)/ruff check cardsmith tests benchmarks training docs
	$(BIN)/python -m pytest

# Rebuilds cardsmith/models/marker.npz from ../shared/data (about 5 minutes on 2 cores).
train-marker: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,train]'
	$(BIN)/python training/train_marker.py

# Rebuilds cardsmith/models/static.npz (the static embedding) from MiniLM and ../shared/data (minutes),
# then retrains the search re-ranker on it (benchmarks/search.py --train).
train-embedding: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,train]'
	$(BIN)/python training/distill_static.py
	$(BIN)/python benchmarks/search.py --train

# Regenerates docs/cli.md from the commands' --help (make test fails when it is stale).
docs: $(STAMP)
	$(BIN)/python docs/cli_reference.py

lint: $(STAMP)
	$(BIN)/ruff check cardsmith tests benchmarks training docs

clean:
	rm -rf $(VENV) build *.egg-info
