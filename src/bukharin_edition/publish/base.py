"""What every builder shares: the build's context, the builder protocol and its dependencies."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import BuildError
from ..tei import parse_tei
from .state import Facts


class Source:
    """One gathered source: its TEI file, what the build knows of it, and (parsed only when a
    builder needs them) its lxml tree, for line numbers, and its Saxon node."""

    def __init__(self, ident: str, path: Path, facts: Facts, context: "Context",
                 tree: etree._ElementTree | None = None, held: bool = False) -> None:
        self.id = ident
        self.path = path
        self.facts = facts
        self.failed = False  # a view could not be rendered: the index leaves it out
        self.held = held  # invalid now: its last good pages stay (edition serve)
        self.position = 0  # in the sources' order (set when the sources are gathered)
        self._context = context
        self._tree = tree
        self._node = None

    @property
    def tree(self) -> etree._ElementTree:
        if self._tree is None:
            self._tree = parse_tei(self.path)
        return self._tree

    @property
    def node(self):
        """The Saxon node (saxonche.PyXdmNode) of the file, parsed on first use."""
        if self._node is None:
            self._node = self._context.processor.parse_xml(xml_file_name=str(self.path.resolve()))
        return self._node

    def release(self) -> None:
        """Forget the parsed trees once the source's own tasks are done: a build holds one
        source's trees at a time, never every document's."""
        self._tree = None
        self._node = None


class Session:
    """What outlives one build in a long-running process (edition serve, benchmarks): the Saxon
    processor, the compiled stylesheets and the schema, each made once and reused while its
    files are unchanged."""

    def __init__(self, processor=None) -> None:
        self._processor = processor
        self.executables: dict[tuple, object] = {}
        self.validators: dict[str, object] = {}

    @property
    def processor(self):
        if self._processor is None:
            self._processor = new_processor()
        return self._processor


def new_processor():
    """The one Saxon processor of a build (creating one costs up to seconds: never per file).

    Its stylesheets may read local files only: no URI of another scheme (http, ftp, …) is ever
    fetched, whatever a stylesheet or a document asks for."""
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    processor.set_configuration_property("http://saxon.sf.net/feature/allowedProtocols", "file")
    return processor


@dataclass
class Context:
    """What the builders of one build share: folders, the session, the sources, the inputs."""

    tei_dir: Path
    xslt_dir: Path
    out_dir: Path
    session: Session
    sources: list[Source] = field(default_factory=list)
    shared: list[Path] = field(default_factory=list)  # edition.xml, persons.xml
    base_url: str = ""
    jobs: int = 1  # the processes the build may keep busy
    full: bool = False  # everything is made again, whatever the state says
    by_id: dict[str, Source] = field(default_factory=dict)  # the sources by id (set by gather)
    read: set[str] = field(default_factory=set)  # the ids of the sources whose files were read (changed)
    facts: dict[str, str] = field(default_factory=dict)  # "<reduction>:<id>" → hash of the facts written
    problems: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)  # input key → hash (see state.py)

    @property
    def processor(self):
        """The one Saxon processor (created on first use: a build with nothing to do needs none)."""
        return self.session.processor


class Builder:
    """One output of the edition.

    A builder declares what it reads, so that a build redoes only what changed: for each source,
    `doc_inputs()` names the input keys of `write_doc()` and `doc_outputs()` its files; for the
    outputs that depend on every source, `finish_inputs()` and `finish_outputs()`. Keys:
    `tei:<id>` (the file), `header:<id>` (its teiHeader), `person:<ref>` (one person of the
    register), `shared:edition`, `shared:persons`, `xslt` (every stylesheet and asset),
    `sources` (the sources built, in order), `option:base-url`, `file:<path>` and `tree:<path>`
    (a file or folder of the project, from its root). A builder without outputs of a
    kind returns no outputs for it and is never run for it.
    """

    name = ""

    def __init__(self, context: Context) -> None:
        self.context = context

    def doc_inputs(self, source: Source) -> list[str]:
        return []

    def doc_outputs(self, source: Source) -> list[Path]:
        return []

    def finish_inputs(self) -> list[str]:
        return []

    def finish_outputs(self) -> list[Path]:
        return []

    def prepare(self) -> None:
        """Get ready to write (compile the stylesheet once); called only when there is work."""

    def write_doc(self, source: Source) -> None:
        """Write this builder's output for one source."""

    def finish(self) -> None:
        """Write what depends on every source."""


