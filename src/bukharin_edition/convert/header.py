"""The teiHeader of a source, written from its manifest entry."""
from __future__ import annotations

from lxml import etree

from .. import __version__
from ..manifest import Manifest, Source
from ..tei import sub

EDITION_TITLE = "The Bukharin documents"
SHARED_FILE = "edition.xml"
UNKNOWN = "not known"


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
    resp = sub(title_stmt, "respStmt")
    sub(resp, "resp", text="TEI encoding, editorial interventions and notes")
    sub(resp, "name", {"ref": "ed:editors"}, f"The editors of {EDITION_TITLE}")

    pub = sub(file_desc, "publicationStmt")
    sub(pub, "publisher", text=EDITION_TITLE)
    sub(pub, "idno", {"type": "source-id"}, source.id)
    availability = sub(pub, "availability")
    sub(availability, "p", text=(
        "The encoding is the edition's. The text belongs to its authors and publishers; "
        "it is reproduced for study."
    ))

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
    lang = sub(profile, "langUsage")
    sub(lang, "language", {"ident": source.language}, _language_name(source.language))
    text_class = sub(profile, "textClass")
    sub(text_class, "catRef", {"scheme": "ed:genre", "target": f"ed:genre-{source.genre}"})

    revision = sub(header, "revisionDesc")
    sub(revision, "change", {"when": source.added.isoformat(), "who": "ed:editors"},
        f"Encoded from lines {source.first_line}–{source.last_line} of the received file "
        f"by edition convert (profile '{source.profile}').")
    return header


def _bibl(manifest: Manifest, source: Source) -> etree._Element:
    from ..tei import element

    bibl = element("bibl")
    level = "m" if source.genre in {"title-line"} else "a"
    title = sub(bibl, "title", {"level": level}, source.title)
    if not source.title_printed:
        title.set("type", "supplied")
    if source.authors:
        for name in source.authors:
            sub(bibl, "author", text=name)
    else:
        sub(bibl, "author", text=UNKNOWN)
    for name in source.translators:
        sub(bibl, "editor", {"role": "translator"}, name)
    for name in source.editors:
        sub(bibl, "editor", {"role": "editor"}, name)
    if source.editor_role:
        sub(bibl, "note", {"type": "editor-role"}, f"{', '.join(source.editors)}: {source.editor_role}.")
    if source.journal:
        sub(bibl, "title", {"level": "j"}, source.journal)
        if source.volume:
            sub(bibl, "biblScope", {"unit": "volume"}, source.volume)
        if source.issue:
            sub(bibl, "biblScope", {"unit": "issue"}, source.issue)
    sub(bibl, "publisher", text=source.website or UNKNOWN)
    if source.published:
        sub(bibl, "date", {"when": source.published}, source.published)
    else:
        sub(bibl, "date", text=UNKNOWN)
    if source.url:
        sub(bibl, "ptr", {"target": source.url})
    else:
        sub(bibl, "note", {"type": "url"}, f"Original address: {UNKNOWN}.")
    sub(bibl, "note", {"type": "facts"}, source.facts)
    received = sub(bibl, "note", {"type": "seed"})
    received.text = (
        f"Lines {source.first_line}–{source.last_line} of the received file "
        f"{manifest.seed_of(source).path.name} (SHA-256 {manifest.seed_of(source).sha256})."
    )
    sub(bibl, "citedRange", {"unit": "line", "from": str(source.first_line), "to": str(source.last_line)},
        f"{source.first_line}–{source.last_line}")
    return bibl


def _language_name(code: str) -> str:
    return {"en": "English", "ru": "Russian", "it": "Italian", "de": "German", "fr": "French"}.get(code, code)
