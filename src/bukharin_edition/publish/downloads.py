"""The downloads: the plain reading text of every source (edition/text/<id>.txt) and the schema
the published TEI files point at (edition/schema/). No pages: the views link the files."""
from __future__ import annotations

from pathlib import Path

from ..tei import PUBLISHED_SCHEMA, XML_ID, tei
from .base import Builder, Source, schema_folder
from .pages import write_file
from .text import citable, reading_text, source_title, squeeze


class DownloadsBuilder(Builder):
    """edition/text/<id>.txt: the plain reading text of every source, a block a paragraph; and
    edition/schema/: the schema the published TEI files' xml-model instructions point at."""

    name = "downloads"

    def finish_inputs(self) -> list[str]:
        return ["tree:schema"]

    def finish_outputs(self) -> list[Path]:
        return [self.context.out_dir / "schema" / name for name in PUBLISHED_SCHEMA
                if (self.schema_dir / name).is_file()]

    @property
    def schema_dir(self) -> Path:
        return schema_folder(self.context)

    def finish(self) -> None:
        for name in PUBLISHED_SCHEMA:
            if (self.schema_dir / name).is_file():
                write_file(self, f"schema/{name}", (self.schema_dir / name).read_bytes())

    def doc_inputs(self, source: Source) -> list[str]:
        return [f"tei:{source.id}", "xslt"]

    def doc_outputs(self, source: Source) -> list[Path]:
        return [self.context.out_dir / "text" / f"{source.id}.txt"]

    def write_doc(self, source: Source) -> None:
        text = source.tree.getroot().find(tei("text"))
        if text is None:
            return
        lines = [f"{source_title(source)}", f"The Bukharin documents, {source.id}: reading text", ""]
        for block in citable(text):
            body = squeeze(reading_text(block)[0])
            if body:
                lines.append(f"[{block.get(XML_ID)}] {body}")
                lines.append("")
        write_file(self, f"text/{source.id}.txt", "\n".join(lines).encode("utf-8"))
