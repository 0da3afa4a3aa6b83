"""The manifest: it covers the received file exactly, and refuses bad entries by name."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from bukharin_edition.cli import main
from bukharin_edition.convert import PROFILES
from bukharin_edition.errors import ManifestError
from bukharin_edition.manifest import load_manifest

EXPECTED_RANGES = {
    "spartacus-biography": (1, 77),
    "spartacus-primary-sources": (79, 97),
    "encyclopedia-bukharin": (100, 110),
    "smarthistories-bukharin": (112, 129),
    "trial-1938": (131, 185),
    "bordiga-enrich-yourselves": (187, 209),
    "colley-brief-summary": (211, 263),
    "stray-history-title": (265, 265),
    "mia-permanent-revolution": (267, 470),
    "omodeo-abstract": (473, 473),
    "siegelbaum-industrialization-debate": (475, 481),
}


def test_the_manifest_cuts_the_seed_into_the_known_sources(manifest):
    assert {s.id: (s.first_line, s.last_line) for s in manifest.sources} == EXPECTED_RANGES
    assert len(manifest.seed_lines) == 482


def test_every_non_blank_line_belongs_to_exactly_one_source(manifest):
    owners = {}
    for source in manifest.sources:
        for number, _ in manifest.lines_of(source):
            assert number not in owners
            owners[number] = source.id
    non_blank = {n for n, line in enumerate(manifest.seed_lines, start=1) if line.strip()}
    assert non_blank <= set(owners)


def test_every_entry_records_its_facts_or_says_they_are_unknown(manifest):
    for source in manifest.sources:
        assert source.title and source.language == "en" and source.facts
        assert source.profile in PROFILES
        if not source.url:
            assert re.search(r"address(es)? (is|are) not known|address(es)? .*(not been verified|not known)", source.facts), source.id


def test_the_seed_in_the_repo_is_the_received_file(project):
    shared = project.root.parent / "shared" / "seeds" / "000_86c37a92ad56db51.txt"
    if not shared.exists():
        pytest.skip("the received file's original location is not beside this checkout")
    assert (project.root / "seeds" / shared.name).read_bytes() == shared.read_bytes()


def _edit_manifest(scratch_project, old: str, new: str) -> None:
    path = scratch_project.manifest
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("lines = [79, 97]", "lines = [70, 97]",
         r"sources\.toml:\d+: source 'spartacus-primary-sources': lines 70–97 overlap source 'spartacus-biography' at line 70"),
        ("lines = [79, 97]", "lines = [81, 97]",
         r"line 79 of the received file belongs to no source"),
        ('profile = "transcript"', 'profile = "hansard"',
         r"source 'trial-1938': unknown profile 'hansard'"),
        ("lines = [475, 481]", "lines = [475, 490]",
         r"source 'siegelbaum-industrialization-debate': line range 475–490 runs past the end of the received file \(482 lines\)"),
        ('id = "omodeo-abstract"', 'id = "Omodeo Abstract"',
         r"id 'Omodeo Abstract' must be lower-case words"),
        ('genre = "abstract"', 'genre = "poem"', r"genre 'poem' is not one of"),
    ],
)
def test_a_bad_manifest_is_refused_naming_the_entry_and_nothing_is_written(scratch_project, old, new, message):
    _edit_manifest(scratch_project, old, new)
    with pytest.raises(ManifestError) as caught:
        load_manifest(scratch_project.manifest, profiles=PROFILES)
    assert re.search(message, caught.value.message), caught.value.message

    result = CliRunner().invoke(main, ["convert", "--root", str(scratch_project.root)])
    assert result.exit_code != 0
    assert re.search(message, result.output), result.output
    assert not scratch_project.tei.exists()


def test_a_changed_seed_is_refused(scratch_project):
    seed = scratch_project.root / "seeds" / "000_86c37a92ad56db51.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Pravada", b"Pravda"))
    result = CliRunner().invoke(main, ["convert", "--root", str(scratch_project.root)])
    assert result.exit_code != 0
    assert "has changed: its SHA-256 is" in result.output
    assert "restore it from version control" in result.output
    assert not scratch_project.tei.exists()


def test_an_unreadable_manifest_is_reported(scratch_project):
    scratch_project.manifest.write_text("[seed\nfile = ", encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", "--root", str(scratch_project.root)])
    assert result.exit_code != 0
    assert "not valid TOML" in result.output


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('profile = "transcript"', 'profile = "hansard"', r"source 'trial-1938': unknown profile 'hansard'"),
        ("lines = [79, 97]", "lines = [71, 97]", r"lines 71–97 overlap source 'spartacus-biography' at line 71"),
        ('profile = "transcript"', 'profile = "transcript"\nurl = "javascript:alert(1)"',
         r"source 'trial-1938': url 'javascript:alert\(1\)' has a refused scheme 'javascript:'"),
        ('profile = "transcript"', 'profile = "transcript"\npublished = "2021-02-30"',
         r"published '2021-02-30' is not a day of the calendar"),
        ('language = "en"', 'language = "notalang!"', r"language 'notalang!' is not a BCP 47 language tag"),
    ],
)
def test_a_manifest_error_is_reported_once_without_a_cascade(scratch_project, old, new, message):
    """One wrong value, one problem: no "line N belongs to no source" for the lines of a refused
    entry, no gap after an overlap, no other error for the same value."""
    _edit_manifest(scratch_project, old, new)
    with pytest.raises(ManifestError) as caught:
        load_manifest(scratch_project.manifest, profiles=PROFILES)
    text = caught.value.message
    assert text.startswith("1 problem(s) in the manifest:") and re.search(message, text), text
