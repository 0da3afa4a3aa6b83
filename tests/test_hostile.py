"""Hostile files: nothing is executed, fetched or leaked because of a TEI file, and a failing
file never stops the others."""
from __future__ import annotations

import shutil
import time

import pytest
from click.testing import CliRunner

from bukharin_edition import tei as tei_module
from bukharin_edition.cli import main
from bukharin_edition.errors import FileProblem
from bukharin_edition.tei import parse_tei
from conftest import ROOT

SECRET = "SECRET-CONTENT-THAT-MUST-NOT-LEAK"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'

BILLION_LAUGHS = HEAD + """<!DOCTYPE TEI [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&lol9;</p></body></text></TEI>
"""
QUADRATIC = HEAD + '<!DOCTYPE TEI [<!ENTITY a "' + "x" * 50_000 + '">]>\n' + \
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>' + "&a;" * 5_000 + "</p></body></text></TEI>\n"


def external_entity(secret_path) -> str:
    return HEAD + f'<!DOCTYPE TEI [<!ENTITY leak SYSTEM "file://{secret_path}">]>\n' \
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&leak;</p></body></text></TEI>\n'


NETWORK_DTD = HEAD + '<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">\n' \
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>\n'
XINCLUDE = HEAD + '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">' \
    '<text><body><p><xi:include href="{secret}" parse="text"/></p></body></text></TEI>\n'


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["billion-laughs", "quadratic", "external-entity", "network-dtd"])
def test_a_doctype_is_refused_at_once_and_nothing_is_expanded_or_fetched(tmp_path, secret, name):
    text = {"billion-laughs": BILLION_LAUGHS, "quadratic": QUADRATIC,
            "external-entity": external_entity(secret), "network-dtd": NETWORK_DTD}[name]
    path = tmp_path / f"{name}.xml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(FileProblem) as caught:
        parse_tei(path)
    assert time.perf_counter() - started < 5
    assert caught.value.rule == "doctype" and caught.value.line == 2
    assert SECRET not in caught.value.message


def test_nesting_beyond_any_tei_file_is_refused(tmp_path):
    path = tmp_path / "deep.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">' + "<div>" * 400 + "</div>" * 400 + "</TEI>")
    with pytest.raises(FileProblem, match="nested too deeply"):
        parse_tei(path)


def test_an_oversized_file_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(tei_module, "MAX_FILE_BYTES", 2**20)
    path = tmp_path / "huge.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>' + "x" * 2**21 + "</p></TEI>")
    with pytest.raises(FileProblem, match="at most 1 MiB"):
        parse_tei(path)


