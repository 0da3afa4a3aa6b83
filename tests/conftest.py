"""Shared fixtures: the edition's manifest, its encoded documents, and small invented projects."""
from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest

from bukharin_edition import convert as converting
from bukharin_edition.manifest import load_manifest

ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite tests/fixtures/*.tsv from the current conversion (review the diff)")


@pytest.fixture(scope="session")
def manifest():
    return load_manifest(ROOT / "seeds/sources.toml", profiles=converting.PROFILES)


@pytest.fixture(scope="session")
def documents(manifest):
    """Every document `edition convert` writes, by file name."""
    return {str(d.path): d for d in converting.encode_all(manifest)}


def make_project(tmp_path: Path, seed_text: str, persons: str = "", chronology: str = "",
                 profile: str = "prose") -> Path:
    """Write a one-source project (manifest, seed and data files) and return its manifest path."""
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
