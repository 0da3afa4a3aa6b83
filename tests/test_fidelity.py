"""The diplomatic text of every TEI file equals its source, and the check catches any change."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from lxml import etree

from bukharin_edition import fidelity
from bukharin_edition.cli import main


SOURCE_IDS = [
    "spartacus-biography", "spartacus-primary-sources", "encyclopedia-bukharin",
    "smarthistories-bukharin", "trial-1938", "bordiga-enrich-yourselves", "colley-brief-summary",
    "stray-history-title", "mia-permanent-revolution", "omodeo-abstract",
    "siegelbaum-industrialization-debate",
]


@pytest.mark.parametrize("source_id", SOURCE_IDS)
def test_the_diplomatic_text_equals_the_source(project, manifest, source_id):
    path = project.tei / f"{source_id}.xml"
    assert fidelity.check_file(manifest, path) is None


def test_the_check_command_passes_on_the_corpus(project):
    result = CliRunner().invoke(main, ["check", "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    assert "11 sources: diplomatic text equals the received text" in result.output


def _tree(body: str) -> etree._Element:
    return etree.fromstring(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>{body}</body></text></TEI>'
    )


def test_a_changed_character_is_found_with_its_place(tmp_path, manifest, project):
    path = project.tei / "trial-1938.xml"
    changed = path.read_text(encoding="utf-8").replace("193 6", "1936")
    broken = tmp_path / "trial-1938.xml"
    broken.write_text(changed, encoding="utf-8")
    mismatch = fidelity.check_file(manifest, broken)
    assert mismatch is not None
    assert mismatch.seed_line == 139
    assert mismatch.column == len("This applies first of all to one of the inspirers of the conspiracy, enemy "
                                  "of the people TROTSKY. His connection with the Gestapo was exhaustively proved "
                                  "at the trials of the Trotskyite-Zinovievite Terrorist Center in August 193") + 1
    message = mismatch.message()
    assert "trial-1938-p4" in message and "seed line 139" in message
    assert "source has: '…novievite Terrorist Center in August 193 6, and of the Anti-Soviet" in message
    assert "TEI has:    '…novievite Terrorist Center in August 1936, and of the Anti-Soviet" in message


def test_a_lost_paragraph_is_found(tmp_path, manifest, project):
    text = (project.tei / "omodeo-abstract.xml").read_text(encoding="utf-8")
    start = text.index('<p xml:id="omodeo-abstract-p1">')
    end = text.index("</p>", start) + len("</p>")
    broken = tmp_path / "omodeo-abstract.xml"
    broken.write_text(text[:start] + text[end:], encoding="utf-8")
    mismatch = fidelity.check_file(manifest, broken)
    assert mismatch is not None and mismatch.found == "(end of TEI text)" and mismatch.seed_line == 473


def test_the_editors_additions_are_not_diplomatic_text():
    root = _tree(
        '<p>The <choice><sic>Pravada</sic><corr resp="ed:editors">Pravda</corr></choice> '
        'of <choice><orig>193 6</orig><reg resp="ed:editors">1936</reg></choice>'
        '<note resp="ed:editors">an editors\' note</note>'
        '<note type="sic" resp="ed:mia">[sic — MIA]</note>.</p>'
    )
    assert fidelity.diplomatic_text(root) == "The Pravada of 193 6[sic — MIA]."


def test_blocks_are_lines_and_lb_is_a_line_feed_and_a_speaker_runs_into_its_speech():
    root = _tree(
        '<div><head>Title</head><p>one<lb/>two</p>'
        '<sp who="#a"><speaker>A:</speaker>\n   <p>Speech.</p><p>More.</p></sp>'
        '<list><item><label>*</label> item</item></list></div>'
    )
    assert fidelity.diplomatic_text(root) == "Title\none\ntwo\nA: Speech.\nMore.\n* item"


def test_a_missing_tei_file_is_reported(scratch_project):
    result = CliRunner().invoke(main, ["check", "--root", str(scratch_project.root)])
    assert result.exit_code != 0
    assert "missing (run 'edition convert')" in result.output


def test_a_malformed_tei_file_is_reported_with_its_position(scratch_project):
    CliRunner().invoke(main, ["convert", "--root", str(scratch_project.root)])
    path = scratch_project.tei / "omodeo-abstract.xml"
    path.write_text(path.read_text(encoding="utf-8").replace("</p>", "</q>", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(scratch_project.root)])
    assert result.exit_code != 0
    assert "omodeo-abstract.xml:" in result.output and "not well-formed XML" in result.output
    assert "1 of 11 sources fail the fidelity check" in result.output
