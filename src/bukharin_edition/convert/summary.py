"""What a TEI document encodes, counted: `edition new-source --dry-run` shows it, benchmarks reuse it.

Only the text (`text`) is counted, never the header. The features:

  headings       `head`
  turns          `sp`
  notes          the source's notes: a `note` in `back`, or one of the author's, the translator's,
                 the Marxists Internet Archive's or the source's editor's hand (`@resp` ed:author,
                 ed:translator, ed:mia, ed:editor) wherever it stands; the edition's own notes
                 (ed:editors, the placeholders of missing notes among them) are not the source's
  note markers   `ref type="noteref"`
  dates          `date`
  persons        `persName`
  unknown names  a `persName` whose `@ref` is not in the register (or that has none), or that the
                 converter flagged as a candidate for the register (`@type="candidate"` or
                 `@cert` other than high)
"""
from __future__ import annotations

from typing import Iterable

from lxml import etree

from ..tei import TEI_NS

SOURCE_HANDS = frozenset({"ed:author", "ed:translator", "ed:mia", "ed:editor"})
FEATURES = ("headings", "turns", "notes", "note markers", "dates", "persons", "unknown names")
_NS = {"t": TEI_NS}


def summarize(root: etree._Element, register: Iterable[str] | None = None) -> dict[str, int]:
    """Count the features of a TEI document's text (see the module's docstring).

    `register` holds the known person pointers (`per:<id>`); without it, only a persName
    without `@ref` or flagged as a candidate counts as unknown.
    """
    known = None if register is None else set(register)
    texts = root.xpath("t:text", namespaces=_NS) if etree.QName(root).localname == "TEI" else [root]
    counts = dict.fromkeys(FEATURES, 0)
    for text in texts:
        counts["headings"] += len(text.xpath(".//t:head", namespaces=_NS))
        counts["turns"] += len(text.xpath(".//t:sp", namespaces=_NS))
        counts["notes"] += sum(1 for note in text.xpath(".//t:note", namespaces=_NS) if _source_note(note))
        counts["note markers"] += len(text.xpath(".//t:ref[@type='noteref']", namespaces=_NS))
        counts["dates"] += len(text.xpath(".//t:date", namespaces=_NS))
        names = text.xpath(".//t:persName", namespaces=_NS)
        counts["persons"] += len(names)
        counts["unknown names"] += sum(1 for name in names if _unknown(name, known))
    return counts


def _source_note(note: etree._Element) -> bool:
    if "ed:editors" in (note.get("resp") or "").split():
        return False
    if note.xpath("ancestor::t:back", namespaces=_NS):
        return True
    return bool(set((note.get("resp") or "").split()) & SOURCE_HANDS)


def _unknown(name: etree._Element, known: set[str] | None) -> bool:
    if name.get("type") == "candidate" or name.get("cert") in ("low", "medium", "unknown"):
        return True
    refs = (name.get("ref") or "").split()
    if not refs:
        return True
    return known is not None and any(ref not in known for ref in refs)


def format_summary(counts: dict[str, int]) -> str:
    """One line: 'headings 2, turns 0, …'."""
    return ", ".join(f"{feature} {counts[feature]}" for feature in FEATURES)
