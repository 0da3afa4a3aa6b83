"""Gather, then write: parse every TEI file first, then run every builder over the sources."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError
from ..tei import tei
from .base import Context, Source
from .builders import BUILDERS
from .work import load_source

SHARED = ("edition", "persons")  # tei/ files of declarations, not sources


@dataclass
class BuildReport:
    """What a build did: the sources built, the files written, the problems found, the time."""

    sources: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def new_processor():
    """The one Saxon processor of a build (creating one costs up to seconds: never per file)."""
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


def gather(context: Context, validator=None) -> None:
    """Parse every TEI file of tei/; a file that is not well-formed, or (given a validator)
    not valid, is reported and left out: an invalid file is never rendered."""
    paths = sorted(context.tei_dir.glob("*.xml"))
    if not paths:
        raise BuildError(f"{context.tei_dir}: no TEI files (run 'edition convert' first)")
    for path in paths:
        if path.stem in SHARED:
            context.shared.append(path)
            continue
        source, problems = load_source(path, context.processor, validator)
        context.problems += problems
        if source is not None:
            context.sources.append(source)
    context.sources.sort(key=_received_order)


def _received_order(source: Source) -> tuple[int, str]:
    found = source.tree.getroot().find(f".//{tei('sourceDesc')}//{tei('citedRange')}[@unit='line']")
    start = found.get("from") if found is not None else None
    return (int(start) if start and start.isdigit() else 10**9, source.id)


PAGES = ("reading.html", "diplomatic.html", "apparatus.html")


def prune(context: Context) -> None:
    """Remove the pages and TEI copies of sources not built now (deleted, or failing): an old
    page must never stand in for a file that can no longer be rendered."""
    built = {s.id for s in context.sources if not s.failed}
    if not context.out_dir.is_dir():
        return
    for folder in context.out_dir.iterdir():
        if not folder.is_dir() or folder.name in ("assets", "tei") or folder.name in built:
            continue
        for name in PAGES:
            (folder / name).unlink(missing_ok=True)
        if not any(folder.iterdir()):
            folder.rmdir()
    copies = context.out_dir / "tei"
    keep = {s.path.name for s in context.sources} | {p.name for p in context.shared}
    for copied in copies.glob("*.xml") if copies.is_dir() else ():
        if copied.name not in keep:
            copied.unlink()


def build_edition(tei_dir: Path, xslt_dir: Path, out_dir: Path, base_url: str = "",
                  processor=None, schema_dir: Path | None = None) -> BuildReport:
    """Build edition/ from tei/: every view of every well-formed (and, given the schema, valid)
    source, the index, the files."""
    started = time.perf_counter()
    context = Context(Path(tei_dir), Path(xslt_dir), Path(out_dir),
                      processor or new_processor(), base_url=base_url)
    validator = None
    if schema_dir is not None:
        from ..validate import Validator
        validator = Validator(Path(schema_dir))
    gather(context, validator)
    builders = [builder(context) for builder in BUILDERS]
    for builder in builders:
        builder.prepare()
    for source in context.sources:
        for builder in builders:
            builder.write_doc(source)
    for builder in builders:
        builder.finish()
    prune(context)
    return BuildReport(
        sources=[s.id for s in context.sources if not s.failed],
        written=context.written,
        problems=context.problems,
        seconds=time.perf_counter() - started,
    )
