"""Build the published edition: gather every TEI file, then write every output.

One builder per output (reading, diplomatic, apparatus, index, files): each has a name, a
prepare() that compiles its stylesheet once per build, a write_doc() per source and a
finish(). The build reads tei/ only; it never converts.
"""
from __future__ import annotations

import os
from pathlib import Path

from .pipeline import BuildReport, build_edition, gather
from .builders import BUILDERS

__all__ = ["BUILDERS", "BuildReport", "SMALL", "build_edition", "gather", "jobs_for", "run_build"]

SMALL = 200  # under this many files, starting worker processes costs more than it saves


def jobs_for(tei_dir: Path, jobs: int) -> int:
    """The worker processes of a build: `jobs`, or (0) one per core for a corpus that is not small."""
    if jobs:
        return jobs
    if sum(1 for _ in Path(tei_dir).glob("*.xml")) < SMALL:
        return 1
    return os.cpu_count() or 1


def run_build(project, base_url: str = "", full: bool = False, verbosity: int = 1,
              pdf: bool = False, jobs: int = 0, executor: str = "processes",
              scheduler: str | None = None) -> BuildReport:
    """`edition build`: build incrementally, show progress, print problems and a summary line."""
    import click

    from ..errors import BuildError
    from ..progress import VERBOSE, Progress
    from ..tei import publish_modes

    if not (project.schema / "bukharin.rng").is_file():
        raise BuildError(f"{project.schema / 'bukharin.rng'}: the edition's schema is missing; "
                         "the build validates every file before it renders it")
    total = 2 * len(list(project.tei.glob("*.xml"))) + 2
    progress = Progress(total, verbosity)
    report = build_edition(project.tei, project.xslt, project.edition, base_url=base_url,
                           schema_dir=project.schema, full=full, progress=progress, pdf=pdf,
                           jobs=jobs_for(project.tei, jobs) if executor == "processes" else jobs or 2,
                           executor=executor, scheduler=scheduler)
    progress.close()
    publish_modes(project.edition)  # files an earlier build left unreadable to a web server
    for problem in report.problems:
        click.echo(problem, err=True)
    if verbosity >= VERBOSE:
        click.echo(f"{report.up_to_date} task(s) up to date")
    if report.nothing_to_do and verbosity:
        click.echo(f"nothing changed: {len(report.sources)} sources up to date in {project.edition} "
                   f"({report.seconds:.2f} s)")
    elif verbosity:
        click.echo(f"{len(report.sources)} sources built into {project.edition}: {len(report.rebuilt)} task(s) "
                   f"run, {report.up_to_date} up to date, {len(report.written)} files written, "
                   f"{len(report.problems)} problem(s) ({report.seconds:.2f} s)")
    if report.problems:
        raise BuildError(f"{len(report.problems)} problem(s); the files named were not built")
    return report
