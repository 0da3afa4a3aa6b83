"""Inline recognizers: turn runs of a block's text into TEI phrase-level elements.

Every profile fills its blocks through `fill`. A recognizer finds a pattern in the text
and builds an element whose diplomatic text is exactly the matched text, so adding a
recognizer can never lose or add a character. Later layers (notes, persons, dates)
register their own recognizers here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from lxml import etree

from ..tei import element
from .context import Context

# A builder returns the element that encodes a match (or several, where the editors add a
# note after it); their diplomatic text together is exactly the match.
Builder = Callable[[re.Match, Context], "etree._Element | list[etree._Element]"]


@dataclass(frozen=True)
class Recognizer:
    """A named pattern and the builder of the element that encodes a match."""

    name: str
    pattern: re.Pattern
    build: Builder


def append_text(parent: etree._Element, text: str) -> None:
    """Append text at the end of parent's content, single line feeds becoming <lb/>."""
    pieces = text.split("\n")
    _append_plain(parent, pieces[0])
    for piece in pieces[1:]:
        parent.append(element("lb"))
        _append_plain(parent, piece)


def _append_plain(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def fill(parent: etree._Element, text: str, ctx: Context,
         extra: Sequence[Recognizer] = ()) -> etree._Element:
    """Append text to parent, encoding whatever the source's recognizers (and extra) find in it."""
    recognizers = (*extra, *ctx.recognizers)
    position = 0
    while position < len(text):
        found = _earliest(text, position, recognizers)
        if found is None:
            break
        match, recognizer = found
        append_text(parent, text[position:match.start()])
        built = recognizer.build(match, ctx)
        for node in built if isinstance(built, list) else [built]:
            parent.append(node)
        position = match.end()
    append_text(parent, text[position:])
    return parent


def fill_nested(parent: etree._Element, text: str, ctx: Context, outer: Recognizer) -> etree._Element:
    """Fill an element built by `outer` with its matched text, applying the other recognizers."""
    saved = ctx.recognizers
    ctx.recognizers = tuple(r for r in saved if r is not outer)
    try:
        return fill(parent, text, ctx)
    finally:
        ctx.recognizers = saved


def _earliest(text: str, position: int, recognizers: Sequence[Recognizer]):
    """The match that starts first; at the same start the longest (the outer element) wins."""
    best = None
    for recognizer in recognizers:
        match = recognizer.pattern.search(text, position)
        if not match or match.end() == match.start():
            continue
        if best is None or (match.start(), -match.end()) < (best[0].start(), -best[0].end()):
            best = (match, recognizer)
    return best


class Found:
    """A span a recognizer's own finder found in a text, answering as a re.Match does
    (start, end, span, group), for finders that are more than one regular expression."""

    def __init__(self, string: str, start: int, end: int):
        self.string, self._start, self._end = string, start, end

    def start(self, *_) -> int:
        return self._start

    def end(self, *_) -> int:
        return self._end

    def span(self, *_) -> tuple[int, int]:
        return self._start, self._end

    def group(self, *_) -> str:
        return self.string[self._start:self._end]


@dataclass(frozen=True)
class DataRecognizer:
    """A recognizer whose pattern comes from the edition's data files (seeds/*.toml).

    It is bound to a manifest when a source is encoded: `bind(manifest)` reads the data that
    lies beside the manifest and returns the Recognizer that `fill` applies.
    """

    name: str
    bind: Callable[..., Recognizer]


class SkippingPattern:
    """A compiled pattern that never matches where an exclusion pattern matches.

    It answers `search(text, position)` as a re.Pattern does, so a Recognizer can use it.
    """

    def __init__(self, pattern: re.Pattern, exclusions: Sequence[re.Pattern] = ()):
        self.pattern = pattern
        self.exclusions = tuple(exclusions)

    def search(self, text: str, position: int = 0):
        spans = [m.span() for ex in self.exclusions for m in ex.finditer(text)]
        while True:
            match = self.pattern.search(text, position)
            if match is None:
                return None
            if not any(start < match.end() and match.start() < end for start, end in spans):
                return match
            position = match.start() + 1

    def prepare(self, text: str) -> None:
        """Let the pattern read the whole source first, where it learns from it."""
        if hasattr(self.pattern, "prepare"):
            self.pattern.prepare(text)

    def finditer(self, text: str):
        position = 0
        while True:
            match = self.search(text, position)
            if match is None:
                return
            yield match
            position = max(match.end(), match.start() + 1)
