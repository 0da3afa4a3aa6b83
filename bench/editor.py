"""Time the editor's loop: not a test, a measurement.

On a copy of the edition: a no-op `edition build` (a fresh process, as the editor runs it, and in
process), then, in one long-running session as `edition serve` keeps it, one changed paragraph
of the trial record until its reading page is on disk, and the same through the server (save →
watcher → rebuild → the version the open page polls has changed). Prints medians and worsts.
Targets: a no-op build under 0.2 s; the changed reading page on disk under 0.3 s; the served
page reloaded under 1 s.

    .venv/bin/python bench/editor.py [--runs N]
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOOP, PAGE, RELOAD = 0.2, 0.3, 1.0


def _copy(folder: Path):
    from bukharin_edition.project import Project

    for name in ("tei", "xslt", "schema", "seeds"):
        shutil.copytree(ROOT / name, folder / name)
    return Project(folder)


def _verdict(worst: float, target: float) -> str:
    return "meets" if worst < target else "MISSES"


def _line(label: str, times: list[float], target: float) -> None:
    print(f"{label}: median {statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms "
          f"(target {target * 1000:.0f} ms: {_verdict(max(times), target)} it)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    from bukharin_edition.publish import build_edition
    from bukharin_edition.publish.base import Session
    from bukharin_edition.publish.pipeline import warm
    from bukharin_edition.serve import Preview, Watcher, make_server

    with tempfile.TemporaryDirectory() as tmp:
        project = _copy(Path(tmp))
        command = [str(Path(sys.executable).parent / "edition"), "build", "-q", "--root", str(project.root)]
        subprocess.run(command, check=True)  # the full first build
        fresh = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run(command, check=True)
            fresh.append(time.perf_counter() - started)

        session = Session()
        warm(session, project.xslt, project.schema)
        build = lambda: build_edition(project.tei, project.xslt, project.edition,  # noqa: E731
                                      schema_dir=project.schema, session=session, keep_last_good=True)
        inner = [build().seconds for _ in range(args.runs)]

        trial = project.tei / "trial-1938.xml"
        page = project.edition / "trial-1938" / "reading.html"
        text = trial.read_text("utf-8")
        to_disk = []
        for run in range(args.runs):
            mark = f"plead guilty [{run}]"
            trial.write_text(text.replace("plead guilty", mark, 1), "utf-8")
            started = time.perf_counter()
            report = build()
            to_disk.append(time.perf_counter() - started)
            assert mark.encode() in page.read_bytes() and not report.problems

        preview = Preview(project, echo=lambda message: None)
        preview.session = session
        preview.rebuild()
        server = make_server(project.edition, "127.0.0.1", 0, preview)
        import threading
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        watcher = Watcher(preview, interval=0.1)
        watcher.start()
        status = f"http://127.0.0.1:{server.server_address[1]}/__edition/status"
        reloads = []
        for run in range(args.runs):
            before = json.loads(urllib.request.urlopen(status).read())["version"]
            trial.write_text(text.replace("plead guilty", f"plead guilty ({run})", 1), "utf-8")
            started = time.perf_counter()
            while json.loads(urllib.request.urlopen(status).read())["version"] == before:
                time.sleep(0.25)  # what the page's script does between two polls
            # the page then reloads: one request for the page itself
            urllib.request.urlopen(status.replace("__edition/status", "trial-1938/reading.html")).read()
            reloads.append(time.perf_counter() - started)
        watcher.stop()
        server.shutdown()
        server.server_close()

    print(f"corpus: 11 sources; {args.runs} runs each")
    _line("no-op `edition build` (fresh process)", fresh, NOOP)
    _line("no-op build in process", inner, NOOP)
    _line("one paragraph changed → reading page on disk (warm session)", to_disk, PAGE)
    _line("one paragraph saved → served page reloaded (watcher, 0.1 s polling)", reloads, RELOAD)
    return 0


if __name__ == "__main__":
    sys.exit(main())
