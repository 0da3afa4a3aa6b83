"""Time a full `edition build` of the corpus (HTML only), warm: not a test, a measurement.

Runs the command as a user does (a fresh process: Python, Saxon and all) a few times after one
warm-up run, then the build inside one process (the stylesheets compiled once per build), and
prints the median and the worst wall time of each. The target: under 2 s wall, warm.

    .venv/bin/python bench/build.py [--runs N]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.0


def _command_runs(runs: int, out: Path) -> list[float]:
    edition = Path(sys.executable).parent / "edition"
    command = [str(edition), "build", "--full", "--no-pdf", "--root", str(ROOT)]  # all the HTML, not only changes
    subprocess.run(command, check=True, capture_output=True)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def _in_process_runs(runs: int, out: Path) -> tuple[list[float], int, int]:
    from bukharin_edition.publish import build_edition
    from bukharin_edition.publish.pipeline import new_processor

    processor = new_processor()
    build_edition(ROOT / "tei", ROOT / "xslt", out, processor=processor, full=True)  # warm-up
    times = []
    for _ in range(runs):
        report = build_edition(ROOT / "tei", ROOT / "xslt", out, processor=processor, full=True)
        times.append(report.seconds)
    return times, len(report.sources), len(report.written)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        command = _command_runs(args.runs, Path(tmp))
        inner, sources, files = _in_process_runs(args.runs, Path(tmp) / "edition")
    print(f"corpus: {sources} sources, {files} files written per build; {args.runs} runs after a warm-up")
    print(f"`edition build --full` (fresh process): median {statistics.median(command):.2f} s, worst {max(command):.2f} s")
    print(f"build_edition() in one process:  median {statistics.median(inner):.2f} s, worst {max(inner):.2f} s")
    verdict = "meets" if max(command) < TARGET else "MISSES"
    print(f"target: under {TARGET:.0f} s wall, warm: {verdict} it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
