#!/usr/bin/env python3
"""Times a month's documents (issue 16): for demo databases of 30 and 1,000 pilots with an approved
November 2026 run, `lotsen statements 2026-11` (the combined PDF with the payment list and every statement,
each statement alone, the payment list alone) as a whole process, best of 5: wall seconds and peak memory,
once into a new folder each time (a month printed for the first time) and once over the files of the run
before (printed again: replacing a file costs more than writing a new one, on ext4 the new file's data is
flushed before the rename). For scale, LibreOffice (when `soffice` is installed) converts a text document of the same content (the
pdftotext output of the combined PDF) to PDF into a new folder; the last columns are how many times faster
lotsen is (LibreOffice's time over lotsen's; the goal is at least 100 times), first print and again.

    cargo build --release -p lotsen && python3 benches/documents.py [PILOTS ...] [--cli target/release/lotsen]
"""
import os, shutil, subprocess, sys, tempfile, time

cli = sys.argv[sys.argv.index("--cli") + 1] if "--cli" in sys.argv else "target/release/lotsen"
sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [30, 1000]
TODAY, MONTH = "2026-12-02", "2026-11"
# Best of: lotsen's milliseconds vary more from run to run than LibreOffice's second.
RUNS, LO_RUNS = 25, 5


def run(cmd, env=None):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: {p.stderr}")
    return p


def timed(cmd, env=None, before=lambda: None, runs=RUNS):
    """Best of RUNS: (wall seconds, peak MB) of the whole process, `before` called ahead of each run
    (untimed). The wall time is taken here to the microsecond (`/usr/bin/time` gives hundredths, too
    coarse for a 30-pilot month), the peak from one more run under `/usr/bin/time`."""
    best = None
    for _ in range(runs):
        before()
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
    """Best-of-LO_RUNS seconds for soffice to convert the combined PDF's text to PDF, or None."""
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
    return timed(cmd, before=lambda: shutil.rmtree(out), runs=LO_RUNS)[0]


rows = []
with tempfile.TemporaryDirectory() as tmp:
    for n in sizes:
        db = os.path.join(tmp, f"demo-{n}.sqlite3")
        base = [cli, "--db", db, "--today", TODAY]
        run([*base, "demo", "--pilots", str(n)])
        run([*base, "run", "create", MONTH])
        run([*base, "run", "approve", MONTH])
        out = os.path.join(tmp, f"out-{n}")
        env = dict(os.environ, LOTSEN_DOCUMENTS=os.path.join(tmp, f"docs-{n}"))
        cmd = [*base, "statements", MONTH, "--out", out]
        first, mb = timed(cmd, env, before=lambda: shutil.rmtree(out, ignore_errors=True))
        again, _ = timed(cmd, env)
        files = sorted(f for f in os.listdir(out) if f.endswith(".pdf"))
        combined = os.path.join(out, next(f for f in files if f.startswith("Abrechnung_")))
        lo = libreoffice(combined, os.path.join(tmp, f"lo-{n}"))
        rows.append((n, first, again, mb, os.path.getsize(combined) / 1e6, pages(combined), len(files) - 1,
                     sum(os.path.getsize(os.path.join(out, f)) for f in files) / 1e6, lo))

print(f"lotsen statements {MONTH}, best of {RUNS} (whole process)")
print(f"{'Lotsen':>7} {'s neu':>7} {'s ersetzt':>10} {'peak MB':>8} {'Sammel-PDF MB':>14} {'Seiten':>7}"
      f" {'Einzel-PDFs':>12} {'alle PDFs MB':>13} {'LibreOffice s':>14} {'schneller':>10} {'ersetzt':>8}")
for n, first, again, mb, size, pg, singles, total, lo in rows:
    lo_s = f"{lo:.2f}" if lo is not None else "–"
    ratio = lambda secs: f"{lo / secs:.0f}×" if lo else "–"
    print(f"{n:>7} {first:>7.4f} {again:>10.4f} {mb:>8.1f} {size:>14.2f} {pg:>7} {singles:>12} {total:>13.2f}"
          f" {lo_s:>14} {ratio(first):>10} {ratio(again):>8}")
