"""Load `edition serve` from a local client: not a test, a measurement.

Starts `edition serve` on a copy of the edition in its own process, sends N requests C at a
time (pages, CSS, TEI, the status the pages poll, and refused traversals), and prints the errors,
the rate and the server's resident memory before and after (it must not grow with N).

    .venv/bin/python bench/serve.py [--requests 10000] [--concurrency 50]
"""
from __future__ import annotations

import argparse
import http.client
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"/index.html": 200, "/trial-1938/reading.html": 200, "/assets/edition.css": 200,
           "/tei/trial-1938.xml": 200, "/__edition/status": 200, "/../seeds/sources.toml": 403,
           "/%2e%2e/%2e%2e/etc/passwd": 403, "/missing.html": 404}


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()
    targets = list(TARGETS)
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("tei", "xslt", "schema", "seeds"):
            shutil.copytree(ROOT / name, Path(tmp) / name)
        port = _free_port()
        server = subprocess.Popen([str(Path(sys.executable).parent / "edition"), "serve", "--port", str(port),
                                   "--root", tmp], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 120
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.time() > deadline or server.poll() is not None:
                        raise SystemExit("the server did not start")
                    time.sleep(0.2)

            def one(n: int) -> bool:
                target = targets[n % len(targets)]
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                try:
                    connection.request("GET", target)
                    response = connection.getresponse()
                    response.read()
                    return response.status == TARGETS[target]
                except OSError:
                    return False
                finally:
                    connection.close()

            def run(count: int) -> tuple[int, float]:
                started = time.perf_counter()
                with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
                    failures = sum(not ok for ok in pool.map(one, range(count)))
                return failures, time.perf_counter() - started

            run(min(1000, args.requests))  # warm-up
            before = _rss_kib(server.pid)
            failures, seconds = run(args.requests)
            after = _rss_kib(server.pid)
        finally:
            server.terminate()
            server.wait(10)
    print(f"{args.requests} requests, {args.concurrency} at a time: {failures} errors, {seconds:.1f} s "
          f"({args.requests / seconds:.0f} requests/s)")
    print(f"server memory (RSS): {before / 1024:.1f} MiB before, {after / 1024:.1f} MiB after "
          f"({(after - before) / 1024:+.1f} MiB)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
