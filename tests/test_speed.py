"""Speed at scale, as behaviour: the long synthetic document is valid and as long as asked; the
search records made with the reading page are the ones cut from it; the preview answers while a
long document rebuilds. (The figures themselves are the benchmark's: bench/run.py.)"""
from __future__ import annotations

import http.client
import json
import threading
import time

from lxml import etree
from lxml import html as lxml_html

from bukharin_edition.bench.synth import long_document
from bukharin_edition.publish import build_edition
from bukharin_edition.publish.builders import records_path
from bukharin_edition.publish.search import block_record, leaf_blocks, page_genres
from bukharin_edition.serve import Preview, make_server
from bukharin_edition.tei import TEI_NS
from bukharin_edition.validate import Validator
from conftest import ROOT
from editor_support import edit, small_project


def test_the_long_document_has_the_paragraphs_asked_for_and_is_valid(tmp_path):
    path = long_document(ROOT / "tei", tmp_path, 700)
    root = etree.parse(str(path)).getroot()
    assert len(root.findall(f".//{{{TEI_NS}}}text//{{{TEI_NS}}}p")) == 700
    ids = root.xpath("//@xml:id")
    assert len(ids) == len(set(ids)) and root.get("{http://www.w3.org/XML/1998/namespace}id") == "long-700"
    # one division holds hundreds of turns side by side, as in a long record
    assert max(len(div) for div in root.iter(f"{{{TEI_NS}}}div")) > 300
    assert [p.text() for p in Validator(ROOT / "schema").check_file(path) if p.severity == "error"] == []
    assert long_document(ROOT / "tei", tmp_path / "again", 700).read_bytes() == path.read_bytes()


def test_the_search_records_written_with_the_reading_page_are_those_cut_from_the_page(tmp_path):
    report = build_edition(ROOT / "tei", ROOT / "xslt", tmp_path / "out", full=True, only=("reading",))
    assert not report.problems
    for page in sorted((tmp_path / "out").glob("*/reading.html")):
        root = lxml_html.fromstring(page.read_bytes())
        cut = []
        for el in leaf_blocks(root):
            text, persons, years = block_record(el)
            if text:
                cut.append([el.get("id"), text, persons, years])
        written = json.loads(records_path(report_context(tmp_path / "out"), page.parent.name).read_bytes())
        assert written == {"genres": page_genres(root), "records": cut}, page.parent.name
        assert any(persons for _, _, persons, _ in cut) or page.parent.name.startswith("stray")
    # a range of dates ("from 1985 to 1991") stands for each of its years
    years = {block: set(y) for block, _, _, y in json.loads(
        records_path(report_context(tmp_path / "out"), "encyclopedia-bukharin").read_bytes())["records"]}
    assert any({"1985", "1988", "1991"} <= y for y in years.values())


def test_a_record_s_white_space_is_python_s_whatever_the_unicode_separator(tmp_path):
    """No-break, thin, ideographic spaces and the line separator between words are one space
    in a record, as str.split() makes them (reading.xsl does it without a regex)."""
    from editor_support import edit, small_project

    project = small_project(tmp_path)
    edit(project.tei / "trial-1938.xml", "plead guilty", "plead\u00a0\u2009 guilty\u3000\u2028of\u202fit")
    report = build_edition(project.tei, project.xslt, tmp_path / "out", full=True, only=("reading",))
    assert not report.problems
    page = tmp_path / "out" / "trial-1938" / "reading.html"
    cut = [[el.get("id"), *block_record(el)] for el in leaf_blocks(lxml_html.fromstring(page.read_bytes()))]
    written = json.loads(records_path(report_context(tmp_path / "out"), "trial-1938").read_bytes())["records"]
    assert written == [r for r in cut if r[1]]
    assert any("plead guilty of it" in text for _, text, _, _ in written)


def report_context(out):
    class _Context:
        out_dir = out
    return _Context()


def _get(server, target: str) -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=30)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        connection.close()


def test_the_preview_answers_requests_while_a_long_document_rebuilds(tmp_path):
    project = small_project(tmp_path / "project")
    long_document(project.tei, project.tei, 4000)
    preview = Preview(project, echo=lambda message: None, background=True)
    try:
        preview.rebuild()
        assert not preview.status.problems
        server = make_server(project.edition, "127.0.0.1", 0, preview)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        try:
            edit(project.tei / "long-4000.xml", "plead guilty", "plead guilty (edited)")
            version = preview.status.version
            rebuild = threading.Thread(target=preview.rebuild, args=([project.tei / "long-4000.xml"],))
            rebuild.start()
            assert preview.building.wait(10)
            answered = []
            while preview.building.is_set():
                status, seconds = _get(server, "/trial-1938/reading.html")
                if preview.building.is_set():
                    answered.append((status, seconds))
                time.sleep(0.05)
            rebuild.join(60)
            assert answered, "the rebuild ended before any request was made"
            assert all(status == 200 for status, _ in answered)
            assert max(seconds for _, seconds in answered) < 1.0, answered  # the rebuild takes seconds
            assert preview.status.version > version and not preview.status.problems
            assert b"(edited)" in (project.edition / "long-4000" / "reading.html").read_bytes()
        finally:
            server.shutdown()
            server.server_close()
    finally:
        preview.close()


def test_an_edited_source_has_its_own_pages_before_the_other_tasks_are_planned(tmp_path, saxon):
    import shutil

    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    build_edition(tmp_path / "tei", ROOT / "xslt", tmp_path / "out", processor=saxon, schema_dir=ROOT / "schema")
    edit(tmp_path / "tei" / "trial-1938.xml", "plead guilty", "plead guilty (edited)")
    seen = []

    def pages_done(tasks, problems):
        page = (tmp_path / "out" / "trial-1938" / "reading.html").read_text(encoding="utf-8")
        seen.append((tasks, problems, "(edited)" in page))

    report = build_edition(tmp_path / "tei", ROOT / "xslt", tmp_path / "out", processor=saxon,
                           schema_dir=ROOT / "schema", pages_done=pages_done)
    [(tasks, problems, shown)] = seen  # said once
    assert shown and not problems
    assert tasks and all(task.endswith(":trial-1938") for task in tasks)
    assert "reading:trial-1938" in tasks and "search:trial-1938" in tasks
    # then the pages over every source, and the neighbours' pages are not touched by a paragraph
    assert report.rebuilt[:len(tasks)] == tasks and "search" in report.rebuilt[len(tasks):]
    assert not [t for t in report.rebuilt if ":" in t and not t.endswith(":trial-1938")]
