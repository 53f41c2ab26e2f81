# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build test import follow clean

# Material prints its end-of-life notice on every build unless this is set (the
# theme's documented switch); exported, so serve, build and test (CI) are quiet.
export NO_MKDOCS_2_WARNING := 1

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# make serve [PORT=8001] [HOST=0.0.0.0]: the preview (preview/: edits show in seconds, the
# whole site catches up in the background). Served at the root (SITE_URL overrides
# site_url) so / , /zh-Hant/ and /en/ answer as they will on the published site's own path.
HOST ?= 127.0.0.1
PORT ?= 8000
serve: $(STAMP)
	SITE_URL=http://$(HOST):$(PORT)/ $(BIN)/python -m preview --dev-addr $(HOST):$(PORT)

build: $(STAMP)
	$(BIN)/mkdocs build --strict

test: $(STAMP)
	$(BIN)/python -m pytest -q

# make import SRC="path/to/file.txt other/dir" [ARGS="--dry-run --json ..."]
# Without SRC: the usage in one line (make's own $(error) line), before any install.
IMPORT_USAGE := usage: make import SRC="FILE_OR_FOLDER_OR_URL ..." [ARGS="--dry-run --force --date YYYY-MM-DD --json ..."]
import: $(if $(strip $(SRC)),$(STAMP))
	$(if $(strip $(SRC)),,$(error $(IMPORT_USAGE)))
	$(BIN)/python -m importer import $(SRC) $(ARGS)

# make follow [ARGS="--since YYYY-MM-DD --limit N --dry-run --json ..."]: import what is new in sources.yml.
follow: $(STAMP)
	$(BIN)/python -m importer follow $(ARGS)

clean:
	rm -rf site $(VENV)
