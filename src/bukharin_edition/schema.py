"""The edition's schema: generated from its ODD, and read as data.

`schema/bukharin.odd` is the single source of the customization. `compile_odd` runs the TEI
Stylesheets' ODD processors (odd2odd, odd2relax, extract-isosch) over TEI P5 and the ISO Schematron
skeleton, all from the offline toolchain folder (`TOOLCHAIN_ENV`, default
`../shared/reference/tei-odd` beside the repository), and returns the generated files: the
RELAX NG grammar, the Schematron (TEI's inherited rules and the edition's) and the Schematron
compiled to XSLT, which `edition validate` runs, so that validation needs nothing outside the
repository. The model (`load_model`) reads the generated grammar, whose a:documentation carries
the ODD's descriptions, for the encoding manual and the validator's explanations.
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import EditionError
from .tei import safe_parser, write_atomic

RNG_NS = "http://relaxng.org/ns/structure/1.0"
DOC_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
_NS = {"rng": RNG_NS, "a": DOC_NS}


TOOLCHAIN_ENV = "BUKHARIN_TEI_ODD"
DEFAULT_TOOLCHAIN = Path("..") / "shared" / "reference" / "tei-odd"
ODD = "bukharin.odd"
RNG = "bukharin.rng"
SCH = "bukharin.sch"
SCH_XSL = "bukharin.sch.xsl"
GENERATED = (RNG, SCH, SCH_XSL)
GENERATED_NOTE = "Generated from schema/bukharin.odd by `edition schema`: do not edit; edit the ODD."
# The ISO skeleton's settings: no svrl:fired-rule for every node checked (the reports only need
# the failures), locations as full paths, and each pattern's contexts selected at once
# (select-contexts "//"): the skeleton's default walk visits elements only, so that every rule
# whose context is an attribute (pointers, dates) would silently never fire.
SKELETON_PARAMS = {"generate-fired-rule": "false", "full-path-notation": "1", "select-contexts": "//"}


class SchemaError(EditionError):
    """The ODD cannot be compiled, or the toolchain is missing."""


def toolchain_dir(root: Path) -> Path:
    """Where the TEI ODD toolchain is: $BUKHARIN_TEI_ODD, else ../shared/reference/tei-odd from root."""
    given = os.environ.get(TOOLCHAIN_ENV)
    return Path(given) if given else (Path(root) / DEFAULT_TOOLCHAIN).resolve()


def check_toolchain(toolchain: Path) -> None:
    """Refuse a folder that lacks the files the compilation reads, naming what is missing."""
    needed = ["Stylesheets/odds/odd2odd.xsl", "Stylesheets/odds/odd2relax.xsl",
              "Stylesheets/odds/extract-isosch.xsl", "p5/p5subset.xml",
              "schematron/iso_dsdl_include.xsl", "schematron/iso_abstract_expand.xsl",
              "schematron/iso_svrl_for_xslt2.xsl"]
    missing = [n for n in needed if not (Path(toolchain) / n).is_file()]
    if missing:
        raise SchemaError(
            f"{toolchain}: not the TEI ODD toolchain ({', '.join(missing)} missing); set "
            f"{TOOLCHAIN_ENV} to the folder that holds Stylesheets/, p5/ and schematron/")


def compile_odd(odd: Path, toolchain: Path) -> dict[str, bytes]:
    """Compile the ODD into the grammar, the Schematron and the Schematron's XSLT (name → bytes).

    The same ODD and toolchain give the same bytes: the Stylesheets' date stamps are fixed
    (useFixedDate) and the outputs carry no path of this machine."""
    from saxonche import PySaxonProcessor

    odd, toolchain = Path(odd).resolve(), Path(toolchain).resolve()
    check_toolchain(toolchain)
    odds = toolchain / "Stylesheets" / "odds"
    with tempfile.TemporaryDirectory(prefix="odd-") as tmp:
        compiled, rng, sch = Path(tmp, "compiled.odd"), Path(tmp, RNG), Path(tmp, SCH)
        processor = PySaxonProcessor(license=False)
        processor.set_configuration_property("http://saxon.sf.net/feature/allowedProtocols", "file")
        xslt = processor.new_xslt30_processor()
        fixed = {"useFixedDate": "true", "lang": "en", "verbose": "false"}
        _transform(processor, xslt, odds / "odd2odd.xsl", odd, compiled, dict(
            fixed, defaultSource=str(toolchain / "p5" / "p5subset.xml"), currentDirectory=str(odd.parent)))
        _transform(processor, xslt, odds / "odd2relax.xsl", compiled, rng,
                   dict(fixed, doclang="en", documentationLanguage="en"))
        _transform(processor, xslt, odds / "extract-isosch.xsl", compiled, sch, fixed)
        current = processor.parse_xml(xml_file_name=str(sch))
        for step in ("iso_dsdl_include.xsl", "iso_abstract_expand.xsl", "iso_svrl_for_xslt2.xsl"):
            executable = xslt.compile_stylesheet(stylesheet_file=str(toolchain / "schematron" / step))
            if step == "iso_svrl_for_xslt2.xsl":
                for key, value in SKELETON_PARAMS.items():
                    executable.set_parameter(key, processor.make_string_value(value))
            executable.set_global_context_item(xdm_item=current)  # the skeleton's params read it
            current = executable.transform_to_value(xdm_node=current).head
        made = {RNG: _stamp(rng.read_bytes()), SCH: _stamp(sch.read_bytes()),
                SCH_XSL: _stamp(_locate_attributes(current.to_string()).encode("utf-8"))}
    try:  # what validate will load must load
        etree.RelaxNG(etree.fromstring(made[RNG], safe_parser()))
    except etree.LxmlError as exc:
        raise SchemaError(f"{odd.name}: the grammar it compiles to does not load in lxml: {exc}") from None
    return made


_FULL_PATH = '<xsl:template match="*" mode="schematron-select-full-path">'


def _locate_attributes(xsl: str) -> str:
    """Give a failing attribute its path as location, not its value.

    The skeleton's location template matches elements only, so an attribute fell to XSLT's
    built-in rule, which writes the attribute's value; its path template handles attributes."""
    if xsl.count(_FULL_PATH) != 1:
        raise SchemaError("the ISO skeleton's output has changed: its location template was not found")
    return xsl.replace(_FULL_PATH, _FULL_PATH.replace('match="*"', 'match="* | @*"'))


