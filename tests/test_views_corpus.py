"""The views of the real corpus: the diplomatic text of every source equals its source, and
every page has what its TEI has (notes, speakers, paragraphs, anchors)."""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from lxml import etree

from bukharin_edition import fidelity
from bukharin_edition.manifest import load_manifest
from bukharin_edition.tei import TEI_NS, XML_ID, parse_tei
from conftest import FIXTURES, ROOT
from htmltext import diplomatic_lines, parse

NS = {"t": TEI_NS}
SOURCES = sorted(p.stem for p in (ROOT / "tei").glob("*.xml") if p.stem not in ("edition", "persons"))


def _tei(source_id: str) -> etree._Element:
    return parse_tei(ROOT / "tei" / f"{source_id}.xml").getroot()


def _page(out: Path, source_id: str, view: str):
    return parse((out / source_id / f"{view}.html").read_text(encoding="utf-8"))


def _same(expected: list[str], found: list[str], what: str) -> None:
    if expected != found:
        diff = "\n".join(difflib.unified_diff(expected, found, "expected", "diplomatic.html", lineterm="", n=1))
        pytest.fail(f"{what}:\n{diff}")


def test_the_corpus_builds_without_problems(corpus_build):
    out, report = corpus_build
    assert report.problems == []
    assert sorted(report.sources) == SOURCES
    assert (out / "index.html").is_file() and (out / "assets" / "edition.css").is_file()
    for source_id in SOURCES:
        assert (out / "tei" / f"{source_id}.xml").read_bytes() == (ROOT / "tei" / f"{source_id}.xml").read_bytes()
    assert (out / "tei" / "edition.xml").is_file()


@pytest.mark.parametrize("source_id", SOURCES)
def test_diplomatic_page_text_equals_the_diplomatic_text_and_the_seed(source_id, corpus_build):
    out, _ = corpus_build
    found = diplomatic_lines((out / source_id / "diplomatic.html").read_text(encoding="utf-8"))
    _same([line.text for line in fidelity.diplomatic_lines(_tei(source_id))], found,
          f"{source_id}: the diplomatic page differs from fidelity.diplomatic_lines")
    manifest = load_manifest(ROOT / "seeds" / "sources.toml")
    seed = [text for _, text in manifest.lines_of(manifest.source(source_id)) if text.strip()]
    _same(seed, found, f"{source_id}: the diplomatic page differs from its slice of the received file")


def test_fixture_diplomatic_page_equals_its_diplomatic_text(fixture_build):
    out, _ = fixture_build
    root = parse_tei(FIXTURES / "views" / "full" / "tei" / "fixture-views.xml").getroot()
    found = diplomatic_lines((out / "fixture-views" / "diplomatic.html").read_text(encoding="utf-8"))
    _same([line.text for line in fidelity.diplomatic_lines(root)], found, "fixture-views")


@pytest.mark.parametrize("source_id", SOURCES)
@pytest.mark.parametrize("view", ["reading", "diplomatic"])
def test_every_block_of_the_text_has_its_anchor(source_id, view, corpus_build):
    out, _ = corpus_build
    ids = _tei(source_id).xpath("t:text//*/@xml:id", namespaces=NS)
    page = _page(out, source_id, view)
    present = set(page.xpath("//article//@id"))
    editorial = set(_tei(source_id).xpath("t:text//t:note[contains(@resp, 'ed:editors')]/@xml:id", namespaces=NS))
    missing = [i for i in ids if i not in present and not (view == "diplomatic" and i in editorial)]
    assert missing == []
    all_ids = page.xpath("//@id")
    assert len(all_ids) == len(set(all_ids)), "ids are not unique"


@pytest.mark.parametrize("source_id", SOURCES)
def test_reading_page_has_the_paragraphs_speakers_and_notes_of_its_tei(source_id, corpus_build):
    out, _ = corpus_build
    root = _tei(source_id)
    page = _page(out, source_id, "reading")
    count = lambda xpath: len(root.xpath(xpath, namespaces=NS))  # noqa: E731
    assert len(page.xpath("//article//p[@data-tei='p']")) == count("t:text//t:p")
    assert len(page.xpath("//article//*[@data-tei='speaker']")) == count("t:text//t:speaker")
    assert len(page.xpath("//article//*[@data-tei='sp']")) == count("t:text//t:sp")
    assert len(page.xpath("//article//*[@data-tei='note']")) == count("t:text//t:note")
    assert len(page.xpath("//article//*[@data-tei='head']")) == count("t:text//t:head")
    assert len(page.xpath("//article//*[@data-tei='item']")) == count("t:text//t:item")
    assert len(page.xpath("//article//*[@data-tei='quote']")) == count("t:text//t:quote")


