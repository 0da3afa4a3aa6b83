"""`edition diff`: what changed between two versions of a TEI file, in a scholar's terms.

Blocks are matched by xml:id: a block added or removed, its text changed (the changed words
shown in context), its attributes changed, and the phrase-level elements added to it or
removed from it (a note, a persName, a correction). Header changes are listed line by line.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from .fidelity import inline_text
from .tei import TEI_NS, XML_ID, has_inline_layout, local_name, serialize

CONTEXT_WORDS = 6


@dataclass(frozen=True)
class Change:
    """One difference, said in words."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def _blocks(root: etree._Element) -> dict[str, etree._Element]:
    text = root.find(f"{{{TEI_NS}}}text")
    scope = text if text is not None else root
    return {el.get(XML_ID): el for el in scope.iter() if isinstance(el.tag, str) and el.get(XML_ID)}


def _excerpt(el: etree._Element, limit: int = 60) -> str:
    text = " ".join("".join(el.itertext()).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _inline_elements(el: etree._Element) -> Counter:
    """The phrase-level elements of a block, as (name, attributes, text) — ids left aside."""
    if not has_inline_layout(el):
        return Counter()
    found = Counter()
    for child in el.iterdescendants():
        if isinstance(child.tag, str) and not child.get(XML_ID):
            attrs = " ".join(f'{k}="{v}"' for k, v in sorted(child.attrib.items()))
            found[(local_name(child), attrs, inline_text(child))] += 1
    return found


def _word_changes(old: str, new: str) -> list[str]:
    a, b = old.split(), new.split()
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(a[max(0, i1 - CONTEXT_WORDS):i1])
        after = " ".join(a[i2:i2 + CONTEXT_WORDS])
        removed, added = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        changes.append(f"…{before} [-{removed}-]{{+{added}+}} {after}…".replace("[--]", "").replace("{++}", ""))
    if not changes and old != new:
        changes.append("spacing changed: " + repr(old[:80]) + " → " + repr(new[:80]))
    return changes


def compare(old: etree._Element, new: etree._Element) -> list[Change]:
    """List the changes from old to new."""
    changes: list[Change] = []
    old_header, new_header = old.find(f"{{{TEI_NS}}}teiHeader"), new.find(f"{{{TEI_NS}}}teiHeader")
    if old_header is not None and new_header is not None:
        a = serialize(old_header).decode().splitlines()[3:]
        b = serialize(new_header).decode().splitlines()[3:]
        for line in difflib.unified_diff(a, b, lineterm="", n=0):
            if line[:1] in "+-" and not line.startswith(("+++", "---")):
                verb = "added" if line[0] == "+" else "removed"
                changes.append(Change("header", f"{verb}: {line[1:].strip()}"))
    before, after = _blocks(old), _blocks(new)
    for ident, el in before.items():
        if ident not in after:
            changes.append(Change(ident, f"{local_name(el)} removed: “{_excerpt(el)}”"))
    for ident, el in after.items():
        if ident not in before:
            changes.append(Change(ident, f"{local_name(el)} added: “{_excerpt(el)}”"))
            continue
        was = before[ident]
        for name in sorted(set(was.attrib) | set(el.attrib)):
            if was.get(name) != el.get(name):
                label = re.sub(r"^\{[^}]+\}", "xml:", name)
                changes.append(Change(ident, f"{label} changed: {was.get(name)!r} → {el.get(name)!r}"))
        if not has_inline_layout(el):
            continue
        old_text, new_text = inline_text(was), inline_text(el)  # the source's text, as a reader of it sees
        for words in _word_changes(old_text, new_text):
            changes.append(Change(ident, f"text changed: {words}"))
        old_inline, new_inline = _inline_elements(was), _inline_elements(el)
        for verb, delta in (("added", new_inline - old_inline), ("removed", old_inline - new_inline)):
            for (name, attrs, text), count in delta.items():
                described = f"{name} {verb}" + (f" ({attrs})" if attrs else "")
                changes.append(Change(ident, f"{described}: “{text}”" + (f" ×{count}" if count > 1 else "")))
    return changes
