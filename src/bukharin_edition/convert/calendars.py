"""Old Style months: a month (or a month and year) that a source dates by the Julian calendar.

A day date is Old Style when seeds/chronology.toml lists it under [[julian]] (convert/dates.py).
A month is a span of days, and a Julian month is not the Gregorian month of the same name:
February 1917 Old Style runs from 14 February to 13 March 1917 New Style. A month listed under
[[julian_month]] is encoded with the Gregorian span it denotes (@from, @to), the month as printed
in the Julian calendar (@when-custom, @datingMethod and @calendar pointing at ed:julian), and the
editors' certainty that the source dates by the Julian calendar (@cert, where it is not high).

    [[julian_month]]  source, text (the date as printed), year (for a month printed without
                      one), cert (optional: medium or low), basis (why the source uses Old Style)
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ConversionError
from .datafile import DataFile

GREGORIAN_IN_RUSSIA = dt.date(1918, 2, 14)
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
MONTH_TEXT = re.compile(r"^(?:(?:early|late|mid-)\s*)?(?P<month>[A-Z][a-z]+),?(?: (?P<year>\d{4}))?$")


@dataclass(frozen=True)
class MonthRule:
    source: str
    text: str
    year: int
    month: int
    cert: str
    line: int


def julian_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Julian calendar day (by its Julian Day Number)."""
    a = (14 - month) // 12
    y, m = year + 4800 - a, month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return dt.date.fromordinal(jdn - 1721425)


def julian_month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last Gregorian days of a Julian month (a Julian February has 29 days in
    every year divisible by 4)."""
    last = 29 if month == 2 and year % 4 == 0 else (28 if month == 2 else calendar.monthrange(2001, month)[1])
    return julian_to_gregorian(year, month, 1), julian_to_gregorian(year, month, last)


def month_attributes(rule: MonthRule) -> dict[str, str]:
    """The attributes of a Julian month: its Gregorian span, its printed form and calendar."""
    first, last = julian_month_span(rule.year, rule.month)
    attrs = {"from": first.isoformat(), "to": last.isoformat(),
             "when-custom": f"{rule.year:04d}-{rule.month:02d}",
             "datingMethod": "ed:julian", "calendar": "ed:julian"}
    if rule.cert != "high":
        attrs["cert"] = rule.cert
    return attrs


def load_month_rules(path: Path, source_ids: set[str] | None = None) -> tuple[MonthRule, ...]:
    """Read the [[julian_month]] tables of seeds/chronology.toml; problems name their line."""
    data = DataFile(path)
    lines = data.table_lines("julian_month")
    rules, problems = [], []
    for index, entry in enumerate(data.data.get("julian_month", [])):
        where = data.where(lines[index] if index < len(lines) else 1)
        source, text, cert = entry.get("source", ""), entry.get("text", ""), entry.get("cert", "high")
        match = MONTH_TEXT.match(text) if isinstance(text, str) else None
        year = int((match and match["year"]) or entry.get("year") or 0)
        if not entry.get("basis"):
            problems.append(f"{where}: an Old Style month needs a basis (why the source uses Old Style)")
        if source_ids is not None and source not in source_ids:
            problems.append(f"{where}: unknown source '{source}'")
        elif not match or match["month"] not in MONTHS:
            problems.append(f"{where}: \"{text}\" is not a month (such as \"February 1917\")")
        elif not year:
            problems.append(f"{where}: \"{text}\" prints no year; give year = …")
        elif cert not in ("high", "medium", "low"):
            problems.append(f"{where}: cert {cert!r} is not high, medium or low")
        elif julian_month_span(year, MONTHS[match["month"]])[0] >= GREGORIAN_IN_RUSSIA:
            problems.append(f"{where}: \"{text}\" {year} falls after Russia adopted the Gregorian calendar")
        else:
            rules.append(MonthRule(source, text, year, MONTHS[match["month"]], cert, lines[index]))
    if problems:
        raise ConversionError(f"{path}: {len(problems)} problem(s) in the Old Style months:\n  " + "\n  ".join(problems))
    return tuple(rules)


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> tuple[MonthRule, ...]:
    return load_month_rules(Path(path))


def julian_month(attrs: dict[str, str], source_id: str, text: str, path: Path | None) -> dict[str, str]:
    """The attributes of a date: those of its Julian month if the editors list it, else attrs."""
    if path is None or not Path(path).exists():
        return attrs
    for rule in _cached(str(path), Path(path).stat().st_mtime):
        if rule.source == source_id and rule.text == text:
            return month_attributes(rule)
    return attrs
