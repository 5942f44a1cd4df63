#!/usr/bin/env python3
"""The core at 10,000 pilots (issue 16): builds a demo database of 30 and of 10,000 pilots with
`lotsen demo --pilots N` (status history, eFZ records, courses and tests, districts, activity records),
then times each command as a whole process (wall time to the microsecond, best of five) and prints one
markdown table with the goal beside each figure. Creating and approving the run of November 2026 is timed
on a fresh copy of the database each time.

    cargo build --release -p lotsen && python3 benches/scale.py [PILOTS ...] [--cli target/release/lotsen]

The same figures in-process (criterion): `cargo bench -p lotsen --bench coverage --bench runs`.
"""
import os, shutil, subprocess, sys, tempfile, time

args = sys.argv[1:]
cli = "target/release/lotsen"
if "--cli" in args:
    i = args.index("--cli")
    cli = args[i + 1]
    del args[i : i + 2]
sizes = [int(a) for a in args] or [30, 10_000]
TODAY = "2026-12-02"
MONTH = "2026-11"
FILES = ["", "-wal", "-shm"]


def lotsen(db, *a):
    subprocess.run([cli, "--db", db, "--today", TODAY, *a], check=True, capture_output=True)


def timed_once(db, *a):
    """Wall seconds of one whole process, to the microsecond (`/usr/bin/time` gives hundredths)."""
    start = time.perf_counter()
    subprocess.run([cli, "--db", db, "--today", TODAY, *a], check=True, capture_output=True)
    return time.perf_counter() - start


def copy_db(src, dst):
    for ext in FILES:
        if os.path.exists(dst + ext):
            os.remove(dst + ext)
        if os.path.exists(src + ext):
            shutil.copyfile(src + ext, dst + ext)


def best(f, runs=5):
    return min(f() for _ in range(runs))


# (label, goal in seconds or None, function(template, work) -> seconds)
def figures():
    def reading(*a):
        return lambda db, work: best(lambda: timed_once(db, *a))

    def create(db, work):
        def once():
            copy_db(db, work)
            return timed_once(work, "run", "create", MONTH)
        return best(once)

    def approve(db, work):
        def once():
            copy_db(db, work)
            lotsen(work, "run", "create", MONTH)
            return timed_once(work, "run", "approve", MONTH)
        return best(once)

    return [
        ("`coverage --json`", 0.050, reading("coverage", "--json")),
        ("`due --json`", 0.050, reading("due", "--json")),
        ("`pilots list --json`", 0.050, reading("pilots", "list", "--json")),
        (f"`run create {MONTH}`", 0.200, create),
        (f"`run approve {MONTH}`", 0.200, approve),
    ]


results = {}  # (label, n) -> seconds
demo_secs = {}
with tempfile.TemporaryDirectory() as tmp:
    for n in sizes:
        db = os.path.join(tmp, f"demo{n}.sqlite3")
        work = os.path.join(tmp, f"work{n}.sqlite3")
        start = time.monotonic()
        lotsen(db, "demo", "--pilots", str(n))
        demo_secs[n] = time.monotonic() - start
        for label, _, f in figures():
            results[(label, n)] = f(db, work)
            print(f"{n:>6} {label}: {results[(label, n)]:.3f} s", file=sys.stderr, flush=True)


def cell(secs, goal):
    mark = "" if goal is None else (" ✓" if secs <= goal else " ✗")
    return f"{secs * 1000:.0f} ms{mark}"


print(f"Whole `lotsen` process, wall time, best of 5 (`--today {TODAY}`; {cli})\n")
print("| figure | goal | " + " | ".join(f"{n:,} pilots" for n in sizes) + " |")
print("|---|---:|" + "---:|" * len(sizes))
for label, goal, _ in figures():
    row = [cell(results[(label, n)], goal) for n in sizes]
    print(f"| {label} | ≤ {goal * 1000:.0f} ms | " + " | ".join(row) + " |")
print("| `demo --pilots N` (once) | — | " + " | ".join(f"{demo_secs[n]:.1f} s" for n in sizes) + " |")
