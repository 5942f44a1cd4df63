#!/usr/bin/env bash
# Runs the Windows command line (lotsen.exe, built by scripts/build-windows.sh) under Wine through a
# month of the coordinator's work and checks every output on the Linux side. The Wine user is
# "Jürgen Müller", so the data folder is C:\users\Jürgen Müller\AppData\Roaming\de.lotsenbuero.app
# and every path has umlauts and spaces.
#
#   scripts/test-windows.sh              builds lotsen.exe if needed (build-windows.sh --cli), the month
#   scripts/test-windows.sh --installer  also installs the setup (silently, for all users), runs the
#                                        installed lotsen.exe, then uninstalls (needs the full build)
#   LOTSEN_WINDOWS_UNIT_TESTS=1 ...      also the core's unit tests, compiled for Windows, under Wine
#   LOTSEN_WINDOWS_SKIP_BUILD=1 ...      use target/windows-dist/lotsen.exe as it is
#
# Wine 8 lacks bcryptprimitives.dll (ProcessPrng, used by Rust's standard library): the test
# prefix gets a stand-in built from windows/wine/bcryptprimitives.c in its system32. It is for
# this test only and never shipped. windows/wine/holdopen.c holds files open as Windows programs
# do, to check that a refused replace is reported and harmless.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

with_installer=false
[[ "${1:-}" == "--installer" ]] && with_installer=true

TODAY=2026-12-02
DIST=$REPO/target/windows-dist
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
started=$SECONDS

need=()
extra=()
$with_installer && extra=(xvfb x11-utils)
for p in wine64 gcc-mingw-w64-x86-64 poppler-utils libxml2-utils python3 unzip "${extra[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if ((${#need[@]})); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver

if $with_installer; then
  SETUP=$DIST/Lotsenbuero-Setup-$VERSION.exe
  [[ -f $SETUP ]] || {
    echo "$SETUP fehlt: erst scripts/build-windows.sh" >&2
    exit 1
  }
elif [[ "${LOTSEN_WINDOWS_SKIP_BUILD:-}" == 1 && -f $DIST/lotsen.exe ]]; then
  echo "nehme das vorhandene $DIST/lotsen.exe"
