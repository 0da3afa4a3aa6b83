"""Inline quotations of named people: q with @who where the text makes the speaker unambiguous.

A quotation ("…", “…” or ‘…’) is attributed when the words that introduce it, in the same
sentence and ending with a colon or a comma, name a registered person directly followed by a
verb of speech or writing ('Robert Service, has commented: "…"', 'Lenin admitted: "…"',
'Bukharin writes pathetically, ‘…’'), or say 'According to NAME, …: "…"'. A quotation
introduced by a pronoun ('he argued: "…"'), or whose introduction names nobody in that way,
stays text: the edition attributes only what the text makes unambiguous.
"""
from __future__ import annotations

import re
from typing import Callable

from lxml import etree

from ..tei import element
from .context import Context
from .inline import Recognizer, fill_nested

# Finds registered persons in a text: (start, end, person id) for each mention.
PersonFinder = Callable[[str], list[tuple[int, int, str]]]

QUOTATION = re.compile(r'"[^"\n]+"|“[^”\n]+”|‘[^‘\n]*?’(?![A-Za-z])')
SENTENCE_END = re.compile(r"[.!?…][\"”’]?\s+")
SPEECH = (
    r"said|says|say|argued|argues|recalled|recalls|commented|comments|pointed out|points out|"
    r"admitted|admits|wrote|writes|writing|declared|warned|criticized|criticised|claimed|claims|"
    r"added|told|asked|shouted|explained|insisted|replied|responded|remarked|stated|announced|"
    r"described|maintains|maintained"
)
AFTER_NAME = re.compile(
    rf"^(?:,[^.!?:;]{{0,120}}?,?)?\s+(?:\w+ly\s+|later\s+|also\s+|then\s+)?(?:has\s+|had\s+)?(?:{SPEECH})\b"
)
DESCRIPTION = re.compile(r"^, (?:the|a|an|his|her|their) ")
ACCORDING_TO = re.compile(r"[Aa]ccording to\s+$")
INTRODUCED = re.compile(r"[:,]\s*$")
MAX_INTRODUCTION = 400


def speaker_of(text: str, start: int, find_persons: PersonFinder) -> str | None:
    """Return the id of the person who says the quotation at `start`, if the text is unambiguous."""
    window_start = max(0, start - MAX_INTRODUCTION)
    window = text[window_start:start]
    if not INTRODUCED.search(window):
        return None
    ends = [match.end() for match in SENTENCE_END.finditer(window)]
    sentence = window[ends[-1] if ends else 0:]
    mentions = find_persons(sentence)
    for index, (mention_start, mention_end, ident) in enumerate(mentions):
        if ACCORDING_TO.search(sentence[:mention_start]):
            return ident
        verb = AFTER_NAME.match(sentence[mention_end:])
        if not verb:
            continue
        # The verb must be this person's: no other name, and no other quotation, on the way to it.
        reach = mention_end + verb.end()
        descriptive = DESCRIPTION.match(sentence[mention_end:])  # ', the author of Stalin (1949)'
        if not descriptive and any(mention_end <= other[0] < reach for other in mentions[index + 1:]):
            continue
        if QUOTATION.search(sentence, mention_end):
            continue
        return ident
    return None


class AttributedQuotations:
    """A pattern (re.Pattern's `search`) that finds only the quotations whose speaker is named."""

    def __init__(self, find_persons: PersonFinder):
        self.find_persons = find_persons

    def search(self, text: str, position: int = 0):
        for match in QUOTATION.finditer(text, position):
            if speaker_of(text, match.start(), self.find_persons):
                return match
        return None


def recognizer(find_persons: PersonFinder) -> Recognizer:
    """The recognizer of attributed inline quotations, naming persons with `find_persons`."""

    def build(match: re.Match, ctx: Context) -> etree._Element:
        who = speaker_of(match.string, match.start(), find_persons)
        q = element("q", {"who": f"per:{who}"})
        return fill_nested(q, match.group(0), ctx, quotations)

    quotations = Recognizer("quotation", AttributedQuotations(find_persons), build)
    return quotations
