"""The trial record and the quotation collection: every voice, every cut, every parallel."""
from __future__ import annotations

import re

from lxml import etree

from bukharin_edition.convert import encode_source
from bukharin_edition.fidelity import diplomatic_text
from bukharin_edition.tei import TEI_NS, XML_ID, parse_tei

from conftest import invented_manifest

NS = {"t": TEI_NS}


def _root(project, source_id):
    return parse_tei(project.tei / f"{source_id}.xml").getroot()


def test_every_speaker_label_of_the_seed_is_a_turn(project, manifest):
    source = manifest.source("trial-1938")
    labels = [re.match(r"^([A-Z][A-Z ]+):", text).group(1)
              for _, text in manifest.lines_of(source) if re.match(r"^[A-Z][A-Z ]+: ", text)]
    assert len(labels) == 13
    root = _root(project, "trial-1938")
    speakers = root.findall(".//t:sp/t:speaker", NS)
    assert [s.text.rstrip(":") for s in speakers] == labels
    who = [sp.get("who") for sp in root.iterfind(".//t:sp", NS) if sp.find("t:speaker", NS) is not None]
    assert who.count("#president") == 8 and who.count("#krestinskii") == 4 and who.count("#bukharin") == 1


def test_every_participant_is_declared_once_with_a_role(project):
    root = _root(project, "trial-1938")
    people = root.findall(".//t:particDesc/t:listPerson/t:person", NS)
    assert [(p.get(XML_ID), p.get("role")) for p in people] == [
        ("president", "president"), ("procurator", "procurator"), ("bukharin", "accused"),
        ("rykov", "accused"), ("iagoda", "accused"), ("krestinskii", "accused"), ("rakovskii", "accused"),
    ]
    declared = {f"#{p.get(XML_ID)}" for p in people}
    assert {sp.get("who") for sp in root.iterfind(".//t:sp", NS)} <= declared


def test_the_last_plea_is_bukharins_by_the_editors_attribution(project):
    root = _root(project, "trial-1938")
    plea = root.find(".//t:div[@type='last-plea']", NS)
    turns = plea.findall("t:sp", NS)
    assert len(turns) == 1
    sp = turns[0]
    assert sp.get("who") == "#bukharin" and sp.get("resp") == "ed:editors" and sp.get("cert") == "high"
    certainty = sp.find("t:certainty", NS)
    assert dict(certainty.attrib) == {"cert": "high", "locus": "value", "match": "@who", "resp": "ed:editors"}
    assert sp.find("t:speaker", NS) is None  # the edition adds no label to the text
    note = sp.find("t:note[@type='attribution']", NS)
    assert note.get("resp") == "ed:editors" and "dropped the heading" in note.text
    assert len(sp.findall("t:p", NS)) == 9


def test_the_indictment_is_its_own_division(project):
    root = _root(project, "trial-1938")
    divs = [d.get("type") for d in root.iterfind(".//t:body/t:div/t:div", NS)]
    assert divs == ["indictment", "pleas", "last-plea"]
    indictment = root.find(".//t:div[@type='indictment']", NS)
    assert len(indictment.findall("t:p", NS)) == 5 and indictment.find(".//t:sp", NS) is None


def test_the_cuts_of_the_source_are_omissions_and_other_ellipses_stay_text(project):
    root = _root(project, "trial-1938")
    cuts = root.xpath(".//t:choice[t:reg/t:gap]", namespaces=NS)
    assert [c.find("t:orig", NS).text for c in cuts] == ["…"] * 8
    # a cut that ends a sentence keeps the full stop after it, as text
    assert [(c.tail or "")[:1] for c in cuts] == [" ", ".", ".", ".", " ", ".", " ", "."]
    assert {c.find("t:reg/t:gap", NS).get("resp") for c in cuts} == {"ed:website"}
    assert {c.find("t:reg/t:gap", NS).get("reason") for c in cuts} == {"omitted"}
    biography = _root(project, "spartacus-biography")
    assert biography.find(".//t:gap", NS) is None
    assert "sovkhozes… Now" in "".join(biography.find(".//t:text", NS).itertext())


def test_every_item_of_the_collection_says_who_said_it(project):
    root = _root(project, "spartacus-primary-sources")
    items = root.findall(".//t:cit[@type='collection-item']", NS)
    assert len(items) == 10
    authors = [c.find("t:bibl[@resp='ed:editors']/t:author", NS) for c in items]
    assert [a.get("ref") for a in authors] == [
        "per:bukharin", "per:khrushchev", "per:lenin", "per:deutscher", "per:bukharin", "per:bukharin",
        "per:bukharin", "per:abramovitch", None, None,
    ]


def test_the_parallel_passages_point_at_each_other(project):
    collection = _root(project, "spartacus-primary-sources")
    biography = _root(project, "spartacus-biography")
    bio_ids = {el.get(XML_ID): el for el in biography.iter() if el.get(XML_ID)}
    links = {}
    for cit in collection.iterfind(".//t:cit", NS):
        for pointer in cit.get("corresp", "").split():
            target = pointer.split("#", 1)[1]
            assert pointer.startswith("spartacus-biography.xml#") and target in bio_ids
            back = bio_ids[target].get("corresp", "").split()
            assert f"spartacus-primary-sources.xml#{cit.get(XML_ID)}" in back
            links[cit.get(XML_ID)] = target
    assert sorted(links) == [f"spartacus-primary-sources-cit{n}" for n in range(2, 9)]


