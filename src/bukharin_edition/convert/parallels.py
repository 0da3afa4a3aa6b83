"""Passages that recur in two sources, linked both ways with @corresp.

A collection item and a paragraph of another source are parallel when they share a sentence
of at least MIN_SHARED characters, character for character: the collection quotes the same
passage that the other source quotes or paraphrases around it.
"""
from __future__ import annotations

import re

from lxml import etree

from ..manifest import Manifest, Source
from ..tei import XML_ID

MIN_SHARED = 30
SENTENCE_END = re.compile(r"(?<=[.!?…])[’”\"']?\s+")


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, stripped of quotation marks at their edges."""
    return [s.strip(" \"“”‘’'") for s in SENTENCE_END.split(text) if s.strip()]


def find_parallels(manifest: Manifest, collection: Source, other: Source) -> list[tuple[int, int]]:
    """Return (collection paragraph line, other paragraph line) pairs that share a sentence."""
    def paragraphs(source: Source) -> dict[int, str]:
        found: dict[int, str] = {}
        start = None
        for number, line in manifest.lines_of(source):
            if not line.strip():
                start = None
            elif start is None:
                start = number
                found[start] = line
            else:
                found[start] += "\n" + line
        return found

    theirs = paragraphs(other)
    pairs = []
    for line, text in paragraphs(collection).items():
        for sentence in sentences(text):
            if len(sentence) < MIN_SHARED:
                continue
            matches = [their_line for their_line, their_text in theirs.items() if sentence in their_text]
            pairs += [(line, m) for m in matches if (line, m) not in pairs]
    return pairs


def link(roots: dict[str, etree._Element], block_ids: dict[str, dict[int, str]],
         manifest: Manifest) -> None:
    """Set @corresp both ways between the parallel passages of the encoded sources."""
    for source in manifest.sources:
        other_id = source.options.get("parallels_in")
        if not other_id or source.id not in roots or other_id not in roots:
            continue
        other = manifest.source(other_id)
        for ours, theirs in find_parallels(manifest, source, other):
            our_id = block_ids[source.id].get(ours)
            their_id = block_ids[other_id].get(theirs)
            if not our_id or not their_id:
                continue
            _add_pointer(_by_id(roots[source.id], our_id), f"{other_id}.xml#{their_id}")
            _add_pointer(_by_id(roots[other_id], their_id), f"{source.id}.xml#{our_id}")


def _by_id(root: etree._Element, ident: str) -> etree._Element:
    return next(el for el in root.iter() if el.get(XML_ID) == ident)


def _add_pointer(el: etree._Element, pointer: str) -> None:
    current = el.get("corresp", "").split()
    if pointer not in current:
        el.set("corresp", " ".join([*current, pointer]))
