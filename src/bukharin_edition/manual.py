"""The encoding manual: one HTML page listing every element and attribute the edition allows.

Each entry comes from the schema (the `##` documentation of schema/bukharin.rnc, carried into
bukharin.rng by trang) and shows an example taken from the edition's own TEI files.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

from lxml import etree

from .errors import FileProblem
from .schema import Definition, Model, datatype_words, load_model
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


def load_rules(sch_path: Path) -> list[tuple[str, str, str, str]]:
    """Read the rules of bukharin.sch: (id, severity, context, message with … for computed parts)."""
    root = etree.parse(str(sch_path), safe_parser()).getroot()
    rules = []
    for rule in root.iter(f"{{{SCH_NS}}}rule"):
        for check in rule.iter(f"{{{SCH_NS}}}assert"):
            parts = [check.text or ""]
            for child in check:
                parts.append("(attribute)" if local_name(child) == "name" else "…")
                parts.append(child.tail or "")
            severity = "warning" if check.get("role") == "warning" else "error"
            rules.append((check.get("id"), severity, rule.get("context"), " ".join("".join(parts).split())))
    return rules


def render_manual(model: Model, corpus, rules: list[tuple[str, str, str, str]] = ()) -> str:
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
        "<p>Every element and attribute that the edition's schema (<code>schema/bukharin.rnc</code>) "
        "allows, with its documentation and an example from the edition's TEI files. An element "
        "defined differently in different places has one section per definition. The rules that "
        "the grammar cannot express are in <code>schema/bukharin.sch</code>; "
        "<code>edition validate</code> checks both.</p>",
        f"<p>{len(model.elements)} elements.</p>",
        '<p><a href="#rules">The rules</a> that the grammar cannot express follow the elements.</p>',
        "<nav><ul>",
    ]
    names = sorted(model.elements, key=str.lower)
    out += [f'<li><a href="#el-{e(n)}">&lt;{e(n)}&gt;</a></li>' for n in names]
    out.append("</ul></nav>")
    examples = find_examples(model, corpus)
    for name in names:
        out.append(f'<h2 id="el-{e(name)}">&lt;{e(name)}&gt;</h2>')
        for definition in model.elements[name]:
            out.append(f'<h3 id="def-{e(definition.pattern)}">{e(definition.pattern)}</h3>')
            out.append(f"<p>{e(definition.doc) or '<span class=none>No documentation.</span>'}</p>")
            if definition.attributes:
                out.append("<table><tr><th>attribute</th><th>required</th><th>values</th><th>meaning</th></tr>")
                for attr in definition.attributes.values():
                    values = (", ".join(f"<code>{e(v)}</code>" for v in attr.values)
                              if attr.values is not None else e(datatype_words({attr.datatype}) if attr.datatype else "text"))
                    out.append(
                        f"<tr><td><code>@{e(attr.name)}</code></td><td>{'yes' if attr.required else 'no'}</td>"
                        f"<td>{values}</td><td>{e(attr.doc)}</td></tr>")
                out.append("</table>")
            else:
                out.append("<p>Attributes: none.</p>")
            contains = sorted(definition.children, key=str.lower)
            content = ", ".join(f'<a href="#el-{e(c)}">&lt;{e(c)}&gt;</a>' for c in contains)
            if definition.text:
                content = "text" + (", " + content if content else "")
            out.append(f"<p>Contains: {content or 'nothing (empty element)'}.</p>")
            example = examples.get(definition.pattern)
            if example:
                file, line, text = example
                out.append(f"<p>Example from <code>tei/{e(file)}</code>, line {line}:</p><pre>{e(text)}</pre>")
            else:
                out.append("<p class=none>No example in the edition's files yet.</p>")
    if rules:
        out.append('<h2 id="rules">Rules (schema/bukharin.sch)</h2>')
        out.append("<p>What the grammar cannot say. Each rule's id names it in the reports of "
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
    model = load_model(Path(schema_dir) / "bukharin.rng")
    rules = load_rules(Path(schema_dir) / "bukharin.sch")
    write_atomic(Path(out), render_manual(model, _corpus(tei_dir), rules).encode("utf-8"))
    return Path(out)
