"""One measured step of the benchmark, run in a fresh process by `bench.run`.

    python -m bukharin_edition.bench.steps STEP ROOT TEI_DIR OUT_DIR JOBS [PROFILE]

Prints one JSON line: the number of documents the step handled, the problems it found and what
else it measured inside the process (tasks run, seconds of its parts, pages).
With PROFILE, the step runs under cProfile and the statistics are written there.
"""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

SHARED = ("edition", "persons")


def _documents(tei_dir: Path) -> list[Path]:
    return sorted(p for p in tei_dir.glob("*.xml") if p.stem not in SHARED)


def convert(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """Encode every source of the manifest (in memory: the TEI files are not rewritten)."""
    from .. import convert as converting
    from ..manifest import load_manifest
    from ..project import Project

    project = Project(root)
    manifest = load_manifest(project.manifest, profiles=converting.PROFILES)
    documents = converting.encode_all(manifest)
    return {"documents": len(manifest.sources), "files": len(documents)}


def validate(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    from ..validate import Validator

    validator = Validator(root / "schema")
    files = _documents(tei_dir)
    errors = sum(1 for f in files for p in validator.check_file(f) if p.severity == "error")
    return {"documents": len(files), "errors": errors}


def build(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """A full build of the HTML edition (every page, no PDF), validating every file first."""
    from ..publish import build_edition

    report = build_edition(tei_dir, root / "xslt", out, schema_dir=root / "schema", full=True, jobs=jobs)
    return {"documents": len(report.sources), "errors": len(report.problems), "files": len(report.written),
            "tasks": len(report.rebuilt)}


def render(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """The build without validating first: the HTML pages only."""
    from ..publish import build_edition

    report = build_edition(tei_dir, root / "xslt", out, full=True, jobs=jobs)
    return {"documents": len(report.sources), "errors": len(report.problems), "files": len(report.written)}


def noop(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """A build with nothing changed since the last one (run after `build` into the same folder)."""
    from ..publish import build_edition

    started = time.perf_counter()
    report = build_edition(tei_dir, root / "xslt", out, schema_dir=root / "schema", jobs=jobs)
    return {"documents": len(report.sources), "errors": len(report.problems), "files": len(report.written),
            "tasks": len(report.rebuilt), "build_s": round(time.perf_counter() - started, 3)}


def search(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """The search builder alone (all its tasks: the Pagefind index), on the pages the full build
    wrote into the same folder; every file is gathered and validated first (gather_s)."""
    from ..publish import build_edition

    marks: dict[str, float] = {}

    def progress(event: str, detail: str) -> None:
        marks[event] = time.perf_counter()  # the last of each kind

    started = time.perf_counter()
    report = build_edition(tei_dir, root / "xslt", out, schema_dir=root / "schema", full=True, jobs=jobs,
                           only=("search",), progress=progress)
    ended = time.perf_counter()
    gathered = marks.get("checked", started)
    return {"documents": len(report.sources), "errors": len(report.problems), "tasks": len(report.rebuilt),
            "gather_s": round(gathered - started, 3), "index_s": round(ended - gathered, 3)}


EDIT = " (edited)"


def edit_one_paragraph(text: str, mark: str = EDIT) -> str | None:
    """The file's text with `mark` appended to the first paragraph of its body (None: no
    paragraph there). A string edit: every other byte of the file stays as it was."""
    body = text.find("<body")
    if body < 0:
        return None
    depth = 0
    for tag in re.finditer(r"<p(?:\s[^>]*)?/>|<p(?:\s[^>]*)?>|</p>", text[body:]):
        if tag.group().endswith("/>"):
            continue
        if tag.group() == "</p>":
            depth -= 1
            if depth == 0:
                at = body + tag.start()
                return text[:at] + mark + text[at:]
        else:
            depth += 1
    return None


def one_file(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """An incremental build after one paragraph of one document changed (run after `build` into
    the same folder): the first document with a paragraph in its body, its bytes restored
    afterwards. Measures, from the build call, the seconds until that document's tasks are done,
    its reading page among them (page_s), and until the build ends (total_s)."""
    started = time.perf_counter()
    from ..publish import build_edition

    imported = time.perf_counter()
    for path in _documents(tei_dir):
        original = path.read_bytes()
        edited = edit_one_paragraph(original.decode("utf-8"))
        if edited is not None:
            break
    else:
        raise SystemExit(f"{tei_dir}: no document has a paragraph in its body")
    marks: list[float] = []

    def progress(event: str, detail: str) -> None:
        if event == "built" and not marks and detail.startswith(path.stem + " "):
            marks.append(time.perf_counter())

    try:
        path.write_text(edited, encoding="utf-8")
        called = time.perf_counter()
        report = build_edition(tei_dir, root / "xslt", out, schema_dir=root / "schema", jobs=jobs,
                               progress=progress)
        ended = time.perf_counter()
        page = out / path.stem / "reading.html"
        shown = page.is_file() and EDIT.strip() in page.read_text(encoding="utf-8")
    finally:
        path.write_bytes(original)
    return {"documents": len(report.sources), "errors": len(report.problems), "tasks": len(report.rebuilt),
            "rebuilt": report.rebuilt, "edited": path.name, "page_shows_edit": shown, "import_s": round(imported - started, 3),
            "page_s": round(marks[0] - called, 3) if marks else None, "total_s": round(ended - called, 3)}


def views3(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """The three views of every document (reading, diplomatic, apparatus), unvalidated: what the
    issue's 6x target was set for."""
    from ..publish import build_edition

    report = build_edition(tei_dir, root / "xslt", out, full=True, jobs=jobs,
                           only=("reading", "diplomatic", "apparatus"))
    return {"documents": len(report.sources), "errors": len(report.problems), "files": len(report.written)}


def _longest(tei_dir: Path) -> Path:
    return max(_documents(tei_dir), key=lambda p: (p.stat().st_size, p.name))


def pdf_one(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """The printed PDF of one source, the longest document: print.xsl, WeasyPrint's layout, page
    numbers stamped, the file written (as the PDF build makes <id>.pdf)."""
    from ..publish.base import new_processor
    from ..publish.pdf import assemble, lay_out

    started = time.perf_counter()
    import weasyprint  # noqa: F401  (its import is timed on its own)

    imported = time.perf_counter()
    path = _longest(tei_dir)
    processor = new_processor()
    executable = processor.new_xslt30_processor().compile_stylesheet(
        stylesheet_file=str((root / "xslt" / "print.xsl").resolve()))
    executable.set_parameter("text", processor.make_string_value("reading"))
    html = executable.transform_to_string(source_file=str(path.resolve()))
    transformed = time.perf_counter()
    layout = lay_out(html, (root / "xslt" / "assets" / "print.css").read_text(encoding="utf-8"))
    laid_out = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{path.stem}.pdf").write_bytes(assemble([(layout["pdf"], 1)], title=path.stem, author="", lang="en"))
    written = time.perf_counter()
    return {"documents": 1, "source": path.stem, "pages": layout["count"],
            "import_s": round(imported - started, 3), "xslt_s": round(transformed - imported, 3),
            "layout_s": round(laid_out - transformed, 3), "stamp_write_s": round(written - laid_out, 3)}


def pdf(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """The whole printed edition from an empty layout cache: every source's reading and diplomatic
    PDF and edition.pdf (unvalidated)."""
    from ..publish import build_edition

    report = build_edition(tei_dir, root / "xslt", out, full=True, jobs=jobs, pdf=True, only=("pdf",))
    edition = out / "pdf" / "edition.pdf"
    pages = None
    if edition.is_file():
        from pypdf import PdfReader

        pages = len(PdfReader(edition).pages)
    return {"documents": len(report.sources), "errors": len(report.problems), "files": len(report.written),
            "pages": pages}


def floor_lxml(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """The least a Python pipeline costs: parse each file with lxml and serialize it to a file."""
    from lxml import etree

    from ..tei import parse_tei

    out.mkdir(parents=True, exist_ok=True)
    files = _documents(tei_dir)
    for path in files:
        (out / path.name).write_bytes(etree.tostring(parse_tei(path), encoding="utf-8"))
    return {"documents": len(files)}


IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>"""


def floor_saxon(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """The least any XSLT pipeline costs: an identity transform compiled once, each file parsed,
    transformed and written, in one process."""
    from saxonche import PySaxonProcessor

    out.mkdir(parents=True, exist_ok=True)
    processor = PySaxonProcessor(license=False)
    executable = processor.new_xslt30_processor().compile_stylesheet(stylesheet_text=IDENTITY)
    files = _documents(tei_dir)
    for path in files:
        node = processor.parse_xml(xml_file_name=str(path.resolve()))
        (out / path.name).write_text(executable.transform_to_string(xdm_node=node), encoding="utf-8")
    return {"documents": len(files)}


VIEWS = ("reading", "diplomatic", "apparatus", "parallel")


def long_views(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """The four views of one long document (unvalidated): the document-size scaling."""
    from ..publish import build_edition

    report = build_edition(tei_dir, root / "xslt", out, full=True, only=VIEWS)
    return {"documents": len(report.sources), "errors": len(report.problems), "files": len(report.written),
            "paragraphs": _paragraphs(tei_dir)}


def long_build(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """The whole HTML site of one long document, validated first (as `edition build --full`),
    with the seconds of its parts: checking, its own pages, the pages over every source."""
    from ..publish import build_edition

    marks: dict[str, float] = {}

    def progress(event: str, detail: str) -> None:
        marks.setdefault(event, time.perf_counter())
        if event == "built":
            marks["last"] = time.perf_counter()

    started = time.perf_counter()
    report = build_edition(tei_dir, root / "xslt", out, schema_dir=root / "schema", full=True,
                           progress=progress, pages_done=lambda tasks, problems: marks.setdefault("pages", time.perf_counter()))
    ended = time.perf_counter()
    checked, pages = marks.get("checked", started), marks.get("pages", ended)
    return {"documents": len(report.sources), "errors": len(report.problems), "tasks": len(report.rebuilt),
            "paragraphs": _paragraphs(tei_dir), "check_s": round(checked - started, 3),
            "pages_s": round(pages - checked, 3), "site_s": round(ended - pages, 3)}


def _paragraphs(tei_dir: Path) -> int:
    from lxml import etree

    count, ns = 0, "{http://www.tei-c.org/ns/1.0}"
    for path in _documents(tei_dir):  # the paragraphs of the text, not of the header
        inside = 0
        for event, el in etree.iterparse(str(path), events=("start", "end")):
            if el.tag == ns + "text":
                inside += 1 if event == "start" else -1
            elif event == "end":
                count += inside > 0 and el.tag == ns + "p"
                if el.getparent() is not None and el.getparent().tag != ns + "TEI":
                    el.clear()
    return count


def dask_build(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """The whole HTML site on a Dask LocalCluster of `jobs` workers (its start included)."""
    from ..publish import build_edition

    report = build_edition(tei_dir, root / "xslt", out, schema_dir=root / "schema", full=True, jobs=jobs,
                           executor="dask")
    return {"documents": len(report.sources), "errors": len(report.problems), "files": len(report.written),
            "tasks": len(report.rebuilt)}


def session(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """The editor's loop in one `edition serve` session, on the folder a build wrote: the
    preview's build process started and warm, then three times one paragraph of one document
    saved; from the save, the seconds until the preview says "reload" (the source's own pages
    are on disk) and the reloaded page shows the edit, and until the rebuild ends (the pages
    over every source and the search shard written too). The watcher's polling (0.2 s) and the
    page's (0.25 s) come on top of the first figure in the browser; here the save is handed to
    the preview at once."""
    import http.client
    import statistics
    import threading

    from ..project import Project
    from ..serve import Preview, make_server

    project = _project_of(root, tei_dir, out)
    preview = Preview(project, echo=lambda message: None, background=True)
    started = time.perf_counter()
    preview.rebuild()
    warm_s = time.perf_counter() - started
    server = make_server(project.edition, "127.0.0.1", 0, preview)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def fetch(target: str) -> bytes:
        connection = http.client.HTTPConnection(*server.server_address[:2], timeout=60)
        try:
            connection.request("GET", target)
            return connection.getresponse().read()
        finally:
            connection.close()

    path = next(p for p in _documents(tei_dir) if edit_one_paragraph(p.read_text("utf-8")) is not None)
    original = path.read_bytes()
    reloads, pages, ends, problems = [], [], [], 0
    try:
        for run in range(3):
            mark = f" (edited {run})"
            path.write_text(edit_one_paragraph(original.decode("utf-8"), mark), encoding="utf-8")
            saved = time.perf_counter()
            version = preview.status.version
            rebuild = threading.Thread(target=preview.rebuild, args=([path],))
            rebuild.start()
            while preview.status.version == version and rebuild.is_alive():
                time.sleep(0.005)
            reloads.append(time.perf_counter() - saved)
            shown = mark.strip().encode() in fetch(f"/{path.stem}/reading.html")
            pages.append(time.perf_counter() - saved if shown else float("nan"))
            rebuild.join()
            ends.append(time.perf_counter() - saved)
            problems = max(problems, len(preview.status.problems))
    finally:
        path.write_bytes(original)
        preview.rebuild([path])
        server.shutdown()
        server.server_close()
        preview.close()
    return {"documents": len(_documents(tei_dir)), "errors": problems, "warm_s": round(warm_s, 3),
            "reload_s": round(statistics.median(reloads), 3), "page_s": round(statistics.median(pages), 3),
            "rebuild_s": round(statistics.median(ends), 3), "edited": path.name}


def _project_of(root: Path, tei_dir: Path, out: Path):
    """A project folder around a benchmark's tei/ and output folder (links, nothing copied)."""
    from ..project import Project

    folder = out.parent / f"project-{tei_dir.name}"
    folder.mkdir(exist_ok=True)
    for name, target in (("tei", tei_dir), ("xslt", root / "xslt"), ("schema", root / "schema"),
                         ("seeds", root / "seeds"), ("edition", out)):
        link = folder / name
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(Path(target).resolve(), target_is_directory=True)
    return Project(folder)


STEPS = {"convert": convert, "validate": validate, "build": build, "render": render, "noop": noop,
         "one-file": one_file, "search": search, "views3": views3, "pdf-one": pdf_one, "pdf": pdf,
         "floor-lxml": floor_lxml, "floor-saxon": floor_saxon, "long-views": long_views,
         "long-build": long_build, "dask": dask_build, "session": session}


def main(argv: list[str]) -> int:
    step, root, tei_dir, out, jobs = argv[:5]
    args = (Path(root), Path(tei_dir), Path(out), int(jobs))
    if len(argv) > 5:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        result = profiler.runcall(STEPS[step], *args)
        with open(argv[5], "w") as handle:
            pstats.Stats(profiler, stream=handle).sort_stats("cumulative").print_stats(40)
    else:
        result = STEPS[step](*args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
