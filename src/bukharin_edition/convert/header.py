"""The teiHeader of a source, written from its manifest entry and the facts its front matter states.

The date of writing (`profileDesc/creation/date`) is the manifest's `created`; where the manifest
does not give it, it is the date a provenance line of the front matter states ("Written: Written
on June 11, 1921", "Delivered: 13 December 1924"), with the normalized value the text's date has.
"""
from __future__ import annotations

import re

from lxml import etree

from .. import __version__
from ..manifest import Manifest, Source
from ..tei import TEI_NS, element, sub

WRITTEN = re.compile(r"^\s*(?:Written|Delivered|Dated?)\s*:", re.IGNORECASE)
DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter", "precision", "cert", "when-custom",
                   "datingMethod", "calendar")

EDITION_TITLE = "The Bukharin documents"
SHARED_FILE = "edition.xml"
# The licence of what the edition adds: the encoding, the editors' notes and corrections, the
# register. The texts stay their authors' and publishers'.
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
TEXT_RIGHTS_UNKNOWN = ("The text belongs to its authors and publishers; its licence is not known. "
                       "It is reproduced for study.")


PERSONS_FILE = "persons.xml"


def prefix_defs(parent: etree._Element) -> None:
    """Declare the 'ed:' and 'per:' prefixes (shared declarations, person register)."""
    defs = sub(parent, "listPrefixDef")
    prefix = sub(defs, "prefixDef", {
        "ident": "ed",
        "matchPattern": "([a-z][a-z0-9-]*)",
        "replacementPattern": f"{SHARED_FILE}#$1",
    })
    sub(prefix, "p", text=f"Pointers such as ed:mia resolve to the declarations in {SHARED_FILE}.")
    prefix = sub(defs, "prefixDef", {
        "ident": "per",
        "matchPattern": "([a-z][a-z0-9-]*)",
        "replacementPattern": f"{PERSONS_FILE}#$1",
    })
    sub(prefix, "p", text=f"Pointers such as per:bukharin resolve to the person register {PERSONS_FILE}.")


def availability(parent: etree._Element, rights: str, known: bool = False) -> etree._Element:
    """The terms of use: the edition's licence for its encoding, and the text's rights as known.

    The status is the text's: "unknown" unless the manifest says what the rights are."""
    terms = sub(parent, "availability", {"status": "restricted" if known else "unknown"})
    sub(terms, "licence", {"target": LICENCE_URL},
        f"The encoding, the editors' notes and corrections: {LICENCE_NAME}.")
    sub(terms, "p", text=rights)
    return terms


def build_header(manifest: Manifest, source: Source, description: str) -> etree._Element:
    """Return the teiHeader for a source; `description` says how its profile encoded it."""
    from ..tei import element

    header = element("teiHeader")
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", {"type": "main"}, source.title)
    sub(title_stmt, "title", {"type": "sub"}, f"TEI edition in {EDITION_TITLE}")
    for name in source.authors:
        sub(title_stmt, "author", text=name)
    for role, names in (("translation", source.translators), (source.editor_role or "editing", source.editors)):
        for name in names:  # the agents the source names, pointing at the register where it knows them
            agent = sub(title_stmt, "respStmt")
            sub(agent, "resp", text=role)
            ident = _registered(manifest, name)
            sub(agent, "persName", {"ref": f"per:{ident}"} if ident else {}, name)
    resp = sub(title_stmt, "respStmt")
    sub(resp, "resp", text="TEI encoding, editorial interventions and notes")
    sub(resp, "name", {"ref": "ed:editors"}, f"The editors of {EDITION_TITLE}")

    pub = sub(file_desc, "publicationStmt")
    sub(pub, "publisher", text=EDITION_TITLE)
    sub(pub, "idno", {"type": "source-id"}, source.id)
    availability(pub, source.rights or TEXT_RIGHTS_UNKNOWN, known=bool(source.rights))

    if source.received:
        notes = sub(file_desc, "notesStmt")
        for fact in source.received:
            sub(notes, "note", {"type": "received-text"}, fact)

    source_desc = sub(file_desc, "sourceDesc")
    source_desc.append(_bibl(manifest, source))

    encoding = sub(header, "encodingDesc")
    project = sub(encoding, "projectDesc")
    sub(project, "p", text=(
        f"Part of {EDITION_TITLE}. The responsibilities (ed:author, ed:translator, ed:mia, "
        f"ed:website, ed:editors, ed:unknown), the editorial principles and the taxonomies "
        f"shared by all sources are declared in {SHARED_FILE}."
    ))
    editorial = sub(encoding, "editorialDecl")
    sub(editorial, "p", text=description)
    prefix_defs(encoding)
    app_info = sub(encoding, "appInfo")
    app = sub(app_info, "application", {"ident": "bukharin-edition", "version": __version__})
    sub(app, "label", text="edition convert")
    sub(app, "desc", text=f"Converter profile '{source.profile}'.")

    profile = sub(header, "profileDesc")
    if source.created:
        creation = sub(profile, "creation")
        sub(creation, "date", {"when": source.created}, source.created)
    lang = sub(profile, "langUsage")
    sub(lang, "language", {"ident": source.language}, _language_name(source.language))
    text_class = sub(profile, "textClass")
    sub(text_class, "catRef", {"scheme": "ed:genre", "target": f"ed:genre-{source.genre}"})

    revision = sub(header, "revisionDesc")
    sub(revision, "change", {"when": source.added.isoformat(), "who": "ed:editors"},
        f"Encoded from lines {source.first_line}–{source.last_line} of the received file "
        f"by edition convert (profile '{source.profile}').")
    return header


