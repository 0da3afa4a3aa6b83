"""The edition as a site: person pages, chronology, parallel view, search records, downloads
and the static DTS files, checked against the TEI files they come from."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from lxml import etree, html

from bukharin_edition.publish.text import BLOCKS
from bukharin_edition.tei import TEI_NS, XML_ID

ROOT = Path(__file__).resolve().parent.parent
NS = {"t": TEI_NS}
SOURCES = [p for p in sorted((ROOT / "tei").glob("*.xml")) if p.stem not in ("edition", "persons")]


def _mentions() -> list[tuple[str, str, str]]:
    """(person, source, block) of every persName with a register id in the sources' texts."""
    found = []
    for path in SOURCES:
        for name in etree.parse(str(path)).iterfind(".//t:text//t:persName[@ref]", NS):
            block = next(a for a in name.iterancestors()
                         if a.get(XML_ID) and etree.QName(a).localname in BLOCKS)
            found.append((name.get("ref").removeprefix("per:"), path.stem, block.get(XML_ID)))
    return found


MENTIONS = _mentions()
persname_counts = SimpleNamespace(
    total=lambda person: sum(m[0] == person for m in MENTIONS),
    blocks=lambda person: {(m[1], m[2]) for m in MENTIONS if m[0] == person},
)
REGISTER = [p.get(XML_ID) for p in etree.parse(str(ROOT / "tei" / "persons.xml")).iterfind(".//t:person", NS)]


def _page(path: Path):
    return html.fromstring(path.read_bytes())


def test_the_build_reports_no_problem(corpus_build):
    assert corpus_build[1].problems == []


def test_every_person_of_the_register_has_a_page_with_every_mention(corpus_build):
    out = corpus_build[0]
    counts = Counter(m[0] for m in MENTIONS)
    for person in REGISTER:
        page = _page(out / "persons" / f"{person}.html")
        items = page.xpath("//ol[@class='ed-kwic']/li")
        assert len(items) == counts[person], person
        assert page.xpath("string(//*[@data-count]/@data-count)") == str(counts[person])
        listed = Counter((a.get("href").split("/")[1], a.get("href").split("#")[1])
                         for a in page.xpath("//ol[@class='ed-kwic']/li/a"))
        assert listed == Counter((m[1], m[2]) for m in MENTIONS if m[0] == person)
    index = _page(out / "persons" / "index.html")
    assert len(index.xpath("//table[@class='ed-persons']/tbody/tr")) == len(REGISTER)
    assert sum(int(n) for n in index.xpath("//td/@data-mentions")) == len(MENTIONS)


def test_a_mention_in_context_names_the_form_the_source_prints(corpus_build):
    page = _page(corpus_build[0] / "persons" / "krestinsky.html")
    forms = {m.text_content() for m in page.xpath("//ol[@class='ed-kwic']//mark")}
    assert forms & {"Krestinsky", "KRESTINSKII", "Krestinskii"}
    first = page.xpath("//ol[@class='ed-kwic']/li")[0]
    assert len(first.text_content()) > 40  # the words around the name are there


def test_every_mention_links_to_a_paragraph_that_exists(corpus_build):
    out = corpus_build[0]
    ids: dict[str, set[str]] = {}
    for person in ("bukharin", "krestinsky", "lenin"):
        for href in _page(out / "persons" / f"{person}.html").xpath("//ol[@class='ed-kwic']/li/a/@href"):
            source, anchor = href.removeprefix("../").split("/reading.html#")
            if source not in ids:
                ids[source] = set(_page(out / source / "reading.html").xpath("//@id"))
            assert anchor in ids[source], href


def test_chronology_shows_the_two_birth_dates_as_one_event(corpus_build):
    page = _page(corpus_build[0] / "chronology.html")
    birth = page.xpath("//li[@data-event='bukharin-birth']")
    assert len(birth) == 1
    statements = birth[0].xpath(".//*[@class='ed-statement']")
    assert {s.get("data-source") for s in statements} >= {"spartacus-biography", "colley-brief-summary"}
    days = {s.get("data-when") for s in statements if len(s.get("data-when")) == 10}
    assert days == {"1888-10-09"}  # 27 September Old Style and 9 October New Style: one day
    assert all(s.get("data-when").startswith("1888") for s in statements)
    assert "Old Style (Julian) 1888-09-27 = New Style (Gregorian) 1888-10-09" in birth[0].text_content()
    assert "The sources agree" in birth[0].text_content()


