"""Notes, note markers, bracketed interventions and corrections: the complete lists of the seed."""
from __future__ import annotations

from lxml import etree

from bukharin_edition.convert import encode_source
from bukharin_edition.fidelity import diplomatic_text
from bukharin_edition.tei import TEI_NS, parse_tei

from conftest import invented_manifest

NS = {"t": TEI_NS}

# Every bracket of the received file, classified by reading the seed: (source, bracket, element,
# type, hand). NB are the initials of N. Bukharin, the author of the MIA article; the MIA and the
# translator sign their brackets; unsigned brackets are the author's, except in the trial record,
# whose one bracket is the website's (see seeds/sources.toml). An unsigned insertion is the source's
# own addition to what it quotes (add), never this edition's supplied.
BRACKETS = [
    ("encyclopedia-bukharin", "[the peasant]", "add", "interpolation", "ed:author"),
    ("encyclopedia-bukharin", "[the resulting]", "add", "interpolation", "ed:author"),
    ("trial-1938", "[MOSCOW, 1937 (1937)]", "note", "reference", "ed:website"),
    ("colley-brief-summary", "[Stalin]", "add", "interpolation", "ed:author"),
    ("colley-brief-summary", "[I]", "add", "interpolation", "ed:author"),
    ("mia-permanent-revolution", "[sic — MIA]", "note", "sic", "ed:mia"),
    ("mia-permanent-revolution", "[NB — Italics are ours]", "note", "emphasis", "ed:author"),
    ("mia-permanent-revolution", "[of a chart — translator]", "note", "gloss", "ed:translator"),
    ("mia-permanent-revolution", "[sic — MIA]", "note", "sic", "ed:mia"),
    ("mia-permanent-revolution", "[sic — MIA]", "note", "sic", "ed:mia"),
    ("mia-permanent-revolution", "[italics ours — NB]", "note", "emphasis", "ed:author"),
    ("mia-permanent-revolution", "[sic — MIA]", "note", "sic", "ed:mia"),
    ("mia-permanent-revolution", "[sic — MIA]", "note", "sic", "ed:mia"),
    ("mia-permanent-revolution", "[the peasantry]", "add", "interpolation", "ed:author"),
    ("mia-permanent-revolution", "['associate itself with the labour democratic regime']", "add",
     "interpolation", "ed:author"),
    ("mia-permanent-revolution", "[!]", "note", "exclamation", "ed:author"),
    ("mia-permanent-revolution", "[that is, rousing the peasantry]", "add", "interpolation", "ed:author"),
    ("mia-permanent-revolution", "[NB, italics ours]", "note", "emphasis", "ed:author"),
    ("mia-permanent-revolution", "[VI Lenin, ‘On the Two Lines in the Revolution’, Collected Works, Volume 21, — MIA.]",
     "note", "reference", "ed:mia"),
    ("mia-permanent-revolution", "[NB — Martinov and Martov in the new Iskra]", "note", "gloss", "ed:author"),
    ("mia-permanent-revolution", "[NB — the organ of the Bolsheviks]", "note", "gloss", "ed:author"),
    ("mia-permanent-revolution", "[VI Lenin, ‘On the Provisional Revolutionary Government’, Collected Works, "
     "Volume 8, — MIA.]", "note", "reference", "ed:mia"),
    ("mia-permanent-revolution", "[VI Lenin, ‘The Agrarian Programme of Social-Democracy in the First Russian "
     "Revolution, 1905-1907’, Collected Works, Volume 13 — MIA.]", "note", "reference", "ed:mia"),
]

# The edition's corrections: (source, element kept, text as received, element added, correction).
CORRECTIONS = [
    ("colley-brief-summary", "sic", "Brest-Litovsky", "corr", "Brest-Litovsk"),
    ("mia-permanent-revolution", "orig", "con- sider", "reg", "consider"),
    ("mia-permanent-revolution", "orig", "’", "reg", "‘"),
    ("mia-permanent-revolution", "orig", "’", "reg", "‘"),
    ("mia-permanent-revolution", "orig", "’", "reg", "‘"),
    ("mia-permanent-revolution", "orig", "'", "reg", "‘"),
    ("mia-permanent-revolution", "orig", "’", "reg", "‘"),
    ("mia-permanent-revolution", "orig", " .", "reg", "."),
    ("smarthistories-bukharin", "sic", "a school teachers", "corr", "school teachers"),
    ("spartacus-biography", "sic", "Pravada", "corr", "Pravda"),
    ("spartacus-biography", "sic", "I was", "corr", "he was"),
    ("spartacus-biography", "sic", "Maihail", "corr", "Mikhail"),
    ("spartacus-biography", "sic", "known to supporters", "corr", "known to be supporters"),
    ("trial-1938", "orig", "193 6", "reg", "1936"),
]


def _text(el) -> str:
    return "".join(el.itertext())


