"""Dates: every date expression of a block becomes <date> with ISO 8601 attributes.

Forms read (case as printed):
  day month [,] year   "27th September 1888", "3rd April, 1917", "13 December 1924" → @when
  day month            "6th March", "9 January"                → @when="--03-06" (no year printed)
  month [,] year       "February 1925", "July, 1928"             → @when="1925-02"; after a month
                       name a year split by a stray space ("August 193 6") is read as one
                       (its orig/reg, seeds/corrections.toml, lands inside the date)
  in month             "in October", "in December"              → @when="--10" (no year printed; only
                       after "in", so that "the October Revolution" and "May" the verb stay text)
  season of year       "the spring of 1927", "spring 1928"       → @notBefore/@notAfter, @precision=low
  decade               "the 1930s", "mid-1920s", "the early 1920s" → @notBefore/@notAfter (+ low precision
                       for early/mid/late)
  year range           "1888-1938", "1927-29", "(1985–1991)"     → @from/@to
  years in a row       "1904-05-06" (1904, 1905 and 1906; never read as 6 May 1904) → @from/@to
  year                 "1917"                                   → @when
  relative year/month  "the following year", "the year before", "the following month": the
                       year (month) after or before the last date printed earlier in the same
                       block → @when with cert="medium" (the editors' inference); left without
                       @when if there is none.
Numbers that are not dates never match: pages ("p 501", "pp 4-5"), counts ("8,000", "527",
"600-word"), note markers ("[12]"), volume numbers ("Volume 5, no 10") have too few digits or
a thousands comma. Years that stand for a title (Trotsky's book 1905) are traps listed in
seeds/chronology.toml. Old Style dates are those listed there (see that file); an impossible
date ("31 February") is encoded without normalization and reported.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import ConversionError
from ..tei import element
from .datafile import DataFile
from .inline import DataRecognizer, Recognizer, SkippingPattern, fill_nested

RULES_FILE = "chronology.toml"
GREGORIAN_IN_RUSSIA = dt.date(1918, 2, 14)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH = "(?:" + "|".join(MONTHS) + ")"
SEASONS = {"spring": ("03", "05"), "summer": ("06", "08"), "autumn": ("09", "11"), "fall": ("09", "11")}
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
END = r"(?![\w]|,\d|[-–]\d)"
START = r"(?<![\w.,/\-–])"

DATE_EXPRESSION = re.compile(
    rf"(?P<relative>\b[Tt]he (?:following (?:year|month)|year before)\b)"
    rf"|(?P<season>\b(?:[Tt]he )?(?P<season_name>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all)(?: of)? (?P<season_year>{YEAR})){END}"
    rf"|(?P<decade>(?:\b[Tt]he )?(?:(?P<part>early|mid|late)[- ]|{START})(?P<decade_start>1[5-9]\d0|20\d0)s)\b"
    rf"|{START}(?P<daymonth>(?P<day>[0-3]?\d)(?:st|nd|rd|th)? (?P<dm_month>{MONTH})(?:,? (?P<dm_year>{YEAR}))?){END}"
    rf"|(?P<monthyear>\b(?P<my_month>{MONTH}),? (?P<my_year>{YEAR}|1[5-9]\d \d)){END}"
    rf"|(?<=\b[Ii]n )(?P<month>(?P<mo_month>{MONTH}))(?![\w\-]|,? \d)"
    rf"|{START}(?P<yearlist>(?P<yl_first>{YEAR})-(?P<yl_second>\d\d)-(?P<yl_third>\d\d)){END}"
    rf"|{START}(?P<range>(?P<range_from>{YEAR})[-–](?P<range_to>{YEAR}|\d\d)){END}"
    rf"|{START}(?P<year>{YEAR}){END}"
)


@dataclass(frozen=True)
class JulianRule:
    source: str
    text: str
    year: int | None
    basis: str
    line: int


@dataclass
class DateRules:
    """What seeds/chronology.toml says about dates: Old Style dates, traps, events."""

    path: Path | None = None
    julian: tuple[JulianRule, ...] = ()
    traps: tuple[re.Pattern, ...] = ()
    events: tuple[dict, ...] = ()

    def julian_rule(self, source: str, text: str) -> JulianRule | None:
        return next((r for r in self.julian if r.source == source and r.text == text), None)


def julian_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Convert a Julian calendar date to the (proleptic) Gregorian date of the same day."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return dt.date.fromordinal(jdn - 1721425)


def _month_number(name: str) -> int:
    return MONTHS.index(name) + 1


def attributes(match: re.Match, preceding: str = "") -> dict[str, str]:
    """Return the ISO 8601 attributes of a date expression ({} when it cannot be normalized).

    Raises ValueError for a date that cannot exist (31 February).
    """
    g = match.groupdict()
    if g["daymonth"]:
        month, day = _month_number(g["dm_month"]), int(g["day"])
        if g["dm_year"]:
            year = int(g["dm_year"])
            dt.date(year, month, day)  # raises ValueError when impossible
            return {"when": f"{year:04d}-{month:02d}-{day:02d}"}
        if day < 1 or day > (29 if month == 2 else calendar.monthrange(2001, month)[1]):
            raise ValueError(f"day {day} of {g['dm_month']}")
        return {"when": f"--{month:02d}-{day:02d}"}
    if g["monthyear"]:
        return {"when": f"{int(g['my_year'].replace(' ', '')):04d}-{_month_number(g['my_month']):02d}"}
    if g["month"]:
        return {"when": f"--{_month_number(g['mo_month']):02d}"}
    if g["season"]:
        year = g["season_year"]
        first, last = SEASONS[g["season_name"].lower()]
        return {"notBefore": f"{year}-{first}", "notAfter": f"{year}-{last}", "precision": "low"}
    if g["decade"]:
        start = int(g["decade_start"])
        span = {None: (0, 9), "early": (0, 3), "mid": (3, 7), "late": (7, 9)}[g["part"]]
        attrs = {"notBefore": f"{start + span[0]:04d}", "notAfter": f"{start + span[1]:04d}"}
        if g["part"]:
            attrs["precision"] = "low"
        return attrs
    if g["yearlist"]:
        first = int(g["yl_first"])
        second, third = _expand(first, g["yl_second"]), _expand(first, g["yl_third"])
        if second == first + 1 and third == second + 1:
            return {"from": f"{first:04d}", "to": f"{third:04d}"}
        dt.date(first, int(g["yl_second"]), int(g["yl_third"]))
        return {"when": f"{first:04d}-{g['yl_second']}-{g['yl_third']}"}
    if g["range"]:
        first = int(g["range_from"])
        last = _expand(first, g["range_to"])
        if last <= first:
            raise ValueError(f"the range ends ({last}) before it starts ({first})")
        return {"from": f"{first:04d}", "to": f"{last:04d}"}
    if g["year"]:
        return {"when": g["year"]}
    if g["relative"]:
        return _relative(g["relative"].lower(), preceding)
    return {}


def _expand(first: int, text: str) -> int:
    """'29' after 1927 is 1929; a four-digit year stays as it is."""
    if len(text) == 4:
        return int(text)
    century = first - first % 100
    value = century + int(text)
    return value if value > first else value + 100


def _relative(expression: str, preceding: str) -> dict[str, str]:
    """Resolve 'the following year' etc. against the last dated expression before it."""
    anchor = None
    for match in DATE_EXPRESSION.finditer(preceding):
        if not match["relative"]:
            try:
                attrs = attributes(match)
            except ValueError:
                continue
            value = attrs.get("when") or attrs.get("to") or attrs.get("notAfter")
            if value and not value.startswith("--"):
                anchor = value
    if anchor is None:
        return {}
    year = int(anchor[:4])
    if expression.endswith("month"):
        if len(anchor) < 7:
            return {}
        month = int(anchor[5:7]) + 1
        year, month = (year + 1, 1) if month > 12 else (year, month)
        return {"when": f"{year:04d}-{month:02d}", "cert": "medium"}
    year += -1 if expression.endswith("before") else 1
    return {"when": f"{year:04d}", "cert": "medium"}


def date_element(match: re.Match, source_id: str, rules: DateRules) -> tuple[etree._Element, str]:
    """Return the date element of a match and a problem to report ('' if none)."""
    text = match.group()
    try:
        attrs = attributes(match, match.string[:match.start()])
    except ValueError as exc:
        return element("date", text=text), f"\"{text}\" is not a possible date ({exc}); left without @when"
    rule = rules.julian_rule(source_id, text)
    if rule and match["daymonth"]:
        year = int(match["dm_year"] or rule.year or 0)
        month, day = _month_number(match["dm_month"]), int(match["day"])
        gregorian = julian_to_gregorian(year, month, day)
        attrs = {"when": gregorian.isoformat(), "when-custom": f"{year:04d}-{month:02d}-{day:02d}",
                 "datingMethod": "ed:julian"}
    return element("date", attrs, text), ""


def load_rules(path: Path, manifest=None) -> DateRules:
    """Read and check seeds/chronology.toml; problems name their line, all at once."""
    data = DataFile(path)
    problems: list[str] = []
    julian = []
    source_ids = {s.id for s in manifest.sources} if manifest else None
    for index, entry in enumerate(data.data.get("julian", [])):
        line = data.table_lines("julian")[index]
        where = data.where(line)
        source, text, year = entry.get("source", ""), entry.get("text", ""), entry.get("year")
        if not entry.get("basis"):
            problems.append(f"{where}: an Old Style date needs a basis (why the source uses Old Style)")
        if source_ids is not None and source not in source_ids:
            problems.append(f"{where}: unknown source '{source}'")
            continue
        match = DATE_EXPRESSION.fullmatch(text) if isinstance(text, str) else None
        if not match or not match["daymonth"]:
            problems.append(f"{where}: \"{text}\" is not a day date (such as \"27th September 1888\")")
            continue
        year = int(match["dm_year"] or year or 0)
        if not year:
            problems.append(f"{where}: \"{text}\" prints no year; give year = …")
            continue
        try:
            gregorian = julian_to_gregorian(year, _month_number(match["dm_month"]), int(match["day"]))
            dt.date(year, _month_number(match["dm_month"]), int(match["day"]))
        except ValueError:
            problems.append(f"{where}: \"{text}\" is not a possible date")
            continue
        if gregorian >= GREGORIAN_IN_RUSSIA:
            problems.append(f"{where}: \"{text}\" {year} falls after Russia adopted the Gregorian "
                            "calendar (14 February 1918); it cannot be Old Style")
            continue
        if manifest is not None:
            source_obj = manifest.source(source)
            if not any(text in line_text for _, line_text in manifest.lines_of(source_obj)):
                problems.append(f"{where}: \"{text}\" does not occur in source '{source}'")
                continue
        julian.append(JulianRule(source, text, year if not match["dm_year"] else None,
                                 entry.get("basis", ""), line))
    traps = []
    for pattern in data.data.get("traps", {}).get("patterns", []):
        try:
            traps.append(re.compile(pattern))
        except re.error as exc:
            problems.append(f"{data.where(data.line_of(pattern[:20]))}: trap {pattern!r} is not a "
                            f"regular expression ({exc})")
    events = []
    for index, entry in enumerate(data.data.get("event", [])):
        line = data.table_lines("event")[index]
        missing = [key for key in ("id", "label", "pattern") if not entry.get(key)]
        if missing:
            problems.append(f"{data.where(line)}: an event needs {', '.join(missing)}")
            continue
        if "{date}" not in entry["pattern"]:
            problems.append(f"{data.where(line)}: the pattern of event '{entry['id']}' has no {{date}}")
            continue
        events.append({**entry, "line": line})
    if problems:
        raise ConversionError(f"{path}: {len(problems)} problem(s) in the date rules:\n  " + "\n  ".join(problems))
    return DateRules(Path(path), tuple(julian), tuple(traps), tuple(events))


_CACHE: dict[tuple, DateRules] = {}


def _cached(path: str, mtime: float, manifest) -> DateRules:
    key = (path, mtime, str(manifest.path), manifest.seed_sha256)
    if key not in _CACHE:
        _CACHE[key] = load_rules(Path(path), manifest)
    return _CACHE[key]


def rules_for(manifest) -> DateRules:
    """The date rules beside the manifest (seeds/chronology.toml); none if there is no file."""
    path = Path(manifest.path).parent / RULES_FILE
    if not path.exists():
        return DateRules()
    return _cached(str(path), path.stat().st_mtime, manifest)


def recognizer(rules: DateRules, manifest=None) -> Recognizer:
    """The recognizer of date expressions; problems are reported with the seed line."""

    def build(match: re.Match, ctx) -> etree._Element:
        built, problem = date_element(match, ctx.source.id, rules)
        if problem:
            ctx.warn(_seed_line(manifest, ctx.source, match), problem)
        built.text = None
        return fill_nested(built, match.group(), ctx, dates)  # a correction inside stays possible

    dates = Recognizer("dates", SkippingPattern(DATE_EXPRESSION, rules.traps), build)
    return dates


def _seed_line(manifest, source, match: re.Match) -> int:
    """The line of the received file where a match stands (the block's first line if unsure)."""
    line_text = match.string[:match.end()].split("\n")[-1]
    if manifest is not None:
        for number, text in manifest.lines_of(source):
            if line_text and line_text in text:
                return number
    return source.first_line


RECOGNIZER = DataRecognizer("dates", lambda manifest: recognizer(rules_for(manifest), manifest))
