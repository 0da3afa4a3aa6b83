"""The DTS server (bukharin_edition.dts.server): the queries of the three endpoints, their errors,
a client's walk over every source, gunicorn, and the mount of `edition serve`."""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import uritemplate
from lxml import etree

from bukharin_edition.dts.server import create_app
from dts_support import API, CASES, build_journal, check, get, get_json, request

ROOT = Path(__file__).resolve().parents[1]
TEI_NS = "http://www.tei-c.org/ns/1.0"
WRAPPER = "{https://w3id.org/api/dts#}wrapper"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# A copy of the specification's examples, when the workplace has one (never committed here).
SPEC_EXAMPLES = ROOT.parent / "shared" / "reference" / "dts"


@pytest.fixture(scope="module")
def journal(tmp_path_factory, saxon):
    return create_app(build_journal(tmp_path_factory.mktemp("journal"), saxon), API)


@pytest.fixture(scope="module")
def corpus(corpus_build):
    return create_app(corpus_build[0], API)


def _wrapper(body: bytes) -> etree._Element:
    """The dts:wrapper of a passage, checked to be where 'XML/TEI encoding and sub-tree
    representation' puts it: in a TEI root, the DTS namespace declared on the wrapper."""
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
                           b'<dts:wrapper xmlns:dts="https://w3id.org/api/dts#">'), body[:200]
    root = etree.fromstring(body)
    assert root.tag == f"{{{TEI_NS}}}TEI"
    (wrapper,) = root.findall(WRAPPER)
    return wrapper


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: f"{c['endpoint']}?{c['query']}")
def test_the_server_answers_as_the_specification_says(journal, case):
    status, headers, body = get(journal, case["endpoint"], case["query"])
    assert status == case["status"], (case["section"], body.decode()[:500])
    if status != 200:
        problem = json.loads(body)
        assert headers["Content-Type"] == "application/problem+json" and problem["status"] == status
        assert problem["detail"]
        return
    if case["endpoint"] == "document":
        assert headers["Content-Type"] == "application/tei+xml"
        assert headers["Link"] == f'<{API}collection?id=journal>; rel="collection"'  # 'Response / Header'
        if case.get("whole"):
            assert body == (ROOT / "tests" / "fixtures" / "dts" / "tei" / "journal.xml").read_bytes()
            return
        wrapper = _wrapper(body)
        assert [el.get(XML_ID) for el in wrapper] == case["wrapper"]
        assert [el.get(XML_ID) for el in wrapper.iter() if el.get(XML_ID)] == case["inside"]
        return
    data = json.loads(body)
    assert headers["Content-Type"] == "application/ld+json"
    check("Navigation" if case["endpoint"] == "navigation" else "CollectionResponse", data)
    if case["endpoint"] == "navigation":
        assert data["@id"] == f"{API}navigation?{case['query']}"  # the request's absolute URL
        assert data["resource"]["@id"] == "journal"
    for key in case.get("absent", []):
        assert key not in data, key
    for key in ("ref", "start", "end"):
        if key in case:
            assert data[key]["identifier"] == case[key]
    if "ref_title" in case:
        assert data["ref"]["dublinCore"]["title"][0]["value"] == case["ref_title"]
    if "id" in case:
        assert data["@id"] == case["id"] and data["@type"] == case["type"]
    if "member" in case:
        expected = CASES["units"] if case["member"] == "units" else case["member"]
        found = [m.get("identifier", m.get("@id")) for m in data["member"]]
        assert found == expected, case["section"]


def test_units_carry_their_level_parent_and_type(journal):
    units = get_json(journal, "navigation", "resource=journal&down=-1")["member"]
    by_id = {u["identifier"]: u for u in units}
    assert by_id["C1"] == {"identifier": "C1", "@type": "CitableUnit", "level": 1, "parent": None,
                           "citeType": "chapter", "dublinCore": {"title": [{"lang": "en", "value": "Chapter 1"}]}}
    assert by_id["C2.E1"]["parent"] == "C2" and by_id["C2.E1"]["level"] == 2 and by_id["C2.E1"]["citeType"] == "entry"
    assert by_id["C2.E1.P1"] == {"identifier": "C2.E1.P1", "@type": "CitableUnit", "level": 3,
                                 "parent": "C2.E1", "citeType": "paragraph"}
    resource = get_json(journal, "navigation", "resource=journal&down=1")["resource"]
    assert resource["citationTrees"] == [{"@type": "CitationTree", "citeStructure": [
        {"@type": "CiteStructure", "citeType": "chapter", "citeStructure": [
            {"@type": "CiteStructure", "citeType": "entry", "citeStructure": [
                {"@type": "CiteStructure", "citeType": "paragraph"}]}]}]}]


