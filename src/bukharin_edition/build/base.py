"""What every builder shares: the build's context and the builder protocol."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import BuildError


@dataclass
class Source:
    """One gathered source: its TEI file, lxml tree (for line numbers) and Saxon node."""

    id: str
    path: Path
    tree: etree._ElementTree
    node: object  # saxonche.PyXdmNode
    failed: bool = False  # a view could not be rendered: the index leaves it out


@dataclass
class Context:
    """What the builders of one build share: folders, the Saxon processor, the sources."""

    tei_dir: Path
    xslt_dir: Path
    out_dir: Path
    processor: object  # saxonche.PySaxonProcessor, created once per build
    sources: list[Source] = field(default_factory=list)
    shared: list[Path] = field(default_factory=list)  # edition.xml, persons.xml
    base_url: str = ""
    problems: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


class Builder:
    """One output of the edition."""

    name = ""

    def __init__(self, context: Context) -> None:
        self.context = context

    def prepare(self) -> None:
        """Get ready to write (compile the stylesheet once)."""

    def write_doc(self, source: Source) -> None:
        """Write this builder's output for one source."""

    def finish(self) -> None:
        """Write what depends on every source."""


def compile_stylesheet(context: Context, name: str):
    """Compile xslt/<name>.xsl once; its errors become a BuildError naming the file."""
    path = (context.xslt_dir / f"{name}.xsl").resolve()
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
    return executable
