"""Bad input: a file that cannot be rendered is reported with its place; the rest is built."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from bukharin_edition.publish import build_edition
from bukharin_edition.cli import main
from conftest import FIXTURES, ROOT

GOOD = FIXTURES / "views" / "full" / "tei"


def _project(tmp_path: Path, extra: dict[str, str], corpus: bool = False) -> Path:
    """A project folder with the fixture's TEI files (or, for the CLI, which validates before it
    builds, valid files of the corpus), the trial record, and the extra files given."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "sources.toml").write_text("# not read by the build\n")
    if corpus:
        (tmp_path / "tei").mkdir()
        for name in ("edition.xml", "persons.xml", "omodeo-abstract.xml"):
            shutil.copy(ROOT / "tei" / name, tmp_path / "tei")
    else:
        shutil.copytree(GOOD, tmp_path / "tei")
    shutil.copy(ROOT / "tei" / "trial-1938.xml", tmp_path / "tei")
    shutil.copytree(ROOT / "xslt", tmp_path / "xslt")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    for name, text in extra.items():
        (tmp_path / "tei" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_malformed_file_is_reported_with_line_and_column_and_the_rest_is_built(tmp_path, saxon):
    broken = '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="broken">\n  <text><p>x</text>\n</TEI>\n'
    project = _project(tmp_path, {"broken.xml": broken})
    report = build_edition(project / "tei", project / "xslt", project / "edition", processor=saxon)
    assert len(report.problems) == 1
    assert report.problems[0].startswith(f"{project / 'tei' / 'broken.xml'}:3:")
    assert "not well-formed" in report.problems[0]
    assert sorted(report.sources) == ["fixture-views", "trial-1938"]
    assert (project / "edition" / "trial-1938" / "reading.html").is_file()
    assert not (project / "edition" / "broken").exists()


def test_unmapped_element_is_reported_with_its_line_and_path(tmp_path, saxon):
    text = (ROOT / "tei" / "trial-1938.xml").read_text(encoding="utf-8").replace(
        "trial-1938", "odd-one").replace(", do you plead guilty to the charges brought against you?</p>\n          </sp>\n          <sp xml:id=\"odd-one-sp4\"",
                                    ', do <hi rend="italic">you</hi> plead guilty to the charges brought against you?</p>\n          </sp>\n          <sp xml:id=\"odd-one-sp4\"')
    project = _project(tmp_path, {"odd-one.xml": text})
    report = build_edition(project / "tei", project / "xslt", project / "edition", processor=saxon)
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "<hi " in l)
    assert report.problems, "an unmapped element must not pass silently"
    assert all(p.startswith(f"{project / 'tei' / 'odd-one.xml'}:{line}: ") for p in report.problems)
    assert "<hi>" in report.problems[0] and "odd-one-p8" in report.problems[0]
    assert (project / "edition" / "trial-1938" / "diplomatic.html").is_file()
    assert not (project / "edition" / "odd-one" / "reading.html").exists()
    index = (project / "edition" / "index.html").read_text(encoding="utf-8")
    assert "odd-one/reading.html" not in index and "trial-1938/reading.html" in index


def test_file_whose_id_is_not_its_name_is_reported(tmp_path, saxon):
    text = (ROOT / "tei" / "trial-1938.xml").read_text(encoding="utf-8")
    project = _project(tmp_path, {"renamed.xml": text})
    report = build_edition(project / "tei", project / "xslt", project / "edition", processor=saxon)
    assert len(report.problems) == 1 and "xml:id is 'trial-1938'" in report.problems[0]


def test_cli_build_reports_problems_and_exits_non_zero(tmp_path):
    project = _project(tmp_path, {"broken.xml": "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>"}, corpus=True)
    result = CliRunner().invoke(main, ["build", "--root", str(project)])
    assert result.exit_code == 1
    assert "broken.xml:1:" in result.output
    assert "1 problem(s)" in result.output
    assert (project / "edition" / "index.html").is_file()


def test_cli_build_of_the_corpus_succeeds(tmp_path):
    project = _project(tmp_path, {}, corpus=True)
    result = CliRunner().invoke(main, ["build", "--root", str(project)])
    assert result.exit_code == 0, result.output
    assert "2 sources built" in result.output


