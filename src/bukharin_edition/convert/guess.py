"""Which profile fits a new text: read from what the text shows, with the reason said.

  transcript   labelled turns ("THE PRESIDENT: …", "Bukharin: …", "Q. …") open at least three
               paragraphs and a fifth of them
  mia-article  the archive's provenance lines ("Source:", "Transcription/Markup:", "Written:"),
               or a notes section that markers in the text call
  collection   most paragraphs are quotations (they open with a quotation mark, or end with an
               attribution "— Name")
  prose        everything else: articles, biographies, entries, essays
"""
from __future__ import annotations

import re

from .blocks import Block, split_blocks
from .mia import PROVENANCE
from .notes import split_notes
from .transcript import _label

QUESTION_ANSWER = re.compile(r"^(?:Q|A)\.\s+\S")
OPENS_WITH_QUOTE = re.compile(r"^\s*[“\"‘«]")
ATTRIBUTION = re.compile(r"(?:^|\n)\s*[—–-]{1,2}\s*[A-Z][^\n]{1,80}$")


def guess_profile(lines: list[tuple[int, str]]) -> tuple[str, str]:
    """Return (profile, why) for a text given as (line number, text) pairs."""
    blocks = split_blocks(lines)
    if not blocks:
        return "prose", "the text is empty"
    turns = sum(1 for b in blocks if _label(b.text) or QUESTION_ANSWER.match(b.text))
    if turns >= 3 and turns * 5 >= len(blocks):
        return "transcript", f"{turns} of {len(blocks)} paragraphs open with a speaker label"
    opening = next((b for b in blocks[:3] if (found := _label(b.text))
                    and found[0]["label"].strip().rstrip(":.").replace(" ", "").isupper()), None)
    if opening is not None:
        return "transcript", f"the record opens with the speaker label {_label(opening.text)[0]['label'].strip()!r}"
    provenance = sum(1 for b in blocks[:12] for line in b.texts if PROVENANCE.match(line))
    if provenance >= 2:
        return "mia-article", f"{provenance} provenance lines of an archive page (Source:, Written:, …)"
    _, section = split_notes(blocks)
    if section is not None:
        return "mia-article", f"a notes section of {len(section.notes)} note(s) that markers in the text call"
    quotations = sum(1 for b in blocks[1:] if _is_quotation(b))
    if len(blocks) >= 3 and quotations * 2 > len(blocks) - 1:
        return "collection", f"{quotations} of {len(blocks) - 1} paragraphs are attributed quotations"
    return "prose", "no speaker labels, notes section or run of quotations"


def _is_quotation(block: Block) -> bool:
    return bool(OPENS_WITH_QUOTE.match(block.text) or ATTRIBUTION.search(block.text))
