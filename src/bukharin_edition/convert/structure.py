"""Block-level builders shared by the profiles: paragraphs, headings, lists."""
from __future__ import annotations

from typing import Iterator, Sequence

from lxml import etree

from ..tei import sub
from .blocks import Block, block_list_kind, looks_like_heading, split_item
from .context import Context
from .inline import append_text, fill


def paragraph(parent: etree._Element, block: Block, ctx: Context) -> etree._Element:
    """Append the block as one p; its single line feeds become lb."""
    p = sub(parent, "p", {"xml:id": ctx.new_id("p")})
    ctx.block_ids.setdefault(block.first_line, p.get("{http://www.w3.org/XML/1998/namespace}id"))
    return fill(p, block.text, ctx)


def heading(parent: etree._Element, text: str, ctx: Context) -> etree._Element:
    """Append a one-line head."""
    head = sub(parent, "head", {"xml:id": ctx.new_id("head")})
    return fill(head, text, ctx)


def item_list(parent: etree._Element, blocks: Sequence[Block], kind: str, ctx: Context) -> etree._Element:
    """Append a list whose items keep their printed labels ('*', '1.') as label elements."""
    lst = sub(parent, "list", {"xml:id": ctx.new_id("list"), "rend": kind})
    for block in blocks:
        for _, line in block.lines:
            label, space, text = split_item(line)
            item = sub(lst, "item", {"xml:id": ctx.new_id("item")})
            sub(item, "label", text=label)
            append_text(item, space)
            fill(item, text, ctx)
    return lst


def group_lists(blocks: Sequence[Block]) -> Iterator[tuple[str | None, list[Block]]]:
    """Yield (list kind, blocks) for runs of list blocks, (None, [block]) for the rest.

    Consecutive list blocks of one kind make one list; a lone one-line 'item' stays a
    paragraph, since a line such as '1. …' alone is as likely a sentence as a list.
    """
    index = 0
    while index < len(blocks):
        kind = block_list_kind(blocks[index])
        if kind is None:
            yield None, [blocks[index]]
            index += 1
            continue
        run = [blocks[index]]
        while index + len(run) < len(blocks) and block_list_kind(blocks[index + len(run)]) == kind:
            run.append(blocks[index + len(run)])
        if sum(len(b.lines) for b in run) >= 2:
            yield kind, run
        else:
            yield None, run
        index += len(run)


def split_heading(block: Block, period_allowed: bool = False) -> tuple[str | None, Block | None]:
    """Return (heading text, remaining block) when the block opens with a one-line heading."""
    first = block.texts[0]
    if block_list_kind(block) or not looks_like_heading(first, period_allowed):
        return None, block
    rest = block.rest() if len(block.lines) > 1 else None
    return first, rest
