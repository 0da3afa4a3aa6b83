"""`edition format`: rewrite TEI files in the edition's canonical layout, never their text.

The layout is tei.serialize's: element-only content indented by two spaces, one element a
line, attributes in a fixed order (xml:id, xml:lang, then by name), mixed content on one
line exactly as it is. Lines inside mixed content are not wrapped: in this edition every
character of a paragraph, spaces included, is the source's. Before a file is rewritten, its
content is proven unchanged (the same elements, attributes, text and mixed-content
whitespace); a file that would change otherwise is refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .errors import ValidationError
from .tei import has_inline_layout, local_name, parse_tei, safe_parser, serialize, write_atomic


@dataclass(frozen=True)
class Formatted:
    """The outcome for one file: 'unchanged', 'reformatted' (or 'would reformat'), or an error."""

    path: Path
    action: str
    message: str = ""


def _content(root: etree._Element) -> bytes:
    """Canonical content: layout whitespace (between elements of element-only content) dropped."""
    copy = etree.fromstring(etree.tostring(root), safe_parser())
    for el in copy.iter():
        if not isinstance(el.tag, str) or has_inline_layout(el):
            continue
        if el.text is not None and not el.text.strip():
            el.text = None
        for child in el:
            if child.tail is not None and not child.tail.strip():
                child.tail = None
    return etree.tostring(copy, method="c14n")


def prolog(tree: etree._ElementTree) -> list[str]:
    """The comments and processing instructions before the root, as written."""
    nodes = list(tree.getroot().itersiblings(preceding=True))
    out = []
    for node in reversed(nodes):
        if isinstance(node, etree._ProcessingInstruction):
            out.append(f"<?{node.target} {node.text or ''}?>")
        elif isinstance(node, etree._Comment):
            out.append(f"<!--{node.text or ''}-->")
    return out


def format_file(path: Path, check_only: bool = False, writer=write_atomic) -> Formatted:
    """Put one file in the canonical layout (or, with check_only, say whether it would change).

    `writer(path, data)` writes the new layout (a transaction's `stage`, to write every file or none)."""
    try:
        tree = parse_tei(path)
    except ValidationError as exc:
        return Formatted(path, "error", exc.message)
    if local_name(tree.getroot()) != "TEI":
        return Formatted(path, "error", f"{path}:{tree.getroot().sourceline}: not a TEI document (its root is "
                                        f"<{local_name(tree.getroot()) or tree.getroot().tag}>): format rewrites "
                                        "the edition's TEI files only; leave it out")
    current = path.read_bytes()
    formatted = serialize(tree.getroot(), prolog(tree))
    if formatted == current:
        return Formatted(path, "unchanged")
    if _content(etree.fromstring(formatted, safe_parser())) != _content(tree.getroot()):
        return Formatted(path, "error", f"{path}: the canonical layout would change the content; "
                                        "the file is left as it is (please report this)")
    if check_only:
        return Formatted(path, "would reformat")
    writer(path, formatted)
    return Formatted(path, "reformatted")


def tei_files(paths: list[Path]) -> list[Path]:
    """The TEI files named, a folder standing for its *.xml files."""
    found: list[Path] = []
    for path in paths:
        found += sorted(path.glob("*.xml")) if path.is_dir() else [path]
    return found
