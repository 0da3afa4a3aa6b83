"""The TEI files an edition publishes (edition/tei/*.xml, the DTS documents) validate against
the schema they name: each xml-model instruction points at a published copy of the schema
(edition/schema/), and the file is valid against the grammar and the rules found there."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import etree

from bukharin_edition.tei import PUBLISHED_SCHEMA, point_at_schema, safe_parser
from bukharin_edition.validate import Validator

ROOT = Path(__file__).resolve().parent.parent
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"


def _models(path: Path) -> dict[str, Path]:
    """The schemas a file's xml-model instructions name, by schema type, resolved as a client would."""
    found = {}
    for node in etree.parse(str(path), safe_parser()).xpath("/processing-instruction('xml-model')"):
        href = re.search(r'href="([^"]*)"', node.text).group(1)
        kind = re.search(r'schematypens="([^"]*)"', node.text).group(1)
        found[kind] = Path(urljoin(path.resolve().as_uri(), href).removeprefix("file://"))
    return found


def _published_tei(out: Path) -> list[Path]:
    files = sorted((out / "tei").glob("*.xml")) + sorted((out / "dts" / "document").glob("*.xml"))
    assert len(files) > 20
    return files


def test_the_schema_is_published_as_the_project_has_it(corpus_build):
    out = corpus_build[0]
    for name in PUBLISHED_SCHEMA:
        assert (out / "schema" / name).read_bytes() == (ROOT / "schema" / name).read_bytes()


def test_every_published_tei_file_points_at_the_published_schema(corpus_build):
    out = corpus_build[0]
    for path in _published_tei(out):
        models = _models(path)
        assert set(models) == {RNG_NS, SCH_NS}, path
        assert models[RNG_NS] == (out / "schema" / "bukharin.rng").resolve(), path
        assert models[SCH_NS] == (out / "schema" / "bukharin.sch").resolve(), path
        assert models[RNG_NS].is_file() and models[SCH_NS].is_file()


def test_every_published_tei_file_is_valid_against_the_grammar_its_xml_model_names(corpus_build):
    grammars: dict[Path, etree.RelaxNG] = {}
    invalid = []
    for path in _published_tei(corpus_build[0]):
        rng = _models(path)[RNG_NS]
        if rng not in grammars:
            grammars[rng] = etree.RelaxNG(etree.parse(str(rng), safe_parser()))
        if not grammars[rng].validate(etree.parse(str(path), safe_parser())):
            invalid.append(f"{path.name}: {grammars[rng].error_log.last_error}")
    assert invalid == []


def test_the_published_tei_folder_passes_the_rules_its_xml_model_names(corpus_build):
    """Grammar and Schematron together, as `edition validate` runs them, from edition/schema/
    (the rules compiled to XSLT are published beside the .sch); the rules read the shared files
    (edition.xml, persons.xml), published beside the sources."""
    out = corpus_build[0]
    files = sorted((out / "tei").glob("*.xml"))
    schema_dirs = {_models(p)[SCH_NS].parent for p in files}
    assert schema_dirs == {(out / "schema").resolve()}
    validator = Validator(schema_dirs.pop())
    problems = [str(p) for path in files for p in validator.check_file(path) if p.severity == "error"]
    assert problems == []


def test_a_file_against_the_published_rules_is_caught_when_it_breaks_them(corpus_build, tmp_path):
    """The rules from edition/schema/ do find a broken file (a pointer to nobody)."""
    out = corpus_build[0]
    for name in ("edition.xml", "persons.xml"):
        (tmp_path / name).write_bytes((out / "tei" / name).read_bytes())
    text = (out / "tei" / "trial-1938.xml").read_text(encoding="utf-8")
    broken = re.sub(r'ref="per:[a-z-]+"', 'ref="per:nobody-at-all"', text, count=1)
    assert broken != text
    (tmp_path / "trial-1938.xml").write_text(broken, encoding="utf-8")
    problems = Validator(out / "schema").check_file(tmp_path / "trial-1938.xml")
    assert any(p.severity == "error" for p in problems)


@pytest.mark.parametrize("text,folder,expected", [
    ('<?xml-model href="../schema/bukharin.rng" type="application/xml"?>', "../../schema",
     '<?xml-model href="../../schema/bukharin.rng" type="application/xml"?>'),
    ('<?xml-model type="application/xml" href="../schema/bukharin.sch"?>', "https://example.org/schema/",
     '<?xml-model type="application/xml" href="https://example.org/schema/bukharin.sch"?>'),
    ('<p>see ../schema/bukharin.rng</p>', "../../schema", '<p>see ../schema/bukharin.rng</p>'),
])
def test_only_the_xml_model_hrefs_are_rewritten(text, folder, expected):
    assert point_at_schema(text, folder) == expected
