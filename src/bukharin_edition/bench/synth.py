"""Make a synthetic corpus of N documents by varying the edition's real TEI files.

Document i is a copy of real source i mod 11 (in name order), in set i // 11: its blocks
reshuffled within their parent (those that carry numbered notes or note markers stay in place,
so note order rules still hold), every xml:id of the source renamed to the copy's id, and every
pointer to it renamed in the same way. A pointer into another source ("other.xml#other-p3")
points at the copy of that source in the same set, or in set 0 when this set has none, so
every link resolves. Sizes and markup density are the real ones. The shared files
(edition.xml, persons.xml) are copied unchanged. The same N and seed give the same files.
"""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from lxml import etree

from ..tei import TEI_NS, XML_ID, parse_tei, serialize

SHARED = ("edition", "persons")
MOVABLE = {f"{{{TEI_NS}}}{name}" for name in ("p", "sp", "cit", "quote", "item")}
_POINTERS = ("target", "corresp", "ref", "who", "source")
_NOTED = etree.XPath(".//t:note[@n] | .//t:ref[@type='noteref']", namespaces={"t": TEI_NS})


def copy_id(source: str, number: int) -> str:
    """The id of a synthetic copy: the source's id and the set number."""
    return f"{source}-s{number:05d}"


def generate(tei_dir: Path, out_dir: Path, count: int, seed: int = 1) -> list[Path]:
    """Write `count` synthetic documents and the shared files into out_dir; return the documents."""
    tei_dir, out_dir = Path(tei_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in SHARED:
        shutil.copyfile(tei_dir / f"{name}.xml", out_dir / f"{name}.xml")
    sources = sorted(p.stem for p in tei_dir.glob("*.xml") if p.stem not in SHARED)
    trees = {name: parse_tei(tei_dir / f"{name}.xml") for name in sources}
    written = []
    for index in range(count):
        source = sources[index % len(sources)]
        number = index // len(sources)
        # the sets that are complete, for links into other sources
        complete = {name: number if number * len(sources) + sources.index(name) < count else 0
                    for name in sources}
        root = vary(trees[source].getroot(), source, number, complete, random.Random(seed * 1_000_003 + index))
        path = out_dir / f"{copy_id(source, number)}.xml"
        path.write_bytes(serialize(root))
        written.append(path)
    return written


def vary(original: etree._Element, source: str, number: int, sets: dict[str, int],
         rng: random.Random) -> etree._Element:
    """A copy of one source's TEI root: blocks reshuffled, ids and pointers renamed."""
    root = etree.fromstring(etree.tostring(original))
    new = copy_id(source, number)
    for el in root.iter(etree.Element):
        ident = el.get(XML_ID)
        if ident is not None:
            el.set(XML_ID, _renamed(ident, source, new))
        for attr in _POINTERS:
            value = el.get(attr)
            if value and "#" in value:
                el.set(attr, " ".join(_pointer(token, source, new, sets) for token in value.split()))
    title = root.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title")
    if title is not None:
        title.text = f"{title.text or ''} (synthetic copy {number})"
    body = root.find(f"{{{TEI_NS}}}text")
    if body is not None:
        _reshuffle(body, rng)
    return root


def _renamed(ident: str, source: str, new: str) -> str:
    if ident == source:
        return new
    if ident.startswith(source + "-"):
        return new + ident[len(source):]
    return ident


def _pointer(token: str, source: str, new: str, sets: dict[str, int]) -> str:
    if token.startswith("#"):
        return "#" + _renamed(token[1:], source, new)
    found = re.fullmatch(r"([\w.-]+)\.xml#(.+)", token)
    if not found or found.group(1) not in sets:
        return token
    other = found.group(1)
    target = copy_id(other, sets[other])
    return f"{target}.xml#{_renamed(found.group(2), other, target)}"


def _reshuffle(text: etree._Element, rng: random.Random) -> None:
    """Shuffle the movable blocks of every parent among their own places."""
    for parent in list(text.iter(etree.Element)):
        places = [i for i, child in enumerate(parent)
                  if child.tag in MOVABLE and not _NOTED(child)]
        if len(places) < 2:
            continue
        children = list(parent)
        moved = [children[i] for i in places]
        rng.shuffle(moved)
        tails = [children[i].tail for i in places]
        for place, child, tail in zip(places, moved, tails):
            child.tail = tail
            children[place] = child
        for child in list(parent):
            parent.remove(child)
        parent.extend(children)
