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

from ..tei import element, sub
from .blocks import METADATA, Block, looks_like_heading
from .context import Context
from . import notes
from .inline import append_text, fill
from .structure import contents, contents_entries, group_lists, heading, item_list, paragraph, split_heading

NAME = "mia-article"
DESCRIPTION = (
    "Encoded by the profile 'mia-article': title, the archive's provenance lines and the editor's "
    "introduction in front; sections, paragraphs, lists and block quotations in body (a quotation of "
    "one paragraph that ends with its citation or a note marker is a cit: the quote, then, outside it, "
    "the citation as bibl and the marker); the notes section in back, each note with its number and its hand "
    "(ed:author, or ed:mia when it ends '— MIA')."
)

PROVENANCE = METADATA
EDITORS_SECTION = re.compile(
    r"^(?:(?:Introduction|Preface|Foreword|Note)\b.*\b(?:Editor|Translator|MIA|Publisher|Archive)"
    r"|Editor[’']?s?\b)",
    re.IGNORECASE,
)
ENDS_WITH_REFERENCE = re.compile(r"(?:\)|\[\d{1,3}\]|\[[^\[\]]*—\s*MIA\.?\])\.?\s*$")
CITATION = re.compile(
    r"(?<=[.!?’”'\"…] )(?P<bibl>\((?:[^()]|\([^()]*\))*\))(?P<after>(?:\s*\[[^\[\]]*\])*\s*)$"
)
TRAILING_MARKERS = re.compile(r"(?<=\S)(?P<after>(?:\s*\[\d{1,3}\])+\s*)$")
MAX_QUOTE_PARAGRAPHS = 4
WRITTEN = re.compile(r"^\s*(?:Written|Delivered|Dated|Date)\s*:", re.IGNORECASE)
ENCODES_NOTES = True  # the notes section comes after the front matter, see encode()


def encode(blocks: list[Block], ctx: Context) -> etree._Element:
    """Return the text element of an MIA article."""
    text = element("text")
    front_blocks, rest = _split_front(blocks)
    body_blocks, section = notes.split_notes(rest)
    markers = notes.install_markers(ctx, section)
    title, rest = _title(front_blocks)
    if rest:
        text.append(encode_front(front_blocks, ctx))
        title = None
    body = sub(text, "body")
    if title is not None:  # a title with nothing else before the text: the body's own heading
        top = sub(body, "div", {"xml:id": ctx.new_id("div"), "type": ctx.source.genre})
        heading(top, title.text, ctx)
        _sections(top, body_blocks, ctx, always_divided=False)
    else:
        _sections(body, body_blocks, ctx, always_divided=True)
    lines = notes.encode_notes(text, section, ctx, _note_flow) if section else {}
    markers.place_missing(text)
    markers.report_unmarked(lines)
    return text


