"""TEI vocabulary, the edition's canonical file layout, and atomic writes."""
from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Iterator

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

SCHEMA_RNG = "../schema/bukharin.rng"
SCHEMA_SCH = "../schema/bukharin.sch"
XML_MODEL_PIS = (
    f'href="{SCHEMA_RNG}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"',
    f'href="{SCHEMA_SCH}" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"',
)

# copied to edition/schema/ for the downloads: the grammar and the rules their xml-model names,
# and the rules compiled to XSLT (for a client without a Schematron processor)
PUBLISHED_SCHEMA = ("bukharin.rng", "bukharin.sch", "bukharin.sch.xsl")
_SCHEMA_HREF = re.compile(r'(<\?xml-model\s[^>]*?href=")\.\./schema/')


def point_at_schema(text: str, schema: str) -> str:
    """A TEI file's text whose xml-model instructions point at the schema in folder `schema`
    (relative to where the copy is published) instead of the project's `../schema/`."""
    return _SCHEMA_HREF.sub(lambda m: m.group(1) + schema.rstrip("/") + "/", text)


# Elements whose content is always mixed text: laid out on one line, whitespace significant.
ALWAYS_INLINE = frozenset(
    {"p", "head", "item", "speaker", "label", "l", "ab", "title", "resp", "catDesc",
     "change", "language", "idno", "publisher", "date", "author", "editor", "name", "orgName",
     "persName", "desc", "term", "licence", "trailer", "byline", "dateline", "citedRange"}
)


def tei(tag: str) -> str:
    """Return the Clark name of a TEI element."""
    return f"{{{TEI_NS}}}{tag}"


def local_name(node: etree._Element) -> str:
    """Return an element's name without its namespace ('' for comments and PIs)."""
    if not isinstance(node.tag, str):
        return ""
    return etree.QName(node).localname