def test_chronology_shows_1905_against_1906_side_by_side(corpus_build):
    page = _page(corpus_build[0] / "chronology.html")
    joined = page.xpath("//li[@data-event='bukharin-joins-bolsheviks']")[0]
    assert "ed-disagree" in joined.get("class")
    years = {s.get("data-when")[:4] for s in joined.xpath(".//*[@class='ed-statement']")}
    assert years == {"1905", "1906"}
    assert joined.xpath(".//div[@class='ed-side-by-side']")


def test_chronology_lists_every_dated_statement_in_order(corpus_build):
    page = _page(corpus_build[0] / "chronology.html")
    dates = sum(len(etree.parse(str(p)).findall(".//t:text//t:date", NS)) for p in SOURCES)
    statements = page.xpath("//*[@class='ed-statement']")
    assert 0 < len(statements) <= dates
    years = [h.text for h in page.xpath("//section/h2[starts-with(@id, 'y')]")]
    numbered = [y for y in years if y.isdigit()]
    assert numbered == sorted(numbered) and "1928" in numbered


@pytest.mark.parametrize("source", [p.stem for p in SOURCES])
def test_parallel_view_aligns_block_with_block(corpus_build, source):
    page = _page(corpus_build[0] / source / "parallel.html")
    reading = page.xpath("//*[@data-side='reading']/@data-block")
    diplomatic = page.xpath("//*[@data-side='diplomatic']/@data-block")
    assert reading and reading == diplomatic
    assert len(set(reading)) == len(reading)
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))  # the diplomatic column repeats no id
    tei = etree.parse(str(ROOT / "tei" / f"{source}.xml"))
    blocks = [b for b in tei.xpath(".//t:text//*[@xml:id]", namespaces=NS) if etree.QName(b).localname in BLOCKS]
    leaves = [b.get(XML_ID) for b in blocks if not any(d in blocks for d in b.iterdescendants())]
    assert reading == leaves


def test_parallel_view_marks_interventions_in_both_columns(corpus_build):
    page = _page(corpus_build[0] / "mia-permanent-revolution" / "parallel.html")
    rows = page.xpath("//section[@class='ed-row'][.//*[@data-side='reading']//*[@data-tei='choice' or @data-tei='corr']]")
    assert rows
    assert rows[0].xpath(".//*[@data-side='diplomatic']//*[@data-tei='sic' or @data-tei='orig']")


def test_search_index_and_page(corpus_build):
    out = corpus_build[0]
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert list((out / "pagefind").glob("pagefind.en_*.pf_meta"))
    page = _page(out / "search.html")
    assert page.get("lang") == "en"
    assert "needs JavaScript" in page.xpath("string(//noscript)")


def test_every_source_has_plain_text_and_tei_downloads_linked_from_its_pages(corpus_build):
    out = corpus_build[0]
    for path in SOURCES:
        text = (out / "text" / f"{path.stem}.txt").read_text(encoding="utf-8")
        assert text.count("\n[") > 0
        assert (out / "tei" / path.name).read_bytes() == path.read_bytes()
        reading = _page(out / path.stem / "reading.html")
        hrefs = reading.xpath("//a/@href")
        assert f"../tei/{path.name}" in hrefs and f"../text/{path.stem}.txt" in hrefs


def test_previous_and_next_source(corpus_build):
    out = corpus_build[0]
    order = [s for s in corpus_build[1].sources]
    first = _page(out / order[0] / "reading.html")
    assert not first.xpath("//a[@rel='prev']")
    assert first.xpath("//a[@rel='next']/@href") == [f"../{order[1]}/reading.html"]
    last = _page(out / order[-1] / "parallel.html")
    assert last.xpath("//a[@rel='prev']/@href") == [f"../{order[-2]}/parallel.html"]


def test_a_person_removed_from_the_register_keeps_no_page(tmp_path, saxon):
    from bukharin_edition.publish import build_edition

    tei = tmp_path / "tei"
    tei.mkdir()
    for name in ("edition.xml", "persons.xml", "omodeo-abstract.xml"):
        (tei / name).write_bytes((ROOT / "tei" / name).read_bytes())
    out = tmp_path / "edition"
    (out / "persons").mkdir(parents=True)
    (out / "persons" / "nobody.html").write_text("<!DOCTYPE html><title>old</title>")
    report = build_edition(tei, ROOT / "xslt", out, processor=saxon)
    assert report.sources == ["omodeo-abstract"]
    assert not (out / "persons" / "nobody.html").exists()
    assert (out / "persons" / "bukharin.html").is_file()