def _split_front(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The title, the provenance lines and an editor's introduction, then the rest."""
    index = 0
    if blocks and looks_like_heading(blocks[0].texts[0]) and len(blocks[0].lines) == 1 \
            and not notes.is_notes_heading(blocks[0]):
        index = 1
    while index < len(blocks) and PROVENANCE.match(blocks[index].text):
        index += 1
        # a provenance line's value may run over short paragraphs of its own before the next line
        ahead = next((j for j in range(index, min(index + 4, len(blocks))) if PROVENANCE.match(blocks[j].text)), None)
        if ahead is not None and all(len(b.text.split()) <= 25 for b in blocks[index:ahead]):
            index = ahead
    if index < len(blocks) and EDITORS_SECTION.match(blocks[index].text) and len(blocks[index].lines) == 1:
        index += 1
        while index < len(blocks) and split_heading(blocks[index], period_allowed=True)[0] is None:
            index += 1
    return blocks[:index], blocks[index:]


def encode_front(front_blocks: list[Block], ctx: Context) -> etree._Element:
    """The front: the title (if the front has one), the provenance lines, an introduction."""
    front = element("front")
    title, rest = _title(front_blocks)
    if title is not None:
        heading(front, title.text, ctx)
    _front(front, rest, ctx)
    # The year of a date without one is the year of writing, not of a later printing the
    # provenance names ("Source: … 1976").
    ctx.memory.pop("year", None)
    written = [b for b in rest if WRITTEN.match(b.text)]
    years = re.findall(r"\b(1[5-9]\d\d|20\d\d)\b", written[0].text) if written else []
    if years:
        ctx.memory["year"] = years[0]
    return front


def _title(front_blocks: list[Block]) -> tuple[Block | None, list[Block]]:
    """The title block of the front (a first block that is no provenance or introduction)."""
    if front_blocks and not PROVENANCE.match(front_blocks[0].text) \
            and not EDITORS_SECTION.match(front_blocks[0].text):
        return front_blocks[0], front_blocks[1:]
    return None, front_blocks


def _front(front: etree._Element, blocks: list[Block], ctx: Context) -> None:
    rest = list(blocks)
    # the provenance lines, with the short paragraphs their values run over, up to the last one
    last = max((i for i, block in enumerate(rest) if PROVENANCE.match(block.text)), default=-1)
    provenance, rest = rest[:last + 1], rest[last + 1:]
    if provenance:
        ctx.memory["provenance"] = "\n".join(block.text for block in provenance)
        div = sub(front, "div", {"xml:id": ctx.new_id("div"), "type": "provenance"})
        for block in provenance:
            paragraph(div, block, ctx)
    if rest:
        div = sub(front, "div", {"xml:id": ctx.new_id("div"), "type": "introduction"})
        heading(div, rest[0].text, ctx)
        _flow(div, rest[1:], ctx)


def _sections(body: etree._Element, blocks: list[Block], ctx: Context, always_divided: bool) -> None:
    """Fill the body: headings open sections of type 'section'; with `always_divided`, text
    before the first heading is a section of its own (the body holds divisions only)."""
    index = next((i for i in range(len(blocks)) if contents_entries(blocks, i)), None)
    if index is not None:  # a table of contents: the sections before it, the contents, those after
        count = contents_entries(blocks, index)
        if index:
            _sections(body, blocks[:index], ctx, always_divided)
        contents(body, blocks[index], blocks[index + 1:index + 1 + count], ctx)
        if blocks[index + 1 + count:]:
            _sections(body, blocks[index + 1 + count:], ctx, always_divided)
        return
    container = body
    pending: list[Block] = []
    previous = ""
    for block in blocks:
        # What follows "… wrote:" is a quotation, however short.
        # What follows "… wrote:" is a quotation, what follows "Greetings," a signature.
        title, rest = (None, block) if previous.endswith((":", ",")) else split_heading(block, period_allowed=True)
        previous = block.text.rstrip()
        if title is None:
            pending.append(block)
            continue
        if pending:
            if container is body and always_divided:
                container = sub(body, "div", {"xml:id": ctx.new_id("div"), "type": "section"})
            _flow(container, pending, ctx)
        pending = []
        container = sub(body, "div", {"xml:id": ctx.new_id("div"), "type": "section"})
        heading(container, title, ctx)
        if rest is not None:
            pending.append(rest)
    if container is body and always_divided:
        container = sub(body, "div", {"xml:id": ctx.new_id("div"), "type": "section"})
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
    if before_kind or not before[-1].text.rstrip().endswith(":") or _salutation(before[-1].text):
        return 0
    span = 0
    for kind, run in runs[index:index + MAX_QUOTE_PARAGRAPHS]:
        if kind or len(run) != 1:
            break
        span += 1
        if ENDS_WITH_REFERENCE.search(run[0].text):
            return span
    return 1 if runs[index][0] is None and len(runs[index][1]) == 1 else 0


def _salutation(text: str) -> bool:
    """'Comrade Bukharin:', 'Dear Comrades:': a letter's salutation, not the words that introduce a quotation."""
    words = text.strip().rstrip(":").split()
    return 0 < len(words) <= 4 and (words[0] == "Dear" or all(w[:1].isupper() for w in words))


def block_quote(parent: etree._Element, blocks: list[Block], ctx: Context) -> etree._Element:
    """Append a block quotation; a citation in parentheses at its end becomes its bibl.

    A quotation of one paragraph that ends with its citation or a note marker is a cit: the
    quote, and outside it, where the source prints them, the bibl and the marker. (A quotation of
    several paragraphs keeps them inside its last paragraph: the diplomatic text is a line a block.)
    """
    last = blocks[-1].text
    ending = CITATION.search(last) or TRAILING_MARKERS.search(last)
    if len(blocks) == 1 and ending:
        return _cited_quote(parent, blocks[0], ending, ctx)
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


def _cited_quote(parent: etree._Element, block: Block, ending: re.Match, ctx: Context) -> etree._Element:
    """A block quotation with its citation and marker outside the quote: one cit, one line."""
    cit = sub(parent, "cit", {"xml:id": ctx.new_id("cit"), "type": "block"})
    quote = sub(cit, "quote")  # the quoted text of the cit, which is the block (and its line)
    ctx.new_id("quote"), ctx.new_id("p")  # their numbers stay taken: the ids of the blocks after do not move
    ctx.block_ids.setdefault(block.first_line, cit.get("{http://www.w3.org/XML/1998/namespace}id"))
    cited = "bibl" in ending.groupdict() and ending["bibl"]
    start = ending.start("bibl") if cited else ending.start("after")
    quoted = block.text[:start]
    fill(quote, quoted.rstrip(), ctx)
    append_text(cit, quoted[len(quoted.rstrip()):])
    if cited:
        fill(sub(cit, "bibl", {"type": "citation"}), ending["bibl"], ctx)
    fill(cit, ending["after"], ctx)
    return cit


def _note_flow(note: etree._Element, blocks: list[Block], ctx: Context) -> None:
    """A note's paragraphs after its first: paragraphs, lists and block quotations."""
    runs = [(None, [blocks[0]])] + list(group_lists(blocks[1:]))
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
