"""`edition validate`: the grammar (bukharin.rng) and the rules (bukharin.sch) for every TEI file.

Both are generated from schema/bukharin.odd (`edition schema`). The grammar runs in lxml
(libxml2's RELAX NG: the edition's schema compiles in milliseconds, where jing needs a JVM). The
rules, TEI's own and the edition's, need XSLT 2 (queryBinding xslt2): they run in saxonche as the
committed bukharin.sch.xsl, the Schematron compiled by the ISO skeleton, so validation needs
nothing outside the repository and CI and XML editors read the same rules. Every problem is
reported with file:line:col; all files are checked even when one fails.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from lxml import etree

from .errors import FileProblem
from .schema import RNG, SCH_XSL, Model, datatype_words, load_model
from .tei import TEI_NS, XML_NS, local_name, parse_tei, safe_parser

SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where, how grave, which rule, and what to do."""

    path: str
    line: int
    column: int
    severity: str
    rule: str
    message: str

    def text(self) -> str:
        """Format the problem as `file:line:col: message` (warnings say so)."""
        label = "warning: " if self.severity == WARNING else ""
        return f"{self.path}:{self.line}:{self.column}: {label}{self.message} [{self.rule}]"

    def github(self) -> str:
        """Format the problem as a GitHub Actions annotation."""
        return (
            f"::{self.severity} file={_gh_property(self.path)},line={self.line},col={self.column}"
            f"::{_gh_data(self.message + ' [' + self.rule + ']')}"
        )


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Report:
    """The outcome of a run: the files checked and what was found in them."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def summary(self) -> str:
        """Say in one line how many files were checked and what was found."""
        failing = len({p.path for p in self.errors})
        return (
            f"{len(self.files)} file(s) checked: {len(self.files) - failing} valid, {failing} with errors; "
            f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"
        )


# ---------------------------------------------------------------- the validator

RULES_PREFIX = "schematron-constraint-bukharin-"
WARNING_ROLES = {"warning", "nonfatal", "information", "info"}
_NO_DOCTYPE = "http://saxon.sf.net/feature/parserFeature?uri=http%3A//apache.org/xml/features/disallow-doctype-decl"


def rules_processor():
    """A Saxon processor for the rules: local files only, and no file with a DOCTYPE is read.

    The rules read sibling files (edition.xml, persons.xml, name.xml#id) with doc(); a sibling
    that declares a DOCTYPE is unavailable to them (doc-available() is false), so no entity of
    it is ever expanded, and a rule about it fails with its own message."""
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    processor.set_configuration_property("http://saxon.sf.net/feature/allowedProtocols", "file")
    processor.set_configuration_property(_NO_DOCTYPE, "true")
    return processor


def _rule_name(pattern_id: str) -> str:
    """The name of a TEI rule that has no id of its own: its pattern's, without the prefix and number."""
    name = pattern_id[len(RULES_PREFIX):] if pattern_id.startswith(RULES_PREFIX) else pattern_id
    return re.sub(r"-\d+$", "", name) or "rule"


_STEP = re.compile(r"\*:([\w.-]+)\[namespace-uri\(\)='([^']*)'\]")
_ATTR_STEP = re.compile(r"@\*\[local-name\(\)='([\w.-]+)' and namespace-uri\(\)='([^']*)'\]")


def _lxml_path(location: str) -> str:
    """Turn the skeleton's XPath 2 location (/*:TEI[namespace-uri()='…'][1]/…) into XPath 1."""
    location = _STEP.sub(lambda m: f"*[local-name()='{m.group(1)}' and namespace-uri()='{m.group(2)}']", location)
    return _ATTR_STEP.sub(lambda m: f"@*[local-name()='{m.group(1)}' and namespace-uri()='{m.group(2)}']", location)


class Validator:
    """The compiled grammar and rules, loaded once and used for many files."""

    def __init__(self, schema_dir: Path, processor=None) -> None:
        schema_dir = Path(schema_dir)
        rng_path = schema_dir / RNG
        self.grammar = etree.RelaxNG(etree.parse(str(rng_path), safe_parser()))
        self.model: Model = load_model(rng_path)
        self.processor = processor or rules_processor()
        xslt = self.processor.new_xslt30_processor()
        self.rules = xslt.compile_stylesheet(stylesheet_file=str((schema_dir / SCH_XSL).resolve()))

    # ------------------------------------------------------------ one file

    def check_file(self, path: Path, shown: str | None = None) -> list[Problem]:
        """Check one file: well-formedness, encoding, grammar and rules."""
        shown = shown or str(path)
        try:
            tree = parse_tei(Path(path).resolve())
        except FileProblem as problem:
            return [Problem(shown, problem.line, problem.column, ERROR, problem.rule, problem.reason)]
        lines = Path(path).read_bytes().decode("utf-8", "replace").splitlines()
        rules = self._rules(Path(path).resolve(), tree, shown, lines)
        found = rules + _not_said_by(self._grammar(tree, shown, lines), rules)
        return sorted(set(found + instruction_problems(tree, shown) + identity_problems(tree, Path(path), shown)))

    def _grammar(self, tree, shown: str, lines: list[str]) -> list[Problem]:
        if self.grammar.validate(tree):
            return []
        walked = [Problem(shown, node.sourceline or 1, _column(lines, node), ERROR, "grammar", message)
                  for node, message in self._walk(tree)]
        if walked:
            return walked
        found: dict[int, list] = {}
        for entry in self.grammar.error_log:
            found.setdefault(entry.line, []).append(entry)
        problems = []
        for line, entries in found.items():
            for entry, message, node in self._explain(tree, line, entries):
                column = _column(lines, node) if node is not None else 1
                problems.append(Problem(shown, line, column, ERROR, "grammar", message))
        return problems

    def _walk(self, tree) -> list[tuple]:
        """Find what the grammar refuses by walking the file with the model of the schema.

        libxml2 reports a mistake deep in TEI's content models as a refusal of the blocks around
        it ("Did not expect element div there"); the model names the element, the attribute or the
        value itself. What the walk cannot tell (the order of children) is left to libxml2."""
        found = []
        for node in tree.getroot().iter():
            if not isinstance(node.tag, str):
                continue
            name = local_name(node)
            if name not in self.model.elements:
                found.append((node, f"<{name}> is not an element of the edition's encoding: use an element "
                                    "the encoding manual lists (edition manual), or ask the editors to add it"))
                continue
            parent = node.getparent()
            if parent is not None and local_name(parent) in self.model.elements and not any(
                    name in d.children for d in self.model.definitions(local_name(parent))):
                found.append((node, f"<{name}> is not allowed here, inside <{local_name(parent)}> "
                                    "(see the encoding manual for where it may stand)"))
                continue
            detail = self._attribute_detail(node)
            if detail:
                found.append((node, detail))
        return found

    def _explain(self, tree, line: int, entries) -> Iterable[tuple]:
        """Turn libxml2's messages for one line into messages for scholars.

        libxml2 reports one mistake several times: the element whose attribute or content is
        wrong is also "not allowed" in its parent. The echoes are dropped when the cause is known.
        """
        causes = set()
        for entry in entries:
            m = re.match(r"(?:Element (\S+) failed to validate (?:attributes|content)"
                         r"|Invalid attribute \S+ for element (\S+))", entry.message)
            if m:
                causes.add(m.group(1) or m.group(2))
        kept = []
        for entry in entries:
            msg = entry.message
            echo = re.match(r"(?:Expecting (?:an )?element \S+, got (\S+)|Element \S+ has extra content: (\S+)"
                            r"|Did not expect element (\S+) there)", msg)
            if echo and (echo.group(1) or echo.group(2) or echo.group(3)) in causes:
                continue
            if msg.endswith("got nothing") and len(entries) > 1:
                continue
            if "failed to validate content" in msg and len(entries) > 1:
                continue
            kept.append(entry)
        said: set[str] = set()
        for entry in kept or entries[:1]:
            name = _named_element(entry.message)
            node = _element_on_line(tree, line, name, entry.path)
            message = self._describe(entry, name, node)
            if message not in said:
                said.add(message)
                yield entry, message, node

    def _describe(self, entry, name: str, node) -> str:
        msg = entry.message
        if node is not None:
            detail = self._attribute_detail(node)
            if detail:
                return detail
        if name and name not in self.model.elements:
            return (f"<{name}> is not an element of the edition's encoding: "
                    "use an element the encoding manual lists (edition manual), or ask the editors to add it")
        if m := re.match(r"Did not expect element (\S+) there", msg):
            parent = local_name(node.getparent()) if node is not None and node.getparent() is not None else "its parent"
            return f"<{m.group(1)}> is not allowed here, inside <{parent}> (see the encoding manual for where it may stand)"
        if m := re.match(r"Element (\S+) has extra content: (\S+)", msg):
            return f"<{m.group(2)}> is not allowed inside <{m.group(1)}> (see the encoding manual for what it may hold)"
        if m := re.match(r"Expecting (?:an )?element (\S+), got (\S+)", msg):
            return f"<{m.group(2)}> is not allowed here: the edition's schema expects <{m.group(1)}>"
        if m := re.match(r"Expecting an element (\S+), got nothing", msg):
            return f"<{local_name(node) if node is not None else 'this element'}> is incomplete: <{m.group(1)}> is missing"
        if m := re.match(r"Element (\S+) failed to validate content", msg):
            return f"the content of <{m.group(1)}> does not follow the edition's schema"
        return f"does not follow the edition's schema: {msg}"

    def _attribute_detail(self, node) -> str:
        """Name the attribute of an element that the schema refuses, if one is."""
        name = local_name(node)
        if name not in self.model.elements:
            return ""
        parent = node.getparent()
        parent_name = local_name(parent) if parent is not None else None
        allowed = self.model.attribute_names(name, parent_name)
        for qname, value in node.attrib.items():
            attr = qname.replace(f"{{{XML_NS}}}", "xml:")
            if attr not in allowed:
                listed = ", ".join(sorted(allowed)) or "none"
                return f"<{name}> may not have the attribute {attr} here (it allows: {listed})"
            values = self.model.attribute_values(name, attr, parent_name)
            if values is not None and value not in values:
                return f'{attr}="{value}" on <{name}> is not one of the edition\'s values: {", ".join(values)}'
            if values is None and not self._fits(name, attr, value, parent_name):
                kinds = {a.datatype for d in self.model.definitions(name, parent_name)
                         for a in d.attributes.values() if a.name == attr}
                return f'{attr}="{value}" on <{name}> is not a valid value: expected {datatype_words(kinds)}'
        missing = sorted(self.model.required_attributes(name, parent_name) - {
            q.replace(f"{{{XML_NS}}}", "xml:") for q in node.attrib})
        if missing:
            return f"<{name}> lacks the required attribute{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
        return ""

    def _fits(self, element: str, attr: str, value: str, parent: str | None) -> bool:
        """Say whether a value fits an attribute's datatype (the datatypes the edition uses)."""
        kinds = {a.datatype for d in self.model.definitions(element, parent)
                 for a in d.attributes.values() if a.name == attr}
        return any(_fits_datatype(kind, value) for kind in kinds)

    def _rules(self, path: Path, tree, shown: str, lines: list[str]) -> list[Problem]:
        try:
            svrl = self.rules.transform_to_string(source_file=str(path))
        except Exception as exc:  # saxonche.PySaxonApiError: a rule could not be evaluated
            return [Problem(shown, 1, 1, ERROR, "rules", f"the rules cannot run on this file: {exc}")]
        report = etree.fromstring(svrl.encode("utf-8"), safe_parser())
        problems = []
        pattern = ""
        for item in report:
            kind = local_name(item) if isinstance(item.tag, str) else ""
            if kind == "active-pattern":
                pattern = item.get("id", "")
            if kind not in ("failed-assert", "successful-report"):
                continue
            node, attr = _locate(tree, _lxml_path(item.get("location", "")))
            text = " ".join("".join(item.find(f"{{{SVRL_NS}}}text").itertext()).split())
            line = node.sourceline if node is not None else 1
            column = _column(lines, node, attr) if node is not None else 1
            severity = WARNING if item.get("role") in WARNING_ROLES else ERROR
            problems.append(Problem(shown, line or 1, column, severity, item.get("id") or _rule_name(pattern), text))
        return problems

    # ------------------------------------------------------------ many files

    def check_paths(self, paths: Iterable[Path], base: Path | None = None, progress=None) -> Report:
        """Check every file named or in every folder named (its *.xml), whatever fails."""
        report = Report()
        for path in expand_paths(paths):
            report.files.append(path)
            found = self.check_file(path, _shown(path, base))
            report.problems += found
            if progress:
                errors = sum(p.severity == ERROR for p in found)
                progress("invalid" if errors else "valid", _shown(path, base))
        return report


def instruction_problems(tree, shown: str) -> list[Problem]:
    """Processing instructions other than xml-model are refused: a browser obeys an
    xml-stylesheet instruction (it can run script), and the edition needs none of them."""
    problems = []
    for pi in tree.xpath("//processing-instruction()"):
        if pi.target == "xml-model":
            continue
        problems.append(Problem(
            shown, pi.sourceline or 1, 1, ERROR, "processing-instruction",
            f"<?{pi.target} …?>: processing instructions other than xml-model are refused in the edition's "
            "TEI files (a browser would obey an xml-stylesheet one, and could run script): remove it"))
    return problems


def identity_problems(tree, path: Path, shown: str) -> list[Problem]:
    """The TEI element's xml:id is the file's name, as the build requires (the pages' addresses)."""
    root = tree.getroot()
    if local_name(root) != "TEI" or etree.QName(root).namespace != TEI_NS:
        return []  # the grammar says what the root should be
    ident = root.get(f"{{{XML_NS}}}id") or ""
    if ident == path.stem:
        return []
    return [Problem(shown, root.sourceline or 1, 1, ERROR, "file-name",
                    f"the TEI element's xml:id is '{ident}', but the file is named {path.name}: make them agree "
                    "(rename the file, or change the xml:id; the pages' addresses come from the id)")]


def _not_said_by(grammar: list[Problem], rules: list[Problem]) -> list[Problem]:
    """Drop grammar errors that a rule reports more precisely (same place, or same attribute value)."""
    places = {(p.line, p.column) for p in rules}
    values = {(p.line, m.group(0)) for p in rules if (m := _ATTR_VALUE.match(p.message))}
    return [
        g for g in grammar
        if (g.line, g.column) not in places
        and not ((m := _ATTR_VALUE.match(g.message)) and (g.line, m.group(0)) in values)
    ]


_ATTR_VALUE = re.compile(r'^[\w:-]+="[^"]*"')


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Turn the paths given into files: a folder means its *.xml files."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        files += sorted(path.glob("*.xml")) if path.is_dir() else [path]
    return files


def _shown(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return os.path.relpath(path.resolve(), base)
        except ValueError:
            pass
    return str(path)


# ---------------------------------------------------------------- datatypes

def _fits_datatype(kinds: str, value: str) -> bool:
    import datetime

    for kind in kinds.split(", "):
        if kind == "date":
            try:
                datetime.date.fromisoformat(value)
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    return True
            except ValueError:
                pass
        elif kind == "gYearMonth" and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
            return True
        elif kind == "gYear" and re.fullmatch(r"\d{4}", value):
            return True
        elif kind == "positiveInteger" and re.fullmatch(r"\+?0*[1-9]\d*", value.strip()):
            return True
        elif kind == "nonNegativeInteger" and re.fullmatch(r"\+?\d+", value.strip()):
            return True
        elif kind == "anyURI":
            return bool(re.fullmatch(r"(#|[a-z0-9][a-z0-9\-]*\.xml#)[A-Za-z_][A-Za-z0-9_.\-]*"
                                     r"|(ed|per):[a-z][a-z0-9\-]*|https?://\S+", value))
        elif kind not in ("date", "gYearMonth", "gYear", "positiveInteger", "nonNegativeInteger"):
            return True
    return False


# ---------------------------------------------------------------- locations

def _named_element(message: str) -> str:
    for pattern in (r"got (\S+)$", r"element (\S+) there", r"extra content: (\S+)",
                    r"[Ee]lement (\S+)", r"for element (\S+)"):
        m = re.search(pattern, message)
        if m and m.group(1) != "nothing":
            return m.group(1).rstrip(",.")
    return ""


def _element_on_line(tree, line: int, name: str, path: str | None):
    """Find the element a grammar message is about: by its path if it fits, else by line and name."""
    try:
        hits = tree.xpath(path) if path else []
    except etree.XPathError:
        hits = []
    for hit in hits:
        if isinstance(hit, etree._Element) and hit.sourceline == line and (not name or local_name(hit) == name):
            return hit
    candidates = [e for e in tree.iter() if isinstance(e.tag, str) and e.sourceline == line]
    named = [e for e in candidates if local_name(e) == name]
    return (named or candidates or [None])[0]


def _locate(tree, location: str):
    """Return the element an SVRL location points at, and the attribute name if it is one."""
    try:
        hits = tree.xpath(location)
    except etree.XPathError:
        return None, None
    if not hits:
        return None, None
    hit = hits[0]
    if isinstance(hit, etree._Element):
        return hit, None
    if getattr(hit, "is_attribute", False):
        return hit.getparent(), str(hit.attrname)
    return getattr(hit, "getparent", lambda: None)(), None


def _column(lines: list[str], node, attr: str | None = None) -> int:
    """Find the 1-based column of an element's start tag (or of one of its attributes) on its line.

    lxml keeps lines but not columns; the column is found in the file's text: the n-th start tag of
    that name on the line, n counted among the elements of that name that start on the line.
    """
    line = node.sourceline or 1
    if line > len(lines):
        return 1
    text = lines[line - 1]
    name = local_name(node)
    same = [e for e in node.getroottree().iter(node.tag) if e.sourceline == line]
    index = same.index(node) if node in same else 0
    starts = [m.start() for m in re.finditer(rf"<(?:[\w.-]+:)?{re.escape(name)}(?=[\s/>])", text)]
    if not starts:
        return 1
    start = starts[min(index, len(starts) - 1)]
    if attr:
        attr_name = attr.replace(f"{{{XML_NS}}}", "xml:")
        m = re.compile(rf"\s{re.escape(attr_name)}\s*=").search(text, start)
        end = text.find(">", start)
        if m and (end == -1 or m.start() < end):
            return m.start() + 2
    return start + 1


# ---------------------------------------------------------------- entry point

def validate(paths: Iterable[Path], schema_dir: Path, base: Path | None = None, progress=None) -> Report:
    """Check the files and folders given against the edition's schema and rules."""
    return Validator(schema_dir).check_paths(paths, base, progress)
