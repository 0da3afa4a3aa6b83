"""Builds in a process of their own, for `edition serve`: the server keeps answering meanwhile.

Saxon holds Python's global interpreter lock for the whole of a transform (a page of 16,000
paragraphs is seconds of it), so a rebuild in a thread of the server stops every request. The
preview therefore hands its builds to one long-lived child process, which keeps its own session
(processor, compiled stylesheets, schema) from build to build; the server's thread that waits
for it waits on a pipe, without the lock. The child says twice what it did: when the sources'
own pages are on disk (the preview reloads the page then) and when the pages made from every
source (index, persons, chronology, search) are written too. It ends when its parent does: its
end of the pipe closes.
"""
from __future__ import annotations

import multiprocessing
import threading
from typing import Callable

from ..errors import BuildError

Pages = Callable[[list[str], list[str]], None]  # (tasks run, problems) once the own pages are done


class BuildProcess:
    """One child process that runs build_edition() on request, one build at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process = None
        self._conn = None

    def _start(self) -> None:
        spawn = multiprocessing.get_context("spawn")  # no Saxon state inherited
        parent, child = spawn.Pipe()
        self._process = spawn.Process(target=_serve_builds, args=(child,), daemon=True,
                                      name="edition-builder")
        self._process.start()
        child.close()
        self._conn = parent

    def build(self, arguments: dict, pages_done: Pages | None = None):
        """Run build_edition(**arguments) in the child; return (tasks run, problems, seconds).
        A build that raises (a stylesheet that does not compile) raises BuildError here; a
        child that died is started again for the next build."""
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._start()
            try:
                self._conn.send(arguments)
                while True:
                    message = self._conn.recv()
                    if message[0] == "pages":
                        if pages_done is not None:
                            pages_done(message[1], message[2])
                    elif message[0] == "done":
                        return message[1], message[2], message[3]
                    else:
                        raise BuildError(message[1])
            except (EOFError, OSError) as exc:
                self.close()
                raise BuildError(f"the build process stopped ({type(exc).__name__}); "
                                 "the next change starts it again") from exc

    def close(self) -> None:
        """End the child (it also ends by itself when this process does)."""
        if self._conn is not None:
            try:
                self._conn.send(None)
            except (OSError, ValueError):
                pass
            self._conn.close()
        if self._process is not None:
            self._process.join(5)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(5)
        self._process = self._conn = None


def _serve_builds(conn) -> None:
    """The child's loop: one build per request, until the request None or the pipe closes."""
    from .base import Session
    from .pipeline import build_edition, warm

    session = Session()
    while True:
        try:
            arguments = conn.recv()
        except (EOFError, OSError):
            return
        if arguments is None:
            return
        try:
            if not session.executables:
                try:
                    warm(session, arguments["xslt_dir"], arguments.get("schema_dir"),
                         arguments.get("base_url", ""))
                except Exception:
                    pass  # the build below reports what does not compile
            report = build_edition(session=session,
                                   pages_done=lambda tasks, problems: conn.send(("pages", tasks, problems)),
                                   **arguments)
            conn.send(("done", report.rebuilt, report.problems, report.seconds))
        except Exception as exc:  # noqa: BLE001 — reported to the parent, which shows it
            conn.send(("error", getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"))
