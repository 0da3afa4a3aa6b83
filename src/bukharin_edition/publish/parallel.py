"""Per-source pages on several processes: the workers run the same builders as the parent.

The parent gathers (parses and validates what changed), saves what it learned in the build
state, and hands the per-source tasks that must be redone to worker processes, a source's
tasks together. Each worker gathers from that state (nothing is parsed or validated again
unless it changed), compiles the stylesheets once, and runs the builders' write_doc() for its
sources: the pages are those of an in-process build, byte for byte. The parent keeps only what
the workers report (files written, problems, failures) and goes on with the pages made from
every source.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .base import Context, Session


@dataclass(frozen=True)
class Settings:
    """What a worker needs to rebuild a source's pages (all paths absolute)."""

    tei_dir: Path
    xslt_dir: Path
    out_dir: Path
    base_url: str
    schema_dir: Path | None
    kinds: tuple[str, ...]  # the names of the builders of this build
    full: bool = False  # everything is made again (the search index writes every shard)
    build: str = ""  # one build's token: a long-lived worker (Dask) gathers again for the next


def _chunks(items: list, jobs: int) -> list[list]:
    """Items cut into chunks: about four per worker, at most 50 items each."""
    size = max(1, min(50, len(items) // (max(1, jobs) * 4) or 1))
    return [items[i:i + size] for i in range(0, len(items), size)]


@dataclass
class Outcome:
    """What a worker did for one source."""

    source_id: str
    tasks: list[str]
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    failed: bool = False
    facts: dict[str, str] = field(default_factory=dict)  # the hashes of the reductions' facts written


def run_in_workers(work: dict[str, list[str]], settings: Settings, jobs: int) -> list[Outcome]:
    """Run the builders named for each source id on `jobs` processes; a dead worker is reported."""
    items = list(work.items())
    jobs = max(1, min(jobs, len(items)))
    chunks = _chunks(items, jobs)
    spawn = multiprocessing.get_context("spawn")  # no Saxon state inherited from the parent
    outcomes: list[Outcome] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=spawn, initializer=bound_to_parent,
                             initargs=_parent()) as pool:
        futures = [pool.submit(_render_chunk, chunk, settings) for chunk in chunks]
        for chunk, future in zip(chunks, futures):
            try:
                outcomes += future.result()
            except Exception as exc:  # the worker process died, or could not start
                outcomes += [Outcome(source_id, names, problems=[
                    f"{source_id}: not built: its worker process failed ({type(exc).__name__}: {exc})"],
                    failed=True) for source_id, names in chunk]
    return outcomes


def check_in_workers(items: list[tuple[Path, str]], checked: str, context: Context, schema_dir: Path | None,
                     jobs: int, client=None):
    """Parse, validate and learn the facts of files (path, hash) on `jobs` processes (or on
    the Dask cluster of `client`); yield (path, Source or None) in the files' order, the
    problems added to the context's."""
    from .base import Source

    where = (context.tei_dir.resolve(), Path(schema_dir).resolve() if schema_dir is not None else None,
             context.digests.get("schema", ""))
    if client is not None:
        from .cluster import check_on_cluster
        results = check_on_cluster(client, items, checked, where, jobs)
    else:
        results = _check_in_pool(items, checked, where, jobs)
    for path, (facts, problems) in results:
        context.problems += problems
        yield path, Source(path.stem, path, facts, context) if facts is not None else None


def _check_in_pool(items: list[tuple[Path, str]], checked: str, where: tuple, jobs: int):
    chunks = _chunks(items, jobs)
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(chunks))), mp_context=spawn,
                             initializer=bound_to_parent, initargs=_parent()) as pool:
        futures = [pool.submit(_check_chunk, [(str(p), sha) for p, sha in chunk], checked, *where)
                   for chunk in chunks]
        for chunk, future in zip(chunks, futures):
            try:
                results = future.result()
            except Exception as exc:  # the worker process died, or could not start
                results = [(None, [f"{path}: not checked: its worker process failed ({type(exc).__name__}: {exc})"])
                           for path, _ in chunk]
            yield from zip((path for path, _ in chunk), results)


