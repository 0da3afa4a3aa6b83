"""The text of the sources as the pages across sources read it: a source's title, its citable
blocks, a block's reading text (what the persons' contexts, the plain texts and the search
records are cut from)."""
from __future__ import annotations

from lxml import etree

from ..tei import XML_ID, local_name, tei
from .base import Source

# Elements whose xml:id is a citable block (what the search and the parallel view align on).
BLOCKS = ("p", "head", "item", "note", "cit", "quote", "sp", "speaker", "bibl", "l", "ab")
# Inside a block, left out of the reading context of a name: notes and what the source printed.
NOT_CONTEXT = ("note", "sic", "orig", "teiHeader")


def source_title(source: Source) -> str:
    """The title of the source's titleStmt (learnt when the file was gathered)."""
    if source.facts.title:
        return source.facts.title
    root = source.tree.getroot()
    found = root.find(f"{tei('teiHeader')}/{tei('fileDesc')}/{tei('titleStmt')}/{tei('title')}")
    return " ".join("".join(found.itertext()).split()) if found is not None else source.id


def built(context) -> list[Source]:
    return [s for s in context.sources if not s.failed]


def block_of(el: etree._Element) -> etree._Element | None:
    """The nearest block with an xml:id around el (the paragraph a link should go to)."""
    for anc in el.iterancestors():
        if anc.get(XML_ID) and local_name(anc) in BLOCKS:
            return anc
    return None


def reading_text(block: etree._Element, mark: etree._Element | None = None) -> tuple[str, int, int]:
    """The block's reading text (notes and printed errors left out, corrections in), and where
    mark's text starts and ends in it."""
    out: list[str] = []
    span = [0, 0]

    def walk(el):
        name = local_name(el) if isinstance(el.tag, str) else ""
        if el is not block and name in NOT_CONTEXT:
            return
        if el is mark:
            span[0] = len("".join(out))
        if el.text:
            out.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                out.append(child.tail)
        if el is mark:
            span[1] = len("".join(out))

    walk(block)
    return "".join(out), span[0], span[1]


def squeeze(text: str) -> str:
    return " ".join(text.split())


def citable(text) -> list:
    """The blocks of a TEI text that contain no other block, in document order."""
    return [el for el in text.iter() if isinstance(el.tag, str) and el.get(XML_ID)
            and local_name(el) in BLOCKS
            and not any(local_name(d) in BLOCKS and d.get(XML_ID) for d in el.iterdescendants()
                        if isinstance(d.tag, str))]
