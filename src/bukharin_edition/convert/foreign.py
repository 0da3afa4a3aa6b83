"""Words and phrases in another language than the text's: <foreign xml:lang> from the editors'
list (seeds/foreign.toml), since the received file has no italics to tell them by.

    [[foreign]]  text (as printed, matched as whole words, case-sensitively), lang (BCP 47,
                 e.g. ru-Latn for a transliterated Russian word), note (optional)
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import ConversionError
from ..tei import element
from .datafile import DataFile
from .inline import DataRecognizer, Recognizer, fill_nested

FOREIGN_FILE = "foreign.toml"
LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def load_foreign(path: Path) -> dict[str, str]:
    """Read the list: text → language; every problem named with its line."""
    data = DataFile(path)
    lines = data.table_lines("foreign")
    found, problems = {}, []
    for index, entry in enumerate(data.data.get("foreign", [])):
        where = data.where(lines[index] if index < len(lines) else 1)
        text, lang = entry.get("text"), entry.get("lang")
        if not isinstance(text, str) or not text.strip() or not isinstance(lang, str) or not LANG.match(lang):
            problems.append(f"{where}: a [[foreign]] needs text = \"…\" and lang = a BCP 47 code such as \"ru-Latn\"")
            continue
        found[text] = lang
    if problems:
        raise ConversionError("\n".join(problems))
    return found


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> dict[str, str]:
    return load_foreign(Path(path))


def foreign_for(manifest) -> dict[str, str]:
    path = Path(manifest.path).parent / FOREIGN_FILE
    return _cached(str(path), path.stat().st_mtime) if path.exists() else {}


def recognizer(words: dict[str, str]) -> Recognizer:
    """The recognizer of every listed word or phrase, the longest first."""
    forms = sorted(words, key=lambda w: -len(w))
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, forms))})(?!\w)") if forms else re.compile(r"(?!)")

    def build(match: re.Match, ctx) -> etree._Element:
        return fill_nested(element("foreign", {"xml:lang": words[match.group()]}), match.group(), ctx, foreign)

    foreign = Recognizer("foreign", pattern, build)
    return foreign


RECOGNIZER = DataRecognizer("foreign", lambda manifest: recognizer(foreign_for(manifest)))
