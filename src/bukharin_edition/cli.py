"""The `edition` command: thin click commands, each calling one function."""
from __future__ import annotations

from pathlib import Path

import click

from . import convert as converting
from . import fidelity
from .errors import ConversionError, FidelityError, ValidationError
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
@click.option("--allow-dirty", is_flag=True,
              help="With --force, overwrite even files with changes not committed to git.")
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def convert(sources: tuple[str, ...], force: bool, with_diff: bool, allow_dirty: bool, root: str | None) -> None:
    project = _project(root)
    manifest = load_manifest(project.manifest, profiles=converting.PROFILES)
    documents = converting.encode_all(manifest, list(sources) or None)
    for document in documents:
        for warning in document.warnings:
            click.echo(f"warning: {warning}", err=True)
    outcomes = converting.write_documents(documents, project.tei, force=force, with_diff=with_diff,
                                          allow_dirty=allow_dirty)
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
    refused = [o for o in outcomes if o.action == "refused"]
    if refused:
        raise ConversionError(
            f"{len(refused)} TEI file(s) have changes not committed to git and were not overwritten: "
            "commit them first, or pass --allow-dirty to lose them."
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


DATES_HELP = """List every dated statement of the sources, sorted by date.

Reads the TEI files in tei/ and prints each date with its normalization, its source and
the xml:id of its block, and the sentence it dates; then the events of
seeds/chronology.toml, saying where the sources disagree about one (an Old Style date
counts by its Gregorian day, so one day in two calendars is one date).
"""


@main.command(help=DATES_HELP)
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def dates(root: str | None) -> None:
    from .chronology import chronology, format_chronology

    project = _project(root)
    manifest = load_manifest(project.manifest)
    click.echo(format_chronology(chronology(manifest, project.tei)), nl=False)


PERSONS_HELP = """Check the persons named in tei/ against the register.

Reports every per: pointer (persName/@ref, q/@who, person/@corresp, author/@ref) that is
not in the register (seeds/persons.toml), and every persName whose text is not one of its
person's registered forms, with its file and line.
"""


@main.command(help=PERSONS_HELP)
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def persons(root: str | None) -> None:
    from .convert.persons import check_mentions, gazetteer_for
    from .errors import ValidationError

    project = _project(root)
    manifest = load_manifest(project.manifest)
    paths = [project.tei / f"{source.id}.xml" for source in manifest.sources]
    problems = check_mentions(gazetteer_for(manifest), [p for p in paths if p.exists()])
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise ValidationError(f"{len(problems)} persName(s) do not match the person register")
    click.echo(f"{len(gazetteer_for(manifest).persons)} persons: every persName matches the register")
# ---------------------------------------------------------------- validate, manual

VALIDATE_HELP = """Check TEI files against the edition's schema and rules.

Checks each file (default: every tei/*.xml of the edition; a folder means its *.xml) against the
grammar schema/bukharin.rng and the rules schema/bukharin.sch, and reports every problem as
file:line:col: message [rule]. All files are checked even when one fails. Exits non-zero on any
error; warnings do not fail the run. With --format github (or when GITHUB_ACTIONS=true) problems
are written as GitHub annotations.
"""
MANUAL_HELP = """Write the encoding manual: every element and attribute the edition allows.

Generated from the schema's documentation (schema/bukharin.rnc, compiled to bukharin.rng), with
an example of each element taken from the edition's TEI files.
"""


@main.command(help=VALIDATE_HELP)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default=None,
              help="How to write problems (default: text, or github when GITHUB_ACTIONS=true).")
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def validate(paths: tuple[Path, ...], output_format: str | None, root: str | None) -> None:
    import os

    from .errors import ValidationError
    from .validate import validate as run_validation

    project = _project(root)
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    report = run_validation(list(paths) or [project.tei], project.schema, base=Path.cwd())
    for problem in report.problems:
        click.echo(problem.github() if output_format == "github" else problem.text(),
                   err=output_format != "github")
    if report.errors:
        raise ValidationError(report.summary())
    click.echo(report.summary())


@main.command(help=MANUAL_HELP)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the page (default: edition/encoding-manual.html).")
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def manual(out: Path | None, root: str | None) -> None:
    from .manual import write_manual

    project = _project(root)
    target = write_manual(project.schema, project.tei, out or project.edition / "encoding-manual.html")
    click.echo(f"wrote {target}")


