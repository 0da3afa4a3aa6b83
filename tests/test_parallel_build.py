"""Parallel builds and the synthetic corpus: same output as one process, faults contained."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from bukharin_edition.bench.synth import generate
from bukharin_edition.publish import build_edition
from bukharin_edition.cli import main
from bukharin_edition.validate import Validator
from conftest import ROOT


def _files(folder: Path) -> dict[str, bytes]:
    """Every file built, byte for byte; not the build's own state, nor Pagefind's index, whose
    file names change from run to run (its presence is checked)."""
    assert (folder / "pagefind" / "pagefind.js").is_file()
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".build-state.json" and "pagefind" not in p.relative_to(folder).parts}


def test_jobs_2_writes_the_same_bytes_as_jobs_1_for_the_corpus(tmp_path, saxon):
    one = build_edition(ROOT / "tei", ROOT / "xslt", tmp_path / "one", processor=saxon,
                        schema_dir=ROOT / "schema")
    two = build_edition(ROOT / "tei", ROOT / "xslt", tmp_path / "two", schema_dir=ROOT / "schema", jobs=2)
    assert any(task.startswith("reading:") for task in two.rebuilt)
    assert not one.problems and not two.problems
    assert sorted(one.sources) == sorted(two.sources) and len(two.sources) == 11
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_a_failing_document_in_a_worker_is_reported_and_the_others_are_built(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "sources.toml").write_text("# not read by the build\n")
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    shutil.copytree(ROOT / "xslt", tmp_path / "xslt")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    broken = tmp_path / "tei" / "omodeo-abstract.xml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("</TEI>", ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(tmp_path), "--jobs", "2"])
    assert result.exit_code == 1
    assert "omodeo-abstract.xml:" in result.output and "1 problem(s)" in result.output
    assert "10 sources built" in result.output
    assert (tmp_path / "edition" / "trial-1938" / "reading.html").is_file()
    assert not (tmp_path / "edition" / "omodeo-abstract").exists()
    index = (tmp_path / "edition" / "index.html").read_text(encoding="utf-8")
    assert "trial-1938/reading.html" in index and "omodeo-abstract/reading.html" not in index


def test_synthetic_documents_are_valid_and_vary_the_sources(tmp_path):
    files = generate(ROOT / "tei", tmp_path, 24)
    assert len(files) == 24 and (tmp_path / "edition.xml").is_file() and (tmp_path / "persons.xml").is_file()
    validator = Validator(ROOT / "schema")
    for path in files[::5]:  # a sample: the schema and rules, cross-file pointers included
        assert [p.text() for p in validator.check_file(path)] == [], path.name
    copy = next(p for p in files if p.name == "trial-1938-s00001.xml").read_text(encoding="utf-8")
    real = (ROOT / "tei" / "trial-1938.xml").read_text(encoding="utf-8")
    assert 'xml:id="trial-1938-s00001"' in copy and 'xml:id="trial-1938-p1"' not in copy
    assert copy != real.replace("trial-1938", "trial-1938-s00001")  # blocks reshuffled
    assert abs(len(copy) - len(real)) < len(real) // 10
    assert generate(ROOT / "tei", tmp_path / "again", 24)[5].read_bytes() == files[5].read_bytes()


def test_the_default_builds_a_small_corpus_in_process_and_a_large_one_on_every_core(tmp_path):
    from bukharin_edition.publish import SMALL, jobs_for

    assert jobs_for(ROOT / "tei", 0) == 1
    assert jobs_for(ROOT / "tei", 3) == 3
    for n in range(SMALL):
        (tmp_path / f"d{n}.xml").touch()
    assert jobs_for(tmp_path, 0) == (os.cpu_count() or 1)


def test_files_checked_on_workers_give_the_problems_and_facts_of_one_process(tmp_path, monkeypatch):
    from bukharin_edition.publish import pipeline
    from bukharin_edition.publish.state import State

    tei = tmp_path / "tei"
    shutil.copytree(ROOT / "tei", tei)
    malformed = tei / "omodeo-abstract.xml"
    malformed.write_text(malformed.read_text(encoding="utf-8").replace("</TEI>", ""), encoding="utf-8")
    invalid = tei / "colley-brief-summary.xml"
    invalid.write_text(invalid.read_text(encoding="utf-8").replace("<p ", "<p bogus=\"x\" ", 1), encoding="utf-8")
    monkeypatch.setattr(pipeline, "PARALLEL_CHECK", 2)  # the corpus is small: check it on workers
    runs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out-{jobs}"
        report = build_edition(tei, ROOT / "xslt", out, schema_dir=ROOT / "schema", jobs=jobs,
                               only=("reading",))
        runs[jobs] = (sorted(report.problems), sorted(report.sources), State.load(out).files)
    assert runs[1][0] and any("omodeo-abstract.xml:" in p for p in runs[1][0])
    assert any("colley-brief-summary.xml:" in p for p in runs[1][0])
    assert runs[1] == runs[2]  # the same problems, the same sources built, the same facts learnt
    assert len(runs[2][1]) == 9
