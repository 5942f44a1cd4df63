#!/usr/bin/env bash
# Runs the end-to-end tests: the real debug app under Xvfb, driven by tauri-driver + WebKitWebDriver.
# With file arguments, runs only those test files. Expects target/debug/lotsenbuero (built with --features custom-protocol) and target/debug/lotsen.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
export NO_AT_BRIDGE=1
export LOTSEN_APP="$PWD/target/debug/lotsenbuero" LOTSEN_CLI="$PWD/target/debug/lotsen"
exec xvfb-run -a -s "-screen 0 1400x900x24" \
  dbus-run-session -- node --test --test-concurrency=1 "${@:-tests/e2e/}"
