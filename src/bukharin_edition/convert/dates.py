"""Dates: every date expression of a block becomes <date> with ISO 8601 attributes.

Forms read (case as printed; month names also abbreviated, "Sept.", "Oct."):
  day month [,] year   "27th September 1888", "3rd April, 1917", "13 December 1924" → @when
  month day [,] year   "November 25, 1917", "March 5 1938", "June 01, 2011"      → @when
  the day of month     "the 13th of March", "13th of March, 1938"                → @when
  numeric              "5.III.1938", "7/IX.1922", "12.3.1938", "11/VI." (roman or numbered month,
                       day first; a year of four digits unless the month is roman) → @when
  month day            "March 5", "August 19"                                    → @when (year below)
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
Ranges join two of these ("16 January 1919 – 15 July 1923", "10 February – 1 December 1934",
"March 5 - March 12 1938", "July 1921 to January 1926") or share their month and year
("August 19-24, 1936", "5-12 March 1938", "February-March, 1917") → @from/@to, the year of the
end lent to a start that prints none. "after" / "before" a date give @notBefore / @notAfter; "c.",
"circa", "the end (beginning, middle) of" keep the value with @precision="low". An Old Style
marker after a day date ("3 April (O.S.)", "5 March Old Style") or inside it ("27 March [O.S. 15
March] 1886") gives the Gregorian @when and the Julian @when-custom (@datingMethod="ed:julian").
A day or month printed without a year takes the year of the last date printed before it in the
source, with cert="medium" (the editors' inference); without one it keeps "--MM-DD".
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
from .inline import DataRecognizer, Found, Recognizer, SkippingPattern, fill

RULES_FILE = "chronology.toml"
GREGORIAN_IN_RUSSIA = dt.date(1918, 2, 14)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ABBREVIATED = {"Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7, "Aug.": 8, "Sep.": 9,
               "Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12}
MONTH = "(?:" + "|".join(MONTHS) + "|" + "|".join(re.escape(a) for a in ABBREVIATED) + ")"
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
NOT_AFTER_WORD = r"(?<!\bpp\. )(?<!\bpp )(?<!\bp\. )(?<!\bp )(?<!No\. )(?<!Article )(?<!article )(?<!Art\. )"
SEASONS = {"spring": ("03", "05"), "summer": ("06", "08"), "autumn": ("09", "11"), "fall": ("09", "11")}
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
END = r"(?![\w]|,\d|[-–]\d)"
START = r"(?<![\w.,/\-–])"

DATE_EXPRESSION = re.compile(
    rf"(?P<relative>\b[Tt]he (?:following (?:year|month)|year before)\b)"
    rf"|(?P<season>\b(?:[Tt]he )?(?P<season_name>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all)(?: of)? (?P<season_year>{YEAR})){END}"
    rf"|(?P<decade>(?:\b[Tt]he )?(?:(?P<part>early|mid|late)[- ]|{START})(?P<decade_start>1[5-9]\d0|20\d0)s)\b"
    rf"|{START}(?P<osb>(?P<osb_day>[0-3]?\d) (?P<osb_month>{MONTH}) \[O\.S\. (?P<osb_jday>[0-3]?\d) (?P<osb_jmonth>{MONTH})\],? (?P<osb_year>{YEAR})){END}"
    rf"|(?P<osm>\b(?P<osm_month>{MONTH}) (?P<osm_day>[0-3]?\d) \[O\.S\. (?P<osm_jmonth>{MONTH}) (?P<osm_jday>[0-3]?\d)\],? (?P<osm_year>{YEAR})){END}"
    rf"|(?P<dayof>(?:\b[Tt]he )?{START}(?P<of_day>[0-3]?\d)(?:st|nd|rd|th) of (?P<of_month>{MONTH})(?:,? (?P<of_year>{YEAR}))?){END}"
    rf"|(?<![\d.,/_])(?<![A-Z])(?<![^\d][-–])(?P<daymonth>(?P<day>[0-3]?\d)(?:st|nd|rd|th)? (?P<dm_month>{MONTH})(?:,? (?P<dm_year>{YEAR}))?){END}"
    rf"|(?P<mdy>\b(?P<mdy_month>{MONTH}) (?P<mdy_day>[0-3]?\d)(?:st|nd|rd|th)?(?:,? | [-–] )(?P<mdy_year>{YEAR})){END}"
    rf"|(?P<monthyear>\b(?P<my_month>{MONTH}),? (?P<my_year>{YEAR}|1[5-9]\d \d)){END}"
    rf"|(?P<md>\b(?P<md_month>{MONTH}) (?P<md_day>[0-3]?\d)(?:st|nd|rd|th)?)(?![\w.,:/]\d|\d| \d)"
    rf"|(?<=\b[Ii]n )(?P<month>(?P<mo_month>{MONTH}))(?![\w\-]|,? \d)"
    rf"|{START}(?P<numeric>(?P<nu_day>[0-3]?\d)[./](?P<nu_month>XII|XI|X|IX|VIII|VII|VI|IV|V|III|II|I|1[0-2]|0?[1-9])[./](?P<nu_year>{YEAR})){END}"
    rf"|{START}(?P<roman>(?P<ro_day>[0-3]?\d)[./](?P<ro_month>XII|XI|X|IX|VIII|VII|VI|IV|V|III|II|I)\.)(?![\w.])"
    rf"|{START}{NOT_AFTER_WORD}(?P<yearlist>(?P<yl_first>{YEAR})-(?P<yl_second>\d\d)-(?P<yl_third>\d\d)){END}"
    rf"|{START}{NOT_AFTER_WORD}(?P<range>(?P<range_from>{YEAR})[-–](?P<range_to>{YEAR}|\d\d)){END}"
    rf"|{START}{NOT_AFTER_WORD}(?P<year>{YEAR}){END}"
)
# What joins the two ends of a range, and what stands before a date and qualifies it.
CONNECTOR = re.compile(r" ?[–—] ?| ?- | to | until | till | through ")
SHARED_DAYS_AFTER = re.compile(rf"[-–](?P<day>[0-3]?\d),? (?P<year>{YEAR}){END}")
SHARED_DAY_BEFORE = re.compile(r"(?<![\w.,/\-–])(?P<day>[0-3]?\d) ?[-–] ?$")
SHARED_MONTH_BEFORE = re.compile(rf"\b(?P<month>{MONTH}) ?[-–] ?$")
QUALIFIER_BEFORE = re.compile(
    r"(?:\b(?P<after>[Aa]fter)|\b(?P<before>[Bb]efore)|(?<![\w.])(?P<circa>[Cc]\.|[Cc]irca|ca\.)"
    r"|\b(?P<part>(?:[Tt]he )?(?:end|beginning|start|middle) of)) $"
)
OLD_STYLE_AFTER = re.compile(r" ?\((?:O\.S\.|Old Style|old style)\)| (?:O\.S\.|Old Style)(?!\w)")


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
    if name in ABBREVIATED:
        return ABBREVIATED[name]
    if name in ROMAN_MONTHS:
        return ROMAN_MONTHS.index(name) + 1
    if name.isdigit():
        return int(name)
    return MONTHS.index(name) + 1


def _day_date(year: int | None, month: int, day: int) -> dict[str, str]:
    """@when of a day date (raises ValueError when impossible); '--MM-DD' without a year."""
    if year:
        dt.date(year, month, day)
        return {"when": f"{year:04d}-{month:02d}-{day:02d}"}
    if day < 1 or day > (29 if month == 2 else calendar.monthrange(2001, month)[1]):
        raise ValueError(f"day {day} of month {month}")
    return {"when": f"--{month:02d}-{day:02d}"}


def _old_style(year: int, month: int, day: int, julian_month: int, julian_day: int) -> dict[str, str]:
    """A date printed in both styles: the Gregorian @when, the Julian @when-custom."""
    dt.date(year, month, day)
    julian_year = year - 1 if julian_month == 12 and month == 1 else year
    dt.date(julian_year, julian_month, julian_day)
    return {"when": f"{year:04d}-{month:02d}-{day:02d}",
            "when-custom": f"{julian_year:04d}-{julian_month:02d}-{julian_day:02d}", "datingMethod": "ed:julian", "calendar": "ed:julian"}


def attributes(match: re.Match, preceding: str = "") -> dict[str, str]:
    """Return the ISO 8601 attributes of a date expression ({} when it cannot be normalized).

    Raises ValueError for a date that cannot exist (31 February).
    """
    g = match.groupdict()
    if g["osb"] or g["osm"]:
        k = "osb" if g["osb"] else "osm"
        return _old_style(int(g[f"{k}_year"]), _month_number(g[f"{k}_month"]), int(g[f"{k}_day"]),
                          _month_number(g[f"{k}_jmonth"]), int(g[f"{k}_jday"]))
    if g["dayof"]:
        return _day_date(int(g["of_year"]) if g["of_year"] else None, _month_number(g["of_month"]), int(g["of_day"]))
    if g["mdy"]:
        return _day_date(int(g["mdy_year"]), _month_number(g["mdy_month"]), int(g["mdy_day"]))
    if g["md"]:
        return _day_date(None, _month_number(g["md_month"]), int(g["md_day"]))
    if g["numeric"]:
        return _day_date(int(g["nu_year"]), _month_number(g["nu_month"]), int(g["nu_day"]))
    if g["roman"]:
        return _day_date(None, _month_number(g["ro_month"]), int(g["ro_day"]))
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


def date_element(match, source_id: str, rules: DateRules) -> tuple[etree._Element, str]:
    """Return the date element of a match (a DateMatch or a match of DATE_EXPRESSION) and a
    problem to report ('' if none)."""
    text = match.group()
    if isinstance(match, DateMatch):
        if match.problem:
            return element("date", text=text), f"{match.problem}; left without @when"
        attrs = dict(match.attrs)
    else:
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
                 "datingMethod": "ed:julian", "calendar": "ed:julian"}
    from .calendars import julian_month  # an Old Style month: its Gregorian span
    attrs = julian_month(attrs, source_id, text, rules.path)
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


class DateMatch(Found):
    """A date expression found in a text (a point, a range, a qualified date), with the
    attributes that normalize it (or the reason it cannot be); its groups are the point's."""

    def __init__(self, string: str, start: int, end: int, point: re.Match, attrs: dict, problem: str = ""):
        super().__init__(string, start, end)
        self.point, self.attrs, self.problem = point, attrs, problem

    def __getitem__(self, name: str):
        return self.point[name]


