"""Profile 'mia-article': an article as the Marxists Internet Archive (MIA) publishes it.

Front: the title, the MIA's provenance lines ('Source : …', 'Transcription: …') and an
editor's introduction. Body: sections under one-line headings (older print ends them with
a full stop), paragraphs, lists, block quotations. A paragraph that follows one ending in a
colon is a block quotation; it runs on to the paragraph that ends with a citation or a note
marker (at most four paragraphs), and a citation in parentheses at its end is its bibl.
Back: the notes section ('Notes …' followed by numbered notes '2 . …' or '[2] …'); a note
runs over every paragraph up to the next number, and is the MIA's when it ends '— MIA'.
"""
from __future__ import annotations

import re

from lxml import etree

from ..tei import element, local_name, sub
from .blocks import Block, looks_like_heading
from .context import Context
from .inline import Recognizer, append_text, fill
from .structure import group_lists, heading, item_list, paragraph, split_heading

NAME = "mia-article"
DESCRIPTION = (
    "Encoded by the profile 'mia-article': title, the archive's provenance lines and the editor's "
    "introduction in front; sections, paragraphs, lists and block quotations (with their citations "
    "as bibl) in body; the notes section in back, each note with its number and its hand "
    "(ed:author, or ed:mia when it ends '— MIA')."
)

PROVENANCE = re.compile(
    r"^(Source|First Published|Published|Translated|Translation|Transcription(?:/Markup)?|"
    r"Transcribed|HTML Markup|Markup|Online Version|Proofread|Proofed|Copyleft|Written|Delivered|"
    r"Public Domain)\s*:",
    re.IGNORECASE,
)
EDITORS_SECTION = re.compile(
    r"^(?:(?:Introduction|Preface|Foreword|Note)\b.*\b(?:Editor|Translator|MIA|Publisher|Archive)"
    r"|Editor[’']?s?\b)",
    re.IGNORECASE,
)
NOTES_START = re.compile(r"^(?:Notes?|Footnotes|Endnotes)\b")
NOTE_ENTRY = re.compile(r"^(?P<label>\d{1,3} ?\.|\[\d{1,3}\])(?P<space>\s+)(?P<text>\S.*)$", re.DOTALL)
ENDS_WITH_REFERENCE = re.compile(r"(?:\)|\[\d{1,3}\]|\[[^\[\]]*—\s*MIA\.?\])\.?\s*$")
CITATION = re.compile(
    r"(?<=[.!?’”'\"…] )(?P<bibl>\((?:[^()]|\([^()]*\))*\))(?P<after>(?:\s*\[[^\[\]]*\])*\s*)$"
)
MIA_ENDING = re.compile(r"—\s*MIA\.?\s*$")
MAX_QUOTE_PARAGRAPHS = 4


def encode(blocks: list[Block], ctx: Context) -> etree._Element:
    """Return the text element of an MIA article."""
    text = element("text")
    front_blocks, body_blocks, note_blocks = _split_front_body_back(blocks)
    markers = NoteMarkers(ctx, _note_numbers(note_blocks))
    ctx.recognizers = (markers.recognizer, *ctx.recognizers)
    if front_blocks:
        _front(sub(text, "front"), front_blocks, ctx)
    body = sub(text, "body")
    _sections(body, body_blocks, ctx)
    if note_blocks:
        back = sub(text, "back")
        _notes(back, note_blocks, ctx)
    markers.report_unmarked(note_blocks)
    return text


def _note_numbers(note_blocks: list[Block]) -> dict[str, int]:
    """The numbers of the notes the notes section holds, with their seed lines."""
    numbers: dict[str, int] = {}
    for block in note_blocks[1:]:
        match = NOTE_ENTRY.match(block.text)
        if match:
            numbers.setdefault(re.sub(r"\D", "", match["label"]), block.first_line)
    return numbers


