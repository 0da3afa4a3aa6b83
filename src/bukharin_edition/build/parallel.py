"""A build on several processes: workers render the sources, the parent writes the rest.

Each worker process compiles the stylesheets and the schema once and renders its share of the
sources with `render_source` (it parses its own files: no tree crosses a process boundary).
The parent keeps what the cross-source pages need and no more: each source's id and header.
Then it writes the index, the shared files and prunes, as the in-process build does. The
output is byte for byte that of `build_edition`.
"""
from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from lxml import etree

from .base import Context, Source
from .builders import FilesBuilder, IndexBuilder
from .pipeline import SHARED, BuildReport, _received_order, new_processor, prune
from .work import Outcome, Settings, render_source
from ..errors import BuildError


def build_parallel(tei_dir: Path, xslt_dir: Path, out_dir: Path, base_url: str = "",
                   schema_dir: Path | None = None, jobs: int = 2) -> BuildReport:
    """Build edition/ from tei/ as `build_edition` does, the sources on `jobs` worker processes."""
    started = time.perf_counter()
    settings = Settings(Path(tei_dir).resolve(), Path(xslt_dir).resolve(), Path(out_dir).resolve(),
                        base_url, Path(schema_dir).resolve() if schema_dir is not None else None)
    paths = sorted(settings.tei_dir.glob("*.xml"))
    if not paths:
        raise BuildError(f"{tei_dir}: no TEI files (run 'edition convert' first)")
    shared = [p for p in paths if p.stem in SHARED]
    documents = [p for p in paths if p.stem not in SHARED]
    context = Context(Path(tei_dir), Path(xslt_dir), Path(out_dir), None, shared=shared,
                      base_url=base_url)
    for outcome in _render_all(documents, settings, jobs):
        context.problems += outcome.problems
        context.written += outcome.written
        if outcome.header:
            tree = etree.ElementTree(etree.fromstring(outcome.header))
            context.sources.append(Source(outcome.id, outcome.path, tree, None, outcome.failed))
    context.sources.sort(key=_received_order)
    context.processor = new_processor()
    for builder in (IndexBuilder(context), FilesBuilder(context)):
        builder.prepare()
        builder.finish()
    prune(context)
    return BuildReport(
        sources=[s.id for s in context.sources if not s.failed],
        written=context.written,
        problems=context.problems,
        seconds=time.perf_counter() - started,
    )


def _render_all(paths: list[Path], settings: Settings, jobs: int):
    """Every source's outcome, in the order of `paths`; a worker that dies is reported."""
    jobs = max(1, min(jobs, len(paths)))
    size = max(1, min(50, len(paths) // (jobs * 4) or 1))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    spawn = multiprocessing.get_context("spawn")  # no Saxon state inherited from the parent
    with ProcessPoolExecutor(max_workers=jobs, mp_context=spawn) as pool:
        futures = [pool.submit(_render_chunk, chunk, settings) for chunk in chunks]
        for chunk, future in zip(chunks, futures):
            try:
                yield from future.result()
            except Exception as exc:  # the worker process died (or could not start)
                for path in chunk:
                    yield Outcome(path, problems=[
                        f"{path}: not built: its worker process failed ({type(exc).__name__}: {exc})"])


def _render_chunk(paths: list[Path], settings: Settings) -> list[Outcome]:
    return [render_source(path, settings) for path in paths]
