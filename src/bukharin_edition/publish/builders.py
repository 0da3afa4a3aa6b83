"""The builders of the edition: the three views of every source, the index, the files."""
from __future__ import annotations

import contextlib
import copy
import os
import re
from pathlib import Path

from lxml import etree

from ..tei import TEI_NS, XML_ID, parse_tei, published_copy, tei, write_atomic
from .base import FACTS, Builder, Context, Reduction, Source, compile_stylesheet
from .dts import DtsBuilder
from .search import SearchBuilder
from .chronology import ChronologyBuilder
from .downloads import DownloadsBuilder
from .manual import ManualBuilder
from .persons import PersonsBuilder

_SAXON_PATH = re.compile(r"(/Q\{[^}]*\}[\w.-]+\[\d+\])+")


class ViewBuilder(Builder):
    """One HTML page per source, made by one stylesheet: edition/<id>/<filename>."""

    stylesheet = ""
    filename = ""

    def doc_inputs(self, source: Source) -> list[str]:
        # The persons a page mentions: their register entries are part of what it shows; and the
        # previous and next sources, whose titles its navigation shows.
        persons = [f"person:{ref}" for ref in source.facts.persons]
        sources = self.context.sources
        at = source.position
        neighbours = [f"header:{other.id}" for other in sources[max(0, at - 1):at + 2] if other is not source]
        return [f"tei:{source.id}", "xslt", "option:base-url", *persons, *neighbours]

    def doc_outputs(self, source: Source) -> list[Path]:
        return [self.context.out_dir / source.id / self.filename]

    def prepare(self) -> None:
        self.executable = compile_stylesheet(self.context, self.stylesheet)

    def write_doc(self, source: Source) -> None:
        self._neighbours(source)
        path = self.context.out_dir / source.id / self.filename
        extras = self._extras(source)
        # Saxon writes the page itself, into a file beside it that then replaces it: a long
        # page never passes through Python as a string (100,000 paragraphs are some 250 MB)
        temporary = _temporary(path)
        try:
            with _saxon_stderr_silenced():
                self.executable.transform_to_file(xdm_node=source.node, output_file=str(temporary))
        except Exception as exc:  # PySaxonApiError: the message only (see TOOLCHAIN.md)
            for made in (temporary, *(t for t, _ in extras)):
                made.unlink(missing_ok=True)
            self._failed(source, _located(source, self.name, str(exc).strip()))
            return
        if not temporary.is_file() or not temporary.stat().st_size:
            temporary.unlink(missing_ok=True)
            self._failed(source, f"{source.path}: the {self.name} view came out empty")
            return
        for made, target in extras:
            if made.is_file():
                os.replace(made, target)
        os.replace(temporary, path)
        self.context.written.append(path)

    def _extras(self, source: Source) -> list[tuple[Path, Path]]:
        """The files the stylesheet writes beside the page: (temporary, final) pairs."""
        return []

    def _neighbours(self, source: Source) -> None:
        """Tell the page frame the previous and the next source (ids and titles)."""
        from .text import source_title

        sources = self.context.sources
        at = source.position
        make = self.context.processor.make_string_value
        for side, other in (("prev", sources[at - 1] if at > 0 else None),
                            ("next", sources[at + 1] if at + 1 < len(sources) else None)):
            self.executable.set_parameter(f"{side}-id", make(other.id if other else ""))
            self.executable.set_parameter(f"{side}-title", make(source_title(other) if other else ""))

    def _failed(self, source: Source, problem: str) -> None:
        """Report the problem; leave no page of an earlier build that would now be stale."""
        self.context.problems.append(problem)
        source.failed = True
        (self.context.out_dir / source.id / self.filename).unlink(missing_ok=True)


class ReadingBuilder(ViewBuilder):
    """The reading page, and the search records cut from it as it is made (see records_path)."""

    name, stylesheet, filename = "reading", "reading", "reading.html"

    def doc_outputs(self, source: Source) -> list[Path]:
        return [*super().doc_outputs(source), records_path(self.context, source.id)]

    def _extras(self, source: Source) -> list[tuple[Path, Path]]:
        target = records_path(self.context, source.id)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = _temporary(target)
        self.executable.set_parameter("records-href", self.context.processor.make_string_value(
            temporary.resolve().as_uri()))
        return [(temporary, target)]

    def _failed(self, source: Source, problem: str) -> None:
        super()._failed(source, problem)
        records_path(self.context, source.id).unlink(missing_ok=True)


def records_path(context: Context, ident: str) -> Path:
    """edition/.facts/records/<id>.json: the search records of a source's reading page, written
    by reading.xsl with the page (the search builder reads them instead of the page)."""
    return context.out_dir / FACTS / "records" / f"{ident}.json"


