#!/usr/bin/env python3
"""Times the eFZ deletion in a 10,000-pilot database with 14 daily backups (issue 13): the deletion, the
clean-up of the database file (secure delete, VACUUM, WAL checkpoint) and the same deletion applied to every
backup in the backup folder, as every command line open runs it. Then a byte search for the inspector's name.

    cargo build --release -p lotsen && python3 benches/deletion.py [PILOTS] [--cli target/release/lotsen]
"""
import datetime, os, subprocess, sys, tempfile

pilots = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 10_000
cli = sys.argv[sys.argv.index("--cli") + 1] if "--cli" in sys.argv else "target/release/lotsen"
INSPECTOR = "Wilhelmine Rabenschwarz"
HEADER = ["Vorname", "Nachname", "Gemeinde", "Status", "Im Programm seit", "Berufen am", "Ausgeschieden am",
          "eFZ ausgestellt am", "eFZ eingesehen am", "eFZ eingesehen von", "eFZ Ergebnis", "Module", "Module am",
          "Abschlusstest am", "Test Punkte", "Test Höchstpunkte", "Gespräch"]
# Aktiv from 01.06.2024, left 01.06.2026: last day of service 31.05.2026, deletion due 30.11.2026.
ROW = ["Bernd", "Zeitmessung", "Quedlinburg", "Ausgeschieden", "1.3.2024", "1.6.2024", "1.6.2026", "10.2.2024",
       "1.3.2024", INSPECTOR, "ohne Eintrag", "1-5", "15.4.2024", "20.5.2024", "40", "50", "bestanden"]
DUE = datetime.date(2026, 11, 30)


def lotsen(db, today, *args, timed=False):
    cmd = (["/usr/bin/time", "-f", "%e s, %M KB"] if timed else []) + [cli, "--db", db, "--today", str(today), *args]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(args)}: {p.stderr}")
    return p


def holding(db):
    files = [db, db + "-wal"] + [os.path.join(d, f) for d in [os.path.join(os.path.dirname(db), "Sicherungen")]
                                 for f in sorted(os.listdir(d))]
    found = []
    for f in files:
        if os.path.exists(f) and INSPECTOR.encode() in open(f, "rb").read():
            found.append(os.path.basename(f))
    return found, len(files)


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, "lotsenbuero.sqlite3")
    lotsen(db, "2026-11-01", "demo", "--pilots", str(pilots))
    csv = os.path.join(tmp, "liste.csv")
    with open(csv, "w", encoding="utf-8-sig", newline="") as f:
        f.write(";".join(HEADER) + "\r\n" + ";".join(ROW) + "\r\n")
    lotsen(db, "2026-11-01", "import", csv)
    for back in range(14, 0, -1):  # 14 daily backups, the last on the day before the due day
        lotsen(db, DUE - datetime.timedelta(days=back), "maintenance")
    found, checked = holding(db)
    print(f"{pilots} Lotsen, Datenbank {os.path.getsize(db) / 1e6:.1f} MB, 14 tägliche Sicherungen")
    print(f"Vortag: Name in {len(found)} von {checked} Dateien")
    p = lotsen(db, DUE, "check", timed=True)
    deleted = [l for l in p.stderr.splitlines() if "gelöscht" in l or "entfernt" in l]
    print(f"Fälligkeitstag: {deleted[0]} ({len(deleted) - 1} Sicherungen bereinigt)")
    print("Zeit/Speicher der Löschung (lotsen check):", p.stderr.strip().splitlines()[-1])
    found, checked = holding(db)
    print(f"Danach: Name in {len(found)} von {checked} Dateien {found}")
