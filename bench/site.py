"""Time the whole site, warm: `edition build` (views, persons, chronology, parallel view,
downloads, DTS files, manual and the Pagefind index) and, in a browser, a search.

Not a test, a measurement. Prints the median and worst wall time of the command (a fresh
process each run, after one warm-up), the time of each builder inside one process, and the
time a search for a name takes in Debian's Chromium (when Playwright and /usr/bin/chromium are
there). Targets: the whole site under 5 s wall, warm; a search under 100 ms.

    .venv/bin/python bench/site.py [--runs N] [--no-browser]
"""
from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_TARGET, SEARCH_TARGET = 5.0, 100.0
QUERIES = ("Krestinsky", "Lenin", "Stalin", "1928", "permanent revolution")


def command_runs(runs: int) -> list[float]:
    command = [str(Path(sys.executable).parent / "edition"), "build", "--root", str(ROOT)]
    subprocess.run(command, check=True, capture_output=True)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def builder_times(out: Path) -> dict[str, float]:
    """Each builder's time (prepare, every source, finish) in one build, after a warm-up."""
    from bukharin_edition.publish.base import Context
    from bukharin_edition.publish.builders import BUILDERS
    from bukharin_edition.publish.pipeline import gather, new_processor

    processor = new_processor()
    for _ in range(2):
        context = Context(ROOT / "tei", ROOT / "xslt", out, processor)
        gather(context)
        builders = [builder(context) for builder in BUILDERS]
        times = dict.fromkeys((b.name for b in builders), 0.0)
        for builder in builders:
            started = time.perf_counter()
            builder.prepare()
            times[builder.name] += time.perf_counter() - started
        for source in context.sources:
            for builder in builders:
                started = time.perf_counter()
                builder.write_doc(source)
                times[builder.name] += time.perf_counter() - started
        for builder in builders:
            started = time.perf_counter()
            builder.finish()
            times[builder.name] += time.perf_counter() - started
    return times


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def search_times(site: Path) -> dict[str, list[float]] | None:
    """Search each query three times in Chromium; the page reports each search's milliseconds:
    the query answered by the index, then with the first 20 results' excerpts shown."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path("/usr/bin/chromium").exists():
        return None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    found: dict[str, list[float]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search.html")
            page.wait_for_selector("#ed-search[data-ready='true']")
            for query in QUERIES:
                for _ in range(3):
                    page.evaluate("document.getElementById('ed-results').removeAttribute('data-ms')")
                    page.fill("#ed-q", query)
                    page.click("#ed-search-form button")
                    page.wait_for_selector("#ed-results[data-ms]")
                    found.setdefault(query, []).append(float(page.get_attribute("#ed-results", "data-ms")))
                    found.setdefault(query + " (index only)", []).append(
                        float(page.get_attribute("#ed-results", "data-search-ms")))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    command = command_runs(args.runs)
    print(f"`edition build`, the whole site (fresh process, {args.runs} runs after a warm-up): "
          f"median {statistics.median(command):.2f} s, worst {max(command):.2f} s "
          f"— target under {SITE_TARGET:.0f} s: {'meets' if max(command) < SITE_TARGET else 'MISSES'} it")
    with tempfile.TemporaryDirectory() as tmp:
        times = builder_times(Path(tmp) / "edition")
        print("builders, warm, in one process: " + ", ".join(f"{k} {v:.2f} s" for k, v in times.items()))
        if not args.no_browser:
            searches = search_times(ROOT / "edition")
            if searches is None:
                print("search in the browser: not measured (Playwright or /usr/bin/chromium missing)")
            else:
                warm = [t for q, ts in searches.items() if "index only" not in q for t in ts[1:]]
                for query, ts in searches.items():
                    print(f"search {query!r}: " + ", ".join(f"{t:.1f}" for t in ts) + " ms (first, then warm)")
                print(f"search, warm: median {statistics.median(warm):.1f} ms, worst {max(warm):.1f} ms "
                      f"— target under {SEARCH_TARGET:.0f} ms: {'meets' if max(warm) < SEARCH_TARGET else 'MISSES'} it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
