#!/usr/bin/env bash
# Builds Lotsenbüro for 64-bit Windows on Debian 12, offline except for Debian's and the usual
# package registries:
#   target/windows-dist/lotsen.exe                       the command line (package lotsen)
#   target/windows-dist/lotsenbuero.exe                  the desktop app, front end embedded
#   target/windows-dist/Lotsenbuero-Setup-<version>.exe  the installer (NSIS, windows/installer.nsi)
#   target/windows-dist/build-times.txt                  seconds per step and the file sizes
#
# Rust for Windows: rustup cannot add targets on this machine, so Debian's Rust (rustc-web,
# cargo-web) builds its own standard library from rust-web-src (-Zbuild-std, enabled with
# RUSTC_BOOTSTRAP) for x86_64-pc-windows-gnu and links with MinGW-w64 (.cargo/config.toml). The
# Windows build uses its own target folder, target/windows, so the Linux build is never touched.
#
#   scripts/build-windows.sh            everything
#   scripts/build-windows.sh --cli      only lotsen.exe (what scripts/test-windows.sh needs)
#   LOTSEN_WINDOWS_DEBUG=1 ...          debug build of the programs (faster, larger)
set -euo pipefail
cd "$(dirname "$0")/.."

only_cli=false
[[ "${1:-}" == "--cli" ]] && only_cli=true

TARGET=x86_64-pc-windows-gnu
export CARGO_TARGET_DIR="$PWD/target/windows"
DIST="$PWD/target/windows-dist"
mkdir -p "$DIST"
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
TIMES="$DIST/build-times.txt"
: >"$TIMES"

step() { printf '\n== %s\n' "$*"; }
timed() {
  local name=$1
  shift
  local start=$SECONDS
  "$@"
  echo "$name $((SECONDS - start)) s" | tee -a "$TIMES"
}

step "Werkzeuge (Debian-Pakete)"
packages=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installiere: ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
/usr/bin/rustc --version

profile_args=(--release)
profile_dir=release
if [[ "${LOTSEN_WINDOWS_DEBUG:-}" == 1 ]]; then
  profile_args=()
  profile_dir=debug
fi

# Debian's cargo and rustc, never rustup's (which has no Windows standard library here).
wincargo() {
  env RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
    /usr/bin/cargo build -Zbuild-std=std,panic_abort --target "$TARGET" "${profile_args[@]}" "$@"
}
OUT="$CARGO_TARGET_DIR/$TARGET/$profile_dir"

step "lotsen.exe (Kommandozeile)"
timed cli wincargo -p lotsen --bin lotsen
cp "$OUT/lotsen.exe" "$DIST/lotsen.exe"
if $only_cli; then
  ls -l "$DIST/lotsen.exe"
  exit 0
fi

step "Oberfläche (ui/dist)"
if [[ ! -d ui/node_modules ]]; then
  (cd ui && npm ci --no-audit --no-fund)
fi
timed ui bash -c 'cd ui && npm run build >/dev/null'

step "lotsenbuero.exe (Desktop-App)"
timed app wincargo -p lotsenbuero --features custom-protocol
cp "$OUT/lotsenbuero.exe" "$DIST/lotsenbuero.exe"
# The gnu build links WebView2Loader.dll dynamically (from webview2-com-sys, Microsoft's
# redistributable loader); tauri-build puts it beside the .exe.
cp "$OUT/WebView2Loader.dll" "$DIST/WebView2Loader.dll"

step "Installationsprogramm (NSIS)"
cp src-tauri/icons/icon.ico "$DIST/lotsenbuero.ico"
# Notepad on older Windows 10 shows LF-only text as one line.
sed 's/$/\r/' windows/LIESMICH.txt >"$DIST/LIESMICH.txt"
SETUP="$DIST/Lotsenbuero-Setup-$VERSION.exe"
timed installer makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DSOURCE_DIR="$DIST" \
  -DOUT_FILE="$SETUP" windows/installer.nsi

step "Ergebnis"
for f in lotsen.exe lotsenbuero.exe "Lotsenbuero-Setup-$VERSION.exe"; do
  echo "size $f $(stat -c %s "$DIST/$f") bytes" | tee -a "$TIMES"
done
ls -l "$DIST"
