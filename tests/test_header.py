"""The headers: rights and licence, the web page and the received file, related works, no 'not known' text."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from bukharin_edition.manifest import load_manifest

ROOT = Path(__file__).resolve().parents[1]
NS = {"t": "http://www.tei-c.org/ns/1.0"}
MANIFEST = load_manifest(ROOT / "seeds" / "sources.toml")


def _header(name: str):
    return etree.parse(str(ROOT / "tei" / f"{name}.xml")).getroot().find("t:teiHeader", NS)


@pytest.mark.parametrize("source", MANIFEST.sources, ids=lambda s: s.id)
def test_every_source_states_its_rights_and_the_licence_of_the_encoding(source):
    availability = _header(source.id).find("t:fileDesc/t:publicationStmt/t:availability", NS)
    assert availability.get("status") == ("restricted" if source.rights else "unknown")
    licence = availability.find("t:licence", NS)
    assert licence.get("target") == "https://creativecommons.org/licenses/by/4.0/"
    assert "encoding" in licence.text


@pytest.mark.parametrize("source", MANIFEST.sources, ids=lambda s: s.id)
def test_the_source_description_names_the_page_and_the_received_file_and_no_unknown_as_text(source):
    bibl = _header(source.id).find("t:fileDesc/t:sourceDesc/t:bibl", NS)
    assert bibl.get("type") == "web-page"
    assert "not known" not in " ".join(
        " ".join(e.itertext()) for e in bibl.iter() if etree.QName(e).localname in ("author", "date", "publisher", "title"))
    assert [a.text for a in bibl.findall("t:author", NS)] == list(source.authors)
    assert (bibl.find("t:publisher", NS) is not None) == bool(source.website)
    assert (bibl.find("t:ptr", NS) is not None) == bool(source.url)
    seed = MANIFEST.seed_of(source)
    received = bibl.find("t:relatedItem[@type='received']/t:bibl[@type='received-file']", NS)
    assert received.findtext("t:title", namespaces=NS) == seed.path.name
    assert received.findtext("t:idno[@type='sha256']", namespaces=NS) == seed.sha256
    cited = received.find("t:citedRange", NS)
    assert (cited.get("unit"), cited.get("from"), cited.get("to")) == ("line", str(source.first_line), str(source.last_line))


def test_the_originals_are_related_items_and_the_date_of_writing_is_the_creation():
    mia = _header("mia-permanent-revolution")
    original = mia.find("t:fileDesc/t:sourceDesc/t:bibl/t:relatedItem[@type='original']/t:bibl", NS)
    assert original.findtext("t:title[@level='j']", namespaces=NS) == "Communist Review"
    assert [b.text for b in original.findall("t:biblScope", NS)] == ["5", "10"]
    assert original.find("t:date", NS).get("when") == "1925-02"
    assert mia.find("t:profileDesc/t:creation/t:date", NS).get("when") == "1924-12-13"
    bordiga = _header("bordiga-enrich-yourselves")
    original = bordiga.find("t:fileDesc/t:sourceDesc/t:bibl/t:relatedItem[@type='original']/t:bibl", NS)
    assert original.findtext("t:title[@level='j']", namespaces=NS) == "Il Programma Comunista"
    assert original.find("t:date", NS).get("when") == "1956"
    assert "In Italian." in original.findtext("t:note", namespaces=NS)
    assert bordiga.find("t:profileDesc/t:creation", NS) is None  # the date of writing is not known


def test_the_shared_file_describes_the_received_file_by_its_digest():
    header = _header("edition")
    bibl = header.find("t:fileDesc/t:sourceDesc/t:bibl[@type='received-file']", NS)
    assert bibl.findtext("t:idno[@type='sha256']", namespaces=NS) == MANIFEST.seed_sha256
    assert header.find("t:fileDesc/t:publicationStmt/t:availability/t:licence", NS) is not None


def test_a_related_work_with_an_unknown_relation_is_refused(tmp_path):
    from bukharin_edition.errors import ManifestError

    text = (ROOT / "seeds" / "sources.toml").read_text(encoding="utf-8").replace(
        'relation = "original"\ntitle = "The Solution', 'relation = "source"\ntitle = "The Solution')
    for seed in (ROOT / "seeds").glob("*.txt"):
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "sources.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError) as refused:
        load_manifest(tmp_path / "sources.toml")
    assert "source 'bordiga-enrich-yourselves'" in refused.value.message
    assert "relation 'source' is not one of: original, translation" in refused.value.message


def _person(register, ident: str):
    return next(p for p in register.iter("{%s}person" % NS["t"])
                if p.get("{http://www.w3.org/XML/1998/namespace}id") == ident)


def test_the_register_splits_names_types_variants_and_sources_its_dates():
    register = etree.parse(str(ROOT / "tei" / "persons.xml"))
    bukharin = _person(register, "bukharin")
    standard = bukharin.find("t:persName[@type='standard']", NS)
    assert [(etree.QName(c).localname, c.text) for c in standard] == [
        ("forename", "Nikolai"), ("addName", "Ivanovich"), ("surname", "Bukharin")]
    assert "".join(standard.itertext()) == "Nikolai Ivanovich Bukharin"
    assert bukharin.find("t:persName[@subtype='nickname']", NS).text == "Bukharchik"
    birth = bukharin.find("t:birth", NS)
    assert (birth.get("source"), birth.get("cert")) == ("spartacus-biography.xml colley-brief-summary.xml", "high")
    stalin = _person(register, "stalin")
    assert stalin.find("t:persName[@subtype='nickname']", NS).text == "Koba"
    assert stalin.find("t:birth", NS).get("cert") == "medium"  # common reference knowledge, to be reviewed
    assert register.find(".//t:person/t:idno", NS) is None  # no authority id could be verified: none is guessed


def test_name_parts_that_do_not_make_up_the_standard_name_are_refused(tmp_path):
    from bukharin_edition.convert.persons import load_gazetteer, register_extras
    from bukharin_edition.errors import ConversionError

    text = (ROOT / "seeds" / "persons.toml").read_text(encoding="utf-8").replace(
        'parts = {forename = "Nikolai", patronymic = "Ivanovich"', 'parts = {forename = "Nikolay", patronymic = "Ivanovich"')
    (tmp_path / "persons.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConversionError) as refused:
        register_extras(load_gazetteer(tmp_path / "persons.toml"))
    assert "persons.toml:" in refused.value.message and "do not make up its standard name" in refused.value.message


def test_the_agents_the_source_names_are_declared_and_point_at_the_register():
    title_stmt = _header("mia-permanent-revolution").find("t:fileDesc/t:titleStmt", NS)
    agent = title_stmt.find("t:respStmt[t:persName]", NS)
    assert agent.findtext("t:resp", namespaces=NS) == "scanned, prepared and annotated for the Marxists Internet Archive"
    assert agent.find("t:persName", NS).get("ref") == "per:flewers"
    translator = _header("bordiga-enrich-yourselves").find("t:fileDesc/t:titleStmt/t:respStmt[t:persName]", NS)
    assert translator.findtext("t:persName", namespaces=NS) == "Leon Thalheimer"
    assert translator.find("t:persName", NS).get("ref") is None  # not in the register: no pointer guessed


PROVENANCE_PAGE = """A Letter

