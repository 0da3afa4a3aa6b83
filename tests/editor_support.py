"""Helpers of the editor's-tools tests: a small copy of the edition to change."""
from __future__ import annotations

import shutil
from pathlib import Path

from bukharin_edition.project import Project

ROOT = Path(__file__).resolve().parents[1]
SMALL = ("edition.xml", "persons.xml", "omodeo-abstract.xml", "trial-1938.xml")


def small_project(folder: Path) -> Project:
    """A project with two sources of the corpus, the shared files, stylesheets, schema, seeds."""
    (folder / "tei").mkdir(parents=True)
    for name in SMALL:
        shutil.copy(ROOT / "tei" / name, folder / "tei")
    for name in ("xslt", "schema", "seeds"):
        shutil.copytree(ROOT / name, folder / name)
    return Project(folder)


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first occurrence of old by new in a file (which must contain it)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
