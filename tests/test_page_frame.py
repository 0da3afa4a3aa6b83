"""One renderer, one frame: every published page is made by the stylesheets and framed by the
one template of xslt/common/page.xsl (ed:frame), and the text a reader reads is the one the
golden file keeps (tests/fixtures/site-text.txt: every page of the real corpus, as text)."""
from __future__ import annotations

import difflib
import re
import subprocess
from pathlib import Path

import pytest
from lxml import etree, html

from bukharin_edition.publish.pages import policy

from htmltext import page_text

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "fixtures" / "site-text.txt"
PARTS = [("index.html", "Sources"), ("persons/index.html", "Persons"), ("chronology.html", "Chronology"),
         ("search.html", "Search"), ("encoding-manual.html", "Encoding manual")]


def _pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if "pagefind" not in p.relative_to(out).parts)


def _root_of(out: Path, page: Path) -> str:
    return "../" * (len(page.relative_to(out).parts) - 1)


def test_every_page_carries_the_same_frame(corpus_build):
    """Masthead, navigation, policy, language, viewport and the shared CSS on every page, the
    manual included; breadcrumbs on every page but the index; no inline style anywhere."""
    out, _ = corpus_build
    pages = _pages(out)
    assert len(pages) > 100
    assert {"encoding-manual.html", "search.html", "persons/index.html", "chronology.html"} <= \
        {p.relative_to(out).as_posix() for p in pages}
    mastheads = set()
    for path in pages:
        text = path.read_text(encoding="utf-8")
        page = html.fromstring(text)
        root = _root_of(out, path)
        where = path.relative_to(out).as_posix()
        assert text[:15].lower() == "<!doctype html>", where
        assert page.get("lang"), where
        csp = page.xpath("string(//head/meta[@http-equiv='Content-Security-Policy']/@content)")
        assert csp == policy(search=where == "search.html"), where
        assert page.xpath("//head/meta[@name='viewport']/@content") == ["width=device-width, initial-scale=1"], where
        assert page.xpath("//head/link[@rel='stylesheet']/@href") == [f"{root}assets/edition.css"], where
        assert not page.xpath("//style | //*[@style]"), where
        masthead = page.xpath("/html/body/header[@class='ed-masthead']")
        assert len(masthead) == 1, where
        links = masthead[0].xpath(".//nav[@aria-label='The edition']//a")
        assert [(a.get("href"), a.text) for a in links] == [(root + href, label) for href, label in PARTS], where
        for a in masthead[0].iter("a"):  # the same markup on every page, but for the page's own part
            a.attrib.pop("aria-current", None)
            a.set("href", a.get("href").removeprefix(root))
        mastheads.add(etree.tostring(masthead[0]))
        assert page.xpath("/html/body/a[@class='ed-skip']/@href") == ["#ed-main"], where
        assert len(page.xpath("/html/body/main[@id='ed-main']")) == 1, where
        assert len(page.xpath("/html/body/footer[@class='ed-footer']")) == 1, where
        if where != "index.html":
            crumbs = page.xpath("//nav[@class='ed-breadcrumbs']//li")
            assert crumbs[0].xpath("string(a/@href)") == f"{root}index.html", where
            assert crumbs[-1].get("aria-current") == "page", where
    assert len(mastheads) == 1


def test_the_parts_of_the_edition_mark_the_page_a_reader_is_on(corpus_build):
    out, _ = corpus_build
    for href, label in PARTS:
        page = html.fromstring((out / href).read_bytes())
        assert page.xpath("//nav[@aria-label='The edition']//a[@aria-current='page']/text()") == [label]


def test_the_text_of_every_page_is_the_golden_text(corpus_build, update_goldens):
    """What a reader reads of every page, as the golden file keeps it (reviewed by eye; make it
    again with --update-goldens)."""
    out, _ = corpus_build
    text = "".join(f"=== {p.relative_to(out).as_posix()}\n" + "\n".join(page_text(p.read_text(encoding="utf-8"))) + "\n"
                   for p in _pages(out))
    if update_goldens:
        GOLDEN.write_text(text, encoding="utf-8")
    golden = GOLDEN.read_text(encoding="utf-8")
    if text != golden:
        made, kept = _by_page(text), _by_page(golden)
        assert sorted(made) == sorted(kept), "pages made and kept differ"
        changed = [name for name in kept if made[name] != kept[name]]
        diff = "".join(difflib.unified_diff(kept[changed[0]].splitlines(True), made[changed[0]].splitlines(True),
                                            "golden", "made"))
        pytest.fail(f"the text of {len(changed)} page(s) changed; {changed[0]}:\n{diff}")


def _by_page(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r"^=== (.+)\n((?:(?!=== ).*\n)*)", text, re.M)}


def test_no_html_is_assembled_in_python():
    """The pages' markup lives in the stylesheets: the package's Python holds none."""
    found = subprocess.run(["grep", "-Rn", r"<a href\|<div\|<li", str(ROOT / "src")],
                           capture_output=True, text=True).stdout
    assert found == "", found


def test_a_stylesheet_that_fails_leaves_the_published_pages_as_they_were(tmp_path, saxon):
    """A broken persons stylesheet: reported, naming the stylesheet; the pages of the last
    build stay, none is half-written."""
    import shutil

    from bukharin_edition.publish import build_edition

    from editor_support import small_project

    project = small_project(tmp_path)
    build_edition(project.tei, project.xslt, project.edition, processor=saxon)
    before = {p: p.read_bytes() for p in (project.edition / "persons").rglob("*.html")}
    assert before
    xsl = project.xslt / "persons.xsl"  # the project's own copy
    xsl.write_text(xsl.read_text(encoding="utf-8").replace(
        "<xsl:template match=\"/f:persons\">", "<xsl:template match=\"/f:persons\"><xsl:sequence select=\"error()\"/>"),
        encoding="utf-8")
    report = build_edition(project.tei, project.xslt, project.edition, processor=saxon)
    assert any("persons.xsl" in problem for problem in report.problems), report.problems
    assert {p: p.read_bytes() for p in (project.edition / "persons").rglob("*.html")} == before
    assert not [p for p in project.edition.iterdir() if p.name.startswith(".persons-")]
    shutil.rmtree(project.edition)


def test_the_readmes_layout_table_lists_every_module_of_the_pipeline():
    """The README's table of publish/ and the package agree: every module listed, none that
    is not there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("one module per job", 1)[1].split("\n\n", 2)[1]
    listed = set(re.findall(r"^\| `([\w.]+\.py)` \|", table, re.M))
    modules = {p.name for p in (ROOT / "src" / "bukharin_edition" / "publish").glob("*.py")}
    assert listed == modules
