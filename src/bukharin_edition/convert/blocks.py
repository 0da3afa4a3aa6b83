"""Cut a source into blocks (runs of non-blank lines) and tell what each looks like."""
from __future__ import annotations

import re
from dataclasses import dataclass

STOPWORDS = frozenset(
    "a an and as at by for from in into of on or our the to with its his her their".split()
)
BULLET = re.compile(r"^(?P<label>[*•·‣▪–-])(?P<space>\s+)(?P<text>\S.*)$")
NUMBERED = re.compile(r"^(?P<label>\d{1,2}[.)]|\(\d{1,2}\))(?P<space>\s+)(?P<text>\S.*)$")
CLOSERS = "’”'\")]»"
# A sentence ends inside the line: "It is simple. (Ibid)" or "Done. [3]".
SENTENCE_INSIDE = re.compile(r"(?<!\b[A-Z])(?<!\b(?:Mr|Dr|St|Mt|Jr|Sr|No|vs))(?<!\bMrs)[.!?…][’”'\")]?\s+\S")
MAX_HEADING_WORDS = 12
# The provenance lines of archive pages ("Source: …", "Written: …"): facts, never headings.
METADATA = re.compile(
    r"^\s*(Source|First Published|Published|Translated|Translation|Transcription(?:[/\\]Markup)?|"
    r"Transcribed|HTML Markup|Markup|Online Version|Proofread|Proofed|Copyleft|Written|Delivered|"
    r"Public Domain|Recorded|Date|Dated|Place|Language|Original|Editor|Edited|Translator|Copyright)\s*:",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines of the received file."""

    lines: tuple[tuple[int, str], ...]

    @property
    def first_line(self) -> int:
        return self.lines[0][0]

    @property
    def texts(self) -> list[str]:
        return [text for _, text in self.lines]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    def rest(self) -> "Block":
        """The block without its first line."""
        return Block(self.lines[1:])


INDENT = re.compile(r"^(?:[ \t\u00a0]{3,}|\t)\S")
LINES_AS_PARAGRAPHS = 8


def split_blocks(lines: list[tuple[int, str]]) -> list[Block]:
    """Group numbered lines into blocks separated by blank lines.

    Two layouts of pasted pages are read too: a text of many lines without any blank line has
    a paragraph a line, and a block whose later lines are indented (hard-wrapped paragraphs
    that open indented) starts a paragraph at each indented line.
    """
    blocks = [piece for block in _by_blank_lines(lines) for piece in _by_indentation(block)]
    if len(blocks) == 1 and len(blocks[0].lines) >= LINES_AS_PARAGRAPHS:
        return _lines_as_paragraphs(blocks[0].lines)
    return blocks


def _lines_as_paragraphs(lines) -> list["Block"]:
    """A paragraph a line, but a line that continues the one before stays with it: after a
    comma, a colon or a hyphen ("Source:" and its value), or starting in lower case."""
    paragraphs: list[list] = []
    for number, text in lines:
        previous = paragraphs[-1][-1][1].rstrip() if paragraphs else ""
        ended = previous.endswith((".", "!", "?", "”", "\"", ")"))
        in_metadata = paragraphs and METADATA.match(paragraphs[-1][0][1]) and not METADATA.match(text)
        continues = previous and (previous.endswith((",", ":", "-", "–", "—"))
                                  or text.lstrip()[:1].islower() and not ended or in_metadata and not ended)
        if continues:
            paragraphs[-1].append((number, text))
        else:
            paragraphs.append([(number, text)])
    return [Block(tuple(lines)) for lines in paragraphs]


def _by_indentation(block: "Block") -> list["Block"]:
    starts = [i for i, (_, text) in enumerate(block.lines) if i and INDENT.match(text)]
    if len(block.lines) < 3 or not starts or len(starts) == len(block.lines) - 1:
        return [block]
    cuts = [0, *starts, len(block.lines)]
    return [Block(block.lines[a:b]) for a, b in zip(cuts, cuts[1:])]


def _by_blank_lines(lines: list[tuple[int, str]]) -> list["Block"]:
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []
    for number, text in lines:
        if text.strip():
            current.append((number, text))
        elif current:
            blocks.append(Block(tuple(current)))
            current = []
    if current:
        blocks.append(Block(tuple(current)))
    return blocks


def list_kind(line: str) -> str | None:
    """Return 'bulleted' or 'numbered' for a list item line, else None."""
    if BULLET.match(line):
        return "bulleted"
    if NUMBERED.match(line):
        return "numbered"
    return None


def split_item(line: str) -> tuple[str, str, str]:
    """Split a list item line into its label, the space after it, and its text."""
    match = BULLET.match(line) or NUMBERED.match(line)
    assert match, line
    return match["label"], match["space"], match["text"]


def block_list_kind(block: Block) -> str | None:
    """Return the list kind when every line of the block is an item of that kind."""
    kinds = {list_kind(text) for text in block.texts}
    if len(kinds) == 1 and None not in kinds:
        return kinds.pop()
    return None


def looks_like_heading(line: str, period_allowed: bool = False) -> bool:
    """Say whether a line reads as a one-line heading.

    A heading is short, is one phrase (no sentence ends inside it) and does not end as a
    sentence does. With `period_allowed`, a title-cased line ending in a full stop counts
    too (older print set headings that way). A line ending in a bracket or parenthesis
    (a note marker, a citation) is a heading only when title-cased.
    """
    words = line.split()
    if not words or len(words) > MAX_HEADING_WORDS or len(line) > 100:
        return False
    if list_kind(line) or _looks_like_label(line) or SENTENCE_INSIDE.search(line) or METADATA.match(line):
        return False
    stripped = line.rstrip()
    core = stripped.rstrip(CLOSERS)
    if stripped.lstrip()[:1].islower() or is_date_line(line):
        return False
    if stripped.endswith((")", "]")):
        return _title_cased(words)
    if not core or core.endswith(("…", "...")) or core[-1] in ",;:":
        return False
    if core[-1] in "?!":  # a question is a heading when set as a title, or quoted as one
        return _title_cased(words) or bool(re.match(r"^[“\"‘«].*[”\"’»]$", stripped))
    if core[-1] == ".":  # older print: "The General Estimation of our Revolution."
        return period_allowed and _title_cased(words)
    return True


def is_date_line(line: str) -> bool:
    """A line that is a date, or a place and a date ("Moscow, March 5, 1938"): a dateline."""
    from .dates import DATE_EXPRESSION
    text = line.strip().rstrip(".")
    for candidate in (text, re.sub(r"^[A-Z][^\W\d]*(?: [A-Z][^\W\d]*){0,2}, ", "", text)):
        match = DATE_EXPRESSION.fullmatch(candidate)
        if match and not match["year"] and not match["range"] and not match["decade"]:
            return True
    return False


def _looks_like_label(line: str) -> bool:
    """'THE PRESIDENT: …' style speaker labels are never headings."""
    head = line.split(":", 1)[0]
    return ":" in line and head.isupper()


def _significant(words: list[str]) -> list[str]:
    stripped = [w.strip("‘’“”'\"().,") for w in words]
    return [w for w in stripped if w and w.lower() not in STOPWORDS and w[0].isalpha()]


def _title_cased(words: list[str]) -> bool:
    significant = _significant(words)
    if not significant:
        return False
    capitals = sum(1 for w in significant if w[0].isupper())
    return capitals / len(significant) >= 0.75
