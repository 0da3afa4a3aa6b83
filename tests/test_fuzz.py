"""Fuzzing: TEI files of the edition, mutated, fed to validate and build. No crash, ever.

Every mutated file must end as a clean result or as reported problems (file:line:col for
validation, named files for the build), never as an uncaught exception. CI runs a bounded
number of examples; a longer run:

    FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_fuzz.py
"""
from __future__ import annotations

import copy
import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from bukharin_edition.publish import build_edition
from bukharin_edition.tei import parse_tei, serialize
from bukharin_edition.validate import Validator
from conftest import ROOT

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
SEEDS = ["omodeo-abstract", "trial-1938", "smarthistories-bukharin"]
MARKUP_TEXT = st.text(alphabet="<>&\"'[]…—‘’“”;:#/ abcXYZ\u00a0\u200b\U0001F600", max_size=30)
TAGS = st.sampled_from(["p", "note", "persName", "date", "sp", "speaker", "choice", "sic", "ref",
                        "bogus", "script", "div", "head", "lb", "q"])
ATTR_VALUES = st.one_of(MARKUP_TEXT, st.sampled_from([
    "javascript:alert(1)", "data:text/html,x", "#nowhere", "ed:nobody", "per:", "1888-02-31", "--13",
    "../../etc/passwd", "edition.xml#editors", ""]))


@st.composite
def mutation(draw):
    return (draw(st.sampled_from(["drop", "duplicate", "swap", "text", "attribute", "rename", "wrap"])),
            draw(st.integers(min_value=0, max_value=10_000)), draw(MARKUP_TEXT), draw(TAGS), draw(ATTR_VALUES))


def mutate(root: etree._Element, operations) -> None:
    """Apply mutations to the elements of the text (the header is left alone half the time)."""
    for kind, pick, text, tag, value in operations:
        elements = [el for el in root.iter() if isinstance(el.tag, str) and el is not root]
        if not elements:
            return
        el = elements[pick % len(elements)]
        parent = el.getparent()
        if kind == "drop" and parent is not None:
            tail = (el.tail or "")
            previous = el.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(el)
        elif kind == "duplicate" and parent is not None:
            el.addnext(copy.deepcopy(el))
        elif kind == "swap" and parent is not None and el.getnext() is not None:
            el.getnext().addnext(el)
        elif kind == "text":
            el.text = (el.text or "") + text
        elif kind == "attribute":
            name = ["resp", "who", "target", "ref", "when", "type", "onclick",
                    "{http://www.w3.org/XML/1998/namespace}id"][pick % 8]
            el.set(name, value)
        elif kind == "rename":
            el.tag = f"{{http://www.tei-c.org/ns/1.0}}{tag}"
        elif kind == "wrap" and parent is not None:
            wrapper = etree.Element(f"{{http://www.tei-c.org/ns/1.0}}{tag}")
            el.addprevious(wrapper)
            wrapper.append(el)


@pytest.fixture(scope="module")
def validator():
    return Validator(ROOT / "schema")


@pytest.fixture(scope="module")
def shared_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    return folder


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), operations=st.lists(mutation(), min_size=1, max_size=4),
       raw_bytes=st.booleans())
def test_mutated_files_are_reported_never_crash(seed, operations, raw_bytes, validator, saxon, shared_dir):
    tei_dir = shared_dir / "tei"
    if tei_dir.exists():
        shutil.rmtree(tei_dir)
    tei_dir.mkdir()
    for name in ("edition.xml", "persons.xml"):
        shutil.copy(ROOT / "tei" / name, tei_dir)
    root = parse_tei(ROOT / "tei" / f"{seed}.xml").getroot()
    mutate(root, operations)
    target = tei_dir / f"{seed}.xml"
    try:
        data = serialize(root)
    except ValueError:
        data = etree.tostring(root, encoding="utf-8")  # what serialize refuses, a scholar may still write
    if raw_bytes:  # and a file cut short, as a crash of another tool would leave it
        data = data[: max(1, len(data) * (operations[0][1] % 100) // 100)]
    target.write_bytes(data)

    problems = validator.check_file(target)
    for problem in problems:
        assert problem.line >= 0 and problem.message
    report = build_edition(tei_dir, ROOT / "xslt", shared_dir / "edition", processor=saxon,
                           schema_dir=ROOT / "schema")
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        assert seed not in report.sources and report.problems
    else:
        assert seed in report.sources or report.problems
