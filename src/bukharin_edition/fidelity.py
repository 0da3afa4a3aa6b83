"""The diplomatic text of a TEI file, and its proof against the received file.

The diplomatic text is the source's own characters: the editors' additions are left out
(corr, reg, expan, and note/supplied/add/figure of resp ed:editors), sic/orig/abbr are chosen
inside choice, lb is a line feed, a speaker label runs into its speech after one space,
and every block (an element laid out as mixed text) is a line of its own. Only the number
of blank lines between blocks may differ from the source.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .errors import FidelityError
from .manifest import Manifest
from .tei import TEI_NS, has_inline_layout, local_name, parse_tei

EDITORS = "ed:editors"
ALWAYS_EDITORIAL = frozenset({"corr", "reg", "expan", "ex"})
EDITORIAL_WHEN_OURS = frozenset({"note", "supplied", "add", "head", "bibl", "label", "figure"})
NOT_TEXT = frozenset({"teiHeader", "standOff", "facsimile"})
RUN_IN = frozenset({"speaker"})


@dataclass(frozen=True)
class Line:
    """A line of diplomatic text and the TEI element it comes from."""

    text: str
    element_id: str
    tei_line: int


def is_editorial(el: etree._Element) -> bool:
    """Say whether an element holds this edition's additions rather than the source's text."""
    name = local_name(el)
    if name in ALWAYS_EDITORIAL:
        return True
    return name in EDITORIAL_WHEN_OURS and EDITORS in (el.get("resp") or "").split()


def inline_text(el: etree._Element) -> str:
    """Return the diplomatic text of an element's content (its tail excluded)."""
    name = local_name(el)
    if name == "lb":
        return "\n"
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and not is_editorial(child):
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def diplomatic_lines(root: etree._Element) -> list[Line]:
    """Return the diplomatic text of a TEI document as lines, blank lines dropped."""
    lines: list[Line] = []
    text = root.find(f"{{{TEI_NS}}}text")
    if text is None:
        return lines
    pending = ""
    for block in _blocks(text):
        content = inline_text(block)
        if local_name(block) in RUN_IN:
            pending += content
            continue
        if pending and content:
            content = pending + ("" if pending.endswith("\n") else " ") + content
        elif pending:
            content = pending
        pending = ""
        ident = _nearest_id(block)
        for piece in content.split("\n"):
            if piece.strip():
                lines.append(Line(piece, ident, block.sourceline or 0))
    for piece in pending.split("\n"):
        if piece.strip():
            lines.append(Line(piece, "", 0))
    return lines


def _blocks(el: etree._Element):
    """Yield the blocks under an element laid out as element-only content."""
    for child in el:
        if not isinstance(child.tag, str) or is_editorial(child) or local_name(child) in NOT_TEXT:
            continue
        if has_inline_layout(child):
            yield child
        else:
            yield from _blocks(child)


def _nearest_id(el: etree._Element) -> str:
    current = el
    while current is not None:
        ident = current.get("{http://www.w3.org/XML/1998/namespace}id")
        if ident:
            return ident
        current = current.getparent()
    return ""


def diplomatic_text(root: etree._Element) -> str:
    """Return the diplomatic text as one string, one line per line."""
    return "\n".join(line.text for line in diplomatic_lines(root))


@dataclass(frozen=True)
class Mismatch:
    """The first place where a TEI file's diplomatic text departs from its source."""

    tei_path: Path
    seed_line: int
    column: int
    expected: str
    found: str
    element_id: str
    tei_line: int

    def message(self) -> str:
        where = f"{self.tei_path}:{self.tei_line}" if self.tei_line else str(self.tei_path)
        if self.element_id:
            where += f" ({self.element_id})"
        return (
            f"{where}: the diplomatic text differs from the received file at seed line "
            f"{self.seed_line}, column {self.column}\n"
            f"  source has: {self.expected!r}\n"
            f"  TEI has:    {self.found!r}"
        )


def compare(tei_path: Path, root: etree._Element, source_lines: list[tuple[int, str]]) -> Mismatch | None:
    """Compare a TEI document with its source lines; return the first difference or None."""
    expected = [(number, text) for number, text in source_lines if text.strip()]
    found = diplomatic_lines(root)
    for index in range(max(len(expected), len(found))):
        if index >= len(expected):
            extra = found[index]
            last = expected[-1][0] if expected else 0
            return Mismatch(tei_path, last, 1, "(end of source)", _around(extra.text, 0),
                            extra.element_id, extra.tei_line)
        number, want = expected[index]
        if index >= len(found):
            return Mismatch(tei_path, number, 1, _around(want, 0), "(end of TEI text)", "", 0)
        got = found[index]
        if want != got.text:
            column = _first_difference(want, got.text)
            return Mismatch(tei_path, number, column + 1, _around(want, column),
                            _around(got.text, column), got.element_id, got.tei_line)
    return None


def _first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return index
    return min(len(a), len(b))


def _around(text: str, column: int, width: int = 40) -> str:
    start = max(0, column - width)
    end = column + width
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def check_file(manifest: Manifest, tei_path: Path) -> Mismatch | None:
    """Check one source's TEI file against its slice of the received file."""
    tree = parse_tei(tei_path)
    root = tree.getroot()
    source_id = root.get("{http://www.w3.org/XML/1998/namespace}id") or tei_path.stem
    source = manifest.source(source_id)
    return compare(tei_path, root, manifest.lines_of(source))


def check_all(manifest: Manifest, tei_dir: Path) -> list[str]:
    """Check every source's TEI file; return one message per failing or missing file."""
    problems = []
    for source in manifest.sources:
        path = tei_dir / f"{source.id}.xml"
        if not path.exists():
            problems.append(f"{path}: missing (run 'edition convert')")
            continue
        try:
            mismatch = check_file(manifest, path)
        except FidelityError as exc:
            problems.append(exc.message)
            continue
        except Exception as exc:  # a parse error names its own file and position
            message = getattr(exc, "message", None) or str(exc)
            problems.append(message)
            continue
        if mismatch:
            problems.append(mismatch.message())
    return problems