class DateFinder:
    """Date expressions: the points of DATE_EXPRESSION, joined into ranges and qualified."""

    def __init__(self, rules: DateRules):
        self.points = SkippingPattern(DATE_EXPRESSION, rules.traps)

    def search(self, text: str, position: int = 0) -> DateMatch | None:
        point = self.points.search(text, position)
        if point is None:
            return None
        start, end = point.start(), point.end()
        try:
            attrs = attributes(point, text[:start])
        except ValueError as exc:
            return DateMatch(text, start, end, point, {}, f"\"{point.group()}\" is not a possible date ({exc})")
        try:
            start, end, attrs = self._extended(text, position, point, attrs)
        except ValueError:
            pass  # the parts do not make a range: the point alone
        return DateMatch(text, start, end, point, attrs)

    def _extended(self, text: str, position: int, point: re.Match, attrs: dict):
        start, end = point.start(), point.end()
        kind = _kind(point)
        if kind in ("daymonth", "mdy", "md", "dayof") and "when" in attrs and (old := OLD_STYLE_AFTER.match(text, end)):
            attrs, end = _julian_marked(attrs), old.end()  # "3 April (O.S.)"
        if kind == "md" and (shared := SHARED_DAYS_AFTER.match(text, end)):  # "August 19-24, 1936"
            year, month = int(shared["year"]), int(attrs["when"][2:4])
            first = _day_date(year, month, int(point["md_day"]))["when"]
            last = _day_date(year, month, int(shared["day"]))["when"]
            return start, shared.end(), _range(first, last)
        if kind in ("daymonth", "monthyear") and "when" in attrs and not attrs["when"].startswith("--"):
            before = text[position:start]
            if kind == "daymonth" and (shared := SHARED_DAY_BEFORE.search(before)):  # "5-12 March 1938"
                first = attrs["when"][:8] + f"{int(shared['day']):02d}"
                dt.date.fromisoformat(first)
                return position + shared.start(), end, _range(first, attrs["when"])
            if kind == "monthyear" and (shared := SHARED_MONTH_BEFORE.search(before)):  # "February-March, 1917"
                first = f"{attrs['when'][:4]}-{_month_number(shared['month']):02d}"
                return position + shared.start(), end, _range(first, attrs["when"])
        if kind not in ("range", "yearlist", "relative") and (joint := CONNECTOR.match(text, end)):
            other = DATE_EXPRESSION.match(text, joint.end())
            if other and _kind(other) not in ("range", "yearlist", "relative", "month"):
                last = attributes(other, text[:other.start()])
                if "when" in attrs and "when" in last:
                    first = _lend_year(attrs["when"], last["when"])
                    other_end = other.end()
                    if (old := OLD_STYLE_AFTER.match(text, other_end)) and len(last["when"]) == 10:
                        other_end = old.end()
                    return start, other_end, _range(first, last["when"])
        if "when" in attrs and (qualifier := QUALIFIER_BEFORE.search(text[position:start])):
            begin = position + qualifier.start()
            if qualifier["after"]:
                return begin, end, {"notBefore": attrs["when"]}
            if qualifier["before"]:
                return begin, end, {"notAfter": attrs["when"]}
            return begin, end, {**attrs, "precision": "low"}
        if kind == "decade" and (qualifier := QUALIFIER_BEFORE.search(text[position:start])) and qualifier["circa"]:
            return position + qualifier.start(), end, {**attrs, "precision": "low"}
        return start, end, attrs


