"""Bracketed interventions of other hands: classified, encoded, and never lost.

A bracket in the received text is someone's intervention: the author's ('[NB — Italics are
ours]', where NB are the author's initials), the translator's ('[of a chart — translator]'),
the archive's ('[sic — MIA]', '[VI Lenin, … — MIA.]'), or unsigned ('[Stalin]', '[I]').
The brackets stay as characters of the text, inside the element that encodes them:

  sic-marker            note type="sic"          '[sic — MIA]'
  emphasis statement    note type="emphasis"     '[italics ours — NB]'
  exclamation           note type="exclamation"  '[!]'
  reference             note type="reference"    '[VI Lenin, …, Volume 21, — MIA.]'
  signed gloss          note type="gloss"        '[NB — the organ of the Bolsheviks]'
  unsigned insertion    add type="interpolation"  '[the peasant]'
  omission              choice of orig and gap    '[…]', '[...]', '(…)', '(...)', '[omitted]'
  the source's gap      choice of orig and gap    '[illegible]' (gap reason illegible), '[two pages
                                                  missing]' (gap reason missing): the source says
                                                  what it could not give
  insertion in ( )      add type="interpolation"  '(they)', '(is)': a parenthesis holding
                        only a pronoun, article or auxiliary verb, which only an editor adds

The brackets are the source's text, not this edition's: an unsigned insertion is the source's
addition to what it quotes, an `add` (TEI's element for text "inserted in the source text by an
author, scribe, or a previous annotator or corrector"), never the editors' `supplied`, which
the edition keeps for its own additions. A printed omission mark is the source's gap: the
characters as printed in `orig`, and the editors' reading of them, a `gap` of the hand that left
the text out, in `reg`, as the edition keeps every printed form it reads:

  <choice><orig>[…]</orig><reg resp="ed:editors"><gap reason="omitted" resp="ed:author"/></reg></choice>

The hand comes from the signature; an unsigned bracket is the hand named by the source's
option `unsigned_brackets` (default: author). Numbered brackets ('[4]') are note markers,
not interventions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..manifest import Source
from ..tei import element, sub
from .blocks import Block
from .context import Context
from .inline import Recognizer, fill_nested

BRACKET = re.compile(r"\[(?!\d{1,3}\])(?![a-z]\])[^\[\]\n]+\]|\((?:…|\.{3,4}|\. \. \.)\)")
OMISSION_MARK = re.compile(r"…|\.{3,4}|\. \. \.")
STATED_OMISSION = re.compile(r"(?:\w+ )?(?:omitted|cut|deleted)", re.IGNORECASE)
STATED_ILLEGIBLE = re.compile(r"(?:\w+ ){0,2}(?:illegible|unreadable|indecipherable|undecipherable)(?: \w+){0,2}",
                              re.IGNORECASE)
STATED_MISSING = re.compile(r"(?:[\w-]+ ){0,5}(?:missing|lost|torn (?:off|out)|not preserved)(?: [\w-]+){0,3}",
                            re.IGNORECASE)
INSERTED_WORDS = ("they|he|she|it|we|you|i|him|her|them|us|the|a|an|is|are|was|were|be|been|has|have|had|"
                  "and|of|to|in|that|this|not|who|which|do|does|did|will|would|shall|should")
PARENTHESIZED_INSERTION = re.compile(rf"(?<=\w )\((?:{INSERTED_WORDS})(?: (?:{INSERTED_WORDS}))?\)(?= \w)")
HANDS = ("author", "translator", "mia", "website", "unknown")
SIGNATURE_END = re.compile(r"\s*[—–-]\s*(?P<hand>[A-Za-z.]+)\.?$")
SIGNATURE_START = re.compile(r"^(?P<hand>[A-Z]{2,3})\s*[—–,]\s*")
HAND_WORDS = {"mia": "mia", "translator": "translator", "trans": "translator", "tr": "translator",
              "ed": "website", "editor": "website", "editors": "website"}


@dataclass(frozen=True)
class Classification:
    """What a bracket is and whose it is."""

    element: str  # note, add or gap
    type: str
    hand: str
    signed: bool


def author_initials(source: Source) -> set[str]:
    """The author's initials as they sign brackets: 'N. I. Bukharin' gives NB and NIB."""
    initials = set()
    for name in source.authors:
        parts = [p for p in re.split(r"[\s.]+", name) if p]
        if len(parts) >= 2:
            initials.add((parts[0][0] + parts[-1][0]).upper())
            initials.add("".join(p[0] for p in parts).upper())
    return initials


