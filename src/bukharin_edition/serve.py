"""`edition serve`: the editor's live preview.

Builds the edition, serves edition/ over HTTP on the loopback interface, watches tei/, xslt/,
schema/ and seeds/ (by polling their files' size and modification time: no dependency, works
on every file system), rebuilds what a change touches (the incremental build), and reloads the
page open in the browser. The reload is a small script that the server adds to the HTML it
serves (the published files never carry it): it polls /__edition/status and reloads when the
edition's version changes, or shows the problems of the last build over the page. A file that
became invalid keeps its last good pages.

Only files under edition/ are served: a path with `..`, `.` or hidden segments, an encoded
traversal, a backslash or a NUL, or one that leads out of edition/ (by a symbolic link) is
refused, the file served (a folder's index.html too) resolved before it is checked. On loopback
only one Host header naming the loopback is answered; at most MAX_THREADS connections are served at
once and one silent for IDLE seconds is closed. A change is built once the files have settled.
Every response carries a Content-Security-Policy that the pages satisfy (they have no inline
script or style). The DTS server's endpoints (dts/server.py) are mounted under /dts/.
"""
from __future__ import annotations

import http.server
import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from .publish.base import Session
from .publish.pipeline import build_edition, warm
from .publish.pages import policy
from .dts.server import call as dts_call, create_app as create_dts_app, handles as dts_handles
from .errors import EditionError
from .project import Project

WATCHED = ("tei", "xslt", "schema", "seeds")
PREFIX = "/__edition/"
# The published pages' policy (search's, the widest), and what only a header can say.
CSP = policy(search=True).replace("form-action 'self'", "form-action 'none'") + "; frame-ancestors 'none'"
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".xml": "application/xml; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
         ".jpg": "image/jpeg", ".woff2": "font/woff2", ".txt": "text/plain; charset=utf-8",
         ".pdf": "application/pdf"}
LOOPBACK = ("127.0.0.1", "localhost", "::1")
IDLE = 10.0  # seconds a connection may stay silent before it is closed
LIFETIME = 120.0  # seconds after which a kept-alive connection is closed after its current request
MAX_THREADS = 32  # connections served at once
SETTLE = 0.15  # seconds a changed file's size and time must stay the same before it is built

LIVE_JS = """// The preview's reload: poll the server; reload when the edition changed; show problems.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = Number(new URL(script.src).searchParams.get("v"));
  var overlay = null;
  function show(problems) {
    if (overlay) { overlay.remove(); overlay = null; }
    if (!problems.length) { return; }
    overlay = document.createElement("aside");
    overlay.className = "ed-preview-problems";
    overlay.setAttribute("role", "alert");
    var title = document.createElement("h2");
    title.textContent = "The last change was not built: " + problems.length + " problem(s). " +
      "The page shows the last good version.";
    overlay.appendChild(title);
    var list = document.createElement("ul");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem;
      list.appendChild(item);
    });
    overlay.appendChild(list);
    document.body.appendChild(overlay);
  }
  function poll() {
    fetch("/__edition/status", {cache: "no-store"}).then(function (response) {
      return response.json();
    }).then(function (status) {
      if (status.version !== version) { location.reload(); return; }
      show(status.problems);
      setTimeout(poll, 250);
    }).catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""

LIVE_CSS = """.ed-preview-problems { position: fixed; inset: auto 0 0 0; max-height: 50vh; overflow: auto;
  margin: 0; padding: 1rem 1.5rem; background: #fff4f2; color: #5c0d00; border-top: 4px solid #b42318;
  font: 0.9rem/1.4 ui-monospace, monospace; z-index: 1000; }
.ed-preview-problems h2 { font-size: 1rem; margin: 0 0 0.5rem; }
.ed-preview-problems li { margin: 0.25rem 0; white-space: pre-wrap; }
"""


@dataclass
class Status:
    """What the browser polls: the edition's version and the problems of the last build."""

    version: int = 0
    problems: list[str] = field(default_factory=list)

    def json(self) -> bytes:
        return json.dumps({"version": self.version, "problems": self.problems}).encode("utf-8")


