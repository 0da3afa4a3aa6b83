"""The benchmark's steps, end to end on a small synthetic corpus: each runs and measures what it says."""
from __future__ import annotations

import json

from bukharin_edition.bench.run import main
from bukharin_edition.bench.steps import edit_one_paragraph
from bukharin_edition.bench.synth import generate
from conftest import ROOT

# the slow steps: the build in one process, the build without validation, the PDFs
SKIP = "build --jobs 1,build --jobs N (unvalidated),pdf,pdf-one"


def test_a_paragraph_is_edited_inside_the_first_paragraph_of_the_body_and_nowhere_else():
    text = ('<TEI><teiHeader><p>header</p></teiHeader><text><body><pb n="1"/>'
            '<p xml:id="a">one <note><p>inner</p></note> two</p><p>three</p></body></text></TEI>')
    edited = edit_one_paragraph(text, " [x]")
    assert edited == text.replace(" two</p>", " two [x]</p>")
    assert edit_one_paragraph("<TEI><text><body><div/></body></text></TEI>") is None


def test_the_benchmark_measures_every_step_on_a_small_corpus(tmp_path, capsys):
    corpus = generate(ROOT / "tei", tmp_path / "tei-12", 12)
    before = {p.name: p.read_bytes() for p in (tmp_path / "tei-12").iterdir()}
    assert main(["--sizes", "12", "--jobs", "2", "--work", str(tmp_path), "--json", str(tmp_path / "x.json"),
                 "--skip", SKIP, "--long-sizes", "300,600", "--long-build-sizes", "600"]) == 0
    printed = capsys.readouterr().out
    results = json.loads((tmp_path / "x.json").read_text())
    rows = {row["step"]: row for row in results["rows"] if row["corpus"] == "12"}
    assert list(rows) == ["validate", "build --jobs 2", "rebuild: nothing changed", "rebuild: one file changed",
                          "editor's loop in a session", "search index", "build: three views --jobs 2",
                          "build --executor dask (2 workers)", "floor: lxml parse+serialize",
                          "floor: saxon identity"]
    long = {(row["corpus"], row["step"]): row for row in results["rows"] if row["corpus"].startswith("long-")}
    assert list(long) == [("long-300", "long: four views"), ("long-300", "floor: saxon identity"),
                          ("long-600", "long: four views"), ("long-600", "long: whole site"),
                          ("long-600", "floor: saxon identity")]
    assert not [row for row in long.values() if "failed" in row or row.get("errors")]
    assert long[("long-600", "long: whole site")]["paragraphs"] == 600
    assert long[("long-600", "long: four views")]["files"] == 4
    loop = rows["editor's loop in a session"]
    assert 0 < loop["page_s"] <= loop["rebuild_s"] and loop["reload_s"] <= loop["page_s"]
    assert rows["build --executor dask (2 workers)"]["tasks"] == rows["build --jobs 2"]["tasks"]
    assert not [row for row in rows.values() if "failed" in row or row.get("errors")]
    assert all(row["documents"] == 12 for row in rows.values())
    assert rows["rebuild: nothing changed"]["tasks"] == 0
    one = rows["rebuild: one file changed"]
    # the edited document's tasks and the pages over every source: a handful, not the whole build
    assert 0 < one["tasks"] < rows["build --jobs 2"]["tasks"] // 3
    assert one["edited"] == corpus[0].name and one["page_shows_edit"]
    assert 0 < one["page_s"] <= one["total_s"] < one["wall_s"]
    assert {p.name: p.read_bytes() for p in (tmp_path / "tei-12").iterdir()} == before
    assert rows["search index"]["tasks"] >= 1
    assert (tmp_path / "out-12-build-2" / "pagefind" / "pagefind.js").is_file()
    views = tmp_path / "out-12-views3-2" / corpus[0].stem
    assert sorted(p.name for p in views.iterdir()) == ["apparatus.html", "diplomatic.html", "reading.html"]
    verdicts = results["targets"]
    assert any(line.startswith("1,000 documents, three views <= 6x") and "not measured" in line for line in verdicts)
    assert any(line.startswith("12: one-file incremental rebuild") and "target < 0.3 s: " in line
               and ("met" in line or "MISSED" in line) for line in verdicts)
    assert any("10,000 documents built with peak memory < 2 GB" in line for line in verdicts)
    assert "rebuild: one file changed" in printed and "0 task(s) run" in printed
    assert any("16,000 vs 2,000 paragraphs" in line and "not measured" in line for line in verdicts)
    assert any(line.startswith("  for information, 12: the whole site on a Dask") for line in verdicts)
