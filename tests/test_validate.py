"""`edition validate`: positions, refusals, all files checked, exit codes and output formats."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from schema_support import FIXTURES, ROOT, beside_declarations, validator  # noqa: F401 (fixtures)
from bukharin_edition.cli import main
from bukharin_edition.validate import WARNING

INVALID = FIXTURES / "invalid"


def _only(problems):
    assert len(problems) == 1, [p.text() for p in problems]
    return problems[0]


def test_malformed_xml_gets_the_parsers_position_and_one_line(validator):
    problem = _only(validator.check_file(INVALID / "xml-malformed.xml"))
    assert (problem.line, problem.column, problem.rule) == (12, 38, "xml")
    assert problem.message.startswith("not well-formed XML: Opening and ending tag mismatch: hi")
    assert "\n" not in problem.message


def test_an_empty_file_is_named_empty(validator):
    problem = _only(validator.check_file(INVALID / "empty-file.xml"))
    assert (problem.line, problem.column, problem.rule) == (1, 1, "empty")
    assert "the file is empty" in problem.message


def test_a_utf16_file_is_refused_with_the_fix(validator):
    problem = _only(validator.check_file(INVALID / "encoding-utf16.xml"))
    assert problem.rule == "encoding"
    assert "encoded in UTF-16" in problem.message and "UTF-8" in problem.message


def test_a_latin1_declaration_is_refused_with_the_fix(validator):
    problem = _only(validator.check_file(INVALID / "encoding-latin1.xml"))
    assert (problem.line, problem.column, problem.rule) == (1, 21, "encoding")
    assert 'declares encoding="ISO-8859-1"' in problem.message and "iconv" in problem.message


def test_a_doctype_with_an_external_entity_is_refused_and_the_entity_never_read(validator, tmp_path):
    """The entity points at a named pipe: opening it for reading would block until a writer came,
    so a prompt answer proves the file was never opened; its would-be content appears nowhere."""
    fixture = tmp_path / "doctype-external-entity.xml"
    shutil.copy(INVALID / fixture.name, fixture)
    os.mkfifo(tmp_path / "entity-target.txt")
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(validator.check_file(fixture)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "validation blocked: the parser opened the external entity"
    problem = _only(outcome[0])
    assert (problem.line, problem.column, problem.rule) == (2, 1, "doctype")
    assert "DOCTYPE" in problem.message and "never loaded" in problem.message


def test_a_doctype_entity_with_content_leaks_nothing(validator, tmp_path):
    fixture = tmp_path / "doctype-external-entity.xml"
    shutil.copy(INVALID / fixture.name, fixture)
    (tmp_path / "entity-target.txt").write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    problems = validator.check_file(fixture)
    assert [p.rule for p in problems] == ["doctype"]
    assert "TOP-SECRET" not in " ".join(p.text() for p in problems)


def test_every_file_is_checked_even_when_some_fail(validator, beside_declarations, tmp_path):
    beside_declarations("xml-malformed.xml", "empty-file.xml", "pointer-local-fails.xml", "date-real-passes.xml")
    report = validator.check_paths([tmp_path])
    assert len(report.files) == 6
    failing = {Path(p.path).name for p in report.errors}
    assert failing == {"xml-malformed.xml", "empty-file.xml", "pointer-local-fails.xml"}
    assert "6 file(s) checked: 3 valid, 3 with errors" in report.summary()


def test_an_unknown_element_is_named(validator, beside_declarations):
    (path,) = beside_declarations("grammar-unknown-element-fails.xml")
    problem = _only(validator.check_file(path))
    assert (problem.line, problem.column, problem.rule) == (36, 56, "grammar")
    assert problem.message.startswith("<bogus> is not an element of the edition's encoding")


def test_a_dangling_ref_is_named_with_its_value_and_column(validator, beside_declarations):
    (path,) = beside_declarations("pointer-person-fails.xml")
    problem = _only(validator.check_file(path))
    assert (problem.line, problem.column, problem.rule) == (36, 55, "pointer-person")
    assert problem.message.startswith('ref="per:bukarin" names no person of the register')


def test_a_person_pointer_without_register_is_a_warning_not_an_error(validator, beside_declarations):
    (path,) = beside_declarations("pointer-person-passes.xml", persons=False)
    problems = validator.check_file(path)
    assert [(p.rule, p.severity) for p in problems] == [("pointer-person-unchecked", WARNING)]


# ---------------------------------------------------------------- the command

def _run(*args, env=None):
    return CliRunner().invoke(main, ["validate", "--root", str(ROOT), *args], env=env or {"GITHUB_ACTIONS": ""})


def test_the_command_passes_on_the_edition():
    result = _run()
    assert result.exit_code == 0, result.output
    assert "file(s) checked" in result.output and "0 error(s)" in result.output


def test_the_command_fails_on_an_error_and_ends_with_a_summary(beside_declarations, tmp_path):
    beside_declarations("pointer-local-fails.xml", "pointer-local-passes.xml")
    result = _run("--quiet", str(tmp_path))  # problems only: no per-file progress lines
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0].endswith("[pointer-local]") and "pointer-local-fails.xml:36:12: corresp=" in lines[0]
    assert lines[-1] == "Error: 4 file(s) checked: 3 valid, 1 with errors; 1 error(s), 0 warning(s)"


def test_warnings_alone_do_not_fail_the_command(beside_declarations, tmp_path):
    beside_declarations("pointer-person-passes.xml", persons=False)
    result = _run(str(tmp_path / "pointer-person-passes.xml"))
    assert result.exit_code == 0
    assert ": warning: " in result.output and "1 warning(s)" in result.output


@pytest.mark.parametrize("how", ["option", "environment"])
def test_github_annotations(how, beside_declarations, tmp_path):
    beside_declarations("grammar-closed-values-fails.xml")
    target = str(tmp_path / "grammar-closed-values-fails.xml")
    if how == "option":
        result = _run("--format", "github", target)
    else:
        result = _run(target, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    annotation = next(line for line in result.output.splitlines() if line.startswith("::"))
    assert annotation.startswith("::error file=")
    assert ",line=36,col=9::" in annotation
    assert annotation.endswith('rend="dotted" on <list> is not one of the edition\'s values: bulleted, numbered [grammar]')


def test_the_manual_lists_every_element_and_attribute_with_corpus_examples(tmp_path, validator):
    out = tmp_path / "manual.html"
    result = CliRunner().invoke(main, ["manual", "--root", str(ROOT), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    for name, definitions in validator.model.elements.items():
        assert f'id="el-{name}"' in page
        for definition in definitions:
            for attr in definition.attributes:
                assert f"<code>@{attr}</code>" in page
    assert "Example from <code>tei/mia-permanent-revolution.xml</code>" in page


def test_latin1_bytes_in_a_utf8_file_are_named_with_their_place(validator):
    problem = _only(validator.check_file(INVALID / "encoding-undeclared-latin1.xml"))
    assert (problem.line, problem.column, problem.rule) == (2, 48, "encoding")
    assert problem.message.startswith("the file is not valid UTF-8 here")


def test_a_duplicate_xml_id_is_named(validator, tmp_path):
    path = tmp_path / "twice.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><p xml:id="a"/><p xml:id="a"/></TEI>\n', encoding="utf-8")
    problem = _only(validator.check_file(path))
    assert problem.line == 1 and problem.rule == "xml"
    assert problem.message == 'xml:id="a" is used twice: every xml:id must be unique in its file'


def test_the_manual_lists_every_rule_of_the_schematron(tmp_path):
    from lxml import etree

    out = tmp_path / "manual.html"
    CliRunner().invoke(main, ["manual", "--root", str(ROOT), "--out", str(out)])
    page = out.read_text(encoding="utf-8")
    sch = etree.parse(str(ROOT / "schema" / "bukharin.sch"))
    for check in sch.iter("{http://purl.oclc.org/dsdl/schematron}assert"):
        if check.get("id"):
            assert f"<tr><td><code>{check.get('id')}</code></td>" in page
    assert "<tr><td><code>att.datable.w3c-att-datable-w3c-when</code></td><td>error</td>" in page  # TEI's, inherited


def test_the_manual_documents_every_value_of_every_closed_list_from_the_odd(tmp_path, validator):
    from lxml import html

    out = tmp_path / "manual.html"
    CliRunner().invoke(main, ["manual", "--root", str(ROOT), "--out", str(out)])
    page = out.read_text(encoding="utf-8")
    items = {li.text_content() for li in html.fromstring(page).iter("li") if li.find("code") is not None}
    for name, [definition] in validator.model.elements.items():
        for attr in definition.attributes.values():
            for value in attr.values or ():
                assert f"{value}: {attr.value_docs[value]}" in items
    assert "<li><code>nickname</code>: a nickname (Koba, Bukharchik).</li>" in page
    assert "Module <code>namesdates</code> (changed by the edition)." in page  # persName
    assert "Example of the encoding manual:" in page and "Koba" in page  # the ODD's exemplum
