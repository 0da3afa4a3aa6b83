"""The benchmark: what each stage costs for the real corpus and synthetic corpora.

    python bench/run.py [--sizes corpus,100,1000,10000] [--jobs N] [--json FILE] [--work DIR]

For each corpus, every step runs in a fresh process (Python start and imports included, as a
user runs a command): wall time, CPU time (user + system, worker processes included), peak
memory (the largest single process, from getrusage, and the whole process tree sampled from
/proc every 20 ms), documents per second. The floors run on the same files in the same run.
Prints a table and writes JSON. Not a test: figures on a busy machine vary about 2x.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .synth import generate

ROOT = Path(__file__).resolve().parents[3]

# (name in the table, step, jobs: 1, or "N" for the --jobs given)
STEPS = [
    ("convert", "convert", 1),
    ("validate", "validate", 1),
    ("build --jobs 1", "build", 1),
    ("build --jobs N", "build", "N"),
    ("rebuild, nothing changed", "noop", "N"),
    ("build --jobs N (unvalidated)", "render", "N"),
    ("floor: lxml parse+serialize", "floor-lxml", 1),
    ("floor: saxon identity", "floor-saxon", 1),
]


def _tree_rss(pid: int) -> int:
    """The resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(l.split()[1]) * 1024 for l in status.splitlines() if l.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def measure(step: str, root: Path, tei_dir: Path, out: Path, jobs: int, profile: Path | None = None) -> dict:
    """Run one step in a fresh process; its wall, CPU, memory and result."""
    command = [sys.executable, "-m", "bukharin_edition.bench.steps", step, str(root), str(tei_dir),
               str(out), str(jobs)] + ([str(profile)] if profile else [])
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], _tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    try:
        result = json.loads(output.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        result = {"failed": process.returncode}
    return {"wall_s": round(wall, 3), "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "maxrss_mb": round(usage.ru_maxrss / 1024, 1), "tree_rss_mb": round(peak[0] / 2**20, 1),
            **result}


def run_corpus(label: str, tei_dir: Path, work: Path, jobs: int, steps: list) -> list[dict]:
    rows = []
    for name, step, step_jobs in steps:
        if step == "convert" and label != "corpus":
            continue
        step_jobs = jobs if step_jobs == "N" else step_jobs
        # the no-op rebuild runs in the folder the build --jobs N just wrote
        out = work / f"out-{label}-{'build' if step == 'noop' else step}-{step_jobs}"
        if name.startswith("build") and out.exists():
            shutil.rmtree(out)
        row = {"corpus": label, "step": name.replace("N", str(jobs)), "jobs": step_jobs,
               **measure(step, ROOT, tei_dir, out, step_jobs)}
        count = row.get("documents") or 0
        row["docs_per_s"] = round(count / row["wall_s"], 1) if count else None
        rows.append(row)
        print(_line(row), flush=True)
    return rows


HEAD = f"{'corpus':>7} {'step':<28} {'docs':>6} {'wall s':>8} {'cpu s':>8} {'max MB':>7} {'tree MB':>8} {'docs/s':>7}"


def _line(row: dict) -> str:
    return (f"{row['corpus']:>7} {row['step']:<28} {row.get('documents', '-'):>6} {row['wall_s']:>8.2f} "
            f"{row['cpu_s']:>8.2f} {row['maxrss_mb']:>7.0f} {row['tree_rss_mb']:>8.0f} "
            f"{row['docs_per_s'] if row['docs_per_s'] is not None else '-':>7}")


def targets(rows: list[dict], jobs: int) -> list[str]:
    """The issue's targets, judged on the rows measured."""
    def get(corpus: str, step: str):
        return next((r for r in rows if r["corpus"] == corpus and r["step"] == step), None)

    said = []
    build_n = f"build --jobs {jobs}"
    floor, built = get("1000", "floor: saxon identity"), get("1000", build_n)
    if floor and built:
        ratio = built["wall_s"] / floor["wall_s"]
        said.append(f"1,000 documents: HTML build {built['wall_s']:.1f} s = {ratio:.1f}x the identity floor "
                    f"({floor['wall_s']:.1f} s); target <= 6x: {'met' if ratio <= 6 else 'MISSED'}")
    bare = get("1000", build_n + " (unvalidated)")
    if floor and bare:
        ratio = bare["wall_s"] / floor["wall_s"]
        said.append(f"1,000 documents: the same build without validating first {bare['wall_s']:.1f} s = "
                    f"{ratio:.1f}x the identity floor: {'within' if ratio <= 6 else 'over'} 6x")
    big = get("10000", build_n)
    if big:
        peak = max(big["tree_rss_mb"], big["maxrss_mb"])
        said.append(f"10,000 documents: peak memory {peak:.0f} MB (process tree); target < 2048 MB: "
                    f"{'met' if peak < 2048 else 'MISSED'}")
        if built:
            ratio = big["wall_s"] / built["wall_s"]
            said.append(f"10,000 vs 1,000 documents: {ratio:.1f}x the time; target <= 11x: "
                        f"{'met' if ratio <= 11 else 'MISSED'}")
    said.append("the HTML build here is the whole site: four views per document, plain text, the "
                "person pages, chronology, DTS files, encoding manual and the Pagefind index")
    said.append("one-file incremental rebuild: bench/editor.py; PDF: bench/pdf.py")
    return said


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="corpus,100,1000", help="corpus and/or document counts, comma-separated")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, default=Path("build/bench-results.json"))
    parser.add_argument("--work", type=Path, help="folder for the synthetic corpora and outputs (default: a temporary one)")
    parser.add_argument("--skip", default="", help="steps to leave out, comma-separated (e.g. 'build --jobs 1')")
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    steps = [s for s in STEPS if s[0] not in skip]
    work = args.work or Path(tempfile.mkdtemp(prefix="edition-bench-"))
    print(f"{os.cpu_count()} cores, Python {platform.python_version()}, jobs N = {args.jobs}")
    print(HEAD)
    rows = []
    for size in args.sizes.split(","):
        size = size.strip()
        if size == "corpus":
            rows += run_corpus("corpus", ROOT / "tei", work, args.jobs, steps)
            continue
        tei_dir = work / f"tei-{size}"
        if not tei_dir.is_dir():
            started = time.perf_counter()
            generate(ROOT / "tei", tei_dir, int(size))
            print(f"{'':>7} (generated {size} documents in {time.perf_counter() - started:.1f} s)", flush=True)
        rows += run_corpus(size, tei_dir, work, args.jobs, steps)
    verdicts = targets(rows, args.jobs)
    print()
    for line in verdicts:
        print(line)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"cores": os.cpu_count(), "jobs": args.jobs, "rows": rows,
                                     "targets": verdicts}, indent=2) + "\n")
    print(f"\nwritten: {args.json}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