class Preview:
    """The build side of the preview: one Saxon session, rebuilt on every change. With
    `background`, the builds run in a child process (build/background.py), so that the server
    answers while a long document is rebuilt; the page reloads when the changed sources' own
    pages are on disk, and again if the pages made from every source changed after."""

    def __init__(self, project: Project, echo: Callable[[str], None] = print, base_url: str = "",
                 background: bool = False) -> None:
        self.project = project
        self.echo = echo
        self.base_url = base_url
        self.session = Session()
        self.status = Status()
        self.lock = threading.Lock()
        self.last_seconds = 0.0
        self.manifest_problems: list[str] = []
        self.building = threading.Event()  # set while a build runs
        self.worker = None
        if background:
            from .publish.background import BuildProcess
            self.worker = BuildProcess()

    def rebuild(self, changed: list[Path] | None = None) -> None:
        """Validate and rebuild what depends on the change; report problems; bump the version
        (once the changed sources' pages are on disk, and again if more changed after)."""
        with self.lock:
            self.building.set()
            try:
                self._rebuild(changed)
            finally:
                self.building.clear()

    def _rebuild(self, changed: list[Path] | None) -> None:
        if changed is None or any(self.project.root / "seeds" in p.parents for p in changed):
            self.manifest_problems = self._manifest_problems()  # kept until seeds/ changes
        problems = list(self.manifest_problems)
        shown: list[int] = []

        def pages_done(tasks: list[str], found: list[str]) -> None:
            if tasks:  # the reload: the page of the changed source is there
                self.status = Status(self.status.version + 1, problems + found)
                shown.append(len(tasks))

        arguments = dict(tei_dir=self.project.tei, xslt_dir=self.project.xslt,
                         out_dir=self.project.edition, base_url=self.base_url,
                         schema_dir=self.project.schema, keep_last_good=True)
        if self.worker is not None:
            rebuilt, found, seconds = self.worker.build(arguments, pages_done)
        else:
            if not self.session.executables:
                try:
                    warm(self.session, self.project.xslt, self.project.schema, self.base_url)
                except Exception:
                    pass  # the build below reports what does not compile
            report = build_edition(session=self.session, pages_done=pages_done, **arguments)
            rebuilt, found, seconds = report.rebuilt, report.problems, report.seconds
        self.last_seconds = seconds
        problems += found
        for problem in problems:
            self.echo(f"problem: {problem}")
        if len(rebuilt) > sum(shown) or problems != self.status.problems or (rebuilt and not shown):
            self.status = Status(self.status.version + 1, problems)
        done = ", ".join(rebuilt) or "nothing to rebuild"
        self.echo(f"built in {seconds:.2f} s: {done}" + (
            f"; {len(problems)} problem(s), the last good pages stay" if problems else ""))

    def close(self) -> None:
        """End the build process, if there is one."""
        if self.worker is not None:
            self.worker.close()

    def _manifest_problems(self) -> list[str]:
        from .convert import PROFILES
        from .errors import EditionError
        from .manifest import load_manifest

        try:
            load_manifest(self.project.manifest, profiles=PROFILES)
        except EditionError as exc:
            return [exc.message]
        return []


def snapshot(project: Project) -> dict[Path, tuple[int, int]]:
    """The size and modification time of every watched file."""
    seen: dict[Path, tuple[int, int]] = {}
    for name in WATCHED:
        for path in (project.root / name).rglob("*"):
            if path.name.startswith("."):
                continue
            try:
                info = path.stat()
            except OSError:
                continue
            if not path.is_dir():
                seen[path] = (info.st_mtime_ns, info.st_size)
    return seen


