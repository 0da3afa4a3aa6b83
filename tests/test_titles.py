"""Titles of works: <title level> from the editors' list; names and dates inside are not mentions or statements."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree, html as lxml_html

from bukharin_edition.publish.search import block_record
from bukharin_edition.publish.persons import mentions_in
from bukharin_edition.chronology import statements_of
from bukharin_edition.convert.titles import load_titles
from bukharin_edition.errors import ConversionError

ROOT = Path(__file__).resolve().parents[1]
NS = {"t": "http://www.tei-c.org/ns/1.0"}
TEI_FILES = sorted(p for p in (ROOT / "tei").glob("*.xml") if p.stem not in ("edition", "persons"))


def _titles(path: Path):
    return etree.parse(str(path)).getroot().findall(".//t:text//t:title", NS)


def test_the_works_the_texts_name_are_titles_with_their_level():
    found = {("".join(t.itertext()), t.get("level")) for p in TEI_FILES for t in _titles(p)}
    assert ("Stalin: The Court of the Red Tsar", "m") in found
    assert ("Red October: The Bolshevik Revolution of 1917", "m") in found
    assert ("MOSCOW, 1937", "m") in found and ("1905", "m") in found
    assert ("Pravda", "j") in found and ("Two Lines of Revolutions", "a") in found


def test_no_name_and_no_date_is_encoded_inside_a_title():
    inside = [etree.tostring(t, encoding="unicode") for p in TEI_FILES for t in _titles(p)
              if t.find(".//t:persName", NS) is not None or t.find(".//t:date", NS) is not None]
    assert inside == []


def test_the_year_1905_is_a_date_except_where_it_is_trotsky_s_book():
    root = etree.parse(str(ROOT / "tei" / "mia-permanent-revolution.xml")).getroot()
    books = [t for t in _titles(ROOT / "tei" / "mia-permanent-revolution.xml") if t.text == "1905"]
    years = [d for d in root.iterfind(".//t:text//t:date", NS) if "".join(d.itertext()) == "1905"]
    assert len(books) == 4 and years


def test_a_title_s_names_and_dates_never_reach_the_person_pages_the_chronology_or_the_search_filters():
    """Even where an editor encodes a name or a date inside a title by hand."""
    root = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div xml:id="x-div1">'
        '<p xml:id="x-p1">Montefiore, the author of <title level="m"><persName ref="per:stalin">Stalin</persName>: '
        'The Court of the Red Tsar</title>, wrote of <persName ref="per:stalin">Stalin</persName> in '
        '<date when="2003">2003</date>; <title level="m">Red October: The Bolshevik Revolution of '
        '<date when="1917">1917</date></title>.</p></div></body></text></TEI>')
    assert [m[0] for m in mentions_in(root)] == ["stalin"]  # the one outside the title
    assert [s.text for s in statements_of("x", root)] == ["2003"]
    block = lxml_html.fromstring(
        '<p id="x-p1">the author of <cite data-tei="title"><span data-tei="persName" data-ref="per:stalin">Stalin'
        '</span>: The Court</cite>, of <span data-tei="persName" data-ref="per:lenin">Lenin</span></p>')
    assert block_record(block)[1] == ["lenin"]


def test_the_person_pages_and_the_chronology_hold_no_mention_inside_a_title(tmp_path):
    from bukharin_edition.publish import build_edition

    report = build_edition(ROOT / "tei", ROOT / "xslt", tmp_path / "edition", pdf=False)
    assert report.problems == []
    stalin = (tmp_path / "edition" / "persons" / "stalin.html").read_text(encoding="utf-8")
    assert "The Court of the Red Tsar" not in stalin  # the title's "Stalin" is not a mention
    chronology = (tmp_path / "edition" / "chronology.html").read_text(encoding="utf-8")
    # the sentence is a statement of its own date (1967), not of the title's 1917
    assert chronology.count("Red October: The Bolshevik Revolution of 1917") == 1
    reading = (tmp_path / "edition" / "spartacus-biography" / "reading.html").read_text(encoding="utf-8")
    assert '<cite class="ed-title" data-tei="title">Stalin: The Court of the Red Tsar</cite>' in reading


def test_a_title_without_a_level_is_refused_with_its_line(tmp_path):
    path = tmp_path / "titles.toml"
    path.write_text('[[title]]\ntext = "Pravda"\nlevel = "j"\n\n[[title]]\ntext = "Izvestia"\nlevel = "x"\n', encoding="utf-8")
    with pytest.raises(ConversionError) as refused:
        load_titles(path)
    assert refused.value.message == 'titles.toml:5: title "Izvestia": level \'x\' is not one of a, m, j, s, u'


def test_foreign_words_and_titles_carry_their_language():
    siegelbaum = etree.parse(str(ROOT / "tei" / "siegelbaum-industrialization-debate.xml")).getroot()
    assert [(f.text, f.get("{http://www.w3.org/XML/1998/namespace}lang"))
            for f in siegelbaum.iterfind(".//t:text//t:foreign", NS)] == [("smychka", "ru-Latn")]
    langs = {t.text: t.get("{http://www.w3.org/XML/1998/namespace}lang")
             for p in TEI_FILES for t in _titles(p)}
    assert langs["Die Neue Zeit"] == "de" and langs["Stalin: The Court of the Red Tsar"] is None


def test_a_foreign_word_is_rendered_with_its_language(tmp_path):
    from bukharin_edition.publish import build_edition

    report = build_edition(ROOT / "tei", ROOT / "xslt", tmp_path / "edition", pdf=False)
    assert report.problems == []
    page = (tmp_path / "edition" / "siegelbaum-industrialization-debate" / "reading.html").read_text(encoding="utf-8")
    assert '<span class="ed-foreign" data-tei="foreign" lang="ru-Latn">smychka</span>' in page
