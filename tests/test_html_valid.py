"""Every built page is valid HTML: the Nu HTML Checker, current release from npm (`vnu-jar`,
installed by `make setup` into .venv/npm/), finds no error and no warning but the ones listed
below, each with the reason it is not a problem of the page."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / ".venv" / "npm" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Warnings that are intended, with why: (a pattern of the message, the pages it may be on).
INTENDED = [
    # The pages' Content-Security-Policy allows 'self', and a file: URL (the checker reads the
    # files from disk) is no origin: in a browser over HTTP the stylesheet and script load.
    (r"^Resource violates Content Security Policy \(meta tag\): external (stylesheet|script) "
     r"“[^”]*(assets/edition\.css|assets/search\.js)” blocked by “(style|script)-src” directive\.$", r"\.html$"),
]


def _checker() -> list[str]:
    in_ci = os.environ.get("CI", "").lower() == "true"
    java = shutil.which("java")
    for missing, fix in ((java is None, "java is missing (apt-get install openjdk-17-jre-headless, or make setup)"),
                         (not VNU.is_file(), f"the Nu HTML Checker is missing: make setup installs vnu-jar "
                                             f"into {VNU.relative_to(ROOT).parts[0]}/npm")):
        if missing:
            if in_ci:
                pytest.fail(fix)
            pytest.skip(fix)
    return [java, "-jar", str(VNU)]


def _pages(*builds) -> list[Path]:
    return [p for out, _ in builds for p in sorted(out.rglob("*.html"))]


def _check(pages: list[Path]) -> list[dict]:
    result = subprocess.run(_checker() + ["--format", "json", "--stdout", *map(str, pages)],
                            capture_output=True, text=True, timeout=600)
    return json.loads(result.stdout)["messages"]


def _intended(message: dict) -> bool:
    return any(re.search(text, message["message"]) and re.search(where, message.get("url", ""))
               for text, where in INTENDED)


@pytest.fixture(scope="module")
def messages(corpus_build, fixture_build):
    pages = _pages(corpus_build, fixture_build)
    assert len(pages) > 100
    return pages, _check(pages)


def _show(found: list[dict]) -> str:
    return "\n".join(f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['type']}: {m['message']}"
                     for m in found[:30])


def test_every_page_has_no_html_error(messages):
    pages, found = messages
    errors = [m for m in found if m["type"] in ("error", "non-document-error")]
    print(f"\nNu HTML Checker: {len(pages)} pages, {len(errors)} errors, "
          f"{sum(m.get('subType') == 'warning' for m in found)} warnings (intended: "
          f"{sum(m.get('subType') == 'warning' and _intended(m) for m in found)})")
    assert errors == [], _show(errors)


def test_every_page_has_no_warning_but_the_intended_ones(messages):
    _, found = messages
    warnings = [m for m in found if m.get("subType") == "warning" and not _intended(m)]
    assert warnings == [], _show(warnings)


def test_the_checker_does_report_what_is_wrong(tmp_path):
    """The test above can fail: a page with the faults the pages once had is reported."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head>'
                    '<body><h2>Heading<span role="note">card</span></h2>'
                    '<dl><dt>Note</dt><dd>a</dd><dt>Note</dt><dd>b</dd></dl></body></html>', encoding="utf-8")
    found = _check([page])
    assert any(m["type"] == "error" and "role=note" in m["message"] for m in found)
    assert any(m.get("subType") == "warning" and "Duplicate “dt” name" in m["message"] for m in found)
    assert not any(_intended(m) for m in found)
