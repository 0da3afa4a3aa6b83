"""What a profile needs while it encodes one source: ids, warnings, the source's facts."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..manifest import Source


@dataclass
class Context:
    """Per-source state shared by a profile and the inline recognizers."""

    source: Source
    warnings: list[str] = field(default_factory=list)
    # Header parts a profile contributes to profileDesc (for example particDesc).
    profile_desc: list = field(default_factory=list)
    # Inline recognizers applied to every block of the source, in priority order.
    recognizers: tuple = ()
    # The xml:id of the block (p, cit) that encodes the paragraph starting on a seed line.
    block_ids: dict = field(default_factory=dict)
    # Corrections applied so far (each must be applied exactly once).
    applied_corrections: list = field(default_factory=list)
    # What recognizers remember from one block to the next (the last year a date printed).
    memory: dict = field(default_factory=dict)
    _counters: Counter = field(default_factory=Counter)

    def new_id(self, kind: str) -> str:
        """Return the next stable id of a kind: '<source>-<kind><n>', numbered in document order."""
        self._counters[kind] += 1
        return f"{self.source.id}-{kind}{self._counters[kind]}"

    def warn(self, line: int, message: str) -> None:
        """Record a problem found in the source at a line of the received file."""
        self.warnings.append(f"{self.source.id}: seed line {line}: {message}")