def _corpus_project(tmp_path, hostile: dict[str, str]):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "sources.toml").write_text("# not read by validate or build\n")
    (tmp_path / "tei").mkdir()
    for name in ("edition.xml", "persons.xml", "omodeo-abstract.xml"):
        shutil.copy(ROOT / "tei" / name, tmp_path / "tei")
    for folder in ("xslt", "schema"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for name, text in hostile.items():
        (tmp_path / "tei" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_validate_and_build_refuse_hostile_files_and_go_on(tmp_path, secret):
    project = _corpus_project(tmp_path, {
        "laughs.xml": BILLION_LAUGHS, "leak.xml": external_entity(secret),
        "xinclude.xml": XINCLUDE.format(secret=secret),
    })
    validated = CliRunner().invoke(main, ["validate", str(project / "tei")])
    assert validated.exit_code != 0
    assert "laughs.xml:2:1:" in validated.output and "leak.xml:2:1:" in validated.output
    assert "xinclude.xml:" in validated.output
    built = CliRunner().invoke(main, ["build", "--root", str(project)])
    assert built.exit_code != 0
    assert "1 sources built" in built.output
    assert (project / "edition" / "omodeo-abstract" / "reading.html").is_file()
    for page in (project / "edition").rglob("*"):
        if page.is_file():
            assert SECRET not in page.read_text(encoding="utf-8", errors="replace"), page
    assert SECRET not in validated.output + built.output


def test_markup_in_the_text_is_escaped_in_every_view(tmp_path, saxon):
    from bukharin_edition.publish import build_edition

    text = (ROOT / "tei" / "omodeo-abstract.xml").read_text(encoding="utf-8").replace(
        "This article addresses", '&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror="alert(2)"&gt; This article addresses')
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "omodeo-abstract.xml").write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "tei" / "edition.xml", tmp_path / "tei")
    report = build_edition(tmp_path / "tei", ROOT / "xslt", tmp_path / "edition", processor=saxon)
    assert report.problems == []
    for view in ("reading", "diplomatic", "apparatus"):
        page = (tmp_path / "edition" / "omodeo-abstract" / f"{view}.html").read_text(encoding="utf-8")
        assert "<script>alert" not in page and "<img src=x" not in page
    reading = (tmp_path / "edition" / "omodeo-abstract" / "reading.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in reading


def test_the_stylesheets_processor_fetches_nothing_from_the_network(saxon):
    """Even a stylesheet that asked for a remote resource would be refused (no scheme but file)."""
    executable = saxon.new_xslt30_processor().compile_stylesheet(stylesheet_text=(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template name="xsl:initial-template"><r>{unparsed-text("http://127.0.0.1:9/x")}</r>'
        '</xsl:template></xsl:stylesheet>').replace("<r>{", '<r><xsl:value-of select=\'').replace(
        ")}</r>", ")'/></r>"))
    with pytest.raises(Exception, match="has been prohibited"):
        executable.call_template_returning_string()


def test_every_published_page_carries_a_policy_that_it_satisfies(corpus_build):
    """A Content-Security-Policy that allows only the edition's own files, and pages that need no
    more: no inline script, no inline style, no event-handler attribute."""
    import re

    from bukharin_edition.publish.pages import policy

    CSP = policy()
    out, _ = corpus_build
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 40
    # every page carries the one policy of the page frame (xslt/common/page.xsl)
    for made_by in ("index.html", "trial-1938/reading.html", "persons/index.html", "chronology.html",
                    "encoding-manual.html"):
        assert f'content="{CSP}"' in (out / made_by).read_text(encoding="utf-8"), made_by
    for page in pages:
        text = page.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', text)
        assert policy, page
        assert "default-src 'self'" in policy.group(1) and "unsafe-inline" not in policy.group(1)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", text), page  # no inline script
        assert not re.search(r"\sstyle=\"", text), page
        for style in re.findall(r"<style>(.*?)</style>", text, re.S):  # allowed only by its hash
            import base64
            import hashlib
            assert f"'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'" in policy.group(1)
        assert not re.search(r"\son[a-z]+=\"", text), page


# ---------------------------------------------------------------- processing instructions

EVIL_XSLT = """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/"><html><head><title>page</title></head><body>
<script>document.title = "SCRIPT-RAN"</script></body></html></xsl:template></xsl:stylesheet>
"""
STYLESHEET_PI = '<?xml-stylesheet type="text/xsl" href="../text/evil.txt"?>\n'


def _with_stylesheet_pi(text: str) -> str:
    return text.replace("<TEI ", STYLESHEET_PI + "<TEI ", 1)


def test_validate_refuses_a_processing_instruction_with_its_line(tmp_path):
    project = _corpus_project(tmp_path, {})
    path = project / "tei" / "omodeo-abstract.xml"
    path.write_text(_with_stylesheet_pi(path.read_text("utf-8")).replace(
        "</body>", "<?php echo 1; ?></body>"), "utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "[processing-instruction]" in line]
    assert len(lines) == 2
    assert "omodeo-abstract.xml:4:1: <?xml-stylesheet …?>: processing instructions other than xml-model" in lines[0]
    assert "<?php …?>" in lines[1]
    clean = CliRunner().invoke(main, ["validate", str(project / "tei" / "edition.xml")])
    assert clean.exit_code == 0, clean.output  # the edition's own xml-model instructions pass


def test_the_published_copies_carry_only_the_editions_instructions(tmp_path, saxon):
    from bukharin_edition.publish import build_edition
    from bukharin_edition.tei import point_at_schema

    project = _corpus_project(tmp_path, {})
    path = project / "tei" / "omodeo-abstract.xml"
    hostile = _with_stylesheet_pi(path.read_text("utf-8"))
    path.write_text(hostile, "utf-8")
    build_edition(project / "tei", project / "xslt", project / "edition", processor=saxon)  # no schema: no check
    for copy in (project / "edition" / "tei" / "omodeo-abstract.xml",
                 project / "edition" / "dts" / "document" / "omodeo-abstract.xml"):
        published = copy.read_text("utf-8")
        assert "xml-stylesheet" not in published
        assert published.count("<?xml-model ") == 2
        expected = hostile.replace(STYLESHEET_PI, "")
        if copy.parent.name == "document":  # the DTS document's xml-model: the published schema, two up
            expected = point_at_schema(expected, "../../schema")
        assert published.replace("\n", "") == expected.replace("\n", "")
    untouched = (project / "edition" / "tei" / "edition.xml").read_bytes()
    assert untouched == (project / "tei" / "edition.xml").read_bytes()  # byte for byte without one


def test_no_script_runs_from_a_published_copy_in_chromium(tmp_path, saxon):
    """The browser obeys the instruction of the file as received (the control), not of the copy."""
    from bukharin_edition.publish import build_edition
    from test_browser import launch_chromium, serve_folder

    project = _corpus_project(tmp_path, {})
    path = project / "tei" / "omodeo-abstract.xml"
    path.write_text(_with_stylesheet_pi(path.read_text("utf-8")), "utf-8")
    out = project / "edition"
    build_edition(project / "tei", project / "xslt", out, processor=saxon)
    (out / "text" / "evil.txt").write_text(EVIL_XSLT, "utf-8")  # what a title can put in text/
    (out / "received").mkdir()
    shutil.copy(path, out / "received" / "omodeo-abstract.xml")  # the control: as received
    server, browsers = serve_folder(out), launch_chromium()
    site, chromium = next(server), next(browsers)
    try:
        page = chromium.new_page()
        page.goto(f"{site}/received/omodeo-abstract.xml")
        page.wait_for_load_state("load")
        assert page.title() == "SCRIPT-RAN"  # the attack works on the received file
        for copy in ("tei/omodeo-abstract.xml", "dts/document/omodeo-abstract.xml"):
            page.goto(f"{site}/{copy}")
            page.wait_for_load_state("load")
            assert page.title() != "SCRIPT-RAN", copy
            assert page.evaluate("document.scripts.length") == 0, copy
    finally:
        for generator in (browsers, server):
            generator.close()


# ---------------------------------------------------------------- faults of the disk, wrong input

import errno  # noqa: E402
import hashlib  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402

from editor_support import small_project  # noqa: E402


def _tree(root) -> dict[str, str]:
    """Every file of the project but the staging folder's lock, with its hash."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != "lock"}


def _unformatted(project) -> None:
    for name in ("omodeo-abstract.xml", "trial-1938.xml"):
        path = project.tei / name
        path.write_text(path.read_text("utf-8").replace("\n  <teiHeader>", "\n<teiHeader>", 1), "utf-8")


def _disk_full(monkeypatch):
    """Every flush to disk fails as on a full disk (where writes are delayed, that is where it shows)."""
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)


def _read_only(monkeypatch, root):
    """Every attempt to create or write a file or folder under root fails as on a read-only mount."""
    import builtins

    root = str(root)
    real_open, real_os_open, real_mkdir = builtins.open, os.open, os.mkdir

    def refuse(path):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    def guarded_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and str(file).startswith(root) and set(mode) & set("wax+"):
            refuse(file)
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        if str(path).startswith(root) and flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR):
            refuse(path)
        return real_os_open(path, flags, *args, **kwargs)

    def guarded_mkdir(path, *args, **kwargs):
        if str(path).startswith(root):
            refuse(path)
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    monkeypatch.setattr(os, "mkdir", guarded_mkdir)


def _commands(project, tmp_path):
    text = tmp_path / "letter.txt"
    text.write_text("A Letter\n\nIts only paragraph.\n", "utf-8")
    root = ["--root", str(project.root)]
    return {
        "format": ["format", *root],
        "convert": ["convert", "--force", "--allow-dirty", *root],
        "new-source": ["new-source", str(text), "--id", "letter", "--title", "A Letter", "--profile", "prose", *root],
    }


@pytest.mark.parametrize("command", ["format", "convert", "new-source"])
@pytest.mark.parametrize("fault, message", [("full", "the disk is full"), ("read-only", "cannot write here")])
def test_a_full_disk_or_a_read_only_folder_is_one_line_and_changes_nothing(tmp_path, monkeypatch, command,
                                                                             fault, message):
    project = small_project(tmp_path / "project")
    _unformatted(project)  # so that format and convert have something to write
    before = _tree(project.root)
    args = _commands(project, tmp_path)[command]
    if fault == "full":
        _disk_full(monkeypatch)
    else:
        _read_only(monkeypatch, project.root)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no traceback
    error = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(error) == 1 and message in error[0] and "nothing was changed" in error[0], result.output
    assert str(project.root) in error[0]  # the file or folder is named
    assert _tree(project.root) == before


@pytest.mark.parametrize("content, expected", [
    (b"just some words\n", "not an XML file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not an XML file"),
    (b"<html><body><p>x</p></body></html>", "not a TEI document (its root is <html>)"),
])
def test_diff_and_format_of_a_file_that_is_not_tei_say_so_in_one_line(tmp_path, content, expected):
    path = tmp_path / "other.xml"
    path.write_bytes(content)
    tei = ROOT / "tei" / "omodeo-abstract.xml"
    for args in (["diff", str(path), str(tei)], ["diff", str(tei), str(path)], ["format", str(path)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, result.output
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
        assert f"{path}:1" in result.output and expected in result.output, result.output
    assert path.read_bytes() == content


def test_validate_checks_the_file_name_against_the_xml_id(tmp_path):
    project = _corpus_project(tmp_path, {})
    renamed = project / "tei" / "omodeo-renamed.xml"
    (project / "tei" / "omodeo-abstract.xml").rename(renamed)
    result = CliRunner().invoke(main, ["validate", str(renamed)])
    assert result.exit_code == 1
    assert ("omodeo-renamed.xml:4:1: the TEI element's xml:id is 'omodeo-abstract', but the file is named "
            "omodeo-renamed.xml") in result.output and "[file-name]" in result.output


# ---------------------------------------------------------------- leftovers of a crash

def test_a_leftover_of_a_crash_before_its_commit_is_removed_by_the_next_command(tmp_path):
    from bukharin_edition.transaction import STAGING

    project = small_project(tmp_path / "project")
    before = _tree(project.root)
    leftover = project.root / STAGING / "new-source-999999"
    (leftover / "root" / "seeds").mkdir(parents=True)
    (leftover / "root" / "seeds" / "orphan.txt").write_text("half done", "utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(project.root)])
    assert "new-source-999999: an interrupted command had changed nothing; its staging folder was removed" \
        in result.output
    assert not leftover.exists() and _tree(project.root) == before


def test_a_crash_past_the_commit_point_is_finished_by_the_next_command(tmp_path, monkeypatch):
    """Killed between two moves: the journal says what is left to move, and the next command moves it."""
    from bukharin_edition import transaction

    project = small_project(tmp_path / "project")
    _unformatted(project)
    moved = []
    real_move = transaction._move

    def die_after_one(source, target):
        if moved:
            raise SystemExit(137)  # the process ends here, as under kill -9 (no clean-up runs after it)
        moved.append(target)
        real_move(source, target)
    monkeypatch.setattr(transaction, "_move", die_after_one)
    monkeypatch.setattr(transaction.shutil, "rmtree", lambda *a, **k: None)  # a dead process removes nothing
    CliRunner().invoke(main, ["format", "--root", str(project.root)])
    assert len(moved) == 1 and list((project.root / transaction.STAGING).glob("*/commit.json"))
    monkeypatch.undo()
    checked = CliRunner().invoke(main, ["format", "--check", "--root", str(project.root)])
    assert "had committed its changes; their moves were finished" in checked.output
    assert checked.exit_code == 0, checked.output  # both files are in the canonical layout now
    assert [p.name for p in (project.root / transaction.STAGING).iterdir()] == ["lock"]


def test_two_commands_at_once_the_second_is_refused(tmp_path):
    from bukharin_edition.project import Project
    from bukharin_edition.transaction import Transaction

    project = small_project(tmp_path / "project")
    _unformatted(project)
    before = _tree(project.root)
    with Transaction(Project(project.root), "format", workspace=False):
        result = CliRunner().invoke(main, ["format", "--root", str(project.root)])
    assert result.exit_code == 1 and "another edition command is changing the edition's files" in result.output
    assert _tree(project.root) == before


# ---------------------------------------------------------------- the preview server

import socket  # noqa: E402
import threading  # noqa: E402

from bukharin_edition.serve import Watcher, make_server  # noqa: E402


@pytest.fixture
def plain_server(tmp_path):
    """A server of a small folder, no preview; few threads and a short idle time, to test them."""
    site = tmp_path / "edition"
    site.mkdir()
    (site / "index.html").write_text("<html><head></head><body>home</body></html>", "utf-8")
    server = make_server(site, "127.0.0.1", 0, idle=1.0, max_threads=4)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield site, server
    server.shutdown()
    server.server_close()


def _request(server, target="/", host="127.0.0.1", extra=b"") -> int:
    with socket.create_connection(server.server_address[:2], timeout=10) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n".encode()
                           + extra + b"\r\n")
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def test_an_index_file_that_links_out_of_the_edition_is_refused(plain_server, tmp_path, secret):
    site, server = plain_server
    (site / "folder").mkdir()
    (site / "folder" / "index.html").symlink_to(secret)  # the folder is inside, its index is not
    assert _request(server, "/folder/") == 403
    assert _request(server, "/folder") == 403
    assert _request(server, "/") == 200


@pytest.mark.parametrize("host, expected", [
    ("[::1]evil.com", 403), ("127.0.0.1:8765, evil.com", 403), ("evil.com#127.0.0.1", 403),
    ("localhost:1", 200), ("LOCALHOST", 200), ("[::1]:8000", 200), ("127.0.0.1", 200),
])
def test_the_host_header_is_parsed_strictly(plain_server, host, expected):
    _, server = plain_server
    assert _request(server, "/", host=host) == expected


def test_two_host_headers_are_refused(plain_server):
    _, server = plain_server
    assert _request(server, "/", extra=b"Host: evil.com\r\n") == 403


def _serving_threads() -> int:
    return sum(1 for t in threading.enumerate() if "process_request_thread" in t.name)


def test_threads_are_capped_and_idle_connections_closed(plain_server):
    _, server = plain_server
    before = _serving_threads()
    idle = [socket.create_connection(server.server_address[:2], timeout=10) for _ in range(12)]
    try:
        time.sleep(0.5)
        assert _serving_threads() - before <= 4  # 12 silent connections, at most 4 threads
        started = time.monotonic()
        assert _request(server, "/") == 200  # served once the silent ones are closed
        assert time.monotonic() - started < 8
        assert idle[0].recv(1) == b""  # the server closed the first silent connection
    finally:
        for connection in idle:
            connection.close()


def test_a_save_in_two_writes_is_built_once_whole(tmp_path):
    """An editor that truncates, then writes: the watcher waits for the file to settle."""
    project = small_project(tmp_path / "project")
    seen: list[bytes] = []

    class Recorder:
        def __init__(self):
            self.project = project

        def echo(self, text):
            pass

        def rebuild(self, changed):
            seen.append((project.tei / "omodeo-abstract.xml").read_bytes())

    watcher = Watcher(Recorder(), settle=0.3)
    path = project.tei / "omodeo-abstract.xml"
    content = path.read_bytes()
    path.write_bytes(b"")  # the first write of the save

    def second_write():
        time.sleep(0.1)
        path.write_bytes(content.replace(b"This article addresses", b"This article discusses"))
    writer = threading.Thread(target=second_write)
    writer.start()
    watcher.check()
    writer.join()
    assert len(seen) == 1 and b"This article discusses" in seen[0]


# ---------------------------------------------------------------- workers and their parent

def _children(pid: int) -> list[int]:
    """The processes whose parent is pid (read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    """kill -9 of a build's parent while its workers run: every worker (and the resource
    tracker) is gone within seconds, in each of three trials."""
    import signal
    import subprocess
    import sys

    project = small_project(tmp_path / "project")
    command = [str(Path(sys.executable).parent / "edition"), "build", "--full", "--no-pdf", "--jobs", "2",
               "-q", "--root", str(project.root)]
    for trial in range(3):
        parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        workers: list[int] = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and parent.poll() is None:
            workers = _children(parent.pid)
            if len(workers) >= 2:  # the resource tracker and at least one worker
                break
            time.sleep(0.05)
        assert parent.poll() is None and workers, f"trial {trial}: the build started no worker"
        time.sleep(0.3 * trial)  # a moment later in each trial: starting, then working
        workers = _children(parent.pid)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.1)
        left = [pid for pid in workers if _alive(pid)]
        for pid in left:  # a failing run leaves no process behind
            os.kill(pid, signal.SIGKILL)
        assert not left, f"trial {trial}: workers outlived their parent"


# ---------------------------------------------------------------- durable writes

def _recording_fsyncs(monkeypatch) -> list[str]:
    """Record the path of every file and folder flushed to disk."""
    flushed: list[str] = []
    real = os.fsync

    def record(fd):
        flushed.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real(fd)
    monkeypatch.setattr(os, "fsync", record)
    return flushed


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="names descriptors through /proc")
def test_the_scholars_files_and_their_folders_are_flushed_to_disk(tmp_path, monkeypatch):
    project = small_project(tmp_path / "project")
    _unformatted(project)
    flushed = _recording_fsyncs(monkeypatch)
    assert CliRunner().invoke(main, _commands(project, tmp_path)["new-source"]).exit_code == 0
    tei, seeds = str(project.tei), str(project.root / "seeds")
    assert tei in flushed and seeds in flushed  # the folders, after the renames into them
    for name in ("seeds/letter.txt", "seeds/sources.toml", "tei/letter.xml"):  # each file, before
        staged = [p for p in flushed if p.endswith(name) and ".edition-staging" in p]
        assert staged and flushed.index(staged[-1]) < flushed.index(str(Path(project.root / name).parent)), name
    flushed.clear()
    assert CliRunner().invoke(main, ["format", "--root", str(project.root)]).exit_code == 0
    assert sum(".edition-staging" in p and p.endswith((".xml")) for p in flushed) == 2 and tei in flushed


def test_half_written_files_of_an_earlier_crash_are_removed_by_the_next_command(tmp_path):
    project = small_project(tmp_path / "project")
    before = _tree(project.root)
    halves = [project.tei / ".trial-1938.xml.a1b2c3d4.tmp", project.root / "seeds" / ".sources.toml.new"]
    for half in halves:
        half.write_text("half", "utf-8")
    kept = project.tei / ".my-notes.tmp"  # not the shape of a temporary of the edition's: kept
    kept.write_text("mine", "utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(project.root)])
    assert "tei/.trial-1938.xml.a1b2c3d4.tmp: a file half written by an interrupted command" in result.output
    assert "seeds/.sources.toml.new" in result.output
    assert not any(h.exists() for h in halves) and kept.exists()
    kept.unlink()
    assert _tree(project.root) == before


def test_a_full_disk_during_a_build_is_one_line_naming_the_file(tmp_path, monkeypatch):
    import tempfile

    project = small_project(tmp_path / "project")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(tempfile, "mkstemp", full)
    for args in (["build", "--no-pdf"], ["manual"]):
        result = CliRunner().invoke(main, [*args, "--root", str(project.root)])
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
        error = result.output.strip().splitlines()[-1]
        assert error.startswith(f"Error: {project.edition}/") and "the disk is full" in error, error
        assert "free some space" in error