@pytest.mark.parametrize("source_id", SOURCES)
def test_apparatus_lists_every_note_grouped_by_hand(source_id, corpus_build):
    out, _ = corpus_build
    root = _tei(source_id)
    page = _page(out, source_id, "apparatus")
    notes = root.xpath("t:text//t:note", namespaces=NS)
    entries = page.xpath("//li[@data-tei='note']")
    assert len(entries) == len(notes)
    for note in notes:
        if note.get(XML_ID):
            entry = page.xpath(f"//li[@id='app-{note.get(XML_ID)}']")
            assert entry, f"no apparatus entry for {note.get(XML_ID)}"
            assert entry[0].xpath(f".//a[@href='reading.html#{note.get(XML_ID)}']")


def test_trial_is_a_dialogue_with_its_speakers(corpus_build):
    out, _ = corpus_build
    page = _page(out, "trial-1938", "reading")
    speakers = [s.text_content().strip() for s in page.xpath("//article//*[@data-tei='speaker']")]
    assert speakers[:2] == ["THE PRESIDENT:", "BUKHARIN:"] and len(speakers) == 13
    attributed = page.xpath("//div[@id='trial-1938-sp14']/p[contains(@class, 'ed-by-editors')]")
    assert attributed and attributed[0].text_content() == "Bukharin (speaker attributed by the editors, certainty high)"


def test_mia_article_notes_are_labelled_by_hand(corpus_build):
    out, _ = corpus_build
    page = _page(out, "mia-permanent-revolution", "apparatus")
    groups = [h.text_content() for h in page.xpath("//section[contains(@class, 'ed-app-group')]/h3")]
    # End notes (author 3, MIA 5) and bracketed notes (author 6, translator 1, MIA 8), and the
    # editors' reasons for their 7 corrections and their 10 placeholders of the notes not received.
    assert groups == ["Notes of the author (9)", "Notes of the translator (1)",
                      "Notes of the Marxists Internet Archive (13)", "Notes of the editors of this edition (17)"]
    placeholders = page.xpath("//li[@data-tei='note'][starts-with(@id, 'app-mia-permanent-revolution-note')]"
                              "[contains(., 'is not in the received text')]")
    assert len(placeholders) == 10


def test_index_lists_every_source_in_the_order_of_the_received_file(corpus_build):
    out, _ = corpus_build
    page = parse((out / "index.html").read_text(encoding="utf-8"))
    listed = page.xpath("//ol[@class='ed-sources']/li/@id")
    manifest = load_manifest(ROOT / "seeds" / "sources.toml")
    assert listed == [s.id for s in sorted(manifest.sources, key=lambda s: s.first_line)]
    for source_id in listed:
        assert page.xpath(f"//li[@id='{source_id}']//a[@href='tei/{source_id}.xml']")


@pytest.mark.parametrize("source_id", SOURCES)
@pytest.mark.parametrize("view", ["reading", "diplomatic", "apparatus"])
def test_page_basics_lang_title_headings_facts_download(source_id, view, corpus_build):
    out, _ = corpus_build
    page = _page(out, source_id, view)
    assert page.get("lang") == "en"
    assert page.xpath("string(//title)").strip()
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), f"headings skip a level: {levels}"
    assert page.xpath("//section[@class='ed-facts']//dt[.='Received text']")
    assert page.xpath(f"//a[@href='../tei/{source_id}.xml'][@download]")
    assert page.xpath("//link[@rel='stylesheet'][@href='../assets/edition.css']")


def test_person_register_and_declarations_are_shared_files_not_sources(fixture_build):
    out, report = fixture_build
    assert report.sources == ["fixture-views"]
    assert (out / "tei" / "persons.xml").is_file() and (out / "tei" / "edition.xml").is_file()
    assert not (out / "persons" / "reading.html").exists()  # persons/ holds the person pages, no views
