"""Read the edition's data files (seeds/*.toml) and tell on which line an entry stands."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from ..errors import ConversionError


class DataFile:
    """A parsed TOML data file and its lines, so that problems can name their line."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            raw = self.path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConversionError(f"{self.path}: cannot read ({exc.strerror})") from exc
        try:
            self.data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise ConversionError(f"{self.path}: not valid TOML: {exc}") from exc
        self.lines = raw.splitlines()

    def table_lines(self, name: str) -> list[int]:
        """Return the line numbers (1-based) of every [[name]] header, in order."""
        header = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]")
        return [number for number, line in enumerate(self.lines, 1) if header.match(line)]

    def line_of(self, needle: str, start: int = 1) -> int:
        """Return the first line at or after start that contains needle (start if none)."""
        for number in range(start, len(self.lines) + 1):
            if needle in self.lines[number - 1]:
                return number
        return start

    def where(self, line: int) -> str:
        return f"{self.path.name}:{line}"
