"""Read WeasyPrint's layout of a printed source: on which page each speaker label and the first
line of its speech fall, and on which page each footnote call and its note."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def print_html(saxon, tei: Path, text: str = "reading", xslt: Path = ROOT / "xslt") -> str:
    """The HTML print.xsl makes of a source, as the build gives it to WeasyPrint."""
    executable = saxon.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(xslt / "print.xsl"))
    executable.set_parameter("text", saxon.make_string_value(text))
    return executable.transform_to_string(xdm_node=saxon.parse_xml(xml_file_name=str(tei)))


@dataclass
class Layout:
    pages: int = 0
    stranded: list[tuple[int, str]] = field(default_factory=list)  # (page, label): speech on a later page
    speakers: int = 0
    calls: int = 0
    apart: list[tuple[int, int]] = field(default_factory=list)  # (call's page, note's page)


def read_layout(html: str, css: str) -> Layout:
    from weasyprint import CSS, HTML
    from weasyprint.formatting_structure import boxes

    source = HTML(string=html)
    document = source.render(stylesheets=[CSS(string=css)])
    following = {}  # id(element) -> the element after it (WeasyPrint's tree has no getnext())
    for parent in source.etree_element.iter():
        children = list(parent)
        following.update((id(a), b) for a, b in zip(children, children[1:]))
    first_line: dict[int, int] = {}  # id(element) -> page of its first line in the text's flow
    elements: dict[int, object] = {}
    calls: dict[int, int] = {}
    notes: dict[int, int] = {}

    def walk(box, number: int, flow: bool) -> None:
        if isinstance(box, (boxes.FootnoteAreaBox, boxes.MarginBox)):
            flow = False
        element = getattr(box, "element", None)
        if isinstance(box, boxes.LineBox) and flow and element is not None:
            first_line.setdefault(id(element), number)
            elements[id(element)] = element
        if element is not None and "pr-fn" in (element.get("class") or "").split():
            if getattr(box, "element_tag", "").endswith("::footnote-call"):
                calls.setdefault(id(element), number)
            elif not flow:
                notes.setdefault(id(element), number)
        for child in getattr(box, "children", ()):
            walk(child, number, flow)

    for number, page in enumerate(document.pages, 1):
        walk(page._page_box, number, True)
    layout = Layout(pages=len(document.pages), calls=len(calls))
    for key, element in elements.items():
        if "ed-speaker" not in (element.get("class") or "").split() or element.tag != "p":
            continue
        layout.speakers += 1
        speech = following.get(key)
        while speech is not None and id(speech) not in first_line:  # a footnote has no line of its own
            speech = following.get(id(speech))
        if speech is not None and first_line[id(speech)] != first_line[key]:
            layout.stranded.append((first_line[key], " ".join("".join(element.itertext()).split())[:50]))
    layout.apart = sorted((calls[k], notes.get(k, 0)) for k in calls if notes.get(k) != calls[k])
    return layout
