"""Titles of works the texts name: <title level="…"> from the editors' list (seeds/titles.toml).

A title cannot be told from plain text (the received file has no italics), so the editors list
the works the sources name: the title as printed, its level (a: article or chapter, m: book,
j: journal or newspaper) and, for a title that is also an ordinary word or year (Trotsky's book
1905), the patterns of the places where it is a title. Names and dates inside a title are its
words: neither persons nor dates are recognized in it (a correction still is), so the person
pages, the chronology and the search filters never count them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import ConversionError
from ..tei import element
from .datafile import DataFile
from .inline import DataRecognizer, Recognizer, SkippingPattern, fill

TITLES_FILE = "titles.toml"
LEVELS = ("a", "m", "j", "s", "u")
# Recognizers that never apply inside a title: what is in it is the title's words.
NOT_INSIDE = {"persons", "dates", "quotations", "titles"}


def load_titles(path: Path) -> list[tuple[str, str, re.Pattern, str]]:
    """Read the list: (title, level, pattern of its places, language or ''), every problem named
    with its line."""
    data = DataFile(path)
    lines = data.table_lines("title")
    found, problems = [], []
    for index, entry in enumerate(data.data.get("title", [])):
        where = data.where(lines[index] if index < len(lines) else 1)
        text, level = entry.get("text"), entry.get("level")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: a [[title]] needs text = \"…\", the title as printed")
            continue
        if level not in LEVELS:
            problems.append(f"{where}: title \"{text}\": level {level!r} is not one of {', '.join(LEVELS)}")
            continue
        places = entry.get("places") or [rf"(?<!\w){re.escape(text)}(?!\w)"]
        try:
            pattern = re.compile("|".join(f"(?:{p})" for p in places))
        except re.error as exc:
            problems.append(f"{where}: title \"{text}\": a pattern of its places is not a regular expression ({exc})")
            continue
        found.append((text, level, pattern, str(entry.get("lang", ""))))
    if problems:
        raise ConversionError("\n".join(problems))
    return found


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float):
    return load_titles(Path(path))


def titles_for(manifest) -> list[tuple[str, str, re.Pattern, str]]:
    """The list beside the manifest (seeds/titles.toml); none if there is no such file."""
    path = Path(manifest.path).parent / TITLES_FILE
    return _cached(str(path), path.stat().st_mtime) if path.exists() else []


def recognizer(titles: list[tuple[str, str, re.Pattern, str]]) -> Recognizer:
    """One recognizer for every listed title; the longest title at a place wins."""
    levels, languages = {}, {}
    alternatives = []
    for text, level, pattern, lang in sorted(titles, key=lambda t: -len(t[0])):
        group = f"t{len(alternatives)}"
        levels[group], languages[group] = level, lang
        alternatives.append(f"(?P<{group}>{pattern.pattern})")
    compiled = re.compile("|".join(alternatives)) if alternatives else re.compile(r"(?!)")

    def build(match: re.Match, ctx) -> etree._Element:
        group = next(g for g, v in match.groupdict().items() if v is not None)
        title = element("title", {"level": levels[group], **({"xml:lang": languages[group]} if languages[group] else {})})
        saved = ctx.recognizers
        ctx.recognizers = tuple(r for r in saved if r.name not in NOT_INSIDE)
        try:
            return fill(title, match.group(), ctx)
        finally:
            ctx.recognizers = saved

    return Recognizer("titles", SkippingPattern(compiled), build)


RECOGNIZER = DataRecognizer("titles", lambda manifest: recognizer(titles_for(manifest)))