def _kind(point: re.Match) -> str:
    return next(name for name in ("relative", "season", "decade", "osb", "osm", "dayof", "daymonth", "mdy",
                                  "monthyear", "md", "month", "numeric", "roman", "yearlist", "range", "year")
                if point[name])


def _range(first: str, last: str) -> dict[str, str]:
    if first.startswith("--") or last.startswith("--") or first >= last:
        raise ValueError(f"{first} – {last} is not a range")
    return {"from": first, "to": last}


def _lend_year(first: str, last: str) -> str:
    """The start of a range that prints no year takes the year of its end ("10 February – 1 December 1934")."""
    if first.startswith("--") and not last.startswith("--"):
        return last[:4] + first[1:]
    return first


def _julian_marked(attrs: dict) -> dict:
    """A day date marked Old Style: its Gregorian day in @when, the printed day in @when-custom."""
    when = attrs["when"]
    if when.startswith("--"):
        return attrs
    year, month, day = (int(x) for x in when.split("-"))
    gregorian = julian_to_gregorian(year, month, day)
    return {"when": gregorian.isoformat(), "when-custom": when, "datingMethod": "ed:julian", "calendar": "ed:julian"}


def _with_context_year(attrs: dict, memory: dict) -> dict:
    """A day or month without a year takes the last year printed before it (cert medium)."""
    when = attrs.get("when", "")
    year = memory.get("year")
    if when.startswith("--") and year:
        return {**attrs, "when": f"{year}-{when[2:]}", "cert": "medium"}
    return attrs


