"""Where the edition's folders are: found from the working directory or given."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import EditionError

MANIFEST = Path("seeds/sources.toml")


@dataclass(frozen=True)
class Project:
    """The edition's folders: seeds/ → tei/ → edition/, with schema/ and xslt/ beside them."""

    root: Path

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST

    @property
    def tei(self) -> Path:
        return self.root / "tei"

    @property
    def schema(self) -> Path:
        return self.root / "schema"

    @property
    def xslt(self) -> Path:
        return self.root / "xslt"

    @property
    def edition(self) -> Path:
        return self.root / "edition"

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
        """Find the project that contains start (default: the working directory)."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / MANIFEST).is_file():
                return cls(folder)
        raise EditionError(
            f"no edition here: {MANIFEST} was not found in {here} or any folder above it "
            "(run the command inside the edition's folder, or pass --root)"
        )
