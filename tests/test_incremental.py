"""Incremental builds: a build redoes only what depends on what changed."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bukharin_edition.publish import build_edition
from bukharin_edition.publish.base import Session
from bukharin_edition.cli import main
from editor_support import edit, small_project

# The pages made from the text of every source: a change to any source's text rebuilds them.
EVERY_SOURCE = {"persons", "chronology", "dts", "manual", "search"}


@pytest.fixture
def built(tmp_path, saxon):
    """A small project, built once; returns it and a function that builds it again."""
    project = small_project(tmp_path)
    session = Session(saxon)

    def again(**options):
        return build_edition(project.tei, project.xslt, project.edition, schema_dir=project.schema,
                             session=session, **options)

    first = again()
    assert first.problems == [] and sorted(first.sources) == ["omodeo-abstract", "trial-1938"]
    return project, again


def _times(project):
    return {p: p.stat().st_mtime_ns for p in project.edition.rglob("*") if p.is_file()
            and not p.name.startswith(".")}


def test_a_build_with_nothing_changed_does_nothing(built):
    project, again = built
    before = _times(project)
    report = again()
    assert report.nothing_to_do and report.rebuilt == [] and report.written == []
    # 11 tasks per source (4 views, the TEI copy, the plain text, the DTS files, and the facts
    # kept of it for the index, persons, chronology and search), then the index, the shared
    # files and the pages made from every source (persons, chronology, DTS, manual, search)
    # and the published schema
    assert report.up_to_date == 2 * 11 + 8
    assert _times(project) == before


def test_a_build_with_nothing_changed_leaves_the_state_file_as_it_was(built):
    """Nothing to do, nothing written: not even the state (its indented dump and its fsync were
    a third of a no-op build's own time at 100 documents)."""
    project, again = built
    state = project.edition / ".build-state.json"
    before = (state.stat().st_mtime_ns, state.read_bytes())
    again()
    assert (state.stat().st_mtime_ns, state.read_bytes()) == before
    edit(project.tei / "trial-1938.xml", "plead guilty", "plead guilty indeed")
    again()
    assert state.read_bytes() != before[1]
    tasks = json.loads(state.read_bytes())["tasks"]
    state.unlink()  # gone: everything is built again, and the state written
    again()
    assert json.loads(state.read_bytes())["tasks"] == tasks


def test_a_page_removed_by_hand_is_made_again_though_nothing_else_changed(built):
    """A build with nothing changed checks no task one by one (one hash of all their inputs,
    and the times of their outputs' folders), but a file gone from a folder is noticed."""
    project, again = built
    report = again()
    assert report.nothing_to_do and report.up_to_date == 2 * 11 + 8
    page = project.edition / "trial-1938" / "diplomatic.html"
    page.unlink()
    report = again()
    assert report.rebuilt == ["diplomatic:trial-1938"] and page.is_file()
    records = project.edition / ".facts" / "records" / "omodeo-abstract.json"
    records.unlink()
    assert again().rebuilt == ["reading:omodeo-abstract"] and records.is_file()
    assert again().nothing_to_do


def test_the_command_says_that_nothing_changed(built):
    project, _ = built
    result = CliRunner().invoke(main, ["build", "--no-pdf", "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    assert "nothing changed: 2 sources up to date" in result.output


def test_a_paragraph_changed_rebuilds_that_source_only(built):
    project, again = built
    edit(project.tei / "trial-1938.xml", "plead guilty", "plead guilty indeed")
    report = again()
    assert sorted(t for t in report.rebuilt if ":" in t) == [
        "apparatus:trial-1938", "chronology:trial-1938", "diplomatic:trial-1938", "downloads:trial-1938",
        "dts:trial-1938", "files:trial-1938", "parallel:trial-1938", "persons:trial-1938",
        "reading:trial-1938", "search:trial-1938"]  # not index:, which reads the header only
    # the pages over every source whose facts of it changed: the search records, the persons
    # (a name's context), the manual (its examples); not the chronology nor the DTS collection
    assert {t for t in report.rebuilt if ":" not in t} == {"persons", "search", "manual"}
    assert "plead guilty indeed" in (project.edition / "trial-1938" / "reading.html").read_text("utf-8")


def test_a_header_change_rebuilds_the_index_too(built):
    project, again = built
    edit(project.tei / "omodeo-abstract.xml", "<title type=\"main\">", "<title type=\"main\">New: ")
    report = again()
    assert "index" in report.rebuilt
    # the source's own tasks, and the pages of its neighbour, whose navigation shows its title
    assert all(task.endswith((":omodeo-abstract", ":trial-1938")) for task in report.rebuilt
               if task != "index" and task not in EVERY_SOURCE)
    assert "New: " in (project.edition / "index.html").read_text("utf-8")


def test_a_stylesheet_change_rebuilds_every_page(built):
    project, again = built
    (project.xslt / "common" / "core.xsl").write_text(
        (project.xslt / "common" / "core.xsl").read_text("utf-8") + "<!-- changed -->\n", "utf-8")
    report = again()
    pages = {t for t in report.rebuilt if t.split(":")[0] in ("reading", "diplomatic", "apparatus")}
    assert len(pages) == 6 and "index" in report.rebuilt
    assert not any(t.startswith("files:") for t in report.rebuilt)  # the TEI copies did not change


def test_a_css_change_rebuilds_every_page_and_copies_the_css(built):
    project, again = built
    css = project.xslt / "assets" / "edition.css"
    css.write_text(css.read_text("utf-8") + "\n/* changed */\n", "utf-8")
    report = again()
    assert len([t for t in report.rebuilt if t.startswith("reading:")]) == 2
    assert "/* changed */" in (project.edition / "assets" / "edition.css").read_text("utf-8")


def test_a_person_change_rebuilds_the_pages_that_mention_that_person(built):
    project, again = built
    persons = project.tei / "persons.xml"
    text = persons.read_text("utf-8")
    start = text.index('<person xml:id="rykov">')
    end = text.index("</person>", start)
    persons.write_text(text[:start] + text[start:end].replace("</persName>", "</persName><!-- x -->", 1)
                       + text[end:], "utf-8")
    report = again()
    assert report.problems == []
    assert {t.split(":", 1)[1] for t in report.rebuilt if ":" in t} == {"trial-1938"}
    assert "files" in report.rebuilt  # the register's copy


def test_an_edition_xml_change_rebuilds_the_index_and_its_copy(built):
    project, again = built
    edit(project.tei / "edition.xml", "</TEI>", "<!-- x -->\n</TEI>")
    report = again()
    assert sorted(report.rebuilt) == ["files", "index", "manual"]  # the manual's examples read it too


def test_a_deleted_page_is_written_again(built):
    project, again = built
    (project.edition / "omodeo-abstract" / "apparatus.html").unlink()
    assert again().rebuilt == ["apparatus:omodeo-abstract"]


def test_an_invalid_change_removes_the_pages_and_a_fix_brings_them_back(built):
    project, again = built
    path = project.tei / "omodeo-abstract.xml"
    good = path.read_text("utf-8")
    path.write_text(good.replace('ref="ed:editors"', 'ref="ed:nobody"', 1), "utf-8")
    report = again()
    assert report.problems and not (project.edition / "omodeo-abstract").exists()
    assert "index" in report.rebuilt
    path.write_text(good, "utf-8")
    report = again()
    assert report.problems == [] and (project.edition / "omodeo-abstract" / "reading.html").is_file()


def test_a_broken_state_file_means_a_full_build(built):
    project, again = built
    (project.edition / ".build-state.json").write_text("{not json", "utf-8")
    assert len(again().rebuilt) == 2 * 11 + 8


def test_progress_is_a_line_per_file_off_a_terminal_and_nothing_when_quiet(tmp_path):
    project = small_project(tmp_path)
    result = CliRunner().invoke(main, ["build", "--no-pdf", "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.split() == ["checked", str(project.tei / "trial-1938.xml")] for line in lines)
    assert any(line.split()[:2] == ["built", "trial-1938"] for line in lines)
    assert lines[-1].startswith("2 sources built into") and "30 task(s) run" in lines[-1]
    (project.tei / "trial-1938.xml").write_text(
        (project.tei / "trial-1938.xml").read_text("utf-8").replace("plead guilty", "plead, guilty", 1), "utf-8")
    quiet = CliRunner().invoke(main, ["build", "--no-pdf", "-q", "--root", str(project.root)])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_on_a_terminal_progress_is_one_bar_line():
    import io

    from bukharin_edition.progress import NORMAL, Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    progress = Progress(4, NORMAL, screen)
    for n in range(4):
        progress("built", f"source-{n}")
    progress.close()
    drawn = screen.getvalue()
    assert "built source-3" in drawn and "4/4" in drawn
    assert drawn.count("\n") <= 1 and drawn.endswith("\x1b[2K")  # one line, taken away at the end


def test_a_build_killed_midway_is_completed_by_the_next_one(tmp_path, saxon):
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    project = small_project(tmp_path / "project")
    build_edition(project.tei, project.xslt, project.edition, schema_dir=project.schema,
                  session=Session(saxon))
    edit(project.tei / "trial-1938.xml", "plead guilty", "plead guilty, interrupted")
    (project.xslt / "assets" / "edition.css").write_text(
        (project.xslt / "assets" / "edition.css").read_text("utf-8") + "\n/* new */\n", "utf-8")
    edition = Path(sys.executable).parent / "edition"
    running = subprocess.Popen([str(edition), "build", "-q", "--root", str(project.root)])
    page = project.edition / "trial-1938" / "reading.html"
    deadline = time.time() + 60
    while b"interrupted" not in page.read_bytes() and running.poll() is None and time.time() < deadline:
        time.sleep(0.005)
    running.send_signal(signal.SIGKILL)
    running.wait()
    report = build_edition(project.tei, project.xslt, project.edition, schema_dir=project.schema,
                           session=Session(saxon))
    assert report.problems == []
    clean = tmp_path / "clean"
    build_edition(project.tei, project.xslt, clean, schema_dir=project.schema, session=Session(saxon))
    # Pagefind's index is not byte-reproducible (its file names change from run to run): it is
    # compared by its presence; every other file byte for byte.
    def files(folder):
        return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*")
                if p.is_file() and p.name != ".build-state.json" and "pagefind" not in p.relative_to(folder).parts}
    assert files(project.edition) == files(clean)
    assert (project.edition / "pagefind" / "pagefind.js").is_file()


def test_verbose_lists_what_was_up_to_date(built):
    project, _ = built
    result = CliRunner().invoke(main, ["build", "--no-pdf", "-v", "--root", str(project.root)])
    assert result.exit_code == 0, result.output
    assert " current  reading:trial-1938" in result.output and "30 task(s) up to date" in result.output


def test_a_file_is_validated_again_when_a_sibling_it_points_at_changes(tmp_path, saxon):
    import shutil

    from editor_support import ROOT

    project = small_project(tmp_path)
    for name in ("spartacus-biography.xml", "spartacus-primary-sources.xml"):
        shutil.copy(ROOT / "tei" / name, project.tei)
    session = Session(saxon)
    build = lambda: build_edition(project.tei, project.xslt, project.edition,  # noqa: E731
                                  schema_dir=project.schema, session=session)
    assert build().problems == []
    edit(project.tei / "spartacus-primary-sources.xml", 'xml:id="spartacus-primary-sources-cit2"',
         'xml:id="spartacus-primary-sources-cit2-renamed"')
    report = build()
    # the biography's pointer to cit2 is now broken: found although the biography did not change
    assert any("spartacus-biography.xml:" in p for p in report.problems), report.problems


def test_a_title_change_rebuilds_the_neighbours_whose_navigation_names_it(built):
    project, again = built
    edit(project.tei / "omodeo-abstract.xml", "<title type=\"main\">", "<title type=\"main\">Renamed: ")
    report = again()
    assert "reading:trial-1938" in report.rebuilt  # its "next" or "previous" link shows the title
    assert "Renamed: " in (project.edition / "trial-1938" / "reading.html").read_text("utf-8")


def test_a_full_build_of_some_builders_keeps_what_the_others_did(built):
    project, again = built
    report = again(full=True, only=("search",))
    assert sorted(report.rebuilt) == ["search", "search:omodeo-abstract", "search:trial-1938"]
    assert again().rebuilt == []  # the other builders' tasks are still known to be current
