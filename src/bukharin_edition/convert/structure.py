"""Block-level builders shared by the profiles: paragraphs, headings, lists.

A paragraph that refers to a picture standing beside it ("pictured is a cartoon", "(pictured)",
"the photo above") in a received text, which is text only, refers to a figure the received text
lost: the editors record it after the paragraph, as `figure type="lost" resp="ed:editors"` with
the words that refer to it in `figDesc` and a `gap reason="lost"`.
"""
from __future__ import annotations

import re
from typing import Iterator, Sequence

from lxml import etree

from ..tei import sub
from .blocks import Block, block_list_kind, looks_like_heading, split_item
from .context import Context
from .inline import append_text, fill


PICTURE = r"(?:picture|photo(?:graph)?|image|illustration|cartoon|drawing|portrait|poster)"
PICTURE_REFERENCE = re.compile(
    rf"\bpictured (?:is|are|here|above|below|left|right|on the (?:left|right))\b"
    rf"|\((?:pictured|see (?:the )?{PICTURE}[^()]*)\)"
    rf"|\b(?:the|this|these) {PICTURE}s? (?:above|below|here|on the (?:left|right))\b",
    re.IGNORECASE,
)


def paragraph(parent: etree._Element, block: Block, ctx: Context) -> etree._Element:
    """Append the block as one p; its single line feeds become lb."""
    p = sub(parent, "p", {"xml:id": ctx.new_id("p")})
    ctx.block_ids.setdefault(block.first_line, p.get("{http://www.w3.org/XML/1998/namespace}id"))
    fill(p, block.text, ctx)
    lost_figure(parent, block.text)
    return p


def lost_figure(parent: etree._Element, text: str) -> etree._Element | None:
    """Record the figure a paragraph refers to and the received text lost, after the paragraph."""
    found = PICTURE_REFERENCE.search(text)
    if found is None:
        return None
    start = max((m.end() for m in re.finditer(r"[.!?](?=\s)", text[:found.start()])), default=0)
    end = next((m.end() for m in re.finditer(r"[.!?]", text[found.end():])), len(text) - found.end())
    words = " ".join(text[start:found.end() + end].split())
    figure = sub(parent, "figure", {"type": "lost", "resp": "ed:editors"})
    sub(figure, "figDesc", text=f"A figure the text refers to (\u201c{words}\u201d); the received text "
                                "does not hold it.")
    sub(figure, "gap", {"reason": "lost"})
    return figure


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


CONTENTS_HEADING = re.compile(r"^(?:Table of )?Contents(?: of [^.!?]{1,60})?\s*:?$", re.IGNORECASE)
MAX_ENTRY_WORDS = 16


def contents_entries(blocks: Sequence[Block], index: int) -> int:
    """How many blocks after blocks[index] are the entries of a table of contents it heads
    (0 when blocks[index] is no "Contents" heading or nothing after it reads as entries)."""
    head = blocks[index]
    if len(head.lines) != 1 or not CONTENTS_HEADING.match(head.text.strip()):
        return 0
    count, seen = 0, set()
    for block in blocks[index + 1:]:
        if not all(_entry(line) for line in block.texts) or _entry_core(block.texts[0]) in seen:
            break  # a paragraph, or the heading of the first entry: the text begins
        seen.update(_entry_core(line) for line in block.texts)
        count += 1
    return count


def _entry_core(line: str) -> str:
    """An entry without its page number or leaders ("Preface .... 5") and its number ("II.")."""
    core = re.sub(r"(?:\s*\.{2,}\s*|\s+)(?:\d{1,4}|[ivxlc]{1,6})\s*$", "", line.strip())
    return re.sub(r"^(?:[IVXLC]{1,6}|\d{1,3}|[A-Z])[.)]\s+", "", core)


def _entry(line: str) -> bool:
    """A line of a table of contents: short, one phrase, not a sentence."""
    core = _entry_core(line)
    return bool(core) and len(core.split()) <= MAX_ENTRY_WORDS and not re.search(r"[.!?]\s+\S", core) \
        and not core.endswith((",", ";", ".", "!", "?"))


def contents(parent: etree._Element, head: Block, entries: Sequence[Block], ctx: Context) -> etree._Element:
    """Append a table of contents: a division with its heading and a list of its entries."""
    div = sub(parent, "div", {"xml:id": ctx.new_id("div"), "type": "contents"})
    heading(div, head.text, ctx)
    lst = sub(div, "list", {"xml:id": ctx.new_id("list"), "type": "contents"})
    for block in entries:
        for number, line in block.lines:
            item = sub(lst, "item", {"xml:id": ctx.new_id("item")})
            ctx.block_ids.setdefault(number, item.get("{http://www.w3.org/XML/1998/namespace}id"))
            fill(item, line, ctx)
    return div