def test_build_never_reads_the_seeds(tmp_path, saxon):
    project = _project(tmp_path, {})
    shutil.rmtree(project / "seeds")
    report = build_edition(project / "tei", project / "xslt", project / "edition", processor=saxon)
    assert report.problems == [] and len(report.sources) == 2


def test_stylesheet_that_does_not_compile_stops_the_build_naming_it(tmp_path, saxon):
    import pytest

    from bukharin_edition.errors import BuildError

    project = _project(tmp_path, {})
    (project / "xslt" / "reading.xsl").write_text("<xsl:stylesheet", encoding="utf-8")
    with pytest.raises(BuildError, match=r"reading\.xsl: the stylesheet does not compile"):
        build_edition(project / "tei", project / "xslt", project / "edition", processor=saxon)


def test_base_url_makes_citations_absolute(tmp_path):
    project = _project(tmp_path, {}, corpus=True)
    result = CliRunner().invoke(main, ["build", "--root", str(project), "--base-url", "https://example.org/bukharin/"])
    assert result.exit_code == 0, result.output
    page = (project / "edition" / "trial-1938" / "reading.html").read_text(encoding="utf-8")
    assert "https://example.org/bukharin/trial-1938/reading.html#trial-1938-p12" in page


def test_pages_of_a_source_that_no_longer_renders_are_removed(tmp_path, saxon):
    project = _project(tmp_path, {})
    build_edition(project / "tei", project / "xslt", project / "edition", processor=saxon)
    assert (project / "edition" / "trial-1938" / "reading.html").is_file()
    (project / "tei" / "trial-1938.xml").write_text("<TEI", encoding="utf-8")
    report = build_edition(project / "tei", project / "xslt", project / "edition", processor=saxon)
    assert len(report.problems) == 1
    assert not (project / "edition" / "trial-1938").exists()
    assert (project / "edition" / "fixture-views" / "reading.html").is_file()


def test_an_invalid_file_is_not_rendered_and_the_rest_is_built(tmp_path, saxon):
    (tmp_path / "tei").mkdir()
    for name in ("edition.xml", "persons.xml", "omodeo-abstract.xml", "trial-1938.xml"):
        shutil.copy(ROOT / "tei" / name, tmp_path / "tei")
    invalid = (ROOT / "tei" / "omodeo-abstract.xml").read_text(encoding="utf-8").replace(
        'ref="ed:editors"', 'ref="ed:nobody"', 1).replace("omodeo-abstract", "invalid-one")
    (tmp_path / "tei" / "invalid-one.xml").write_text(invalid, encoding="utf-8")
    report = build_edition(tmp_path / "tei", ROOT / "xslt", tmp_path / "edition", processor=saxon,
                           schema_dir=ROOT / "schema")
    assert report.problems and all("invalid-one.xml:" in p and p.endswith("(not built)") for p in report.problems)
    assert sorted(report.sources) == ["omodeo-abstract", "trial-1938"]
    assert not (tmp_path / "edition" / "invalid-one").exists()


def test_a_transcript_with_an_empty_turn_and_a_label_on_its_own_line_renders(tmp_path, saxon):
    from bukharin_edition.convert import encode_source
    from bukharin_edition.fidelity import diplomatic_lines
    from conftest import invented_manifest
    from lxml import html

    text = "BUKHARIN:\n\nTHE PRESIDENT:\nGo on.\n"
    manifest = invented_manifest(text, id="empty-turn", profile="transcript", genre="trial-record")
    converted = encode_source(manifest, manifest.sources[0])
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "empty-turn.xml").write_bytes(converted.data)
    shutil.copy(ROOT / "tei" / "edition.xml", tmp_path / "tei")
    report = build_edition(tmp_path / "tei", ROOT / "xslt", tmp_path / "edition", processor=saxon)
    assert report.problems == []
    page = html.parse(str(tmp_path / "edition" / "empty-turn" / "diplomatic.html"))
    shown = page.xpath("//article//p[@data-tei='p' or @data-tei='ab']")
    assert shown[0].text_content() == "BUKHARIN:"  # no space after a label without speech
    assert shown[1].text_content().startswith("THE PRESIDENT:Go on.")  # the line feed is a br
    assert shown[1].xpath(".//span[@data-tei='speaker']//br")
    assert [line.text for line in diplomatic_lines(converted.root)] == ["BUKHARIN:", "THE PRESIDENT:", "Go on."]