Written: Written on June 11, 1921
Source: Collected Works, Volume 45
Transcription/Markup: A. N. Other

Dear comrades, the letter says little.
"""


@pytest.mark.parametrize("text, value", [
    (PROVENANCE_PAGE, {"when": "1921-06-11"}),
    (PROVENANCE_PAGE.replace("on June 11, 1921", "after June 20, 1916"), {"notBefore": "1916-06-20"}),
    # a page pasted without blank lines: the provenance lines are the text's first block
    ("Written: Written on June 11, 1921\nSource: Collected Works\n\nThe letter.", {"when": "1921-06-11"}),
])
def test_the_date_of_writing_the_front_matter_states_is_the_creation(text, value):
    from bukharin_edition.convert import encode_source
    from conftest import invented_manifest
    manifest = invented_manifest(text, profile="mia-article")
    root = etree.fromstring(encode_source(manifest, manifest.sources[0]).data)
    date = root.find("t:teiHeader/t:profileDesc/t:creation/t:date", NS)
    assert {k: v for k, v in date.attrib.items()} == value
    assert root.find("t:teiHeader/t:profileDesc", NS)[0].tag.endswith("creation")


def test_the_manifest_date_of_writing_wins_and_a_date_elsewhere_is_no_creation():
    from bukharin_edition.convert import encode_source
    from conftest import invented_manifest
    manifest = invented_manifest(PROVENANCE_PAGE, profile="mia-article", created="1921-06-10")
    root = etree.fromstring(encode_source(manifest, manifest.sources[0]).data)
    assert [d.get("when") for d in root.iterfind(".//t:creation/t:date", NS)] == ["1921-06-10"]
    manifest = invented_manifest("A Title\n\nSource: Pravda, June 11, 1921\n\nIt was written on June 11, 1921.",
                                 profile="mia-article")
    root = etree.fromstring(encode_source(manifest, manifest.sources[0]).data)
    assert root.find(".//t:creation", NS) is None  # a date of publication is not the date of writing


def test_the_facts_box_shows_the_date_of_writing(saxon):
    from bukharin_edition.convert import encode_source
    from conftest import invented_manifest
    from htmltext import parse
    manifest = invented_manifest(PROVENANCE_PAGE, profile="mia-article")
    data = encode_source(manifest, manifest.sources[0]).data
    exe = saxon.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(ROOT / "xslt" / "reading.xsl"))
    page = parse(exe.transform_to_string(xdm_node=saxon.parse_xml(xml_text=data.decode("utf-8"))))
    terms = [dt.text_content().strip() for dt in page.xpath("//section[@class='ed-facts']//dt")]
    assert "Written" in terms
    written = page.xpath("//section[@class='ed-facts']//dd[@data-tei='creation']")[0]
    assert written.text_content().strip() == "June 11, 1921"
