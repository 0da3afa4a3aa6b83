"""The live preview in a real browser (Debian's Chromium through Playwright): a saved change
reloads the open page, a breaking change shows its error over the last good page, and the
Content-Security-Policy is never violated."""
from __future__ import annotations

import threading

import pytest

from bukharin_edition.publish.base import Session
from bukharin_edition.serve import Preview, Watcher, make_server
from editor_support import edit, small_project
from test_browser import ARGS, CHROMIUM, _require_browser


@pytest.fixture
def preview_site(tmp_path, saxon):
    project = small_project(tmp_path / "project")
    preview = Preview(project, echo=lambda message: None)
    preview.session = Session(saxon)
    preview.rebuild()
    server = make_server(project.edition, "127.0.0.1", 0, preview)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    watcher = Watcher(preview, interval=0.05)
    watcher.start()
    yield project, f"http://127.0.0.1:{server.server_address[1]}"
    watcher.stop()
    server.shutdown()
    server.server_close()


def test_the_open_page_reloads_and_shows_a_breaking_change(preview_site):
    project, site = preview_site
    sync_playwright = _require_browser()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page()
            violations: list[str] = []
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(f"{site}/trial-1938/reading.html")
            edit(project.tei / "trial-1938.xml", "plead guilty", "plead guilty (seen live)")
            page.get_by_text("(seen live)").first.wait_for(timeout=15000)  # locators: no eval under the CSP

            edit(project.tei / "trial-1938.xml", "plead guilty (seen live)", "plead <oops>guilty</oops>")
            overlay = page.locator("aside.ed-preview-problems")
            overlay.wait_for(timeout=15000)
            assert "trial-1938.xml:" in overlay.inner_text()
            assert "(seen live)" in page.locator("main, article").first.inner_text()  # the last good page

            edit(project.tei / "trial-1938.xml", "plead <oops>guilty</oops>", "plead guilty again")
            page.get_by_text("plead guilty again").first.wait_for(timeout=15000)
            overlay.wait_for(state="detached", timeout=15000)
            assert violations == []
        finally:
            browser.close()
