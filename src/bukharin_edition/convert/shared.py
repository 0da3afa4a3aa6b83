"""The shared file (tei/edition.xml): what every source of the edition points at."""
from __future__ import annotations

from lxml import etree

from ..manifest import GENRES, Manifest
from ..tei import element, new_document, sub
from .header import EDITION_TITLE, availability, prefix_defs

RESPONSIBILITIES = (
    ("editors", "edition, encoding, corrections, regularizations and editorial notes",
     f"The editors of {EDITION_TITLE}"),
    ("author", "the text and notes of the source's author", "The author named in each source's header"),
    ("translator", "the translation and the translator's interventions",
     "The translator named in each source's header"),
    ("mia", "notes, annotations and corrections added when the text was prepared for the archive",
     "The editors of the Marxists Internet Archive"),
    ("website", "notes, cuts and interventions of the website or editor that published the source",
     "The website or editor named in each source's header"),
    ("unknown", "interventions whose hand cannot be told from the source", "Not known"),
)

GENRE_DESCRIPTIONS = {
    "biography": "A narrative account of Bukharin's life.",
    "source-collection": "A collection of quotations from primary sources.",
    "encyclopedia-entry": "An entry of a reference work.",
    "trial-record": "Extracts from the record of a trial.",
    "essay": "An essay or a section of one.",
    "article": "An article by Bukharin, with its editors' apparatus.",
    "abstract": "The abstract of an academic article.",
    "title-line": "A title whose text is not in the received file.",
}

PRINCIPLES = (
    ("correction", (
        "Errors of the received text are kept and marked, never silently mended: sic holds the text "
        "as received and corr this edition's correction (resp ed:editors), followed by an editors' "
        "note giving the reason. Corrected: misspellings, wrong words, a word missing from a phrase. "
        "The list is kept in seeds/corrections.toml. The diplomatic text always shows sic."
    )),
    ("normalization", (
        "Regularized with orig/reg (resp ed:editors): a number or word split by a stray space or "
        "hyphen, an opening quotation mark printed as a closing or straight one, a stray space before "
        "punctuation. Never regularized: spellings of names (the person register relates the forms), "
        "old or foreign spellings, the grammar of quoted speech, and the semicolons the received file "
        "lost from line 100 on."
    )),
    ("quotation", (
        "Quotation marks are kept as characters of the text, never replaced by markup (marks all: "
        "every quotation keeps the marks the source printed, and q and quote add none). Block "
        "quotations are quote elements; a block quotation of one paragraph followed by its citation "
        "or a note marker is a cit holding the quote and, outside it, the citation (bibl) and the "
        "marker (ref), as the source prints them."
    )),
    ("hyphenation", "Hyphens are kept as received."),
    ("segmentation", (
        "Each run of non-blank lines of the received file is one block (p, head, item, list); a single "
        "line feed inside a block is an lb. In mixed content every character, spaces included, is the "
        "source's: the files are laid out so that no whitespace is added inside a block. A speaker label "
        "is followed by one space before its speech."
    )),
    ("interpretation", (
        "Brackets of other hands keep their brackets as text and are encoded with their hand "
        "(resp ed:author, ed:translator, ed:mia, ed:website or ed:unknown, from their signature, or "
        "from the source's rule for unsigned brackets): sic-markers as note type sic, statements on "
        "emphasis as note type emphasis, exclamations as note type exclamation, bibliographic "
        "references as note type reference, signed glosses as note type gloss, unsigned insertions "
        "into what the source quotes as add type interpolation (the source's addition, not this "
        "edition's). Omission marks the source prints ('…', '[…]', '(...)') are its gaps: a choice of "
        "orig, the mark as printed, and reg (resp ed:editors) holding a gap reason omitted of the hand "
        "that cut. Numbered brackets are note markers (ref type noteref, "
        "subtype unmatched when the source lacks the note). Attributions that the text does not print "
        "(who speaks an unlabelled turn) are marked with resp ed:editors and explained in a note of "
        "the editors. The editors add no text to the source: everything they add is in note, corr, "
        "reg or supplied elements with resp ed:editors, and is left out of the diplomatic text."
    )),
)


