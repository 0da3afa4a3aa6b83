"""The edition's schema read as data: which elements and attributes it allows, and why.

The compiled RELAX NG (schema/bukharin.rng, made by trang from bukharin.rnc) keeps every `##`
comment of the source as a:documentation, so reading the .rng gives the documentation of the
source without a parser for the compact syntax. The model serves the encoding manual and the
validator's explanations of grammar errors.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .tei import safe_parser

RNG_NS = "http://relaxng.org/ns/structure/1.0"
DOC_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
_NS = {"rng": RNG_NS, "a": DOC_NS}


@dataclass
class Attribute:
    """An attribute of one definition of an element."""

    name: str
    doc: str = ""
    values: tuple[str, ...] | None = None  # a closed list, or None when any value of a type
    datatype: str = ""
    required: bool = False


@dataclass
class Definition:
    """One definition of an element (an element may be defined differently in different places)."""

    name: str
    pattern: str
    doc: str
    attributes: dict[str, Attribute] = field(default_factory=dict)
    children: set[str] = field(default_factory=set)
    child_patterns: set[str] = field(default_factory=set)
    text: bool = False


@dataclass
class Model:
    """Every element the schema allows, with all its definitions."""

    elements: dict[str, list[Definition]]

    def definitions(self, element: str, parent: str | None = None) -> list[Definition]:
        """Return the definitions of an element, those allowed in parent if any are."""
        every = self.elements.get(element, [])
        if parent is None:
            return every
        patterns = {p for d in self.elements.get(parent, []) for p in d.child_patterns}
        return [d for d in every if d.pattern in patterns] or every

    def attribute_names(self, element: str, parent: str | None = None) -> set[str]:
        """Return the attributes any definition of an element allows."""
        return {a for d in self.definitions(element, parent) for a in d.attributes}

    def attribute_values(self, element: str, attribute: str, parent: str | None = None) -> tuple[str, ...] | None:
        """Return the closed list of values of an attribute (None when any value of its type)."""
        values: list[str] = []
        for definition in self.definitions(element, parent):
            attr = definition.attributes.get(attribute)
            if attr is None:
                continue
            if attr.values is None:
                return None
            values += [v for v in attr.values if v not in values]
        return tuple(values)

    def required_attributes(self, element: str, parent: str | None = None) -> set[str]:
        """Return the attributes that every definition of an element requires."""
        definitions = self.definitions(element, parent)
        if not definitions:
            return set()
        sets = [{a.name for a in d.attributes.values() if a.required} for d in definitions]
        return set.intersection(*sets)


def _doc(node: etree._Element) -> str:
    found = node.find("a:documentation", _NS)
    return " ".join((found.text or "").split()) if found is not None else ""


def load_model(rng_path: Path) -> Model:
    """Read the compiled schema into a model of elements and attributes."""
    root = etree.parse(str(rng_path), safe_parser()).getroot()
    defines = {d.get("name"): d for d in root.iter(f"{{{RNG_NS}}}define")}
    elements: dict[str, list[Definition]] = {}
    for define_name, define in defines.items():
        for el in define.iter(f"{{{RNG_NS}}}element"):
            definition = Definition(el.get("name"), define_name, _doc(define) if el.getparent() is define else _doc(el))
            _walk(el, definition, defines, required=True, seen=set())
            elements.setdefault(definition.name, []).append(definition)
    return Model(elements)


_OPTIONAL = {"optional", "zeroOrMore", "choice"}


def _walk(node, definition: Definition, defines, required: bool, seen: set[str]) -> None:
    for child in node:
        if not isinstance(child.tag, str) or etree.QName(child).namespace != RNG_NS:
            continue
        kind = etree.QName(child).localname
        if kind == "element":
            definition.children.add(child.get("name"))
        elif kind == "attribute":
            definition.attributes[child.get("name")] = _attribute(child, required, defines)
        elif kind == "ref":
            name = child.get("name")
            if name in seen:
                continue
            target = defines[name]
            if target.find("rng:element", _NS) is not None and len(target) <= 2:
                for el in target.findall("rng:element", _NS):
                    definition.children.add(el.get("name"))
                definition.child_patterns.add(name)
                continue
            _walk_define(target, definition, defines, required, seen | {name})
        elif kind == "text" or kind == "mixed":
            definition.text = True
            _walk(child, definition, defines, False if kind == "mixed" else required, seen)
        else:
            _walk(child, definition, defines, required and kind not in _OPTIONAL, seen)


def _walk_define(define, definition: Definition, defines, required: bool, seen: set[str]) -> None:
    before = set(definition.attributes)
    _walk(define, definition, defines, required, seen)
    doc = _doc(define)
    for name in set(definition.attributes) - before:
        if not definition.attributes[name].doc:
            definition.attributes[name].doc = doc


def _attribute(node, required: bool, defines) -> Attribute:
    attr = Attribute(node.get("name", ""), doc=_doc(node), required=required)
    values: list[str] = []
    datatypes: list[str] = []
    _values(node, defines, values, datatypes)
    if values and not datatypes:
        attr.values = tuple(values)
    attr.datatype = ", ".join(datatypes) or ("text" if not values else "")
    return attr


def _values(node, defines, values: list[str], datatypes: list[str]) -> None:
    for child in node:
        if not isinstance(child.tag, str):
            continue
        kind = etree.QName(child).localname
        if kind == "value":
            values.append(child.text or "")
        elif kind == "data":
            datatypes.append(child.get("type"))
        elif kind == "text":
            datatypes.append("text")
        elif kind == "ref":
            _values(defines[child.get("name")], defines, values, datatypes)
        elif kind in ("choice", "group"):
            _values(child, defines, values, datatypes)


_DATATYPE_WORDS = {
    "date": "a date YYYY-MM-DD that exists", "gYearMonth": "a month YYYY-MM", "gYear": "a year YYYY",
    "ID": "an identifier (a letter, then letters, digits, '-', '_' or '.')",
    "anyURI": "a pointer (#id, name.xml#id, ed:name or per:name)", "positiveInteger": "a number 1, 2, 3 …",
    "nonNegativeInteger": "a number 0, 1, 2 …", "language": "a language code such as en",
    "token": "a value without line breaks", "NCName": "a name without spaces",
}


def datatype_words(kinds: set[str]) -> str:
    """Say in words what values the given datatypes accept."""
    words = [_DATATYPE_WORDS.get(k, k) for part in sorted(kinds) for k in part.split(", ")]
    return " or ".join(dict.fromkeys(words)) or "another value"
