"""Read the built HTML back as text: the lines of a diplomatic page, canonical HTML for goldens."""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

# HTML elements that start a new line of text.
BLOCKS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "div", "section", "article",
    "aside", "blockquote", "header", "footer", "main", "nav", "dl", "dt", "dd", "table", "tr",
    "figure", "figcaption", "details", "summary",
})


def parse(html: str) -> etree._Element:
    return lxml.html.document_fromstring(html)


def text_lines(element: etree._Element) -> list[str]:
    """The non-blank lines of an element's text: blocks and br break lines; the edition's own
    interface (elements with data-edition: citation marks, back links) is left out."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        if not isinstance(el.tag, str):
            parts.append(el.tail or "")
            return
        if el.get("data-edition") is not None:
            parts.append(el.tail or "")
            return
        block = el.tag in BLOCKS
        if block:
            parts.append("\n")
        if el.tag == "br":
            parts.append("\n")
        parts.append(el.text or "")
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        parts.append(el.tail or "")

    parts.append(element.text or "")
    for child in element:
        walk(child)
    return [line for line in "".join(parts).split("\n") if line.strip()]


def diplomatic_lines(html: str) -> list[str]:
    """The lines of the text of a diplomatic page."""
    doc = parse(html)
    article = doc.xpath("//article[contains(@class, 'ed-diplomatic')]")
    assert article, "no diplomatic article in the page"
    return text_lines(article[0])


_BREAK_BEFORE = re.compile(r"(<(?:/?)(?:html|head|body|header|main|footer|nav|section|article|aside|div|p|h[1-6]|ul|ol|li|dl|dt|dd|blockquote|table|thead|tbody|tr|details|meta|link|title)\b)")


def canonical(html: str) -> str:
    """Canonical form of a page for golden comparison (C14N 2.0 of the parsed HTML), broken
    into lines before block tags so that a difference shows as a readable diff."""
    doc = parse(html)
    text = etree.tostring(doc, method="c14n2").decode("utf-8")
    return _BREAK_BEFORE.sub(lambda m: "\n" + m.group(1), text).lstrip("\n") + "\n"


def page_text(html: str) -> list[str]:
    """What a reader reads of a whole page: its title, then the lines of its body (for the
    golden of every page's text)."""
    doc = parse(html)
    title = " ".join(doc.findtext(".//title", "").split())
    body = doc.find("body")
    lines = [" ".join(line.split()) for line in text_lines(body)] if body is not None else []
    return [f"title: {title}", *lines]
