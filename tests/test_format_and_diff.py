"""`edition format` keeps every character of the text; `edition diff` says what changed."""
from __future__ import annotations

import shutil

from click.testing import CliRunner

from bukharin_edition.cli import main
from bukharin_edition.tei import parse_tei
from bukharin_edition.tei_diff import compare


def test_the_committed_tei_is_already_canonical(project):
    result = CliRunner().invoke(main, ["format", "--check", str(project.tei)])
    assert result.exit_code == 0, result.output
    assert "0 reformatted, 0 would be, 0 refused" in result.output


def test_format_reindents_without_touching_mixed_content(tmp_path, project):
    path = tmp_path / "trial-1938.xml"
    original = (project.tei / "trial-1938.xml").read_text(encoding="utf-8")
    messy = original.replace("\n        <sp ", "\n<sp ").replace('  <div xml:id="trial-1938-div2" type="indictment">',
                                                              '<div type="indictment"   xml:id="trial-1938-div2" >')
    messy = messy.replace("<!-- -->", "")
    messy = messy.replace("<?xml-model", "<!-- a scholar's comment -->\n<?xml-model", 1)
    path.write_text(messy, encoding="utf-8")
    check = CliRunner().invoke(main, ["format", "--check", str(path)])
    assert check.exit_code != 0 and "would reformat" in check.output
    assert path.read_text(encoding="utf-8") == messy
    done = CliRunner().invoke(main, ["format", str(path)])
    assert done.exit_code == 0, done.output
    result = path.read_text(encoding="utf-8")
    assert "<!-- a scholar's comment -->" in result
    assert result.replace("<!-- a scholar's comment -->\n", "") == original


def test_format_never_changes_whitespace_inside_a_paragraph(tmp_path, project):
    path = tmp_path / "omodeo-abstract.xml"
    text = (project.tei / "omodeo-abstract.xml").read_text(encoding="utf-8")
    spaced = text.replace('<p xml:id="omodeo-abstract-p1">', '<p xml:id="omodeo-abstract-p1">\n      ')
    path.write_text(spaced, encoding="utf-8")
    CliRunner().invoke(main, ["format", str(path)])
    assert '<p xml:id="omodeo-abstract-p1">\n      This article' in path.read_text(encoding="utf-8")


def test_format_reports_a_malformed_file_and_goes_on(tmp_path, project):
    shutil.copy(project.tei / "omodeo-abstract.xml", tmp_path / "good.xml")
    (tmp_path / "bad.xml").write_text("<TEI><p></TEI>", encoding="utf-8")
    result = CliRunner().invoke(main, ["format", "--check", str(tmp_path)])
    assert result.exit_code != 0
    assert "bad.xml:1:" in result.output and "not well-formed" in result.output
    assert "2 file(s): 0 reformatted, 0 would be, 1 refused" in result.output


def test_diff_names_text_attribute_and_markup_changes(tmp_path, project):
    old_path = project.tei / "trial-1938.xml"
    new_path = tmp_path / "trial-1938.xml"
    text = old_path.read_text(encoding="utf-8")
    text = text.replace("I am about to finish.", "I am about to finish now.")
    text = text.replace('<sp xml:id="trial-1938-sp2" who="#bukharin">', '<sp xml:id="trial-1938-sp2" who="#rykov">')
    text = text.replace("Yes, I plead guilty", 'Yes, <note type="editorial" resp="ed:editors">sic</note>I plead guilty')
    text = text.replace('<p xml:id="trial-1938-p3">', '<p xml:id="trial-1938-p3-new">')
    new_path.write_text(text, encoding="utf-8")
    changes = [str(c) for c in compare(parse_tei(old_path).getroot(), parse_tei(new_path).getroot())]
    assert "trial-1938-p24: text changed: …I am about to [-finish.-]{+finish now.+} I am perhaps speaking for the…" in changes
    assert "trial-1938-sp2: who changed: '#bukharin' → '#rykov'" in changes
    assert 'trial-1938-p7: note added (resp="ed:editors" type="editorial"): “sic”' in changes
    assert any(c.startswith("trial-1938-p3: p removed: “This agreement") for c in changes)
    assert any(c.startswith("trial-1938-p3-new: p added: “This agreement") for c in changes)
    assert len(changes) == 5


def test_diff_of_a_file_with_itself_is_empty(project):
    result = CliRunner().invoke(main, ["diff", str(project.tei / "edition.xml"), str(project.tei / "edition.xml")])
    assert result.exit_code == 0 and result.output.strip() == "0 change(s)"
