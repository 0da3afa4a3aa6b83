"""Names and dates as links in the reading text (xslt/common/names.xsl): a registered person's
name leads to the person's page, a date the chronology lists to the chronology; names in a
title, unregistered names and the diplomatic text do not link, and links never nest."""
from __future__ import annotations

import pytest

from conftest import ROOT
from htmltext import parse
from test_views_rules import TEMPLATE

REGISTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="persons"><teiHeader><fileDesc>
<titleStmt><title>Persons</title></titleStmt><publicationStmt><p>test</p></publicationStmt>
<sourceDesc><p>test</p></sourceDesc></fileDesc></teiHeader><standOff><listPerson>
<person xml:id="lenin"><persName type="standard">Vladimir Lenin</persName></person>
<person xml:id="stalin"><persName type="standard">Joseph Stalin</persName></person>
</listPerson></standOff></TEI>"""


@pytest.fixture(scope="module")
def views(saxon):
    compiler = saxon.new_xslt30_processor()
    return {name: compiler.compile_stylesheet(stylesheet_file=str(ROOT / "xslt" / f"{name}.xsl"))
            for name in ("reading", "diplomatic", "parallel", "print")}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A TEI folder with the person register beside the sources, as tei/ has it."""
    path = tmp_path_factory.mktemp("tei")
    (path / "persons.xml").write_text(REGISTER, encoding="utf-8")
    return path


def render(views, saxon, folder, view: str, body: str, register: bool = True):
    where = folder if register else folder / "alone"
    where.mkdir(exist_ok=True)
    source = where / "rule.xml"
    source.write_text(TEMPLATE.format(body=body), encoding="utf-8")
    node = saxon.parse_xml(xml_file_name=str(source))
    return parse(views[view].transform_to_string(xdm_node=node))


def links(html, cls: str) -> list[tuple[str, str]]:
    return [(a.get("href"), a.text_content()) for a in html.xpath(f"//article//a[@class='{cls}']")]


def test_registered_name_links_to_the_persons_page(views, saxon, folder):
    html = render(views, saxon, folder, "reading", '<p xml:id="rule-p1">said <persName ref="per:lenin">Lenin</persName>.</p>')
    assert links(html, "ed-person") == [("../persons/lenin.html", "Lenin")]
    link = html.xpath("//a[@class='ed-person']")[0]
    assert link.get("data-ref") == "per:lenin" and link.get("data-tei") == "persName"
    assert not link.get("aria-label")  # the visible name is the link's accessible name


def test_name_inside_a_title_is_not_a_mention_and_does_not_link(views, saxon, folder):
    html = render(views, saxon, folder, "reading", '<p xml:id="rule-p1">the book <title level="m">'
                  '<persName ref="per:stalin">Stalin</persName>: The Court</title> on <persName ref="per:stalin">Stalin</persName></p>')
    assert links(html, "ed-person") == [("../persons/stalin.html", "Stalin")]
    assert html.xpath("//cite//span[@data-tei='persName'][@data-ref='per:stalin']")


def test_unregistered_names_do_not_link(views, saxon, folder):
    body = ('<p xml:id="rule-p1"><persName ref="per:nobody">Nobody</persName>, <persName>Ivanov</persName>, '
            '<persName ref="per:lenin per:stalin">the two</persName>, <persName ref="#bukharin">he</persName></p>')
    html = render(views, saxon, folder, "reading", body)
    assert links(html, "ed-person") == []
    assert len(html.xpath("//article//span[@data-tei='persName']")) == 4


def test_without_a_register_no_name_links(views, saxon, folder):
    html = render(views, saxon, folder, "reading", '<p xml:id="rule-p1"><persName ref="per:lenin">Lenin</persName></p>',
                  register=False)
    assert links(html, "ed-person") == [] and html.xpath("//span[@data-ref='per:lenin']")


def test_a_date_the_chronology_lists_links_to_the_chronology(views, saxon, folder):
    body = ('<p xml:id="rule-p1">on <date when="1917-04-03">3rd April, 1917</date>, in <date from="1917-04" to="1917-05">'
            'April to May</date>, <date notBefore="1920" notAfter="1921" precision="low">about 1920</date>, '
            '<date when="--03-12">12 March</date></p>')
    html = render(views, saxon, folder, "reading", body)
    assert links(html, "ed-year") == [("../chronology.html#y1917", "3rd April, 1917"),
                                      ("../chronology.html#y1917", "April to May"),
                                      ("../chronology.html#y1920", "about 1920")]
    assert html.xpath("//a[@class='ed-year']/time[@datetime='1917-04-03']")


