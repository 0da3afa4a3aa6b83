"""A real browser (Debian's Chromium, driven by Playwright) reads the built edition over HTTP:
it follows a note marker to its note and back, switches views, and takes screenshots."""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _require_browser():
    """In CI the browser must be there; elsewhere its absence skips, saying why."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if _in_ci():
            raise
        pytest.skip("Playwright for Python is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists() and not _in_ci():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium, or make test); CI must have it")
    return sync_playwright


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve_folder(folder: Path):
    """Serve a folder on 127.0.0.1 for as long as the generator is not closed; yield its address."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def launch_chromium():
    """Debian's Chromium through Playwright, for as long as the generator is not closed."""
    sync_playwright = _require_browser()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(fixture_build, corpus_build, tmp_path_factory):
    """Serve a built edition (the real corpus plus the views fixture) on 127.0.0.1."""
    import shutil

    served = tmp_path_factory.mktemp("site") / "edition"
    shutil.copytree(corpus_build[0], served)
    shutil.copytree(fixture_build[0] / "fixture-views", served / "fixture-views")
    yield from serve_folder(served)


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module (a launch costs seconds)."""
    yield from launch_chromium()


@pytest.fixture(scope="module")
def page(site, browser):
    """A page with JavaScript off: the edition must work without it."""
    context = browser.new_context(viewport={"width": 1000, "height": 900}, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_note_marker_leads_to_its_note_and_back_and_views_switch(site, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{site}/fixture-views/reading.html")
    assert page.title().startswith("A fixture for the views")
    marker = page.locator("a.ed-noteref[href='#fixture-views-note1']")
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/reading.html#fixture-views-note1")
    note = page.locator("#fixture-views-note1")
    assert note.is_visible()
    assert note.evaluate("n => getComputedStyle(n).backgroundColor") != "rgba(0, 0, 0, 0)"  # :target
    page.screenshot(path=str(SCREENSHOTS / "reading-note.png"))
    note.locator("a[role='doc-backlink']").click()
    page.wait_for_url("**/reading.html#fixture-views-p5-ref-1")
    assert page.locator("#fixture-views-p5-ref-1").is_visible()

    page.get_by_role("link", name="Diplomatic text").first.click()
    page.wait_for_url("**/fixture-views/diplomatic.html")
    assert "of Pravada" in page.locator("article").inner_text() or "Pravada" in page.locator("#fixture-views-p2").inner_text()
    assert "Editors’ note" not in page.locator("article").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "diplomatic.png"), full_page=True)
    page.get_by_role("link", name="Reading text").first.click()
    page.wait_for_url("**/fixture-views/reading.html")
    assert "Pravda" in page.locator("#fixture-views-p2").inner_text()


def test_correction_shows_what_was_printed_on_focus(site, page):
    page.goto(f"{site}/fixture-views/reading.html")
    was = page.locator("#fixture-views-p2-choice-1 .ed-was")
    assert was.bounding_box()["width"] <= 1
    page.locator("#fixture-views-p2-choice-1").focus()
    assert was.bounding_box()["width"] > 20
    page.locator("#fixture-views-p2").screenshot(path=str(SCREENSHOTS / "correction-focused.png"))


def test_cite_card_opens_on_focus(site, page):
    page.goto(f"{site}/trial-1938/reading.html")
    card = page.locator("#trial-1938-p12 .ed-cite-card")
    assert not card.is_visible()
    page.locator("#trial-1938-p12 .ed-cite-link").focus()
    assert card.is_visible() and "trial-1938/reading.html#trial-1938-p12" in card.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "trial-cite.png"))


def test_real_pages_render_without_javascript(site, page):
    for path, name in [("index.html", "index"), ("mia-permanent-revolution/reading.html", "mia-reading"),
                       ("mia-permanent-revolution/apparatus.html", "mia-apparatus")]:
        response = page.goto(f"{site}/{path}")
        assert response.ok
        assert page.locator("h1").count() == 1
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.emulate_media(media="print")
    page.goto(f"{site}/trial-1938/reading.html")
    assert not any(nav.is_visible() for nav in page.locator("nav").all())
    page.screenshot(path=str(SCREENSHOTS / "trial-print.png"), full_page=False)
    page.emulate_media(media="screen")


def test_reading_page_prints(site, browser):
    """Chromium prints the trial's reading text to PDF (no navigation, no cite marks)."""
    page = browser.new_page()
    try:
        page.goto(f"{site}/trial-1938/reading.html")
        pdf = page.pdf(format="A4", print_background=False)
        page.emulate_media(media="print")
        assert not page.locator(".ed-cite-link").first.is_visible()
        page.screenshot(path=str(SCREENSHOTS / "trial-print-full.png"), full_page=True)
    finally:
        page.close()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    (SCREENSHOTS / "trial-reading.pdf").write_bytes(pdf)
