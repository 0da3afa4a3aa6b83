"""The encoding manual: one HTML page listing every element, attribute and value the edition allows.

It is made from the ODD: the modules and the edition's remarks, examples and rules are read from
schema/bukharin.odd; the elements, their attributes, the value lists and their meanings from the
grammar the ODD compiles to (schema/bukharin.rng, whose documentation is the ODD's and TEI's
descriptions); TEI's inherited rules from schema/bukharin.sch. Each element also shows an example
taken from the edition's own TEI files. What is read is a facts document (manual_facts, the facts
vocabulary of publish/pages.py); xslt/manual.xsl makes the page, in the frame of every page.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .errors import FileProblem
from .schema import ODD, RNG, SCH, Attribute, Definition, Model, datatype_words, load_model
from .tei import XML_NS, local_name, parse_tei, safe_parser, write_atomic

EXAMPLE_LENGTH = 400
EXAMPLE_FILES = 100  # the examples come from the first files of tei/, in name order

def _corpus(tei_dir: Path):
    """(file name, tree) of the first EXAMPLE_FILES TEI files in name order, parsed as the
    examples are looked for: one tree at a time, and the manual's cost does not grow with the
    edition."""
    for path in sorted(Path(tei_dir).glob("*.xml"))[:EXAMPLE_FILES]:
        try:
            yield path.name, parse_tei(path)
        except FileProblem:
            continue


def find_examples(model: Model, corpus) -> dict[str, tuple[str, int, str]]:
    """The first example of each definition (by pattern name) in one pass over the corpus,
    which stops as soon as every definition has one."""
    wanted = [d for name in model.elements for d in model.elements[name]]
    found: dict[str, tuple[str, int, str]] = {}
    for name, tree in corpus:
        for definition in wanted:
            if definition.pattern not in found:
                example = _example(definition, model, [(name, tree)])
                if example:
                    found[definition.pattern] = example
        if len(found) == len(wanted):
            break
    return found


def _attr_names(node) -> dict[str, str]:
    return {q.replace(f"{{{XML_NS}}}", "xml:"): v for q, v in node.attrib.items()}


def _fits(node, definition: Definition, model: Model) -> bool:
    attrs = _attr_names(node)
    if not set(attrs) <= set(definition.attributes):
        return False
    for name, attr in definition.attributes.items():
        if attr.required and name not in attrs:
            return False
        if name in attrs and attr.values is not None and attrs[name] not in attr.values:
            return False
    parent = node.getparent()
    if parent is not None:
        patterns = {p for d in model.elements.get(local_name(parent), []) for p in d.child_patterns}
        if patterns and definition.pattern not in patterns:
            return False
    return True


def _example(definition: Definition, model: Model, corpus) -> tuple[str, int, str] | None:
    for name, tree in corpus:
        for node in tree.iter(f"{{*}}{definition.name}"):
            if _fits(node, definition, model):
                text = etree.tostring(node, encoding="unicode", with_tail=False)
                text = re.sub(r' xmlns="[^"]+"', "", text)
                if len(text) > EXAMPLE_LENGTH:
                    text = text[:EXAMPLE_LENGTH] + " …"
                return name, node.sourceline or 0, text
    return None


SCH_NS = "http://purl.oclc.org/dsdl/schematron"
TEI_NS = "http://www.tei-c.org/ns/1.0"
EG_NS = "http://www.tei-c.org/ns/Examples"
_RULES_PREFIX = "schematron-constraint-bukharin-"


def _words(node) -> str:
    """The text of a documentation element, its markup (gi, att, code) read as plain text."""
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _message(check) -> str:
    parts = [check.text or ""]
    for child in check:
        parts.append("(attribute)" if local_name(child) == "name" else "…")
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def load_rules(sch_path: Path) -> list[tuple[str, str, str, str]]:
    """Read every rule of the generated Schematron, TEI's and the edition's:
    (id, severity, context, message with … for computed parts)."""
    from .validate import WARNING_ROLES, _rule_name

    root = etree.parse(str(sch_path), safe_parser()).getroot()
    rules = []
    for pattern in root.iter(f"{{{SCH_NS}}}pattern"):
        for rule in pattern.iter(f"{{{SCH_NS}}}rule"):
            for check in rule:
                if local_name(check) not in ("assert", "report"):
                    continue
                severity = "warning" if check.get("role") in WARNING_ROLES else "error"
                rules.append((check.get("id") or _rule_name(pattern.get("id", "")), severity,
                              rule.get("context"), _message(check)))
    return rules


class Odd:
    """What the manual reads from the ODD itself: modules, remarks, examples, rule descriptions."""

    def __init__(self, odd_path: Path) -> None:
        root = etree.parse(str(odd_path), safe_parser()).getroot()
        ns = {"t": TEI_NS}
        self.modules = [(m.get("key"), (m.get("include") or "").split()) for m in root.iterfind(".//t:schemaSpec/t:moduleRef", ns)]
        self.module_of = {name: key for key, names in self.modules for name in names}
        self.remarks: dict[str, str] = {}
        self.examples: dict[str, list[str]] = {}
        self.changed: set[str] = set()
        for spec in root.iterfind(".//t:schemaSpec/t:elementSpec", ns):
            name = spec.get("ident")
            self.changed.add(name)
            self.remarks[name] = " ".join(_words(r) for r in spec.iterfind("t:remarks", ns))
            self.examples[name] = [_example_text(eg) for eg in spec.iterfind("t:exemplum/{%s}egXML" % EG_NS, ns)]
        self.rule_docs = {c.get("ident"): _words(c.find("t:desc", ns)) for c in root.iterfind(".//t:constraintSpec", ns)}


def _example_text(eg) -> str:
    lines = []
    for child in eg:
        text = etree.tostring(child, encoding="unicode", with_tail=False)
        lines.append(re.sub(r' xmlns(:\w+)?="[^"]+"', "", text))
    return "\n".join(lines)


def _attribute(parent, attr: Attribute) -> None:
    """An attribute's facts: name, required, its datatype in words or its closed list of values."""
    from .publish.pages import sub

    datatype = (datatype_words({attr.datatype}) if attr.datatype else "text") if attr.values is None else None
    el = sub(parent, "attribute", {"name": attr.name, "required": "yes" if attr.required else "no",
                                   "datatype": datatype, "doc": attr.doc})
    for value in attr.values or ():
        sub(el, "value", {"doc": attr.value_docs.get(value) or None}, text=value)


