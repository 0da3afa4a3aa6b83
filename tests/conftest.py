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


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


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
