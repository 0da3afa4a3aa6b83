"""The DTS objects of a TEI file, as the DTS 1.0 specification states them.

The build writes them as static files; the server reads those files back (and the TEI copies for
passages), so that both say the same thing. Every section name quoted below is the
specification's (versions/v1.0 of distributed-text-services/specifications).
"""
from __future__ import annotations

import copy

from lxml import etree

from ..tei import TEI_NS, XML_ID, XML_LANG, local_name, tei

CONTEXT = "https://dtsapi.org/context/v1.0.json"  # "Entry Endpoint", example
VERSION = "1.0"
# "XML/TEI encoding and sub-tree representation": a passage is wrapped in dts:wrapper
WRAPPER_NS = "https://w3id.org/api/dts#"
TEI_MEDIA = "application/tei+xml"
JSON_MEDIA = "application/ld+json"
ROOT_ID = "edition"  # the root collection: every source of the edition
EDITION_TITLE = "The Bukharin documents"

# The TEI elements that are citable units when they have an xml:id, and their citeType. A div
# takes its @type (section, notes, pleas, …); inline elements with an id (choice) are not units.
CITE_TYPES = {"p": "paragraph", "head": "heading", "list": "list", "item": "item", "quote": "quotation",
              "note": "note", "sp": "speech", "cit": "citation", "bibl": "bibliography", "lg": "stanza",
              "l": "line", "ab": "block", "table": "table"}
NOT_KNOWN = "not known"


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _known(value: str) -> bool:
    return bool(value) and value.lower() != NOT_KNOWN


def cite_type(el) -> str | None:
    """The citeType of an element, or None if it is not a citable unit."""
    name = local_name(el)
    if name == "div":
        return el.get("type") or "division"
    return CITE_TYPES.get(name)


def citable_units(root) -> list[dict]:
    """Every CitableUnit of a TEI document, in document order ("Order of CitableUnits in member":
    pre-order, depth first): the elements of its text with an xml:id and a citeType, each with
    its level and the identifier of the nearest such ancestor as its parent."""
    text = root.find(tei("text"))
    if text is None:
        return []
    lang = root.get(XML_LANG) or "en"
    units: list[dict] = []

    def walk(el, parent: tuple[int, str] | None) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            kind = cite_type(child) if child.get(XML_ID) else None
            here = parent
            if kind is not None:
                level = parent[0] + 1 if parent else 1
                unit = {"identifier": child.get(XML_ID), "@type": "CitableUnit", "level": level,
                        "parent": parent[1] if parent else None, "citeType": kind}
                metadata = _unit_metadata(child, lang)
                if metadata:
                    unit["dublinCore"] = metadata
                units.append(unit)
                here = (level, unit["identifier"])
            walk(child, here)

    walk(text, None)
    return units


def _unit_metadata(el, lang: str) -> dict:
    """Dublin Core of a unit: a division's heading as its title, a speech's speaker as creator."""
    name = local_name(el)
    found = {}
    if name == "div":
        head = el.find(tei("head"))
        if head is not None and _text(head):
            found["title"] = [{"lang": el.get(XML_LANG) or lang, "value": _text(head)}]
    elif name == "sp":
        speaker = el.find(tei("speaker"))
        if speaker is not None and _text(speaker):
            found["creator"] = [{"lang": lang, "value": _text(speaker)}]
    elif name == "note" and el.get("n"):
        found["title"] = [{"lang": "en", "value": f"Note {el.get('n')}"}]
    return found


def cite_structure(units: list[dict]) -> list[dict]:
    """The CiteStructure declaring every citeType at every place where it occurs ("Handling
    Complex Document Structures": all possible hierarchical relationships), in the order first met."""
    root: list[dict] = []
    by_path: dict[tuple, dict] = {}
    path_of: dict[str | None, tuple] = {None: ()}
    for unit in units:
        parent_path = path_of[unit["parent"]]
        path = parent_path + (unit["citeType"],)
        if path not in by_path:
            structure = {"@type": "CiteStructure", "citeType": unit["citeType"]}
            siblings = by_path[parent_path].setdefault("citeStructure", []) if parent_path else root
            siblings.append(structure)
            by_path[path] = structure
        path_of[unit["identifier"]] = path
    return root