class NoteMarkers:
    """Note markers '[4]' in the text: a ref to the note, or typed unmatched if it is absent."""

    PATTERN = re.compile(r"\[(?P<n>\d{1,3})\]")

    def __init__(self, ctx: Context, notes: dict[str, int]):
        self.ctx = ctx
        self.notes = notes
        self.seen: list[int] = []
        self.recognizer = Recognizer("note-marker", self.PATTERN, self.build)

    def build(self, match: re.Match, ctx: Context) -> etree._Element:
        number = match["n"]
        if self.seen and int(number) <= self.seen[-1]:
            ctx.warn(0, f"note marker [{number}] follows marker [{self.seen[-1]}]: out of order, "
                        "kept as a marker; check that it is not a year or a list number")
        self.seen.append(int(number))
        ref = element("ref", {"type": "noteref", "n": number})
        if number in self.notes:
            ref.set("target", f"#{ctx.source.id}-note{number}")
        else:
            ref.set("subtype", "unmatched")
        ref.text = match.group(0)
        return ref

    def report_unmarked(self, note_blocks: list[Block]) -> None:
        marked = {str(n) for n in self.seen}
        for number, line in self.notes.items():
            if number not in marked:
                self.ctx.warn(line, f"note {number} has no marker in the text")


def _split_front_body_back(blocks: list[Block]):
    index = 0
    if blocks and looks_like_heading(blocks[0].texts[0]) and len(blocks[0].lines) == 1:
        index = 1
    while index < len(blocks) and PROVENANCE.match(blocks[index].text):
        index += 1
    if index < len(blocks) and EDITORS_SECTION.match(blocks[index].text) and len(blocks[index].lines) == 1:
        index += 1
        while index < len(blocks) and split_heading(blocks[index], period_allowed=True)[0] is None:
            index += 1
    notes_at = next(
        (i for i in range(index, len(blocks) - 1)
         if NOTES_START.match(blocks[i].text) and NOTE_ENTRY.match(blocks[i + 1].text)),
        len(blocks),
    )
    return blocks[:index], blocks[index:notes_at], blocks[notes_at:]


def _front(front: etree._Element, blocks: list[Block], ctx: Context) -> None:
    rest = list(blocks)
    if rest and not PROVENANCE.match(rest[0].text) and not EDITORS_SECTION.match(rest[0].text):
        heading(front, rest.pop(0).text, ctx)
    provenance = []
    while rest and PROVENANCE.match(rest[0].text):
        provenance.append(rest.pop(0))
    if provenance:
        div = sub(front, "div", {"xml:id": ctx.new_id("div"), "type": "provenance"})
        for block in provenance:
            paragraph(div, block, ctx)
    if rest:
        div = sub(front, "div", {"xml:id": ctx.new_id("div"), "type": "introduction"})
        heading(div, rest[0].text, ctx)
        _flow(div, rest[1:], ctx)


def _sections(body: etree._Element, blocks: list[Block], ctx: Context) -> None:
    """Fill the body: headings open sections of type 'section'."""
    container = body
    pending: list[Block] = []
    previous = ""
    for block in blocks:
        # What follows "… wrote:" is a quotation, however short.
        title, rest = (None, block) if previous.endswith(":") else split_heading(block, period_allowed=True)
        previous = block.text.rstrip()
        if title is None:
            pending.append(block)
            continue
        _flow(container, pending, ctx)
        pending = []
        container = sub(body, "div", {"xml:id": ctx.new_id("div"), "type": "section"})
        heading(container, title, ctx)
        if rest is not None:
            pending.append(rest)
    _flow(container, pending, ctx)


def _flow(parent: etree._Element, blocks: list[Block], ctx: Context) -> None:
    """Append paragraphs, lists and block quotations."""
    runs = list(group_lists(blocks))
    index = 0
    while index < len(runs):
        kind, run = runs[index]
        if kind:
            item_list(parent, run, kind, ctx)
            index += 1
            continue
        span = _quote_span(runs, index)
        if span:
            block_quote(parent, [r[1][0] for r in runs[index:index + span]], ctx)
            index += span
            continue
        for block in run:
            paragraph(parent, block, ctx)
        index += 1


