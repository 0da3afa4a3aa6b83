"""The static DTS files of edition/dts/: DTS 1.0 shapes, addresses, citation trees and metadata."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest
import uritemplate
from lxml import etree

from bukharin_edition.tei import point_at_schema

from dts_support import build_journal, check

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(p.stem for p in (ROOT / "tei").glob("*.xml") if p.stem not in ("edition", "persons"))
TEI = "{http://www.tei-c.org/ns/1.0}"


def _load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def _file(out: Path, url: str) -> Path:
    """The file a static host serves for a root-relative URL of the edition."""
    assert url.startswith("/"), url
    return out.joinpath(*unquote(url).lstrip("/").split("/"))


def test_every_static_response_is_a_dts_1_0_object(corpus_build):
    dts = corpus_build[0] / "dts"
    check("EntryPoint", _load(dts / "index.json"))
    collections = sorted((dts / "collection").glob("*.json")) + [dts / "collection.json"]
    navigations = sorted((dts / "navigation").glob("*.json"))
    assert len(collections) == 2 * len(SOURCES) + 3 and len(navigations) == 2 * len(SOURCES)
    for path in collections:
        check("CollectionResponse", _load(path))
    for path in navigations:
        check("Navigation", _load(path))


def test_a_client_follows_the_static_templates_from_the_entry_point(corpus_build):
    """'URI Templates examples for static website': every template of the entry point and of
    the resources, expanded as a client does (RFC 6570), names a file that is there."""
    out = corpus_build[0]
    entry = _load(out / "dts" / "index.json")
    root = _load(_file(out, uritemplate.expand(entry["collection"])))
    assert root == _load(_file(out, uritemplate.expand(entry["collection"], id="edition")))
    assert root["@id"] == "edition" and root["totalChildren"] == len(root["member"]) == len(SOURCES)
    assert [m["@id"] for m in root["member"]] == corpus_build[1].sources  # in the sources' order
    parents = _load(_file(out, uritemplate.expand(entry["collection"], id="edition", nav="parents")))
    assert parents["member"] == [] and parents["totalParents"] == 0
    for member in root["member"]:
        ident = member["@id"]
        resource = _load(_file(out, uritemplate.expand(member["collection"])))
        assert resource == {"@context": root["@context"], "dtsVersion": "1.0", **member}
        up = _load(_file(out, uritemplate.expand(member["collection"], nav="parents")))
        assert [p["@id"] for p in up["member"]] == ["edition"] and up["member"][0]["totalChildren"] == len(SOURCES)
        top = _load(_file(out, uritemplate.expand(member["navigation"], down=1)))
        assert top["resource"] == member and top["@id"].endswith(f"/dts/navigation/{ident};down=1.json")
        assert top["member"] and all(u["level"] == 1 and u["parent"] is None for u in top["member"])
        whole = _load(_file(out, uritemplate.expand(entry["navigation"], resource=ident, down=-1)))
        assert [u for u in whole["member"] if u["level"] == 1] == top["member"]
        document = _file(out, uritemplate.expand(member["document"]))
        assert document == _file(out, uritemplate.expand(entry["document"], resource=ident))
        # the source as it is, its xml-model pointing at the published schema (edition/schema/)
        assert document.read_text(encoding="utf-8") == point_at_schema(
            (ROOT / "tei" / f"{ident}.xml").read_text(encoding="utf-8"), "../../schema")


def _paths(structures, above=()) -> set[tuple[str, ...]]:
    found = set()
    for structure in structures:
        path = above + (structure["citeType"],)
        found.add(path)
        found |= _paths(structure.get("citeStructure", []), path)
    return found


@pytest.mark.parametrize("ident", SOURCES)
def test_every_citable_unit_is_declared_in_the_citation_tree(corpus_build, ident):
    """'Handling Complex Document Structures': the CitationTree declares every citeType where it
    occurs (the trial's attribution note among them); each unit is an element with its xml:id,
    its parent the nearest unit above it, in document order."""
    out = corpus_build[0]
    whole = _load(out / "dts" / "navigation" / f"{ident};down=-1.json")
    (tree,) = whole["resource"]["citationTrees"]
    assert "identifier" not in tree  # the one, default tree
    declared = _paths(tree["citeStructure"])
    units = {u["identifier"]: u for u in whole["member"]}
    for unit in whole["member"]:
        path, at = [], unit
        while at:
            path.insert(0, at["citeType"])
            at = units.get(at["parent"])
        assert tuple(path) in declared, unit
        assert len(path) == unit["level"]
    document = etree.parse(str(ROOT / "tei" / f"{ident}.xml"))
    ids = document.xpath("//t:text//@xml:id", namespaces={"t": TEI[1:-1]})
    assert [u["identifier"] for u in whole["member"]] == [i for i in ids if i in units]  # document order
    for unit in whole["member"]:
        (el,) = document.xpath("//*[@xml:id=$id]", id=unit["identifier"])
        above = next((a.get("{http://www.w3.org/XML/1998/namespace}id") for a in el.iterancestors()
                      if a.get("{http://www.w3.org/XML/1998/namespace}id") in units), None)
        assert unit["parent"] == above


def test_the_trial_s_note_is_a_declared_unit(corpus_build):
    whole = _load(corpus_build[0] / "dts" / "navigation" / "trial-1938;down=-1.json")
    (note,) = [u for u in whole["member"] if u["citeType"] == "note"]
    assert whole["resource"]["citationTrees"][0]["citeStructure"][0]["citeType"] == "trial-record"
    assert ("trial-record", "last-plea", "speech", "note") in _paths(
        whole["resource"]["citationTrees"][0]["citeStructure"])
    assert note["parent"].startswith("trial-1938-sp")


def test_dublin_core_comes_from_the_headers(corpus_build):
    dts = corpus_build[0] / "dts" / "collection"
    mia = _load(dts / "mia-permanent-revolution.json")["dublinCore"]
    assert mia["title"] == [{"lang": "en", "value": "The Theory of Permanent Revolution"}]
    assert mia["creator"] == [{"lang": "en", "value": "N. I. Bukharin"}]
    assert mia["contributor"] == ["Paul Flewers"] and mia["date"] == "1925-02"
    assert mia["language"] == ["en"] and mia["publisher"] == ["The Bukharin documents"]
    assert "Communist Review" in mia["source"][0]["value"] and "Marxists Internet Archive" in mia["source"][0]["value"]
    trial = _load(dts / "trial-1938.json")
    # what the header says is not known is left out, never published as a value
    assert "creator" not in trial["dublinCore"] and "date" not in trial["dublinCore"]
    assert all("not known" not in json.dumps(_load(dts / f"{s}.json")["dublinCore"]) for s in SOURCES)
    units = _load(corpus_build[0] / "dts" / "navigation" / "colley-brief-summary;down=-1.json")["member"]
    titled = {u["identifier"]: u["dublinCore"]["title"][0]["value"] for u in units if "dublinCore" in u}
    assert titled["colley-brief-summary-div2"] == "‘Favourite of the whole party’"


def test_downloads_carry_their_media_types_and_exist(corpus_build):
    out = corpus_build[0]
    for ident in SOURCES:
        resource = _load(out / "dts" / "collection" / f"{ident}.json")
        assert resource["mediaTypes"] == ["application/tei+xml"]
        links = {kind: url for entry in resource["download"] for kind, url in entry.items()}
        assert set(links) == {"application/tei+xml", "text/plain"}
        assert _file(out, links["application/tei+xml"]).read_bytes() == (ROOT / "tei" / f"{ident}.xml").read_bytes()
        assert _file(out, links["text/plain"]).read_text("utf-8").startswith(resource["title"])


def test_with_a_base_url_every_address_is_absolute(tmp_path, saxon):
    base = "https://example.org/bukharin/"
    out = build_journal(tmp_path / "edition", saxon, base_url=base)
    dts = out / "dts"
    entry = _load(dts / "index.json")
    assert entry["@id"] == f"{base}dts/index.json"
    assert all(entry[k].startswith(f"{base}dts/") for k in ("collection", "navigation", "document"))
    navigation = _load(dts / "navigation" / "journal;down=1.json")
    assert navigation["@id"] == f"{base}dts/navigation/journal;down=1.json"  # 'the absolute URL of the request'
    resource = navigation["resource"]
    for key in ("collection", "navigation", "document"):
        assert resource[key].startswith(f"{base}dts/")
    assert all(url.startswith(base) for entry in resource["download"] for url in entry.values())


def test_a_base_url_change_rewrites_the_dts_files(tmp_path, saxon):
    out = build_journal(tmp_path / "edition", saxon, base_url="https://one.example/")
    build_journal(out, saxon, base_url="https://two.example/")
    text = "".join(p.read_text("utf-8") for p in (out / "dts").rglob("*.json"))
    assert "https://one.example/" not in text and "https://two.example/dts/" in text


def test_files_of_an_older_layout_are_removed(tmp_path, saxon):
    out = tmp_path / "edition"
    (out / "dts" / "navigation").mkdir(parents=True)
    (out / "dts" / "navigation" / "journal.json").write_text("{}")  # the former navigation/{resource}.json
    build_journal(out, saxon)
    assert sorted(p.name for p in (out / "dts" / "navigation").iterdir()) == ["journal;down=-1.json",
                                                                             "journal;down=1.json"]
