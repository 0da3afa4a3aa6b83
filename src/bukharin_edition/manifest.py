"""Read and check the seed manifest: which lines of the received file make which source."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import ManifestError

ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# BCP 47 as the edition uses it: a language subtag, then script, region or variant subtags.
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
URL_SCHEMES = ("http", "https")
GENRES = (
    "biography",
    "source-collection",
    "encyclopedia-entry",
    "trial-record",
    "essay",
    "article",
    "abstract",
    "title-line",
)
REQUIRED = ("id", "lines", "title", "language", "genre", "profile", "facts", "added")
KNOWN_KEYS = set(REQUIRED) | {
    "title_printed",
    "authors",
    "translators",
    "editors",
    "editor_role",
    "website",
    "url",
    "published",
    "journal",
    "volume",
    "issue",
    "received",
    "options",
    "seed",
    "created",
    "accessed",
    "rights",
    "related",
}
RELATED_KEYS = {"relation", "title", "authors", "journal", "volume", "issue", "published", "language", "note"}
RELATIONS = ("original", "translation")


@dataclass(frozen=True)
class Related:
    """A work the source is related to: the original it translates or transcribes, a translation."""

    relation: str
    title: str
    authors: tuple[str, ...] = ()
    journal: str = ""
    volume: str = ""
    issue: str = ""
    published: str = ""
    language: str = ""
    note: str = ""


@dataclass(frozen=True)
class Source:
    """One source of the edition: a slice of the received file and its facts."""

    id: str
    first_line: int
    last_line: int
    title: str
    language: str
    genre: str
    profile: str
    facts: str
    added: dt.date
    title_printed: bool = True
    authors: tuple[str, ...] = ()
    translators: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    editor_role: str = ""
    website: str = ""
    url: str = ""
    published: str = ""
    journal: str = ""
    volume: str = ""
    issue: str = ""
    received: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    seed: str = ""  # the received file it is cut from ("": the main one, [seed])
    created: str = ""   # when the text was written, where known (ISO 8601)
    accessed: str = ""  # when the web page was read, where known (ISO 8601)
    rights: str = ""    # what is known of the rights in the text
    related: tuple[Related, ...] = ()


@dataclass(frozen=True)
class Seed:
    """One received file: kept byte for byte, checked by its SHA-256 on every run."""

    path: Path
    sha256: str
    description: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Manifest:
    """The checked manifest and the received file's lines."""

    path: Path
    seed_path: Path
    seed_sha256: str
    seed_description: str
    sources: tuple[Source, ...]
    seed_lines: tuple[str, ...]
    more_seeds: dict[str, Seed] = field(default_factory=dict, compare=False, hash=False)

    def seed_of(self, source: Source) -> Seed:
        """The received file a source is cut from (the main one unless its entry names another)."""
        if source.seed and source.seed in self.more_seeds:
            return self.more_seeds[source.seed]
        return Seed(self.seed_path, self.seed_sha256, self.seed_description, self.seed_lines)

    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        known = ", ".join(s.id for s in self.sources)
        raise ManifestError(f"no source '{source_id}' in {self.path.name} (known: {known})")

    def lines_of(self, source: Source) -> list[tuple[int, str]]:
        """Return the source's lines as (line number, text) pairs."""
        lines = self.seed_of(source).lines
        return [(number, lines[number - 1]) for number in range(source.first_line, source.last_line + 1)]

    def text_of(self, source: Source) -> str:
        """Return the source's slice of the received file, exactly."""
        return "\n".join(text for _, text in self.lines_of(source))


