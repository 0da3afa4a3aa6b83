"""Golden tests: the HTML of every view of the fixture document, canonicalized, as reviewed."""
from __future__ import annotations

import difflib

import pytest

from conftest import FIXTURES
from htmltext import canonical

EXPECTED = FIXTURES / "views" / "full" / "expected"
PAGES = ["fixture-views/reading.html", "fixture-views/diplomatic.html",
         "fixture-views/apparatus.html", "index.html"]


@pytest.mark.parametrize("page", PAGES)
def test_page_equals_its_reviewed_golden(page, fixture_build, update_goldens):
    out, report = fixture_build
    assert report.problems == []
    actual = canonical((out / page).read_text(encoding="utf-8"))
    golden = EXPECTED / page.replace("/", "--")
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        pytest.skip(f"rewrote {golden.name}: review it with git diff")
    assert golden.exists(), f"no golden {golden}; run pytest --update-goldens and review it"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            fromfile=f"expected/{golden.name}", tofile=f"built/{page}"))
        pytest.fail(f"{page} differs from its golden:\n{diff}")