def _convert(text: str, **options):
    manifest = invented_manifest(text, profile="transcript", genre="trial-record", options=options)
    converted = encode_source(manifest, manifest.sources[0])
    root = etree.fromstring(converted.data)
    assert diplomatic_text(root).split("\n") == [line for line in text.split("\n") if line.strip()]
    return root, converted.warnings


def test_an_unknown_label_becomes_a_new_participant_flagged_for_review():
    root, warnings = _convert("THE PRESIDENT: Sit down.\n\nMR. X: I will not.\n",
                              participants=[{"id": "president", "name": "The President"}])
    assert any("seed line 3: speaker label 'MR. X:' matches no declared participant" in w for w in warnings)
    person = root.find(".//t:person[@xml:id='x']", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})
    assert person.find("t:note[@type='review']", NS) is not None


def test_labels_in_unusual_forms_are_turns_with_a_warning():
    root, warnings = _convert("The President: Sit down.\n\nVYSHINSKY. I protest.\n")
    assert [sp.get("who") for sp in root.iterfind(".//t:sp", NS)] == ["#president", "#vyshinsky"]
    assert sum("not in the record's usual form" in w for w in warnings) == 2


def test_a_turn_without_text_is_kept_and_reported():
    root, warnings = _convert("BUKHARIN:\n\nTHE PRESIDENT: Go on.\n")
    assert any("seed line 1: the turn of 'BUKHARIN:' has no text" in w for w in warnings)
    assert root.find(".//t:sp[@who='#bukharin']/t:ab[@type='empty-turn']", NS) is not None


def test_a_label_on_its_own_line_keeps_its_line_feed():
    root, _ = _convert("BUKHARIN:\nI plead guilty.\n")
    speaker = root.find(".//t:speaker", NS)
    assert speaker.text == "BUKHARIN:" and speaker.find("t:lb", NS) is not None


def test_an_unlabelled_paragraph_continues_the_turn_with_the_editors_attribution():
    root, _ = _convert("KRESTINSKII: I plead not guilty.\n\nI never was a Trotskyite.\n")
    turns = root.findall(".//t:sp", NS)
    assert [(t.get("who"), t.get("resp")) for t in turns] == [("#krestinskii", None), ("#krestinskii", "ed:editors")]
    assert "continues the turn" in turns[1].find("t:note[@type='attribution']", NS).text


# Every quotation of the corpus that the text attributes unambiguously: (source, who, opening).
ATTRIBUTED = [
    ("bordiga-enrich-yourselves", "per:bukharin", "“Enrich yourselves!”"),
    ("colley-brief-summary", "per:stalin", "‘How dare you give us an ultimatum."),
    ("colley-brief-summary", "per:bukharin", "‘With such accusations hanging over me,"),
    ("colley-brief-summary", "per:bukharin", "‘A great ordeal awaits you."),
    ("colley-brief-summary", "per:bukharin", "‘[I] have learned to cherish"),
    ("colley-brief-summary", "per:bukharin", "‘My heart boils over when I think"),
    ("siegelbaum-industrialization-debate", "per:stalin", "“The main thing in industry is"),
    ("spartacus-biography", "per:service", '"He was pinched-looking after'),
    ("spartacus-biography", "per:bukharin", '"We gathered and - I remember'),
    ("spartacus-biography", "per:lenin", '"Bukharin is not only the most valuable'),
    ("spartacus-biography", "per:medvedev", '"In 1922 Stalin was the least prominent'),  # "Roy A. Medvedev, has argued"
    ("spartacus-biography", "per:deutscher", '"Tactical reasons compelled him'),
    ("spartacus-biography", "per:stalin", '"In the period between 1904'),
    ("spartacus-biography", "per:radzinsky", '"In '),
    ("spartacus-biography", "per:stalin", '"The advance toward socialism'),
    ("spartacus-biography", "per:montefiore", '"The first category…'),
]


def test_inline_quotations_carry_who_is_quoted_where_the_text_says(project):
    found = []
    for path in sorted(project.tei.glob("*.xml")):
        root = parse_tei(path).getroot()
        for q in root.iterfind(".//t:q", NS):
            found.append((path.stem, q.get("who"), "".join(q.itertext())))
    assert [(s, w) for s, w, _ in found] == [(s, w) for s, w, _ in ATTRIBUTED]
    for (_, _, text), (_, _, opening) in zip(found, ATTRIBUTED):
        assert text.startswith(opening), (text[:60], opening)


def test_a_quotation_introduced_by_a_pronoun_is_not_attributed(project):
    root = _root(project, "encyclopedia-bukharin")
    text = "".join(root.find(".//t:text", NS).itertext())
    assert 'In 1925 he wrote: "How will we be able' in text  # the quotation is there…
    assert root.find(".//t:q", NS) is None  # …but not attributed: the text says only "he"
