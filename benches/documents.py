#!/usr/bin/env python3
"""Times a month's documents (issue 16): for demo databases of 30 and 1,000 pilots with an approved
November 2026 run, `lotsen statements 2026-11` (the combined PDF with the payment list and every statement,
each statement alone, the payment list alone) as a whole process, best of 5: wall seconds and peak memory.
For scale, LibreOffice (when `soffice` is installed) converts a text document of the same content (the
pdftotext output of the combined PDF) to PDF; the last column is how many times faster lotsen is
(LibreOffice's time over lotsen's; the goal is at least 100 times).

    cargo build --release -p lotsen && python3 benches/documents.py [PILOTS ...] [--cli target/release/lotsen]
"""
import os, shutil, subprocess, sys, tempfile, time

cli = sys.argv[sys.argv.index("--cli") + 1] if "--cli" in sys.argv else "target/release/lotsen"
sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [30, 1000]
TODAY, MONTH, RUNS = "2026-12-02", "2026-11", 5


def run(cmd, env=None):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: {p.stderr}")
    return p


def timed(cmd, env=None):
    """Best of RUNS: (wall seconds, peak MB) of the whole process. The wall time is taken here to the
    microsecond (`/usr/bin/time` gives hundredths, too coarse for a 30-pilot month), the peak from one
    more run under `/usr/bin/time`."""
    best = None
    for _ in range(RUNS):
        start = time.perf_counter()
        run(cmd, env)
        secs = time.perf_counter() - start
        best = secs if best is None else min(best, secs)
    p = run(["/usr/bin/time", "-f", "%M", *cmd], env)
    return best, int(p.stderr.strip().splitlines()[-1]) / 1024


def pages(pdf):
    if not shutil.which("pdfinfo"):
        return "?"
    info = run(["pdfinfo", pdf]).stdout
    return next((l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")), "?")


def libreoffice(pdf, tmp):
    """Best-of-RUNS seconds for soffice to convert the combined PDF's text to PDF, or None."""
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        return None
    os.makedirs(tmp, exist_ok=True)
    txt = os.path.join(tmp, "Abrechnung.txt")
    run(["pdftotext", pdf, txt])
    out = os.path.join(tmp, "lo")
    # A profile of its own: the first conversion creates it (not timed).
    cmd = ["soffice", f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless",
           "--convert-to", "pdf", "--outdir", out, txt]
    run(cmd)
    return timed(cmd)[0]


rows = []
with tempfile.TemporaryDirectory() as tmp:
    for n in sizes:
        db = os.path.join(tmp, f"demo-{n}.sqlite3")
        base = [cli, "--db", db, "--today", TODAY]
        run([*base, "demo", "--pilots", str(n)])
        run([*base, "run", "create", MONTH])
        run([*base, "run", "approve", MONTH])
        out = os.path.join(tmp, f"out-{n}")
        os.makedirs(out)
        env = dict(os.environ, LOTSEN_DOCUMENTS=os.path.join(tmp, f"docs-{n}"))
        secs, mb = timed([*base, "statements", MONTH, "--out", out], env)
        files = sorted(f for f in os.listdir(out) if f.endswith(".pdf"))
        combined = os.path.join(out, next(f for f in files if f.startswith("Abrechnung_")))
        lo = libreoffice(combined, os.path.join(tmp, f"lo-{n}"))
        rows.append((n, secs, mb, os.path.getsize(combined) / 1e6, pages(combined), len(files) - 1,
                     sum(os.path.getsize(os.path.join(out, f)) for f in files) / 1e6, lo))

print(f"lotsen statements {MONTH}, best of {RUNS} (whole process)")
print(f"{'Lotsen':>7} {'s':>7} {'peak MB':>8} {'Sammel-PDF MB':>14} {'Seiten':>7} {'Einzel-PDFs':>12}"
      f" {'alle PDFs MB':>13} {'LibreOffice s':>14} {'schneller':>10}")
for n, secs, mb, size, pg, singles, total, lo in rows:
    lo_s = f"{lo:.2f}" if lo is not None else "–"
    ratio = f"{lo / secs:.0f}×" if lo else "–"
    print(f"{n:>7} {secs:>7.3f} {mb:>8.1f} {size:>14.2f} {pg:>7} {singles:>12} {total:>13.2f} {lo_s:>14} {ratio:>10}")