def _temporary(path: Path) -> Path:
    """A file name beside path for writing it whole before it replaces path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


class DiplomaticBuilder(ViewBuilder):
    name, stylesheet, filename = "diplomatic", "diplomatic", "diplomatic.html"


class ApparatusBuilder(ViewBuilder):
    name, stylesheet, filename = "apparatus", "apparatus", "apparatus.html"


class ParallelBuilder(ViewBuilder):
    name, stylesheet, filename = "parallel", "parallel", "parallel.html"


class IndexBuilder(Reduction):
    """edition/index.html: every source with its bibliographic facts (a reduction over the
    sources' headers)."""

    name = "index"
    facts_format = "xml"

    def doc_inputs(self, source: Source) -> list[str]:
        return [f"header:{source.id}"]

    def facts_of(self, source: Source) -> etree._Element:
        """The source's TEI header (an empty TEI element for a file without one)."""
        header = source.tree.getroot().find(tei("teiHeader"))
        return copy.deepcopy(header) if header is not None else etree.Element(tei("TEI"))

    def finish_inputs(self) -> list[str]:
        headers = [f"header:{s.id}" for s in self.context.sources if not s.failed]
        return ["xslt", "option:base-url", "shared:edition", "sources", *headers]

    def finish_outputs(self) -> list[Path]:
        return [self.context.out_dir / "index.html"]

    def prepare(self) -> None:
        self.executable = compile_stylesheet(self.context, "index")

    def reduce(self, gathered) -> None:
        corpus = _corpus_root(self.context)
        for source, facts in gathered:
            member = etree.SubElement(corpus, tei("TEI"))
            member.set(XML_ID, source.id)
            if facts.tag == tei("teiHeader"):
                member.append(facts)
        node = self.context.processor.parse_xml(xml_text=etree.tostring(corpus, encoding="unicode"))
        try:
            html = self.executable.transform_to_string(xdm_node=node)
        except Exception as exc:
            self.context.problems.append(f"index: cannot be written: {exc}")
            return
        path = self.context.out_dir / "index.html"
        write_atomic(path, html.encode("utf-8"), durable=False)
        self.context.written.append(path)


class FilesBuilder(Builder):
    """The shared assets (edition/assets/) and a copy of every TEI file (edition/tei/)."""

    name = "files"

    def doc_inputs(self, source: Source) -> list[str]:
        return [f"tei:{source.id}"]

    def doc_outputs(self, source: Source) -> list[Path]:
        return [self.context.out_dir / "tei" / source.path.name]

    def finish_inputs(self) -> list[str]:
        return ["xslt", "shared:edition", "shared:persons"]

    def finish_outputs(self) -> list[Path]:
        outputs = [self.context.out_dir / "tei" / shared.name for shared in self.context.shared]
        assets = self.context.xslt_dir / "assets"
        for asset in sorted(assets.iterdir()) if assets.is_dir() else ():
            if asset.is_file():
                outputs.append(self.context.out_dir / "assets" / asset.name)
        return outputs

    def write_doc(self, source: Source) -> None:
        self._copy(source.path, self.context.out_dir / "tei" / source.path.name, published=True)

    def finish(self) -> None:
        for shared in self.context.shared:
            self._copy(shared, self.context.out_dir / "tei" / shared.name)
        assets = self.context.xslt_dir / "assets"
        for asset in sorted(assets.iterdir()) if assets.is_dir() else ():
            if asset.is_file():
                self._copy(asset, self.context.out_dir / "assets" / asset.name)

    def _copy(self, origin: Path, target: Path, published: bool = False) -> None:
        data = published_copy(origin.read_bytes()) if published else origin.read_bytes()
        if not (target.is_file() and target.read_bytes() == data):
            write_atomic(target, data, durable=False)
        self.context.written.append(target)


BUILDERS: tuple[type[Builder], ...] = (
    ReadingBuilder, DiplomaticBuilder, ApparatusBuilder, ParallelBuilder, IndexBuilder, FilesBuilder,
    PersonsBuilder, ChronologyBuilder, DownloadsBuilder, DtsBuilder, ManualBuilder, SearchBuilder,
)
# the builders whose write_doc() is all the work of one source (a parallel build's workers run them)
PER_SOURCE: tuple[type[Builder], ...] = (ReadingBuilder, DiplomaticBuilder, ApparatusBuilder, FilesBuilder)


def _corpus_root(context: Context) -> etree._Element:
    """A teiCorpus holding edition.xml's header."""
    corpus = etree.Element(tei("teiCorpus"), nsmap={None: TEI_NS})
    edition = next((p for p in context.shared if p.stem == "edition"), None)
    if edition is not None:
        header = parse_tei(edition).getroot().find(tei("teiHeader"))
        if header is not None:
            corpus.append(copy.deepcopy(header))
    return corpus


def corpus_of_headers(context: Context) -> etree._Element:
    """A teiCorpus of edition.xml's header and each source's header, in the sources' order."""
    corpus = _corpus_root(context)
    for source in context.sources:
        if source.failed:
            continue
        member = etree.SubElement(corpus, tei("TEI"))
        member.set(XML_ID, source.id)
        header = parse_tei(source.path).getroot().find(tei("teiHeader"))  # not kept: one tree at a time
        if header is not None:
            member.append(header)
    return corpus


@contextlib.contextmanager
def _saxon_stderr_silenced():
    """Keep Saxon's stack dump off the user's terminal: the error itself is reported, with
    its file and line, by the build (SaxonC writes the dump to file descriptor 2)."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    sink = os.open(os.devnull, os.O_WRONLY)
    os.dup2(sink, 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(sink)


def _located(source: Source, view: str, message: str) -> str:
    """Turn a Saxon error that names an XPath into 'file:line: message'."""
    line = 0
    found = _SAXON_PATH.search(message)
    if found:
        xpath = re.sub(r"Q\{" + re.escape(TEI_NS) + r"\}", "t:", found.group(0))
        try:
            hits = source.tree.xpath(xpath, namespaces={"t": TEI_NS})
        except etree.XPathError:
            hits = []
        if hits and getattr(hits[0], "sourceline", None):
            line = hits[0].sourceline
        message = message.replace(found.group(0), xpath.replace("t:", ""))
    where = f"{source.path}:{line}" if line else str(source.path)
    return f"{where}: the {view} view cannot be rendered: {message}"
