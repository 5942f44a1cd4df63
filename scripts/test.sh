#!/usr/bin/env bash
# Sets everything up and runs every test: formatting, lints, Rust unit and integration tests,
# UI unit tests, the end-to-end tests of the real app under Xvfb, and the Windows command line
# (cross-built, run under Wine through a month).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

echo "== cargo fmt"
cargo fmt --all -- --check
echo "== ui: build and unit tests"
(cd ui && npm run build && npm test)
echo "== cargo clippy"
cargo clippy --workspace --all-targets --features lotsenbuero/custom-protocol -- -D warnings
echo "== cargo test (core, store, command line)"
cargo test -p lotsen
echo "== end-to-end (real app, tauri-driver, WebKitWebDriver, Xvfb)"
cargo build -p lotsenbuero --features custom-protocol
cargo build -p lotsen
./tests/e2e/run.sh
echo "== Windows (lotsen.exe cross-built with MinGW, a month of work under Wine)"
./scripts/test-windows.sh
