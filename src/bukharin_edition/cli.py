"""The `edition` command: thin click commands, each calling one function."""
from __future__ import annotations

from pathlib import Path

import click

from .errors import ConversionError, FidelityError, ValidationError
from .manifest import load_manifest
from .progress import verbosity_options
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
    """The edition's folders; a leftover of an interrupted command is finished or undone first."""
    from .transaction import recover

    project = Project(Path(root).resolve()) if root else Project.find()
    recover(project.root, echo=lambda line: click.echo(line, err=True))
    return project


def _project_of(path: Path) -> Project | None:
    """The edition a file belongs to (None outside any: its files are then written one by one)."""
    from .transaction import recover

    path = Path(path).resolve()
    try:
        project = Project.find(path if path.is_dir() else path.parent)
    except click.ClickException:
        return None
    recover(project.root, echo=lambda line: click.echo(line, err=True))
    return project


class _Group(click.Group):
    """Errors of the disk (full, read-only, …) as one line naming the file, never a traceback."""

    def invoke(self, ctx):
        from .errors import EditionError
        from .transaction import describe_os_error

        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise  # the reader of the output went away (`edition dates | head`): not the disk
        except OSError as exc:
            where = exc.filename or "the edition's folder"
            raise EditionError(f"{where}: {describe_os_error(exc, 'read or write it')}") from exc


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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
    from . import convert as converting  # imported here: a no-op build must not pay for it

    project = _project(root)
    manifest = load_manifest(project.manifest, profiles=converting.PROFILES)
    documents = converting.encode_all(manifest, list(sources) or None)
    for document in documents:
        for warning in document.warnings:
            click.echo(f"warning: {warning}", err=True)
    from .transaction import Transaction

    with Transaction(project, "convert", workspace=False) as txn:  # every file written, or none
        outcomes = converting.write_documents(documents, project.tei, force=force, with_diff=with_diff,
                                              allow_dirty=allow_dirty, writer=txn.stage)
        txn.commit()
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
    from . import fidelity

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

With --candidates, lists instead the names the sources print that the register lacks
(persName without @ref), a candidate a surname with its forms and where each occurs, for the
sources named (default: all); with --accept, appends them to seeds/persons.toml as entries for
the editors to review.
"""


@main.command(help=PERSONS_HELP)
@click.argument("sources", nargs=-1)
@click.option("--candidates", is_flag=True, help="List the names the register lacks, with context.")
@click.option("--accept", is_flag=True, help="Append the candidates to seeds/persons.toml for review.")
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def persons(sources: tuple[str, ...], candidates: bool, accept: bool, root: str | None) -> None:
    from .convert.persons import check_mentions, gazetteer_for
    from .errors import ValidationError

    project = _project(root)
    manifest = load_manifest(project.manifest)
    chosen = [manifest.source(name) for name in sources] if sources else manifest.sources
    paths = [project.tei / f"{source.id}.xml" for source in chosen]
    if candidates or accept:
        _candidates(project, [p for p in paths if p.exists()], accept)
        return
    if sources:
        raise click.UsageError("name sources only with --candidates or --accept")
    problems = check_mentions(gazetteer_for(manifest), [p for p in paths if p.exists()])
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise ValidationError(f"{len(problems)} persName(s) do not match the person register")
    click.echo(f"{len(gazetteer_for(manifest).persons)} persons: every persName matches the register")


def _candidates(project, paths, accept: bool) -> None:
    from .convert import candidates as proposing
    from .convert.persons import REGISTER_FILE

    found = proposing.find_candidates(paths)
    for candidate in found:
        forms = ", ".join(f"{form} ({count})" for form, count in candidate.forms.most_common())
        click.echo(f"{candidate.standard}: {forms}")
        for file, line, context in candidate.places[:3]:
            click.echo(f"  tei/{file}:{line}: {context}")
        if len(candidate.places) > 3:
            click.echo(f"  … and {len(candidate.places) - 3} more")
    click.echo(f"{len(found)} name(s) not in the register")
    if accept:
        register = project.manifest.parent / REGISTER_FILE
        added = proposing.accept(register, found)
        click.echo(f"{added} entr{'y' if added == 1 else 'ies'} added to {register.relative_to(project.root)} "
                   "for review (role, dates and identification to be checked)")
# ---------------------------------------------------------------- validate, manual

VALIDATE_HELP = """Check TEI files against the edition's schema and rules.

