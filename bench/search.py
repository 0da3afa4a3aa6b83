"""What Pagefind's indexing costs, and what the cost goes with, on a built edition.

    .venv/bin/python bench/search.py EDITION [--sources N,N,...]

EDITION is a folder `edition build` wrote (its search facts, edition/.facts/search/, are the
records indexed). For the first N sources (each figure in one Pagefind process, the index
written to a temporary folder): the records as the build makes them (one per block, with their
four filters), the same without filters, and one record per reading page (the blocks' text
joined, as Pagefind would index whole pages). Prints records, characters, wall and CPU seconds
of the Pagefind process, its peak memory, and the cost per record and per character; from two
forms of the same text, the split of the cost into a per-record and a per-character part.
Not a test: figures vary about 2x on a busy machine.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bukharin_edition.publish.search import pagefind_records, write_index  # noqa: E402


def _facts(edition: Path, count: int) -> list[tuple[str, dict]]:
    paths = sorted((edition / ".facts" / "search").glob("*.json"))[:count]
    return [(p.stem, json.loads(p.read_bytes())) for p in paths]


def forms(facts: list[tuple[str, dict]]) -> dict[str, list[dict]]:
    """The records of the sources in each form measured."""
    blocks = [r for ident, f in facts for r in pagefind_records(ident, f["title"], f, {})]
    bare = [{k: v for k, v in r.items() if k != "filters"} for r in blocks]
    pages = [dict(url=f"{ident}/reading.html", content=" ".join(text for _, text, *_ in f["records"]),
                  language="en", meta={}, filters={"source": [f["title"]]}) for ident, f in facts]
    return {"one record per block (as built)": blocks, "one per block, no filters": bare,
            "one record per page": pages}


def measure(records: list[dict]) -> dict:
    """Index the records in a Pagefind process of their own: its wall and CPU seconds, peak MB."""
    out = Path(tempfile.mkdtemp(prefix="pagefind-bench-"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        write_index(records, out / "pagefind")
    finally:
        wall = time.perf_counter() - started
        shutil.rmtree(out, ignore_errors=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"records": len(records), "chars": sum(len(r["content"]) for r in records), "wall_s": wall,
            "cpu_s": after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
            "peak_mb": after.ru_maxrss / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", type=Path)
    parser.add_argument("--sources", default="50,100,200,400", help="how many sources, comma-separated")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} cores; Pagefind per index, {args.edition}")
    print(f"{'sources':>7} {'form':<34} {'records':>8} {'chars':>10} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} "
          f"{'ms/record':>9} {'us/char':>8}")
    for count in [int(c) for c in args.sources.split(",") if c.strip()]:
        facts = _facts(args.edition, count)
        figures = {}
        for form, records in forms(facts).items():
            f = figures[form] = measure(records)
            print(f"{len(facts):>7} {form:<34} {f['records']:>8} {f['chars']:>10} {f['wall_s']:>7.2f} "
                  f"{f['cpu_s']:>7.2f} {f['peak_mb']:>8.0f} {1000 * f['cpu_s'] / f['records']:>9.3f} "
                  f"{1e6 * f['cpu_s'] / max(f['chars'], 1):>8.3f}", flush=True)
        blocks, pages = figures["one record per block (as built)"], figures["one record per page"]
        if blocks["records"] > pages["records"]:
            # the same characters in both: the difference is the cost of the extra records
            per_record = (blocks["cpu_s"] - pages["cpu_s"]) / (blocks["records"] - pages["records"])
            per_char = max(blocks["cpu_s"] - per_record * blocks["records"], 0) / max(blocks["chars"], 1)
            share = per_record * blocks["records"] / blocks["cpu_s"] if blocks["cpu_s"] else 0
            print(f"{'':>7} split: {1000 * per_record:.3f} ms a record, {1e6 * per_char:.3f} us a character: "
                  f"the records are {share:.0%} of the cost as built")
    return 0


if __name__ == "__main__":
    sys.exit(main())