class Watcher(threading.Thread):
    """Polls the watched folders and rebuilds on every change (a burst of saves is one change)."""

    def __init__(self, preview: Preview, interval: float = 0.2, settle: float = SETTLE) -> None:
        super().__init__(daemon=True, name="edition-watcher")
        self.preview = preview
        self.interval = interval
        self.settle = settle
        self.stopped = threading.Event()
        self.before = snapshot(preview.project)

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.check()

    def check(self) -> None:
        now = snapshot(self.preview.project)
        if now == self.before:
            return
        now = self.settled(now)
        changed = sorted(p for p in set(now) | set(self.before) if now.get(p) != self.before.get(p))
        self.before = now
        for path in changed:
            self.preview.echo(f"changed: {path.relative_to(self.preview.project.root)}")
        try:
            self.preview.rebuild(changed)
        except Exception as exc:  # a stylesheet that no longer compiles: report, keep serving
            message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
            self.preview.echo(f"problem: {message}")
            with self.preview.lock:
                self.preview.status = Status(self.preview.status.version + 1, [message])

    def settled(self, now: dict, limit: float = 5.0) -> dict:
        """Wait until the files stay the same for SETTLE seconds (a save in two writes is built
        once, whole), or at most `limit` seconds of a file that keeps changing."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.stopped.wait(self.settle):
                break
            again = snapshot(self.preview.project)
            if again == now:
                break
            now = again
        return now

    def stop(self) -> None:
        self.stopped.set()


def resolve_request(root: Path, target: str) -> tuple[int, Path | None]:
    """Map a request target to a file under root: (200, path), or (403/404, None)."""
    raw = urlsplit(target).path
    path = unquote(raw)
    if "\0" in path or "\\" in path or not path.startswith("/"):
        return 403, None
    segments = path.split("/")[1:]
    if any(s in (".", "..") for s in segments):
        return 403, None
    if any(s.startswith(".") for s in segments if s):
        return 404, None
    candidate = root.joinpath(*[s for s in segments if s])
    home = root.resolve()
    try:
        resolved = candidate.resolve(strict=True)
        if resolved.is_relative_to(home) and resolved.is_dir():
            resolved = (resolved / "index.html").resolve(strict=True)  # the file served, resolved too
    except (OSError, RuntimeError):
        return 404, None
    if not resolved.is_relative_to(home):
        return 403, None  # a symbolic link that leads out of edition/ (an index.html one too)
    return (200, resolved) if resolved.is_file() else (404, None)


_HOST = re.compile(r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9.-]+))(?::(?P<port>[0-9]{1,5}))?$")


def host_name(header: str | None) -> str | None:
    """The host name of a Host header, or None unless it is exactly `name[:port]` or `[v6][:port]`."""
    match = _HOST.match(header or "")
    if not match:
        return None
    return (match.group("v6") or match.group("name")).lower()


def inject(html: bytes, version: int) -> bytes:
    """Add the preview's script and style to a served page (never to a published file)."""
    from lxml.html import builder as E, tostring

    tags = (tostring(E.LINK(rel="stylesheet", href=f"{PREFIX}live.css"))
            + tostring(E.SCRIPT(src=f"{PREFIX}live.js?v={version}", defer="defer")))
    at = html.find(b"</head>")
    return html[:at] + tags + html[at:] if at != -1 else html + tags