def citation_trees(units: list[dict]) -> list[dict]:
    """The Resource's citationTrees: one default tree (no identifier), or none for a text
    without citable units ("If a Resource is a document without a citation tree…")."""
    if not units:
        return []
    return [{"@type": "CitationTree", "citeStructure": cite_structure(units)}]


def _lang_values(values: list[str], lang: str) -> list[dict]:
    return [{"lang": lang, "value": value} for value in values]


def dublin_core(root) -> dict:
    """The Resource's Dublin Core terms from its TEI header ("MetadataObject Structure"): the
    edition's title, the source's authors (creator), editors and translators (contributor), the
    date of the source, its languages, the edition's publisher and the source it reproduces."""
    header = root.find(tei("teiHeader"))
    lang = root.get(XML_LANG) or "en"
    if header is None:
        return {}
    ns = {"t": TEI_NS}
    metadata: dict = {}
    title = header.find("t:fileDesc/t:titleStmt/t:title[@type='main']", ns)
    if title is None:
        title = header.find("t:fileDesc/t:titleStmt/t:title", ns)
    if _text(title):
        metadata["title"] = _lang_values([_text(title)], lang)
    bibl = header.find("t:fileDesc/t:sourceDesc/t:bibl", ns)
    if bibl is not None:
        creators = [_text(a) for a in bibl.findall("t:author", ns) if _known(_text(a))]
        if creators:
            metadata["creator"] = _lang_values(creators, lang)
        others = [_text(e) for e in bibl.findall("t:editor", ns) if _known(_text(e))]
        if others:
            metadata["contributor"] = others
        date = bibl.find("t:date", ns)
        if date is not None:
            value = date.get("when") or date.get("from") or date.get("notBefore") or ""
            if value:
                metadata["date"] = value
    languages = [el.get("ident") for el in header.findall("t:profileDesc/t:langUsage/t:language", ns)
                 if el.get("ident")]
    metadata["language"] = languages or [lang]
    publishers = [_text(p) for p in header.findall("t:fileDesc/t:publicationStmt/t:publisher", ns)]
    if any(publishers):
        metadata["publisher"] = [p for p in publishers if p]
    if bibl is not None:
        source = _source_citation(bibl, ns)
        if source:
            metadata["source"] = _lang_values([source], lang)
    metadata["type"] = ["Text"]
    return metadata


def _source_citation(bibl, ns) -> str:
    """A one-line citation of the source the TEI file reproduces (what its sourceDesc knows)."""
    parts = []
    for title in bibl.findall("t:title", ns):
        if _known(_text(title)):
            parts.append(_text(title))
    scope = ", ".join(f"{s.get('unit')} {_text(s)}" for s in bibl.findall("t:biblScope", ns) if _text(s))
    if scope:
        parts.append(scope)
    for publisher in bibl.findall("t:publisher", ns):
        if _known(_text(publisher)):
            parts.append(_text(publisher))
    date = bibl.find("t:date", ns)
    if date is not None and _known(_text(date)):
        parts.append(_text(date))
    return ". ".join(parts)


def edition_metadata(members: list[dict]) -> dict:
    """Dublin Core of the root collection: the edition's title and publisher, and the languages
    of its sources (from their Resources, so that it changes only when theirs do)."""
    languages = sorted({lang for m in members for lang in m.get("dublinCore", {}).get("language", [])})
    return {"title": [{"lang": "en", "value": EDITION_TITLE}], "publisher": [EDITION_TITLE],
            "language": languages, "type": ["Collection"]}


# ----------------------------------------------------------------------- static addresses

def navigation_file(ident: str, down: int) -> str:
    """The static answer to navigation?resource=ID&down=N, by the template {resource}{;down}.json."""
    return f"{ident};down={down}.json"


STATIC_DOWN = (1, -1)  # the navigation a static host answers: the top level and the whole tree


