"""Paths and fixtures of the schema tests (a plain module, not a conftest: test modules import
what they use, so this file cannot collide with other test suites' conftest.py)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bukharin_edition.validate import Validator

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema"
TEI = ROOT / "tei"
FIXTURES = ROOT / "tests" / "schema"
TEI_ALL = ROOT.parent / "shared" / "reference" / "tei_all.rng"


def java_missing() -> bool:
    """Say whether Java, which jing and trang need, is missing."""
    return shutil.which("java") is None


@pytest.fixture(scope="session")
def validator() -> Validator:
    return Validator(SCHEMA)


@pytest.fixture
def beside_declarations(tmp_path: Path):
    """Copy fixtures into a folder that also holds the test edition.xml and persons.xml."""

    def copy(*names: str, persons: bool = True) -> list[Path]:
        shutil.copy(FIXTURES / "valid" / "edition.xml", tmp_path / "edition.xml")
        if persons:
            shutil.copy(FIXTURES / "valid" / "persons.xml", tmp_path / "persons.xml")
        copied = []
        for name in names:
            source = next(p for p in (FIXTURES / "invalid" / name, FIXTURES / "valid" / name) if p.exists())
            shutil.copy(source, tmp_path / name)
            copied.append(tmp_path / name)
        return copied

    return copy