def element(tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> etree._Element:
    """Make a TEI element; attribute names may use the 'xml:' prefix."""
    el = etree.Element(tei(tag))
    for name, value in (attrs or {}).items():
        el.set(_clark_attr(name), value)
    if text is not None:
        el.text = text
    return el


def new_document(ident: str, lang: str) -> etree._Element:
    """Make the TEI root of a new document of the edition, with its id and language."""
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    root.set(XML_ID, ident)
    root.set(XML_LANG, lang)
    return root


def sub(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None,
        text: str | None = None) -> etree._Element:
    """Append a new TEI element to parent and return it."""
    el = element(tag, attrs, text)
    parent.append(el)
    return el


def _clark_attr(name: str) -> str:
    if name.startswith("xml:"):
        return f"{{{XML_NS}}}{name[4:]}"
    return name


def has_inline_layout(el: etree._Element) -> bool:
    """Say whether an element's content is mixed text (kept on one line, whitespace counts).

    The same rule decides the file layout and the diplomatic text, so the two cannot disagree.
    """
    if local_name(el) in ALWAYS_INLINE:
        return True
    if local_name(el) == "cit" and el.get("type") == "block":  # a quotation of one line with its citation
        return True
    if (el.text or "").strip():
        return True
    children = [child for child in el if isinstance(child.tag, str)]
    if not children:
        return True
    if any(_is_phrase(child) for child in children) and _in_text(el):  # "<persName>…</persName> <note>…</note>"
        return True
    return any((child.tail or "").strip() for child in el)


PHRASES = frozenset({"persName", "date", "ref", "seg", "supplied", "add", "choice", "q", "lb", "title", "foreign",
                     "gap", "unclear", "hi", "rs", "placeName", "orgName"})


def _in_text(el: etree._Element) -> bool:
    return any(local_name(a) == "text" for a in el.iterancestors())


def _is_phrase(el: etree._Element) -> bool:
    name = local_name(el)
    return name in PHRASES or name == "note" and el.get("place") == "inline"


# ---------------------------------------------------------------- serialization

_ATTR_FIRST = (XML_ID, XML_LANG)


def _attr_name(name: str) -> str:
    if name.startswith(f"{{{XML_NS}}}"):
        return "xml:" + name.split("}", 1)[1]
    if name.startswith("{"):
        raise ValueError(f"attribute {name} is in a namespace the edition does not use")
    return name


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attr(text: str) -> str:
    return (
        _escape_text(text)
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\t", "&#9;")
        .replace("\r", "&#13;")
    )


def _start_tag(el: etree._Element, root: bool) -> str:
    names = [n for n in _ATTR_FIRST if n in el.attrib]
    names += sorted(n for n in el.attrib if n not in _ATTR_FIRST)
    parts = [local_name(el)]
    if root:
        parts.append(f'xmlns="{TEI_NS}"')
    parts += [f'{_attr_name(n)}="{_escape_attr(el.attrib[n])}"' for n in names]
    return " ".join(parts)


def _inline(node: etree._Element) -> str:
    """Serialize a node and its content exactly as it is, on one line (tail excluded)."""
    if isinstance(node, etree._Comment):
        return f"<!--{node.text or ''}-->"
    if isinstance(node, etree._ProcessingInstruction):
        return f"<?{node.target} {node.text or ''}?>"
    if etree.QName(node).namespace != TEI_NS:
        raise ValueError(f"element {node.tag} is not in the TEI namespace")
    start = _start_tag(node, root=False)
    if node.text is None and len(node) == 0:
        return f"<{start}/>"
    out = [f"<{start}>", _escape_text(node.text or "")]
    for child in node:
        out.append(_inline(child))
        out.append(_escape_text(child.tail or ""))
    out.append(f"</{local_name(node)}>")
    return "".join(out)


def _block(el: etree._Element, depth: int, root: bool = False) -> Iterator[str]:
    indent = "  " * depth
    if not root and (not isinstance(el.tag, str) or has_inline_layout(el)):
        yield indent + _inline(el)
        return
    start = _start_tag(el, root)
    if len(el) == 0:
        yield f"{indent}<{start}/>"
        return
    yield f"{indent}<{start}>"
    for child in el:
        yield from _block(child, depth + 1)
    yield f"{indent}</{local_name(el)}>"


def serialize(root: etree._Element, prolog: list[str] | None = None) -> bytes:
    """Write a TEI document in the edition's canonical layout.

    Element-only content is indented by two spaces, one element a line; mixed content is
    written on one line exactly as it is, so no whitespace is ever added to the text.
    `prolog` keeps a file's own comments and processing instructions before the root; the
    schema's xml-model instructions are written when it has none.
    """
    prolog = list(prolog or [])
    if not any(line.startswith("<?xml-model ") for line in prolog):
        prolog = [f"<?xml-model {pi}?>" for pi in XML_MODEL_PIS] + prolog
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', *prolog]
    lines += list(_block(root, 0, root=True))
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------- files

def current_umask() -> int:
    """The process's umask (read without changing it where the system says it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode(path: Path) -> int:
    """The mode a rewritten file keeps (its own), or a new file gets (0666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


def publish_modes(folder: Path) -> int:
    """Make every file and folder of `folder` readable as the umask allows (files 0666 and
    folders 0777 less the umask: 0644 and 0755 under the usual 022); the count changed."""
    mask = current_umask()
    changed = 0
    for root, dirs, files in os.walk(folder):
        for name, wanted in [(d, 0o777 & ~mask) for d in dirs] + [(f, 0o666 & ~mask) for f in files]:
            path = os.path.join(root, name)
            info = os.lstat(path)
            if not stat.S_ISLNK(info.st_mode) and stat.S_IMODE(info.st_mode) != wanted:
                os.chmod(path, wanted)
                changed += 1
    return changed


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk (a rename is durable only once its folder is)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # a file system that cannot flush a folder (some network ones) has nothing to flush
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write a file so that readers see the old or the new content, never half of it.

    Durable (the default, for the scholars' files), the file is flushed to disk before it is
    renamed into place and its folder after: a power loss leaves the old content or the new.
    `durable=False` skips both, for generated files that a build can remake (an fsync per page
    was about 6% of a build's time)."""
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = file_mode(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)  # mkstemp's file is 0600: a web server could not read the page
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not exc.filename:  # name the file the error is about
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    if durable:
        fsync_dir(path.parent)


def published_copy(data: bytes) -> bytes:
    """A TEI file as the edition publishes it: the edition's own xml-model instructions only.

    Any other processing instruction (an xml-stylesheet one makes a browser run the XSLT it
    names, script included) is dropped; a file that has none is published byte for byte."""
    own = {f"<?xml-model {pi}?>" for pi in XML_MODEL_PIS}
    if data.count(b"<?") - data.startswith(b"<?xml ") - sum(data.count(pi.encode()) for pi in own) <= 0:
        return data
    root = etree.fromstring(data, safe_parser())

    def ours(node) -> bool:
        return f"<?{node.target} {node.text or ''}?>" in own

    for pi in root.xpath(".//processing-instruction()"):
        if not ours(pi):
            _drop_keeping_tail(pi)
    prolog = [f"<?{n.target} {n.text or ''}?>" if isinstance(n, etree._ProcessingInstruction)
              else f"<!--{n.text or ''}-->"
              for n in reversed(list(root.itersiblings(preceding=True)))
              if not isinstance(n, etree._ProcessingInstruction) or ours(n)]
    body = etree.tostring(root, encoding="unicode", with_tail=False)
    return ("\n".join(['<?xml version="1.0" encoding="UTF-8"?>', *prolog, body]) + "\n").encode("utf-8")


def _drop_keeping_tail(node) -> None:
    """Remove a node from its parent; its tail text stays where it was."""
    parent, tail = node.getparent(), node.tail or ""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


def safe_parser() -> etree.XMLParser:
    """The one parser configuration for every TEI file: no DTDs, entities or network."""
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
    )


_DECLARED_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def check_encoding(path: Path, data: bytes) -> None:
    """Refuse a file that is not UTF-8 (by byte-order mark or by its declaration), naming the fix."""
    from .errors import FileProblem

    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        raise FileProblem(
            path, 1, 1, "the file is encoded in UTF-16; TEI files of the edition must be UTF-8: "
            "save it again as UTF-8 (the text itself need not change)", rule="encoding")
    declared = _DECLARED_ENCODING.match(data)
    if declared and declared.group(1).decode("ascii").upper().replace("_", "-") not in ("UTF-8", "UTF8"):
        name = declared.group(1).decode("ascii")
        raise FileProblem(
            path, 1, data.index(b"encoding") + 1 - (3 if data.startswith(b"\xef\xbb\xbf") else 0),
            f'the file declares encoding="{name}"; TEI files of the edition must be UTF-8: convert it '
            f'(e.g. iconv -f {name} -t UTF-8) and declare encoding="UTF-8"', rule="encoding")


# A TEI source of the edition is a few hundred KiB; anything near this is not one.
MAX_FILE_BYTES = 64 * 2**20


def parse_tei(path: Path) -> etree._ElementTree:
    """Parse a TEI file, or raise an error that names its file, line and column.

    The file must be UTF-8 and have no DOCTYPE: DTDs and entities are refused, never loaded.
    """
    from .errors import FileProblem

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileProblem(path, 1, 1, f"cannot read the file ({exc.strerror})", rule="read") from exc
    if not data.strip():
        raise FileProblem(path, 1, 1, "the file is empty: a TEI file must hold a TEI document", rule="empty")
    if len(data) > MAX_FILE_BYTES:
        raise FileProblem(path, 1, 1, f"the file is {len(data) // 2**20} MiB: the edition reads TEI files of at "
                          f"most {MAX_FILE_BYTES // 2**20} MiB (split the source)", rule="size")
    check_encoding(path, data)
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise FileProblem(path, 1, 1, "not an XML file (it does not begin with '<'): the edition's commands "
                          "read its TEI files; give one of those", rule="xml")
    doctype = data.find(b"<!DOCTYPE")
    try:
        tree = etree.ElementTree(etree.fromstring(data, safe_parser(), base_url=str(path)))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        if doctype != -1:
            raise _doctype_problem(path, data, doctype) from exc
        message = " ".join((exc.msg or "").split())
        if "Invalid bytes in character encoding" in message or "not proper UTF-8" in message:
            raise FileProblem(
                path, line, column, "the file is not valid UTF-8 here: it was probably saved in another "
                "encoding (e.g. Latin-1 or Windows-1252); convert it to UTF-8", rule="encoding") from exc
        if "Excessive depth" in message:
            raise FileProblem(path, line, column, "elements are nested too deeply here (more than "
                              "256 levels): no TEI file of the edition needs that; the file is refused",
                              rule="depth") from exc
        duplicate = re.match(r"ID (\S+) already defined", message)
        reason = (f'xml:id="{duplicate.group(1)}" is used twice: every xml:id must be unique in its file'
                  if duplicate else
                  f"not well-formed XML: {re.sub(r', line [0-9]+, column [0-9]+$', '', message)} "
                  "(nothing else in this file can be checked until it is well-formed)")
        raise FileProblem(path, line, column, reason, rule="xml") from exc
    if tree.docinfo.doctype:
        raise _doctype_problem(path, data, doctype)
    return tree


def _doctype_problem(path: Path, data: bytes, offset: int):
    from .errors import FileProblem

    offset = max(offset, 0)
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return FileProblem(
        path, line, column, "the file declares a DOCTYPE; TEI files of the edition must not "
        "(DTDs and entities are refused, never loaded): remove the DOCTYPE and any entity references",
        rule="doctype")
