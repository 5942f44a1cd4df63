#!/usr/bin/env python3
"""Writes an office list with history (the import columns of docs/DOMAIN.md#import-export) and imports it with
the real command line, timed with /usr/bin/time: 25 rows that arrive and 5 that break a rule.

    python3 benches/import_list.py [ROWS] [--cli target/release/lotsen]
"""
import os, subprocess, sys, tempfile

rows = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 30
cli = sys.argv[sys.argv.index("--cli") + 1] if "--cli" in sys.argv else "target/debug/lotsen"

HEADER = ["Vorname", "Nachname", "Gemeinde", "Status", "Im Programm seit", "Berufen am", "Ruhend seit",
          "Ausgeschieden am", "eFZ ausgestellt am", "eFZ eingesehen am", "eFZ eingesehen von", "eFZ Ergebnis",
          "Module", "Module am", "Abschlusstest am", "Test Punkte", "Test Höchstpunkte", "Gespräch", "IBAN",
          "Kontoinhaber", "Notizen"]
TOWNS = ["Halberstadt", "Quedlinburg", "Wernigerode", "Blankenburg (Harz)", "Thale", "Osterwieck"]


FIRST = ["Anna", "Ben", "Carla", "Dora", "Emil", "Frieda", "Gustav", "Hanna", "Ivo", "Jana", "Kai", "Lea", "Mia"]


def letters(n):
    """A name part from a number: 1 → Ab, 2 → Ac …, unique per row."""
    s = ""
    n += 26
    while n:
        n, r = divmod(n, 26)
        s = "abcdefghijklmnopqrstuvwxyz"[r] + s
    return s.capitalize()


def iban(n):
    bban = "12030000" + str(5_000_000 + n * 7919).zfill(10)
    num = int("".join(str(int(c, 36)) for c in bban + "DE00"))
    return f"DE{98 - num % 97:02d}{bban}"


def row(i):
    first, last = FIRST[i % len(FIRST)], "Beispiel-" + letters(i)
    r = dict.fromkeys(HEADER, "")
    r.update({"Vorname": first, "Nachname": last, "Gemeinde": TOWNS[i % len(TOWNS)],
              "Im Programm seit": "1.3.2024", "eFZ ausgestellt am": "10.2.2024", "eFZ eingesehen am": "1.3.2024",
              "eFZ eingesehen von": "Frau Krüger", "eFZ Ergebnis": "ohne Eintrag", "Module": "1-5",
              "Module am": "15.4.2024", "Abschlusstest am": "20.5.2024", "Test Punkte": "40",
              "Test Höchstpunkte": "50", "Gespräch": "bestanden", "IBAN": iban(i),
              "Kontoinhaber": f"{first} {last}", "Status": "aktiv", "Berufen am": "1.6.2024"})
    kind = i % 6
    if kind == 1:
        r.update({"Status": "Ruhend", "Ruhend seit": "1.9.2026"})
    elif kind == 2:
        r.update({"Status": "qualifiziert", "Berufen am": ""})
    elif kind == 3:
        r["Notizen"] = '=HYPERLINK("http://example.org")'
    if i % 6 == 5:  # one in six breaks a rule
        r.update([("Berufen am", "1.1.2027")] if i % 12 == 5 else [("Gespräch", "nicht bestanden")])
    return r


def cell(v):
    return f'"{v.replace(chr(34), chr(34) * 2)}"' if (";" in v or '"' in v) else v


with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "liste.csv")
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(";".join(HEADER) + "\r\n")
        for i in range(1, rows + 1):
            f.write(";".join(cell(row(i)[h]) for h in HEADER) + "\r\n")
    db = os.path.join(tmp, "lotsen.sqlite3")
    cmd = ["/usr/bin/time", "-f", "%e s, %M KB", cli, "--db", db, "--today", "2026-12-01", "import", path] + (["--dry-run"] if "--dry-run" in sys.argv else [])
    p = subprocess.run(cmd, capture_output=True, text=True)
    out = (p.stdout + p.stderr).strip().splitlines()
    tail = [l for l in out if "Zeilen" in l or "neu" in l.lower()][-3:]
    print(f"{rows} Zeilen, Rückgabewert {p.returncode}")
    print("\n".join(out[:-1]))
    print("Zeit/Speicher:", p.stderr.strip().splitlines()[-1])
    errs = [l for l in p.stdout.splitlines() if "Fehler" in l or "Abschlusstest" in l or "Zukunft" in l]
    for l in errs[:4]:
        print("  ", l)
