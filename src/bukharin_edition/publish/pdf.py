"""The printed edition: edition/pdf/<id>.pdf, <id>-diplomatic.pdf and edition.pdf.

xslt/print.xsl makes HTML of each source (reading and diplomatic mode) and of the front and
back matter; WeasyPrint lays it out with xslt/assets/print.css. Each source is laid out once,
in a process of its own (in parallel); its page count and the page of every anchor (persons,
blocks, footnotes) come from that layout. Page numbers are then stamped on the pages: 1..n in
the source's own PDF, the edition's continuous numbers in edition.pdf, which is assembled from
the same laid-out pages with pypdf (front matter in roman numbers, sources from page 1, then
the apparatus and the index of persons, whose page numbers come from the sources' layouts).
A layout is reused while the hash of its inputs (HTML, CSS, fonts' names) is unchanged.
"""
from __future__ import annotations

import copy
import hashlib
import io
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from lxml import etree

from ..tei import TEI_NS, tei, write_atomic
from .base import Builder, Source, compile_stylesheet, every_source
from .builders import _located, _saxon_stderr_silenced, corpus_of_headers

CSS_NAME = "print.css"
TEXTS = ("reading", "diplomatic")
FONT = "Noto Serif"
# WeasyPrint writes tagged PDF (structure tree, XMP) for PDF/UA-1; a source's own PDF keeps it
# (its page numbers are stamped as pagination artifacts); edition.pdf, joined page by page,
# does not (pypdf does not merge structure trees).
PDF_VARIANT = "pdf/ua-1"


def _file_name(source_id: str, text: str) -> str:
    return f"{source_id}.pdf" if text == "reading" else f"{source_id}-diplomatic.pdf"