def _corpus(project):
    for path in sorted(project.tei.glob("*.xml")):
        if path.stem in {"edition", "persons"}:
            continue
        yield path.stem, parse_tei(path).getroot()


def test_every_bracket_of_the_seed_is_classified_with_its_hand(project, manifest):
    found = []
    order = [s.id for s in manifest.sources]
    for source_id, root in sorted(_corpus(project), key=lambda item: order.index(item[0])):
        for el in root.iterfind(".//t:text//*", NS):
            name = etree.QName(el).localname
            if (name == "note" and el.get("place") == "inline") or name in ("add", "supplied"):
                kind = el.get("reason") if name == "supplied" else el.get("type")
                found.append((source_id, _text(el), name, kind, el.get("resp")))
    table = "\n".join(" | ".join(row) for row in found)
    print(table)
    assert found == BRACKETS, table


def test_every_correction_keeps_the_received_text_and_names_its_reason(project):
    found = []
    for source_id, root in _corpus(project):
        for choice in root.xpath(".//t:choice[not(t:reg/t:gap)]", namespaces=NS):  # a cut is no correction
            kept, added = choice[0], choice[1]
            assert added.get("resp") == "ed:editors"
            reason = choice.getnext()
            assert etree.QName(reason).localname == "note" and reason.get("target") == f"#{choice.get('{http://www.w3.org/XML/1998/namespace}id')}"
            assert reason.get("resp") == "ed:editors" and reason.text
            found.append((source_id, etree.QName(kept).localname, kept.text,
                          etree.QName(added).localname, added.text))
    assert sorted(found) == sorted(CORRECTIONS)


def test_the_mia_notes_keep_their_numbers_hands_and_paragraphs(project):
    root = parse_tei(project.tei / "mia-permanent-revolution.xml").getroot()
    notes = root.findall(".//t:back//t:note[@place='end']", NS)
    summary = [(n.get("n"), n.get("resp"), [etree.QName(c).localname for c in n]) for n in notes]
    assert summary == [
        ("2", "ed:mia", ["p"]),
        ("3", "ed:mia", ["p"]),
        ("4", "ed:author", ["p", "quote", "p"]),
        ("5", "ed:mia", ["p"]),
        ("6", "ed:author", ["p", "cit", "p", "cit", "p"]),
        ("7", "ed:mia", ["p"]),
        ("9", "ed:author", ["p"]),
        ("12", "ed:mia", ["p"]),
    ]
    statement = root.find(".//t:back/t:div[@type='notes']/t:p", NS)
    assert _text(statement) == "Notes are by the author except where added by the MIA."


def test_every_marker_points_at_its_note_or_at_the_placeholder_of_the_missing_note(project):
    root = parse_tei(project.tei / "mia-permanent-revolution.xml").getroot()
    markers = root.findall(".//t:ref[@type='noteref']", NS)
    assert [m.text for m in markers] == [f"[{n}]" for n in range(1, 19)]
    notes = {n.get("{http://www.w3.org/XML/1998/namespace}id"): n for n in root.iter(f"{{{TEI_NS}}}note")}
    targets = {m.get("n"): notes[m.get("target")[1:]] for m in markers}  # every marker points at a note
    matched = {n for n, note in targets.items() if note.get("type") != "missing"}
    assert matched == {"2", "3", "4", "5", "6", "7", "9", "12"}
    for number, note in targets.items():
        assert note.get("n") == number
        if number not in matched:
            marker = next(m for m in markers if m.get("n") == number)
            assert marker.get("subtype") == "unmatched" and note.get("resp") == "ed:editors"
            gap = note.find("t:gap", NS)
            assert gap.get("reason") == "lost" and f"Note {number} " in gap.find("t:desc", NS).text
    # the placeholders stand among the notes in the order of their numbers, after the statement
    section = root.find(".//t:back/t:div[@type='notes']", NS)
    numbers = [int(n.get("n")) for n in section.findall("t:note", NS)]
    assert numbers == list(range(1, 19))


def test_a_marker_without_its_note_in_a_text_without_notes_gets_a_notes_section_of_placeholders():
    root, _ = _convert("Text [3] and again [3], then [5].\n")
    section = root.find(".//t:back/t:div[@type='notes']", NS)
    placeholders = section.findall("t:note", NS)
    assert [(n.get("n"), n.get("type"), n.get("resp")) for n in placeholders] == [
        ("3", "missing", "ed:editors"), ("5", "missing", "ed:editors")]
    targets = [r.get("target") for r in root.iter(f"{{{TEI_NS}}}ref")]
    ids = ["#" + n.get("{http://www.w3.org/XML/1998/namespace}id") for n in placeholders]
    assert targets == [ids[0], ids[0], ids[1]]
    assert diplomatic_text(root) == "Text [3] and again [3], then [5]."  # the placeholders are not the source's


