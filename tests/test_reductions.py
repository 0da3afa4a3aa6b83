"""The pages made from every source are reductions over small per-source facts: no document's
tree is read again to make them, and a person's mentions and the chronology are split into
pages when they are too many for one (here with small limits, on the real corpus)."""
from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from lxml import html

from bukharin_edition.publish import base, build_edition, chronology, persons, search

from editor_support import edit, small_project

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [p.stem for p in sorted((ROOT / "tei").glob("*.xml")) if p.stem not in ("edition", "persons")]


@pytest.fixture(scope="module")
def paged(tmp_path_factory, saxon):
    """The corpus built in process with 20 mentions a page and at most 10 statements on one
    page, counting every parse of a source's tree."""
    out = tmp_path_factory.mktemp("paged")
    parsed: Counter = Counter()
    real = base.parse_tei
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(persons, "MENTIONS_PER_PAGE", 20)
        patch.setattr(chronology, "CHRONOLOGY_ON_ONE_PAGE", 10)
        patch.setattr(base, "parse_tei", lambda path: parsed.update([Path(path).stem]) or real(path))
        report = build_edition(ROOT / "tei", ROOT / "xslt", out, processor=saxon, jobs=1)
    single = tmp_path_factory.mktemp("single")
    build_edition(ROOT / "tei", ROOT / "xslt", single, processor=saxon, jobs=1)
    return out, report, parsed, single


def _page(path: Path):
    return html.fromstring(path.read_bytes())


def _mentions(page) -> Counter:
    return Counter((a.get("href").split("/")[-2], a.get("href").split("#")[1])
                   for a in page.xpath("//ol[@class='ed-kwic']/li/a"))


def test_each_tree_is_parsed_once_for_all_the_pages_and_facts_of_a_build(paged):
    out, report, parsed, _ = paged
    assert report.problems == []
    assert parsed == Counter(SOURCES)  # the reductions read facts, not trees
    for name, kind in (("persons", "xml"), ("chronology", "xml"), ("search", "json"), ("index", "xml")):
        assert sorted(p.stem for p in (out / ".facts" / name).glob(f"*.{kind}")) == sorted(SOURCES)