class PdfBuilder(Builder):
    """The PDFs of the edition (made in finish(): sources are laid out in parallel)."""

    name = "pdf"

    def prepare(self) -> None:
        self.executable = compile_stylesheet(self.context, "print")
        self.css = self.context.xslt_dir / "assets" / CSS_NAME
        if not self.css.is_file():
            from ..errors import BuildError
            raise BuildError(f"{self.css}: the print stylesheet is missing")
        self.html: dict[tuple[str, str], str] = {}

    # The PDFs depend on every source (edition.pdf holds them all, with continuous pages), so
    # the builder works in finish(); a source whose HTML is unchanged reuses its cached layout.
    def finish_inputs(self) -> list[str]:
        return [*every_source(self.context), "shared:persons", "shared:edition", "xslt", "option:base-url"]

    def finish_outputs(self) -> list[Path]:
        return [self.context.out_dir / "pdf" / "edition.pdf"]

    def finish(self) -> None:
        # A source another view could not render is tried too, so that its print problem is named.
        for source in self.context.sources:
            for text in TEXTS:
                html = self._transform(source.node, text=text, where=source)
                if html:
                    self.html[(source.id, text)] = html
        _check_font()
        out = self.context.out_dir / "pdf"
        cache = out / ".layout"
        css = self.css.read_text(encoding="utf-8")
        jobs = []
        for (source_id, text), html in self.html.items():
            digest = hashlib.sha256((html + "\0" + css).encode("utf-8")).hexdigest()
            jobs.append((source_id, text, html, digest))
        layouts = lay_out_all(jobs, css, cache, self.context.problems)
        for (source_id, text), layout in layouts.items():
            target = out / _file_name(source_id, text)
            if layout.get("reused") and target.is_file() and \
                    target.stat().st_mtime_ns >= (cache / f"{source_id}.{text}.pdf").stat().st_mtime_ns:
                self.context.written.append(target)  # its layout, and so the PDF, is unchanged
                continue
            title = self._title(source_id) + (" (diplomatic text)" if text == "diplomatic" else "")
            data = assemble([(layout["pdf"], 1)], title=title, **self._facts(source_id))
            write_atomic(target, data)
            self.context.written.append(target)
        self._edition(out, css, layouts)
        keep = {_file_name(s, t) for (s, t) in layouts} | {"edition.pdf"}
        for old in out.glob("*.pdf") if out.is_dir() else ():
            if old.name not in keep:
                old.unlink()

    # ------------------------------------------------------------------ edition.pdf
    def _edition(self, out: Path, css: str, layouts: dict) -> None:
        order = [s.id for s in self.context.sources if (s.id, "reading") in layouts]
        lacking = [s.id for s in self.context.sources if (s.id, "reading") not in layouts]
        if lacking or not order:
            (out / "edition.pdf").unlink(missing_ok=True)
            self.context.problems.append(
                f"edition.pdf: not written, since it would lack {', '.join(lacking) or 'every source'} "
                "(see the problems above)")
            return
        pages = etree.Element("pages")
        start = 1
        for source_id in order:
            layout = layouts[(source_id, "reading")]
            etree.SubElement(pages, "source", id=source_id, start=str(start), count=str(layout["count"]))
            for anchor, index in layout["anchors"].items():
                etree.SubElement(pages, "a", id=anchor, p=str(start + index))
            start += layout["count"]
        corpus = self._corpus()
        back_html = self._transform_corpus(corpus, "back", pages)
        if not back_html:
            return
        back = lay_out(back_html, css)
        for anchor in ("apparatus", "persons"):
            if anchor in back["anchors"]:
                etree.SubElement(pages, "a", id=anchor, p=str(start + back["anchors"][anchor]))
        front_html = self._transform_corpus(corpus, "front", pages)
        if not front_html:
            return
        front = lay_out(front_html, css)
        starts = {source_id: front["count"] + int(e.get("start")) - 1
                  for source_id, e in ((e.get("id"), e) for e in pages.iter("source"))}
        numbers = ["" if index == 0 else _roman(index + 1) for index in range(front["count"])]
        numbers += [str(n) for n in range(1, start + back["count"])]
        data = self._one_document(front_html, order, back_html, css, starts, numbers, front["count"])
        if data is None:  # joined page by page from the layouts (subsets repeated, untagged)
            parts = [(front["pdf"], None)]
            first = 1
            for source_id in order:
                layout = layouts[(source_id, "reading")]
                parts.append((layout["pdf"], first))
                first += layout["count"]
            parts.append((back["pdf"], first))
            data = assemble(parts, title="The Bukharin documents", author="The editors of The Bukharin documents",
                            lang="en", front_pages=front["count"])
        target = out / "edition.pdf"
        write_atomic(target, data)
        self.context.written.append(target)
        write_atomic(out / "edition.json", json.dumps({
            "front_pages": front["count"],
            "sources": {s: {"start": int(e.get("start")), "count": int(e.get("count")),
                            "footnotes": layouts[(s, "reading")]["footnotes"]}
                        for s, e in ((e.get("id"), e) for e in pages.iter("source"))},
        }, indent=1).encode("utf-8"))

    def _one_document(self, front_html: str, order: list[str], back_html: str, css: str,
                      starts: dict[str, int], numbers: list[str], front_pages: int) -> bytes | None:
        """edition.pdf laid out as one document (front matter, every source's reading text, back
        matter): each face is embedded once, as one subset, and the PDF is tagged (PDF/UA-1, one
        structure tree). None, with the problem reported, if a source would not begin on the
        page its own layout gave it (the contents and the index give those pages)."""
        html = one_document([front_html, *(self.html[(s, "reading")] for s in order), back_html])
        layout = lay_out(html, css)
        moved = [f"{s} on page {layout['anchors'].get(s, -1) + 1}, not {at + 1}"
                 for s, at in starts.items() if layout["anchors"].get(s) != at]
        if moved or layout["count"] != len(numbers):
            self.context.problems.append(
                "edition.pdf: laid out as one document, the sources do not begin where their own "
                f"layouts do ({'; '.join(moved) or 'the page count differs'}); joined page by page instead")
            return None
        return assemble([(layout["pdf"], 1)], title="The Bukharin documents",
                        author="The editors of The Bukharin documents", lang="en",
                        front_pages=front_pages, numbers=numbers)

    def _corpus(self) -> etree._Element:
        corpus = corpus_of_headers(self.context)
        for member in corpus.findall(tei("TEI")):
            source = next(s for s in self.context.sources if s.id == member.get("{http://www.w3.org/XML/1998/namespace}id"))
            member.append(copy.deepcopy(source.tree.getroot().find(tei("text"))))
        persons = next((p for p in self.context.shared if p.stem == "persons"), None)
        if persons is not None:
            stand_off = etree.parse(str(persons)).getroot().find(tei("standOff"))
            if stand_off is not None:
                corpus.append(stand_off)
        return corpus

    def _transform_corpus(self, corpus, part: str, pages) -> str:
        proc = self.context.processor
        node = proc.parse_xml(xml_text=etree.tostring(corpus, encoding="unicode"))
        self.executable.set_parameter("part", proc.make_string_value(part))
        self.executable.set_parameter("pages", proc.parse_xml(xml_text=etree.tostring(pages, encoding="unicode")))
        try:
            return self._transform(node, text="reading", where=None)
        finally:
            self.executable.clear_parameters()

    def _transform(self, node, text: str, where: Source | None) -> str | None:
        proc = self.context.processor
        self.executable.set_parameter("text", proc.make_string_value(text))
        try:
            with _saxon_stderr_silenced():
                html = self.executable.transform_to_string(xdm_node=node)
        except Exception as exc:
            problem = str(exc).strip()
            self.context.problems.append(_located(where, f"{text} print", problem) if where
                                         else f"the printed edition's front or back matter: {problem}")
            return None
        if not html:
            self.context.problems.append(f"{where.path if where else 'edition'}: the {text} print came out empty")
        return html

    def _facts(self, source_id: str) -> dict:
        """The PDF's author (the source's, as its header names them) and language."""
        root = next(s for s in self.context.sources if s.id == source_id).tree.getroot()
        authors = [" ".join("".join(a.itertext()).split()) for a in root.iterfind(
            f"{tei('teiHeader')}/{tei('fileDesc')}/{tei('sourceDesc')}/{tei('bibl')}/{tei('author')}")]
        authors = [a for a in authors if a and a != "not known"]
        return {"author": "; ".join(authors) or "not known",
                "lang": root.get("{http://www.w3.org/XML/1998/namespace}lang") or "en"}

    def _title(self, source_id: str) -> str:
        source = next(s for s in self.context.sources if s.id == source_id)
        title = source.tree.getroot().find(f"{tei('teiHeader')}/{tei('fileDesc')}/{tei('titleStmt')}/{tei('title')}")
        return " ".join("".join(title.itertext()).split()) if title is not None else source_id