def creation_from_front(header: etree._Element, text: etree._Element) -> etree._Element | None:
    """Record the date of writing that the front matter states, unless the header has one."""
    profile = header.find(f"{{{TEI_NS}}}profileDesc")
    if profile is None or profile.find(f"{{{TEI_NS}}}creation") is not None:
        return None
    ns = {"t": TEI_NS}
    # the provenance lines: in front, or (a page pasted without blank lines) the text's first blocks
    blocks = text.xpath("t:front//t:div[@type='provenance']/t:p | (t:body//t:p)[position() <= 3]", namespaces=ns)
    found = next((date for p in blocks for date in _dates_of_writing(p)), None)
    if found is not None:
        attrs = {name: found.get(name) for name in DATE_ATTRIBUTES if found.get(name) is not None}
        creation = element("creation")
        sub(creation, "date", attrs, " ".join("".join(found.itertext()).split()))
        profile.insert(0, creation)
        return creation
    return None


def _dates_of_writing(p: etree._Element):
    """The normalized dates on the lines of a block that say when the text was written."""
    line = [p.text or ""]
    for el in p.iter():
        if el is p:
            continue
        name = etree.QName(el).localname
        if name == "lb":
            line = []
        elif name == "date" and WRITTEN.match("".join(line)) and not any(
                etree.QName(a).localname == "title" for a in el.iterancestors()) \
                and any(el.get(a) for a in ("when", "from", "notBefore", "notAfter")):
            yield el
        if el.getparent() is p:
            line.append(el.tail or "")

def _bibl(manifest: Manifest, source: Source) -> etree._Element:
    """The web page the source was published on, as far as it is known (what is not known is
    left out: the manifest's `facts` say what is not known), the works it is related to, and the
    received file that holds its text."""
    from ..tei import element

    bibl = element("bibl", {"type": "web-page"})
    level = "m" if source.genre in {"title-line"} else "a"
    title = sub(bibl, "title", {"level": level}, source.title)
    if not source.title_printed:
        title.set("type", "supplied")
    for name in source.authors:
        sub(bibl, "author", text=name)
    for name in source.translators:
        sub(bibl, "editor", {"role": "translator"}, name)
    for name in source.editors:
        sub(bibl, "editor", {"role": "editor"}, name)
    if source.editor_role:
        sub(bibl, "note", {"type": "editor-role"}, f"{', '.join(source.editors)}: {source.editor_role}.")
    _journal(bibl, source)
    if source.website:
        sub(bibl, "publisher", text=source.website)
    if source.published:
        sub(bibl, "date", {"type": "published", "when": source.published}, source.published)
    if source.url:
        sub(bibl, "ptr", {"target": source.url})
    if source.accessed:
        sub(bibl, "date", {"type": "accessed", "when": source.accessed}, source.accessed)
    sub(bibl, "note", {"type": "facts"}, source.facts)
    for work in source.related:
        bibl.append(_related(work))
    received = sub(bibl, "relatedItem", {"type": "received"})
    file = sub(received, "bibl", {"type": "received-file"})
    seed = manifest.seed_of(source)
    sub(file, "title", text=seed.path.name)
    sub(file, "idno", {"type": "sha256"}, seed.sha256)
    sub(file, "citedRange", {"unit": "line", "from": str(source.first_line), "to": str(source.last_line)},
        f"{source.first_line}–{source.last_line}")
    return bibl


def _journal(bibl: etree._Element, work) -> None:
    """The journal a source or a related work appeared in, with its volume and issue."""
    if work.journal:
        sub(bibl, "title", {"level": "j"}, work.journal)
        if work.volume:
            sub(bibl, "biblScope", {"unit": "volume"}, work.volume)
        if work.issue:
            sub(bibl, "biblScope", {"unit": "issue"}, work.issue)


def _registered(manifest: Manifest, name: str) -> str:
    """The register id of a person the manifest names, if the name is a registered form."""
    from .persons import gazetteer_for, normalize_form

    return gazetteer_for(manifest).by_form.get(normalize_form(name), "")


def _related(work) -> etree._Element:
    """A relatedItem: the original the source translates or transcribes, or a translation of it."""
    from ..tei import element

    item = element("relatedItem", {"type": work.relation})
    bibl = sub(item, "bibl")
    for name in work.authors:
        sub(bibl, "author", text=name)
    sub(bibl, "title", {"level": "a" if work.journal else "m"}, work.title)
    _journal(bibl, work)
    if work.published:
        sub(bibl, "date", {"type": "published", "when": work.published}, work.published)
    if work.language:
        sub(bibl, "note", {"type": "facts"}, f"In {_language_name(work.language)}."
            + (f" {work.note}" if work.note else ""))
    elif work.note:
        sub(bibl, "note", {"type": "facts"}, work.note)
    return item


def _language_name(code: str) -> str:
    return {"en": "English", "ru": "Russian", "it": "Italian", "de": "German", "fr": "French"}.get(code, code)
