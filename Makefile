# gemini-live-tools — build, test, demo, bench.
#
# `make test` and `make demo` work on a fresh Debian machine: they install the Debian
# packages they need when run as root, or print the exact apt-get line and stop.

SHELL        := /bin/bash
SWIFT        ?= swift
PREFIX       ?= /usr/local
BUILD_DIR    := .build
VENV         := .venv
SCHEMA_PKG   := google-ai-generativelanguage==0.12.1 google-genai==3.6.1
SCHEMA_LOG   := $(BUILD_DIR)/schema-log
DEB_PACKAGES := pkg-config libsndfile1-dev libsoxr-dev libespeak-ng-dev libpocketsphinx-dev pocketsphinx-en-us sox libsox-fmt-all ffmpeg espeak-ng festival festvox-us-slt-hts python3-venv parallel openssl jq man-db websocketd chromium
TOOLS        := gemini-live-encode gemini-live-decode gemini-live-session gemini-live-emulator gemini-live-test

.PHONY: all deps build release test lint demo bench fuzz completions install install-files deb test-package clean \
  test-cluster

all: build

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "make: installing $$missing" >&2; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "make: missing Debian packages; run:" >&2; \
	    echo "  sudo apt-get install -y $$missing" >&2; \
	    exit 1; \
	  fi; \
	fi

# Debug build; fails on any compiler warning in our own sources.
build: deps
	@mkdir -p $(BUILD_DIR)
	@scripts/build-info.sh $(BUILD_DIR)
	set -o pipefail; $(SWIFT) build --build-tests 2>&1 | tee $(BUILD_DIR)/build.log
	@if grep -E '/(Sources|Tests)/[^:]*:[0-9]+:[0-9]+: warning:' $(BUILD_DIR)/build.log; then \
	  echo "make: compiler warnings in our sources (above)" >&2; exit 1; fi

# The Swift runtime is linked into each tool: an installed tool needs only libc and the media libraries.
RELEASE_FLAGS := -c release --static-swift-stdlib
release: deps
	@scripts/build-info.sh $(BUILD_DIR)
	$(SWIFT) build $(RELEASE_FLAGS)

$(VENV)/.ok: Makefile
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check $(SCHEMA_PKG)
	touch $@

# Unit, end-to-end and schema tests. Every line the tools emit during the tests is
# collected in $(SCHEMA_LOG) and validated against Google's published schema afterwards.
# The whole test run is bounded: a hang fails the run instead of stalling CI.
# Every run records each test's duration in $(TEST_TIMES), slowest first, from swift-testing's
# event streams, and prints the slowest ten, also when a test fails.
# The emulator's suites run on their own, second: their in-process server runs on Swift's
# cooperative pool (one thread per core), which the synchronous end-to-end tests hold while
# they wait for child processes; side by side on a busy machine, the server's replies waited
# behind them past the tests' timeouts.
TEST_TIMES   := $(BUILD_DIR)/test-times.tsv
EVENTS       := $(BUILD_DIR)/test-events.jsonl
EVENTS_EMU   := $(BUILD_DIR)/test-events-emulator.jsonl
EVENT_FLAGS  := --experimental-event-stream-version 0 --event-stream-output-path
test: build $(VENV)/.ok
	rm -rf $(SCHEMA_LOG) $(EVENTS) $(EVENTS_EMU) && mkdir -p $(SCHEMA_LOG)
	@start=$$(date +%s); status=0; \
	export GEMINI_LIVE_SCHEMA_LOG=$(abspath $(SCHEMA_LOG)) GEMINI_LIVE_PYTHON=$(abspath $(VENV))/bin/python; \
	timeout 1500 $(SWIFT) test --skip-build --skip GeminiLiveEmulatorTests $(EVENT_FLAGS) $(EVENTS) || status=$$?; \
	timeout 300 $(SWIFT) test --skip-build --filter GeminiLiveEmulatorTests $(EVENT_FLAGS) $(EVENTS_EMU) \
	  || status=$$?; \
	python3 scripts/test-times.py $(TEST_TIMES) $(EVENTS) $(EVENTS_EMU) || true; \
	echo "make: swift test took $$(( $$(date +%s) - start )) s (exit $$status)"; \
	exit $$status
	$(VENV)/bin/python scripts/validate-schema.py $(SCHEMA_LOG)
	$(MAKE) --no-print-directory lint