def _check_font() -> None:
    """A missing text face would silently fall back to another: stop with what to install."""
    import shutil
    import subprocess

    if shutil.which("fc-list") is None:
        return
    found = subprocess.run(["fc-list", f":family={FONT}"], capture_output=True, text=True).stdout
    if not found.strip():
        from ..errors import BuildError
        raise BuildError(f"the font '{FONT}' is not installed: install the Debian package "
                         "fonts-noto-core (make setup does) and build again")


# ---------------------------------------------------------------------- layout
def lay_out(html: str, css: str) -> dict:
    """Lay out one HTML document: its PDF (no page numbers), page count, anchors' pages."""
    from weasyprint import CSS, HTML

    document = HTML(string=html, base_url=None).render(stylesheets=[CSS(string=css)])
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            anchors.setdefault(anchor, index)
    footnotes = sum(1 for anchor in anchors if anchor.startswith("fn-"))
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    return {"pdf": pdf, "count": len(document.pages), "anchors": anchors, "footnotes": footnotes}


def _lay_out_job(job) -> tuple:
    source_id, text, html, digest, css = job
    try:
        return source_id, text, digest, lay_out(html, css)
    except Exception as exc:  # reported with the source's name; its PDF is not written
        return source_id, text, digest, f"{type(exc).__name__}: {exc}"


def lay_out_all(jobs, css: str, cache: Path, problems: list[str]) -> dict:
    """Lay out every (source, text) whose inputs changed, in parallel; reuse the others."""
    layouts: dict = {}
    todo = []
    for source_id, text, html, digest in jobs:
        meta, pdf = cache / f"{source_id}.{text}.json", cache / f"{source_id}.{text}.pdf"
        if meta.is_file() and pdf.is_file():
            recorded = json.loads(meta.read_text(encoding="utf-8"))
            if recorded.get("sha256") == digest:
                layouts[(source_id, text)] = {**recorded, "pdf": pdf.read_bytes(), "reused": True}
                continue
        todo.append((source_id, text, html, digest, css))
    if todo:
        workers = max(1, min(len(todo), os.cpu_count() or 1))
        if workers == 1:
            results = map(_lay_out_job, todo)
        else:
            # spawn, not fork: the build's process holds Saxon's native runtime and its threads
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
            results = pool.map(_lay_out_job, sorted(todo, key=lambda j: -len(j[2])))
        for source_id, text, digest, layout in results:
            if isinstance(layout, str):
                problems.append(f"{source_id}: the {text} PDF cannot be laid out: {layout}")
                (cache.parent / _file_name(source_id, text)).unlink(missing_ok=True)
                continue
            write_atomic(cache / f"{source_id}.{text}.pdf", layout["pdf"])
            write_atomic(cache / f"{source_id}.{text}.json", json.dumps(
                {k: v for k, v in layout.items() if k != "pdf"} | {"sha256": digest}).encode("utf-8"))
            layouts[(source_id, text)] = layout
        if workers > 1:
            pool.shutdown()
    return layouts


