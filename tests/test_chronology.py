"""The chronology (`edition dates`): dated statements sorted by date, events and disagreements."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from bukharin_edition.chronology import chronology, format_chronology
from bukharin_edition.cli import main
from bukharin_edition.errors import EditionError
from bukharin_edition.manifest import load_manifest

from conftest import ROOT, make_project


@pytest.fixture(scope="module")
def chron(manifest):
    return chronology(manifest, ROOT / "tei")


def _event(chron, ident):
    return next(e for e in chron.events if e.id == ident)


def test_every_date_is_a_statement_sorted_by_date(chron):
    assert len(chron.statements) == len((ROOT / "tests/fixtures/dates.tsv").read_text().splitlines())
    keys = [s.key for s in chron.statements]
    assert keys == sorted(keys)
    first = chron.statements[0]
    assert (first.source, first.block, first.text) == ("mia-permanent-revolution",
                                                       "mia-permanent-revolution-p88", "1862-1936")
    # A day or month printed without a year took the year printed before it (cert medium).
    assert [s.text for s in chron.statements if s.key.startswith("~")] == []
    resolved = [s for s in chron.statements if s.text in ("6th March", "17th March")]
    assert [s.key[:10] for s in resolved] == ["1921-03-06", "1921-03-17"]


def test_a_date_without_any_year_before_it_sorts_last(tmp_path):
    from bukharin_edition import convert as converting
    from bukharin_edition.convert import write_documents
    path = make_project(tmp_path, "On 6th March he left.\n\nHe came back in 1921.\n")
    write_documents(converting.encode_all(load_manifest(path)), tmp_path / "tei")
    found = chronology(load_manifest(path), tmp_path / "tei")
    assert [s.text for s in found.statements] == ["1921", "6th March"]
    assert found.statements[-1].key.startswith("~")


def test_the_two_birth_dates_are_one_event_in_two_calendars(chron):
    birth = _event(chron, "bukharin-birth")
    assert [(s.source, s.block, s.text) for s in birth.statements] == [
        ("mia-permanent-revolution", "mia-permanent-revolution-p2", "1888"),
        ("spartacus-biography", "spartacus-biography-p1", "27th September 1888"),
        ("colley-brief-summary", "colley-brief-summary-p1", "9 October 1888"),
    ]
    assert not birth.disagrees
    assert birth.summary() == "1888 (mia-permanent-revolution) | 1888-10-09 (spartacus-biography, colley-brief-summary)"


def test_joining_the_party_in_1905_or_1906_is_a_disagreement(chron):
    joined = _event(chron, "bukharin-joins-bolsheviks")
    assert joined.disagrees
    assert joined.summary() == ("1905 (smarthistories-bukharin) | 1906 (spartacus-biography, encyclopedia-bukharin, "
                                "colley-brief-summary, mia-permanent-revolution)")


def test_only_the_two_real_disagreements_are_flagged(chron):
    assert [e.id for e in chron.events if e.disagrees] == ["bukharin-joins-bolsheviks"]


def test_the_command_prints_the_chronology(chron):
    result = CliRunner().invoke(main, ["dates", "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert result.output == format_chronology(chron)
    assert ("1888-10-09 “27th September 1888” = 1888-09-27 Old Style  spartacus-biography "
            "spartacus-biography-p1 [bukharin-birth]") in result.output
    assert "bukharin-joins-bolsheviks: Bukharin joins the Bolsheviks — SOURCES DISAGREE: 1905" in result.output


def test_an_event_about_an_unknown_person_is_reported_with_its_line(tmp_path):
    path = make_project(tmp_path, "He was born in 1888.\n",
                        persons='[[person]]\nid = "x"\nstandard = "X"\nforms = ["X"]\nrole = "r"\n',
                        chronology='[[event]]\nid = "birth"\nlabel = "born"\nperson = "bukharin"\n'
                                   'pattern = "born in {date}"\n')
    with pytest.raises(EditionError) as error:
        chronology(load_manifest(path), tmp_path / "tei")
    assert "chronology.toml:1: event 'birth': person 'bukharin' is not in the person register" in error.value.message


def test_the_persons_command_checks_the_tei_files():
    result = CliRunner().invoke(main, ["persons", "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "every persName matches the register" in result.output
