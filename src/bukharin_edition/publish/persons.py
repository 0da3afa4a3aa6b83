"""The persons: edition/persons/index.html and a page per person of the register, with every
mention in context (more pages, persons/more/<id>-<n>.html, past MENTIONS_PER_PAGE mentions).

A reduction: each source's mentions are kept as a small facts document (<source> of the facts
vocabulary: a TEI bibl with its title, a <mention> per name, the name as printed and its context
in attributes); the combined document adds the register as a TEI listPerson, and
xslt/persons.xsl writes every page in one call."""
from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..tei import TEI_NS, XML_ID, local_name
from .base import Reduction, Source, compile_stylesheet
from .pages import FACTS_NS, fact, sub, write_pages
from .text import NOT_CONTEXT, block_of, reading_text, source_title, squeeze

NS = {"t": TEI_NS}
MENTION = f"{{{FACTS_NS}}}mention"
KWIC = 70  # characters of context on each side of a name
MENTIONS_PER_PAGE = 500  # a person's mentions past this many go on further pages (persons.xsl's $per-page)


@dataclass
class Person:
    """A person of the register, as the search filters name it."""

    id: str
    standard: str
    variants: list[str]


def register_of(context) -> etree._Element | None:
    """The register's persons.xml, parsed (None without one)."""
    path = next((p for p in context.shared if p.stem == "persons"), None)
    return etree.parse(str(path)).getroot() if path is not None else None


def load_register(context) -> list[Person]:
    """The persons of the register: id, standard name, variant names."""
    root = register_of(context)
    if root is None:
        return []
    persons = []
    for el in root.iterfind(".//t:person", NS):
        names = el.findall("t:persName", NS)
        standard = next((squeeze("".join(n.itertext())) for n in names if n.get("type") == "standard"),
                        el.get(XML_ID))
        variants = [squeeze("".join(n.itertext())) for n in names if n.get("type") == "variant"]
        persons.append(Person(el.get(XML_ID), standard, variants))
    return persons


def _clip(text: str, left: bool) -> str:
    """At most KWIC characters of context beside a name, cut at a word, marked … where cut."""
    if len(text) <= KWIC:
        return text
    if left:
        cut = text[-KWIC:]
        return "…" + cut[cut.find(" ") + 1:] if " " in cut else "…" + cut
    cut = text[:KWIC]
    return (cut[:cut.rfind(" ")] if " " in cut else cut) + "…"


def mentions_in(root: etree._Element) -> list[list[str]]:
    """Every persName with a register id in one source's text, with its context:
    [ref, block id, the name as printed, the text before, the text after]. Each block's
    reading text is made once, for all the names in it."""
    found = []
    blocks: dict = {}
    for name in root.xpath(".//t:text//t:persName[@ref][not(ancestor::t:title)]", namespaces=NS):  # a title's words are no mention
        ident = name.get("ref").removeprefix("per:")
        block = block_of(name)
        form = squeeze(reading_text(name)[0])
        before = after = ""
        if block is not None:
            if block not in blocks:
                blocks[block] = _spans(block)
            text, spans = blocks[block]
            start, end = spans.get(name, (0, 0))  # (0, 0): a name in a note, outside the reading context
            before, after = _clip(squeeze(text[:start]), True), _clip(squeeze(text[end:]), False)
            if text[:start][-1:].isspace():
                before += " "
            if text[end:][:1].isspace():
                after = " " + after
        found.append([ident, block.get(XML_ID) if block is not None else "", form, before, after])
    return found


def _spans(block: etree._Element) -> tuple[str, dict]:
    """A block's reading text (as text.reading_text makes it) and where each element of it
    starts and ends in that text."""
    out: list[str] = []
    spans: dict = {}
    length = 0

    def walk(el):
        nonlocal length
        if el is not block and local_name(el) in NOT_CONTEXT:
            return
        start = length
        if el.text:
            out.append(el.text)
            length += len(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                out.append(child.tail)
                length += len(child.tail)
        spans[el] = (start, length)

    walk(block)
    return "".join(out), spans


def person_page_name(ident: str, number: int) -> str:
    """The file of a person's page `number` (from 1), relative to persons/: the first is
    <id>.html, the others more/<id>-<n>.html (an id holds no '/', so none can clash)."""
    return f"{ident}.html" if number == 1 else f"more/{ident}-{number}.html"


class PersonsBuilder(Reduction):
    """edition/persons/index.html and a page per person of the register (more pages for a
    person mentioned more than MENTIONS_PER_PAGE times): a reduction over each source's
    mentions."""

    name = "persons"
    facts_format = "xml"

    def facts_of(self, source: Source) -> etree._Element:
        facts = fact("source", {"id": source.id})
        bibl = sub(facts, "bibl", ns=TEI_NS)
        sub(bibl, "title", text=source_title(source), ns=TEI_NS)
        for ref, block, form, before, after in mentions_in(source.tree.getroot()):
            etree.SubElement(facts, MENTION, ref=ref, block=block, form=form, before=before, after=after)
        return facts

    def finish_inputs(self) -> list[str]:
        return [*self.every_fact(), "shared:persons", "xslt", "option:base-url"]

    def finish_outputs(self) -> list[Path]:
        return [self.context.out_dir / "persons" / "index.html"]

    def prepare(self) -> None:
        compile_stylesheet(self.context, "persons")

    def reduce(self, gathered) -> None:
        register = register_of(self.context)
        if register is None or register.find(".//t:person", NS) is None:
            return
        facts = fact("persons", {"per-page": MENTIONS_PER_PAGE})
        people = sub(facts, "listPerson", ns=TEI_NS)
        for person in register.iterfind(".//t:person", NS):
            people.append(copy.deepcopy(person))
        for source, kept in gathered:
            kept.set("title", source.facts.title or source.id)  # as the sources' index names it
            facts.append(kept)
        write_pages(self, "persons", facts, stale=("persons/*.html", "persons/more/*.html"))