def test_the_entry_point_and_the_templates_lead_to_the_endpoints(journal):
    """'Entry Endpoint': its three templates; a Resource's templates with its id filled in."""
    entry = check("EntryPoint", get_json(journal, ""))
    assert entry == {"@context": "https://dtsapi.org/context/v1.0.json", "dtsVersion": "1.0", "@id": API,
                     "@type": "EntryPoint", "collection": f"{API}collection{{?id,page,nav}}",
                     "navigation": f"{API}navigation{{?resource,ref,start,end,down,tree,page}}",
                     "document": f"{API}document{{?resource,ref,start,end,tree,mediaType}}"}
    resource = get_json(journal, "collection", "id=journal")
    assert resource["navigation"] == f"{API}navigation?resource=journal{{&ref,start,end,down,tree,page}}"
    assert uritemplate.expand(resource["document"], ref="C1") == f"{API}document?resource=journal&ref=C1"
    assert uritemplate.expand(entry["navigation"], resource="journal", ref="C1.E1", down=1) == \
        f"{API}navigation?resource=journal&ref=C1.E1&down=1"


def test_a_client_walks_every_source_from_the_collection_to_each_passage(corpus, corpus_build):
    """A DTS client's walk: the entry point, the root collection, each Resource, its top level,
    the subtree of each top-level unit, and the passage of every unit, which is the element of
    the TEI file with that xml:id."""
    entry = check("EntryPoint", json.loads(request(corpus, API)[2]))
    root = check("CollectionResponse", json.loads(request(corpus, uritemplate.expand(entry["collection"]))[2]))
    assert [m["@id"] for m in root["member"]] == corpus_build[1].sources
    passages = 0
    for member in root["member"]:
        resource = check("CollectionResponse", json.loads(request(corpus, uritemplate.expand(member["collection"]))[2]))
        tei = etree.parse(str(ROOT / "tei" / f"{member['@id']}.xml"))
        ids = {el.get(XML_ID): el for el in tei.iter() if isinstance(el.tag, str) and el.get(XML_ID)}
        top = check("Navigation", json.loads(request(corpus, uritemplate.expand(resource["navigation"], down=1))[2]))
        assert top["member"], member["@id"]
        seen = []
        for unit in top["member"]:
            status, _, body = request(corpus, uritemplate.expand(resource["navigation"], ref=unit["identifier"], down=-1))
            sub = check("Navigation", json.loads(body))
            assert status == 200 and sub["member"][0] == unit == sub["ref"]
            seen += sub["member"]
        whole = json.loads(request(corpus, uritemplate.expand(resource["navigation"], down=-1))[2])["member"]
        assert seen == whole  # the subtrees of the top level are the whole tree, in order
        for unit in whole:
            status, headers, body = request(corpus, uritemplate.expand(resource["document"], ref=unit["identifier"]))
            assert status == 200 and headers[0] == ("Content-Type", "application/tei+xml")
            (piece,) = _wrapper(body)
            original = ids[unit["identifier"]]
            assert piece.tag == original.tag and piece.get(XML_ID) == unit["identifier"]
            assert "".join(piece.itertext()) == "".join(original.itertext())
            passages += 1
    assert passages > 300


def test_a_range_across_divisions_keeps_exactly_the_text_between(corpus):
    """start/end in different divisions: the first division clipped from start, the last to end."""
    units = get_json(corpus, "navigation", "resource=colley-brief-summary&down=-1")["member"]
    order = [u["identifier"] for u in units]
    start, end = "colley-brief-summary-p4", "colley-brief-summary-p8"
    status, _, body = get(corpus, "document", f"resource=colley-brief-summary&start={start}&end={end}")
    assert status == 200
    wrapper = _wrapper(body)
    inside = [el.get(XML_ID) for el in wrapper.iter() if el.get(XML_ID) and el.get(XML_ID) in order]
    first, last = order.index(start), order.index(end)
    between = order[first:last + 1]
    ancestors = {u["parent"] for u in units if u["identifier"] in (start, end)}
    assert [i for i in inside if i not in ancestors] == [i for i in between if i not in ancestors]
    navigation = get_json(corpus, "navigation", f"resource=colley-brief-summary&start={start}&end={end}&down=-1")
    assert [u["identifier"] for u in navigation["member"]] == between


