"""Shared test helpers: the real project, and small invented sources."""
from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from bukharin_edition.manifest import Manifest, Source, load_manifest, read_seed_lines
from bukharin_edition.project import Project

REPO = Path(__file__).resolve().parents[1]


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true",
                     help="Rewrite the golden files from the current output (review the diff!).")


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(REPO)


@pytest.fixture(scope="session")
def manifest(project) -> Manifest:
    from bukharin_edition.convert import PROFILES
    return load_manifest(project.manifest, profiles=PROFILES)


@pytest.fixture(scope="session")
def update_goldens(request) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def invented_manifest(text: str, **fields) -> Manifest:
    """A one-source manifest over an invented text (all lines, unless `lines` is given)."""
    data = text.encode("utf-8")
    lines = read_seed_lines(data, Path("invented.txt"))
    last = max(n for n, line in enumerate(lines, start=1) if line.strip())
    first = min(n for n, line in enumerate(lines, start=1) if line.strip())
    values = dict(
        id="invented", first_line=first, last_line=last, title="An invented source",
        language="en", genre="essay", profile="prose", facts="Invented for a test.",
        added=dt.date(2026, 11, 25),
    )
    values.update(fields)
    source = Source(**values)
    return Manifest(
        path=Path("sources.toml"), seed_path=Path("invented.txt"),
        seed_sha256=hashlib.sha256(data).hexdigest(), seed_description="An invented seed.",
        sources=(source,), seed_lines=lines,
    )


@pytest.fixture
def scratch_project(tmp_path, project) -> Project:
    """A copy of the project's seeds (no TEI yet) in a temporary folder."""
    shutil.copytree(project.root / "seeds", tmp_path / "seeds")
    return Project(tmp_path)


# ---------------------------------------------------------------- persons and dates

ROOT = REPO


@pytest.fixture(scope="session")
def documents(manifest):
    """Every document `edition convert` writes, by file name."""
    from bukharin_edition import convert as converting
    return {str(d.path): d for d in converting.encode_all(manifest)}


def make_project(tmp_path: Path, seed_text: str, persons: str = "", chronology: str = "",
                 profile: str = "prose") -> Path:
    """Write a one-source project (manifest, seed and data files) and return its manifest path."""
    import textwrap

    seeds = tmp_path / "seeds"
    seeds.mkdir(parents=True)
    seed = seeds / "seed.txt"
    seed.write_text(seed_text, encoding="utf-8")
    lines = len(seed_text.splitlines())
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    (seeds / "sources.toml").write_text(textwrap.dedent(f"""\
        [seed]
        file = "seed.txt"
        sha256 = "{digest}"
        description = "A test file."

        [[source]]
        id = "test-source"
        lines = [1, {lines}]
        title = "Test"
        language = "en"
        genre = "essay"
        profile = "{profile}"
        facts = "Invented for a test."
        added = 2026-11-25
        """), encoding="utf-8")
    if persons:
        (seeds / "persons.toml").write_text(textwrap.dedent(persons), encoding="utf-8")
    if chronology:
        (seeds / "chronology.toml").write_text(textwrap.dedent(chronology), encoding="utf-8")
    return seeds / "sources.toml"


# ---------------------------------------------------------------- the published views

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def saxon():
    """One Saxon processor for the whole test session (never one per test)."""
    from bukharin_edition.publish.pipeline import new_processor

    return new_processor()


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory, saxon):
    """The real corpus, built once into a temporary edition/."""
    from bukharin_edition.publish import build_edition

    out = tmp_path_factory.mktemp("edition")
    report = build_edition(ROOT / "tei", ROOT / "xslt", out, processor=saxon)
    return out, report


@pytest.fixture(scope="session")
def pdf_build(tmp_path_factory):
    """The real corpus with its printed edition (edition/pdf/), built once."""
    from bukharin_edition.publish import build_edition

    out = tmp_path_factory.mktemp("pdf-edition")
    report = build_edition(ROOT / "tei", ROOT / "xslt", out, pdf=True)
    return out, report


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory, saxon):
    """The views fixture (every element of the encoding, present and coming), built once."""
    from bukharin_edition.publish import build_edition

    out = tmp_path_factory.mktemp("fixture-edition")
    report = build_edition(FIXTURES / "views" / "full" / "tei", ROOT / "xslt", out, processor=saxon)
    return out, report


# ---------------------------------------------------------------- hypothesis

from hypothesis import settings as _hypothesis_settings  # noqa: E402

# CI runs the same examples every time (a red CI is then a real regression, never luck);
# a developer's run explores new ones.
_hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if __import__("os").environ.get("CI"):
    _hypothesis_settings.load_profile("ci")
