"""The calendar rule agrees with an independent Julian → Gregorian conversion (day counting)."""
from __future__ import annotations

import datetime
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings, strategies as st

from schema_support import FIXTURES, validator  # noqa: F401 (fixture)

# Julian 1582-10-05 was Gregorian 1582-10-15, the day the Gregorian calendar began.
ANCHOR_JULIAN = (1582, 10, 5)
ANCHOR_GREGORIAN = datetime.date(1582, 10, 15)


def _julian_days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def julian_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    """Count Julian days from the anchor, one month at a time (no formula shared with the rule)."""
    y, m, d = ANCHOR_JULIAN
    days = -d
    while (y, m) < (year, month):
        days += _julian_days_in_month(y, m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    days += day
    return ANCHOR_GREGORIAN + datetime.timedelta(days=days)


TEMPLATE = (FIXTURES / "valid" / "calendar-agrees-passes.xml").read_text(encoding="utf-8")


def _check(validator, when: str, custom: str) -> list[str]:
    text = TEMPLATE.replace('when="1888-10-09" when-custom="1888-09-27"', f'when="{when}" when-custom="{custom}"', 1)
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(FIXTURES / "valid" / "edition.xml", Path(folder) / "edition.xml")
        path = Path(folder) / "calendar-agrees-passes.xml"  # the file is named after its xml:id
        path.write_text(text, encoding="utf-8")
        return [p.rule for p in validator.check_file(path)]


def test_the_offsets_of_the_brief():
    assert julian_to_gregorian(1888, 9, 27) == datetime.date(1888, 10, 9)  # 12 days in the 1800s
    assert julian_to_gregorian(1900, 2, 28) == datetime.date(1900, 3, 12)  # still 12
    assert julian_to_gregorian(1900, 2, 29) == datetime.date(1900, 3, 13)  # 13 from here on
    assert julian_to_gregorian(1917, 10, 25) == datetime.date(1917, 11, 7)


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=datetime.date(1700, 3, 1), max_value=datetime.date(2099, 12, 31)))
def test_the_rule_accepts_the_right_day_and_refuses_the_next(validator, julian):
    custom = julian.isoformat()  # the same digits, read as a Julian date
    gregorian = julian_to_gregorian(julian.year, julian.month, julian.day)
    assert _check(validator, gregorian.isoformat(), custom) == []
    wrong = (gregorian + datetime.timedelta(days=1)).isoformat()
    assert "calendar-agrees" in _check(validator, wrong, custom)