def test_members_are_paginated_with_links_to_every_page(tmp_path, corpus_build):
    """'Pagination Structure': past a page, view gives first, previous, next and last; following
    next from the first page gives every member once, in order."""
    app = create_app(corpus_build[0], API, page_size=4)
    first = check("CollectionResponse", get_json(app, "collection"))
    assert len(first["member"]) == 4 and first["totalChildren"] == 11
    view = first["view"]
    assert view == {"@id": f"{API}collection?page=1", "@type": "Pagination", "first": f"{API}collection?page=1",
                    "previous": f"{API}collection?page=1", "next": f"{API}collection?page=2",
                    "last": f"{API}collection?page=3"}
    members, page = [], first
    while True:
        members += [m["@id"] for m in page["member"]]
        if page["view"]["@id"] == page["view"]["last"]:
            break
        page = check("CollectionResponse", json.loads(request(app, page["view"]["next"])[2]))
    assert members == corpus_build[1].sources
    assert get(app, "collection", "page=4")[0] == 404 and get(app, "collection", "page=x")[0] == 400
    navigation = get_json(app, "navigation", "resource=trial-1938&down=-1&page=2")
    assert len(navigation["member"]) == 4 and navigation["view"]["@id"] == \
        f"{API}navigation?resource=trial-1938&down=-1&page=2"
    assert navigation["view"]["previous"] == f"{API}navigation?resource=trial-1938&down=-1&page=1"


def test_only_get_and_head_are_answered_and_unknown_paths_are_not_found(journal):
    from bukharin_edition.dts.server import call

    status, headers, body = call(journal, "HEAD", "/navigation", "resource=journal&down=1", "example.org",
                                 script_name="/api/dts")
    assert status == 200 and body == b"" and int(dict(headers)["Content-Length"]) > 0
    status, headers, _ = call(journal, "POST", "/collection", "", "example.org", script_name="/api/dts")
    assert status == 405 and dict(headers)["Allow"] == "GET, HEAD"
    assert get(journal, "passages")[0] == 404
    assert get(journal, "navigation", "resource=journal&down=1&down=2")[0] == 400  # a parameter twice


def test_the_server_reads_a_rebuilt_file_again(tmp_path, saxon):
    out = build_journal(tmp_path / "edition", saxon)
    app = create_app(out, API)
    assert get(app, "navigation", "resource=journal&ref=C1")[0] == 200
    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tests" / "fixtures" / "dts" / "tei", tei)
    text = (tei / "journal.xml").read_text("utf-8").replace('xml:id="C1"', 'xml:id="C0"').replace(
        '<div xml:id="C1.E1"', '<div xml:id="C0.E1"')
    (tei / "journal.xml").write_text(text, "utf-8")
    from bukharin_edition.publish import build_edition
    time.sleep(0.01)
    assert build_edition(tei, ROOT / "xslt", out, processor=saxon, only=("dts", "files")).problems == []
    assert get(app, "navigation", "resource=journal&ref=C1")[0] == 404
    assert get_json(app, "navigation", "resource=journal&ref=C0.E1")["ref"]["parent"] == "C0"
    assert _wrapper(get(app, "document", "resource=journal&ref=C0")[2])[0].get(XML_ID) == "C0"


def test_an_edition_without_dts_files_is_refused_with_what_to_do(tmp_path):
    from bukharin_edition.errors import EditionError

    with pytest.raises(EditionError, match="run 'edition build' first"):
        create_app(tmp_path)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str, timeout: float = 5) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def test_gunicorn_serves_the_application_on_a_loopback_port(tmp_path, saxon):
    pytest.importorskip("gunicorn")
    out = build_journal(tmp_path / "edition", saxon)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2",
         "bukharin_edition.dts.server:create_app()"],
        env={**os.environ, "EDITION_DIR": str(out), "DTS_BASE_URL": base},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, kind, body = _fetch(base)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(f"gunicorn did not answer: {process.stdout.read1().decode() if process.poll() is not None else ''}")
                time.sleep(0.2)
        assert status == 200 and kind == "application/ld+json"
        entry = check("EntryPoint", json.loads(body))
        assert entry["@id"] == base
        status, _, body = _fetch(uritemplate.expand(entry["navigation"], resource="journal", ref="C2", down=1))
        assert status == 200 and [u["identifier"] for u in json.loads(body)["member"]] == ["C2", "C2.E1", "C2.E2"]
        status, kind, body = _fetch(uritemplate.expand(entry["document"], resource="journal", ref="C2.E2.P2"))
        assert status == 200 and kind == "application/tei+xml" and _wrapper(body)[0].get(XML_ID) == "C2.E2.P2"
        status, kind, _ = _fetch(f"{base}navigation?resource=journal")
        assert status == 400 and kind == "application/problem+json"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


