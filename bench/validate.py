"""Time `edition validate` on tei/ and say what the time goes to.

    .venv/bin/python bench/validate.py [ROUNDS]

Prints: the wall time of the whole command in a fresh process (cold: Python start, imports,
schema compilation, all files), then, in this process, the one-time costs (imports, compiling
the grammar and the rules) and the warm per-run cost split into parsing, grammar and rules.
Not a test: figures vary about 2x on a busy machine.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main(rounds: int = 20) -> None:
    edition = Path(sys.executable).with_name("edition")
    cold = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([str(edition), "validate", "--root", str(ROOT)], check=True, capture_output=True)
        cold.append(time.perf_counter() - start)
    print(f"edition validate tei/ (new process, best of 3): {_ms(min(cold))}")

    start = time.perf_counter()
    from bukharin_edition.tei import parse_tei
    from bukharin_edition.validate import Validator, expand_paths
    imported = time.perf_counter() - start

    start = time.perf_counter()
    validator = Validator(ROOT / "schema")
    compiled = time.perf_counter() - start
    files = expand_paths([ROOT / "tei"])
    print(f"import lxml and the package: {_ms(imported)}")
    print(f"compile grammar + rules (once): {_ms(compiled)}")

    runs, parse, grammar, rules = [], [], [], []
    for _ in range(rounds):
        start = time.perf_counter()
        report = validator.check_paths([ROOT / "tei"])
        runs.append(time.perf_counter() - start)
        p = g = r = 0.0
        for path in files:
            t0 = time.perf_counter()
            tree = parse_tei(path)
            t1 = time.perf_counter()
            validator.grammar.validate(tree)
            t2 = time.perf_counter()
            validator.resolver.cache.clear()
            validator.rules(tree)
            t3 = time.perf_counter()
            p, g, r = p + t1 - t0, g + t2 - t1, r + t3 - t2
        parse.append(p)
        grammar.append(g)
        rules.append(r)
    print(f"warm run on {len(files)} files (median of {rounds}): {_ms(statistics.median(runs))}"
          f"  ({len(report.errors)} errors, {len(report.warnings)} warnings)")
    print(f"  parsing (parse_tei):     {_ms(statistics.median(parse))}")
    print(f"  grammar (lxml RELAX NG): {_ms(statistics.median(grammar))}")
    print(f"  rules (isoschematron):   {_ms(statistics.median(rules))}")

    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("pyjing")), str(ROOT / "schema" / "bukharin.rng"),
                    *map(str, files)], capture_output=True)
    print(f"for comparison, jing on the same grammar (one call, JVM start included): "
          f"{_ms(time.perf_counter() - start)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