def _quote_span(runs, index: int) -> int:
    """Return how many paragraphs from index form a block quotation (0 if none)."""
    if index == 0:
        return 0
    before_kind, before = runs[index - 1]
    if before_kind or not before[-1].text.rstrip().endswith(":"):
        return 0
    span = 0
    for kind, run in runs[index:index + MAX_QUOTE_PARAGRAPHS]:
        if kind or len(run) != 1:
            break
        span += 1
        if ENDS_WITH_REFERENCE.search(run[0].text):
            return span
    return 1 if runs[index][0] is None and len(runs[index][1]) == 1 else 0


def block_quote(parent: etree._Element, blocks: list[Block], ctx: Context) -> etree._Element:
    """Append a block quotation; a citation in parentheses at its end becomes its bibl."""
    quote = sub(parent, "quote", {"xml:id": ctx.new_id("quote"), "type": "block"})
    for position, block in enumerate(blocks):
        last = position == len(blocks) - 1
        match = CITATION.search(block.text) if last else None
        if not match:
            paragraph(quote, block, ctx)
            continue
        p = sub(quote, "p", {"xml:id": ctx.new_id("p")})
        fill(p, block.text[:match.start("bibl")], ctx)
        bibl = sub(p, "bibl", {"type": "citation"})
        fill(bibl, match["bibl"], ctx)
        fill(p, match["after"], ctx)
    return quote


def _notes(back: etree._Element, blocks: list[Block], ctx: Context) -> None:
    div = sub(back, "div", {"xml:id": ctx.new_id("div"), "type": "notes"})
    statement = blocks[0]
    if len(statement.text.split()) <= 2:
        heading(div, statement.text, ctx)
    else:
        paragraph(div, statement, ctx)
    notes: list[list[Block]] = []
    for block in blocks[1:]:
        if NOTE_ENTRY.match(block.text) or not notes:
            notes.append([block])
        else:
            notes[-1].append(block)
    seen: set[str] = set()
    for note_blocks in notes:
        _note(div, note_blocks, ctx, seen)


def _note(div: etree._Element, blocks: list[Block], ctx: Context, seen: set[str]) -> None:
    match = NOTE_ENTRY.match(blocks[0].text)
    if match is None:
        ctx.warn(blocks[0].first_line, "text in the notes section before the first numbered note")
        for block in blocks:
            paragraph(div, block, ctx)
        return
    number = re.sub(r"\D", "", match["label"])
    ident = f"{ctx.source.id}-note{number}"
    if number in seen:
        ctx.warn(blocks[0].first_line, f"note {number} is numbered twice; the second keeps its text")
        ident = ctx.new_id(f"note{number}-dup")
    seen.add(number)
    hand = "mia" if MIA_ENDING.search(_without_final_bracket(blocks[-1].text)) else "author"
    note = sub(div, "note", {"xml:id": ident, "n": number, "type": hand, "resp": f"ed:{hand}",
                             "place": "end"})
    first = sub(note, "p", {"xml:id": ctx.new_id("p")})
    sub(first, "label", text=match["label"])
    append_text(first, match["space"])
    fill(first, match["text"], ctx)
    runs = [(None, [first_block]) for first_block in [blocks[0]]]
    runs += list(group_lists(blocks[1:]))
    index = 1
    while index < len(runs):
        kind, run = runs[index]
        span = 0 if kind else _quote_span(runs, index)
        if kind:
            item_list(note, run, kind, ctx)
            index += 1
        elif span:
            block_quote(note, [r[1][0] for r in runs[index:index + span]], ctx)
            index += span
        else:
            for block in run:
                paragraph(note, block, ctx)
            index += 1
    if hand == "mia" and local_name(note[-1]) == "quote":
        ctx.warn(blocks[-1].first_line, f"'— MIA' ends a quotation inside note {number}, not the note: "
                                        "the note is kept as the author's")
        note.set("type", "author")
        note.set("resp", "ed:author")


def _without_final_bracket(text: str) -> str:
    """Drop a bracketed annotation at the very end (an MIA reference inside an author's note)."""
    return re.sub(r"\s*\[[^\[\]]*\]\s*$", "", text)
