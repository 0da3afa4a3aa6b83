"""The build on a Dask cluster (a LocalCluster of two workers): the same bytes as one process,
a failing document reported while the others are built, a wrong scheduler reported."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from bukharin_edition.publish import build_edition
from bukharin_edition.publish.base import Session
from bukharin_edition.cli import main
from conftest import ROOT
from test_parallel_build import _files

pytest.importorskip("distributed")


def _project(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "sources.toml").write_text("# not read by the build\n")
    for name in ("tei", "xslt", "schema"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def test_the_dask_executor_writes_the_same_bytes_as_jobs_1_and_runs_the_tasks_on_the_cluster(tmp_path, saxon):
    one = build_edition(ROOT / "tei", ROOT / "xslt", tmp_path / "one", processor=saxon, schema_dir=ROOT / "schema")
    session = Session()
    on_dask = build_edition(ROOT / "tei", ROOT / "xslt", tmp_path / "dask", schema_dir=ROOT / "schema",
                            jobs=2, executor="dask", session=session)
    assert not one.problems and not on_dask.problems
    assert sorted(on_dask.rebuilt) == sorted(one.rebuilt)  # every task, the reductions too
    assert _files(tmp_path / "one") == _files(tmp_path / "dask")
    # made by the cluster's workers: this process never started Saxon, and reports the files
    # from what the tasks returned
    assert session._processor is None
    assert tmp_path / "dask" / "trial-1938" / "reading.html" in on_dask.written
    assert tmp_path / "dask" / "persons" / "index.html" in [p for p in on_dask.written]
    again = build_edition(ROOT / "tei", ROOT / "xslt", tmp_path / "dask", schema_dir=ROOT / "schema",
                          jobs=2, executor="dask")
    assert again.nothing_to_do  # the state the cluster's build left is the state of any build


def test_on_dask_a_failing_document_is_reported_and_the_others_are_built(tmp_path):
    project = _project(tmp_path)
    broken = project / "tei" / "omodeo-abstract.xml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("</TEI>", ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(project), "--no-pdf", "--executor", "dask",
                                       "--jobs", "2"])
    assert result.exit_code == 1
    assert "omodeo-abstract.xml:" in result.output and "10 sources built" in result.output
    index = (project / "edition" / "index.html").read_text(encoding="utf-8")
    assert "trial-1938/reading.html" in index and "omodeo-abstract/reading.html" not in index


def test_a_scheduler_that_does_not_answer_is_reported_and_nothing_is_built(tmp_path):
    project = _project(tmp_path)
    result = CliRunner().invoke(main, ["build", "--root", str(project), "--no-pdf", "--executor", "dask",
                                       "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output and not (project / "edition" / "index.html").exists()
    result = CliRunner().invoke(main, ["build", "--root", str(project), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "--executor dask" in result.output
