"""Shared fixtures: the project, a build of the real corpus and of the views fixture."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="Rewrite the expected HTML of the golden tests (review the diff!).")


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def saxon():
    """One Saxon processor for the whole test session (never one per test)."""
    from bukharin_edition.build.pipeline import new_processor

    return new_processor()


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory, saxon):
    """The real corpus, built once into a temporary edition/."""
    from bukharin_edition.build import build_edition

    out = tmp_path_factory.mktemp("edition")
    report = build_edition(ROOT / "tei", ROOT / "xslt", out, processor=saxon)
    return out, report


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory, saxon):
    """The views fixture (every element of the encoding, present and coming), built once."""
    from bukharin_edition.build import build_edition

    out = tmp_path_factory.mktemp("fixture-edition")
    report = build_edition(FIXTURES / "views" / "full" / "tei", ROOT / "xslt", out, processor=saxon)
    return out, report
