# CTriage — `make run` starts the server with its embedded PostgreSQL; `make test` runs every test against a
# throwaway PostgreSQL. Both first install missing system packages (Debian/Ubuntu, apt-get).
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libpq-dev zlib1g-dev postgresql postgresql-contrib pkg-config chromium chromium-driver python3
# Passed to `ctriage serve` by `make run`, e.g. make run ARGS="--port 9090".
ARGS ?=

.PHONY: install build run test browser-test screenshots migrate bench-db bench-worklist bench-load schemathesis fuzz soak dicomweb-check clean

install:
	@missing=""; for package in $(APT_PACKAGES); do \
		dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	fi

build: install
	$(SWIFT) build -c release --product ctriage

run: build
	@echo "Starting CTriage on http://127.0.0.1:8080/ (Ctrl-C stops it and its database)"
	.build/release/ctriage serve --demo $(ARGS)

test: install
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	python3 Scripts/browser_test.py --binary .build/debug/ctriage --out .build/test-output/screenshots

# The web UI in headless Chromium against `ctriage serve --demo` (issue #7); screenshots in .build/test-output.
browser-test: install
	$(SWIFT) build --product ctriage
	python3 Scripts/browser_test.py --binary .build/debug/ctriage --out .build/test-output/screenshots

# Regenerates the page screenshots of docs/ui.md from the same browser run.
screenshots: install
	$(SWIFT) build --product ctriage
	python3 Scripts/browser_test.py --binary .build/debug/ctriage --out docs/screenshots

migrate: build
	.build/release/ctriage migrate

bench-db: build
	.build/release/ctriage bench db --clients 1,8,32 --seconds 10

bench-worklist: build
	.build/release/ctriage bench worklist --studies 100000 --radiologists 16 --readers 50 --seconds 10

# Issue #8: the daemon under load in one run (2.5–3 minutes on the shared 2-core VM); its own database, dropped at the end.
bench-load: build
	.build/release/ctriage bench load --state-dir /tmp/ctriage-bench-load --studies 100000 --seconds 10

# Schemathesis (PyPI, installed on first use) against /openapi.json of a throwaway demo server.
schemathesis: install
	$(SWIFT) build --product ctriage
	bash Scripts/schemathesis.sh

# Real DICOMweb clients (dicomweb-client, Orthanc + DICOMweb plugin) against STOW-RS; installs them if missing.
dicomweb-check: install
	$(SWIFT) build --product ctriage
	python3 Scripts/dicomweb_check.py --binary .build/debug/ctriage

fuzz: install
	bash Scripts/fuzz.sh $(or $(SECONDS_PER_TARGET),60)

# The long fault tests (issue #8): kills under 300 queued studies, three daemons with kills, PostgreSQL restarted
# under minutes of mixed load; figures appended to .build/test-output/soak.txt. About a quarter of an hour.
soak: install
	bash Scripts/soak.sh

clean:
	rm -rf .build