def test_block_quotations_carry_their_citations_and_markers_outside_the_quote(project):
    root = parse_tei(project.tei / "mia-permanent-revolution.xml").getroot()
    cits = root.findall(".//t:cit[@type='block']", NS)
    citations = [_text(b) for cit in cits for b in cit.findall("t:bibl[@type='citation']", NS)]
    assert citations[0] == "(The New Course, published by Krassnaya, November 1924, page 50)"
    assert "(The New Course, pp 50-51, italics ours — NB)" in citations
    assert citations[-1] == "(Ibid, p 210)"
    assert len(citations) == 10 and len(cits) == 13  # three quotations end with a marker only
    for cit in cits:
        quote = cit.find("t:quote", NS)
        assert etree.QName(cit[0]).localname == "quote" and not quote.attrib  # the cit is the block
        assert quote.find(".//t:bibl", NS) is None and quote.find(".//t:ref[@type='noteref']", NS) is None
        assert _text(quote)[-1:] != " "  # the space before the citation is outside the quote
    first = cits[0]
    assert [etree.QName(c).localname for c in first] == ["quote", "bibl", "ref"]
    assert first.find("t:ref", NS).text == "[1]" and first.find("t:quote", NS).tail == " "
    # a quotation of several paragraphs keeps its marker in its last paragraph (a block is a line)
    quotes = root.findall(".//t:quote[@type='block']", NS)
    assert len(quotes) == 2  # of several paragraphs, or with neither citation nor marker
    several = [q for q in quotes if len(q.findall("t:p", NS)) > 1]
    assert [q.find("t:p[last()]/t:ref", NS).text for q in several] == ["[3]"]


def test_a_one_paragraph_quotation_with_its_citation_is_a_cit_and_keeps_every_character():
    text = ("A Title\n\nSource: Pravda\n\nHe wrote:\n\nThe quoted words. (Pravda, 1925, p 3) [1]\n\n"
            "And then:\n\nMore words. [2]\n\nNotes\n\n1. One.\n\n2. Two.")
    root, _ = _convert(text, profile="mia-article")
    cits = root.findall(".//t:cit[@type='block']", NS)
    assert [[etree.QName(c).localname for c in cit] for cit in cits] == [["quote", "bibl", "ref"], ["quote", "ref"]]
    assert [_text(cit.find("t:quote", NS)) for cit in cits] == ["The quoted words.", "More words."]


def _convert(text: str, **fields):
    manifest = invented_manifest(text, **fields)
    converted = encode_source(manifest, manifest.sources[0])
    root = etree.fromstring(converted.data)
    assert diplomatic_text(root).split("\n") == [line for line in text.split("\n") if line.strip()]
    return root, converted.warnings


ARTICLE = """A Title

Text with a marker.[1] And a year [1917] and a second marker [2].

{extra}

Notes

1 . A note.

{notes}
"""


def test_unbalanced_brackets_are_reported_and_kept():
    root, warnings = _convert("One [unclosed bracket here.\n\nAnd a stray ] closing one.\n")
    assert any("seed line 1: a bracket opens and does not close" in w for w in warnings)
    assert any("seed line 3: a closing bracket at column 13 has no opening one" in w for w in warnings)


def test_a_year_in_brackets_is_no_note_marker():
    root, _ = _convert(ARTICLE.format(extra="More.", notes="2 . Another note."), profile="mia-article")
    refs = [r.text for r in root.iter(f"{{{TEI_NS}}}ref")]
    assert refs == ["[1]", "[2]"]
    assert root.xpath("//t:add[.='[1917]']", namespaces=NS)


def test_a_marker_out_of_order_is_reported():
    _, warnings = _convert(ARTICLE.format(extra="Back to [1] again.", notes="2 . Another note."),
                           profile="mia-article")
    assert any("note marker [1] follows marker [2]: out of order" in w for w in warnings)


def test_a_note_numbered_twice_keeps_both_texts():
    root, warnings = _convert(ARTICLE.format(extra="More.", notes="2 . Another note.\n\n2 . Again."),
                              profile="mia-article")
    assert any("note 2 is numbered twice" in w for w in warnings)
    assert len(root.findall(".//t:note[@n='2']", NS)) == 2


def test_a_note_without_a_marker_is_reported():
    _, warnings = _convert(ARTICLE.format(extra="More.", notes="2 . Another note.\n\n3 . Unmarked."),
                           profile="mia-article")
    assert any("note 3 has no marker in the text" in w for w in warnings)


def test_mia_inside_a_quotation_does_not_make_the_note_the_archives():
    notes = "2 . The author quotes:\n\nA quoted line that ends oddly — MIA."
    root, warnings = _convert(ARTICLE.format(extra="More.", notes=notes), profile="mia-article")
    assert any("'— MIA' ends a quotation inside note 2" in w for w in warnings)
    assert root.find(".//t:note[@n='2']", NS).get("resp") == "ed:author"
