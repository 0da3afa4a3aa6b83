"""The schema: the ODD and its generated files agree, its rules each have fixtures, it is a TEI subset."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from schema_support import FIXTURES, ROOT, SCHEMA, TEI, TEI_ALL, beside_declarations, java_missing, validator  # noqa: F401 (fixtures)
from bukharin_edition.schema import GENERATED, generate, load_model, toolchain_dir
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


def test_the_committed_schema_is_what_the_odd_compiles_to(tmp_path):
    toolchain = toolchain_dir(ROOT)
    if not toolchain.is_dir():
        pytest.skip(f"the TEI ODD toolchain is not at {toolchain} (set BUKHARIN_TEI_ODD to its folder)")
    for name in ("bukharin.odd", *GENERATED):
        (tmp_path / name).write_bytes((SCHEMA / name).read_bytes())
    assert generate(tmp_path, toolchain, check=True) == [], (
        "the generated schema is not what schema/bukharin.odd compiles to: run edition schema")
    (tmp_path / "bukharin.odd").write_text((SCHEMA / "bukharin.odd").read_text(encoding="utf-8").replace(
        '<valItem ident="numbered">', '<valItem ident="lettered"><desc>a, b, c.</desc></valItem><valItem ident="numbered">'),
        encoding="utf-8")
    assert generate(tmp_path, toolchain, check=True) == ["bukharin.rng"]  # a value list is grammar only


def test_the_hand_written_grammar_is_gone():
    assert not (SCHEMA / "bukharin.rnc").exists()


def test_every_element_attribute_and_value_of_the_schema_is_documented():
    model = load_model(SCHEMA / "bukharin.rng")
    undocumented = [name for name, [definition] in model.elements.items() if not definition.doc]
    assert undocumented == []
    attributes = [(name, attr.name) for name, [definition] in model.elements.items()
                  for attr in definition.attributes.values() if not attr.doc]
    assert attributes == []
    values = [(name, attr.name, value) for name, [definition] in model.elements.items()
              for attr in definition.attributes.values() for value in attr.values or ()
              if not attr.value_docs.get(value)]
    assert values == []


def test_the_edition_s_value_lists_are_closed():
    model = load_model(SCHEMA / "bukharin.rng")
    assert model.attribute_values("list", "rend") == ("bulleted", "numbered")
    assert "received-text" in model.attribute_values("note", "type")
    assert model.attribute_values("idno", "type")[:2] == ("source-id", "sha256")


def _edition_asserts():
    odd = etree.parse(str(SCHEMA / "bukharin.odd"))
    return [a for a in odd.iter(f"{{{SCH_NS}}}assert") if a.get("id")]


def test_every_rule_has_an_id_and_a_failing_and_a_passing_fixture():
    asserts = _edition_asserts()
    assert len(asserts) >= 15
    ids = {a.get("id") for a in asserts} - WARNING_RULES
    assert {f"{i}-fails.xml" for i in ids} <= set(FAILING)
    assert {f"{i}-passes.xml" for i in ids} <= set(PASSING)


def test_tei_s_own_rules_are_in_the_generated_schematron():
    sch = etree.parse(str(SCHEMA / "bukharin.sch"))
    patterns = [p.get("id") for p in sch.iter(f"{{{SCH_NS}}}pattern")]
    assert any("att-datable-w3c-when" in p for p in patterns)
    assert any("ref-refAtts" in p for p in patterns)
    assert sch.getroot().get("queryBinding") == "xslt2"


def test_a_date_with_when_and_from_is_reported_by_the_command(beside_declarations, tmp_path):
    from click.testing import CliRunner
    from bukharin_edition.cli import main

    (path,) = beside_declarations("att.datable.w3c-att-datable-w3c-when-fails.xml")
    result = CliRunner().invoke(main, ["validate", "--root", str(ROOT), str(path)])
    assert result.exit_code == 1
    assert ("att.datable.w3c-att-datable-w3c-when-fails.xml:36:"
            in result.output), result.output
    assert "The @when attribute cannot be used with any other att.datable.w3c attributes. [att.datable.w3c-att-datable-w3c-when]" in result.output


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


def test_an_odd_that_does_not_compile_is_refused_and_nothing_is_written(tmp_path):
    from bukharin_edition.schema import SchemaError

    toolchain = toolchain_dir(ROOT)
    if not toolchain.is_dir():
        pytest.skip(f"the TEI ODD toolchain is not at {toolchain} (set BUKHARIN_TEI_ODD to its folder)")
    (tmp_path / "bukharin.odd").write_text((SCHEMA / "bukharin.odd").read_text(encoding="utf-8").replace(
        '</schemaSpec>', '</schemaSpc>'), encoding="utf-8")
    with pytest.raises(SchemaError) as refused:
        generate(tmp_path, toolchain)
    assert "bukharin.odd" in str(refused.value.message)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bukharin.odd"]


def test_the_rules_never_read_a_sibling_that_declares_a_doctype(validator, beside_declarations, tmp_path):
    """A sibling with an external entity is unavailable to the rules: the pointer into it fails
    with the rule's own message, and the entity's target is never read."""
    (path,) = beside_declarations("pointer-sibling-passes.xml")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    text = (tmp_path / "edition.xml").read_text(encoding="utf-8")
    (tmp_path / "edition.xml").write_text(text.replace(
        "<TEI ", f'<!DOCTYPE TEI [<!ENTITY leak SYSTEM "file://{secret}">]>\n<TEI ', 1), encoding="utf-8")
    problems = validator.check_file(path)
    assert any(p.rule == "pointer-sibling" for p in problems), [p.text() for p in problems]
    assert "TOP-SECRET" not in " ".join(p.text() for p in problems)


FREEDOMS = (
    '<p xml:id="{id}-p2" corresp="edition.xml#editors edition.xml#mia edition.xml#author edition.xml#website edition.xml#translator">'
    'The <foreign xml:lang="ru-Latn">smychka</foreign> held <foreign xml:lang="la">a posteriori</foreign>; '
    '<title level="m">Stalin: The Court of the Red Tsar</title> and <title level="m" xml:lang="de">Moskau 1937</title>; '
    'a lost figure <gap reason="lost"/> and an <unclear>unclear</unclear> word.</p>\n'
    '        <p xml:id="{id}-p3" xml:lang="fr">Une phrase en français.</p>')


def test_what_tei_allows_inline_the_schema_allows(validator, beside_declarations):
    """foreign, title, gap and unclear inline, xml:lang below the root, five pointers in @corresp."""
    (path,) = beside_declarations("p-not-empty-passes.xml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('<p xml:id="p-not-empty-passes-p2">Not empty.</p>',
                                 FREEDOMS.replace("{id}", "p-not-empty-passes")), encoding="utf-8")
    assert "smychka" in path.read_text(encoding="utf-8")
    assert [p.text() for p in validator.check_file(path)] == []


def test_a_person_of_the_register_may_have_name_parts_authority_ids_and_sourced_dates(validator, tmp_path):
    person = (
        '<person xml:id="koba">\n'
        '        <persName type="standard"><forename>Iosif</forename> <addName type="patronymic">Vissarionovich</addName> <surname>Stalin</surname></persName>\n'
        '        <persName type="variant" subtype="nickname">Koba</persName>\n'
        '        <persName type="variant" subtype="birth">Iosif Vissarionovich Dzhugashvili</persName>\n'
        '        <birth when="1878-12-18" cert="high" source="edition.xml#editors"/>\n'
        '        <idno type="wikidata">https://www.wikidata.org/wiki/Q855</idno>\n'
        '      </person>\n      ')
    text = (FIXTURES / "valid" / "persons.xml").read_text(encoding="utf-8")
    (tmp_path / "persons.xml").write_text(text.replace("<person ", person + "<person ", 1), encoding="utf-8")
    (tmp_path / "edition.xml").write_bytes((FIXTURES / "valid" / "edition.xml").read_bytes())
    assert "Koba" in (tmp_path / "persons.xml").read_text(encoding="utf-8")
    assert [p.text() for p in validator.check_file(tmp_path / "persons.xml")] == []