def classify(bracket: str, source: Source) -> Classification:
    """Classify a bracket (with its brackets) of a source."""
    inner = bracket[1:-1].strip()
    initials = author_initials(source)
    hand, content = "", inner
    end = SIGNATURE_END.search(inner)
    start = SIGNATURE_START.match(inner)
    if end and _hand(end["hand"], initials):
        hand, content = _hand(end["hand"], initials), inner[:end.start()].rstrip(" ,")
    elif start and _hand(start["hand"], initials):
        hand, content = _hand(start["hand"], initials), inner[start.end():]
    signed = bool(hand)
    if not signed:
        hand = source.options.get("unsigned_brackets", "author")
    lowered = content.lower()
    if OMISSION_MARK.fullmatch(content) or STATED_OMISSION.fullmatch(content):
        return Classification("gap", "omitted", hand, signed)
    if STATED_ILLEGIBLE.fullmatch(content):
        return Classification("gap", "illegible", hand, signed)
    if STATED_MISSING.fullmatch(content):
        return Classification("gap", "missing", hand, signed)
    if lowered.startswith("sic"):
        kind = "sic"
    elif "italics" in lowered:
        kind = "emphasis"
    elif content and not any(ch.isalnum() for ch in content):
        kind = "exclamation"
    elif re.search(r"\d", content) and "," in content:
        kind = "reference"
    elif signed:
        kind = "gloss"
    else:
        return Classification("add", "interpolation", hand, signed)
    return Classification("note", kind, hand, signed)


def _hand(word: str, initials: set[str]) -> str:
    if word.upper() in initials:
        return "author"
    return HAND_WORDS.get(word.lower().rstrip("."), "")


def omission(printed: str, hand: str, reason: str = "omitted") -> etree._Element:
    """A printed omission mark (or a gap the source states): the characters in orig, the gap of
    the hand that marked it in reg."""
    choice = element("choice")
    sub(choice, "orig", text=printed)
    reg = sub(choice, "reg", {"resp": "ed:editors"})
    sub(reg, "gap", {"reason": reason, "resp": f"ed:{hand}"})
    return choice


def insertion(hand: str) -> etree._Element:
    """The source's own bracketed insertion into what it quotes (its brackets go inside)."""
    return element("add", {"type": "interpolation", "place": "inline", "resp": f"ed:{hand}"})


def recognizer() -> Recognizer:
    """The recognizer of bracketed interventions, for every profile."""
    def build(match: re.Match, ctx: Context) -> etree._Element:
        found = classify(match.group(0), ctx.source)
        if found.element == "gap":
            return omission(match.group(0), found.hand, found.type)
        if found.element == "add":
            el = insertion(found.hand)
        else:
            el = element("note", {"type": found.type, "place": "inline", "resp": f"ed:{found.hand}"})
        return fill_nested(el, match.group(0), ctx, RECOGNIZER)

    return Recognizer("bracket", BRACKET, build)


RECOGNIZER = recognizer()


def insertion_recognizer() -> Recognizer:
    """Words in parentheses that only an editor adds to a quotation: '(they)', '(is)'."""
    def build(match: re.Match, ctx: Context) -> etree._Element:
        el = insertion(ctx.source.options.get("unsigned_brackets", "author"))
        el.text = match.group(0)
        return el

    return Recognizer("insertion", PARENTHESIZED_INSERTION, build)


INSERTION_RECOGNIZER = insertion_recognizer()


def lint(block: Block, ctx: Context) -> None:
    """Warn about brackets and parentheses that do not pair up: the text is kept as it is."""
    # "1) …", "a) …" opening a line, and "witness1)", are labels and markers, not parentheses
    bare = re.sub(r"(?m)^\s*(?:\d{1,3}|[a-z]) ?\)|(?<=[^\W\d])\d{1,2}\)", "", block.text)
    if bare.count("(") != bare.count(")"):
        ctx.warn(block.first_line, "the parentheses of this paragraph do not pair up; kept as text")
    for number, line in block.lines:
        depth = 0
        for column, char in enumerate(line, start=1):
            if char == "[":
                depth += 1
                if depth > 1:
                    ctx.warn(number, f"a bracket opens inside another at column {column}; kept as text")
            elif char == "]":
                depth -= 1
                if depth < 0:
                    ctx.warn(number, f"a closing bracket at column {column} has no opening one; kept as text")
                    depth = 0
        if depth > 0:
            ctx.warn(number, "a bracket opens and does not close on this line; kept as text")
