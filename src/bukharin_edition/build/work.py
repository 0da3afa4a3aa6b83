"""The work of one source, as a function of its path and the build's settings.

`load_source` admits one TEI file (well-formed, valid given a validator, a TEI root whose
xml:id is the file's name); `render_source` admits it and writes its pages and TEI copy. Both
the in-process build and the worker processes of a parallel build call them; a worker keeps
its processor, validator and compiled stylesheets for every source it renders.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import EditionError
from ..tei import TEI_NS, XML_ID, parse_tei, tei
from .base import Context, Source


@dataclass(frozen=True)
class Settings:
    """What a build's per-source work depends on, besides the source."""

    tei_dir: Path
    xslt_dir: Path
    out_dir: Path
    base_url: str = ""
    schema_dir: Path | None = None


@dataclass
class Outcome:
    """What the parent needs of one rendered source: its id, its header, the files, the problems."""

    path: Path
    id: str = ""
    header: bytes = b""  # a TEI element holding only the source's teiHeader; empty if not admitted
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    failed: bool = False


def load_source(path: Path, processor, validator=None) -> tuple[Source | None, list[str]]:
    """Parse and check one TEI file; a file that cannot be built gives None and its problems."""
    try:
        tree = parse_tei(path)
    except EditionError as exc:
        return None, [exc.message]
    if validator is not None:
        errors = [p for p in validator.check_file(path) if p.severity == "error"]
        if errors:
            return None, [f"{problem.text()} (not built)" for problem in errors]
    root = tree.getroot()
    if root.tag != tei("TEI"):
        return None, [f"{path}:{root.sourceline}: the root element is not a TEI element"]
    ident = root.get(XML_ID) or ""
    if ident != path.stem:
        return None, [
            f"{path}:{root.sourceline}: the TEI element's xml:id is '{ident}', but the file is "
            f"named {path.name}; make them agree (the pages' addresses come from the id)"]
    node = processor.parse_xml(xml_file_name=str(path.resolve()))
    return Source(ident, path, tree, node), []


def header_only(source: Source) -> bytes:
    """The source's TEI element with its teiHeader only: all the index needs of it."""
    member = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    member.set(XML_ID, source.id)
    header = source.tree.getroot().find(tei("teiHeader"))
    if header is not None:
        member.append(copy.deepcopy(header))
    return etree.tostring(member)


class _Tools:
    """One process's processor, validator and per-source builders, made once."""

    def __init__(self, settings: Settings) -> None:
        from .builders import PER_SOURCE
        from .pipeline import new_processor

        self.context = Context(settings.tei_dir, settings.xslt_dir, settings.out_dir,
                               new_processor(), base_url=settings.base_url)
        self.validator = None
        if settings.schema_dir is not None:
            from ..validate import Validator
            self.validator = Validator(settings.schema_dir)
        self.builders = [builder(self.context) for builder in PER_SOURCE]
        for builder in self.builders:
            builder.prepare()


_TOOLS: dict[Settings, _Tools] = {}


def render_source(path: Path, settings: Settings) -> Outcome:
    """Admit one TEI file and write its views and TEI copy; never raises for the file's faults."""
    outcome = Outcome(Path(path))
    try:
        tools = _TOOLS.get(settings) or _TOOLS.setdefault(settings, _Tools(settings))
        source, outcome.problems = load_source(Path(path), tools.context.processor, tools.validator)
        if source is None:
            return outcome
        context = tools.context
        context.problems, context.written = [], []
        for builder in tools.builders:
            builder.write_doc(source)
        outcome.id, outcome.failed = source.id, source.failed
        outcome.header = header_only(source)
        outcome.problems += context.problems
        outcome.written = list(context.written)
    except EditionError as exc:
        outcome.problems.append(exc.message)
        outcome.failed = True
    except Exception as exc:  # a fault of this file must not stop the others
        outcome.problems.append(f"{path}: cannot be built: {type(exc).__name__}: {exc}")
        outcome.failed = True
    return outcome
