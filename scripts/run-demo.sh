#!/usr/bin/env bash
# Sets everything up, builds the app and starts it on a demo database (demo-data/ in this folder).
# Your real database in the app data folder is not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

(cd ui && npm run build)
cargo build -p lotsenbuero --features custom-protocol
cargo build -p lotsen

DB="$PWD/demo-data/lotsenbuero.sqlite3"
if [ ! -f "$DB" ]; then
  ./target/debug/lotsen --db "$DB" demo
fi
echo "== starting Lotsenbüro on $DB"
exec ./target/debug/lotsenbuero --db "$DB"
