"""Any text, any profile: the converter writes TEI that is valid and loses nothing.

The texts are drawn from what new sources are made of: paragraphs, headings, speaker labels in
every case, note markers and notes of every style, signatures of the hands, bracketed and
parenthesised spans, omission marks, insertions of the source, markers without their notes (which
get the editors' placeholders), references to pictures the text lacks (a lost figure), block
quotations with their citations and markers, dates of writing in provenance lines, digit runs
that are and are not dates, metadata lines. CI runs a bounded,
derandomized number of examples; a longer run:

    PROFILE_EXAMPLES=1000 .venv/bin/python -m pytest tests/test_convert_never_invalid.py
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from bukharin_edition import fidelity
from bukharin_edition.convert import PROFILES, encode_shared, encode_source
from bukharin_edition.validate import Validator
from conftest import ROOT, invented_manifest

EXAMPLES = int(os.environ.get("PROFILE_EXAMPLES", "100"))

WORDS = (
    "the of and that in a Bukharin Stalin Lenin Trotsky said wrote party peasants NEP kulak "
    "March November 25, 1917 1917 1932-33 1920s 5.III.1938 12.3.1938 13th O.S. Old Style "
    "[1] [2] [12] 1) 2) (1) (2) ¹ ² ³ * ** † ‡ — – - MIA -Ed. Ed. Trans. [sic] [sic — MIA] "
    "(...) (…) […] [...] (they) [the peasantry] 58-1a pp. 45-67 p. Article 319 N.I. N. I. "
    "Genrikh Yagoda Iagoda VYSHINSKY: THE PRESIDENT: Vyshinsky: Bukharin: Q. A. Source: "
    "Transcription: Written: Recorded: : . , ; ! ? [ ] ( ) “ ” ‘ ’ & < > Ж ж é "
    "… …. [. . .] (pictured) pictured is the photo above [Stalin] [the Party] (is) [8] [17]"
).split(" ")
SPECIAL_LINES = (
    "Notes", "Footnotes", "Endnotes", "NOTES", "Editor's Notes", "1. A note. — MIA", "[1] A note.",
    "1) 1 The manuscript is lost. -Ed.", "2) Ibid. Ed.", "(1) A note.", "¹ A superscript note.",
    "* A starred note. — Trans.", "† Translator's note", "[Translator's note]", "1 ) Spaced.",
    "THE PRESIDENT: Sit down.", "Bukharin: I do.", "VYSHINSKY. Go on.", "MR. X: Yes.",
    "Source: Pravda, No. 5", "Transcription/Markup: A. N. Other", "Chapter I", "* * *",
    "Contents", "I. The Question", "Moscow, March 5, 1938", "Nikolai Bukharin: The ABC of Communism",
    "… we repent our crimes….", "Lenin (pictured) spoke [7].", "Pictured is a cartoon he drew.",
    "He [Stalin] said [...] that (they) would [. . . — Trans.] come.",
    "Comrade Trotsky wrote the following:", "The quoted words. (The New Course, p 50) [1]",
    "More quoted words. [2]", "Written: Written on June 11, 1921",
)
line = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
paragraph = st.lists(st.one_of(line, st.sampled_from(SPECIAL_LINES)), min_size=1, max_size=3).map("\n".join)
source_texts = st.lists(paragraph, min_size=1, max_size=8).map("\n\n".join)


@pytest.fixture(scope="module")
def validator():
    return Validator(ROOT / "schema")


@pytest.mark.parametrize("profile", sorted(PROFILES))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=source_texts)
def test_any_text_gives_valid_tei_that_keeps_every_character(profile, text, validator, tmp_path_factory):
    manifest = invented_manifest(text, profile=profile)
    source = manifest.sources[0]
    converted = encode_source(manifest, source)
    root = etree.fromstring(converted.data)
    assert fidelity.compare(Path("invented.xml"), root, manifest.lines_of(source)) is None
    folder = tmp_path_factory.mktemp(profile)
    (folder / "edition.xml").write_bytes(encode_shared(manifest).data)
    (folder / "invented.xml").write_bytes(converted.data)
    errors = [p.text() for p in validator.check_file(folder / "invented.xml") if p.severity == "error"]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("text", [
    "Title\n\nA paragraph before any heading.\n\nSection\n\nMore.",  # bare text in body
    "The title only",  # a front that would hold only a head
    "Title\n\nSource: Pravda\n\nText.[1]\n\nNotes\n\n[1] A note.\n\n[1] The same number again.",
    "Text with a star* and a dagger†.\n\n* The star's note.\n\n† The dagger's note. — Trans.",
    "the\n\nContents\n\nthe\n\nthe",  # text after a table of contents, with no heading
])
@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_shapes_that_once_gave_invalid_tei_are_valid(profile, text, validator, tmp_path):
    manifest = invented_manifest(text, profile=profile)
    converted = encode_source(manifest, manifest.sources[0])
    (tmp_path / "edition.xml").write_bytes(encode_shared(manifest).data)
    (tmp_path / "invented.xml").write_bytes(converted.data)
    errors = [p.text() for p in validator.check_file(tmp_path / "invented.xml") if p.severity == "error"]
    assert not errors, "\n".join(errors)