def _transform(processor, xslt, stylesheet: Path, source: Path, target: Path, params: dict) -> None:
    executable = xslt.compile_stylesheet(stylesheet_file=str(stylesheet))
    executable.set_save_xsl_message(True)
    for key, value in params.items():
        executable.set_parameter(key, processor.make_string_value(value))
    try:
        executable.transform_to_file(source_file=str(source), output_file=str(target))
    except Exception as exc:  # saxonche reports only "terminated by xsl:message": add the message
        said = " ".join(str(m) for m in executable.get_xsl_messages() or [])
        raise SchemaError(f"{source.name}: {stylesheet.name} failed: {exc} {said}".strip()) from None


def _stamp(data: bytes) -> bytes:
    """Say at the top that the file is generated; end it with one line feed."""
    text = data.decode("utf-8")
    declaration = re.match(r"<\?xml[^>]*\?>\s*", text)
    head = declaration.group(0).rstrip() + "\n" if declaration else '<?xml version="1.0" encoding="UTF-8"?>\n'
    text = head + f"<!-- {GENERATED_NOTE} -->\n" + text[declaration.end() if declaration else 0:]
    return (text.rstrip() + "\n").encode("utf-8")


def generate(schema_dir: Path, toolchain: Path, check: bool = False) -> list[str]:
    """Write (or, with check, only compare) the generated files; return the names that differ."""
    fresh = compile_odd(Path(schema_dir) / ODD, toolchain)
    differ = [name for name, data in fresh.items()
              if not (Path(schema_dir) / name).is_file() or (Path(schema_dir) / name).read_bytes() != data]
    if not check:
        for name in differ:
            write_atomic(Path(schema_dir) / name, fresh[name])
    return differ


@dataclass
class Attribute:
    """An attribute of one definition of an element."""

    name: str
    doc: str = ""
    values: tuple[str, ...] | None = None  # a closed list, or None when any value of a type
    datatype: str = ""
    required: bool = False
    value_docs: dict[str, str] = field(default_factory=dict)  # the meaning of each listed value


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
    global_attributes: dict[str, Attribute] = field(default_factory=dict)  # those of att.global

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
            doc = (_doc(define) or _doc(el)) if el.getparent() is define else _doc(el)
            definition = Definition(el.get("name"), define_name, doc)
            _walk(el, definition, defines, required=True, seen=set())
            elements.setdefault(definition.name, []).append(definition)
    every = Definition("*", "att.global", "")
    if "tei_att.global.attributes" in defines:
        _walk_define(defines["tei_att.global.attributes"], every, defines, required=True, seen=set())
    return Model(elements, every.attributes)


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
    _values(node, defines, values, datatypes, attr.value_docs)
    if values and not datatypes:
        attr.values = tuple(values)
    attr.datatype = ", ".join(datatypes) or ("text" if not values else "")
    return attr


def _values(node, defines, values: list[str], datatypes: list[str], docs: dict[str, str]) -> None:
    for child in node:
        if not isinstance(child.tag, str):
            continue
        kind = etree.QName(child).localname
        if kind == "value":
            values.append(child.text or "")
            after = child.getnext()
            if after is not None and after.tag == f"{{{DOC_NS}}}documentation":
                docs[child.text or ""] = " ".join((after.text or "").split())
        elif kind == "data":
            datatypes.append(child.get("type"))
        elif kind == "text":
            datatypes.append("text")
        elif kind == "ref":
            _values(defines[child.get("name")], defines, values, datatypes, docs)
        elif kind in ("choice", "group", "list", "oneOrMore", "zeroOrMore", "optional"):
            _values(child, defines, values, datatypes, docs)


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
