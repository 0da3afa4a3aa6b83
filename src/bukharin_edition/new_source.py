"""`edition new-source`: add a source end to end — received file, manifest entry, TEI, checks, pages.

A new text is a new received file: it is copied into seeds/ byte for byte (seeds/<id>.txt) and
declared in the manifest by a [[received]] table with its SHA-256; the new [[source]] entry
names it with `seed`. The files already received are never edited. The manifest is checked
before it replaces the old one, so a refused entry leaves seeds/ and the manifest as they were.
Then the source is converted, its TEI file validated and checked against its text, and the
edition built (only what changed).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EditionError, ManifestError, ValidationError
from .manifest import DATE_PATTERN, GENRES, ID_PATTERN, load_manifest, read_seed_lines
from .project import Project
from .tei import write_atomic


@dataclass
class Entry:
    """What the editor says about the new source (the manifest's keys; see seeds/sources.toml)."""

    id: str
    title: str
    profile: str = "prose"
    genre: str = "essay"
    language: str = "en"
    facts: str = "Bibliographic facts as given by the editors who added the source."
    authors: list[str] = field(default_factory=list)
    website: str = ""
    url: str = ""
    published: str = ""
    added: dt.date = field(default_factory=dt.date.today)


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
    return "\n".join(received + source) + "\n"


def add_received(project: Project, text_file: Path, entry: Entry) -> Path:
    """Copy the text into seeds/ and declare it and the source in the manifest (checked first)."""
    from .convert import PROFILES

    if not ID_PATTERN.match(entry.id):
        raise ManifestError(f"id {entry.id!r} must be lower-case words joined by hyphens (e.g. 'smith-essay')")
    if entry.profile not in PROFILES:
        raise ManifestError(f"unknown profile {entry.profile!r} (known: {', '.join(sorted(PROFILES))})")
    if entry.genre not in GENRES:
        raise ManifestError(f"genre {entry.genre!r} is not one of: {', '.join(GENRES)}")
    if entry.published and not DATE_PATTERN.match(entry.published):
        raise ManifestError(f"published {entry.published!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    current = load_manifest(project.manifest, profiles=PROFILES)
    if any(source.id == entry.id for source in current.sources):
        raise ManifestError(f"{project.manifest.name}: a source '{entry.id}' is already in the manifest; "
                            f"choose another id, or run 'edition new-source --entry {entry.id}' to build it")
    data = Path(text_file).read_bytes()
    lines = read_seed_lines(data, Path(text_file))
    filled = [n for n, line in enumerate(lines, start=1) if line.strip()]
    if not filled:
        raise ManifestError(f"{text_file}: the text is empty")
    seed = project.manifest.parent / f"{entry.id}.txt"
    if seed.exists():
        raise ManifestError(f"{seed}: a received file of this name exists already; the files in seeds/ "
                            "are never replaced: choose another id")
    shared_before = _shared_if_untouched(project, current)
    addition = manifest_entry(entry, seed.name, hashlib.sha256(data).hexdigest(), (filled[0], filled[-1]))
    old = project.manifest.read_text(encoding="utf-8")
    trial = project.manifest.parent / f".{project.manifest.name}.new"
    write_atomic(seed, data)
    try:
        trial.write_text(old.rstrip("\n") + "\n" + addition, encoding="utf-8")
        load_manifest(trial, profiles=PROFILES)  # refuses a bad entry, naming it
        trial.replace(project.manifest)
    except ManifestError as exc:
        seed.unlink(missing_ok=True)
        trial.unlink(missing_ok=True)
        raise ManifestError(exc.message.replace(trial.name, project.manifest.name)) from exc
    except BaseException:
        seed.unlink(missing_ok=True)
        trial.unlink(missing_ok=True)
        raise
    if shared_before:
        from .convert import encode_shared

        write_atomic(project.tei / "edition.xml", encode_shared(load_manifest(project.manifest)).data)
    return seed


def _shared_if_untouched(project: Project, manifest) -> bool:
    """Whether tei/edition.xml is exactly what convert writes (then it may follow the manifest:
    it counts the sources and names the received files); edited by hand, it is left alone."""
    from .convert import encode_shared

    path = project.tei / "edition.xml"
    return path.is_file() and path.read_bytes() == encode_shared(manifest).data


def build_source(project: Project, source_id: str, echo=print, verbosity: int = 1) -> None:
    """Convert the manifest's source, validate and check its TEI, and build the edition."""
    from . import convert as converting
    from .build import run_build
    from .fidelity import check_file
    from .validate import Validator

    manifest = load_manifest(project.manifest, profiles=converting.PROFILES)
    manifest.source(source_id)  # names the known ids if there is no such entry
    target = project.tei / f"{source_id}.xml"
    if target.exists():
        raise EditionError(f"{target}: the source has a TEI file already; edit it, and run "
                           "'edition build' (or 'edition serve')")
    documents = [d for d in converting.encode_all(manifest, [source_id]) if d.path.stem == source_id]
    for document in documents:
        for warning in document.warnings:
            echo(f"warning: {warning}")
    for outcome in converting.write_documents(documents, project.tei):
        echo(f"{outcome.action:>11}  {outcome.path.relative_to(project.root)}")
    problems = [p for p in Validator(project.schema).check_file(target) if p.severity == "error"]
    for problem in problems:
        echo(problem.text())
    if problems:
        raise ValidationError(f"{target}: {len(problems)} error(s); fix the TEI file, then run 'edition build'")
    mismatch = check_file(manifest, target)
    if mismatch:
        raise ValidationError(str(mismatch))
    echo(f"{target.relative_to(project.root)}: valid, and its diplomatic text equals the received text")
    run_build(project, verbosity=verbosity)
