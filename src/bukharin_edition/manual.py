"""The encoding manual: one HTML page listing every element, attribute and value the edition allows.

It is made from the ODD: the modules and the edition's remarks, examples and rules are read from
schema/bukharin.odd; the elements, their attributes, the value lists and their meanings from the
grammar the ODD compiles to (schema/bukharin.rng, whose documentation is the ODD's and TEI's
descriptions); TEI's inherited rules from schema/bukharin.sch. Each element also shows an example
taken from the edition's own TEI files.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

from lxml import etree

from .errors import FileProblem
from .schema import ODD, RNG, SCH, Attribute, Definition, Model, datatype_words, load_model
from .tei import XML_NS, local_name, parse_tei, safe_parser, write_atomic

EXAMPLE_LENGTH = 400
EXAMPLE_FILES = 100  # the examples come from the first files of tei/, in name order

CSS = """
body { font-family: Georgia, serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1, h2, h3 { font-family: system-ui, sans-serif; }
h2 { border-top: 1px solid #ccc; padding-top: 1rem; margin-top: 2rem; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.9em; }
pre { background: #f6f6f4; padding: 0.6rem; white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
nav ul { columns: 11rem; list-style: none; padding: 0; }
p, li, td, th { overflow-wrap: anywhere; }
@media (max-width: 40rem) { table { display: block; overflow-x: auto; } }
.none { color: #595959; font-style: italic; }
"""


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


def _values_cell(attr: Attribute) -> str:
    e = html.escape
    if attr.values is None:
        return e(datatype_words({attr.datatype}) if attr.datatype else "text")
    items = "".join(f"<li><code>{e(v)}</code>{': ' + e(attr.value_docs[v]) if attr.value_docs.get(v) else ''}</li>"
                    for v in attr.values)
    return f"closed list:<ul>{items}</ul>"


def _attribute_table(attributes) -> list[str]:
    e = html.escape
    out = ["<table><tr><th>attribute</th><th>required</th><th>values</th><th>meaning</th></tr>"]
    for attr in attributes:
        out.append(f"<tr><td><code>@{e(attr.name)}</code></td><td>{'yes' if attr.required else 'no'}</td>"
                   f"<td>{_values_cell(attr)}</td><td>{e(attr.doc)}</td></tr>")
    out.append("</table>")
    return out


def _own_attributes(definition: Definition, model: Model) -> list[Attribute]:
    """The attributes to show for an element: its own, and the global ones it changes."""
    shown = []
    for attr in definition.attributes.values():
        common = model.global_attributes.get(attr.name)
        if common is None or common.required != attr.required or common.values != attr.values:
            shown.append(attr)
    return shown


def render_manual(model: Model, corpus, rules: list[tuple[str, str, str, str]] = (), odd: Odd | None = None) -> str:
    """Render the manual as one HTML page."""
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        # The page's one inline style is allowed by its hash; nothing else is (as on every page).
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; '
        f"style-src 'sha256-{base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()}'; "
        "object-src 'none'; base-uri 'none'\">",
        "<title>Encoding manual — The Bukharin documents</title>",
        f"<style>{CSS}</style></head><body><main>",
        "<h1>Encoding manual of The Bukharin documents</h1>",
        "<p>Every element, attribute and value that the edition's TEI customization "
        "(<code>schema/bukharin.odd</code>, compiled to <code>schema/bukharin.rng</code> and "
        "<code>schema/bukharin.sch</code>) allows, with its meaning and an example from the edition's "
        "TEI files. The rules that the grammar cannot express, TEI's own and the edition's, follow the "
        "elements; <code>edition validate</code> checks both.</p>",
        f"<p>{len(model.elements)} elements.</p>",
        '<p><a href="#modules">The modules</a>, <a href="#global">the attributes of every element</a> '
        'and <a href="#rules">the rules</a>.</p>',
        "<nav><ul>",
    ]
    names = sorted(model.elements, key=str.lower)
    out += [f'<li><a href="#el-{e(n)}">&lt;{e(n)}&gt;</a></li>' for n in names]
    out.append("</ul></nav>")
    if odd is not None:
        out.append('<h2 id="modules">Modules of TEI P5</h2><table><tr><th>module</th><th>elements used</th></tr>')
        for key, included in odd.modules:
            listed = ", ".join(f'<a href="#el-{e(n)}">&lt;{e(n)}&gt;</a>' for n in included) or "its classes and datatypes"
            out.append(f"<tr><td><code>{e(key)}</code></td><td>{listed}</td></tr>")
        out.append("</table>")
    if model.global_attributes:
        out.append('<h2 id="global">Attributes of every element</h2>'
                   "<p>TEI's global attributes; an element's own section lists them again only where it changes them.</p>")
        out += _attribute_table(model.global_attributes.values())
    examples = find_examples(model, corpus)
    for name in names:
        out.append(f'<h2 id="el-{e(name)}">&lt;{e(name)}&gt;</h2>')
        if odd is not None and name in odd.module_of:
            changed = " (changed by the edition)" if name in odd.changed else ""
            out.append(f"<p>Module <code>{e(odd.module_of[name])}</code>{changed}.</p>")
        for definition in model.elements[name]:
            out.append(f"<p>{e(definition.doc) or '<span class=none>No documentation.</span>'}</p>")
            if odd is not None and odd.remarks.get(name):
                out.append(f"<p>{e(odd.remarks[name])}</p>")
            own = _own_attributes(definition, model) if model.global_attributes else list(definition.attributes.values())
            if own:
                out += _attribute_table(own)
            else:
                out.append("<p>Attributes: the global ones.</p>" if model.global_attributes else "<p>Attributes: none.</p>")
            contains = sorted(definition.children, key=str.lower)
            content = ", ".join(f'<a href="#el-{e(c)}">&lt;{e(c)}&gt;</a>' for c in contains)
            if definition.text:
                content = "text" + (", " + content if content else "")
            out.append(f"<p>Contains: {content or 'nothing (empty element)'}.</p>")
            for text in (odd.examples.get(name, []) if odd is not None else []):
                out.append(f"<p>Example of the encoding manual:</p><pre>{e(text)}</pre>")
            example = examples.get(definition.pattern)
            if example:
                file, line, text = example
                out.append(f"<p>Example from <code>tei/{e(file)}</code>, line {line}:</p><pre>{e(text)}</pre>")
            else:
                out.append("<p class=none>No example in the edition's files yet.</p>")
    if rules:
        out.append('<h2 id="rules">Rules (schema/bukharin.sch)</h2>')
        out.append("<p>What the grammar cannot say: the edition's rules (from the ODD's constraints) and "
                   "TEI's own, inherited. Each rule's id names it in the reports of "
                   "<code>edition validate</code>; … stands for the values the report fills in.</p>")
        out.append("<table><tr><th>rule</th><th>severity</th><th>applies to</th><th>message</th></tr>")
        for rule_id, severity, context, message in rules:
            out.append(f"<tr><td><code>{e(rule_id)}</code></td><td>{severity}</td>"
                       f"<td><code>{e(context)}</code></td><td>{e(message)}</td></tr>")
        out.append("</table>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def write_manual(schema_dir: Path, tei_dir: Path, out: Path) -> Path:
    """Write the encoding manual to out (atomically) and return its path."""
    model = load_model(Path(schema_dir) / RNG)
    rules = load_rules(Path(schema_dir) / SCH)
    odd = Odd(Path(schema_dir) / ODD)
    write_atomic(Path(out), render_manual(model, _corpus(tei_dir), rules, odd).encode("utf-8"))
    return Path(out)