def make_handler(root: Path, preview: Preview | None, allowed_hosts: tuple[str, ...] | None,
                 idle: float = 10.0):
    """The request handler class for one edition/ folder."""
    dts: dict = {}  # the DTS application, made on the first DTS request

    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "edition-serve"
        sys_version = ""
        protocol_version = "HTTP/1.1"
        timeout = idle  # seconds a silent connection may hold its thread
        started = 0.0

        def setup(self) -> None:
            super().setup()
            self.started = time.monotonic()

        def handle_one_request(self) -> None:
            super().handle_one_request()
            if time.monotonic() - self.started > LIFETIME:
                self.close_connection = True  # a kept-alive connection ends: its thread is freed

        def log_message(self, format, *args):  # noqa: A002 — the base class's name
            pass  # the terminal is for changes and problems, not for every request

        def do_HEAD(self) -> None:
            self._serve(body=False)

        def do_GET(self) -> None:
            self._serve(body=True)

        def _refuse_method(self) -> None:
            self._send(405, b"method not allowed\n", "text/plain; charset=utf-8", True,
                       {"Allow": "GET, HEAD"})

        do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse_method

        def _serve(self, body: bool) -> None:
            if allowed_hosts is not None and not self._host_allowed():
                return self._send(403, b"forbidden host\n", "text/plain; charset=utf-8", body)
            path = urlsplit(self.path).path
            if path.startswith(PREFIX):
                return self._preview(path[len(PREFIX):], body)
            if (path == "/dts" or path.startswith("/dts/")) and dts_handles(path[4:]):
                return self._dts(path[4:], body)
            code, file = resolve_request(root, self.path)
            if file is None:
                return self._send(code, f"{code}\n".encode(), "text/plain; charset=utf-8", body)
            try:
                data = file.read_bytes()
            except OSError:
                return self._send(404, b"404\n", "text/plain; charset=utf-8", body)
            kind = TYPES.get(file.suffix.lower(), "application/octet-stream")
            if preview is not None and file.suffix.lower() == ".html":
                data = inject(data, preview.status.version)
            self._send(200, data, kind, body)

        def _preview(self, name: str, body: bool) -> None:
            if preview is None:
                return self._send(404, b"404\n", "text/plain; charset=utf-8", body)
            if name == "status":
                return self._send(200, preview.status.json(), "application/json", body)
            if name == "live.js":
                return self._send(200, LIVE_JS.encode(), TYPES[".js"], body)
            if name == "live.css":
                return self._send(200, LIVE_CSS.encode(), TYPES[".css"], body)
            self._send(404, b"404\n", "text/plain; charset=utf-8", body)

        def _dts(self, path_info: str, body: bool) -> None:
            """The DTS server's endpoints, mounted under /dts/ (its static files are served as files)."""
            if "app" not in dts:
                try:
                    dts["app"] = create_dts_app(root)
                except EditionError as exc:
                    return self._send(404, f"{exc.message}\n".encode(), "text/plain; charset=utf-8", body)
            code, headers, data = dts_call(dts["app"], self.command, path_info, urlsplit(self.path).query,
                                           self.headers.get("Host") or "localhost")
            kind = dict(headers).get("Content-Type", "application/octet-stream")
            extra = {key: value for key, value in headers if key in ("Link", "Allow")}
            self._send(code, data, kind, body, extra)

        def _host_allowed(self) -> bool:
            hosts = self.headers.get_all("Host") or []
            return len(hosts) == 1 and host_name(hosts[0]) in allowed_hosts

        def _send(self, code: int, data: bytes, kind: str, body: bool, extra: dict | None = None) -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Content-Security-Policy", CSP)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("Cache-Control", "no-store")
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if body:
                self.wfile.write(data)

    return Handler


class Server(http.server.ThreadingHTTPServer):
    """A thread per connection, at most MAX_THREADS at once (the others wait to be accepted)."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64
    block_on_close = False

    def __init__(self, *args, max_threads: int = 0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.slots = threading.BoundedSemaphore(max_threads or MAX_THREADS)

    def process_request(self, request, client_address) -> None:
        self.slots.acquire()  # the accepting loop waits here while every thread is busy
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class Server6(Server):
    address_family = socket.AF_INET6


def make_server(root: Path, host: str = "127.0.0.1", port: int = 8000,
                preview: Preview | None = None, idle: float = IDLE, max_threads: int = MAX_THREADS) -> Server:
    """An HTTP server for edition/ (not started). On loopback, only loopback Host names are
    answered (a web page elsewhere cannot reach the preview by DNS rebinding). At most
    `max_threads` connections are served at once, and one silent for `idle` seconds is closed."""
    allowed = LOOPBACK if host in LOOPBACK else None
    kind = Server6 if ":" in host else Server
    return kind((host, port), make_handler(Path(root), preview, allowed, idle), max_threads=max_threads)


def serve(project: Project, host: str = "127.0.0.1", port: int = 8000, interval: float = 0.2,
          base_url: str = "", echo: Callable[[str], None] = print) -> None:
    """Build, then serve and watch until interrupted."""
    from .errors import EditionError

    preview = Preview(project, echo, base_url, background=True)
    preview.rebuild()
    try:
        server = make_server(project.edition, host, port, preview)
    except OSError as exc:
        preview.close()
        raise EditionError(f"cannot listen on {host}:{port} ({exc.strerror}); "
                           "choose another port with --port") from exc
    watcher = Watcher(preview, interval)
    watcher.start()
    shown = f"[{host}]" if ":" in host else host
    echo(f"serving {project.edition.name}/ at http://{shown}:{server.server_address[1]}/ "
         f"(watching {', '.join(WATCHED)}; Ctrl-C stops)")
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        echo("stopped")
    finally:
        watcher.stop()
        server.server_close()
        preview.close()
