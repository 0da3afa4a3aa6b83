"""Old Style months: the Gregorian span a Julian month denotes, from the editors' list."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from bukharin_edition.convert.calendars import julian_month_span, load_month_rules
from bukharin_edition.errors import ConversionError

ROOT = Path(__file__).resolve().parents[1]
NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.mark.parametrize("year, month, span", [
    (1917, 2, ("1917-02-14", "1917-03-13")),   # the February Revolution's month
    (1917, 10, ("1917-10-14", "1917-11-13")),  # the October Revolution's month
    (1900, 2, ("1900-02-13", "1900-03-13")),   # a Julian leap year that is not a Gregorian one
    (1888, 9, ("1888-09-13", "1888-10-12")),
])
def test_a_julian_month_is_the_span_of_gregorian_days_it_denotes(year, month, span):
    assert tuple(d.isoformat() for d in julian_month_span(year, month)) == span


def test_every_day_of_a_julian_month_is_twelve_or_thirteen_days_on():
    for year, month in ((1888, 9), (1905, 1), (1917, 2), (1917, 12)):
        first, last = julian_month_span(year, month)
        assert (first - dt.date(year, month, 1)).days in (12, 13)


def test_the_old_style_months_of_the_sources_are_encoded_with_their_span():
    root = etree.parse(str(ROOT / "tei" / "mia-permanent-revolution.xml")).getroot()
    months = {"".join(d.itertext()): dict(d.attrib) for d in root.iterfind(".//t:text//t:date[@calendar]", NS)}
    assert months["February, 1917"] == {"calendar": "ed:julian", "datingMethod": "ed:julian", "from": "1917-02-14",
                                        "to": "1917-03-13", "when-custom": "1917-02"}
    assert months["October"]["cert"] == "medium" and months["October"]["from"] == "1917-10-14"
    encyclopedia = etree.parse(str(ROOT / "tei" / "encyclopedia-bukharin.xml")).getroot()
    october = [d for d in encyclopedia.iterfind(".//t:text//t:date", NS) if "".join(d.itertext()) == "October 1917"]
    assert october[0].get("when") is None and october[0].get("from") == "1917-10-14"


def test_a_month_after_the_change_of_calendar_is_refused_with_its_line(tmp_path):
    path = tmp_path / "chronology.toml"
    path.write_text('[[julian_month]]\nsource = "x"\ntext = "March 1918"\nbasis = "b"\n', encoding="utf-8")
    with pytest.raises(ConversionError) as refused:
        load_month_rules(path)
    assert "chronology.toml:1: \"March 1918\" 1918 falls after Russia adopted the Gregorian calendar" in refused.value.message