def test_edition_serve_mounts_the_server_under_dts(tmp_path, saxon):
    from bukharin_edition.serve import make_server

    out = build_journal(tmp_path / "edition", saxon)
    server = make_server(out, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        site = f"http://127.0.0.1:{server.server_address[1]}"
        status, kind, body = _fetch(f"{site}/dts/")
        assert status == 200 and kind == "application/ld+json"
        assert json.loads(body)["collection"] == f"{site}/dts/collection{{?id,page,nav}}"
        status, _, body = _fetch(f"{site}/dts/navigation?resource=journal&ref=C3&down=0")
        assert status == 200 and json.loads(body)["@id"] == f"{site}/dts/navigation?resource=journal&ref=C3&down=0"
        status, kind, body = _fetch(f"{site}/dts/document?resource=journal&ref=C3.E1")
        assert status == 200 and kind == "application/tei+xml"
        assert _fetch(f"{site}/dts/navigation?resource=journal")[0] == 400
        # the static files stay files beside the endpoints
        status, kind, body = _fetch(f"{site}/dts/index.json")
        assert status == 200 and json.loads(body)["navigation"] == "/dts/navigation/{resource}{;down}.json"
        assert _fetch(f"{site}/dts/navigation/journal;down=1.json")[0] == 200
    finally:
        server.shutdown()
        server.server_close()


# ----------------------------------------------------------------------- the specification's examples

def _examples(folder: Path):
    """(section, request URL, response body) of every example of the copied specification text
    whose request is a navigation or document URL followed by a response in a code block."""
    found = []
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text("utf-8")
        section = ""
        for match in re.finditer(r"^(#{2,5}) ([^\n]+)$|^- `([^`]*/(navigation|document)/?\?[^`]+)`|^```(json|xml)\n(.*?)^```",
                                 text, re.M | re.S):
            if match.group(2):
                section = match.group(2) if match.group(1) != "#####" else section
            elif match.group(3):
                found.append([section, match.group(3), None])
            elif match.group(6) and found and found[-1][2] is None:
                found[-1][2] = (match.group(5), match.group(6))
    return [tuple(item) for item in found if item[2] is not None]


def _lenient_json(text: str):
    """The examples' JSON with their /* ... */ elisions and trailing commas taken out."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r",(\s*[}\]])", r"\1", text)
    return json.loads(text)


def _identifiers(data) -> list[str]:
    return [m["identifier"].replace(",", ".") for m in data.get("member", []) if isinstance(m, dict)]


@pytest.mark.skipif(not SPEC_EXAMPLES.is_dir(),
                    reason="no copy of the DTS 1.0 specification's examples in ../shared/reference/dts/ "
                           "(the examples are not committed here; tests/fixtures/dts/cases.json restates them)")
def test_the_specification_s_own_examples_run_against_the_server(journal):
    """Every navigation and document example of the copied specification, its resource the
    journal fixture (shaped like the examples' Dracula: chapters C1-C3 of entries of paragraphs;
    'C1.E1,P1' is 'C1.E1.P1', an xml:id has no comma): the status is 200, the response has the
    example's keys, and the example's members are ours in the same order (the example elides some)."""
    examples = _examples(SPEC_EXAMPLES)
    assert examples, f"no example request found in {SPEC_EXAMPLES}"
    failures = []
    for section, url, (kind, body) in examples:
        query = url.split("?", 1)[1].replace("https://en.wikisource.org/wiki/Dracula", "journal")
        query = re.sub(r"(ref|start|end)=([^&]+)", lambda m: f"{m.group(1)}={m.group(2).replace(',', '.')}", query)
        endpoint = "navigation" if "/navigation" in url else "document"
        if "?" in query or "tree=" in query or "mediaType=text/html" in query:
            continue  # a malformed example URL, or a citation tree or media type the fixture does not have
        status, _, answer = get(journal, endpoint, query)
        if status != 200:
            failures.append(f"{section}: {url}: {status}")
            continue
        if kind == "json":
            try:
                expected = _lenient_json(body)
            except ValueError:  # an example that is not JSON even without its elisions (Navigation
                expected = {}   # Example 1's second member): its status is all that is checked
            data = json.loads(answer)
            missing = set(expected) - set(data) - {"member"}  # the table, not Example 7, rules on member
            if missing:
                failures.append(f"{section}: keys {sorted(missing)} missing")
            if "down=" not in query:
                continue  # ref without down: 'No member property' says the table (Examples 7 and 8 show one)
            ours = iter(_identifiers(data))
            if not all(i in ours for i in _identifiers(expected)):
                failures.append(f"{section}: members {_identifiers(expected)} not in {_identifiers(data)}")
        elif "ref=" in query or "start=" in query:
            _wrapper(answer)  # a passage: in dts:wrapper
        else:
            assert etree.fromstring(answer).find(f"{{{TEI_NS}}}teiHeader") is not None  # the whole document
    assert not failures, "\n".join(failures)