# ---------------------------------------------------------------------- assembly
def folios(numbers: list[str]) -> bytes:
    """A PDF of empty A5 pages, each with its page number at the foot (stamped on the text)."""
    from weasyprint import HTML

    pages = "".join(f'<div class="p"><span>{n}</span></div>' for n in numbers)
    html = ("<html><head><style>@page { size: A5; margin: 0 }"
            "body { margin: 0 } .p { height: 210mm; position: relative; break-after: page }"
            ".p span { position: absolute; bottom: 10mm; left: 0; right: 0; text-align: center;"
            f"font: 8.5pt '{FONT}', serif }}</style></head><body>{pages}</body></html>")
    return HTML(string=html).write_pdf()


def _roman(n: int) -> str:
    values = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, letters in values:
        while n >= value:
            out, n = out + letters, n - value
    return out


def assemble(parts, title: str, author: str, lang: str, front_pages: int = 0,
             numbers: list[str] | None = None) -> bytes:
    """Join laid-out PDFs, stamp their page numbers (None: roman, the first page unnumbered;
    or the given `numbers`, one per page), keep their bookmarks (headings), add page labels and
    metadata."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    given = numbers
    numbers = []
    if len(parts) == 1:  # one laid-out PDF: keep its catalog (structure tree, XMP, outline)
        data, first = parts[0]
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        numbers = given or [str(first + index) for index in range(len(writer.pages))]
    else:
        writer = PdfWriter()
        for data, first in parts:
            reader = PdfReader(io.BytesIO(data))
            offset = len(writer.pages)
            for index, page in enumerate(reader.pages):
                writer.add_page(page)
                numbers.append("" if first is None and index == 0 else
                               _roman(index + 1) if first is None else str(first + index))
            _copy_outline(writer, reader, reader.outline, offset)
    stamps = PdfWriter(clone_from=PdfReader(io.BytesIO(folios(numbers))))
    for page, stamp, number in zip(writer.pages, stamps.pages, numbers):
        if number:
            _as_artifact(stamp)
            page.merge_page(stamp)
    if front_pages:
        writer.set_page_label(0, front_pages - 1, style="/r")
        writer.set_page_label(front_pages, len(writer.pages) - 1, style="/D", start=1)
    writer.add_metadata({"/Title": title, "/Author": author,
                         "/Creator": "The Bukharin documents: print.xsl, WeasyPrint, pypdf"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    buffer = io.BytesIO()
    writer.write(buffer)
    return compact(buffer.getvalue())


def compact(data: bytes) -> bytes:
    """The PDF written again with qpdf (pikepdf): its objects in compressed object streams and
    every stream compressed. pypdf writes each object on its own and leaves merged pages' text
    uncompressed: a tagged edition.pdf's thousands of structure elements came to 2.6 MB."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    return out.getvalue()


def one_document(documents: list[str]) -> str:
    """One HTML document of several made by print.xsl: each one's body in a division that keeps
    its language; the first one's head."""
    import lxml.html

    parsed = [lxml.html.document_fromstring(document) for document in documents]
    parts = [(d.get("lang", "en"), d.find("body").get("class", ""), list(d.find("body"))) for d in parsed]
    whole = parsed[0]
    body = whole.find("body")
    body.clear()
    for lang, kind, children in parts:
        part = etree.SubElement(body, "div", {"class": f"pr-part {kind}".strip(), "lang": lang})
        part.extend(children)
    return lxml.html.tostring(whole, doctype="<!DOCTYPE html>", encoding="unicode")


def _copy_outline(writer, reader, items, offset: int, parent=None) -> None:
    """Copy a laid-out PDF's bookmarks (WeasyPrint makes them from the headings), pages moved."""
    last = parent
    for item in items:
        if isinstance(item, list):
            _copy_outline(writer, reader, item, offset, last)
        else:
            page = reader.get_destination_page_number(item)
            last = writer.add_outline_item(title=item.title, page_number=offset + page, parent=parent)


def _as_artifact(page) -> None:
    """Mark a stamped page number as a pagination artifact (not content, for tagged PDF)."""
    from pypdf.generic import ContentStream

    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    stream = ContentStream(None, None)
    stream.set_data(b"/Artifact <</Type /Pagination>> BDC\n" + data + b"\nEMC\n")
    page.replace_contents(stream)
