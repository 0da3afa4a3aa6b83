"""The `edition` command: thin click commands, each calling one function."""
from __future__ import annotations

from pathlib import Path

import click

from . import convert as converting
from . import fidelity
from .errors import ConversionError, FidelityError
from .manifest import load_manifest
from .project import Project

ROOT_HELP = "The edition's folder (default: found from the working directory)."
CONVERT_HELP = """Encode sources of the manifest as TEI in tei/.

Writes the TEI of every source (or of the SOURCES named) that has none yet. A TEI file that
differs from what convert would write is left untouched and reported: scholars edit tei/,
so convert never overwrites their work unless --force is given.
"""
CHECK_HELP = """Prove that each TEI file's diplomatic text equals its source.

Compares the diplomatic text of tei/<id>.xml (the source's own characters, the editors'
additions left out) with the source's lines of the received file, character for character;
only the number of blank lines between blocks may differ.
"""


def _project(root: str | None) -> Project:
    return Project(Path(root).resolve()) if root else Project.find()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bukharin-edition")
def main() -> None:
    """The Bukharin documents: convert, check and build a TEI edition."""


@main.command(help=CONVERT_HELP)
@click.argument("sources", nargs=-1)
@click.option("--force", is_flag=True, help="Overwrite TEI files that differ from a fresh conversion.")
@click.option("--diff", "with_diff", is_flag=True, help="Show how differing files would change.")
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def convert(sources: tuple[str, ...], force: bool, with_diff: bool, root: str | None) -> None:
    project = _project(root)
    manifest = load_manifest(project.manifest, profiles=converting.PROFILES)
    documents = converting.encode_all(manifest, list(sources) or None)
    for document in documents:
        for warning in document.warnings:
            click.echo(f"warning: {warning}", err=True)
    outcomes = converting.write_documents(documents, project.tei, force=force, with_diff=with_diff)
    for outcome in outcomes:
        click.echo(f"{outcome.action:>11}  {outcome.path.relative_to(project.root)}")
        if outcome.diff:
            click.echo(outcome.diff, nl=False)
    differing = [o for o in outcomes if o.action == "differs"]
    if differing:
        click.echo(
            f"{len(differing)} TEI file(s) differ from a fresh conversion and were left untouched "
            "(--diff shows how, --force overwrites).",
            err=True,
        )


@main.command(help=CHECK_HELP)
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def check(root: str | None) -> None:
    project = _project(root)
    manifest = load_manifest(project.manifest)
    problems = fidelity.check_all(manifest, project.tei)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise FidelityError(f"{len(problems)} of {len(manifest.sources)} sources fail the fidelity check")
    click.echo(f"{len(manifest.sources)} sources: diplomatic text equals the received text")


BUILD_HELP = """Build the published edition in edition/ from tei/.

For every source: a reading text, a diplomatic text and its notes and apparatus
(edition/<id>/reading.html, diplomatic.html, apparatus.html), a copy of its TEI file
(edition/tei/<id>.xml); and the index page (edition/index.html) with the shared CSS. Every
TEI file is read first; a file that is not well-formed is reported (file:line:column) and
left out, the rest is built, and the exit status is non-zero. Never converts: it reads tei/ only.
"""


@main.command(help=BUILD_HELP)
@click.option("--base-url", default="", help="The published edition's address (ending in /), for citations.")
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def build(base_url: str, root: str | None) -> None:
    from .build import build_edition
    from .errors import BuildError

    project = _project(root)
    report = build_edition(project.tei, project.xslt, project.edition, base_url=base_url)
    for problem in report.problems:
        click.echo(problem, err=True)
    click.echo(f"{len(report.sources)} sources built into {project.edition} "
               f"({len(report.written)} files, {report.seconds:.2f} s)")
    if report.problems:
        raise BuildError(f"{len(report.problems)} problem(s); the files named were not built")
