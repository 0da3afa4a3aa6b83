"""`edition new-source`: add a source end to end — received file, manifest entry, TEI, checks, pages.

A new text is a new received file: it is copied into seeds/ byte for byte (seeds/<id>.txt) and
declared in the manifest by a [[received]] table with its SHA-256; the new [[source]] entry
names it with `seed`. The files already received are never edited.

All or nothing: the whole command runs in a transaction (transaction.py). The seed, the
manifest, the TEI file, tei/edition.xml and the built pages are made in a staging folder, the
manifest and the TEI checked there, the edition built there; only then is everything moved into
place. A refused option, invalid converter output, an error of the converter or of the build, a
Ctrl-C or a kill leaves seeds/, the manifest, tei/ and edition/ exactly as they were.

`replace` runs it again for a source that new-source added (another profile, or a new text):
its seed, manifest entry and TEI are replaced in one transaction. `preview` (--dry-run) encodes
the text in memory and counts what it would encode; it writes nothing at all.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConversionError, EditionError, ManifestError
from .manifest import GENRES, ID_PATTERN, date_problem, language_problem, load_manifest, read_seed_lines, url_problem
from .project import Project
from .tei import write_atomic
from .transaction import Transaction


@dataclass
class Entry:
    """What the editor says about the new source (the manifest's keys; see seeds/sources.toml).

    `profile` None: the profile is guessed from the text (convert/guess.py), and the reason said."""

    id: str
    title: str
    profile: str | None = "prose"
    genre: str = "essay"
    language: str = "en"
    facts: str = "Bibliographic facts as given by the editors who added the source."
    authors: list[str] = field(default_factory=list)
    website: str = ""
    url: str = ""
    published: str = ""
    added: dt.date = field(default_factory=dt.date.today)
    # Participants of a record declared beforehand: {id, name, role?} (see convert/transcript.py).
    participants: list[dict] = field(default_factory=list)

    def options(self) -> dict:
        return {"participants": self.participants} if self.participants else {}


def _toml(value) -> str:
    """A TOML value: strings as basic strings (JSON's escapes are TOML's), lists, dates."""
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def manifest_entry(entry: Entry, seed_name: str, sha256: str, lines: tuple[int, int]) -> str:
    """The [[received]] and [[source]] tables appended to the manifest for a new source."""
    received = [
        "", "[[received]]",
        f"file = {_toml(seed_name)}",
        f"sha256 = {_toml(sha256)}",
        f"description = {_toml(f'The text of {entry.title}, received on its own for the edition.')}",
    ]
    source = ["", "[[source]]", f"id = {_toml(entry.id)}", f"seed = {_toml(seed_name)}",
              f"lines = {_toml(list(lines))}", f"title = {_toml(entry.title)}"]
    for key in ("authors", "website", "url", "published"):
        value = getattr(entry, key)
        if value:
            source.append(f"{key} = {_toml(value)}")
    source += [f"language = {_toml(entry.language)}", f"genre = {_toml(entry.genre)}",
               f"profile = {_toml(entry.profile)}", f"facts = {_toml(entry.facts)}",
               f"added = {_toml(entry.added)}"]
    if entry.participants:
        tables = ", ".join("{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in p.items()) + " }"
                           for p in entry.participants)
        source += ["", "[source.options]", f"participants = [{tables}]"]
    return "\n".join(received + source) + "\n"


def check_entry(entry: Entry) -> None:
    """Refuse an entry before anything is done, naming every option that is wrong."""
    from .convert import PROFILES

    problems = []
    if not ID_PATTERN.match(entry.id):
        problems.append(f"--id {entry.id!r} must be lower-case words joined by hyphens (e.g. 'smith-essay')")
    if entry.profile is not None and entry.profile not in PROFILES:
        problems.append(f"--profile: unknown profile {entry.profile!r} (known: {', '.join(sorted(PROFILES))})")
    if entry.genre not in GENRES:
        problems.append(f"--genre: genre {entry.genre!r} is not one of: {', '.join(GENRES)}")
    if entry.published and date_problem(entry.published):
        problems.append(f"--published: {date_problem(entry.published)}")
    if language_problem(entry.language):
        problems.append(f"--language: {language_problem(entry.language)}")
    if entry.url and url_problem(entry.url):
        problems.append(f"--url: {url_problem(entry.url)}")
    if not entry.title.strip():
        problems.append("--title is empty")
    if problems:
        raise ManifestError("; ".join(problems) + "; nothing was written")


def read_text(text_file: Path) -> tuple[bytes, tuple[int, int]]:
    """The received text's bytes and its first and last lines of text."""
    try:
        data = Path(text_file).read_bytes()
    except OSError as exc:
        raise ManifestError(f"{text_file}: cannot read the text ({exc.strerror})") from exc
    if b"\0" in data:
        raise ManifestError(f"{text_file}: this is not a text file (it holds NUL bytes): give the source "
                            "as plain UTF-8 text")
    lines = read_seed_lines(data, Path(text_file))
    filled = [n for n, line in enumerate(lines, start=1) if line.strip()]
    if not filled:
        raise ManifestError(f"{text_file}: the text is empty")
    return data, (filled[0], filled[-1])


# ---------------------------------------------------------------- the manifest's text

_TABLE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(?:#.*)?$")


def without_source(text: str, source_id: str, seed_name: str) -> str:
    """The manifest's text without the [[source]] table of source_id (and its sub-tables) and the
    [[received]] table of seed_name; every other line as it is."""
    chunks: list[list[str]] = [[]]
    for line in text.splitlines(keepends=True):
        match = _TABLE.match(line)
        if match and not match.group(2).startswith("source."):  # [source.options], [[source.related]]
            chunks.append([])
        chunks[-1].append(line)
    kept = []
    for chunk in chunks:
        body = "".join(chunk)
        try:
            parsed = tomllib.loads(body)
        except tomllib.TOMLDecodeError:
            kept.append(body)
            continue
        sources, received = parsed.get("source", []), parsed.get("received", [])
        if (len(sources) == 1 and sources[0].get("id") == source_id) or (
                len(received) == 1 and received[0].get("file") == seed_name):
            continue
        kept.append(body)
    return "".join(kept)


# ---------------------------------------------------------------- the command

def add_source(project: Project, text_file: Path, entry: Entry, *, replace: bool = False,
               echo=print, verbosity: int = 1) -> None:
    """`edition new-source TEXT`: the text received, declared, converted, checked and built — or,
    on any failure, nothing changed."""
    check_entry(entry)
    data, lines = read_text(text_file)
    with _transaction(project) as (txn, shown):
        work = txn.project
        _declare(work, data, lines, entry, replace, echo)
        echo(f"   received  seeds/{entry.id}.txt (declared in {work.manifest.name})")
        build_source(work, entry.id, echo=lambda text: echo(shown(text)), verbosity=verbosity,
                     replace=replace, shown=shown)
        txn.commit()
    echo(f"{entry.id}: added to the edition")


def build_entry(project: Project, source_id: str, echo=print, verbosity: int = 1) -> None:
    """`edition new-source --entry ID`: a manifest entry written by hand, converted and built."""
    with _transaction(project) as (txn, shown):
        build_source(txn.project, source_id, echo=lambda text: echo(shown(text)), verbosity=verbosity,
                     shown=shown)
        txn.commit()


class _transaction:
    """The transaction of new-source, whose messages name the real files, not the staged ones."""

    def __init__(self, project: Project) -> None:
        self.txn = Transaction(project, "new-source", edition=True)

    def shown(self, text: str) -> str:
        return text.replace(str(self.txn.project.root), str(self.txn.real.root))

    def __enter__(self):
        self.txn.__enter__()
        return self.txn, self.shown

    def __exit__(self, kind, exc, tb):
        try:
            self.txn.__exit__(kind, exc, tb)
        except EditionError as error:  # a disk error, said in one line
            error.message = self.shown(error.message)
            raise
        if isinstance(exc, EditionError):
            exc.message = self.shown(exc.message)
            if "nothing was" not in exc.message:
                exc.message += "; nothing was changed"
            return False
        return False


def _declare(work: Project, data: bytes, lines: tuple[int, int], entry: Entry, replace: bool, echo) -> None:
    """Write the seed and the grown manifest into the staged project (checked before the build)."""
    from .convert import PROFILES, encode_shared
    from .convert.guess import guess_profile

    current = load_manifest(work.manifest, profiles=PROFILES)
    seed_name = f"{entry.id}.txt"
    seed = work.manifest.parent / seed_name
    known = {source.id: source for source in current.sources}
    text = work.manifest.read_text(encoding="utf-8")
    if entry.id in known and not replace:
        raise ManifestError(f"{work.manifest.name}: a source '{entry.id}' is already in the manifest; choose "
                            f"another id, run 'edition new-source --replace' to replace what new-source added, "
                            f"or 'edition new-source --entry {entry.id}' to build it")
    if replace:
        old = known.get(entry.id)
        if old is None:
            raise ManifestError(f"{work.manifest.name}: no source '{entry.id}' to replace (--replace replaces a "
                                "source that new-source added; leave it out to add a new one)")
        if old.seed != seed_name:
            raise ManifestError(f"{work.manifest.name}: source '{entry.id}' is cut from {old.seed or 'the main received file'}, "
                                f"not from a received file of its own: --replace replaces only a source that "
                                "new-source added")
        text = without_source(text, entry.id, seed_name)
        (work.tei / f"{entry.id}.xml").unlink(missing_ok=True)
    elif seed.exists():
        raise ManifestError(f"{seed.name}: a received file of this name exists already; the files in seeds/ "
                            "are never replaced: choose another id")
    if entry.profile is None:
        entry.profile, reason = guess_profile(list(enumerate(read_seed_lines(data, seed), start=1)))
        echo(f"    profile  {entry.profile} ({reason}; --profile chooses another)")
    shared_before = _shared_if_untouched(work, current)
    addition = manifest_entry(entry, seed_name, hashlib.sha256(data).hexdigest(), lines)
    write_atomic(seed, data)
    write_atomic(work.manifest, (text.rstrip("\n") + "\n" + addition).encode("utf-8"))
    grown = load_manifest(work.manifest, profiles=PROFILES)  # refuses a bad entry, naming it
    if shared_before:
        write_atomic(work.tei / "edition.xml", encode_shared(grown).data)


def _shared_if_untouched(project: Project, manifest) -> bool:
    """Whether tei/edition.xml is exactly what convert writes (then it may follow the manifest:
    it counts the sources and names the received files); edited by hand, it is left alone."""
    from .convert import encode_shared

    path = project.tei / "edition.xml"
    return path.is_file() and path.read_bytes() == encode_shared(manifest).data


REPORT = "please report it to the edition's maintainers with the text and the command"


def build_source(project: Project, source_id: str, echo=print, verbosity: int = 1, replace: bool = False,
                 shown=lambda text: text) -> None:
    """Convert the manifest's source, validate and check its TEI, and build the edition (in the
    folder of `project`: new-source's staged copy)."""
    from . import convert as converting
    from .fidelity import check_file
    from .validate import Validator

    manifest = load_manifest(project.manifest, profiles=converting.PROFILES)
    source = manifest.source(source_id)  # names the known ids if there is no such entry
    target = project.tei / f"{source_id}.xml"
    if target.exists() and not replace:
        raise EditionError(f"{shown(str(target))}: the source has a TEI file already; edit it, and run "
                           "'edition build' (or 'edition serve')")
    try:
        documents = [d for d in converting.encode_all(manifest, [source_id]) if d.path.stem == source_id]
    except EditionError:
        raise
    except Exception as exc:  # a bug of the converter, not the scholar's doing
        raise ConversionError(f"source '{source_id}': the converter ({source.profile}) failed: "
                              f"{type(exc).__name__}: {exc}; nothing was written; {REPORT}") from exc
    for document in documents:
        for warning in document.warnings:
            echo(f"warning: {warning}")
    for outcome in converting.write_documents(documents, project.tei, force=replace, allow_dirty=True):
        echo(f"{outcome.action:>11}  {outcome.path.relative_to(project.root)}")
    problems = [p for p in Validator(project.schema).check_file(target) if p.severity == "error"]
    if problems:
        first = "; ".join(shown(p.text()) for p in problems[:3])
        raise ConversionError(
            f"source '{source_id}' (profile {source.profile}): the converter produced invalid TEI; nothing was "
            f"written; please report it to the edition's maintainers with the text and the command (this is a "
            f"fault of the converter, not of the text). First of {len(problems)} error(s): {first}")
    mismatch = check_file(manifest, target)
    if mismatch:
        raise ConversionError(f"source '{source_id}': the converter ({source.profile}) did not keep the text "
                              f"as received; nothing was written; {REPORT}. {shown(str(mismatch))}")
    echo(f"tei/{source_id}.xml: valid, and its diplomatic text equals the received text")
    _build(project, echo, verbosity, shown)


def _build(project: Project, echo, verbosity: int, shown) -> None:
    """Build the edition incrementally, as `edition build` does, its messages naming the real files."""
    from .publish import build_edition, jobs_for
    from .errors import BuildError
    from .progress import Progress

    class Shown(Progress):
        def __call__(self, event: str, detail: str) -> None:
            super().__call__(event, shown(detail))

    progress = Shown(2 * len(list(project.tei.glob("*.xml"))) + 2, verbosity)
    report = build_edition(project.tei, project.xslt, project.edition, schema_dir=project.schema,
                           progress=progress, jobs=jobs_for(project.tei, 0))
    progress.close()
    for problem in report.problems:
        echo(problem)
    if report.problems:
        raise BuildError(f"the build failed ({len(report.problems)} problem(s)); nothing was written")
    if verbosity:
        echo(f"{len(report.sources)} sources built: {len(report.rebuilt)} task(s) run, {report.up_to_date} "
             f"up to date ({report.seconds:.2f} s)")


# ---------------------------------------------------------------- --dry-run

def preview(project: Project, text_file: Path, entry: Entry, replace: bool = False) -> tuple[str, str, dict[str, int]]:
    """Encode the text in memory as new-source would; return (profile, why, counts). Writes nothing."""
    from .convert import PROFILES
    from .convert.persons import gazetteer_for
    from .convert.preview import encode_text
    from .convert.summary import summarize

    check_entry(entry)
    data, _ = read_text(text_file)
    manifest = load_manifest(project.manifest, profiles=PROFILES)
    if replace:
        manifest = dataclasses.replace(
            manifest, sources=tuple(s for s in manifest.sources if s.id != entry.id),
            more_seeds={k: v for k, v in manifest.more_seeds.items() if k != f"{entry.id}.txt"})
    elif any(source.id == entry.id for source in manifest.sources):
        raise ManifestError(f"{project.manifest.name}: a source '{entry.id}' is already in the manifest "
                            "(with --replace, the dry run shows what replacing it would encode)")
    facts = dict(language=entry.language, genre=entry.genre, authors=tuple(entry.authors),
                 website=entry.website, url=entry.url, published=entry.published, options=entry.options())
    try:
        shown = encode_text(manifest, data, entry.id, entry.title, entry.profile, **facts)
    except EditionError:
        raise
    except Exception as exc:
        raise ConversionError(f"{text_file}: the converter failed: {type(exc).__name__}: {exc}; {REPORT}") from exc
    register = {f"per:{person.id}" for person in gazetteer_for(shown.manifest).persons}
    return shown.profile, shown.reason, summarize(shown.converted.root, register)