def _remember_year(attrs: dict, memory: dict) -> None:
    for key in ("to", "when", "notAfter", "from", "notBefore"):
        value = attrs.get(key, "")
        if len(value) >= 4 and value[:4].isdigit() and attrs.get("cert") != "medium":
            memory["year"] = value[:4]
            return


def recognizer(rules: DateRules, manifest=None) -> Recognizer:
    """The recognizer of date expressions; problems are reported with the seed line."""

    def build(match: DateMatch, ctx) -> etree._Element:
        built, problem = date_element(match, ctx.source.id, rules)
        if problem:
            ctx.warn(_seed_line(manifest, ctx.source, match), problem)
        elif built.get("when", "").startswith("--"):
            for name, value in _with_context_year(dict(built.attrib), ctx.memory).items():
                built.set(name, value)
        _remember_year(dict(built.attrib), ctx.memory)
        built.text = None
        saved = ctx.recognizers  # inside a date, only corrections and names (what a date may hold)
        ctx.recognizers = tuple(r for r in saved if r.name in ("correction", "persons"))
        try:
            return fill(built, match.group(), ctx)
        finally:
            ctx.recognizers = saved

    return Recognizer("dates", DateFinder(rules), build)


def _seed_line(manifest, source, match: re.Match) -> int:
    """The line of the received file where a match stands (the block's first line if unsure)."""
    line_text = match.string[:match.end()].split("\n")[-1]
    if manifest is not None:
        for number, text in manifest.lines_of(source):
            if line_text and line_text in text:
                return number
    return source.first_line


RECOGNIZER = DataRecognizer("dates", lambda manifest: recognizer(rules_for(manifest), manifest))
