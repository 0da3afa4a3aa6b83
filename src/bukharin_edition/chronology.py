"""The chronology: every dated statement of the TEI files, sorted by date, and the events on
which the sources disagree.

A dated statement is the sentence around a <date> of a source's text. It belongs to an event
of seeds/chronology.toml when the event's pattern matches the sentence with {date} standing
for that date. Two dates of one event agree when they can be the same day (1888 and
9 October 1888 do; 1905 and 1906 do not); an Old Style date is compared by its Gregorian
@when, so one day given in two calendars is one date.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .convert.dates import DateRules, rules_for
from .convert.persons import gazetteer_for
from .errors import EditionError
from .fidelity import inline_text, is_editorial
from .manifest import Manifest
from .tei import TEI_NS, XML_ID, has_inline_layout, local_name, parse_tei

TOKEN = "⟦D{}⟧"
TOKEN_PATTERN = r"⟦D(\d+)⟧"
SENTENCE_END = re.compile(r"(?<=[.!?…])[’”\"')]*\s+(?=[A-Z“‘\"(‘’])")


@dataclass
class Statement:
    """One date of a source, its sentence and where it stands."""

    source: str
    block: str
    text: str
    attrs: dict[str, str]
    sentence: str
    events: list[str] = field(default_factory=list)
    # The sentence with each date as a token, and this date's token (for the event patterns).
    tokenized: str = field(default="", repr=False)
    token: str = field(default="", repr=False)

    @property
    def key(self) -> str:
        """The sort key: the first day the date can be; dates without a year sort last."""
        value = self.attrs.get("when") or self.attrs.get("from") or self.attrs.get("notBefore") or ""
        return "~" + value if not value or value.startswith("--") else value

    @property
    def interval(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the date can be (None without a year)."""
        start = self.attrs.get("when") or self.attrs.get("from") or self.attrs.get("notBefore")
        end = self.attrs.get("when") or self.attrs.get("to") or self.attrs.get("notAfter")
        if not start or not end or start.startswith("--"):
            return None
        return _first_day(start), _last_day(end)

    def shown(self) -> str:
        """The date as printed, with its normalization (and its Julian form)."""
        norm = self.attrs.get("when") or "/".join(
            filter(None, (self.attrs.get("from") or self.attrs.get("notBefore"),
                          self.attrs.get("to") or self.attrs.get("notAfter"))))
        julian = self.attrs.get("when-custom")
        calendar_note = f" = {julian} Old Style" if julian else ""
        return f"{norm or '?'} “{self.text}”{calendar_note}"


@dataclass
class Event:
    id: str
    label: str
    statements: list[Statement]

    def dates(self) -> list[tuple[dt.date, dt.date]]:
        return [s.interval for s in self.statements if s.interval]

    def summary(self) -> str:
        """The distinct dates of the event (Gregorian), each with the sources that give it."""
        groups: dict[str, list[str]] = {}
        for s in self.statements:
            norm = s.shown().split(" ", 1)[0]
            groups.setdefault(norm, [])
            if s.source not in groups[norm]:
                groups[norm].append(s.source)
        return " | ".join(f"{norm} ({', '.join(sources)})" for norm, sources in groups.items())

    @property
    def disagrees(self) -> bool:
        spans = self.dates()
        return any(a[1] < b[0] or b[1] < a[0] for i, a in enumerate(spans) for b in spans[i + 1:])


@dataclass
class Chronology:
    statements: list[Statement]
    events: list[Event]


