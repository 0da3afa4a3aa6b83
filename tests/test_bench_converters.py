"""The development corpus and its scorer: every text encodes to valid TEI that keeps every
character, and the scorer counts what it should."""
from __future__ import annotations

import tomllib

import pytest
from lxml import etree

from bukharin_edition import fidelity
from bukharin_edition.bench.converters import compare, key_features, located_features, score_corpus, table
from bukharin_edition.convert import encode_shared
from bukharin_edition.convert.preview import encode_text
from bukharin_edition.validate import Validator
from conftest import ROOT

CORPUS = ROOT / "bench" / "corpus"
TEXTS = sorted(CORPUS.glob("*.txt"))


def test_the_corpus_has_at_least_twelve_texts_each_with_a_key_whose_texts_stand_on_their_lines():
    assert len(TEXTS) >= 12
    for path in TEXTS:
        key = tomllib.loads(path.with_suffix(".key.toml").read_text(encoding="utf-8"))
        lines = path.read_text(encoding="utf-8").split("\n")
        for feature in ("heading", "speaker", "marker", "date", "person"):
            for item in key.get(feature, []):
                assert item["text"] in lines[item["line"] - 1], (path.name, feature, item)


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_every_corpus_text_gives_valid_tei_that_keeps_every_character(path, manifest, tmp_path):
    preview = encode_text(manifest, path.read_bytes(), "corpus-text", "A corpus text")
    root = etree.fromstring(preview.converted.data)
    assert fidelity.compare(path, root, preview.manifest.lines_of(preview.source)) is None
    (tmp_path / "edition.xml").write_bytes(encode_shared(preview.manifest).data)
    (tmp_path / "corpus-text.xml").write_bytes(preview.converted.data)
    errors = [p.text() for p in Validator(ROOT / "schema").check_file(tmp_path / "corpus-text.xml")
              if p.severity == "error"]
    assert not errors, "\n".join(errors)


def test_features_are_located_on_the_seed_line_where_they_start(manifest):
    text = "A Title\n\nSome text on 5 March 1921,\nand Lenin on the next line.[1]\n\nNotes\n\n[1] A note. — MIA\n"
    preview = encode_text(manifest, text.encode(), "located", "Located", profile="mia-article")
    found = located_features(etree.fromstring(preview.converted.data), preview.manifest.lines_of(preview.source))
    assert found["heading"] == [(1, "A Title"), (6, "Notes")]
    assert found["date"] == [(3, "5 March 1921")]
    assert found["person"] == [(4, "Lenin")]
    assert found["marker"] == [(4, "[1]", "1")]
    assert found["note hand"] == [(8, "1", "mia")]


def test_the_score_counts_hits_false_finds_and_misses_and_a_resolved_year_meets_a_yearless_key():
    expected = key_features({"date": [{"line": 3, "text": "August 19", "when": "--08-19"},
                                      {"line": 4, "text": "1917", "when": "1917"}]})
    found = [(3, "August 19", (("when", "1936-08-19"),)), (5, "1918", (("when", "1918"),))]
    score = compare(found, expected["date value"], "t")
    assert (score.hits, len(score.false), len(score.missed)) == (1, 1, 1)
    assert (score.precision, score.recall) == (0.5, 0.5)


def test_the_corpus_scores_print_a_row_for_every_feature(manifest):
    results = score_corpus(manifest, CORPUS)
    printed = table(results)
    for feature in ("heading", "speaker", "marker", "note", "note hand", "date", "date value", "person"):
        assert f"| {feature} | all |" in printed
    assert "| profile | all | " in printed
