"""Persons: the register (seeds/persons.toml → tei/persons.xml) and the recognizer of names.

Recognition is the gazetteer plus rules, no model: every form of a registered name that
occurs in a block becomes <persName ref="per:ID">form</persName>. A form matches as a whole
word and case-sensitively, the longest form first ("Lev Kamenev" before "Kamenev"), so
derived words (Leninism, Trotskyites, Stalinist) and pronouns are never tagged and a
possessive ("Stalin’s") tags only the name. Phrases listed as exclusions are left alone.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import ConversionError
from ..tei import TEI_NS, element, new_document, sub
from .datafile import DataFile
from .header import EDITION_TITLE, prefix_defs
from . import names
from .inline import DataRecognizer, Found, Recognizer, SkippingPattern, fill_nested

REGISTER_FILE = "persons.toml"
PREFIX = "per"
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
BASES = {"corpus": "the sources of the edition", "reference": "common reference knowledge, supplied by the editors"}
APOSTROPHES = "’'"


@dataclass(frozen=True)
class Person:
    """One real person of the register."""

    id: str
    standard: str
    forms: tuple[str, ...]
    role: str
    line: int
    birth: str = ""
    birth_basis: str = ""
    death: str = ""
    death_basis: str = ""
    note: str = ""


@dataclass
class Gazetteer:
    """The person register: persons, the form → person map, and the recognizing pattern."""

    path: Path
    persons: tuple[Person, ...] = ()
    exclusions: tuple[str, ...] = ()
    by_form: dict[str, str] = field(default_factory=dict)
    _surnames: dict[str, str] | None = field(default=None, repr=False)

    def person(self, ident: str) -> Person | None:
        return next((p for p in self.persons if p.id == ident), None)

    def pattern(self) -> SkippingPattern:
        """The pattern of every registered form, longest first, as whole words (exact forms only)."""
        forms = sorted(self.by_form, key=lambda form: (-len(form), form))
        if not forms:
            return SkippingPattern(re.compile(r"(?!)"))
        alternatives = "|".join(_form_regex(form) for form in forms)
        exclusions = [re.compile(re.escape(phrase)) for phrase in self.exclusions]
        return SkippingPattern(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), exclusions)

    def finder(self) -> SkippingPattern:
        """The pattern of person names: registered or not, whole as printed (see NameFinder)."""
        exclusions = [re.compile(re.escape(phrase)) for phrase in self.exclusions]
        return SkippingPattern(NameFinder(self), exclusions)

    def find_persons(self, text: str) -> list[tuple[int, int, str]]:
        """Every registered person named in a text: (start, end, person id), for quotations."""
        return [(m.start(), m.end(), m.person) for m in self.finder().finditer(text) if m.person]

    def person_of(self, text: str) -> str:
        """Return the id of the person a matched form names."""
        return self.by_form[normalize_form(text)]

    def identify(self, name: str) -> str | None:
        """The register's person that a whole name as printed names (a form, or a form with
        forenames and initials before it, or another transliteration of a surname)."""
        found = NameFinder(self).search(name)
        if found is None or found.start() != 0 or found.end() != len(name):
            return None
        return found.person

    def surnames(self) -> dict[str, str]:
        """Transliteration keys of the register's surnames that name one person only: the
        one-word forms, and the last word of forms made of forenames or initials and a surname."""
        if self._surnames is None:
            owners: dict[str, set[str]] = {}
            for person in self.persons:
                for form in person.forms:
                    words = form.split()
                    given = words[:-1]
                    surname = words[-1]
                    if len(surname) < 3 or _ROMAN.match(surname):
                        continue
                    if all(names.is_forename(w) or names.is_initials(w) or names.is_patronymic(w) for w in given):
                        owners.setdefault(names.translit_key(surname), set()).add(person.id)
            self._surnames = {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}
        return self._surnames


class NameMatch(Found):
    """A person's name found in a text, with the register's person it names (None: unregistered)."""

    def __init__(self, string: str, start: int, end: int, person: str | None):
        super().__init__(string, start, end)
        self.person = person


_UPPER, _LOWER = "A-ZÀ-ÖØ-ÞА-ЯЁ", "a-zß-öø-ÿа-яё"
_WORD = (rf"(?:Mc|Mac|O’|O')?[{_UPPER}](?:[{_LOWER}’']*[{_LOWER}]|[{_UPPER}’']*[{_UPPER}])"  # Radek, ZINOVIEV
         rf"(?:-[{_UPPER}](?:[{_LOWER}’']*[{_LOWER}]|[{_UPPER}]+))*")  # Maximov-Dikovsky
_PART = rf"(?:[A-Z]\.(?: ?[A-Z]\.){{0,2}}|{_WORD}|[A-Z])"
_PARTICLE = "|".join(sorted(names.PARTICLES))
_GAP = r"(?:[ \u00a0]{1,3}|(?<=\.)(?=[A-Z])| (?:" + _PARTICLE + r") )"  # "V. I.  Lenin", "L.B.Kamenev"
_CHAIN = re.compile(rf"(?<![\w’'.]){_PART}(?:{_GAP}{_PART})*"
                    # a forename glued to a word before it, as pasted web pages give it ("Born" "Krastyo …")
                    rf"|(?<=[a-z])(?=[A-Z][a-z]+[ \u00a0][A-Z])(?P<glued>[A-Z][a-z]+)(?:{_GAP}{_PART})+")
_TOKEN = re.compile(rf"{_PART}")
_INVERTED = re.compile(rf"(?<![\w’'.,] )(?<![\w’'.])(?P<surname>{_WORD}), (?P<given>{_PART}(?: {_PART}){{0,2}})(?=[.,;:]|(?<=\.) |\s*$| \(|\n)")
_EPITHET = re.compile(r" the (?P<word>[A-Z][a-z]{2,})\b")
_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")


class NameFinder:
    """Person names in running text, found without a model.

    A chain of capitalised words and initials is read from the right: a registered form (the
    longest), or another transliteration of a registered surname (Iagoda, Krestinskii), is the
    person; forenames, initials and patronymics before it belong to the name ("Genrikh Yagoda",
    "N.I. Bukharin"), titles do not ("Comrade", "Accused"). A chain the register does not know
    is a name when forenames or initials stand before a surname ("Martin Parker", "R. Cymbala"),
    when a ruler's number follows a forename ("Nicholas II"), or when a word ends as Russian
    surnames do (Ordzhonikidze, Kuibyshev) and names no place; it is tagged without @ref, and
    `edition persons --candidates` proposes it for the register.
    """

    def __init__(self, gazetteer: "Gazetteer"):
        self.gazetteer = gazetteer
        self.learned: set[str] = set()

    def search(self, text: str, position: int = 0) -> NameMatch | None:
        found = [m for m in (self._inverted(text, position), self._chained(text, position)) if m]
        return min(found, key=lambda m: (m.start(), -m.end())) if found else None

    def _inverted(self, text: str, position: int) -> NameMatch | None:
        """'Murphy, John Thomas', 'Trotsky, Leon': a bibliography's name, surname first."""
        for match in _INVERTED.finditer(text, position):
            surname, given = match["surname"], match["given"].split()
            if not all(names.is_forename(w) or names.is_initials(w) for w in given) \
                    or names.is_forename(surname, strict=True) or names.is_common(surname) or surname in names.PLACES \
                    or surname in names.TITLES or surname in names.INSTITUTIONS:
                continue
            person = self.gazetteer.by_form.get(normalize_form(surname)) \
                or self.gazetteer.surnames().get(names.translit_key(surname))
            return NameMatch(text, match.start(), match.end(), person)
        return None

    def _chained(self, text: str, position: int) -> NameMatch | None:
        for chain in _CHAIN.finditer(text, position):
            if chain["glued"] and not names.is_forename(chain["glued"]):
                continue
            tokens = _tokens(text, chain.start(), chain.end())
            found = self._in_chain(text, tokens)
            if found:
                return found
        return None

    def finditer(self, text: str):
        position = 0
        while (match := self.search(text, position)) is not None:
            yield match
            position = match.end()

    def _in_chain(self, text: str, tokens: list[tuple[int, int]]) -> NameMatch | None:
        words = [text[a:b] for a, b in tokens]
        by_form, surnames = self.gazetteer.by_form, self.gazetteer.surnames()
        for first in range(len(tokens)):  # a registered form, the longest at the leftmost place
            for last in range(len(tokens), first, -1):
                phrase = normalize_form(text[tokens[first][0]:tokens[last - 1][1]])
                if phrase in by_form and not _before_institution(words, last - 1):
                    return self._named(text, tokens, words, first, last, by_form[phrase])
            key = names.translit_key(words[first])
            if key in surnames and _surname_here(words, first):
                return self._named(text, tokens, words, first, first + 1, surnames[key])
        epithet = _EPITHET.match(text, tokens[-1][1])
        if epithet and len(words) == 1 and names.is_forename(words[0]) and epithet["word"] not in names.INSTITUTIONS:
            return NameMatch(text, tokens[0][0], epithet.end(), None)  # "Peter the Great"
        if len(words) == 1 and names.is_forename(words[0], strict=True) and not _before_institution(words, 0) \
                and words[0] not in names.PLACES and words[0] not in names.DEMONYMS:
            return NameMatch(text, tokens[0][0], tokens[0][1], None)  # a given name alone: "Franz has left"
        for index, word in enumerate(words):  # a name the register does not know
            if names.is_common(word) or word in names.TITLES or word in names.INSTITUTIONS \
                    or _before_institution(words, index):
                continue
            last = index == len(words) - 1
            given = names.is_forename(word) and not (last and index) or names.is_initials(word) \
                or names.is_patronymic(word) and not last
            if given:
                if index + 1 < len(words) and _ROMAN.match(words[index + 1]) and names.is_forename(word):
                    return NameMatch(text, tokens[index][0], tokens[index + 1][1], None)  # Nicholas II
                continue
            if "." in word or not word.replace("-", "").replace("’", "").replace("'", "").isalpha() \
                    or names.is_english_noun(word):
                continue  # "S.R.", "R.S.F.S.R.": abbreviations; "I. Capitalism": a numbered heading
            start = _extend_left(words, index)
            if start < index and any(names.is_forename(w) or names.is_initials(w) for w in words[start:index]):
                if index + 1 < len(words) and names.looks_like_surname(words[index + 1]) \
                        and not _before_institution(words, index + 1):
                    index += 1  # a patronymic in -ev, then the surname: "Krastyo Georgiev Stanchev"
                return NameMatch(text, tokens[start][0], tokens[index][1], None)
            if _cyrillic(word) and index and _cyrillic(words[index - 1]):
                return NameMatch(text, tokens[index - 1][0], tokens[index][1], None)  # "Христиан Раковский"
            if word.isupper() and len(word) > 2 and index + 1 < len(words) and names.is_forename(words[index + 1]):
                return NameMatch(text, tokens[index][0], tokens[index + 1][1], None)  # LUXEMBURG Rosa
            if index and words[index - 1] in names.PERSON_TITLES and len(word) > 2 \
                    or names.translit_key(word) in self.learned or names.looks_like_surname(word):
                return NameMatch(text, tokens[start][0], tokens[index][1], None)
        return None

    def prepare(self, text: str) -> None:
        """Learn from the whole source the surnames of the persons it names in full, so that
        the surname alone is a name wherever it stands (Maxim Gorky … Gorky)."""
        for match in self.finditer(text):
            words = match.group().split()
            if len(words) > 1 and match.person is None and (key := names.translit_key(words[-1])):
                self.learned.add(key)

    def _named(self, text, tokens, words, first: int, last: int, person: str) -> NameMatch:
        start = _extend_left(words, first)
        return NameMatch(text, tokens[start][0], tokens[last - 1][1], person)


def _cyrillic(word: str) -> bool:
    return bool(re.match(r"^[А-ЯЁ][а-яё’'\-]+$", word))


def _surname_here(words: list[str], index: int) -> bool:
    """Whether a word that is a registered surname (not itself a registered form) names the
    person here: it reads as a surname, or a forename, initial or title stands before it."""
    word = words[index]
    if word in names.TITLES or names.is_forename(word) or _before_institution(words, index):
        return False
    before = words[index - 1] if index else ""
    return names.looks_like_surname(word) or (word.isupper() and len(word) > 3) or bool(before) and (
        before in names.TITLES or names.is_forename(before) or names.is_initials(before))


def _before_institution(words: list[str], index: int) -> bool:
    return index + 1 < len(words) and words[index + 1] in names.INSTITUTIONS


def _extend_left(words: list[str], index: int) -> int:
    """Where a name ending at words[index] starts: initials, patronymics and one forename
    before it ("Roy A. Medvedev", "Nikolai Ivanovich Bukharin")."""
    start, forenames = index, 0
    while start > 0:
        word = words[start - 1]
        if word in names.TITLES or names.is_common(word):
            break
        if names.is_forename(word) and not names.is_patronymic(word):
            if forenames:
                break
            forenames += 1
        elif names.looks_like_surname(word) and start >= 2 and names.is_forename(words[start - 2]) \
                and not forenames:
            pass  # a patronymic in -ev, -ov: "Krastyo Georgiev Stanchev"
        elif not (names.is_initials(word) or names.is_patronymic(word)):
            break
        start -= 1
    return start


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The words of a chain; a possessive's ending is not part of the name (Stalin’s)."""
    tokens = []
    for match in _TOKEN.finditer(text, start, end):
        a, b = match.span()
        if text[a:b].endswith(("’s", "'s")):
            b -= 2
        tokens.append((a, b))
    return tokens


def normalize_form(text: str) -> str:
    """The key of a form: apostrophes made typographic."""
    return text.replace("'", "’")


def _form_regex(form: str) -> str:
    return "".join(f"[{APOSTROPHES}]" if ch in APOSTROPHES else re.escape(ch) for ch in form)


def load_gazetteer(path: Path) -> Gazetteer:
    """Read and check the register; every problem is reported with its line, all at once."""
    data = DataFile(path)
    problems: list[str] = []
    raw_exclusions = data.data.get("exclusions", {}).get("phrases", [])
    entries = data.data.get("person", [])
    lines = data.table_lines("person")
    persons: list[Person] = []
    seen_ids: dict[str, int] = {}
    owner: dict[str, tuple[str, int]] = {}
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else 1
        where = data.where(line)
        if not isinstance(entry, dict):
            problems.append(f"{where}: a [[person]] must be a table")
            continue
        unknown = set(entry) - {"id", "standard", "forms", "role", "birth", "birth_basis", "death",
                                "death_basis", "note"} - REGISTER_KEYS
        if unknown:
            problems.append(f"{where}: unknown key(s) {', '.join(sorted(unknown))} "
                            "(known: id, standard, forms, role, birth, birth_basis, death, death_basis, note)")
        ident = entry.get("id", "")
        if not isinstance(ident, str) or not ID_PATTERN.match(ident):
            problems.append(f"{where}: id {ident!r} must be lower case letters, digits and hyphens")
            continue
        if ident in seen_ids:
            problems.append(f"{where}: id '{ident}' is already used at line {seen_ids[ident]}")
            continue
        seen_ids[ident] = line
        forms = entry.get("forms", [])
        if not entry.get("standard") or not isinstance(entry.get("standard"), str):
            problems.append(f"{where}: person '{ident}' has no standard name")
        if not forms or not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
            problems.append(f"{where}: person '{ident}' needs forms = [\"…\", …], one name form or more")
            forms = []
        if not entry.get("role"):
            problems.append(f"{where}: person '{ident}' has no role (a short description)")
        for form in forms:
            key = normalize_form(form)
            form_line = data.line_of(f'"{form}"', line)
            if key in owner:
                other, other_line = owner[key]
                problems.append(
                    f"{data.where(form_line)}: the name form \"{form}\" is registered for both "
                    f"'{other}' (line {other_line}) and '{ident}' (line {line}); a form names one person only"
                )
                continue
            owner[key] = (ident, line)
        for kind in ("birth", "death"):
            when = entry.get(kind, "")
            basis = entry.get(f"{kind}_basis", "")
            if when and (not isinstance(when, str) or not _valid_date(when)):
                problems.append(f"{data.where(data.line_of(kind, line))}: person '{ident}': {kind} "
                                f"{when!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")
            if when and basis not in BASES:
                problems.append(f"{data.where(data.line_of(kind, line))}: person '{ident}': {kind} needs "
                                f"{kind}_basis = \"corpus\" or \"reference\"")
        persons.append(Person(
            ident, entry.get("standard", ""), tuple(forms), entry.get("role", ""), line,
            entry.get("birth", ""), entry.get("birth_basis", ""), entry.get("death", ""),
            entry.get("death_basis", ""), entry.get("note", ""),
        ))
    if problems:
        raise ConversionError(
            f"{path}: {len(problems)} problem(s) in the person register:\n  " + "\n  ".join(problems)
        )
    by_form = {normalize_form(f): p.id for p in persons for f in p.forms}
    return Gazetteer(Path(path), tuple(persons), tuple(raw_exclusions), by_form)