def _first_day(value: str) -> dt.date:
    parts = [int(x) for x in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _last_day(value: str) -> dt.date:
    parts = [int(x) for x in value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def _tokenized(block: etree._Element, dates: list[etree._Element]) -> str:
    """The block's diplomatic text with each date replaced by its token."""
    parts = [block.text or ""]
    for child in block:
        if isinstance(child.tag, str) and not is_editorial(child):
            if local_name(child) == "date":
                dates.append(child)
                parts.append(TOKEN.format(len(dates) - 1))
            elif local_name(child) == "title":  # a title's dates are its words, not statements
                parts.append(_tokenized(child, []))
            elif local_name(child) == "lb":
                parts.append("\n")
            else:
                parts.append(_tokenized(child, dates))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks(el: etree._Element):
    for child in el:
        if not isinstance(child.tag, str) or is_editorial(child) or local_name(child) == "teiHeader":
            continue
        if has_inline_layout(child):
            yield child
        else:
            yield from _blocks(child)


def _block_id(el: etree._Element) -> str:
    while el is not None:
        if el.get(XML_ID):
            return el.get(XML_ID)
        el = el.getparent()
    return ""


def statements_of(source_id: str, root: etree._Element) -> list[Statement]:
    """Every dated statement of one TEI document, in document order."""
    found = []
    text = root.find(f"{{{TEI_NS}}}text")
    if text is None:
        return found
    for block in _blocks(text):
        dates: list[etree._Element] = []
        tokenized = _tokenized(block, dates)
        if not dates:
            continue
        sentences = SENTENCE_END.split(tokenized)
        for index, date in enumerate(dates):
            token = TOKEN.format(index)
            sentence = next(s for s in sentences if token in s)
            found.append(Statement(source_id, _block_id(block), inline_text(date),
                                   dict(date.attrib), sentence.replace("\n", " "),
                                   tokenized=sentence, token=token))
    for statement in found:
        statement.sentence = re.sub(TOKEN_PATTERN, lambda m: _date_text(found, statement, m), statement.sentence)
    return found


def _date_text(found: list[Statement], statement: Statement, match: re.Match) -> str:
    for other in found:
        if other.block == statement.block and other.token == match.group():
            return other.text
    return match.group()


def _event_pattern(pattern: str) -> re.Pattern:
    pieces = pattern.split("{date}")
    regex = pieces[0]
    for number, piece in enumerate(pieces[1:]):
        regex += rf"⟦D(?P<date{number}>\d+)⟧" + piece
    return re.compile(regex)


def assign_events(statements: list[Statement], rules: DateRules, gazetteer=None) -> list[Event]:
    """Attach every statement to the events whose pattern names its date.

    An event with `mentions = "ID"` takes only sentences that name that person of the register.
    """
    events = []
    for rule in rules.events:
        pattern = _event_pattern(rule["pattern"])
        mentions = rule.get("mentions")
        members = []
        for statement in statements:
            if mentions and gazetteer is not None and not _names(gazetteer, statement.sentence, mentions):
                continue
            own = statement.token
            for match in pattern.finditer(statement.tokenized):
                numbers = [v for k, v in match.groupdict().items() if k.startswith("date") and v is not None]
                if numbers and TOKEN.format(numbers[0]) == own:
                    statement.events.append(rule["id"])
                    members.append(statement)
                    break
        events.append(Event(rule["id"], rule["label"], members))
    return events


def _names(gazetteer, sentence: str, ident: str) -> bool:
    return any(gazetteer.person_of(m.group()) == ident for m in gazetteer.pattern().finditer(sentence))


def check_events(rules: DateRules, gazetteer) -> list[str]:
    """Name the events whose person is not in the register, with their line."""
    problems = []
    for rule in rules.events:
        for key in ("person", "mentions"):
            ident = rule.get(key)
            if ident and gazetteer.person(ident) is None:
                problems.append(f"{rules.path.name}:{rule['line']}: event '{rule['id']}': {key} "
                                f"'{ident}' is not in the person register")
    return problems


def chronology(manifest: Manifest, tei_dir: Path) -> Chronology:
    """Gather every dated statement of the sources' TEI files, sorted by date."""
    problems = check_events(rules_for(manifest), gazetteer_for(manifest))
    if problems:
        raise EditionError(f"{len(problems)} problem(s) in the events:\n  " + "\n  ".join(problems))
    statements = []
    for source in manifest.sources:
        path = Path(tei_dir) / f"{source.id}.xml"
        if path.exists():
            statements += statements_of(source.id, parse_tei(path).getroot())
    events = assign_events(statements, rules_for(manifest), gazetteer_for(manifest))
    order = {source.id: index for index, source in enumerate(manifest.sources)}
    def by_date(s: Statement):
        return (s.key, order.get(s.source, 0))

    statements.sort(key=by_date)
    for event in events:
        event.statements.sort(key=by_date)
    return Chronology(statements, events)


def format_chronology(chron: Chronology, width: int = 110) -> str:
    """The chronology as text: one line per dated statement, then the events."""
    lines = [f"Chronology: {len(chron.statements)} dated statements", ""]
    for s in chron.statements:
        events = f" [{', '.join(s.events)}]" if s.events else ""
        sentence = s.sentence if len(s.sentence) <= width else s.sentence[:width - 1] + "…"
        lines.append(f"{s.shown()}  {s.source} {s.block}{events}")
        lines.append(f"    {sentence}")
    lines += ["", "Events"]
    for event in chron.events:
        if not event.statements:
            lines.append(f"  {event.id}: {event.label} — no dated statement")
            continue
        verdict = "SOURCES DISAGREE" if event.disagrees else "sources agree"
        lines.append(f"  {event.id}: {event.label} — {verdict}: {event.summary()}")
        for s in event.statements:
            lines.append(f"    {s.shown()}  {s.source} {s.block}")
    return "\n".join(lines) + "\n"