else
  scripts/build-windows.sh --cli
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/lotsen-wine.XXXXXX")
export WINEPREFIX=$WORK/prefix WINEARCH=win64 WINEDEBUG=-all LANG=C.UTF-8 LC_ALL=C.UTF-8
# No Mono/Gecko install prompts; nothing here needs them.
export WINEDLLOVERRIDES="mscoree,mshtml="
# Wine names the Windows profile after $USER.
export USER="Jürgen Müller" LOGNAME="Jürgen Müller"
unset LOTSEN_DB LOTSEN_TODAY LOTSEN_DOCUMENTS DISPLAY
cleanup() {
  "$WINESERVER" -k 2>/dev/null || true
  if [[ -n "${KEEP_WINE:-}" ]]; then echo "Wine-Ordner bleibt: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

pass=0
fail=0
ok() {
  echo "ok   $1"
  pass=$((pass + 1))
}
bad() {
  echo "FAIL $1"
  fail=$((fail + 1))
}
# check "what" command…: passes when the command succeeds.
check() {
  local what=$1
  shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}
contains() { grep -qF -- "$2" "$1"; }
py() { python3 - "$@"; }

echo "== Wine-Umgebung ($("$WINE" --version))"
t=$SECONDS
"$WINE" wineboot --init >/dev/null 2>&1 || true
"$WINESERVER" -w
C=$WINEPREFIX/drive_c
PROFILE="$C/users/$USER"
[[ -d $PROFILE ]] || {
  echo "Wine-Profil $PROFILE fehlt" >&2
  exit 1
}
x86_64-w64-mingw32-gcc -O2 -shared -o "$C/windows/system32/bcryptprimitives.dll" \
  windows/wine/bcryptprimitives.c -ladvapi32
mkdir -p "$WORK/tools"
x86_64-w64-mingw32-gcc -O2 -municode -o "$WORK/tools/holdopen.exe" windows/wine/holdopen.c
echo "Wine bereit in $((SECONDS - t)) s"

# Windows paths of the test, and where they are on Linux.
WPROFILE="C:\\users\\$USER"
WDOCS="$WPROFILE\\Documents\\Lotsenbüro"
DOCS="$PROFILE/Documents/Lotsenbüro"
DATA="$PROFILE/AppData/Roaming/de.lotsenbuero.app"

if $with_installer; then
  echo "== Installation (still, für alle Benutzer)"
  "$WINE" "$SETUP" /S /AllUsers >"$WORK/setup.out" 2>&1
  "$WINESERVER" -w
  INSTALLED="$C/Program Files/Lotsenbüro"
  for f in lotsenbuero.exe lotsen.exe WebView2Loader.dll lotsenbuero.ico LIESMICH.txt Deinstallieren.exe; do
    check "installiert: $f" test -f "$INSTALLED/$f"
  done
  check "installiertes lotsen.exe ist das gebaute" cmp -s "$INSTALLED/lotsen.exe" "$DIST/lotsen.exe"
  check "installiertes lotsenbuero.exe ist das gebaute" \
    cmp -s "$INSTALLED/lotsenbuero.exe" "$DIST/lotsenbuero.exe"
  START_MENU="$C/ProgramData/Microsoft/Windows/Start Menu/Programs"
  check "Startmenü: Lotsenbüro.lnk" test -f "$START_MENU/Lotsenbüro.lnk"
  check "Startmenü: Lotsenbüro Kommandozeile.lnk" test -f "$START_MENU/Lotsenbüro Kommandozeile.lnk"
  "$WINE" reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\de.lotsenbuero.app' \
    >"$WORK/uninstall-key.txt" 2>&1 || true
  check "Eintrag in „Apps & Features“ (DisplayName, Version)" \
    bash -c "grep -q 'DisplayName.*Lotsenb' '$WORK/uninstall-key.txt' && grep -q 'DisplayVersion.*$VERSION' '$WORK/uninstall-key.txt'"
  EXE="C:\\Program Files\\Lotsenbüro\\lotsen.exe"

  # The desktop app as far as Wine can take it: Wine has no WebView2, so the app opens its window
  # and then Tauri reports the missing runtime in a dialog. Shows that the .exe loads (imports,
  # resources, WebView2Loader.dll) and starts; the page itself cannot be checked here.
  exec 3>"$WORK/display"
  Xvfb -displayfd 3 -screen 0 1400x900x24 >/dev/null 2>&1 &
  xvfb=$!
  for _ in $(seq 50); do [[ -s $WORK/display ]] && break; sleep 0.2; done
  export DISPLAY=":$(cat "$WORK/display")"
  # A Wine session started without a display stays without one: start a new one.
  "$WINESERVER" -k 2>/dev/null || true
  "$WINESERVER" -w
  "$WINE" "C:\\Program Files\\Lotsenbüro\\lotsenbuero.exe" --db 'C:\app-test.sqlite3' >/dev/null 2>&1 &
  app=$!
  for _ in $(seq 60); do
    xwininfo -root -tree >"$WORK/windows.txt" 2>/dev/null || true
    grep -q '"Error"' "$WORK/windows.txt" && break
    sleep 1
  done
  check "Desktop-App öffnet ihr Fenster „Lotsenbüro“ (1280×800)" grep -q '"Lotsenbüro".*1280x800' "$WORK/windows.txt"
  check "… und meldet die fehlende WebView2-Laufzeit (Wine hat keine)" grep -q '"Error"' "$WORK/windows.txt"
  "$WINE" taskkill /f /im lotsenbuero.exe >/dev/null 2>&1 || true
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  "$WINESERVER" -k 2>/dev/null || true
  "$WINESERVER" -w
  kill "$xvfb" 2>/dev/null || true
  exec 3>&-
  unset DISPLAY
else
  # The same folder the installer uses: umlaut and space.
  mkdir -p "$C/Program Files/Lotsenbüro"
  cp "$DIST/lotsen.exe" "$C/Program Files/Lotsenbüro/lotsen.exe"
  EXE="C:\\Program Files\\Lotsenbüro\\lotsen.exe"
fi

# lotsen NAME args…: runs lotsen.exe on the test day; stdout, stderr and exit code in $WORK/NAME.*
lotsen() {
  local name=$1
  shift
  set +e
  "$WINE" "$EXE" --today "$TODAY" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
  echo $? >"$WORK/$name.rc"
  set -e
  [[ $(cat "$WORK/$name.rc") == 0 ]]
}
out() { cat "$WORK/$1.out"; }
err() { cat "$WORK/$1.err"; }
count_pilots() {
  lotsen list-$1 pilots list --json && py "$WORK/list-$1.out" <<'EOF'
import json, sys
print(len(json.load(open(sys.argv[1], encoding="utf-8"))))
EOF
}

echo "== Ein Monat in der Kommandozeile"
check "lotsen.exe --version" lotsen version --version
check "Version $VERSION" contains "$WORK/version.out" "$VERSION"
check "demo in die Standarddatenbank" lotsen demo demo
check "Datenbank in %APPDATA%\\de.lotsenbuero.app (Profil mit Umlaut und Leerzeichen)" \
  test -f "$DATA/lotsenbuero.sqlite3"
pilots_before=$(count_pilots demo || true)
check "30 Demo-Lotsen" test "$pilots_before" = 30
check "Prüfung der Datenbank" lotsen check check

check "Budget 2026 festlegen" lotsen budget budget set 2026 "46.800,00" --notice "HZ-17" --line "31500.53100"
check "Budget in deutscher Schreibweise" contains "$WORK/budget.out" "46.800,00 €"
lotsen badbudget budget set 2026 viel || true
check "ungültiger Betrag deutsch abgelehnt" contains "$WORK/badbudget.err" "„viel“ ist kein eindeutiger Betrag"

check "Lauf 2026-11 erstellen" lotsen create run create 2026-11
check "Lauf 2026-11 freigeben" lotsen approve run approve 2026-11
check "Lauf anzeigen (JSON)" lotsen run run show 2026-11 --json
py "$WORK/run.out" >"$WORK/run.txt" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1], encoding="utf-8"))
lines = [l for l in run["lines"] if l["amount_cents"] > 0]
print(run["state"], len(run["lines"]), run["total_cents"], len(lines), run["lines"][0]["statement_number"])
EOF
read -r run_state run_lines run_total paid_lines first_number <"$WORK/run.txt"
check "Lauf freigegeben" test "$run_state" = approved
check "erste Abrechnungsnummer AE-2026-11-001" test "$first_number" = AE-2026-11-001

echo "== Abrechnungen (PDF) und SEPA"
MONTH_DIR="$DOCS/2026/11"
check "Abrechnungen schreiben nach …\\Documents\\Lotsenbüro\\2026\\11" \
  lotsen statements statements 2026-11 --out "$WDOCS\\2026\\11"
pdfs=("$MONTH_DIR"/*.pdf)
check "je Lotse eine PDF und die Sammeldatei ($((run_lines + 1)))" test "${#pdfs[@]}" = $((run_lines + 1))
pdf_ok=true
for f in "${pdfs[@]}"; do
  pdftotext -layout "$f" "$f.txt" || pdf_ok=false
  name=$(basename "$f")
  if [[ $name == AE-* ]]; then
    number=${name%%_*}
    grep -qF "$number" "$f.txt" || {
      echo "  $name: Nummer $number fehlt im Text"
      pdf_ok=false
    }
  fi
done
check "jede Abrechnung lesbar (pdftotext) mit ihrer Nummer" $pdf_ok
check "Sammeldatei Abrechnung_2026-11.pdf enthält die erste Nummer" \
  contains "$MONTH_DIR/Abrechnung_2026-11.pdf.txt" "AE-2026-11-001"
check "Sammeldatei mit Euro-Beträgen" grep -qE '[0-9]+,[0-9]{2} €' "$MONTH_DIR/Abrechnung_2026-11.pdf.txt"
rm -f "$MONTH_DIR"/*.txt

# The county's account for the SEPA file: the command line has no settings command (yet), so the
# test writes it into the settings row as the Einstellungen screen would.
check "Einstellungen: Konto des Landkreises" py "$DATA/lotsenbuero.sqlite3" <<'EOF'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
row = db.execute("SELECT value FROM settings WHERE key = 'app_settings'").fetchone()
settings = json.loads(row[0]) if row else {}
settings["debtor"] = {"name": "Landkreis Harz", "iban": "DE89370400440532013000", "bic": "NOLADE21HAL"}
db.execute("INSERT INTO settings (key, value) VALUES ('app_settings', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [json.dumps(settings)])
db.commit()
EOF
check "SEPA-Datei schreiben (Name mit Leerzeichen)" \
  lotsen sepa sepa 2026-11 --out "$WDOCS\\2026\\11\\SEPA Überweisung 2026-11.xml"
SEPA="$MONTH_DIR/SEPA Überweisung 2026-11.xml"
check "SEPA gültig nach pain.001.001.09.xsd (xmllint)" \
  xmllint --noout --schema tests/data/pain.001.001.09.xsd "$SEPA"
check "SEPA: Summe und Anzahl wie der Lauf" py "$SEPA" "$run_total" "$paid_lines" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"}
root = ET.parse(sys.argv[1]).getroot()
total = root.find("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", ns).text
count = root.find("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", ns).text
amounts = [a.text for a in root.iter("{%s}InstdAmt" % ns["p"])]
cents = sum(round(float(a) * 100) for a in amounts)
want = int(sys.argv[2])
ok = total == "%d.%02d" % divmod(want, 100) and cents == want and int(count) == int(sys.argv[3]) == len(amounts)
print("  CtrlSum", total, "NbOfTxs", count, "Lauf", want, "Cent") if not ok else None
sys.exit(0 if ok else 1)
EOF

echo "== Import einer Excel-Liste (Windows-1252)"
printf 'Vorname;Nachname;Straße;PLZ;Ort;Gemeinde;Geburtsdatum;Sprachen\r\nJürgen;Müller-Weiß;Kühler Grund 3;06502;Thale;Thale;02.03.1971;Deutsch, Französisch\r\n' |
  iconv -f UTF-8 -t WINDOWS-1252 >"$PROFILE/Documents/Lotsen aus Excel.csv"
check "Datei ist wirklich Windows-1252 (ü = 0xFC, ß = 0xDF)" py "$PROFILE/Documents/Lotsen aus Excel.csv" <<'EOF'
import sys
b = open(sys.argv[1], "rb").read()
sys.exit(0 if b"M\xfcller-Wei\xdf" in b and b"\r\n" in b else 1)
EOF
check "Import" lotsen import import "$WPROFILE\\Documents\\Lotsen aus Excel.csv"
check "Import erkennt Windows-1252" contains "$WORK/import.out" "Windows-1252"
check "Import: eine neue Zeile" contains "$WORK/import.out" "neu"
lotsen search pilots list --search "Weiß" --json || true
check "Umlaute und ß richtig gelesen" contains "$WORK/search.out" '"last_name": "Müller-Weiß"'
check "Straße richtig gelesen" contains "$WORK/search.out" "Kühler Grund 3"

echo "== Export CSV und XLSX"
check "Lotsenliste als CSV" lotsen csv export pilots --out "$WDOCS\\Export\\Lotsen.csv"
CSV="$DOCS/Export/Lotsen.csv"
check "CSV wie Excel sie erwartet: BOM, Semikolon, CRLF, UTF-8" py "$CSV" <<'EOF'
import sys
b = open(sys.argv[1], "rb").read()
ok = b.startswith(b"\xef\xbb\xbf") and b.count(b"\n") == b.count(b"\r\n") > 30
text = b[3:].decode("utf-8")
ok = ok and ";" in text.splitlines()[0] and "Müller-Weiß" in text
sys.exit(0 if ok else 1)
EOF
check "Zahlungen 2026 als XLSX" \
  lotsen xlsx export payments --format xlsx --year 2026 --out "$WDOCS\\Export\\Zahlungen 2026.xlsx"
check "XLSX ist eine Arbeitsmappe mit den Abrechnungsnummern" py "$DOCS/Export/Zahlungen 2026.xlsx" <<'EOF'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
text = "".join(z.read(n).decode("utf-8") for n in names if n.endswith(".xml"))
sys.exit(0 if "xl/workbook.xml" in names and "AE-2026-11-001" in text else 1)
EOF

echo "== Sicherung und Wiederherstellung"
BACKUP_W="$WPROFILE\\Sicherung auf USB\\lotsen 2026-12-02.sqlite3"
BACKUP="$PROFILE/Sicherung auf USB/lotsen 2026-12-02.sqlite3"
check "Sicherung schreiben" lotsen backup backup "$BACKUP_W"
check "Sicherung ist eine SQLite-Datei ohne -wal daneben" \
  bash -c "head -c 15 '$BACKUP' | grep -q 'SQLite format 3' && ! test -e '$BACKUP-wal'"
pilots_at_backup=$(count_pilots backup || true)
check "Lotse nach der Sicherung anlegen" lotsen add pilots add --first-name Nach --last-name Sicherung
check "jetzt ein Lotse mehr" test "$(count_pilots added)" = $((pilots_at_backup + 1))

# Windows cannot replace a file another program holds open: refused, nothing lost.
"$WINE" "$WORK/tools/holdopen.exe" "$WPROFILE\\AppData\\Roaming\\de.lotsenbuero.app\\lotsenbuero.sqlite3" \
  'C:\holdopen-db.ready' 20 &
holder=$!
for _ in $(seq 100); do [[ -e $C/holdopen-db.ready ]] && break; sleep 0.2; done
check "Datenbank von einem anderen Programm geöffnet (holdopen)" test -e "$C/holdopen-db.ready"
lotsen restore-held restore "$BACKUP_W" || true
check "Wiederherstellung verweigert, solange die Datenbank offen ist" test "$(cat "$WORK/restore-held.rc")" != 0
check "… mit deutscher Erklärung" contains "$WORK/restore-held.err" "in einem anderen Programm geöffnet"
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
"$WINE" taskkill /f /im holdopen.exe >/dev/null 2>&1 || true
sleep 1
check "… und nichts verloren (Lotse noch da)" test "$(count_pilots held)" = $((pilots_at_backup + 1))
check "keine .part-Dateien übrig" bash -c "! ls '$DATA' | grep -q '\.part$'"

check "Wiederherstellung" lotsen restore restore "$BACKUP_W"
check "Stand der Sicherung zurück" test "$(count_pilots restored)" = "$pilots_at_backup"
# One from the refused attempt above, one from this restore.
check "vorheriger Stand in …\\de.lotsenbuero.app\\Sicherungen gesichert" \
  test "$(ls "$DATA/Sicherungen/" | grep -c '^lotsenbuero-vor-wiederherstellung-.*\.sqlite3$')" = 2
check "Datenbank nach der Wiederherstellung in Ordnung" lotsen check2 check

# A statement open in a PDF viewer: the new one cannot replace it; said so, no temporary file left.
HELD_PDF=$(basename "$(ls "$MONTH_DIR"/AE-2026-11-001_*.pdf)")
"$WINE" "$WORK/tools/holdopen.exe" "$WDOCS\\2026\\11\\$HELD_PDF" 'C:\holdopen-pdf.ready' 20 &
holder=$!
for _ in $(seq 100); do [[ -e $C/holdopen-pdf.ready ]] && break; sleep 0.2; done
lotsen statements-held statements 2026-11 --out "$WDOCS\\2026\\11" || true
check "offene PDF: Abrechnungen verweigert mit Hinweis auf den PDF-Betrachter" \
  contains "$WORK/statements-held.err" "PDF-Betrachter"
check "… keine halbe Datei übrig" bash -c "! ls '$MONTH_DIR' | grep -q 'tmp-lotsen'"
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
"$WINE" taskkill /f /im holdopen.exe >/dev/null 2>&1 || true

echo "== Auskunft nach Art. 15 DSGVO, kyrillischer Name"
check "Олена Коваленко anlegen" lotsen cyr pilots add --first-name "Олена" --last-name "Коваленко" --town "Wernigerode"
cyr_id=$(tr -d '\r\n ' <"$WORK/cyr.out")
check "Auskunft als PDF in den Dokumente-Ordner (Vorschlagsname)" \
  lotsen art15 pilots export-data "$cyr_id" --out "$WDOCS"
ART15="$DOCS/Auskunft_Art15_Kovalenko_Olena.pdf"
check "Dateiname Auskunft_Art15_Kovalenko_Olena.pdf" test -f "$ART15"
pdftotext "$ART15" "$WORK/art15.txt" 2>/dev/null || true
check "PDF nennt Art. 15 DSGVO" contains "$WORK/art15.txt" "Art. 15 DSGVO"
check "Auskunft als JSON unter kyrillischem Dateinamen" \
  lotsen art15json pilots export-data "$cyr_id" --out "$WDOCS\\Auskunft Олена.json"
check "JSON-Datei heißt „Auskunft Олена.json“ und enthält den Namen" \
  contains "$DOCS/Auskunft Олена.json" '"first_name": "Олена"'

echo "== Dateinamen"
check "alle geschriebenen Dateinamen sind unter Windows erlaubt" py "$DOCS" "$PROFILE/Sicherung auf USB" "$DATA" <<'EOF'
import os, re, sys
reserved = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)$", re.I)
bad = []
for top in sys.argv[1:]:
    for dirpath, dirs, files in os.walk(top):
        for name in dirs + files:
            stem = name.split(".")[0].rstrip(" ")
            if re.search(r'[<>:"/\\|?*\x00-\x1f]', name) or name.endswith((".", " ")) or reserved.match(stem):
                bad.append(os.path.join(dirpath, name))
print("\n".join(bad))
sys.exit(1 if bad else 0)
EOF

if [[ "${LOTSEN_WINDOWS_UNIT_TESTS:-}" == 1 ]]; then
  echo "== Unit-Tests des Kerns, für Windows gebaut, unter Wine"
  # Release: in a debug build printpdf's DLL (it is also a cdylib) exports more than the 65535
  # symbols MinGW's linker can number ("export ordinal too large"). The XLSX unit test calls the
  # Linux program unzip; the month above checks the XLSX file instead.
  t=$SECONDS
  set +e
  env RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$REPO/target/windows" \
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$WINE" \
    /usr/bin/cargo test -Zbuild-std=std,panic_abort --target x86_64-pc-windows-gnu -p lotsen --lib --release \
    -- --skip xlsx_is_a_zip_with_neutralised_cells >"$WORK/unit.log" 2>&1
  rc=$?
  set -e
  grep -E '^test result:|FAILED|panicked' "$WORK/unit.log" || tail -20 "$WORK/unit.log"
  check "Unit-Tests unter Wine ($((SECONDS - t)) s)" test $rc = 0
fi

if $with_installer; then
  echo "== Deinstallation"
  "$WINE" "C:\\Program Files\\Lotsenbüro\\Deinstallieren.exe" /S /AllUsers >/dev/null 2>&1 || true
  "$WINESERVER" -w
  sleep 2
  check "Programme entfernt" bash -c "! test -e '$C/Program Files/Lotsenbüro/lotsen.exe' && ! test -e '$C/Program Files/Lotsenbüro/lotsenbuero.exe'"
  check "Startmenü-Eintrag entfernt" bash -c "! test -e '$START_MENU/Lotsenbüro.lnk'"
  check "Daten bleiben" test -f "$DATA/lotsenbuero.sqlite3"

  echo "== Installation nur für diesen Benutzer (ohne Administratorrechte)"
  "$WINE" "$SETUP" /S /CurrentUser >/dev/null 2>&1
  "$WINESERVER" -w
  USER_PROGRAMS="$PROFILE/AppData/Local/Programs/Lotsenbüro"
  USER_MENU="$PROFILE/AppData/Roaming/Microsoft/Windows/Start Menu/Programs"
  check "in %LOCALAPPDATA%\\Programs\\Lotsenbüro" test -f "$USER_PROGRAMS/lotsenbuero.exe"
  check "Startmenü des Benutzers: Lotsenbüro.lnk" test -f "$USER_MENU/Lotsenbüro.lnk"
  set +e
  "$WINE" "C:\\users\\$USER\\AppData\\Local\\Programs\\Lotsenbüro\\lotsen.exe" --version >"$WORK/user-version.out" 2>&1
  set -e
  check "installiertes lotsen.exe läuft" contains "$WORK/user-version.out" "$VERSION"
  "$WINE" "C:\\users\\$USER\\AppData\\Local\\Programs\\Lotsenbüro\\Deinstallieren.exe" /S /CurrentUser >/dev/null 2>&1 || true
  "$WINESERVER" -w
  sleep 2
  check "wieder entfernt" bash -c "! test -e '$USER_PROGRAMS/lotsenbuero.exe' && ! test -e '$USER_MENU/Lotsenbüro.lnk'"
fi

echo
echo "Dauer: $((SECONDS - started)) s"
echo "$pass passed, $fail failed"
[[ $fail == 0 ]]