def _own_attributes(definition: Definition, model: Model) -> list[Attribute]:
    """The attributes to show for an element: its own, and the global ones it changes."""
    shown = []
    for attr in definition.attributes.values():
        common = model.global_attributes.get(attr.name)
        if common is None or common.required != attr.required or common.values != attr.values:
            shown.append(attr)
    return shown


def manual_facts(model: Model, corpus, rules: list[tuple[str, str, str, str]] = (), odd: Odd | None = None):
    """What the manual shows, as a facts document: the modules, the global attributes, every
    element with its definitions (documentation, attributes, content, examples) and the rules."""
    from .publish.pages import fact, sub

    names = sorted(model.elements, key=str.lower)
    facts = fact("manual", {"elements": len(model.elements), "global": "yes" if model.global_attributes else "no"})
    for key, included in (odd.modules if odd is not None else ()):
        module = sub(facts, "module", {"key": key})
        for name in included:
            sub(module, "ref", {"name": name})
    if model.global_attributes:
        common = sub(facts, "global")
        for attr in model.global_attributes.values():
            _attribute(common, attr)
    examples = find_examples(model, corpus)
    for name in names:
        element = sub(facts, "element", {"name": name})
        if odd is not None and name in odd.module_of:
            element.set("module", odd.module_of[name])
            element.set("changed", "yes" if name in odd.changed else "no")
        for definition in model.elements[name]:
            own = _own_attributes(definition, model) if model.global_attributes else list(definition.attributes.values())
            item = sub(element, "definition", {"doc": definition.doc or None,
                                               "remarks": (odd.remarks.get(name) or None) if odd is not None else None})
            for attr in own:
                _attribute(item, attr)
            contains = sub(item, "contains", {"text": "yes" if definition.text else "no"})
            for child in sorted(definition.children, key=str.lower):
                sub(contains, "ref", {"name": child})
            for text in (odd.examples.get(name, []) if odd is not None else []):
                sub(item, "example", text=text)
            example = examples.get(definition.pattern)
            if example:
                file, line, text = example
                sub(item, "found", {"file": file, "line": line}, text=text)
    for rule_id, severity, context, message in rules:
        sub(facts, "rule", {"id": rule_id, "severity": severity, "context": context}, text=message)
    return facts


def write_manual(schema_dir: Path, tei_dir: Path, out: Path, xslt_dir: Path | None = None) -> Path:
    """Write the encoding manual to out (atomically, by xslt/manual.xsl) and return its path."""
    from .publish.base import Context, Session
    from .publish.pages import XSLT_DIR, render_one

    model = load_model(Path(schema_dir) / RNG)
    rules = load_rules(Path(schema_dir) / SCH)
    odd = Odd(Path(schema_dir) / ODD)
    facts = manual_facts(model, _corpus(tei_dir), rules, odd)
    context = Context(Path(tei_dir), Path(xslt_dir or XSLT_DIR), Path(out).parent, Session())
    write_atomic(Path(out), render_one(context, "manual", facts, "encoding-manual.html"))
    return Path(out)