def test_a_person_mentioned_more_than_a_page_holds_gets_more_pages(paged):
    out, _, _, single = paged
    whole = _mentions(_page(single / "persons" / "bukharin.html"))
    total = sum(whole.values())
    assert total > 40  # the corpus names Bukharin more than two pages' worth
    pages = -(-total // 20)
    first = out / "persons" / "bukharin.html"
    files = [first] + [out / "persons" / "more" / f"bukharin-{n}.html" for n in range(2, pages + 1)]
    assert not (out / "persons" / "more" / f"bukharin-{pages + 1}.html").exists()
    seen: Counter = Counter()
    for number, path in enumerate(files, 1):
        page = _page(path)
        shown = _mentions(page)
        assert sum(shown.values()) == (20 if number < pages else total - 20 * (pages - 1))
        seen += shown
        assert page.xpath("string(//*[@data-count]/@data-count)") == str(total)
        pager = page.xpath("//nav[@class='ed-pager']")[0]
        assert pager.xpath("string(.//li[@aria-current='page'])") == str(number)
        for href in pager.xpath(".//a/@href") + page.xpath("//ol[@class='ed-kwic']/li/a/@href"):
            assert (path.parent / href.split("#")[0]).resolve().is_file(), (path.name, href)
    assert seen == whole  # every mention once, none lost at a page break
    assert _page(first).xpath("//section[@class='ed-facts']")
    # a person named less often keeps one page, without a pager
    assert not _page(out / "persons" / "bubnov.html").xpath("//nav[@class='ed-pager']")


def test_a_chronology_too_long_for_one_page_gets_a_page_per_year(paged):
    out, _, _, single = paged
    whole = [s.get("data-block") for s in _page(single / "chronology.html").xpath("//*[@class='ed-statement']")]
    assert len(whole) > 10
    front = _page(out / "chronology.html")
    assert not front.xpath("//*[@class='ed-statement']")
    years = front.xpath("//nav[@class='ed-years']/a/@href")
    split = []
    for href in years:
        target, anchor = href.split("#")
        assert _page(out / target).xpath(f"//*[@id='{anchor}']"), href
    for target in dict.fromkeys(href.split("#")[0] for href in years):  # a year held by an earlier year's page
        page = _page(out / target)
        split += [s.get("data-block") for s in page.xpath("//*[@class='ed-statement']")]
        for link in page.xpath("//p[@class='ed-statement-source']/a/@href"):
            assert (out / target).parent.joinpath(link.split("#")[0]).resolve().is_file()
    assert split == whole  # the same statements in the same order
    for href in front.xpath("//h2[@id='disagreements']/following-sibling::ul[1]//a/@href"):
        target, anchor = href.split("#")
        assert _page(out / target).xpath(f"//li[@id='{anchor}']"), href


def test_a_source_deleted_leaves_no_facts_and_no_dts_files(tmp_path, saxon):
    project = small_project(tmp_path)
    build_edition(project.tei, project.xslt, project.edition, processor=saxon)
    facts = project.edition / ".facts"
    assert (facts / "persons" / "omodeo-abstract.xml").is_file()
    (project.tei / "omodeo-abstract.xml").unlink()
    report = build_edition(project.tei, project.xslt, project.edition, processor=saxon)
    assert report.problems == [] and report.sources == ["trial-1938"]
    assert not list(facts.glob("*/omodeo-abstract.*"))
    assert not list((project.edition / "dts").rglob("omodeo-abstract*"))
    assert (project.edition / "dts" / "navigation" / "trial-1938;down=1.json").is_file()


def test_a_search_index_too_large_for_one_shard_is_written_in_several(tmp_path, saxon, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_SHARD_TEXT", 20_000)
    out = tmp_path / "edition"
    assert build_edition(ROOT / "tei", ROOT / "xslt", out, processor=saxon, jobs=1).problems == []
    more = json.loads((out / "pagefind" / "shards.json").read_text("utf-8"))["more"]
    assert len(more) >= 2 and all(re.fullmatch(r"more/\d+/", folder) for folder in more)
    shards = [out / "pagefind"] + [out / "pagefind" / folder for folder in more]
    pages = [json.loads((shard / "pagefind-entry.json").read_text("utf-8"))["languages"]["en"]["page_count"]
             for shard in shards]
    records = sum(len(json.loads(p.read_bytes())["records"]) for p in (out / ".facts" / "search").glob("*.json"))
    assert sum(pages) == records and all(pages)  # every record in exactly one shard
    # built again with one shard: the others are gone
    monkeypatch.setattr(search, "SEARCH_SHARD_TEXT", 10**9)
    assert build_edition(ROOT / "tei", ROOT / "xslt", out, processor=saxon, jobs=1, full=True).problems == []
    assert json.loads((out / "pagefind" / "shards.json").read_text("utf-8")) == {"more": []}
    assert not (out / "pagefind" / "more").exists()


def test_an_edit_rewrites_only_the_search_shard_that_holds_the_source(tmp_path, saxon, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_SHARD_TEXT", 20_000)
    project = small_project(tmp_path)
    for name in ("spartacus-biography.xml", "mia-permanent-revolution.xml", "colley-brief-summary.xml"):
        shutil.copy(ROOT / "tei" / name, project.tei)
    out = project.edition

    def build():
        report = build_edition(project.tei, project.xslt, out, processor=saxon, jobs=1)
        assert report.problems == []
        memo = json.loads((out / ".facts" / "search-shards.json").read_bytes())
        folders = [out / "pagefind"] + [out / "pagefind" / f for f in
                                        json.loads((out / "pagefind" / "shards.json").read_bytes())["more"]]
        return memo["shards"], {f: (f / "pagefind-entry.json").stat().st_mtime_ns for f in folders}

    shards, before = build()
    assert len(shards) >= 3
    holding = next(n for n, members in enumerate(shards) if "trial-1938" in members)
    edit(project.tei / "trial-1938.xml", "plead guilty", "plead guilty indeed")
    again, after = build()
    assert again == shards  # every source stays in its shard
    changed = [n for n, folder in enumerate(before) if after[folder] != before[folder]]
    assert changed == [holding]
    entry = json.loads((list(after)[holding] / "pagefind-entry.json").read_bytes())
    facts = json.loads((out / ".facts" / "search" / "trial-1938.json").read_bytes())
    assert any("plead guilty indeed" in text for _, text, _, _ in facts["records"])
    assert entry["languages"]["en"]["page_count"] == sum(
        len(json.loads((out / ".facts" / "search" / f"{m}.json").read_bytes())["records"]) for m in shards[holding])
    # a source removed: its shard is written again without it, the others stay
    (project.tei / "colley-brief-summary.xml").unlink()
    third, _ = build()
    assert [m for members in shards for m in members if m != "colley-brief-summary"] == [m for members in third for m in members]
    # the first shard (pagefind/ itself, which holds the others' folder) written again
    first = third[0][0]
    path = project.tei / f"{first}.xml"
    text = path.read_text("utf-8")
    at = text.index("<p ", text.index("<text"))
    at = text.index(">", at) + 1
    path.write_text(text[:at] + "Edited. " + text[at:], "utf-8")
    fourth, times = build()
    assert fourth == third and all(folder.joinpath("pagefind-entry.json").is_file() for folder in times)


def _year_of(statement) -> str:
    return statement.get("data-when", "")[:4]


def test_a_date_on_a_reading_page_leads_to_its_year_in_either_chronology(paged):
    """A date links to chronology.html#y<year>: there, its year's section or the first statement
    of that year (under an earlier year's event); when the years have pages of their own, the
    year's link to the page that holds the year's statements."""
    out, _, _, single = paged
    links = {(source, a.get("href")) for source in SOURCES
             for a in _page(single / source / "reading.html").xpath("//a[@class='ed-year']")}
    assert len(links) > 20
    for source, href in sorted(links):
        page, anchor = href.split("#")
        year = anchor.removeprefix("y")
        assert page == "../chronology.html" and year.isdigit(), href
        whole = _page(single / "chronology.html").xpath(f"//*[@id='{anchor}']")
        assert len(whole) == 1, (source, href)
        held = whole[0].xpath("ancestor-or-self::section[1]//*[@class='ed-statement']")
        assert any(_year_of(s) == year for s in held), (source, href)
        (jump,) = _page(out / "chronology.html").xpath(f"//nav[@class='ed-years']/a[@id='{anchor}']")
        target, fragment = jump.get("href").split("#")
        landing = _page(out / target).xpath(f"//*[@id='{fragment}']")
        assert len(landing) == 1 and any(
            _year_of(s) == year for s in landing[0].xpath("ancestor-or-self::section[1]//*[@class='ed-statement']")), href