Checks each file (default: every tei/*.xml of the edition; a folder means its *.xml) against the
grammar schema/bukharin.rng and the rules schema/bukharin.sch (TEI's and the edition's, run as
the compiled schema/bukharin.sch.xsl), all generated from schema/bukharin.odd, and reports every problem as
file:line:col: message [rule]. All files are checked even when one fails. Exits non-zero on any
error; warnings do not fail the run. With --format github (or when GITHUB_ACTIONS=true) problems
are written as GitHub annotations.
"""
MANUAL_HELP = """Write the encoding manual: every element, attribute and value the edition allows.

Made from the ODD (schema/bukharin.odd: modules, remarks, examples, rules) and the grammar and
rules it compiles to (descriptions, value lists, TEI's inherited rules), with an example of each
element taken from the edition's TEI files.
"""
SCHEMA_HELP = """Generate the schema from the ODD: schema/bukharin.rng, .sch and .sch.xsl.

Compiles schema/bukharin.odd over TEI P5 with the TEI Stylesheets' ODD processors and the ISO
Schematron skeleton of the offline toolchain folder (BUKHARIN_TEI_ODD, or --toolchain; default
../shared/reference/tei-odd beside the repository). The generated files are committed: the
edition, its tests and editors' tools need nothing else. With --check nothing is written and the
files that differ from what the ODD compiles to are listed (exit status 1).
"""


@main.command(help=VALIDATE_HELP)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "github"]), default=None,
              help="How to write problems (default: text, or github when GITHUB_ACTIONS=true).")
@verbosity_options
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def validate(paths: tuple[Path, ...], output_format: str | None, verbosity: int, root: str | None) -> None:
    import os
    import time

    from .errors import ValidationError
    from .progress import Progress
    from .validate import expand_paths
    from .validate import validate as run_validation

    project = _project(root)
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    started = time.perf_counter()
    targets = list(paths) or [project.tei]
    progress = Progress(len(expand_paths(targets)), verbosity if output_format == "text" else 0)
    report = run_validation(targets, project.schema, base=Path.cwd(), progress=progress)
    progress.close()
    for problem in report.problems:
        click.echo(problem.github() if output_format == "github" else problem.text(),
                   err=output_format != "github")
    if report.errors:
        raise ValidationError(report.summary())
    if verbosity:
        click.echo(f"{report.summary()} ({time.perf_counter() - started:.2f} s)")


@main.command("schema", help=SCHEMA_HELP)
@click.option("--toolchain", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The TEI ODD toolchain folder (default: $BUKHARIN_TEI_ODD or ../shared/reference/tei-odd).")
@click.option("--check", is_flag=True, help="Only say which generated files differ from the ODD's output.")
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def schema_command(toolchain: Path | None, check: bool, root: str | None) -> None:
    from .errors import ValidationError
    from .schema import generate, toolchain_dir

    project = _project(root)
    differ = generate(project.schema, toolchain or toolchain_dir(project.root), check=check)
    if check and differ:
        raise ValidationError(f"{', '.join(differ)}: not what schema/bukharin.odd compiles to; run edition schema")
    verb = "differ" if check else "written"
    click.echo(f"{', '.join(differ)} {verb}" if differ else "the schema is what schema/bukharin.odd compiles to")


@main.command(help=MANUAL_HELP)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the page (default: edition/encoding-manual.html).")
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def manual(out: Path | None, root: str | None) -> None:
    from .manual import write_manual

    project = _project(root)
    target = write_manual(project.schema, project.tei, out or project.edition / "encoding-manual.html",
                          project.xslt)
    click.echo(f"wrote {target}")


FORMAT_HELP = """Rewrite TEI files in the edition's canonical layout.

Indentation, attribute order and line breaks between elements become the edition's; the text,
and every space inside a paragraph, stay exactly as they are (a file whose content would change
is refused). PATHS are files or folders (default: tei/). Every file is rewritten or none (an
error, Ctrl-C or a kill leaves each as it was). With --check nothing is written: the files that
would change are listed and the exit status is non-zero (for CI).
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

    from .transaction import Transaction

    project = _project(root) if root or not paths else _project_of(paths[0])
    targets = tei_files(list(paths) or [project.tei])
    if check_only or project is None:
        results = [format_file(path, check_only) for path in targets]
    else:  # every file reformatted, or none (an error, Ctrl-C, a kill: each file as it was)
        with Transaction(project, "format", workspace=False) as txn:
            results = [format_file(path, check_only, writer=txn.stage) for path in targets]
            txn.commit()
    for result in results:
        if result.action != "unchanged":
            click.echo(result.message or f"{result.action}  {result.path}", err=result.action == "error")
    errors = sum(r.action == "error" for r in results)
    pending = sum(r.action == "would reformat" for r in results)
    changed = sum(r.action == "reformatted" for r in results)
    click.echo(f"{len(results)} file(s): {changed} reformatted, {pending} would be, {errors} refused")
    if errors or pending:
        raise ValidationError(f"{errors + pending} file(s) not in the canonical layout")


def _tei_root(path: Path):
    """A TEI file's root, or a one-line error naming the file (diff compares TEI files only)."""
    from .tei import local_name, parse_tei

    root = parse_tei(path).getroot()
    if local_name(root) != "TEI":
        raise ValidationError(f"{path}:{root.sourceline}: not a TEI document (its root is <{local_name(root)}>): "
                              "edition diff compares two versions of a TEI file of the edition")
    return root


@main.command("diff", help=DIFF_HELP)
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def diff_command(old: Path, new: Path | None) -> None:
    import subprocess

    from lxml import etree

    from .tei import safe_parser
    from .tei_diff import compare

    if new is None:
        shown = subprocess.run(["git", "show", f"HEAD:./{old.name}"], cwd=old.resolve().parent,
                               capture_output=True)
        if shown.returncode != 0:
            raise ValidationError(f"{old}: no committed version to compare with "
                                  f"({shown.stderr.decode(errors='replace').strip()})")
        after = _tei_root(old)
        try:
            before = etree.fromstring(shown.stdout, safe_parser())
        except etree.XMLSyntaxError as exc:
            raise ValidationError(f"{old} (last commit):{exc.position[0]}:{exc.position[1]}: the committed "
                                  "version is not well-formed XML: give two files to compare "
                                  "(edition diff OLD NEW)") from exc
    else:
        before, after = _tei_root(old), _tei_root(new)
    changes = compare(before, after)
    for change in changes:
        click.echo(str(change))
    click.echo(f"{len(changes)} change(s)")
BUILD_HELP = """Build the published edition in edition/ from tei/.

For every source: a reading text, a diplomatic text and its notes and apparatus
(edition/<id>/reading.html, diplomatic.html, apparatus.html), a copy of its TEI file
(edition/tei/<id>.xml); a parallel view (parallel.html) and a plain text (edition/text/<id>.txt);
the index page (edition/index.html) with the shared CSS; the person pages (edition/persons/),
the chronology, the search page with its Pagefind index, the static DTS files (edition/dts/) and
the encoding manual. With --pdf (the default) also the printed edition:
edition/pdf/<id>.pdf (reading text, footnotes), edition/pdf/<id>-diplomatic.pdf and
edition/pdf/edition.pdf (all sources, contents, apparatus, index of persons); --no-pdf skips
them (the HTML build takes seconds, the PDFs a minute). Every
TEI file is read first; a file that is not well-formed is reported (file:line:column) and
left out, the rest is built, and the exit status is non-zero. Never converts: it reads tei/ only.

Incremental: only what changed since the last build is redone (the hashes of its inputs are kept
in edition/.build-state.json); a stylesheet or CSS change rebuilds every page, a TEI change that
source's pages (and the index if its header changed), a person register change the pages that
mention the changed persons. --full rebuilds everything.
"""


@main.command(help=BUILD_HELP)
@click.option("--base-url", default="", help="The published edition's address (ending in /), for citations.")
@click.option("--full", is_flag=True, help="Rebuild everything, not only what changed since the last build.")
@click.option("--pdf/--no-pdf", default=True, show_default=True,
              help="Also typeset the PDFs (edition/pdf/); unchanged sources are not laid out again.")
@click.option("--jobs", "-j", default=0, type=click.IntRange(0, 256),
              help="Worker processes for the pages of each source (default 0: one per core for a "
                   "corpus of 200 files or more, else none).")
@click.option("--executor", type=click.Choice(["processes", "dask"]), default="processes", show_default=True,
              help="Where the pages of each source and the pages over every source are made: the "
                   "local worker processes, or a Dask cluster (see README, Speed at scale).")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --executor dask: the cluster's scheduler (tcp://HOST:8786); none: a local "
                   "cluster of --jobs workers.")
@verbosity_options
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def build(base_url: str, full: bool, pdf: bool, jobs: int, executor: str, scheduler: str | None,
          verbosity: int, root: str | None) -> None:
    from .publish import run_build

    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler names a Dask scheduler: give --executor dask too")
    run_build(_project(root), base_url=base_url, full=full, verbosity=verbosity, pdf=pdf, jobs=jobs,
              executor=executor, scheduler=scheduler)


SERVE_HELP = """Preview the edition while editing it: build, serve, watch, rebuild, reload.

Builds edition/ (only what changed), serves it at http://127.0.0.1:PORT/ and watches tei/,
xslt/, schema/ and seeds/. On every change it validates and rebuilds what depends on the
change, and the page open in the browser reloads itself. A change that breaks validation is
reported (file:line:col: message) here and over the page, and the last good page stays.
Serves only the files of edition/, on the loopback interface unless --host is given.
"""


@main.command(help=SERVE_HELP)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="The port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The interface to listen on; another than loopback exposes the preview to the network.")
@click.option("--interval", default=0.2, show_default=True, type=click.FloatRange(0.05, 10),
              help="Seconds between two looks at the watched folders.")
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def serve(port: int, host: str, interval: float, root: str | None) -> None:
    from .serve import serve as run_server

    run_server(_project(root), host=host, port=port, interval=interval, echo=click.echo)


def _participant(spec: str) -> dict:
    """'--participant president=V. V. Ul’rikh=judge' as the manifest's participant table."""
    import re

    from .errors import EditionError

    parts = [part.strip() for part in spec.split("=")]
    if len(parts) not in (2, 3) or not re.fullmatch(r"[a-z][a-z0-9-]*", parts[0]) or not parts[1]:
        raise EditionError(f"--participant {spec!r}: write ID=NAME or ID=NAME=ROLE, the id in lower case "
                           "(the label's word, e.g. president=V. V. Ul’rikh=judge)")
    return dict(zip(("id", "name", "role"), parts))


NEW_SOURCE_HELP = """Add a source to the edition, end to end, or nothing at all.

From a text file: copies it into seeds/<ID>.txt byte for byte (a new received file; the files
received before are never edited), declares it in the manifest with its SHA-256 and a [[source]]
entry made from the options, then converts the source, validates its TEI file, checks it against
the text and builds the edition. Everything is done in a staging folder and moved into place
last: a refused option, invalid converter output, a failed build, Ctrl-C or a kill leaves
seeds/, the manifest, tei/ and edition/ as they were. Without --profile, the profile is guessed
from the text and the reason said. --replace does it again for a source new-source added (its
seed, entry and TEI replaced: commit an edited TEI file first). --dry-run encodes the text in
memory, counts what it would encode and writes nothing. With --entry ID instead of a file, does
the same for a manifest entry the editors wrote themselves.
"""


@main.command("new-source", help=NEW_SOURCE_HELP)
@click.argument("text_file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--id", "source_id", help="The source's id, also its file names (lower-case words and hyphens).")
@click.option("--title", help="The source's title.")
@click.option("--profile", default=None, help="The converter profile (default: guessed from the text).")
@click.option("--genre", default="essay", show_default=True, help="The genre (see seeds/sources.toml).")
@click.option("--language", default="en", show_default=True, help="The text's language (BCP 47).")
@click.option("--author", "authors", multiple=True, help="An author, as the source names them (repeatable).")
@click.option("--website", default="", help="The publishing website or publisher.")
@click.option("--url", default="", help="The original address (http:// or https://).")
@click.option("--published", default="", help="The date of publication (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--facts", default=None, help="Where the bibliographic facts come from.")
@click.option("--participant", "participants", multiple=True, metavar="ID=NAME[=ROLE]",
              help="A participant of a record whom its labels name (repeatable), e.g. "
                   "'president=V. V. Ul’rikh=judge'; linked to the register by name.")
@click.option("--replace", is_flag=True, help="Replace the source of this id that new-source added.")
@click.option("--dry-run", is_flag=True, help="Show what would be encoded; write nothing.")
@click.option("--entry", "entry_id", default=None, help="Build the manifest's entry ID (no text file).")
@verbosity_options
@click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)
def new_source(text_file: Path | None, source_id: str | None, title: str | None, profile: str | None,
               genre: str, language: str, authors: tuple[str, ...], website: str, url: str, published: str,
               facts: str | None, participants: tuple[str, ...], replace: bool, dry_run: bool,
               entry_id: str | None, verbosity: int, root: str | None) -> None:
    from .errors import EditionError
    from .new_source import Entry, add_source, build_entry, preview

    project = _project(root)
    if entry_id:
        if text_file is not None:
            raise EditionError("give either a text file (with --id and --title) or --entry, not both")
        if dry_run or replace:
            raise EditionError("--dry-run and --replace go with a text file, not with --entry")
        return build_entry(project, entry_id, echo=click.echo, verbosity=verbosity)
    if text_file is None or not source_id or not title:
        raise EditionError("a new source needs its text file, --id and --title (or --entry ID)")
    entry = Entry(id=source_id, title=title, profile=profile, genre=genre, language=language,
                  authors=list(authors), website=website, url=url, published=published,
                  participants=[_participant(spec) for spec in participants])
    if facts:
        entry.facts = facts
    if dry_run:
        from .convert.summary import FEATURES

        chosen, why, counts = preview(project, text_file, entry, replace=replace)
        hint = "" if profile else "; --profile chooses another"
        click.echo(f"{source_id}: profile {chosen} ({why}{hint}); nothing was written")
        for feature in FEATURES:
            click.echo(f"{feature:>14}  {counts[feature]}")
        return
    add_source(project, text_file, entry, replace=replace, echo=click.echo, verbosity=verbosity)
