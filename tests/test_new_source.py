"""edition new-source, the way to extend the edition: a worked example with an invented source."""
from __future__ import annotations

import hashlib
import tomllib

import pytest
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


# ---------------------------------------------------------------- all or nothing

def _snapshot(root) -> dict[str, str]:
    """Every file of seeds/, tei/ and edition/ with its content hash (the staging folder aside)."""
    files = {}
    for folder in ("seeds", "tei", "edition"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                files[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def _add(project, text, *options):
    return CliRunner().invoke(main, ["new-source", str(text), "--id", "letter-never-sent", "--title",
                                     "A Letter Never Sent", "--profile", "prose", *options,
                                     "--root", str(project.root)])


def _built_project(tmp_path):
    """A small project whose edition is built (so that edition/ is compared too)."""
    project = small_project(tmp_path / "project")
    built = CliRunner().invoke(main, ["build", "--no-pdf", "--root", str(project.root)])
    assert built.exit_code == 0, built.output
    text = tmp_path / "letter.txt"
    text.write_text(TEXT, "utf-8")
    return project, text


def _nothing_left(project) -> None:
    staging = project.root / ".edition-staging"
    assert not staging.exists() or [p.name for p in staging.iterdir()] == ["lock"]


@pytest.mark.parametrize("options, message", [
    (["--published", "2021-02-30"], "published '2021-02-30' is not a day of the calendar"),
    (["--language", "notalang!"], "language 'notalang!' is not a BCP 47 language tag"),
    (["--url", "javascript:alert(1)"], "refused scheme 'javascript:'"),
    (["--url", "www.example.org"], "is not an address"),
])
def test_a_refused_option_changes_nothing_and_the_retry_is_accepted(tmp_path, options, message):
    project, text = _built_project(tmp_path)
    before = _snapshot(project.root)
    result = _add(project, text, *options)
    assert result.exit_code == 1 and message in result.output and "nothing was written" in result.output
    assert "Traceback" not in result.output
    assert _snapshot(project.root) == before
    _nothing_left(project)
    retry = _add(project, text)
    assert retry.exit_code == 0, retry.output


def _fails_in(monkeypatch, target: str, error: BaseException):
    def fail(*args, **kwargs):
        raise error
    monkeypatch.setattr(target, fail)


@pytest.mark.parametrize("where, error, message", [
    ("bukharin_edition.convert.prose.encode", RuntimeError("a bug"),
     "the converter (prose) failed: RuntimeError: a bug; nothing was written; please report it"),
    ("bukharin_edition.fidelity.check_file", KeyboardInterrupt(), "Aborted"),
    ("bukharin_edition.publish.build_edition", OSError(28, "No space left on device", "edition/index.html"),
     "the disk is full"),
])
def test_a_failure_at_any_step_changes_nothing(tmp_path, monkeypatch, where, error, message):
    project, text = _built_project(tmp_path)
    before = _snapshot(project.root)
    _fails_in(monkeypatch, where, error)
    result = _add(project, text)
    assert result.exit_code == 1 and message in result.output, result.output
    assert "Traceback" not in result.output
    assert _snapshot(project.root) == before
    _nothing_left(project)


def test_a_failed_build_changes_nothing(tmp_path, monkeypatch):
    from bukharin_edition import publish as building

    project, text = _built_project(tmp_path)
    before = _snapshot(project.root)
    real = building.build_edition

    def failing(*args, **kwargs):
        report = real(*args, **kwargs)
        report.problems.append("tei/letter-never-sent.xml: a page could not be written")
        return report
    monkeypatch.setattr(building, "build_edition", failing)
    result = _add(project, text)
    assert result.exit_code == 1 and "the build failed (1 problem(s)); nothing was written" in result.output
    assert _snapshot(project.root) == before


def test_invalid_converter_output_is_the_converters_fault_and_nothing_is_written(tmp_path, monkeypatch):
    from bukharin_edition.convert import prose
    from bukharin_edition.tei import sub

    project, text = _built_project(tmp_path)
    before = _snapshot(project.root)
    real = prose.encode

    def invalid(blocks, ctx):
        text_el = real(blocks, ctx)
        sub(text_el, "bogus")  # an element the schema does not allow
        return text_el
    monkeypatch.setattr(prose, "encode", invalid)
    result = _add(project, text)
    assert result.exit_code == 1
    assert "the converter produced invalid TEI; nothing was written; please report" in result.output
    assert "<bogus>" in result.output and "fix the TEI file" not in result.output
    assert ".edition-staging" not in result.output  # the messages name the real files
    assert _snapshot(project.root) == before


def test_replace_runs_new_source_again_for_the_source_it_added(tmp_path):
    project, text = _built_project(tmp_path)
    assert _add(project, text).exit_code == 0
    first_tei = (project.tei / "letter-never-sent.xml").read_bytes()
    again = _add(project, text)
    assert again.exit_code == 1 and "--replace" in again.output

    other = tmp_path / "letter-2.txt"  # a new text, another profile
    other.write_text("A Letter Never Sent\n\nTHE PRESIDENT: The letter was never sent.\n\n"
                     "BUKHARIN: So the story goes.\n\nTHE PRESIDENT: Indeed.\n", "utf-8")
    replaced = CliRunner().invoke(main, ["new-source", str(other), "--id", "letter-never-sent", "--title",
                                         "A Letter Never Sent", "--profile", "transcript", "--replace",
                                         "--root", str(project.root)])
    assert replaced.exit_code == 0, replaced.output
    raw = tomllib.loads(project.manifest.read_text("utf-8"))
    ours = [s for s in raw["source"] if s["id"] == "letter-never-sent"]
    assert len(ours) == 1 and ours[0]["profile"] == "transcript"
    assert [r["file"] for r in raw["received"]] == ["letter-never-sent.txt"]
    assert (project.root / "seeds" / "letter-never-sent.txt").read_bytes() == other.read_bytes()
    tei = (project.tei / "letter-never-sent.xml").read_text("utf-8")
    assert tei.encode() != first_tei and "<sp " in tei
    assert check_file(load_manifest(project.manifest), project.tei / "letter-never-sent.xml") is None
    assert "So the story goes" in (project.edition / "letter-never-sent" / "reading.html").read_text("utf-8")


def test_replace_refuses_a_source_that_new_source_did_not_add(tmp_path):
    project, text = _built_project(tmp_path)
    before = _snapshot(project.root)
    result = CliRunner().invoke(main, ["new-source", str(text), "--id", "omodeo-abstract", "--title", "X",
                                       "--replace", "--root", str(project.root)])
    assert result.exit_code == 1 and "replaces only a source that new-source added" in result.output
    assert _snapshot(project.root) == before


def test_dry_run_counts_what_would_be_encoded_and_writes_nothing(tmp_path):
    project, _ = _built_project(tmp_path)
    text = tmp_path / "hearing.txt"
    text.write_text("A Hearing\n\nTHE PRESIDENT: Accused Bukharin, on 5 March 1938 you met Ivan Invented.\n\n"
                    "BUKHARIN: I met Rykov [1].\n\nVYSHINSKY: And Yagoda?\n\nNotes\n\n"
                    "[1] A note of the author.\n", "utf-8")
    before = _snapshot(project.root)
    result = CliRunner().invoke(main, ["new-source", str(text), "--id", "hearing", "--title", "A Hearing",
                                       "--dry-run", "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    assert _snapshot(project.root) == before
    assert not (project.root / ".edition-staging").exists()
    assert "profile transcript" in result.output and "nothing was written" in result.output
    counts = {line.rsplit(None, 1)[0].strip(): int(line.rsplit(None, 1)[1])
              for line in result.output.splitlines()[1:]}
    assert counts["turns"] == 3 and counts["dates"] >= 1
    assert counts["persons"] >= 2  # Bukharin, Rykov, Yagoda in the speeches


# ---------------------------------------------------------------- killed at any moment

def _git(root, *args) -> str:
    import subprocess

    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout


def _is_whole(project, source_id: str) -> bool:
    """The source is in the manifest, its seed and TEI are there and agree."""
    manifest = load_manifest(project.manifest)
    return (any(s.id == source_id for s in manifest.sources)
            and check_file(manifest, project.tei / f"{source_id}.xml") is None
            and (project.edition / source_id / "reading.html").is_file())


def test_new_source_killed_at_30_random_moments_leaves_nothing_half_done(tmp_path):
    """kill -9 at a moment drawn from a run's measured duration: before the commit point the work
    tree is clean (git status) and edition/ as it was; past it, the next command finishes the
    moves and the source is whole. Never anything between."""
    import random
    import shutil
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from bukharin_edition.transaction import STAGING, recover
    from conftest import REPO

    project = small_project(tmp_path / "project")
    shutil.copy(REPO / ".gitignore", project.root / ".gitignore")
    _git(project.root, "init", "-q")
    _git(project.root, "add", "-A")
    _git(project.root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    text = tmp_path / "letter.txt"
    text.write_text(TEXT, "utf-8")
    command = [str(Path(sys.executable).parent / "edition"), "new-source", str(text), "--id",
               "letter-never-sent", "--title", "A Letter", "--profile", "prose", "-q",
               "--root", str(project.root)]

    assert CliRunner().invoke(main, ["build", "--no-pdf", "-q", "--root", str(project.root)]).exit_code == 0
    pristine = tmp_path / "edition-before"
    shutil.copytree(project.edition, pristine)

    def reset() -> None:
        _git(project.root, "checkout", "-q", "--", ".")
        _git(project.root, "clean", "-fdq")  # untracked, not ignored files
        shutil.rmtree(project.edition)
        shutil.copytree(pristine, project.edition)  # each run builds the new source's pages

    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)  # a run as the trials make it
    duration = time.perf_counter() - started
    reset()
    outcomes = {"clean": 0, "committed": 0, "finished": 0}
    rng = random.Random(21)
    for _ in range(60):  # until 30 kills have landed during a run (bounded: the machine's load varies)
        if outcomes["clean"] + outcomes["committed"] == 30:
            break
        edition_before = _snapshot(project.root)
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        delay = rng.uniform(0, duration)
        while process.poll() is None and time.perf_counter() - started < delay:
            time.sleep(0.005)
        if process.poll() is not None:  # it ended before its moment: runs are shorter now
            duration = min(duration, time.perf_counter() - started)
        process.send_signal(signal.SIGKILL)
        code = process.wait()
        journal = any((project.root / STAGING).glob("*/commit.json"))
        status = _git(project.root, "status", "--porcelain")
        # Killed without a journal: before the commit point (nothing changed), or after the moves,
        # while the staging folder and its journal were being removed (the source whole).
        if code == -signal.SIGKILL and not journal and status == "":
            recover(project.root)
            assert _snapshot(project.root) == edition_before
            _nothing_left(project)
            outcomes["clean"] += 1
            continue
        recover(project.root)  # what the next command does first
        assert _is_whole(project, "letter-never-sent")
        assert sorted(_git(project.root, "status", "--porcelain").splitlines()) == [
            " M seeds/sources.toml", " M tei/edition.xml", "?? seeds/letter-never-sent.txt",
            "?? tei/letter-never-sent.xml"]
        outcomes["committed" if code == -signal.SIGKILL else "finished"] += 1
        reset()
    print(f"run {duration:.2f} s; kills and runs: {outcomes}")
    assert outcomes["clean"] + outcomes["committed"] == 30


def test_sigterm_during_new_source_changes_nothing(tmp_path):
    """SIGTERM (what a service manager or `kill` sends) rolls back like Ctrl-C, with a message."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    project, text = _built_project(tmp_path)
    before = _snapshot(project.root)
    process = subprocess.Popen([str(Path(sys.executable).parent / "edition"), "new-source", str(text), "--id",
                                "letter-never-sent", "--title", "A Letter", "--profile", "prose",
                                "--root", str(project.root)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while (time.monotonic() < deadline and process.poll() is None
           and not list(project.root.glob(".edition-staging/new-source-*/root/edition"))):
        time.sleep(0.01)  # until the staging copy is made: the work has begun (it lasts a second)
    assert process.poll() is None, "new-source ended without working in a staging folder"
    process.send_signal(signal.SIGTERM)
    output = process.communicate(timeout=60)[0].decode()
    assert process.returncode == 1 and "stopped by signal SIGTERM; nothing was changed" in output, output
    assert _snapshot(project.root) == before
    _nothing_left(project)


def test_participants_are_declared_from_the_command_line_and_linked_by_name(tmp_path):
    project = small_project(tmp_path / "project")
    text = tmp_path / "record.txt"
    text.write_text("THE PRESIDENT: Accused Bukharin, stand up.\n\nBUKHARIN: Yes.\n", "utf-8")
    result = CliRunner().invoke(main, ["new-source", str(text), "--id", "a-record", "--title", "A record",
                                       "--participant", "president=V. V. Ul’rikh=judge", "-q",
                                       "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    assert 'participants = [{ id = "president", name = "V. V. Ul’rikh", role = "judge" }]' in \
        project.manifest.read_text("utf-8")
    tei = (project.tei / "a-record.xml").read_text("utf-8")
    # the judge is in the register: the participant is linked to him by name
    assert '<person xml:id="president" corresp="per:ulrikh" role="judge">' in tei and "<persName>V. V. Ul’rikh</persName>" in tei
    refused = CliRunner().invoke(main, ["new-source", str(text), "--id", "b-record", "--title", "B",
                                        "--participant", "President", "--root", str(project.root)])
    assert refused.exit_code != 0 and "write ID=NAME or ID=NAME=ROLE" in refused.output
