#!/usr/bin/env bash
# Sets everything up and runs every test: formatting, lints, Rust unit and integration tests,
# UI unit tests, the end-to-end tests of the real app under Xvfb, and the Windows command line
# (cross-built, run under Wine through a month).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
# Each step with the minutes since the start, so a slow CI run shows where its time went.
step() { printf '== %s (nach %d min)\n' "$*" $((SECONDS / 60)); }

step "cargo fmt"
cargo fmt --all -- --check
step "ui: build and unit tests"
(cd ui && npm run build && npm test)
step "cargo clippy"
cargo clippy --workspace --all-targets --features lotsenbuero/custom-protocol -- -D warnings
step "cargo test (core, store, command line)"
cargo test -p lotsen
step "cargo test (desktop shell; its web context needs a display)"
xvfb-run -a cargo test -p lotsenbuero
step "end-to-end (real app, tauri-driver, WebKitWebDriver, Xvfb)"
cargo build -p lotsenbuero --features custom-protocol
cargo build -p lotsen
./tests/e2e/run.sh
step "Windows (lotsen.exe cross-built with MinGW, a month of work under Wine)"
./scripts/test-windows.sh
step "fertig"
