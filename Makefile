# Set-up and entry points. `make site` and `make test` are all a fresh Debian
# machine with Python 3.11, make and git needs: every other install happens here.

PYTHON  ?= python3.11
ENGINE  ?= mkdocs
VENV    := .venv
PY      := $(VENV)/bin/python
APT     := DEBIAN_FRONTEND=noninteractive apt-get
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages: Pango for WeasyPrint; Chromium and Node for the browser tests; Poppler's
# pdftotext reads the text of the PDFs in the tests.
RUNTIME_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_DEBS    := chromium nodejs poppler-utils

.PHONY: site test test-quick check lint serve schema bench clean system-deps test-system-deps

site: $(VENV)/.runtime system-deps
	$(PY) build.py --engine $(ENGINE)

# Check the school files, as board staff use it: nothing beyond what `make site` installed.
# (The code's own checks are `make lint`.)
check: $(VENV)/.runtime
	$(PY) build.py --check

# Lint, formatting and types; all three stay at zero. CI runs this before the tests.
lint: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# Regenerate schema/*.schema.json (editor help) after changing meldcode/schema.py.
schema: $(VENV)/.runtime
	$(PY) build.py --schrijf-schema

serve: $(VENV)/.runtime system-deps
	$(PY) build.py --serve $(SCHOOL) --engine $(ENGINE)

# One worker per core; whole files per worker, so module fixtures are built once; the files in the
# order tests/conftest.py gives them (longest and independent first), so no worker waits.
test: $(VENV)/.test system-deps test-system-deps tests/browser/node_modules/axe-core/axe.min.js
	$(PY) -m pytest -n auto --dist loadfile --no-loadscope-reorder

# The inner loop: everything but the slow property-style tests (fuzz, role combinations, 500
# werkwijze combinations); CI runs them all.
test-quick: $(VENV)/.test system-deps test-system-deps tests/browser/node_modules/axe-core/axe.min.js
	$(PY) -m pytest -n auto --dist loadfile --no-loadscope-reorder -m "not slow"

bench: $(VENV)/.runtime system-deps
	$(PY) benchmarks/bench_build.py --schools 1 20 100
	$(PY) benchmarks/bench_preview.py

$(VENV)/.runtime: requirements.lock
	[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@

# Install a Debian package only when it is missing, so repeated runs stay fast.
define apt_ensure
	missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then $(SUDO) $(APT) update -qq && $(SUDO) $(APT) install -y -qq $$missing; fi
endef

system-deps:
	@$(call apt_ensure,$(RUNTIME_DEBS))

test-system-deps:
	@$(call apt_ensure,$(TEST_DEBS))
	@command -v npm >/dev/null || $(SUDO) $(APT) install -y -qq npm

tests/browser/node_modules/axe-core/axe.min.js: tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --silent
	touch $@

clean:
	rm -rf site .site.* build .pytest_cache .mypy_cache .ruff_cache
