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
    from bukharin_edition.build import build_edition

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

    from bukharin_edition.build.site import CSP

    out, _ = corpus_build
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 40
    # the stylesheets' pages and the Python-made ones carry one policy (kept in two languages)
    for made_by in ("index.html", "trial-1938/reading.html", "persons/index.html", "chronology.html"):
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
    from bukharin_edition.build import build_edition

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
        assert published.replace("\n", "") == hostile.replace(STYLESHEET_PI, "").replace("\n", "")
    untouched = (project / "edition" / "tei" / "edition.xml").read_bytes()
    assert untouched == (project / "tei" / "edition.xml").read_bytes()  # byte for byte without one


def test_no_script_runs_from_a_published_copy_in_chromium(tmp_path, saxon):
    """The browser obeys the instruction of the file as received (the control), not of the copy."""
    from bukharin_edition.build import build_edition
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
