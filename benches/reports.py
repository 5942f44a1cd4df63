#!/usr/bin/env python3
"""Times each report of the Berichte screen for a year of work (issue 14): a demo database of N pilots, every
month January–November 2026 computed, approved and paid through the command line, then the Jahresbericht,
the Verwendungsnachweis (PDF and XLSX) and the Jahresbescheinigungen of all pilots, each as a whole process
(wall time and peak memory from /usr/bin/time), best of three.

    cargo build --release -p lotsen && python3 benches/reports.py [PILOTS ...] [--cli target/release/lotsen]
"""
import os, subprocess, sys, tempfile

args = [a for a in sys.argv[1:]]
cli = "target/release/lotsen"
if "--cli" in args:
    i = args.index("--cli")
    cli = args[i + 1]
    del args[i : i + 2]
sizes = [int(a) for a in args] or [30, 1000]
TODAY = "2026-12-02"


def lotsen(db, today, *a):
    subprocess.run([cli, "--db", db, "--today", today, *a], check=True, capture_output=True)


def timed(db, *a):
    """Best of three: (seconds, peak MB)."""
    best = None
    for _ in range(3):
        r = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", cli, "--db", db, "--today", TODAY, *a],
            check=True, capture_output=True, text=True,
        )
        secs, kb = r.stderr.strip().splitlines()[-1].split()
        run = (float(secs), int(kb) / 1024)
        best = run if best is None or run[0] < best[0] else best
    return best


def year(db, pilots):
    lotsen(db, "2026-01-01", "demo", "--pilots", str(pilots))
    for m in range(1, 12):
        nxt = f"2026-{m + 1:02}-01" if m < 12 else "2027-01-01"
        for step in ("create", "approve", "paid"):
            lotsen(db, nxt, "run", step, f"2026-{m:02}")


print(f"{'Lotsen':>7} | {'Bericht':<38} | {'Zeit':>8} | {'Spitze':>8} | Größe")
for n in sizes:
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "lotsenbuero.sqlite3")
        year(db, n)
        reports = [
            ("Jahresbericht (PDF)", ["report", "annual", "2026", "--out", f"{tmp}/jb.pdf"], f"{tmp}/jb.pdf"),
            ("Verwendungsnachweis (PDF)", ["report", "grant", "2026", "--out", f"{tmp}/vn.pdf"], f"{tmp}/vn.pdf"),
            ("Verwendungsnachweis (XLSX)", ["report", "grant", "2026", "--out", f"{tmp}/vn.xlsx"], f"{tmp}/vn.xlsx"),
            ("Jahresbescheinigungen (alle + Sammel)", ["report", "certificate", "2026", "--out", f"{tmp}/jb"], f"{tmp}/jb"),
        ]
        for name, a, out in reports:
            secs, mb = timed(db, *a)
            if os.path.isdir(out):
                files = os.listdir(out)
                size = f"{len(files)} Dateien, {sum(os.path.getsize(os.path.join(out, f)) for f in files) // 1024} KB"
            else:
                size = f"{os.path.getsize(out) // 1024} KB"
            print(f"{n:>7} | {name:<38} | {secs:>6.2f} s | {mb:>5.0f} MB | {size}", flush=True)