def test_dates_the_chronology_leaves_out_do_not_link(views, saxon, folder):
    body = ('<p xml:id="rule-p1"><title level="m">Red October <date when="1917">1917</date></title>'
            '<note resp="ed:editors" type="editorial">Written <date when="2003">2003</date>.</note></p>')
    html = render(views, saxon, folder, "reading", body)
    assert links(html, "ed-year") == [] and len(html.xpath("//article//time")) == 2


def test_links_never_nest(views, saxon, folder):
    body = ('<p xml:id="rule-p1"><choice><sic><persName ref="per:lenin">Lenon</persName></sic>'
            '<corr resp="ed:editors"><persName ref="per:lenin">Lenin</persName></corr></choice>, '
            '<persName ref="per:stalin">Stalin<note place="inline" resp="ed:mia">[sic]</note></persName>, '
            '<persName ref="per:lenin">Lenin <date when="1917">1917</date></persName></p>')
    html = render(views, saxon, folder, "reading", body)
    assert not html.xpath("//a//a")
    assert links(html, "ed-person") == [("../persons/lenin.html", "Lenin 1917")]


def test_the_diplomatic_text_has_no_links_of_names_and_dates(views, saxon, folder):
    body = '<p xml:id="rule-p1"><persName ref="per:lenin">Lenin</persName> in <date when="1917">1917</date></p>'
    html = render(views, saxon, folder, "diplomatic", body)
    assert links(html, "ed-person") == [] and links(html, "ed-year") == []
    assert html.xpath("//span[@data-ref='per:lenin']") and html.xpath("//time[@datetime='1917']")


def test_the_parallel_view_links_in_its_reading_column_only(views, saxon, folder):
    body = '<p xml:id="rule-p1"><persName ref="per:lenin">Lenin</persName> in <date when="1917">1917</date></p>'
    html = render(views, saxon, folder, "parallel", body)
    assert [a.get("href") for a in html.xpath("//*[@data-side='reading']//a[@class='ed-person' or @class='ed-year']")] \
        == ["../persons/lenin.html", "../chronology.html#y1917"]
    assert not html.xpath("//*[@data-side='diplomatic']//a[@class='ed-person' or @class='ed-year']")


def test_print_has_no_links_of_names_and_dates(views, saxon, folder):
    body = '<p xml:id="rule-p1"><persName ref="per:lenin">Lenin</persName> in <date when="1917">1917</date></p>'
    html = render(views, saxon, folder, "print", body)
    assert not html.xpath("//a[@class='ed-year' or @class='ed-person']")


def test_every_registered_name_of_the_corpus_links_outside_titles(corpus_build):
    """Every persName with a register pointer in the text, but in a title or around a link, is a link."""
    from lxml import etree

    out, report = corpus_build
    expected = linked = 0
    for tei in sorted((ROOT / "tei").glob("*.xml")):
        if tei.stem in ("persons", "edition"):
            continue
        names = etree.parse(str(tei)).xpath(
            "//t:text//t:persName[starts-with(@ref, 'per:')][not(ancestor::t:title)]"
            "[not(ancestor::t:choice | ancestor::t:supplied | ancestor::t:ref | ancestor::t:seg[@type='omission'])]"
            "[not(.//t:note | .//t:choice | .//t:ref)]", namespaces={"t": "http://www.tei-c.org/ns/1.0"})
        expected += len(names)
        page = parse((out / tei.stem / "reading.html").read_text(encoding="utf-8"))
        hrefs = [a.get("href") for a in page.xpath("//article//a[@class='ed-person']")]
        assert hrefs == [f"../persons/{n.get('ref')[4:]}.html" for n in names], tei.stem
        linked += len(hrefs)
    print(f"\n{linked} names linked to their person pages")
    assert linked == expected and linked > 500


def test_no_heading_of_the_corpus_holds_a_citation_card(corpus_build):
    out, _ = corpus_build
    pages = sorted(out.glob("*/*.html"))
    inside = [p.parent.name + "/" + p.name for p in pages
              if parse(p.read_text(encoding="utf-8")).xpath("//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
                                                             "//*[contains(@class, 'ed-cite')]")]
    beside = sum(len(parse(p.read_text(encoding="utf-8")).xpath("//div[@class='ed-heading']/span[@class='ed-cite']"))
                 for p in pages)
    assert inside == [] and beside > 20
