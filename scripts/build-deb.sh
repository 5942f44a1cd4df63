#!/usr/bin/env bash
# Builds the Debian package (offline): the desktop app and the `lotsen` command line, both on PATH.
# Output: target/release/bundle/deb/lotsenbuero_<version>_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
(cd src-tauri && ../ui/node_modules/.bin/tauri build --config deb.conf.json)
deb=$(ls -t target/release/bundle/deb/lotsenbuero_*_amd64.deb | head -1)
# The package must carry both programs.
for f in ./usr/bin/lotsenbuero ./usr/bin/lotsen; do
  dpkg-deb -c "$deb" | awk '{print $6}' | grep -qx "$f" || { echo "$deb: $f fehlt" >&2; exit 1; }
done
echo "$deb"
