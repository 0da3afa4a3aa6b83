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


LONG_BASE = "trial-1938"  # a record of proceedings: turns, speakers, names, dates, interventions


def long_id(paragraphs: int) -> str:
    """The id of the long synthetic document of `paragraphs` paragraphs."""
    return f"long-{paragraphs}"


def long_document(tei_dir: Path, out_dir: Path, paragraphs: int, base: str = LONG_BASE) -> Path:
    """Write one valid TEI document of `paragraphs` paragraphs (and the shared files) into out_dir.

    It is the real source `base` with the blocks of each of its divisions repeated inside that
    division until the text holds that many paragraphs (so that, as in a long record, thousands
    of turns stand side by side): each repetition renamed (ids `<id>-r<k>`, and the pointers to
    them), its numbered notes and note markers left out (their numbers must stay unique and in
    order), pointers into other files dropped (the document is built alone), the last turn cut
    to the count. Its markup density is the source's."""
    tei_dir, out_dir = Path(tei_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in SHARED:
        if tei_dir.resolve() != out_dir.resolve():
            shutil.copyfile(tei_dir / f"{name}.xml", out_dir / f"{name}.xml")
    new = long_id(paragraphs)
    root = vary(parse_tei(tei_dir / f"{base}.xml").getroot(), base, 0, {}, random.Random(paragraphs))
    # vary() names the copy <base>-s00000: name it after its length instead
    old = copy_id(base, 0)
    for el in root.iter(etree.Element):
        ident = el.get(XML_ID)
        if ident is not None and (ident == old or ident.startswith(old + "-")):
            el.set(XML_ID, new + ident[len(old):])
        for attr in _POINTERS:
            value = el.get(attr)
            if value and "#" in value:
                kept = [(f"#{new}{t[1 + len(old):]}" if t.startswith(f"#{old}") else t)
                        for t in value.split() if not re.match(r"[\w.-]+\.xml#", t)]
                if kept:
                    el.set(attr, " ".join(kept))
                else:
                    del el.attrib[attr]
    title = root.find(f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title")
    if title is not None:
        title.text = (title.text or "").replace(" (synthetic copy 0)", "") + f" ({paragraphs} paragraphs)"
    body = root.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    # the divisions that hold blocks: each grows by copies of its own blocks, so that, as in a
    # long record, thousands of turns stand side by side in one division
    divisions = [d for d in body.iter(f"{{{TEI_NS}}}div")
                 if any(c.tag in MOVABLE for c in d)]
    originals = [(d, [c for c in d if c.tag in MOVABLE or c.tag == f"{{{TEI_NS}}}sp"]) for d in divisions]
    count = len(body.findall(f".//{{{TEI_NS}}}p"))
    repetition = 0
    while count < paragraphs and originals:
        repetition += 1
        for division, blocks in originals:
            copied = _repeated(blocks, repetition)
            for block in copied:
                if count >= paragraphs:
                    break
                taken = len(block.findall(f".//{{{TEI_NS}}}p")) + (block.tag == f"{{{TEI_NS}}}p")
                if count + taken > paragraphs and block.tag == f"{{{TEI_NS}}}sp":
                    inner = block.findall(f"{{{TEI_NS}}}p")
                    for p in inner[paragraphs - count:]:
                        block.remove(p)
                    taken = paragraphs - count
                division.append(block)
                count += taken
    path = out_dir / f"{new}.xml"
    path.write_bytes(serialize(root))
    return path


def _repeated(blocks: list[etree._Element], repetition: int) -> list[etree._Element]:
    """Copies of blocks, their ids and the pointers to them renamed, without numbered notes."""
    copied = [etree.fromstring(etree.tostring(block)) for block in blocks]
    for block in copied:
        block.tail = blocks[0].tail
        for el in list(block.iter(f"{{{TEI_NS}}}note", f"{{{TEI_NS}}}ref")):
            if el.get("n") is not None or el.get("type") == "noteref":
                _drop(el)
    inside = {el.get(XML_ID) for block in copied for el in block.iter(etree.Element) if el.get(XML_ID)}
    suffix = f"-r{repetition}"
    for block in copied:
        for el in block.iter(etree.Element):
            if el.get(XML_ID):
                el.set(XML_ID, el.get(XML_ID) + suffix)
            for attr in _POINTERS:
                value = el.get(attr)
                if value and "#" in value:
                    el.set(attr, " ".join(t + suffix if t.startswith("#") and t[1:] in inside else t
                                          for t in value.split()))
    return copied


def _drop(el: etree._Element) -> None:
    """Remove an element, keeping its tail text in place."""
    parent = el.getparent()
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
