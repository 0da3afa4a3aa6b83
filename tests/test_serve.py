"""edition serve, over loopback with a real HTTP client: what it serves, what it refuses, how it
bears load, and the watcher with real file changes."""
from __future__ import annotations

import http.client
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bukharin_edition.publish.base import Session
from bukharin_edition.serve import CSP, Preview, Watcher, make_server
from editor_support import edit, small_project


@pytest.fixture
def live(tmp_path, saxon):
    """A small project built and served on a free loopback port; the watcher is not started."""
    project = small_project(tmp_path / "project")
    messages: list[str] = []
    preview = Preview(project, echo=messages.append)
    preview.session = Session(saxon)
    preview.rebuild()
    server = make_server(project.edition, "127.0.0.1", 0, preview)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield project, preview, server, messages
    server.shutdown()
    server.server_close()


def get(server, target: str, method: str = "GET", headers: dict | None = None):
    """Send one request with the target exactly as given; return (status, headers, body)."""
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    try:
        connection.putrequest(method, target, skip_accept_encoding=True,
                              skip_host="Host" in (headers or {}))
        for key, value in (headers or {}).items():
            connection.putheader(key, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_it_listens_on_loopback_only(live):
    _, _, server, _ = live
    assert server.server_address[0] == "127.0.0.1"


def test_a_page_is_served_with_the_reload_script_and_a_content_security_policy(live):
    project, _, server, _ = live
    status, headers, body = get(server, "/trial-1938/reading.html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert headers["Content-Security-Policy"] == CSP and "script-src 'self'" in CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert b'<script src="/__edition/live.js?v=' in body
    published = (project.edition / "trial-1938" / "reading.html").read_bytes()
    assert b"<script" not in published and b"style=" not in published  # the CSP holds for them
    assert get(server, "/")[2].startswith(b"<!DOCTYPE")  # a folder serves its index.html
    assert get(server, "/__edition/live.js")[0] == 200


@pytest.mark.parametrize("target, expected", [
    ("/../seeds/sources.toml", 403),
    ("/trial-1938/../../seeds/sources.toml", 403),
    ("/%2e%2e/seeds/sources.toml", 403),
    ("/%2E%2E%2Fseeds%2Fsources.toml", 403),
    ("/..%2f..%2fetc%2fpasswd", 403),
    ("/tei/..%5c..%5cseeds%5csources.toml", 403),
    ("/./index.html", 403),
    ("/index.html%00.css", 403),
    ("http://127.0.0.1/../seeds/sources.toml", 403),
    ("//etc/passwd", 404),
    ("/etc/passwd", 404),
    ("/%252e%252e/seeds/sources.toml", 404),
    ("/.build-state.json", 404),
    ("/no-such-page.html", 404),
])
def test_path_traversal_is_refused(live, target, expected):
    _, _, server, _ = live
    status, _, body = get(server, target)
    assert status == expected
    assert b"sources.toml" not in body and b"root:" not in body


def test_a_symbolic_link_out_of_the_edition_is_refused(live, tmp_path):
    project, _, server, _ = live
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", "utf-8")
    (project.edition / "leak.txt").symlink_to(secret)
    (project.edition / "leak").symlink_to(tmp_path)
    assert get(server, "/leak.txt")[0] == 403
    assert get(server, "/leak/secret.txt")[0] == 403


def test_other_methods_and_foreign_host_names_are_refused(live):
    _, _, server, _ = live
    assert get(server, "/index.html", "POST")[0] == 405
    assert get(server, "/index.html", headers={"Host": "attacker.example"})[0] == 403
    assert get(server, "/index.html", headers={"Host": "localhost:1"})[0] == 200


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def test_a_bounded_load_is_served_without_errors_or_growing_memory(live):
    _, _, server, _ = live
    targets = ["/index.html", "/trial-1938/reading.html", "/assets/edition.css",
               "/tei/trial-1938.xml", "/__edition/status", "/../seeds/sources.toml", "/missing"]
    expected = {"/../seeds/sources.toml": 403, "/missing": 404}

    def one(n: int) -> bool:
        target = targets[n % len(targets)]
        return get(server, target)[0] == expected.get(target, 200)

    def run(count: int) -> tuple[int, float]:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=20) as pool:
            failures = sum(not ok for ok in pool.map(one, range(count)))
        return failures, time.perf_counter() - started

    assert run(500)[0] == 0  # warm-up: threads, buffers and caches reach their size
    before = _rss_kib()
    failures, seconds = run(2000)
    after = _rss_kib()
    print(f"\nload: 2000 requests, 20 at a time: {failures} errors, {seconds:.2f} s "
          f"({2000 / seconds:.0f} requests/s); memory {before / 1024:.1f} → {after / 1024:.1f} MiB")
    assert failures == 0
    assert after - before < 16 * 1024  # KiB: no growth with the number of requests


def _wait(condition, timeout: float = 30.0) -> float:
    started = time.perf_counter()
    while not condition():
        assert time.perf_counter() - started < timeout, "timed out"
        time.sleep(0.02)
    return time.perf_counter() - started


def test_a_saved_change_is_rebuilt_and_a_breaking_one_is_shown_while_the_last_good_page_stays(live):
    project, preview, server, messages = live
    watcher = Watcher(preview, interval=0.05)
    watcher.start()
    try:
        page = project.edition / "trial-1938" / "reading.html"
        version = preview.status.version
        edit(project.tei / "trial-1938.xml", "plead guilty", "plead guilty (a new reading)")
        seconds = _wait(lambda: b"(a new reading)" in page.read_bytes())
        _wait(lambda: preview.status.version > version)
        print(f"\nchange saved → page on disk in {seconds:.2f} s")
        status = json.loads(get(server, "/__edition/status")[2])
        assert status == {"version": preview.status.version, "problems": []}
        assert b"(a new reading)" in get(server, "/trial-1938/reading.html")[2]

        edit(project.tei / "trial-1938.xml", "plead guilty (a new reading)", "plead <oops>guilty</oops>")
        _wait(lambda: preview.status.problems)
        problem = preview.status.problems[0]
        assert problem.startswith(f"{project.tei / 'trial-1938.xml'}:")
        file, line, column = problem.split(":")[:3]
        assert line.isdigit() and column.isdigit()
        assert any(m.startswith("problem: ") and "trial-1938.xml" in m for m in messages)  # the terminal
        status = json.loads(get(server, "/__edition/status")[2])
        assert status["problems"] == preview.status.problems  # the page's overlay shows them
        served = get(server, "/trial-1938/reading.html")
        assert served[0] == 200 and b"(a new reading)" in served[2]  # the last good page stays
        assert b"trial-1938/reading.html" in get(server, "/index.html")[2]

        edit(project.tei / "trial-1938.xml", "plead <oops>guilty</oops>", "plead guilty, fixed")
        _wait(lambda: b"plead guilty, fixed" in page.read_bytes() and not preview.status.problems)
    finally:
        watcher.stop()
        watcher.join(5)


def test_a_stylesheet_that_stops_compiling_is_reported_and_serving_goes_on(live):
    project, preview, server, messages = live
    watcher = Watcher(preview, interval=0.05)
    watcher.start()
    try:
        sheet = project.xslt / "reading.xsl"
        good = sheet.read_text("utf-8")
        sheet.write_text("<xsl:stylesheet", "utf-8")
        _wait(lambda: preview.status.problems)
        assert "reading.xsl" in preview.status.problems[0]
        assert get(server, "/trial-1938/reading.html")[0] == 200
        sheet.write_text(good, "utf-8")
        _wait(lambda: not preview.status.problems)
    finally:
        watcher.stop()
        watcher.join(5)


def test_the_command_listens_on_loopback_unless_told():
    from bukharin_edition.cli import main

    defaults = {p.name: p.default for p in main.commands["serve"].params}
    assert defaults["host"] == "127.0.0.1"


def test_a_manifest_change_is_checked_and_a_broken_manifest_is_shown(live):
    project, preview, _, _ = live
    watcher = Watcher(preview, interval=0.05)
    watcher.start()
    try:
        good = project.manifest.read_text("utf-8")
        project.manifest.write_text(good.replace('profile = "prose"', 'profile = "sonnet"', 1), "utf-8")
        _wait(lambda: preview.status.problems)
        assert "unknown profile 'sonnet'" in preview.status.problems[0]
        edit(project.tei / "trial-1938.xml", "plead guilty", "plead guilty meanwhile")
        _wait(lambda: b"meanwhile" in (project.edition / "trial-1938" / "reading.html").read_bytes())
        assert "unknown profile 'sonnet'" in preview.status.problems[0]  # still broken, still shown
        project.manifest.write_text(good, "utf-8")
        _wait(lambda: not preview.status.problems)
    finally:
        watcher.stop()
        watcher.join(5)


def test_a_silent_connection_does_not_hold_its_thread_forever(live):
    import socket

    _, _, server, _ = live
    assert server.RequestHandlerClass.timeout == 10
    with socket.create_connection(server.server_address[:2], timeout=5):
        assert get(server, "/index.html")[0] == 200  # others are served meanwhile