def calendar_desc() -> etree._Element:
    """Declare the calendars that dates of the sources are given in (ed:julian)."""
    desc = element("calendarDesc")
    julian = sub(desc, "calendar", {"xml:id": "julian"})
    sub(julian, "p", text=(
        "The Julian calendar (Old Style), used in Russia until 31 January 1918, which was followed "
        "by 14 February 1918. A date a source gives in it is encoded with when (the same day in the "
        "Gregorian calendar), when-custom (the date as printed) and datingMethod=\"ed:julian\". Which "
        "dates are Old Style is decided by the editors' list in seeds/chronology.toml, with the basis "
        "of each decision."
    ))
    return desc


def build_shared(manifest: Manifest) -> etree._Element:
    """Return the TEI document that declares what all sources share."""
    root = new_document("edition", "en")
    header = sub(root, "teiHeader")
    file_desc = sub(header, "fileDesc")
    title_stmt = sub(file_desc, "titleStmt")
    sub(title_stmt, "title", {"type": "main"}, EDITION_TITLE)
    sub(title_stmt, "title", {"type": "sub"},
        "An archival edition in TEI of eleven public texts about Nikolai Bukharin")
    for ident, resp_text, name in RESPONSIBILITIES:
        resp = sub(title_stmt, "respStmt", {"xml:id": ident})
        sub(resp, "resp", text=resp_text)
        sub(resp, "name", text=name)
    pub = sub(file_desc, "publicationStmt")
    sub(pub, "publisher", text=EDITION_TITLE)
    sub(pub, "idno", {"type": "source-id"}, "edition")
    availability(pub, "The texts belong to their authors and publishers; their licences are not known. "
                      "They are reproduced for study.")
    source_desc = sub(file_desc, "sourceDesc")
    received = [(manifest.seed_path.name, manifest.seed_description, manifest.seed_sha256)]
    received += [(name, seed.description, seed.sha256) for name, seed in manifest.more_seeds.items()]
    for number, (name, description, sha256) in enumerate(received):  # the main file, then later ones
        bibl = sub(source_desc, "bibl", {"type": "received-file"})
        sub(bibl, "title", text=name)
        sub(bibl, "idno", {"type": "sha256"}, sha256)
        if number:
            sub(bibl, "note", text=f"Also received: {name}. {description}".strip())
        elif description:
            sub(bibl, "note", text=description)
        if number == 0:
            sub(bibl, "note", text=f"Cut into {len(manifest.sources)} sources by the manifest seeds/{manifest.path.name}.")

    encoding = sub(header, "encodingDesc")
    project = sub(encoding, "projectDesc")
    sub(project, "p", text=(
        "The edition encodes each source as received, character for character: its errors, "
        "brackets and note markers are kept and marked, never silently changed. The diplomatic "
        "text of every TEI file equals its slice of the received file; the tests prove it."
    ))
    editorial = sub(encoding, "editorialDecl")
    for tag, text in PRINCIPLES:
        # every quotation mark of the sources is kept as a character of the text
        part = sub(editorial, tag, {"marks": "all"} if tag == "quotation" else {})
        sub(part, "p", text=text)
    class_decl = sub(encoding, "classDecl")
    taxonomy = sub(class_decl, "taxonomy", {"xml:id": "genre"})
    sub(taxonomy, "desc", text="Genres of the sources.")
    for genre in GENRES:
        category = sub(taxonomy, "category", {"xml:id": f"genre-{genre}"})
        sub(category, "catDesc", text=GENRE_DESCRIPTIONS[genre])
    prefix_defs(encoding)

    profile = sub(header, "profileDesc")
    lang = sub(profile, "langUsage")
    sub(lang, "language", {"ident": "en"}, "English")
    profile.append(calendar_desc())
    revision = sub(header, "revisionDesc")
    first_added = min(source.added for source in manifest.sources)
    sub(revision, "change", {"when": first_added.isoformat(), "who": "#editors"},
        "Shared declarations written by edition convert.")

    text = sub(root, "text")
    body = sub(text, "body")
    sub(body, "p", text=(
        "This file holds only the declarations that the sources of the edition share; "
        "it has no text of its own."
    ))
    return root
