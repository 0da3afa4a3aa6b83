"""Time the DTS files and server on the corpus: the DTS builder alone, and the server's answers.

Not a test, a measurement. Builds the DTS files and TEI copies of tei/ into a temporary folder
(full, then with nothing changed), then times requests to the server in process (no network):
the entry point, the root collection, a navigation of the whole tree, a navigation with ref and
down, a passage, a range and the whole document, each for every source. Prints the median and
the slowest answer of each kind in milliseconds. Target: every median under 10 ms.

    .venv/bin/python bench/dts.py [--rounds N]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
TARGET_MS = 10.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="requests of each kind per source")
    args = parser.parse_args()
    from bukharin_edition.publish import build_edition
    from bukharin_edition.dts.server import call, create_app

    out = Path(tempfile.mkdtemp()) / "edition"
    started = time.perf_counter()
    report = build_edition(ROOT / "tei", ROOT / "xslt", out, only=("dts", "files"))
    full = time.perf_counter() - started
    started = time.perf_counter()
    build_edition(ROOT / "tei", ROOT / "xslt", out, only=("dts", "files"))
    again = time.perf_counter() - started
    files = [p for p in (out / "dts").rglob("*") if p.is_file()]
    print(f"DTS files of {len(report.sources)} sources: {len(files)} files, "
          f"{sum(p.stat().st_size for p in files) / 1024:.0f} KiB; build {full:.2f} s, nothing changed {again:.2f} s")

    app = create_app(out, "http://127.0.0.1/dts/")
    import json

    def units(ident: str) -> list[str]:
        body = call(app, "GET", "/navigation", f"resource={ident}&down=-1", "127.0.0.1")[2]
        return [u["identifier"] for u in json.loads(body)["member"]]

    kinds: dict[str, list[tuple[str, str]]] = {"entry": [("", "")], "collection": [("/collection", "")]}
    for ident in report.sources:
        ids = units(ident)
        kinds.setdefault("navigation down=-1", []).append(("/navigation", f"resource={ident}&down=-1"))
        kinds.setdefault("navigation ref, down=1", []).append(("/navigation", f"resource={ident}&ref={ids[0]}&down=1"))
        kinds.setdefault("passage (ref)", []).append(("/document", f"resource={ident}&ref={ids[len(ids) // 2]}"))
        kinds.setdefault("range (start, end)", []).append(("/document", f"resource={ident}&start={ids[0]}&end={ids[-1]}"))
        kinds.setdefault("whole document", []).append(("/document", f"resource={ident}"))
    slow = False
    for kind, requests in kinds.items():
        times = []
        for _ in range(args.rounds):
            for path, query in requests:
                started = time.perf_counter()
                status = call(app, "GET", path, query, "127.0.0.1")[0]
                times.append((time.perf_counter() - started) * 1000)
                assert status == 200, (path, query, status)
        median = statistics.median(times)
        slow = slow or median > TARGET_MS
        print(f"{kind:24} median {median:6.2f} ms   slowest {max(times):7.2f} ms   ({len(times)} requests)")
    print(f"target: every median under {TARGET_MS:.0f} ms: {'missed' if slow else 'met'}")


if __name__ == "__main__":
    main()
