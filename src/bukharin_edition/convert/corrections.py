"""The edition's corrections of the received text, from seeds/corrections.toml.

Each correction becomes a choice: the received text in sic (or orig), the editors' form in
corr (or reg) with resp="ed:editors", followed by an editors' note giving the reason.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import ConversionError
from ..tei import element, sub
from .context import Context
from .inline import Recognizer

KINDS = {"sic": "corr", "orig": "reg"}
CORRECTIONS_FILE = "corrections.toml"


@dataclass(frozen=True)
class Correction:
    """One error of the received text and its correction."""

    source: str
    line: int
    found: str
    kind: str
    correct: str
    why: str
    within: str
    entry_line: int

    @property
    def pattern(self) -> re.Pattern:
        if not self.within:
            return re.compile(re.escape(self.found))
        before, _, after = self.within.partition(self.found)
        return re.compile(
            (f"(?<={re.escape(before)})" if before else "")
            + re.escape(self.found)
            + (f"(?={re.escape(after)})" if after else "")
        )

    def where(self) -> str:
        return f"{CORRECTIONS_FILE}:{self.entry_line}: correction of {self.found!r} in '{self.source}'"


def load_corrections(path: Path) -> list[Correction]:
    """Read the corrections file (absent means no corrections)."""
    if not path.exists():
        return []
    raw_text = path.read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        raise ConversionError(f"{path}: not valid TOML: {exc}") from exc
    starts = [raw_text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"^\[\[correction\]\]", raw_text, re.M)]
    corrections = []
    for index, entry in enumerate(raw.get("correction", [])):
        entry_line = starts[index] if index < len(starts) else 0
        try:
            correction = Correction(
                source=entry["source"], line=int(entry["line"]), found=entry["found"],
                kind=entry["kind"], correct=entry["correct"], why=entry["why"],
                within=entry.get("within", ""), entry_line=entry_line,
            )
        except KeyError as exc:
            raise ConversionError(f"{path.name}:{entry_line}: the correction lacks the key {exc}") from exc
        if correction.kind not in KINDS:
            raise ConversionError(f"{correction.where()}: kind must be 'sic' or 'orig', not {correction.kind!r}")
        if correction.within and correction.found not in correction.within:
            raise ConversionError(f"{correction.where()}: `within` does not contain `found`")
        corrections.append(correction)
    return corrections


def recognizer(corrections: list[Correction]) -> Recognizer | None:
    """One recognizer for all corrections of a source."""
    if not corrections:
        return None
    by_pattern = {c.pattern.pattern: c for c in corrections}
    combined = re.compile("|".join(f"(?:{p})" for p in by_pattern))

    def build(match: re.Match, ctx: Context) -> list[etree._Element]:
        correction = next(
            c for c in by_pattern.values()
            if (m := c.pattern.match(match.string, match.start())) and m.end() == match.end()
        )
        ctx.applied_corrections.append(correction)
        ident = ctx.new_id("choice")
        choice = element("choice", {"xml:id": ident})
        sub(choice, correction.kind, text=correction.found)
        sub(choice, KINDS[correction.kind], {"resp": "ed:editors"}, correction.correct)
        # The reason follows the choice, which holds only its alternatives.
        note = element("note", {"type": "editorial", "resp": "ed:editors", "target": f"#{ident}"},
                       correction.why)
        return [choice, note]

    return Recognizer("correction", combined, build)


def check_applied(corrections: list[Correction], ctx: Context, lines: dict[int, str]) -> None:
    """Every correction of the source applied exactly once, on the line it names."""
    for correction in corrections:
        if (correction.within or correction.found) not in lines.get(correction.line, ""):
            raise ConversionError(f"{correction.where()}: line {correction.line} does not contain the text")
        count = ctx.applied_corrections.count(correction)
        if count != 1:
            found = "was not found" if count == 0 else f"matched {count} times (give a longer `within`)"
            raise ConversionError(f"{correction.where()}: the text {found} in the source")