FORMAT_HELP = """Rewrite TEI files in the edition's canonical layout.

Indentation, attribute order and line breaks between elements become the edition's; the text,
and every space inside a paragraph, stay exactly as they are (a file whose content would change
is refused). PATHS are files or folders (default: tei/). With --check nothing is written: the
files that would change are listed and the exit status is non-zero (for CI).
"""
DIFF_HELP = """Say what changed between two versions of a TEI file.

Blocks are matched by xml:id: added or removed blocks, changed text (the changed words in
context), changed attributes, phrase-level elements added or removed (notes, names, dates,
corrections), and header lines. With one file, compares it with its last committed version.
"""


@main.command("format", help=FORMAT_HELP)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--check", "check_only", is_flag=True, help="Write nothing; list the files that would change.")
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def format_command(paths: tuple[Path, ...], check_only: bool, root: str | None) -> None:
    from .formatting import format_file, tei_files

    targets = tei_files(list(paths) or [_project(root).tei])
    results = [format_file(path, check_only) for path in targets]
    for result in results:
        if result.action != "unchanged":
            click.echo(result.message or f"{result.action}  {result.path}", err=result.action == "error")
    errors = sum(r.action == "error" for r in results)
    pending = sum(r.action == "would reformat" for r in results)
    changed = sum(r.action == "reformatted" for r in results)
    click.echo(f"{len(results)} file(s): {changed} reformatted, {pending} would be, {errors} refused")
    if errors or pending:
        raise ValidationError(f"{errors + pending} file(s) not in the canonical layout")


@main.command("diff", help=DIFF_HELP)
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def diff_command(old: Path, new: Path | None) -> None:
    import subprocess

    from lxml import etree

    from .tei import parse_tei, safe_parser
    from .tei_diff import compare

    if new is None:
        shown = subprocess.run(["git", "show", f"HEAD:./{old.name}"], cwd=old.resolve().parent,
                               capture_output=True)
        if shown.returncode != 0:
            raise ValidationError(f"{old}: no committed version to compare with "
                                  f"({shown.stderr.decode(errors='replace').strip()})")
        before = etree.fromstring(shown.stdout, safe_parser())
        after = parse_tei(old).getroot()
    else:
        before, after = parse_tei(old).getroot(), parse_tei(new).getroot()
    changes = compare(before, after)
    for change in changes:
        click.echo(str(change))
    click.echo(f"{len(changes)} change(s)")
BUILD_HELP = """Build the published edition in edition/ from tei/.

For every source: a reading text, a diplomatic text and its notes and apparatus
(edition/<id>/reading.html, diplomatic.html, apparatus.html), a copy of its TEI file
(edition/tei/<id>.xml); and the index page (edition/index.html) with the shared CSS. Every
TEI file is read first; a file that is not well-formed is reported (file:line:column) and
left out, the rest is built, and the exit status is non-zero. Never converts: it reads tei/ only.
"""


@main.command(help=BUILD_HELP)
@click.option("--base-url", default="", help="The published edition's address (ending in /), for citations.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
              help="Worker processes (default 0: one per core, in process for under 200 files).")
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def build(base_url: str, jobs: int, root: str | None) -> None:
    from .build import build_edition, jobs_for
    from .errors import BuildError

    project = _project(root)
    if not (project.schema / "bukharin.rng").is_file():
        raise BuildError(f"{project.schema / 'bukharin.rng'}: the edition's schema is missing; "
                         "the build validates every file before it renders it")
    jobs = jobs_for(project.tei, jobs)
    if jobs > 1:
        from .build.parallel import build_parallel
        report = build_parallel(project.tei, project.xslt, project.edition, base_url=base_url,
                                schema_dir=project.schema, jobs=jobs)
    else:
        report = build_edition(project.tei, project.xslt, project.edition, base_url=base_url,
                               schema_dir=project.schema)
    for problem in report.problems:
        click.echo(problem, err=True)
    click.echo(f"{len(report.sources)} sources built into {project.edition} "
               f"({len(report.written)} files, {report.seconds:.2f} s)")
    if report.problems:
        raise BuildError(f"{len(report.problems)} problem(s); the files named were not built")