def date_problem(value: str, key: str = "published") -> str:
    """Why an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) of the manifest is refused ("" if it is not)."""
    if not DATE_PATTERN.match(value):
        return f"{key} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
    parts = [int(part) for part in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return f"{key} {value!r} is not a day of the calendar (check the month and the day)"
    return ""


def language_problem(value: str) -> str:
    """Why a language tag is refused ("" if it is not)."""
    if LANGUAGE_PATTERN.match(value):
        return ""
    return f"language {value!r} is not a BCP 47 language tag (e.g. 'en', 'ru', 'de-AT')"


def url_problem(value: str) -> str:
    """Why an address is refused ("" if it is not): only http and https are published as links."""
    scheme = re.match(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):", value)
    if scheme and scheme.group(1).lower() in URL_SCHEMES and value == value.strip() and "//" in value[:9]:
        return ""
    if scheme and scheme.group(1).lower() in URL_SCHEMES:
        return f"url {value!r} is not a full address: write it as https://host/path"
    if scheme:
        return (f"url {value!r} has a refused scheme '{scheme.group(1)}:': only http:// and https:// "
                "addresses are published as links")
    return f"url {value!r} is not an address: give it in full, starting with https:// (or http://)"


def read_seed_lines(data: bytes, seed_path: Path) -> tuple[str, ...]:
    """Split the received file into lines without changing any character."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{seed_path}: not UTF-8 at byte {exc.start}: the edition reads plain UTF-8 text "
                            "(convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8, or save it again as UTF-8)") from exc
    if text.endswith("\n"):
        text = text[:-1]
    return tuple(text.split("\n"))


def load_manifest(path: Path, profiles: Iterable[str] | None = None) -> Manifest:
    """Load the manifest and check it against the received file.

    Every problem found is reported at once, each naming its manifest entry.
    """
    path = Path(path)
    try:
        raw_text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ManifestError(f"{path}: cannot read the manifest ({exc.strerror})") from exc
    try:
        raw = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"{path}: not valid TOML: {exc}") from exc

    problems: list[str] = []
    seed = raw.get("seed")
    if not isinstance(seed, dict) or "file" not in seed or "sha256" not in seed:
        raise ManifestError(f"{path}: the manifest needs a [seed] table with 'file' and 'sha256'")
    main = _read_seed(path, seed, "[seed]")
    seed_path, digest, seed_lines = main.path, main.sha256, main.lines
    more_seeds: dict[str, Seed] = {}
    extra = raw.get("received", [])
    if not isinstance(extra, list) or not all(isinstance(e, dict) and "file" in e and "sha256" in e
                                              for e in extra):
        raise ManifestError(f"{path}: each [[received]] table needs 'file' and 'sha256'")
    for entry in extra:
        if entry["file"] == seed["file"] or entry["file"] in more_seeds:
            raise ManifestError(f"{path}: the received file {entry['file']} is declared twice")
        more_seeds[entry["file"]] = _read_seed(path, entry, f"[[received]] file '{entry['file']}'")
    line_counts = {"": len(seed_lines), **{name: len(s.lines) for name, s in more_seeds.items()}}

    entries = raw.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise ManifestError(f"{path}: the manifest has no [[source]] entries")
    known_profiles = set(profiles) if profiles is not None else None
    sources: list[Source] = []
    claimed: list[_Claim] = []  # the lines of entries refused for another reason: no gap is reported there
    for index, entry in enumerate(entries, start=1):
        where = _entry_location(path, raw_text, entry, index)
        try:
            sources.append(_read_source(entry, line_counts, known_profiles, seed["file"]))
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            claim = _claim(entry, line_counts, seed["file"])
            if claim:
                claimed.append(claim)

    problems += _coverage_problems(path, raw_text, [s for s in sources if not s.seed], seed_lines,
                                   claimed=[c for c in claimed if not c.seed])
    for name, extra_seed in more_seeds.items():
        cut = [s for s in sources if s.seed == name]
        problems += _coverage_problems(path, raw_text, cut, extra_seed.lines, name,
                                       claimed=[c for c in claimed if c.seed == name])
    main_ids = {s.id for s in sources if not s.seed}
    for source in sources:
        if source.seed and source.id in main_ids:
            where = _entry_location(path, raw_text, {"id": source.id}, 0)
            problems.append(f"{where}: the id is used by another entry too")
    if problems:
        raise ManifestError(
            f"{len(problems)} problem(s) in the manifest:\n" + "\n".join(f"  {p}" for p in problems)
        )
    return Manifest(
        path=path,
        seed_path=seed_path,
        seed_sha256=digest,
        seed_description=str(seed.get("description", "")),
        sources=tuple(sources),
        seed_lines=seed_lines,
        more_seeds=more_seeds,
    )


def _read_seed(path: Path, table: dict, name: str) -> Seed:
    """Read one received file and check it against the SHA-256 the manifest records."""
    seed_path = path.parent / table["file"]
    try:
        data = seed_path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"{path}: {name} file '{table['file']}' cannot be read ({exc.strerror})") from exc
    digest = hashlib.sha256(data).hexdigest()
    if digest != table["sha256"]:
        raise ManifestError(
            f"{path}: the received file {table['file']} has changed: its SHA-256 is {digest}, "
            f"the manifest records {table['sha256']}. The received file is never edited; "
            "restore it from version control."
        )
    return Seed(seed_path, digest, str(table.get("description", "")), read_seed_lines(data, seed_path))


def _entry_location(path: Path, raw_text: str, entry: Any, index: int) -> str:
    """Name an entry by its manifest line and id, for messages."""
    source_id = entry.get("id") if isinstance(entry, dict) else None
    if isinstance(source_id, str):
        match = re.search(rf'^id\s*=\s*"{re.escape(source_id)}"', raw_text, re.MULTILINE)
        if match:
            line = raw_text.count("\n", 0, match.start()) + 1
            return f"{path.name}:{line}: source '{source_id}'"
        return f"{path.name}: source '{source_id}'"
    return f"{path.name}: source entry #{index}"


def _read_source(entry: Any, line_counts: dict[str, int], profiles: set[str] | None,
                 main: str = "") -> Source:
    if not isinstance(entry, dict):
        raise ValueError("a [[source]] entry must be a table")
    seed_name = entry.get("seed", "")
    seed_name = "" if seed_name == main else seed_name
    if not isinstance(seed_name, str) or seed_name not in line_counts:
        known = ", ".join([main, *[n for n in line_counts if n]])
        raise ValueError(f"seed {seed_name!r} is not a received file of the manifest (known: {known})")
    line_count = line_counts[seed_name]
    missing = [key for key in REQUIRED if key not in entry]
    if missing:
        raise ValueError(f"missing key(s): {', '.join(missing)}")
    unknown = sorted(set(entry) - KNOWN_KEYS)
    if unknown:
        raise ValueError(f"unknown key(s): {', '.join(unknown)}")
    source_id = entry["id"]
    if not isinstance(source_id, str) or not ID_PATTERN.match(source_id):
        raise ValueError(f"id {source_id!r} must be lower-case words joined by hyphens")
    lines = entry["lines"]
    if (
        not isinstance(lines, list)
        or len(lines) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in lines)
    ):
        raise ValueError(f"lines must be [first, last], got {lines!r}")
    first, last = lines
    if first < 1 or last < first:
        raise ValueError(f"line range {first}–{last} is empty or starts before line 1")
    if last > line_count:
        raise ValueError(f"line range {first}–{last} runs past the end of the received file ({line_count} lines)")
    if entry["genre"] not in GENRES:
        raise ValueError(f"genre {entry['genre']!r} is not one of: {', '.join(GENRES)}")
    if profiles is not None and entry["profile"] not in profiles:
        raise ValueError(f"unknown profile {entry['profile']!r} (known: {', '.join(sorted(profiles))})")
    published = str(entry.get("published", ""))
    if published and date_problem(published):
        raise ValueError(date_problem(published))
    if language_problem(str(entry["language"])):
        raise ValueError(language_problem(str(entry["language"])))
    url = str(entry.get("url", ""))
    if url and url_problem(url):
        raise ValueError(url_problem(url))
    added = entry["added"]
    if not isinstance(added, dt.date):
        raise ValueError(f"added {added!r} must be a TOML date such as 2026-11-25")
    options = entry.get("options", {})
    if not isinstance(options, dict):
        raise ValueError("[source.options] must be a table")
    for key in ("created", "accessed"):
        if key in entry and not DATE_PATTERN.match(str(entry[key])):
            raise ValueError(f"{key} {entry[key]!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return Source(
        id=source_id,
        first_line=first,
        last_line=last,
        title=str(entry["title"]),
        language=str(entry["language"]),
        genre=str(entry["genre"]),
        profile=str(entry["profile"]),
        facts=str(entry["facts"]),
        added=added,
        title_printed=bool(entry.get("title_printed", True)),
        authors=tuple(entry.get("authors", ())),
        translators=tuple(entry.get("translators", ())),
        editors=tuple(entry.get("editors", ())),
        editor_role=str(entry.get("editor_role", "")),
        website=str(entry.get("website", "")),
        url=str(entry.get("url", "")),
        published=published,
        journal=str(entry.get("journal", "")),
        volume=str(entry.get("volume", "")),
        issue=str(entry.get("issue", "")),
        received=tuple(entry.get("received", ())),
        options=options,
        seed=seed_name,
        created=str(entry.get("created", "")),
        accessed=str(entry.get("accessed", "")),
        rights=str(entry.get("rights", "")),
        related=tuple(_read_related(item) for item in entry.get("related", ())),
    )


def _read_related(item: Any) -> Related:
    """One [[source.related]] table: relation (original or translation), title and the facts known."""
    if not isinstance(item, dict) or "relation" not in item or "title" not in item:
        raise ValueError("each [[source.related]] needs 'relation' and 'title'")
    unknown = sorted(set(item) - RELATED_KEYS)
    if unknown:
        raise ValueError(f"[[source.related]]: unknown key(s): {', '.join(unknown)}")
    if item["relation"] not in RELATIONS:
        raise ValueError(f"[[source.related]]: relation {item['relation']!r} is not one of: {', '.join(RELATIONS)}")
    published = str(item.get("published", ""))
    if published and not DATE_PATTERN.match(published):
        raise ValueError(f"[[source.related]]: published {published!r} is not an ISO date")
    return Related(relation=item["relation"], title=str(item["title"]), authors=tuple(item.get("authors", ())),
                   journal=str(item.get("journal", "")), volume=str(item.get("volume", "")),
                   issue=str(item.get("issue", "")), published=published,
                   language=str(item.get("language", "")), note=str(item.get("note", "")))


@dataclass(frozen=True)
class _Claim:
    """The line range of an entry refused for another reason (its lines are not orphans)."""

    seed: str
    first_line: int
    last_line: int


def _claim(entry: Any, line_counts: dict[str, int], main: str) -> _Claim | None:
    """The lines a refused entry names, when they can be read at all."""
    if not isinstance(entry, dict):
        return None
    seed_name = entry.get("seed", "")
    seed_name = "" if seed_name == main else seed_name
    lines = entry.get("lines")
    if (not isinstance(seed_name, str) or seed_name not in line_counts or not isinstance(lines, list)
            or len(lines) != 2 or not all(isinstance(n, int) and not isinstance(n, bool) for n in lines)):
        return None
    first, last = lines
    if first < 1 or last < first:
        return None
    return _Claim(seed_name, first, min(last, line_counts[seed_name]))


def _coverage_problems(
    path: Path, raw_text: str, sources: list[Source], seed_lines: tuple[str, ...], seed_name: str = "",
    claimed: list[_Claim] = (),
) -> list[str]:
    """Every non-blank line in exactly one source; ids unique; sources start and end on text."""
    problems: list[str] = []
    owner: dict[int, str] = {}
    for claim in claimed:
        for number in range(claim.first_line, claim.last_line + 1):
            owner.setdefault(number, "")
    seen_ids: set[str] = set()
    for index, source in enumerate(sources, start=1):
        where = _entry_location(path, raw_text, {"id": source.id}, index)
        if source.id in seen_ids:
            problems.append(f"{where}: the id is used by another entry too")
        seen_ids.add(source.id)
        for edge in (source.first_line, source.last_line):
            if not seed_lines[edge - 1].strip():
                problems.append(f"{where}: line {edge} is blank; a source starts and ends on a line of text")
        overlapped = False
        for number in range(source.first_line, source.last_line + 1):
            if owner.get(number):
                if not overlapped:  # once per entry; its other lines are still its own (no false gap)
                    problems.append(
                        f"{where}: lines {source.first_line}–{source.last_line} overlap source "
                        f"'{owner[number]}' at line {number}"
                    )
                overlapped = True
                continue
            owner[number] = source.id
    orphans = [n for n, text in enumerate(seed_lines, start=1) if text.strip() and n not in owner]
    for start, end in _runs(orphans):
        received = f"the received file {seed_name}" if seed_name else "the received file"
        span = f"line {start} of {received} belongs" if start == end else (
            f"lines {start}–{end} of {received} belong")
        problems.append(f"{path.name}: {span} to no source; add it to an entry or give it one of its own")
    return problems


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs
