"""The converters: golden TEI per profile, determinism, safe writing, and any text survives."""
from __future__ import annotations

import difflib
import string
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from bukharin_edition import fidelity
from bukharin_edition.cli import main
from bukharin_edition.convert import PROFILES, encode_all, encode_source
from bukharin_edition.errors import ConversionError

from conftest import invented_manifest

FIXTURES = Path(__file__).parent / "fixtures" / "convert"
CASES = sorted(path.name for path in FIXTURES.iterdir() if path.is_dir())


def _case_manifest(case: str):
    folder = FIXTURES / case
    settings_ = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    text = (folder / "source.txt").read_text(encoding="utf-8")
    return invented_manifest(text, id=case, profile=settings_["profile"], genre=settings_["genre"],
                             options=settings_.get("options", {}))


@pytest.mark.parametrize("case", CASES)
def test_each_profile_writes_its_golden_tei(case, update_goldens):
    manifest = _case_manifest(case)
    converted = encode_source(manifest, manifest.sources[0])
    golden = FIXTURES / case / "expected.xml"
    if update_goldens or not golden.exists():
        golden.write_bytes(converted.data)
    expected = golden.read_text(encoding="utf-8")
    actual = converted.data.decode("utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        "expected.xml", "converted"))
    assert actual == expected, diff


@pytest.mark.parametrize("case", CASES)
def test_each_golden_file_keeps_its_source_text(case):
    manifest = _case_manifest(case)
    root = etree.parse(str(FIXTURES / case / "expected.xml")).getroot()
    assert fidelity.compare(Path("expected.xml"), root, manifest.lines_of(manifest.sources[0])) is None


def test_conversion_is_deterministic(manifest):
    first = [d.data for d in encode_all(manifest)]
    second = [d.data for d in encode_all(manifest)]
    assert first == second


def test_convert_writes_missing_files_and_leaves_edited_ones_alone(scratch_project):
    runner = CliRunner()
    root = str(scratch_project.root)
    first = runner.invoke(main, ["convert", "--root", root])
    assert first.exit_code == 0, first.output
    assert first.output.count("written") == 13  # 11 sources, edition.xml, persons.xml
    again = runner.invoke(main, ["convert", "--root", root])
    assert again.output.count("unchanged") == 13

    edited = scratch_project.tei / "omodeo-abstract.xml"
    text = edited.read_text(encoding="utf-8").replace(
        "</revisionDesc>", '<change when="2026-12-01" who="ed:editors">Checked.</change></revisionDesc>')
    edited.write_text(text, encoding="utf-8")
    kept = runner.invoke(main, ["convert", "--root", root, "--diff"])
    assert kept.exit_code == 0
    assert "differs  tei/omodeo-abstract.xml" in kept.output
    assert "-<change when=\"2026-12-01\"" in kept.output.replace("    ", "")
    assert edited.read_text(encoding="utf-8") == text

    forced = runner.invoke(main, ["convert", "--root", root, "--force", "omodeo-abstract"])
    assert "overwritten  tei/omodeo-abstract.xml" in forced.output
    assert "2026-12-01" not in edited.read_text(encoding="utf-8")
    assert not list(scratch_project.tei.glob(".*.tmp"))


def test_convert_names_an_unknown_source(scratch_project):
    result = CliRunner().invoke(main, ["convert", "--root", str(scratch_project.root), "no-such-source"])
    assert result.exit_code != 0
    assert "no source 'no-such-source'" in result.output


def test_a_part_attributed_without_a_reason_is_refused():
    manifest = invented_manifest("A: text\n\nMore text.\n", profile="transcript",
                                 options={"parts": [{"lines": [3, 3], "type": "speech", "speaker": "A"}]})
    with pytest.raises(ConversionError, match="gives no reason"):
        encode_source(manifest, manifest.sources[0])


def test_committed_tei_files_are_well_formed_and_laid_out_canonically(project):
    from bukharin_edition.tei import parse_tei, serialize
    for path in sorted(project.tei.glob("*.xml")):
        tree = parse_tei(path)
        assert serialize(tree.getroot()) == path.read_bytes(), f"{path.name} is not in the canonical layout"


# Paragraph text drawn from what the corpus is made of: quotes, brackets, dashes, ellipses,
# note markers, labels and non-ASCII letters.
ALPHABET = string.ascii_letters + string.digits + " .,:;!?()[]*-'\"&<>" + "‘’“”–—…éöáЖжß"
paragraph_text = st.text(alphabet=ALPHABET, min_size=1, max_size=120).filter(lambda s: s.strip())
source_texts = st.lists(
    st.lists(paragraph_text, min_size=1, max_size=3).map("\n".join), min_size=1, max_size=6
).map("\n\n".join)


@pytest.mark.parametrize("profile", sorted(PROFILES))
@settings(max_examples=int(__import__("os").environ.get("PROFILE_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=source_texts)
def test_any_text_survives_every_profile(profile, text):
    manifest = invented_manifest(text, profile=profile)
    source = manifest.sources[0]
    converted = encode_source(manifest, source)
    root = etree.fromstring(converted.data)
    assert fidelity.compare(Path("hypothesis.xml"), root, manifest.lines_of(source)) is None


def test_force_keeps_a_backup_outside_version_control(scratch_project):
    runner = CliRunner()
    root = str(scratch_project.root)
    runner.invoke(main, ["convert", "--root", root])
    edited = scratch_project.tei / "omodeo-abstract.xml"
    edited.write_text(edited.read_text(encoding="utf-8") + "<!-- a scholar's work -->\n", encoding="utf-8")
    result = runner.invoke(main, ["convert", "--root", root, "--force", "omodeo-abstract"])
    assert result.exit_code == 0, result.output
    backup = edited.with_name("omodeo-abstract.xml~")
    assert backup.read_text(encoding="utf-8").endswith("<!-- a scholar's work -->\n")


def test_force_refuses_to_overwrite_uncommitted_work(scratch_project):
    import subprocess

    runner = CliRunner()
    root = str(scratch_project.root)
    runner.invoke(main, ["convert", "--root", root])
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "convert"], cwd=root, check=True)
    edited = scratch_project.tei / "omodeo-abstract.xml"
    work = edited.read_text(encoding="utf-8") + "<!-- uncommitted -->\n"
    edited.write_text(work, encoding="utf-8")

    refused = runner.invoke(main, ["convert", "--root", root, "--force"])
    assert refused.exit_code != 0
    assert "refused  tei/omodeo-abstract.xml" in refused.output
    assert "not committed to git" in refused.output
    assert edited.read_text(encoding="utf-8") == work

    allowed = runner.invoke(main, ["convert", "--root", root, "--force", "--allow-dirty"])
    assert allowed.exit_code == 0
    assert "uncommitted" not in edited.read_text(encoding="utf-8")
    assert not edited.with_name("omodeo-abstract.xml~").exists()  # git holds the previous version
