"""Dates: every date expression encoded with ISO 8601 attributes; numbers that are not dates left alone."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from bukharin_edition import convert as converting
from bukharin_edition.convert.context import Context
from bukharin_edition.convert.dates import DATE_EXPRESSION, attributes, julian_to_gregorian, load_rules
from bukharin_edition.convert.inline import DataRecognizer, fill
from bukharin_edition.errors import ConversionError
from bukharin_edition.fidelity import compare, inline_text
from bukharin_edition.manifest import load_manifest
from bukharin_edition.tei import TEI_NS, element

from conftest import ROOT, make_project

NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
GOLDEN = ROOT / "tests/fixtures/dates.tsv"


def dates_rows(documents) -> list[str]:
    rows = []
    for name, document in documents.items():
        if name in ("edition.xml", "persons.xml"):
            continue
        root = etree.fromstring(document.data)
        for date in root.iterfind(".//t:text//t:date", NS):
            block = next(a for a in date.iterancestors() if a.get(XML_ID))
            attrs = " ".join(f"{k}={v}" for k, v in sorted(date.attrib.items()))
            rows.append(f"{name[:-4]}\t{block.get(XML_ID)}\t{inline_text(date)}\t{attrs}")
    return rows


def test_every_date_of_every_source_is_the_reviewed_list(documents, request):
    """The full list of dates with their attributes (tests/fixtures/dates.tsv, reviewed by people)."""
    rows = dates_rows(documents)
    if request.config.getoption("--update-goldens"):
        GOLDEN.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert rows == GOLDEN.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("source, text, attrs", [
    ("spartacus-biography", "27th September 1888",
     {"when": "1888-10-09", "when-custom": "1888-09-27", "datingMethod": "ed:julian", "calendar": "ed:julian"}),
    ("colley-brief-summary", "9 October 1888", {"when": "1888-10-09"}),
    ("spartacus-biography", "3rd April, 1917",
     {"when": "1917-04-16", "when-custom": "1917-04-03", "datingMethod": "ed:julian", "calendar": "ed:julian"}),
    ("spartacus-biography", "25th March, 1917", {"when": "1917-03-25"}),
    ("mia-permanent-revolution", "9 January",
     {"when": "1905-01-22", "when-custom": "1905-01-09", "datingMethod": "ed:julian", "calendar": "ed:julian"}),
    ("mia-permanent-revolution", "13 December 1924", {"when": "1924-12-13"}),
    ("mia-permanent-revolution", "February 1925", {"when": "1925-02"}),
    ("mia-permanent-revolution", "1904-05-06", {"from": "1904", "to": "1906"}),
    ("mia-permanent-revolution", "1905-07", {"from": "1905", "to": "1907"}),
    ("spartacus-biography", "the spring of 1927", {"notBefore": "1927-03", "notAfter": "1927-05", "precision": "low"}),
    ("spartacus-biography", "spring 1928", {"notBefore": "1928-03", "notAfter": "1928-05", "precision": "low"}),
    ("spartacus-biography", "July, 1928", {"when": "1928-07"}),
    ("spartacus-biography", "6th March", {"when": "1921-03-06", "cert": "medium"}),  # the year printed before
    ("siegelbaum-industrialization-debate", "the mid-1920s",
     {"notBefore": "1923", "notAfter": "1927", "precision": "low"}),
    ("omodeo-abstract", "the 1930s", {"notBefore": "1930", "notAfter": "1939"}),
    ("encyclopedia-bukharin", "1985–1991", {"from": "1985", "to": "1991"}),
    ("encyclopedia-bukharin", "the year before", {"when": "1905", "cert": "medium"}),
    ("colley-brief-summary", "the following year", {"when": "1906", "cert": "medium"}),
    ("smarthistories-bukharin", "1888-1938", {"from": "1888", "to": "1938"}),
    ("smarthistories-bukharin", "1927-29", {"from": "1927", "to": "1929"}),
])
def test_date_forms_are_normalized(documents, source, text, attrs):
    root = etree.fromstring(documents[f"{source}.xml"].data)
    found = [dict(d.attrib) for d in root.iterfind(".//t:text//t:date", NS) if inline_text(d) == text]
    assert found and found[0] == attrs


# Numbers of the seed that are not dates: (source, the number in its context).
TRAPS = [
    ("spartacus-biography", "An estimated 8,000 people"),
    ("spartacus-biography", "527 people were killed"),
    ("spartacus-biography", "4,127 were wounded"),
    ("spartacus-biography", "over 500 sailors"),
    ("spartacus-biography", "150,000 households"),
    ("spartacus-biography", "signed by 83 oppositionists"),
    ("spartacus-biography", "another 75 oppositionists"),
    ("spartacus-biography", "voted 13 to 2"),
    ("spartacus-biography", "180-degree turn"),
    ("smarthistories-bukharin", "600-word letter"),
    ("smarthistories-bukharin", "The Trial of the 21"),
    ("colley-brief-summary", "the 17-year-old Bukharin"),
    ("colley-brief-summary", "some 1,400 pages"),
    ("colley-brief-summary", "200 poems"),
    ("colley-brief-summary", "18 months in a cell"),
    ("colley-brief-summary", "aged 49"),
    ("colley-brief-summary", "15 years later"),
    ("bordiga-enrich-yourselves", "from form 2 to form 3"),
    ("mia-permanent-revolution", "Volume 5, no 10"),
    ("mia-permanent-revolution", "page 50) [1]"),
    ("mia-permanent-revolution", "pp 4-5) [2]"),
    ("mia-permanent-revolution", "Volume 3, Gosizdat"),
    ("mia-permanent-revolution", "p 501) [5]"),
    ("mia-permanent-revolution", "[12]"),
    ("mia-permanent-revolution", "course of 12 years"),
    ("mia-permanent-revolution", "Volume 13, pp 213-14) [17]"),
    ("mia-permanent-revolution", "Volume 11, part 1, p 229) [13]"),
    ("mia-permanent-revolution", "Volume 12, p 413) [14]"),
    ("mia-permanent-revolution", "p 178). [15]"),
    ("mia-permanent-revolution", "pp 50-51"),
    ("mia-permanent-revolution", "Volume 8, Part 2, p 213"),
    ("mia-permanent-revolution", "no 28, pp 166-69"),
    ("mia-permanent-revolution", "Volume 4, p 209"),
    # The title of Trotsky's book 1905, where the year stands for the book: not a date.
    ("mia-permanent-revolution", "his book 1905"),
    ("mia-permanent-revolution", "(1905, second edition"),
    ("mia-permanent-revolution", "LD Trotsky, 1905, Preface"),
]


def _date_spans(block) -> tuple[str, list[tuple[int, int]]]:
    text, spans = block.text or "", []
    for child in block:
        piece = inline_text(child)
        if child.tag == f"{{{TEI_NS}}}date":
            spans.append((len(text), len(text) + len(piece)))
        text += piece + (child.tail or "")
    return text, spans


@pytest.mark.parametrize("source, context", TRAPS)
def test_numbers_that_are_not_dates_are_never_dates(documents, source, context):
    root = etree.fromstring(documents[f"{source}.xml"].data)
    seen = 0
    for block in root.find("t:text", NS).iter(f"{{{TEI_NS}}}p", f"{{{TEI_NS}}}head", f"{{{TEI_NS}}}item",
                                               f"{{{TEI_NS}}}bibl", f"{{{TEI_NS}}}cit"):
        text, spans = _date_spans(block)
        start = text.find(context)
        while start != -1:
            seen += 1
            end = start + len(context)
            assert not any(a < end and start < b for a, b in spans), (block.get(XML_ID), context)
            start = text.find(context, start + 1)
    assert seen, f"the trap {context!r} is not in {source}"


def test_a_split_year_is_one_date_with_its_regularization_inside(documents):
    """'August 193 6': the date holds the orig/reg of the split year (nesting of recognizers)."""
    root = etree.fromstring(documents["trial-1938.xml"].data)
    date = next(d for d in root.iterfind(".//t:text//t:date", NS) if inline_text(d) == "August 193 6")
    assert date.get("when") == "1936-08"
    assert date.find("t:choice/t:orig", NS).text == "193 6"
    assert date.find("t:choice/t:reg", NS).text == "1936"


def test_julian_dates_convert_to_the_gregorian_day():
    assert julian_to_gregorian(1888, 9, 27) == dt.date(1888, 10, 9)
    assert julian_to_gregorian(1917, 10, 25) == dt.date(1917, 11, 7)
    assert julian_to_gregorian(1918, 1, 31) == dt.date(1918, 2, 13)


@pytest.mark.parametrize("text", ["31 February 1920", "30 February", "31 April 1921"])
def test_an_impossible_date_cannot_be_normalized(text):
    with pytest.raises(ValueError):
        attributes(DATE_EXPRESSION.fullmatch(text))


def test_an_impossible_date_is_reported_with_its_line_and_kept(tmp_path):
    seed = "A heading\n\nHe left on 31 February 1920 and came back\non 3 March 1921.\n"
    path = make_project(tmp_path, seed)
    manifest = load_manifest(path)
    documents = converting.encode_all(manifest)
    source = documents[1]
    assert source.warnings == [
        "test-source: seed line 3: \"31 February 1920\" is not a possible date (day is out of range for "
        "month); left without @when"
    ]
    root = etree.fromstring(source.data)
    assert [dict(d.attrib) for d in root.iterfind(".//t:text//t:date", NS)] == [{}, {"when": "1921-03-03"}]
    assert compare(path, root, manifest.lines_of(manifest.sources[0])) is None


@pytest.mark.parametrize("rule, message", [
    ('source = "test-source"\ntext = "3 March 1921"\nbasis = "x"',
     "chronology.toml:1: \"3 March 1921\" 1921 falls after Russia adopted the Gregorian calendar"),
    ('source = "test-source"\ntext = "9 January 1905"\nbasis = "x"',
     "chronology.toml:1: \"9 January 1905\" does not occur in source 'test-source'"),
    ('source = "nowhere"\ntext = "3 March 1921"\nbasis = "x"', "chronology.toml:1: unknown source 'nowhere'"),
    ('source = "test-source"\ntext = "March 1921"\nbasis = "x"', "is not a day date"),
    ('source = "test-source"\ntext = "3 March 1921"', "chronology.toml:1: an Old Style date needs a basis"),
])
def test_bad_old_style_rules_are_reported_with_their_line(tmp_path, rule, message):
    path = make_project(tmp_path, "He left on 3 March 1921.\n", chronology="[[julian]]\n" + rule + "\n")
    with pytest.raises(ConversionError) as error:
        load_rules(path.parent / "chronology.toml", load_manifest(path))
    assert message in error.value.message


def test_the_shared_file_declares_the_julian_calendar(documents):
    root = etree.fromstring(documents["edition.xml"].data)
    calendar = root.find("t:teiHeader/t:profileDesc/t:calendarDesc/t:calendar", NS)
    assert calendar.get(XML_ID) == "julian"


# ---------------------------------------------------------------- fidelity of the recognizers

FRAGMENTS = [
    "27th September 1888", "3rd April, 1917", "the spring of 1927", "mid-1920s", "the 1930s", "1904-05-06",
    "(1985–1991)", "1888-1938", "p 501", "8,000", "[12]", "Stalin", "’s", "Lev Kamenev", "Kamenev",
    "Vladimir Il’ich", "TROTSKY", "Leninism", "the following year", "31 February", "1905", " ", "\n", ",",
    "Anna Larina", "Sverdlov University", "Bukharin", "May", "s", "-",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS),
                          st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)),
                max_size=12).map("".join))
def test_arbitrary_text_through_the_recognizers_keeps_fidelity(text):
    manifest = _corpus_manifest()
    source = manifest.sources[0]
    recognizers = tuple(r.bind(manifest) if isinstance(r, DataRecognizer) else r
                        for r in converting.COMMON_RECOGNIZERS)
    p = fill(element("p"), text, Context(source, recognizers=recognizers))
    assert inline_text(p) == text  # recognizers may nest ([27th September 1888] is a supplied date)


_MANIFEST = []


def _corpus_manifest():
    if not _MANIFEST:
        _MANIFEST.append(load_manifest(ROOT / "seeds/sources.toml", profiles=converting.PROFILES))
    return _MANIFEST[0]


# ---------------------------------------------------------------- the forms of new sources

@pytest.mark.parametrize("text, printed, attrs", [
    ("on November 25, 1917 it", "November 25, 1917", {"when": "1917-11-25"}),
    ("on March 5 1938 it", "March 5 1938", {"when": "1938-03-05"}),
    ("June 01, 2011", "June 01, 2011", {"when": "2011-06-01"}),
    ("on the 13th of March, 1938", "the 13th of March, 1938", {"when": "1938-03-13"}),
    ("dated 5.III.1938.", "5.III.1938", {"when": "1938-03-05"}),
    ("dated 12.3.1938 in", "12.3.1938", {"when": "1938-03-12"}),
    ("7/IX.1922", "7/IX.1922", {"when": "1922-09-07"}),
    ("Sept. 1917", "Sept. 1917", {"when": "1917-09"}),
    ("from 16 January 1919 – 15 July 1923", "16 January 1919 – 15 July 1923", {"from": "1919-01-16", "to": "1923-07-15"}),
    ("10 February – 1 December 1934", "10 February – 1 December 1934", {"from": "1934-02-10", "to": "1934-12-01"}),
    ("March 5 - March 12 1938", "March 5 - March 12 1938", {"from": "1938-03-05", "to": "1938-03-12"}),
    ("July 1921 to January 1926", "July 1921 to January 1926", {"from": "1921-07", "to": "1926-01"}),
    ("held August 19-24, 1936.", "August 19-24, 1936", {"from": "1936-08-19", "to": "1936-08-24"}),
    ("held 5-12 March 1938.", "5-12 March 1938", {"from": "1938-03-05", "to": "1938-03-12"}),
    ("in February-March, 1917 the", "February-March, 1917", {"from": "1917-02", "to": "1917-03"}),
    ("written after June 20, 1916", "after June 20, 1916", {"notBefore": "1916-06-20"}),
    ("before 1917 he", "before 1917", {"notAfter": "1917"}),
    ("at the end of 1925", "the end of 1925", {"when": "1925", "precision": "low"}),
    ("c. 1920s", "c. 1920s", {"notBefore": "1920", "notAfter": "1929", "precision": "low"}),
    ("on 3 April 1917 (O.S.) he", "3 April 1917 (O.S.)",
     {"when": "1917-04-16", "when-custom": "1917-04-03", "datingMethod": "ed:julian", "calendar": "ed:julian"}),
    ("27 March [O.S. 15 March] 1886", "27 March [O.S. 15 March] 1886",
     {"when": "1886-03-27", "when-custom": "1886-03-15", "datingMethod": "ed:julian", "calendar": "ed:julian"}),
    ("Born August 13 [O.S. August 1] 1873", "August 13 [O.S. August 1] 1873",
     {"when": "1873-08-13", "when-custom": "1873-08-01", "datingMethod": "ed:julian", "calendar": "ed:julian"}),
    ("Died1 December 1934(1934-12-01)", "1 December 1934", {"when": "1934-12-01"}),
])
def test_the_date_forms_of_new_sources_are_read_whole(text, printed, attrs):
    from bukharin_edition.convert.dates import DateFinder, DateRules
    found = DateFinder(DateRules()).search(text)
    assert found is not None and (found.group(), found.attrs) == (printed, attrs)


@pytest.mark.parametrize("text", ["see pp. 1917-1920 of it", "p. 1925", "Article 1917 says", "No. 1918"])
def test_page_and_article_numbers_are_not_dates(text):
    from bukharin_edition.convert.dates import DateFinder, DateRules
    assert DateFinder(DateRules()).search(text) is None


def test_a_day_without_a_year_takes_the_year_printed_before_it_with_cert(tmp_path):
    path = make_project(tmp_path, "The trial opened in March 1938.\n\nOn March 5 the court sat late.\n")
    root = etree.fromstring(converting.encode_all(load_manifest(path))[1].data)
    assert [(inline_text(d), dict(d.attrib)) for d in root.iterfind(".//t:text//t:date", NS)] == [
        ("March 1938", {"when": "1938-03"}), ("March 5", {"when": "1938-03-05", "cert": "medium"})]
