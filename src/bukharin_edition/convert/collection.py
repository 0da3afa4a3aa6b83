"""Profile 'collection': a collection of quotations from primary sources.

Each paragraph is one item: a cit holding the quotation as printed. Who said or wrote it is
rarely printed with it (the received collection lost its attribution lines), so the editors
attribute each item in the manifest; the attribution is a bibl of resp ed:editors inside the
cit, never text of the source. Where another source quotes the same passage (option
`parallels_in`), the item and that paragraph point at each other with @corresp (see
parallels.py).

Options (manifest [source.options]):
  items         list of {line, who, name, occasion}: the editors' attribution of the item that
                starts on that line of the received file (who: the person's id; name: as shown)
  parallels_in  id of the source in which the items recur
"""
from __future__ import annotations

from lxml import etree

from ..errors import ConversionError
from ..tei import element, sub
from .blocks import Block
from .context import Context
from .inline import fill
from .structure import heading, split_heading

NAME = "collection"
DESCRIPTION = (
    "Encoded by the profile 'collection': each paragraph is an item (cit) holding its quotation as "
    "printed; who said or wrote it, and on what occasion, is the editors' attribution (bibl resp "
    "ed:editors); items that recur in another source point at the parallel paragraph with corresp."
)


def encode(blocks: list[Block], ctx: Context) -> etree._Element:
    """Return the text element of a quotation collection."""
    items = {int(item["line"]): item for item in ctx.source.options.get("items", [])}
    lines = {block.first_line for block in blocks}
    for line in sorted(set(items) - lines):
        raise ConversionError(f"source '{ctx.source.id}': an item attribution names line {line}, "
                              "where no paragraph of the source starts")
    text = element("text")
    body = sub(text, "body")
    top = sub(body, "div", {"xml:id": ctx.new_id("div"), "type": ctx.source.genre})
    if blocks:
        title, rest = split_heading(blocks[0])
        if title is not None and rest is None:
            heading(top, title, ctx)
            blocks = blocks[1:]
    for block in blocks:
        cit = sub(top, "cit", {"xml:id": ctx.new_id("cit"), "type": "collection-item"})
        ctx.block_ids[block.first_line] = cit.get("{http://www.w3.org/XML/1998/namespace}id")
        quote = sub(cit, "quote", {"xml:id": ctx.new_id("quote")})
        fill(quote, block.text, ctx)
        item = items.get(block.first_line)
        if item is None:
            ctx.warn(block.first_line, "the item has no attribution in the manifest; who said it is not shown")
            continue
        bibl = sub(cit, "bibl", {"type": "attribution", "resp": "ed:editors"})
        author = sub(bibl, "author", text=item.get("name", item.get("who", "")))
        if item.get("who"):
            author.set("ref", f"per:{item['who']}")
        if item.get("occasion"):
            author.tail = ", "
            sub(bibl, "note", text=item["occasion"])
    return text
