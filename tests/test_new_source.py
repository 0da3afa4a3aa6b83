"""edition new-source, the way to extend the edition: a worked example with an invented source."""
from __future__ import annotations

import hashlib
import tomllib

from click.testing import CliRunner

from bukharin_edition.cli import main
from bukharin_edition.fidelity import check_file
from bukharin_edition.manifest import load_manifest
from editor_support import small_project

TEXT = (
    "A Letter Never Sent\n"
    "\n"
    "In 1927 Nikolai Bukharin is said to have drafted a letter to Stalin about the harvest.\n"
    "\n"
    "The draft was never sent [so the story goes].\n"
)


def test_a_new_source_is_added_end_to_end(tmp_path):
    project = small_project(tmp_path / "project")
    main_seed = project.root / "seeds" / "000_86c37a92ad56db51.txt"
    main_bytes = main_seed.read_bytes()
    text = tmp_path / "letter.txt"
    text.write_bytes(TEXT.encode("utf-8"))

    result = CliRunner().invoke(main, [
        "new-source", str(text), "--id", "letter-never-sent", "--title", "A Letter Never Sent",
        "--genre", "essay", "--profile", "prose", "--author", "An Invented Author",
        "--published", "2021-05", "--root", str(project.root)])
    assert result.exit_code == 0, result.output

    seed = project.root / "seeds" / "letter-never-sent.txt"
    assert seed.read_bytes() == TEXT.encode("utf-8")  # the received text, byte for byte
    assert main_seed.read_bytes() == main_bytes  # the received files are never edited
    raw = tomllib.loads(project.manifest.read_text("utf-8"))
    assert {"file": "letter-never-sent.txt", "sha256": hashlib.sha256(TEXT.encode()).hexdigest()}.items() \
        <= raw["received"][0].items()
    entry = raw["source"][-1]
    assert (entry["id"], entry["seed"], entry["lines"]) == ("letter-never-sent", "letter-never-sent.txt", [1, 5])

    manifest = load_manifest(project.manifest)  # the checks of every run hold
    assert len(manifest.sources) == 12
    tei = project.tei / "letter-never-sent.xml"
    assert check_file(manifest, tei) is None  # diplomatic text = the new received file
    assert 'ref="per:bukharin"' in tei.read_text("utf-8")  # the register applies to it too
    page = (project.edition / "letter-never-sent" / "reading.html").read_text("utf-8")
    assert "drafted a letter" in page
    assert "letter-never-sent/reading.html" in (project.edition / "index.html").read_text("utf-8")
    assert "valid, and its diplomatic text equals the received text" in result.output
    shared = (project.tei / "edition.xml").read_text("utf-8")  # untouched by hand: it follows
    assert "Cut into 12 sources" in shared and "Also received: letter-never-sent.txt" in shared

    again = CliRunner().invoke(main, ["new-source", str(text), "--id", "letter-never-sent",
                                      "--title", "Again", "--root", str(project.root)])
    assert again.exit_code == 1 and "already in the manifest" in again.output


def test_a_refused_entry_leaves_seeds_and_the_manifest_as_they_were(tmp_path):
    project = small_project(tmp_path / "project")
    before = project.manifest.read_bytes()
    text = tmp_path / "letter.txt"
    text.write_text(TEXT, "utf-8")
    for options, message in ((["--profile", "sonnet"], "unknown profile 'sonnet'"),
                             (["--genre", "poem"], "genre 'poem' is not one of"),
                             (["--id", "Bad_Id"], "must be lower-case words")):
        result = CliRunner().invoke(main, ["new-source", str(text), "--id", "letter", "--title", "A",
                                           *options, "--root", str(project.root)])
        assert result.exit_code == 1 and message in result.output
    assert project.manifest.read_bytes() == before
    assert sorted(p.name for p in (project.root / "seeds").glob("*.txt")) == ["000_86c37a92ad56db51.txt"]


def test_a_manifest_entry_naming_an_unknown_received_file_is_refused(tmp_path):
    project = small_project(tmp_path / "project")
    project.manifest.write_text(project.manifest.read_text("utf-8").replace(
        'id = "omodeo-abstract"', 'id = "omodeo-abstract"\nseed = "nowhere.txt"'), "utf-8")
    import pytest
    from bukharin_edition.errors import ManifestError
    with pytest.raises(ManifestError, match="seed 'nowhere.txt' is not a received file"):
        load_manifest(project.manifest)


def test_an_entry_written_by_hand_is_built_with_entry(tmp_path):
    project = small_project(tmp_path / "project")
    seed = project.root / "seeds" / "hand-made.txt"
    seed.write_text("A Hand-Made Entry\n\nIts only paragraph.\n", "utf-8")
    with project.manifest.open("a", encoding="utf-8") as manifest:
        manifest.write(
            f'\n[[received]]\nfile = "hand-made.txt"\nsha256 = "{hashlib.sha256(seed.read_bytes()).hexdigest()}"\n'
            '\n[[source]]\nid = "hand-made"\nseed = "hand-made.txt"\nlines = [1, 3]\ntitle = "A Hand-Made Entry"\n'
            'translators = ["An Invented Translator"]\nlanguage = "en"\ngenre = "essay"\nprofile = "prose"\n'
            'facts = "Invented for a test."\nadded = 2026-11-25\n')
    result = CliRunner().invoke(main, ["new-source", "--entry", "hand-made", "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    assert "An Invented Translator" in (project.tei / "hand-made.xml").read_text("utf-8")
    assert (project.edition / "hand-made" / "reading.html").is_file()
    again = CliRunner().invoke(main, ["new-source", "--entry", "hand-made", "--root", str(project.root)])
    assert again.exit_code == 1 and "has a TEI file already" in again.output
