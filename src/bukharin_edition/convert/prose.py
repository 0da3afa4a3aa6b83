"""Profile 'prose': web articles, biographies, entries and essays.

Paragraphs, one-line headings (a short line that does not end as a sentence does; the
first one is the source's title, later ones open sections), bulleted and numbered lists,
and lines broken by a single line feed.
"""
from __future__ import annotations

from lxml import etree

from ..tei import element, sub, tei
from .blocks import Block
from .context import Context
from .structure import contents, contents_entries, group_lists, heading, item_list, paragraph, split_heading

NAME = "prose"
DESCRIPTION = (
    "Encoded by the profile 'prose': each run of non-blank lines is a paragraph, a list or a "
    "one-line heading (a short line that does not end as a sentence does); the first heading is "
    "the title, later headings open sections; single line feeds are lb."
)


def encode(blocks: list[Block], ctx: Context) -> etree._Element:
    """Return the text element of a prose source."""
    text = element("text")
    body = sub(text, "body")
    top = sub(body, "div", {"xml:id": ctx.new_id("div"), "type": ctx.source.genre})
    fill_divisions(top, blocks, ctx)
    return text


def fill_divisions(top: etree._Element, blocks: list[Block], ctx: Context,
                   period_allowed: bool = False, section_type: str = "section") -> None:
    """Fill a division: the first heading titles it, later headings open sub-divisions."""
    index = next((i for i in range(len(blocks)) if contents_entries(blocks, i)), None)
    if index is not None:  # a table of contents: the text before it, the contents, the text after
        count = contents_entries(blocks, index)
        fill_divisions(top, blocks[:index], ctx, period_allowed, section_type)
        contents(top, blocks[index], blocks[index + 1:index + 1 + count], ctx)
        fill_divisions(top, blocks[index + 1 + count:], ctx, period_allowed, section_type)
        return
    container = top
    previous = ""
    for position, (kind, run) in enumerate(group_lists(blocks)):
        if kind:
            container = _after_divisions(top, container, ctx, section_type)
            item_list(container, run, kind, ctx)
            previous = run[-1].text.rstrip()
            continue
        block = run[0]
        # What follows "… wrote:" or "Yours," is the text or a signature, not a heading.
        title, rest = (None, block) if previous.endswith((":", ",")) else split_heading(block, period_allowed)
        previous = run[-1].text.rstrip()
        if title is not None:
            if position == 0 and container is top and not len(top.findall("*")):
                heading(top, title, ctx)
            else:
                container = sub(top, "div", {"xml:id": ctx.new_id("div"), "type": section_type})
                heading(container, title, ctx)
            if rest is not None:
                paragraph(container, rest, ctx)
            continue
        container = _after_divisions(top, container, ctx, section_type)
        for block in run:
            paragraph(container, block, ctx)


def _after_divisions(top: etree._Element, container: etree._Element, ctx: Context,
                     section_type: str) -> etree._Element:
    """Where text goes: text after a division of top (a table of contents) opens an untitled
    division, as TEI has no paragraph after a division of the same parent."""
    if container is top and top.find(tei("div")) is not None:
        return sub(top, "div", {"xml:id": ctx.new_id("div"), "type": section_type})
    return container
