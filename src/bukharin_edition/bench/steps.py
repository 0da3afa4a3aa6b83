"""One measured step of the benchmark, run in a fresh process by `bench.run`.

    python -m bukharin_edition.bench.steps STEP ROOT TEI_DIR OUT_DIR JOBS [PROFILE]

Prints one JSON line: the number of documents the step handled and the problems it found.
With PROFILE, the step runs under cProfile and the statistics are written there.
"""
from __future__ import annotations

import json
import sys
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
    from ..build import build_edition

    report = build_edition(tei_dir, root / "xslt", out, schema_dir=root / "schema", full=True, jobs=jobs)
    return {"documents": len(report.sources), "errors": len(report.problems), "files": len(report.written)}


def render(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """The build without validating first: the HTML pages only."""
    from ..build import build_edition

    report = build_edition(tei_dir, root / "xslt", out, full=True, jobs=jobs)
    return {"documents": len(report.sources), "errors": len(report.problems), "files": len(report.written)}


def noop(root: Path, tei_dir: Path, out: Path, jobs: int) -> dict:
    """A build with nothing changed since the last one (run after `build` into the same folder)."""
    from ..build import build_edition

    report = build_edition(tei_dir, root / "xslt", out, schema_dir=root / "schema", jobs=jobs)
    return {"documents": len(report.sources), "errors": len(report.problems), "files": len(report.written),
            "tasks": len(report.rebuilt)}


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


STEPS = {"convert": convert, "validate": validate, "build": build, "render": render, "noop": noop,
         "floor-lxml": floor_lxml, "floor-saxon": floor_saxon}


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