def _valid_date(text: str) -> bool:
    if not DATE_PATTERN.match(text):
        return False
    parts = [int(x) for x in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> Gazetteer:
    return load_gazetteer(Path(path))


def gazetteer_for(manifest) -> Gazetteer:
    """The register beside the manifest (seeds/persons.toml); an empty one if there is none."""
    path = Path(manifest.path).parent / REGISTER_FILE
    if not path.exists():
        return Gazetteer(path)
    return _cached(str(path), path.stat().st_mtime)


def recognizer(gazetteer: Gazetteer) -> Recognizer:
    """The recognizer of every registered name form."""

    def build(match: NameMatch, ctx) -> etree._Element:
        name = element("persName", {"ref": f"{PREFIX}:{match.person}"} if match.person else {})
        return fill_nested(name, match.group(), ctx, persons)  # a correction inside stays possible

    persons = Recognizer("persons", gazetteer.finder(), build)
    return persons


RECOGNIZER = DataRecognizer("persons", lambda manifest: recognizer(gazetteer_for(manifest)))


def link_participants(root: etree._Element, gazetteer: Gazetteer) -> None:
    """Point each participant of particDesc at the register (@corresp="per:ID").

    A participant is linked when its names (persName, labels included) are registered forms
    of exactly one person; participants named only by office (the President) stay unlinked.
    """
    from ..fidelity import inline_text

    for person in root.iterfind(f".//{{{TEI_NS}}}particDesc//{{{TEI_NS}}}person"):
        if person.get("corresp"):
            continue
        printed = [inline_text(n) for n in person.iterfind(f"{{{TEI_NS}}}persName")]
        found = {gazetteer.identify(_label_as_name(n)) for n in printed} - {None}
        if len(found) == 1:
            person.set("corresp", f"{PREFIX}:{found.pop()}")


def _label_as_name(label: str) -> str:
    """A speaker label as a name: 'VYSHINSKY' → 'Vyshinsky', 'MR. X' → 'X'."""
    words = [w for w in label.split() if w.title().rstrip(".") not in {"The", "Mr", "Mrs", "Comrade", "Citizen"}]
    return " ".join(w.title() if w.isupper() and len(w) > 2 else w for w in words)


# ---------------------------------------------------------------- the register file


def mention_counts(roots: list[etree._Element]) -> Counter:
    """Count persName/@ref per person id over encoded TEI documents, and the participants of a
    transcript identified with a person (person/@corresp in particDesc): the record names them."""
    counts: Counter = Counter()
    for root in roots:
        for name in root.iter(f"{{{TEI_NS}}}persName"):
            ref = name.get("ref", "")
            if ref.startswith(f"{PREFIX}:"):
                counts[ref[len(PREFIX) + 1:]] += 1
        for person in root.iterfind(f".//{{{TEI_NS}}}particDesc//{{{TEI_NS}}}person[@corresp]"):
            for pointer in person.get("corresp").split():
                if pointer.startswith(f"{PREFIX}:"):
                    counts[pointer[len(PREFIX) + 1:]] += 1
    return counts


def header_texts(roots: list[etree._Element]) -> list[str]:
    """The texts of the participants' declarations: the forms a header names a person by
    (the judge whom the record names only by office) are forms of the register too."""
    return [" ".join(person.itertext()) for root in roots
            for person in root.iterfind(f".//{{{TEI_NS}}}particDesc//{{{TEI_NS}}}person")]


def form_counts(gazetteer: Gazetteer, texts: list[str]) -> Counter:
    """Count each registered form's occurrences in plain texts (speaker labels included)."""
    counts: Counter = Counter()
    pattern = gazetteer.pattern()
    for text in texts:
        for match in pattern.finditer(text):
            counts[normalize_form(match.group())] += 1
    return counts


def register_warnings(gazetteer: Gazetteer, mentions: Counter, forms: Counter) -> list[str]:
    """Name the entries without any mention and the forms that occur nowhere."""
    warnings = []
    data = DataFile(gazetteer.path)
    for person in gazetteer.persons:
        if not mentions.get(person.id):
            warnings.append(f"{data.where(person.line)}: register entry '{person.id}' ({person.standard}) "
                            "has no mention in the sources; remove it or add the form the sources use")
        for form in person.forms:
            if not forms.get(normalize_form(form)):
                needle = '"' + form + '"'
                warnings.append(f"{data.where(data.line_of(needle, person.line))}: the form \"{form}\" "
                                f"of '{person.id}' occurs in no source")
    return warnings


# Keys of a [[person]] that only the register file reads (persons.xml), not the recognition:
#   parts = {forename = "…", patronymic = "…", surname = "…"}  the standard name's parts, where clear
#   kinds = {"Koba" = "nickname", …}  the kind of a form: nickname, pseudonym, birth, transliteration,
#           spelling or office (persName/@subtype)
#   birth_sources, death_sources  the source ids that give the date (with basis "corpus")
REGISTER_KEYS = {"parts", "kinds", "birth_sources", "death_sources"}
KINDS = ("spelling", "transliteration", "nickname", "pseudonym", "birth", "office")
_PARTS = (("forename", "forename", None), ("patronymic", "addName", "patronymic"), ("surname", "surname", None))


def register_extras(gazetteer: Gazetteer) -> dict[str, dict]:
    """The register-only keys of each entry (by id), checked: name parts that make up the standard
    name, kinds of forms the entry has, source ids of the manifest."""
    data = DataFile(gazetteer.path)
    lines = data.table_lines("person")
    extras: dict[str, dict] = {}
    problems = []
    for index, entry in enumerate(data.data.get("person", [])):
        where = data.where(lines[index] if index < len(lines) else 1)
        extra = {k: entry[k] for k in REGISTER_KEYS if isinstance(entry, dict) and k in entry}
        person = gazetteer.person(entry.get("id", "")) if isinstance(entry, dict) else None
        if not extra or person is None:
            continue
        parts = extra.get("parts", {})
        if parts and " ".join(parts[k] for k, _, _ in _PARTS if k in parts) != person.standard:
            problems.append(f"{where}: the parts of '{person.id}' do not make up its standard name \"{person.standard}\"")
        for form, kind in extra.get("kinds", {}).items():
            if form not in person.forms or kind not in KINDS:
                problems.append(f"{where}: kinds of '{person.id}': \"{form}\" = \"{kind}\" needs one of its forms "
                                f"and one of: {', '.join(KINDS)}")
        extras[person.id] = extra
    if problems:
        raise ConversionError("\n".join(problems))
    return extras


def build_register(gazetteer: Gazetteer, manifest) -> etree._Element:
    """Return the TEI document of the person register (tei/persons.xml)."""
    from .header import LICENCE_NAME, LICENCE_URL

    edition_title = EDITION_TITLE
    root = new_document("persons", "en")
    header = sub(root, "teiHeader")
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", {"type": "main"}, "Person register")
    sub(title_stmt, "title", {"type": "sub"}, f"TEI edition in {edition_title}")
    resp = sub(title_stmt, "respStmt")
    sub(resp, "resp", text="the register: identifications, standard names, dates and roles")
    sub(resp, "name", {"ref": "ed:editors"}, f"The editors of {edition_title}")
    pub = sub(file_desc, "publicationStmt")
    sub(pub, "publisher", text=edition_title)
    sub(pub, "idno", {"type": "source-id"}, "persons")
    terms = sub(pub, "availability", {"status": "free"})
    sub(terms, "licence", {"target": LICENCE_URL}, f"The register is the edition's work: {LICENCE_NAME}.")
    source_desc = sub(file_desc, "sourceDesc")
    bibl = sub(source_desc, "bibl", {"type": "register"})
    sub(bibl, "title", text=f"The editors' person register seeds/{gazetteer.path.name}")
    sub(bibl, "note", text=(
        "Written by edition convert. Every variant is a form of the name as it occurs in the "
        "sources; a note says whether each date comes from the sources or from common reference "
        "knowledge."
    ))
    encoding = sub(header, "encodingDesc")
    project = sub(encoding, "projectDesc")
    sub(project, "p", text=(
        f"Part of {edition_title}. The sources point at the persons of this register with "
        "persName/@ref=\"per:ID\"."
    ))
    editorial = sub(encoding, "editorialDecl")
    sub(editorial, "p", text=(
        "Names are recognized by the register and rules, never by a statistical model: each "
        "variant is tagged where it occurs as a whole word, the longest form first; derived words, "
        "pronouns and titles are not tagged."
    ))
    prefix_defs(encoding)
    revision = sub(header, "revisionDesc")
    first_added = min(source.added for source in manifest.sources)
    sub(revision, "change", {"when": first_added.isoformat(), "who": "ed:editors"},
        "Register written by edition convert.")
    stand_off = sub(root, "standOff")
    people = sub(stand_off, "listPerson")
    extras = register_extras(gazetteer)
    for person in gazetteer.persons:
        people.append(person_element(person, extras.get(person.id, {})))
    return root


def person_element(person: Person, extra: dict | None = None) -> etree._Element:
    """Return the person element of one register entry (with its register-only keys, if any)."""
    extra = extra or {}
    el = element("person", {"xml:id": person.id})
    standard = sub(el, "persName", {"type": "standard"})
    parts = extra.get("parts", {})
    if parts:
        previous = None
        for key, tag, part_type in _PARTS:
            if key in parts:
                if previous is not None:
                    previous.tail = " "
                previous = sub(standard, tag, {"type": part_type} if part_type else {}, parts[key])
    else:
        standard.text = person.standard
    kinds = extra.get("kinds", {})
    for form in person.forms:
        if form != person.standard:
            sub(el, "persName", {"type": "variant", **({"subtype": kinds[form]} if form in kinds else {})}, form)
    bases = []
    for kind, when, basis in (("birth", person.birth, person.birth_basis),
                              ("death", person.death, person.death_basis)):
        if not when:
            continue
        sources = extra.get(f"{kind}_sources", ())
        attributes = {"when": when}
        if basis == "corpus" and sources:
            attributes.update({"source": " ".join(f"{s}.xml" for s in sources), "cert": "high"})
        elif basis == "reference":
            attributes.update({"resp": "ed:editors", "cert": "medium"})
        sub(el, kind, attributes)
        bases.append(f"{kind}: {BASES[basis]}")
    if bases:
        sub(el, "note", text="Dates — " + "; ".join(bases) + ".")
    sub(el, "occupation", text=person.role)
    if person.note:
        sub(el, "note", text=person.note)
    return el


# ---------------------------------------------------------------- checking the TEI files


def check_mentions(gazetteer: Gazetteer, tei_paths: list[Path]) -> list[str]:
    """Report every per: pointer (ref, who, corresp) that is not in the register, and every
    persName whose text is not a registered form of its person; with file and line."""
    from ..fidelity import inline_text
    from ..tei import parse_tei, local_name

    problems = []
    for path in tei_paths:
        root = parse_tei(path).getroot()
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in ("ref", "who", "corresp"):
                for pointer in (el.get(attr) or "").split():
                    ident = pointer[len(PREFIX) + 1:] if pointer.startswith(f"{PREFIX}:") else None
                    if ident is not None and gazetteer.person(ident) is None:
                        label = f"persName \"{inline_text(el)}\"" if local_name(el) == "persName" \
                            else f"{local_name(el)}/@{attr}"
                        problems.append(f"{path}:{el.sourceline}: {label} points at '{pointer}', "
                                        "which is not in the person register")
            if local_name(el) == "persName" and (el.get("ref") or "").startswith(f"{PREFIX}:"):
                ident = el.get("ref")[len(PREFIX) + 1:]
                text = inline_text(el)
                if gazetteer.person(ident) is not None and gazetteer.by_form.get(normalize_form(text)) != ident \
                        and gazetteer.identify(text) != ident:
                    problems.append(f"{path}:{el.sourceline}: persName \"{text}\" is not a registered form "
                                    f"of '{ident}'; add it to the register's forms or correct the tag")
    return problems
