"""The pages across sources, made by the stylesheets: a builder combines its facts into one
facts document, one call of its stylesheet (xslt/<family>.xsl) writes every page of the family
(xsl:result-document, into a folder beside edition/), and only the pages whose bytes changed
replace the published ones; pages of the family that were not made again are stale and go.

The facts vocabulary (namespace FACTS_NS, documented in the README, "Facts documents") holds
what TEI has no element for; what TEI has (listPerson, person, listEvent, event, bibl, date)
stays TEI.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..tei import TEI_NS, write_atomic
from .base import Builder, compile_stylesheet

FACTS_NS = "urn:bukharin-edition:facts"
XSLT_DIR = Path(__file__).resolve().parents[3] / "xslt"


def _filled(el: etree._Element, attrib: dict | None, text: str | None) -> etree._Element:
    for key, value in (attrib or {}).items():
        if value is not None:  # an attribute without a value is left out
            el.set(key, str(value))
    if text:
        el.text = text
    return el


def fact(name: str, attrib: dict | None = None, text: str | None = None) -> etree._Element:
    """An element of the facts vocabulary (attributes without a value are left out)."""
    return _filled(etree.Element(f"{{{FACTS_NS}}}{name}", nsmap={None: FACTS_NS, "tei": TEI_NS}), attrib, text)


def sub(parent: etree._Element, name: str, attrib: dict | None = None, text: str | None = None,
        ns: str = FACTS_NS) -> etree._Element:
    """A child of a facts element, of the facts vocabulary or (ns) TEI's."""
    return _filled(etree.SubElement(parent, f"{{{ns}}}{name}"), attrib, text)


def write_file(builder: Builder, relative: str, data: bytes) -> None:
    """Write edition/<relative> unless it holds these bytes already (atomic, without an fsync:
    the site can be rebuilt); counted as written either way."""
    path = builder.context.out_dir / relative
    if not (path.is_file() and path.read_bytes() == data):
        write_atomic(path, data, durable=False)
    builder.context.written.append(path)


def _transform(context, stylesheet: str, facts: etree._Element, scratch: Path) -> set[str]:
    """Run xslt/<stylesheet>.xsl over the facts document, its pages written into scratch;
    the pages made, relative to it. Raises BuildError when the stylesheet fails."""
    from ..errors import BuildError

    executable = compile_stylesheet(context, stylesheet)
    node = context.processor.parse_xml(xml_text=etree.tostring(facts, encoding="unicode"))
    executable.set_parameter("out", context.processor.make_string_value(scratch.as_uri() + "/"))
    try:
        executable.transform_to_string(xdm_node=node)
    except Exception as exc:  # PySaxonApiError: its message names the stylesheet's line
        raise BuildError(f"{context.xslt_dir / (stylesheet + '.xsl')}: the pages cannot be written: "
                         f"{str(exc).strip()}") from exc
    return {p.relative_to(scratch).as_posix() for p in scratch.rglob("*") if p.is_file()}


def write_pages(builder: Builder, stylesheet: str, facts: etree._Element,
                stale: tuple[str, ...] = ()) -> set[str] | None:
    """Make the pages of a family: xslt/<stylesheet>.xsl transforms the facts document and
    writes each page with xsl:result-document (href relative to its $out folder); a page
    replaces the published one only if it differs. Published files matching the `stale`
    patterns (relative to edition/) that the call did not make are removed. Returns the pages
    made (relative paths), None when the stylesheet failed (a problem is reported, nothing
    published changes)."""
    from ..errors import BuildError

    context = builder.context
    out = context.out_dir
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{stylesheet}-", dir=out))
    try:
        try:
            made = _transform(context, stylesheet, facts, scratch)
        except BuildError as exc:
            context.problems.append(str(exc))
            return None
        for relative in sorted(made):
            target = out / relative
            if not (target.is_file() and target.read_bytes() == (scratch / relative).read_bytes()):
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(scratch / relative, target)
            context.written.append(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for pattern in stale:
        for old in out.glob(pattern):
            if old.relative_to(out).as_posix() not in made:
                old.unlink()
    return made


def render_one(context, stylesheet: str, facts: etree._Element, page: str) -> bytes:
    """The bytes of one page that xslt/<stylesheet>.xsl makes of the facts (written nowhere)."""
    scratch = Path(tempfile.mkdtemp(prefix=f".{stylesheet}-"))
    try:
        _transform(context, stylesheet, facts, scratch)
        return (scratch / page).read_bytes()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@lru_cache(maxsize=None)
def policy(search: bool = False) -> str:
    """The Content-Security-Policy of the pages, as xslt/common/page.xsl sets it ($ed:csp, and
    $ed:csp-search for the search page): the preview server sends it as a header."""
    import re

    xsl = etree.parse(str(XSLT_DIR / "common" / "page.xsl")).getroot()
    select = xsl.find("{http://www.w3.org/1999/XSL/Transform}variable[@name='ed:csp']").get("select")
    csp = select.strip('"')
    if search:
        csp = re.sub(r"script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", csp, count=1)
    return csp