class StaticUrls:
    """The addresses of the static DTS files ("URI Templates examples for static website"): path
    templates that a static host answers, under `site` (the --base-url, or / for the root of
    the host). Resource ids are plain strings, so that they fit in a path."""

    def __init__(self, site: str) -> None:
        self.site = site or "/"
        self.root = f"{self.site}dts/"

    def entry(self) -> dict:
        return {"@context": CONTEXT, "dtsVersion": VERSION, "@id": f"{self.root}index.json",
                "@type": "EntryPoint",
                "collection": f"{self.root}collection{{/id}}{{;nav}}.json",
                "navigation": f"{self.root}navigation/{{resource}}{{;down}}.json",
                "document": f"{self.root}document/{{resource}}.xml"}

    def collection(self, ident: str) -> str:
        return f"{self.root}collection/{ident}{{;nav}}.json"

    def navigation(self, ident: str) -> str:
        return f"{self.root}navigation/{ident}{{;down}}.json"

    def document(self, ident: str) -> str:
        return f"{self.root}document/{ident}.xml"

    def navigation_id(self, ident: str, down: int) -> str:
        return f"{self.root}navigation/{navigation_file(ident, down)}"


def resource(ident: str, root, units: list[dict], urls: StaticUrls, file_name: str) -> dict:
    """The Resource object of a TEI file ("Scheme for Collection API Responses"), with the
    static templates."""
    metadata = dublin_core(root)
    title = metadata.get("title", [{"value": ident}])[0]["value"]
    return {
        "@id": ident, "@type": "Resource", "title": title, "totalParents": 1, "totalChildren": 0,
        "dublinCore": metadata,
        "collection": urls.collection(ident), "navigation": urls.navigation(ident),
        "document": urls.document(ident),
        # "A link or a key: value list of media type: link": one {media type: link} per download
        "download": [{TEI_MEDIA: f"{urls.site}tei/{file_name}"}, {"text/plain": f"{urls.site}text/{ident}.txt"}],
        "citationTrees": citation_trees(units),
        "mediaTypes": [TEI_MEDIA],
    }


# ----------------------------------------------------------------------- passages

def _chain(ancestor, el) -> list:
    """The elements from a child of `ancestor` down to `el` (el included)."""
    chain = [el]
    while chain[-1].getparent() is not ancestor:
        chain.append(chain[-1].getparent())
    return chain[::-1]


def _clipped(el, low: list | None, high: list | None):
    """A copy of `el` holding its children from the branch of low[0] to that of high[0] (all of
    them where low or high is None), the branches clipped in turn."""
    shell = etree.Element(el.tag, dict(el.attrib), nsmap=el.nsmap)
    children = list(el)
    first = children.index(low[0]) if low else 0
    last = children.index(high[0]) if high else len(children) - 1
    if low is None:
        shell.text = el.text
    for at in range(first, last + 1):
        child = children[at]
        inner_low = low[1:] if low and at == first and len(low) > 1 else None
        inner_high = high[1:] if high and at == last and len(high) > 1 else None
        if inner_low is not None or inner_high is not None:
            piece = _clipped(child, inner_low, inner_high)
        else:
            piece = copy.deepcopy(child)
        piece.tail = child.tail if at < last or high is None else None
        shell.append(piece)
    return shell


def in_document_order(tree, first_id: str, second_id: str) -> bool:
    """Whether the element first_id starts before (or is) the element second_id."""
    ids = {}
    for position, el in enumerate(tree.getroot().iter()):
        ident = el.get(XML_ID) if isinstance(el.tag, str) else None
        if ident in (first_id, second_id):
            ids.setdefault(ident, position)
    return ids[first_id] <= ids[second_id]


def passage(tree, start_id: str, end_id: str | None = None) -> bytes:
    """The passage of a unit (or of the range start…end, both included), as a TEI document whose
    dts:wrapper holds it ("XML/TEI encoding and sub-tree representation")."""
    index = {el.get(XML_ID): el for el in tree.getroot().iter() if isinstance(el.tag, str) and el.get(XML_ID)}
    start = index[start_id]
    end = index[end_id] if end_id else start
    document = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    wrapper = etree.SubElement(document, f"{{{WRAPPER_NS}}}wrapper", nsmap={"dts": WRAPPER_NS})
    if end is start or start in end.iterancestors():
        pieces = [copy.deepcopy(start)]
    else:
        ancestors = set(start.iterancestors())
        common = next(a for a in end.iterancestors() if a in ancestors)
        pieces = list(_clipped(common, _chain(common, start), _chain(common, end)))
    for piece in pieces:
        piece.tail = None
        wrapper.append(piece)
    etree.cleanup_namespaces(document, top_nsmap={None: TEI_NS})  # dts declared on the wrapper
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(document, encoding="UTF-8") + b"\n"