def _parent() -> tuple[int, bool]:
    """Who the workers' parent is, and whether it starts them from its main thread (the parent-death
    signal follows the thread that started a process, so only then may it be used)."""
    return os.getpid(), threading.current_thread() is threading.main_thread()


PR_SET_PDEATHSIG = 1


def bound_to_parent(parent: int, main_thread: bool = True, interval: float = 0.5) -> None:
    """Make a worker end when its parent ends, even by kill -9 (which runs no clean-up).

    On Linux the kernel sends the worker SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG);
    everywhere a watchdog thread sees the worker adopted by another process and exits."""
    import signal

    if main_thread:
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # not Linux: the watchdog below does it
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)

    def watch() -> None:
        while True:
            threading.Event().wait(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watchdog").start()


class _SiblingHashes(dict):
    """The hashes of the files a file names, read when asked for (a worker does not hash every file)."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def get(self, name, default=None):
        if name not in self:
            from .state import digest
            path = self.folder / name
            self[name] = digest(path.read_bytes()) if path.is_file() else default
        return self[name]


def _check_chunk(chunk: list[tuple[str, str]], checked: str, tei_dir: Path, schema_dir: Path | None,
                 schema_digest: str) -> list[tuple[object, list[str]]]:
    from .pipeline import _read

    global _SESSION
    _SESSION = _SESSION or Session()
    context = Context(tei_dir, tei_dir, tei_dir, _SESSION)
    context.digests["schema"] = schema_digest
    results = []
    for path, sha in chunk:
        before = len(context.problems)
        source = _read(context, Path(path), sha, checked, None, schema_dir, _SiblingHashes(tei_dir))
        results.append((source.facts if source is not None else None, context.problems[before:]))
    return results


_SESSION: Session | None = None  # one per worker process: its Saxon processor and stylesheets
_GATHERED: tuple[Settings, Context] | None = None  # what it gathered from the state, for every chunk


def _context(settings: Settings) -> Context:
    """The worker's gathered sources: read from the state once per process (the parent does
    not change the state while its workers run), not once per chunk."""
    from .pipeline import gather
    from .state import State, tree_digest

    global _SESSION, _GATHERED
    if _GATHERED is not None and _GATHERED[0] == settings:
        context = _GATHERED[1]
        context.written, context.problems, context.facts = [], [], {}
        return context
    _SESSION = _SESSION or Session()
    context = Context(settings.tei_dir, settings.xslt_dir, settings.out_dir, _SESSION,
                      base_url=settings.base_url, full=settings.full)
    context.digests["xslt"] = tree_digest(settings.xslt_dir)
    if settings.schema_dir is not None:
        context.digests["schema"] = tree_digest(settings.schema_dir)
    gather(context, None, State.load(settings.out_dir), settings.schema_dir, False, None)
    _GATHERED = (settings, context)
    return context


def _render_chunk(chunk: list[tuple[str, list[str]]], settings: Settings) -> list[Outcome]:
    from .builders import BUILDERS

    context = _context(settings)
    kinds = {kind.name: kind for kind in BUILDERS}
    if "pdf" in settings.kinds:
        from .pdf import PdfBuilder
        kinds["pdf"] = PdfBuilder
    builders = {}
    by_id = {source.id: source for source in context.sources}
    outcomes = []
    for source_id, names in chunk:
        source = by_id.get(source_id)
        if source is None:
            outcomes.append(Outcome(source_id, names, problems=[f"{source_id}: not found by the worker"],
                                    failed=True))
            continue
        written, problems = len(context.written), len(context.problems)
        for name in names:
            if name not in builders:
                builders[name] = kinds[name](context)
                builders[name].prepare()
            builders[name].write_doc(source)
        source.release()
        outcomes.append(Outcome(source_id, names, context.written[written:], context.problems[problems:],
                                source.failed, dict(context.facts)))
        context.facts.clear()
    return outcomes
