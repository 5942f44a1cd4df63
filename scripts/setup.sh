#!/usr/bin/env bash
# Installs everything Lotsenbüro needs on Debian 12: system packages, tauri-driver, npm packages.
# Safe to run again; it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # desktop build (Tauri 2 / WebKitGTK)
  libwebkit2gtk-4.1-dev build-essential file libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  pkg-config curl
  # end-to-end tests and screenshots
  webkit2gtk-driver xvfb xauth dbus-x11 imagemagick x11-utils
  # reading PDFs back and validating the SEPA file in tests
  poppler-utils libxml2-utils unzip
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== apt: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "Rust (cargo) fehlt: bitte über https://rustup.rs installieren." >&2
  exit 1
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Node.js 20 und npm fehlen: bitte installieren (z. B. apt-get install nodejs npm)." >&2
  exit 1
fi

export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null; then
  echo "== cargo: installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi

echo "== npm: ui"
(cd ui && npm ci --no-audit --no-fund --loglevel=error)
echo "== setup complete"
