"""The built site checked with current tools: axe-core (current release from npm, installed by
`make setup` into .venv/npm/) with the WCAG 2.1 A/AA and best-practice rules on every page
type in Debian's Chromium; every page at 320, 390, 768 and 1280 px without sideways scrolling;
and a link checker over every page (every href and src, and every fragment)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from linkcheck import broken_links
from test_browser import _in_ci, launch_chromium, serve_folder

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
WIDTHS = [320, 390, 768, 1280]

# One page of every type: the site's pages, and each view of sources of every profile (an archive
# article with notes and interventions, a record of proceedings, a collection, a biography) and
# of the views fixture (every element of the encoding).
PAGE_TYPES = [
    "index.html", "search.html", "chronology.html", "encoding-manual.html",
    "persons/index.html", "persons/krestinsky.html",
    *(f"{source}/{view}.html"
      for source in ("mia-permanent-revolution", "trial-1938", "spartacus-primary-sources",
                     "spartacus-biography", "fixture-views")
      for view in ("reading", "diplomatic", "apparatus", "parallel")),
]


@pytest.fixture(scope="module")
def site_folder(corpus_build, fixture_build, tmp_path_factory) -> Path:
    """The real corpus plus the views fixture's source, as one published edition."""
    folder = tmp_path_factory.mktemp("checked") / "edition"
    shutil.copytree(corpus_build[0], folder)
    fixture = fixture_build[0]
    shutil.copytree(fixture / "fixture-views", folder / "fixture-views")
    for name in ("tei/fixture-views.xml", "text/fixture-views.txt"):
        shutil.copyfile(fixture / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def served(site_folder):
    yield from serve_folder(site_folder)


@pytest.fixture(scope="module")
def chromium():
    yield from launch_chromium()


def _axe_source() -> Path:
    if not AXE.is_file():
        message = "axe-core is missing: make setup installs it into .venv/npm"
        if _in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return AXE


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_page_type_has_no_axe_violation(served, chromium, path):
    axe = _axe_source()
    # Injected by the browser before the page's scripts, so that the pages' Content-Security-Policy
    # (no inline or injected script) stays as it is published.
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(axe))
    try:
        page = context.new_page()
        page.goto(f"{served}/{path}")
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    finally:
        context.close()
    assert result["testEngine"]["version"].split(".")[:2] >= ["4", "10"]
    violations = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
                  for v in result["violations"]]
    assert violations == []


def test_axe_does_find_a_violation(served, chromium, tmp_path):
    """The test above can fail: axe reports a link whose visible text is not in its name."""
    axe = _axe_source()
    context = chromium.new_context()
    context.add_init_script(path=str(axe))
    try:
        page = context.new_page()
        page.set_content('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
                         '<h1>t</h1><p><a href="#x" aria-label="Intervention of the Marxists Internet Archive">MIA</a></p>'
                         '</main></body></html>')
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    finally:
        context.close()
    assert "label-content-name-mismatch" in {v["id"] for v in result["violations"]}


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(served, chromium, width):
    context = chromium.new_context(viewport={"width": width, "height": 800}, java_script_enabled=False)
    wide = []
    try:
        page = context.new_page()
        for path in PAGE_TYPES:
            page.goto(f"{served}/{path}")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                # what sticks out: the widest elements whose right edge passes the viewport
                culprits = page.evaluate("""w => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > w + 1)
                    .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className)""", width)
                wide.append(f"{path}: {scroll} px {culprits}")
    finally:
        context.close()
    assert wide == [], "\n".join(wide)


@pytest.mark.parametrize("width", [320, 390])
def test_tables_scroll_inside_their_own_box(served, chromium, width):
    """A table wider than the screen scrolls in its box; the page itself does not move."""
    context = chromium.new_context(viewport={"width": width, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        for path in ("persons/index.html", "mia-permanent-revolution/apparatus.html", "encoding-manual.html"):
            page.goto(f"{served}/{path}")
            boxes = page.evaluate("""() => [...document.querySelectorAll('table')].map(t => {
                let box = t.parentElement;
                while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
                const r = (box || t).getBoundingClientRect();
                return {right: r.right, left: r.left};
            })""")
            assert boxes, path
            assert all(b["left"] >= -1 and b["right"] <= width + 1 for b in boxes), (path, boxes)
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 390, 768])
def test_the_parallel_view_stacks_on_narrow_screens(served, chromium, width):
    context = chromium.new_context(viewport={"width": width, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{served}/mia-permanent-revolution/parallel.html")
        row = page.locator(".ed-row").nth(3)
        reading = row.locator("[data-side='reading']").bounding_box()
        diplomatic = row.locator("[data-side='diplomatic']").bounding_box()
        assert diplomatic["y"] >= reading["y"] + reading["height"] - 1
        assert diplomatic["x"] >= 0 and diplomatic["x"] + diplomatic["width"] <= width + 1
    finally:
        context.close()


def test_every_link_of_the_site_leads_somewhere(site_folder):
    checked, broken = broken_links(site_folder)
    print(f"\nlinks: {checked} references checked, {len(broken)} broken")
    assert checked > 4000
    assert broken == [], "\n".join(broken[:30])


def test_the_link_checker_finds_a_missing_file_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<p id="top"><a href="a/">a</a> <a href="#top">top</a>'
                                         '<a href="https://example.org/x">out</a><img src="gone.png" alt=""></p>')
    (tmp_path / "a" / "index.html").write_text('<a href="../index.html#nowhere">back</a>'
                                               '<a href="../index.html#top">top</a>')
    checked, broken = broken_links(tmp_path)
    assert checked == 5
    assert sorted(broken) == ["a/index.html: ../index.html#nowhere (no such anchor)",
                              "index.html: gone.png (no such file)"]


# The first line of a page's own text (after the title and the facts box): its box.
FIRST_TEXT_LINE = """() => {
  const main = document.querySelector('main'), facts = main.querySelector('.ed-facts'), title = main.querySelector('h1');
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    if (!node.data.trim() || facts.contains(node) || title.contains(node)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = [...range.getClientRects()].find(r => r.height > 0);
    if (box) return {top: box.top, bottom: box.bottom, facts: facts.getBoundingClientRect().height};
  }
  return null;
}"""


@pytest.mark.parametrize("width,height", [(390, 844), (1280, 800)])
def test_the_text_begins_on_the_first_screen_of_every_view(served, chromium, site_folder, width, height):
    """The facts box is folded: on every view of every source the text's first line is visible
    without scrolling, on a phone and on a laptop."""
    sources = sorted(p.parent.name for p in site_folder.glob("*/reading.html"))
    context = chromium.new_context(viewport={"width": width, "height": height}, java_script_enabled=False)
    late, tallest = [], 0.0
    try:
        page = context.new_page()
        for source in sources:
            for view in ("reading", "diplomatic", "apparatus", "parallel"):
                page.goto(f"{served}/{source}/{view}.html")
                line = page.evaluate(FIRST_TEXT_LINE)
                assert line is not None, f"{source}/{view}.html has no text after its facts"
                tallest = max(tallest, line["facts"])
                if line["bottom"] > height:
                    late.append(f"{source}/{view}.html: first line at {line['top']:.0f} px, facts box {line['facts']:.0f} px")
    finally:
        context.close()
    print(f"\n{width}x{height}: {len(sources) * 4} pages, facts box at most {tallest:.0f} px high")
    assert len(sources) >= 12
    assert late == [], "\n".join(late)
