# ECS Capacity Planner.
#   make serve   installs what is missing, builds the release site into dist/, serves it on 127.0.0.1:8080
#   make test    installs what is missing, runs every test layer (native, browser, end-to-end)
# Needs only rustup's Rust, Node.js (with npm) and apt; every other tool is installed here, pinned.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := serve
MAKEFLAGS += --no-print-directory

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
# The wasm-bindgen CLI must equal the crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8080
# Where cargo puts its output: CARGO_TARGET_DIR when it is set (many set it globally), else target/.
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
WASM := $(TARGET_DIR)/wasm32-unknown-unknown/release/ecs_capacity.wasm
LOGS := target/test-logs

.PHONY: cli serve build single test test-native test-browser test-e2e test-budgets figures tools tools-build \
        tool-wasm-target tool-wasm-bindgen tool-npm tool-chromium clean

## Tools: each step is skipped when what it installs is already there.
tool-wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# Not --locked: the CLI's own lockfile wants a crate version this registry lacks (toolchain.md).
tool-wasm-bindgen:
	@[ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] || \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

# wasm-opt comes from npm's binaryen 132 (Debian's is too old for wasm-bindgen 0.2.130 output); terser
# minifies the JS glue. --low-memory-unused: Rust never touches addresses below 1024 (its stack and data
# start at 1 MiB), so binaryen may fold constant offsets; it saves about 1.7 KB gzip. The producers and
# target-features sections only inform tools, not browsers: stripped last (0.2 KB gzip). --merge-similar-functions
# (not part of -Oz) folds functions that differ only in constants, as generic code often does: 1.5 KB gzip.
# --flatten --rereloop rebuilds each function's control flow before -Oz shrinks it: 0.8 KB gzip for about
# 20 s more of wasm-opt (measured 2026-11-30). A second --merge-similar-functions -Oz after --converge
# finds what the first round's output newly makes similar: 1.2 KB gzip (measured 2026-11-30). main.js and sw.js are minified too (0.7 KB gzip).
# scripts/short-imports.mjs renames the wasm's 157 imports (wasm-bindgen's names end in 16-digit hashes) in
# the wasm and the glue alike: 4.5 KB gzip.
tool-npm:
	@[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund

# Debian's Chromium and its matching driver; never a browser download.
tool-chromium:
	@[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || { \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; }

tools-build:
	@$(MAKE) -j3 tool-wasm-target tool-wasm-bindgen tool-npm

# The cargo and apt installs run side by side.
tools:
	@$(MAKE) -j4 tool-wasm-target tool-wasm-bindgen tool-npm tool-chromium

## Build: wasm-bindgen directly (no Trunk), one wasm module behind the stable name ecs-capacity.js.
build: tools-build
	cargo build --release --target wasm32-unknown-unknown --lib --target-dir $(TARGET_DIR)
	@if [ ! -f dist/.built ] || [ $(WASM) -nt dist/.built ] || [ -n "$$(find index.html main.js sw.js manifest.webmanifest icon.svg js styles examples scripts/mincss.mjs scripts/short-imports.mjs -newer dist/.built)" ]; then \
	  rm -rf dist.tmp && mkdir -p dist.tmp/styles && \
	  wasm-bindgen --target web --no-typescript --out-dir dist.tmp --out-name ecs-capacity-wasm $(WASM) && \
	  wasm-opt --merge-similar-functions --flatten --rereloop -Oz --converge --merge-similar-functions -Oz --low-memory-unused --strip-producers --strip-target-features dist.tmp/ecs-capacity-wasm_bg.wasm -o dist.tmp/ecs-capacity-wasm_bg.wasm && \
	  terser dist.tmp/ecs-capacity-wasm.js --module --compress --mangle -o dist.tmp/ecs-capacity-wasm.js && \
	  node scripts/short-imports.mjs dist.tmp/ecs-capacity-wasm.js dist.tmp/ecs-capacity-wasm_bg.wasm && \
	  sed 's/__VERSION__/$(VERSION)/' js/ecs-capacity.js | terser --module --compress --mangle -o dist.tmp/ecs-capacity.js && \
	  terser main.js --module --compress --mangle -o dist.tmp/main.js && \
	  cp index.html manifest.webmanifest icon.svg dist.tmp/ && node scripts/mincss.mjs styles/app.css dist.tmp/styles/app.css && \
	  sed 's/__VERSION__/$(VERSION)-'"$$(date +%s)"'/' sw.js | terser --compress --mangle -o dist.tmp/sw.js && \
	  mkdir -p dist.tmp/examples && cp examples/* dist.tmp/examples/ && \
	  touch dist.tmp/.built && rm -rf dist && mv dist.tmp dist && echo "built dist/"; \
	else echo "dist/ is up to date"; fi

## The command-line planner (issue 16): target/release/ecs-capacity, the same model as the page.
cli:
	cargo build --release --bin ecs-capacity --target-dir $(TARGET_DIR)
	@echo "built $(TARGET_DIR)/release/ecs-capacity"

## One self-contained file that runs from file:// (wasm inside): dist-single/index.html.
single: build
	@[ dist-single/index.html -nt dist/.built ] || node scripts/single.mjs dist dist-single

serve: build
	node scripts/serve.mjs dist $(PORT)

## Tests: a failing test, or a layer that runs no test, fails `make test`.
test: tools
	@mkdir -p $(LOGS)
	@$(MAKE) test-native
	@$(MAKE) test-browser
	@$(MAKE) test-e2e
	@$(MAKE) test-budgets
	@echo "== all test layers passed, budgets held"

test-native:
	@mkdir -p $(LOGS)
	cargo test 2>&1 | tee $(LOGS)/native.log
	@scripts/check-count.sh cargo native $(LOGS)/native.log

test-browser: tool-wasm-target tool-wasm-bindgen tool-chromium
	@mkdir -p $(LOGS)
	CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser 2>&1 | tee $(LOGS)/browser.log
	@scripts/check-count.sh cargo browser $(LOGS)/browser.log

test-e2e: build single tool-chromium
	@mkdir -p $(LOGS)
	node --test --test-concurrency=1 --test-timeout=180000 --test-reporter=spec tests/e2e/ 2>&1 | tee $(LOGS)/e2e.log
	@scripts/check-count.sh node end-to-end $(LOGS)/e2e.log

## Figures: sizes and timings, printed (README and closing notes quote them).
## Budgets (size, and timings scaled by a calibration loop): every figure printed, fails when over.
test-budgets: build tool-chromium
	node scripts/figures.mjs --check

figures: build tool-chromium
	node scripts/figures.mjs

clean:
	rm -rf dist dist.tmp dist-single target/test-logs
