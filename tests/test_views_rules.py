"""One small test per rule of the views: a TEI snippet in, the HTML that rule makes out."""
from __future__ import annotations

import pytest
from saxonche import PySaxonApiError

from conftest import ROOT
from htmltext import parse

TEMPLATE = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="rule" xml:lang="en">
<teiHeader><fileDesc><titleStmt><title type="main">Rule</title></titleStmt>
<publicationStmt><p>test</p></publicationStmt><sourceDesc><bibl><title>Rule</title></bibl></sourceDesc></fileDesc>
<profileDesc><particDesc><listPerson><person xml:id="bukharin" corresp="per:bukharin"><persName type="label">BUKHARIN</persName></person></listPerson></particDesc></profileDesc>
</teiHeader><text><body><div xml:id="rule-div1">{body}</div></body></text></TEI>"""


@pytest.fixture(scope="module")
def views(saxon):
    """The three view stylesheets, each compiled once for this module."""
    compiler = saxon.new_xslt30_processor()
    return {name: compiler.compile_stylesheet(stylesheet_file=str(ROOT / "xslt" / f"{name}.xsl"))
            for name in ("reading", "diplomatic", "apparatus")}


def render(views, saxon, view: str, body: str):
    node = saxon.parse_xml(xml_text=TEMPLATE.format(body=body))
    html = parse(views[view].transform_to_string(xdm_node=node))
    return html.xpath("//article")[0]


def text(el) -> str:
    return "".join(el.itertext())


def without_interface(el):
    for ui in el.xpath(".//*[@data-edition]"):
        ui.getparent().remove(ui) if ui.tail is None else _drop_keep_tail(ui)
    return el


def _drop_keep_tail(el):
    parent, tail = el.getparent(), el.tail
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def test_sic_with_corr_shows_corr_in_reading_and_the_original_on_focus(views, saxon):
    art = render(views, saxon, "reading", '<p xml:id="rule-p1">co-editors of <choice><sic>Pravada</sic><corr resp="ed:editors">Pravda</corr></choice>.</p>')
    choice = art.xpath(".//*[@data-tei='choice']")[0]
    assert choice.tag == "a" and choice.get("href") == "apparatus.html#app-rule-p1-choice-1"
    assert choice.xpath("string(.//*[@data-tei='corr'])") == "Pravda"
    assert choice.xpath("string(.//*[@class='ed-was'])") == " (printed: Pravada)"


def test_sic_with_corr_shows_only_sic_in_diplomatic(views, saxon):
    art = render(views, saxon, "diplomatic", '<p xml:id="rule-p1">of <choice><sic>Pravada</sic><corr resp="ed:editors">Pravda</corr></choice>.</p>')
    assert text(without_interface(art.xpath(".//p")[0])) == "of Pravada."


def test_orig_with_reg_shows_reg_in_reading_orig_in_diplomatic(views, saxon):
    body = '<p xml:id="rule-p1">August <choice><orig>193 6</orig><reg resp="ed:editors">1936</reg></choice></p>'
    reading = render(views, saxon, "reading", body)
    assert reading.xpath("string(.//*[@data-tei='reg'])") == "1936"
    diplomatic = without_interface(render(views, saxon, "diplomatic", body).xpath(".//p")[0])
    assert text(diplomatic) == "August 193 6"


def test_editors_note_shown_in_reading_left_out_of_diplomatic(views, saxon):
    body = '<p xml:id="rule-p1">Text.<note type="editorial" resp="ed:editors">Ours.</note></p>'
    assert "Ours." in text(render(views, saxon, "reading", body))
    assert "Ours." not in text(render(views, saxon, "diplomatic", body))


def test_editors_supplied_left_out_of_diplomatic_source_add_kept(views, saxon):
    body = ('<p xml:id="rule-p1">said <add type="interpolation" place="inline" resp="ed:author">[Stalin]</add>'
            '<supplied resp="ed:editors" reason="omitted">,</supplied> then</p>')
    dipl = without_interface(render(views, saxon, "diplomatic", body).xpath(".//p")[0])
    assert text(dipl) == "said [Stalin] then"
    reading = render(views, saxon, "reading", body)
    assert reading.xpath("string(.//*[contains(@class, 'ed-by-editors')])") == ","
    added = reading.xpath(".//*[@data-tei='add']")[0]
    assert text(added) == "[Stalin]" and added.get("title") == "Added by the author"


def test_an_add_holding_a_name_is_no_link_around_the_names_link(views, saxon):
    body = ('<p xml:id="rule-p1">He <add type="interpolation" place="inline" resp="ed:author">'
            '[<persName ref="per:stalin">Stalin</persName>]</add> is.</p>')
    for view in ("reading", "diplomatic"):
        added = render(views, saxon, view, body).xpath(".//*[@data-tei='add']")[0]
        assert added.tag == "span" and not added.xpath("ancestor::a") and text(added) == "[Stalin]"


def test_omission_keeps_its_printed_mark_in_both_views(views, saxon):
    body = ('<p xml:id="rule-p1">a <choice><orig>[…]</orig><reg resp="ed:editors">'
            '<gap reason="omitted" resp="ed:website"/></reg></choice> b</p>')
    for view in ("reading", "diplomatic"):
        art = render(views, saxon, view, body)
        assert text(without_interface(art.xpath(".//p")[0])) == "a […] b"
    cut = render(views, saxon, "reading", body).xpath(".//*[@data-type='omission']")[0]
    assert cut.get("title") == "Omission marked by the website or its editor"


def test_a_gap_the_source_states_keeps_its_words_and_says_whose_it_is(views, saxon):
    body = ('<p xml:id="rule-p1">a <choice><orig>[illegible]</orig><reg resp="ed:editors">'
            '<gap reason="illegible" resp="ed:author"/></reg></choice> b</p>')
    reading = render(views, saxon, "reading", body)
    assert text(without_interface(reading.xpath(".//p")[0])) == "a [illegible] b"
    assert reading.xpath(".//*[@data-type='omission']")[0].get("title") == "Illegible, says the author"


def test_lost_figure_is_described_in_reading_and_absent_from_diplomatic(views, saxon):
    body = ('<p xml:id="rule-p1">Pictured is a cartoon.</p><figure type="lost" resp="ed:editors">'
            '<figDesc>A figure the text refers to.</figDesc><gap reason="lost"/></figure>')
    reading = render(views, saxon, "reading", body)
    assert "A figure the text refers to." in reading.xpath("string(.//figure[@data-tei='figure']/figcaption)")
    dipl = render(views, saxon, "diplomatic", body)
    assert not dipl.xpath(".//figure") and "figure the text" not in text(dipl)


def test_placeholder_of_a_missing_note_says_so_in_reading_only(views, saxon):
    body = ('<p xml:id="rule-p1">x <ref type="noteref" subtype="unmatched" n="8" target="#rule-note8">[8]</ref></p>'
            '<note xml:id="rule-note8" n="8" type="missing" resp="ed:editors"><gap reason="lost">'
            '<desc>Note 8 is not in the received text.</desc></gap></note>')
    reading = render(views, saxon, "reading", body)
    assert "[Note 8 is not in the received text.]" in text(reading)
    marker = reading.xpath(".//*[@data-tei='ref']")[0]
    assert "ed-unmatched" in marker.get("class")
    assert "Note 8 is not in the received text" not in text(render(views, saxon, "diplomatic", body))


def test_inline_note_shows_its_hand_in_reading(views, saxon):
    art = render(views, saxon, "reading", '<p xml:id="rule-p1">x <note type="sic" place="inline" resp="ed:mia">[sic — MIA]</note></p>')
    note = art.xpath(".//*[@data-tei='note']")[0]
    assert "Marxists Internet Archive" in note.get("title")
    assert note.xpath("string(.//a[@class='ed-hand'])") == "MIA"


def test_noteref_links_to_its_note_and_the_note_links_back(views, saxon):
    body = ('<p xml:id="rule-p1">x <ref type="noteref" n="4" target="#rule-note4">[4]</ref></p>'
            '<note xml:id="rule-note4" n="4" place="end" resp="ed:author" type="author"><p xml:id="rule-p2">Four.</p></note>')
    art = render(views, saxon, "reading", body)
    marker = art.xpath(".//a[@data-type='noteref']")[0]
    assert marker.get("href") == "#rule-note4" and marker.text == "[4]"
    back = art.xpath(".//aside[@id='rule-note4']//a[@role='doc-backlink']")[0]
    assert back.get("href") == "#" + marker.get("id")


def test_unmatched_noteref_is_listed_as_not_present_in_the_apparatus(views, saxon):
    body = '<p xml:id="rule-p1">x <ref type="noteref" subtype="unmatched" n="8">[8]</ref></p>'
    art = render(views, saxon, "apparatus", body)
    entry = art.xpath(".//li[@data-tei='ref']")[0]
    assert "[8]" in text(entry) and "not present in the source" in text(entry)


@pytest.mark.parametrize("target", ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:x",
                                    "data:text/html,x", "vbscript:x", "java\tscript:x"])
def test_unsafe_target_is_never_a_link(views, saxon, target):
    art = render(views, saxon, "reading", f'<p xml:id="rule-p1"><ref target="{target}">click</ref></p>')
    assert not [a for a in art.xpath(".//a") if "script" in (a.get("href") or "") or (a.get("href") or "").startswith("data")]
    assert art.xpath("string(.//*[@data-tei='ref'])") == "click"


def test_text_that_looks_like_markup_is_escaped(views, saxon):
    node = saxon.parse_xml(xml_text=TEMPLATE.format(body='<p xml:id="rule-p1">&lt;script&gt;alert(1)&lt;/script&gt;</p>'))
    html = views["reading"].transform_to_string(xdm_node=node)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_person_and_date_show_register_id_and_iso_date(views, saxon):
    art = render(views, saxon, "reading", '<p xml:id="rule-p1"><persName ref="per:lenin">Lenin</persName> on <date when="1917-04-03">3rd April, 1917</date></p>')
    person = art.xpath(".//*[@data-tei='persName']")[0]
    assert person.get("title") == "Person register: per:lenin"
    date = art.xpath(".//time")[0]
    assert date.get("datetime") == "1917-04-03" and "1917-04-03" in date.get("title")


def test_julian_date_names_both_calendars(views, saxon):
    art = render(views, saxon, "reading", '<p xml:id="rule-p1"><date when="1888-10-09" when-custom="1888-09-27" datingMethod="ed:julian">27th September 1888</date></p>')
    assert art.xpath("string(.//time/@title)") == "1888-10-09, 1888-09-27 in the Julian calendar"


def test_speaker_runs_into_its_speech_in_diplomatic(views, saxon):
    body = '<sp xml:id="rule-sp1" who="#bukharin"><speaker>BUKHARIN:</speaker><p xml:id="rule-p1">Yes.</p></sp>'
    dipl = without_interface(render(views, saxon, "diplomatic", body).xpath(".//p")[0])
    assert text(dipl) == "BUKHARIN: Yes."
    reading = render(views, saxon, "reading", body)
    assert reading.xpath("string(.//*[@data-tei='speaker'])").strip() == "BUKHARIN:"


def test_editors_attributed_turn_names_the_speaker_in_reading_only(views, saxon):
    body = ('<sp xml:id="rule-sp1" who="#bukharin" resp="ed:editors" cert="high">'
            '<certainty cert="high" locus="value" match="@who" resp="ed:editors"/>'
            '<note type="attribution" resp="ed:editors">Why.</note>'
            '<p xml:id="rule-p1">Citizens judges.</p></sp>')
    assert "BUKHARIN" in text(render(views, saxon, "reading", body))
    assert "(speaker attributed by the editors, certainty high)" in text(render(views, saxon, "reading", body))
    assert "BUKHARIN" not in text(render(views, saxon, "diplomatic", body))


def test_block_keeps_its_xml_id_and_provenance(views, saxon):
    art = render(views, saxon, "diplomatic", '<p xml:id="rule-p1" xml:lang="ru">Да.</p>')
    p = art.xpath(".//p[@id='rule-p1']")[0]
    assert p.get("data-tei") == "p" and p.get("lang") == "ru"


def test_unmapped_element_fails_loudly_with_its_path(views, saxon):
    node = saxon.parse_xml(xml_text=TEMPLATE.format(body='<p xml:id="rule-p1"><hi rend="italic">x</hi></p>'))
    with pytest.raises(PySaxonApiError) as caught:
        views["reading"].transform_to_string(xdm_node=node)
    message = str(caught.value)
    assert "<hi>" in message and "p[1]/Q{http://www.tei-c.org/ns/1.0}hi[1]" in message and "rule-p1" in message


def test_editors_head_is_left_out_of_diplomatic_shown_in_reading(views, saxon):
    body = '<head resp="ed:editors">Ours</head><p xml:id="rule-p1">Theirs.</p>'
    assert "Ours" not in text(render(views, saxon, "diplomatic", body))
    assert "Ours" in text(render(views, saxon, "reading", body))


def test_protocol_relative_address_is_not_a_link(views, saxon):
    art = render(views, saxon, "reading", '<p xml:id="rule-p1"><ref target="//evil.example/x">x</ref></p>')
    assert not art.xpath(".//a[@data-tei='ref']")


def test_speaker_not_followed_by_a_paragraph_fails_loudly_in_diplomatic(views, saxon):
    node = saxon.parse_xml(xml_text=TEMPLATE.format(
        body='<sp xml:id="rule-sp1" who="#bukharin"><speaker>BUKHARIN:</speaker><list><item>x</item></list></sp>'))
    with pytest.raises(PySaxonApiError, match="not followed by a p"):
        views["diplomatic"].transform_to_string(xdm_node=node)


def test_quotation_inside_an_item_stays_inline(views, saxon):
    art = render(views, saxon, "reading", '<list><item xml:id="rule-item1">He said <quote>so</quote>.</item></list>')
    assert art.xpath(".//li/span[@data-tei='quote']") and not art.xpath(".//blockquote")


def test_the_stylesheets_and_python_share_one_rule_for_mixed_content():
    import re

    from bukharin_edition.tei import ALWAYS_INLINE, PHRASES

    functions = (ROOT / "xslt" / "common" / "functions.xsl").read_text(encoding="utf-8")

    def names(variable: str) -> set[str]:
        select = re.search(rf'name="ed:{variable}"[^>]*select="([^"]*)"', functions, re.DOTALL)[1]
        return set(re.findall(r"'([^']+)'", select))

    assert names("always-inline") == set(ALWAYS_INLINE)
    assert names("phrases") == set(PHRASES)


def test_a_headings_cite_mark_stands_beside_it_not_in_it(views, saxon):
    art = render(views, saxon, "reading", '<head xml:id="rule-head1">On the peasantry</head><p xml:id="rule-p1">Text.</p>')
    heading = art.xpath(".//h2[@id='rule-head1']")[0]
    assert "".join(heading.itertext()) == "On the peasantry"  # the heading's name is its text
    wrapper = heading.getparent()
    assert wrapper.get("class") == "ed-heading" and wrapper.xpath("./span[@class='ed-cite']//*[@class='ed-cite-card']")
