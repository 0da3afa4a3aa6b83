"""Time the printed edition: not a test, a measurement.

1. WeasyPrint's import, then one source (the longest) laid out and written in this process:
   render (layout) and write_pdf separately, in seconds per page.
2. The whole PDF build from an empty layout cache (every source laid out once, in parallel;
   front and back matter; page numbers stamped; edition.pdf assembled): wall time and pages.
3. The same build again with nothing changed (every layout reused).

    .venv/bin/python bench/pdf.py
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def _one_source(source_id: str) -> None:
    from bukharin_edition.publish.pipeline import new_processor

    started = time.perf_counter()
    from weasyprint import CSS, HTML
    imported = time.perf_counter() - started

    processor = new_processor()
    executable = processor.new_xslt30_processor().compile_stylesheet(
        stylesheet_file=str(ROOT / "xslt" / "print.xsl"))
    started = time.perf_counter()
    html = executable.transform_to_string(source_file=str(ROOT / "tei" / f"{source_id}.xml"))
    transformed = time.perf_counter() - started
    css = CSS(string=(ROOT / "xslt" / "assets" / "print.css").read_text(encoding="utf-8"))
    started = time.perf_counter()
    document = HTML(string=html).render(stylesheets=[css])
    laid_out = time.perf_counter() - started
    started = time.perf_counter()
    document.write_pdf()
    written = time.perf_counter() - started
    pages = len(document.pages)
    print(f"import weasyprint         {imported:6.2f} s")
    print(f"{source_id}: {pages} pages; XSLT {transformed:.2f} s, layout {laid_out:.2f} s "
          f"({laid_out / pages:.2f} s/page), writing {written:.2f} s ({written / pages:.2f} s/page)")


def _whole(out: Path) -> None:
    from bukharin_edition.publish import build_edition

    for label in ("cold (empty layout cache)", "warm (nothing changed)"):
        started = time.perf_counter()
        report = build_edition(ROOT / "tei", ROOT / "xslt", out, pdf=True)
        seconds = time.perf_counter() - started
        if report.problems:
            raise SystemExit("\n".join(report.problems))
        facts = json.loads((out / "pdf" / "edition.json").read_text(encoding="utf-8"))
        laid = sum(json.loads(p.read_text())["count"] for p in (out / "pdf" / ".layout").glob("*.json"))
        from pypdf import PdfReader
        edition_pages = len(PdfReader(out / "pdf" / "edition.pdf").pages)
        print(f"whole build, {label}: {seconds:6.2f} s; {laid} source pages laid out "
              f"(reading and diplomatic), edition.pdf {edition_pages} pages "
              f"({facts['front_pages']} front); {seconds / laid:.2f} s per source page")


def main() -> None:
    _one_source("mia-permanent-revolution")
    out = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        _whole(out)
    finally:
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