def compile_stylesheet(context: Context, name: str):
    """Compile xslt/<name>.xsl once per session and stylesheets; its errors become a BuildError
    naming the file."""
    path = (context.xslt_dir / f"{name}.xsl").resolve()
    key = (str(path), context.digests.get("xslt", ""), context.base_url)
    if key in context.session.executables:
        return context.session.executables[key]
    if not path.is_file():
        raise BuildError(f"{path}: the stylesheet is missing")
    compiler = context.processor.new_xslt30_processor()
    try:
        executable = compiler.compile_stylesheet(stylesheet_file=str(path))
    except Exception as exc:  # saxonche raises PySaxonApiError with the compiler's message
        raise BuildError(f"{path}: the stylesheet does not compile: {exc}") from exc
    if executable is None:
        raise BuildError(f"{path}: the stylesheet does not compile")
    if context.base_url:
        executable.set_parameter("base-url", context.processor.make_string_value(context.base_url))
    for old in [k for k in context.session.executables if k[0] == key[0]]:
        del context.session.executables[old]  # compiled from stylesheets that changed since
    context.session.executables[key] = executable
    return executable


def schema_folder(context: Context) -> Path:
    """The schema beside the TEI folder (schema/), or the edition's own when the TEI is elsewhere
    (a folder of TEI files built on their own): what the manual and the downloads publish."""
    schema = context.tei_dir.parent / "schema"
    if not (schema / "bukharin.rng").is_file():
        schema = Path(__file__).resolve().parents[3] / "schema"
    return schema


FACTS = ".facts"  # edition/.facts/<builder>/<id>.xml (or .json): what a reduction keeps of each source


class Reduction(Builder):
    """A builder of pages made from every source (persons, chronology, search, …), written as a
    map and a reduce so that its cost grows with what it keeps of each source, not with the
    documents' trees: `facts_of()` reads one source (a per-source task, done by the workers of a
    parallel build, and redone only when that source changed) and is kept in edition/.facts/,
    as a small XML document when it is an element (TEI where TEI has the element, the facts
    vocabulary of publish/pages.py otherwise), as JSON when it is data; `reduce()` combines the
    facts of every built source, in order."""

    facts_format = "json"  # or "xml": facts_of() returns an lxml element

    def doc_inputs(self, source: Source) -> list[str]:
        return [f"tei:{source.id}"]

    def doc_outputs(self, source: Source) -> list[Path]:
        return [self.facts_path(source.id)]

    def facts_path(self, ident: str) -> Path:
        return self.context.out_dir / FACTS / self.name / f"{ident}.{self.facts_format}"

    def facts_of(self, source: Source) -> object:
        raise NotImplementedError

    def write_doc(self, source: Source) -> None:
        from ..tei import write_atomic
        from .state import digest

        facts = self.facts_of(source)
        if self.facts_format == "xml":
            data = etree.tostring(facts, encoding="utf-8")
        else:
            data = json.dumps(facts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path = self.facts_path(source.id)
        if not (path.is_file() and path.read_bytes() == data):
            write_atomic(path, data, durable=False)
        self.context.facts[f"{self.name}:{source.id}"] = digest(data)

    def every_fact(self) -> list[str]:
        """The input keys of the reduction: the sources built, in order, and their facts (an
        edit that changes none of the facts it reads leaves its pages as they are)."""
        return ["sources", *(f"facts:{self.name}:{s.id}" for s in self.context.sources if not s.failed)]

    def gathered(self):
        """(source, facts) for every built source, in the sources' order; facts missing or
        unreadable (a folder copied without its hidden files) are made again from the source."""
        for source in self.context.sources:
            if source.failed:
                continue
            try:
                data = self.facts_path(source.id).read_bytes()
                facts = etree.fromstring(data) if self.facts_format == "xml" else json.loads(data)
            except (OSError, ValueError, etree.XMLSyntaxError):
                facts = self.facts_of(source)
                source.release()
            yield source, facts

    def finish(self) -> None:
        self.reduce(self.gathered())

    def reduce(self, gathered) -> None:
        raise NotImplementedError


def every_source(context: Context) -> list[str]:
    """The input keys of a page made from every source's text (person index, search, …)."""
    return ["sources", *(f"tei:{s.id}" for s in context.sources if not s.failed)]