# The session core stays pure: its files import GeminiLiveProtocol and nothing else (no Foundation, Glibc, NIO or
# GeminiLiveSystem), so it cannot open a socket, read a file or look at the wall clock.
lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift
	@if grep -rnE '^[[:space:]]*(@[A-Za-z_]+[[:space:]]+)*import[[:space:]]' Sources/GeminiLiveSessionCore \
	  | grep -vE ':[[:space:]]*import GeminiLiveProtocol[[:space:]]*$$'; then \
	  echo "make lint: Sources/GeminiLiveSessionCore may import only GeminiLiveProtocol" >&2; exit 1; fi
	@# A fuzz target's sources list names files by path: a moved file must not break only `make fuzz`.
	@for list in Tests/Fuzz/*/sources; do \
	  grep -nvE '^[[:space:]]*(#|-|$$)' "$$list" | while IFS=: read -r n path; do \
	    [ -e "$$path" ] || { echo "$$list:$$n: no such file or folder: $$path" >&2; exit 1; }; \
	  done || exit 1; \
	done

demo: build
	@samples/demo.sh $(BUILD_DIR)/debug

# The batch across two hosts: network namespaces with their own sshd, GNU parallel's --sshloginfile, and
# results compared with the same batch run locally with -j. Needs root; see scripts/test-cluster.sh.
CLUSTER_PACKAGES := openssh-server rsync
test-cluster: build
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(CLUSTER_PACKAGES)"
	scripts/test-cluster.sh $(BUILD_DIR)/debug

bench: release
	scripts/bench.sh $(BUILD_DIR)/release
	scripts/bench-decode.sh $(BUILD_DIR)/release
	scripts/bench-regression.sh $(BUILD_DIR)/release

# Coverage-guided fuzzing (libFuzzer): builds every Tests/Fuzz/<name>/target.swift into .build/fuzz/<name> and
# runs each for FUZZ_SECONDS (default 60) under nice; fails on any crash, saving the input. See scripts/fuzz.sh.
fuzz:
	scripts/fuzz.sh

EXAMPLES_DIR := $(PREFIX)/share/doc/gemini-live-tools/examples
COMPLETIONS  := $(BUILD_DIR)/completions
# Shell completions, written by swift-argument-parser's generator from the release binaries.
completions: release
	scripts/completions.sh $(BUILD_DIR)/release $(COMPLETIONS)

install: release completions install-files

# What `install` copies, without building: the package build stages it with DESTDIR.
install-files:
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man5 \
	  $(DESTDIR)$(PREFIX)/share/man/man7 $(DESTDIR)$(EXAMPLES_DIR)/emulator $(DESTDIR)$(EXAMPLES_DIR)/regression/failing \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	for t in $(TOOLS); do install -m 755 $(BUILD_DIR)/release/$$t $(DESTDIR)$(PREFIX)/bin/; done
	install -m 644 man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 man/*.5 $(DESTDIR)$(PREFIX)/share/man/man5/
	install -m 644 man/*.7 $(DESTDIR)$(PREFIX)/share/man/man7/
	install -m 755 samples/*.sh $(DESTDIR)$(EXAMPLES_DIR)/
	install -m 644 samples/*.wav samples/*.jpg samples/*.txt $(DESTDIR)$(EXAMPLES_DIR)/
	install -m 755 samples/emulator/*.sh $(DESTDIR)$(EXAMPLES_DIR)/emulator/
	install -m 644 samples/emulator/*.json samples/emulator/*.yaml $(DESTDIR)$(EXAMPLES_DIR)/emulator/
	install -m 644 samples/regression/*.yaml samples/regression/*.json $(DESTDIR)$(EXAMPLES_DIR)/regression/
	install -m 755 samples/regression/*.sh $(DESTDIR)$(EXAMPLES_DIR)/regression/
	install -m 644 samples/regression/failing/*.yaml $(DESTDIR)$(EXAMPLES_DIR)/regression/failing/
	for t in $(TOOLS); do \
	  install -m 644 $(COMPLETIONS)/bash/$$t $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$t; \
	  install -m 644 $(COMPLETIONS)/zsh/_$$t $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_$$t; \
	  install -m 644 $(COMPLETIONS)/fish/$$t.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$$t.fish; \
	done

# The fresh-machine proof: a debootstrapped Debian in a folder, the package installed with apt-get, the
# installed demo run inside it (root; see scripts/test-package.sh).
test-package: deb
	scripts/test-package.sh

# A Debian package of the release build: dist/gemini-live-tools_VERSION_ARCH.deb (see scripts/build-deb.sh).
PACKAGE_PACKAGES := dpkg-dev lintian debootstrap
deb: release completions
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(PACKAGE_PACKAGES)"
	scripts/build-deb.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) $(VENV)
