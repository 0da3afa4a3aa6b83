"""The kinds of text new sources bring: notes and markers of every style, speaker labels,
persons named in full or not in the register, the profile read from the text."""
from __future__ import annotations

import pytest
from lxml import etree

from bukharin_edition.convert import encode_source
from bukharin_edition.convert.guess import guess_profile
from bukharin_edition.convert.notes import hand_of, read_label
from bukharin_edition.fidelity import diplomatic_text, inline_text
from conftest import invented_manifest

NS = {"t": "http://www.tei-c.org/ns/1.0"}


def encoded(text: str, profile: str = "prose", **options):
    manifest = invented_manifest(text, profile=profile, options=options)
    converted = encode_source(manifest, manifest.sources[0])
    return etree.fromstring(converted.data), converted.warnings


def notes_and_markers(root):
    notes = [(n.get("n"), n.get("resp")) for n in root.iterfind(".//t:back//t:note", NS)]
    markers = [(inline_text(r), r.get("n"), r.get("target") or r.get("subtype"))
               for r in root.iterfind(".//t:body//t:ref[@type='noteref']", NS)]
    return notes, markers


@pytest.mark.parametrize("profile", ["prose", "mia-article"])
@pytest.mark.parametrize("text, notes, markers", [
    ("A claim.[1] Another.[2]\n\nNotes\n\n[1] First.\n\n[2] Second. — MIA",
     [("1", "ed:author"), ("2", "ed:mia")], [("[1]", "1", "#invented-note1"), ("[2]", "2", "#invented-note2")]),
    ("A claim 1) and more.\n\nFootnotes\n\n1) 1 The manuscript is lost. -Ed.",
     [("1", "ed:website")], [("1)", "1", "#invented-note1")]),
    ("A claim (1) here.\n\nEndnotes\n\n(1) A note. — Trans.",
     [("1", "ed:translator")], [("(1)", "1", "#invented-note1")]),
    ("A claim¹ and another².\n\n¹ First.\n\n² Second [Translator's note]",
     [("1", "ed:author"), ("2", "ed:translator")], [("¹", "1", "#invented-note1"), ("²", "2", "#invented-note2")]),
    ("A starred word* and a dagger†.\n\n* The star.\n\n† The dagger. Ed.",
     [("*", "ed:author"), ("†", "ed:website")], [("*", "*", "#invented-note-star1"), ("†", "†", "#invented-note-dagger1")]),
    ("A claim [3] in the text.\n\nNotes\n\n1 . One.\n\n3 . Three.",
     [("1", "ed:author"), ("3", "ed:author")], [("[3]", "3", "#invented-note3")]),
    # a marker without its note points at the editors' placeholder (type missing) in a notes section
    ("No note for this [7] marker.", [("7", "ed:editors")], [("[7]", "7", "#invented-note7")]),
])
def test_notes_and_markers_of_every_style_are_linked_with_their_hand(profile, text, notes, markers):
    root, _ = encoded(text, profile)
    assert notes_and_markers(root) == (notes, markers)


def test_a_block_of_notes_a_line_each_gives_a_note_a_line():
    root, _ = encoded("Text[1] and[2].\n\nNotes\n\n[1] One.\n[2] Two.")
    assert notes_and_markers(root)[0] == [("1", "ed:author"), ("2", "ed:author")]


def test_a_list_numbered_like_notes_is_not_a_notes_section():
    root, _ = encoded("Three points:\n\n1. First point.\n\n2. Second point.\n\n3. Third point.")
    assert root.find(".//t:back", NS) is None


def test_a_note_without_a_marker_is_kept_and_reported():
    root, warnings = encoded("A claim.[1]\n\nNotes\n\n[1] First.\n\n[2] Never called.")
    assert [n.get("n") for n in root.iterfind(".//t:back//t:note", NS)] == ["1", "2"]
    assert any("note 2 has no marker in the text" in w for w in warnings)


def test_parentheses_that_enumerate_are_not_markers():
    root, _ = encoded("Two tasks: (1) to build, (2) to win.[1]\n\nNotes\n\n1. A note.")
    assert [inline_text(r) for r in root.iterfind(".//t:ref", NS)] == ["[1]"]


@pytest.mark.parametrize("ending, hand", [
    ("It was so. — MIA", "mia"), ("It was so. -Ed.", "website"), ("It was so. Ed.", "website"),
    ("It was so. — Trans.", "translator"), ("It was so. [Translator's note]", "translator"),
    ("It was so (Editor's note).", "website"), ("It was so.", "author"),
    ("See [VI Lenin, Collected Works, Volume 9 — MIA.]", "author"),  # the MIA's reference inside the author's note
])
def test_the_hand_of_a_note_comes_from_its_signature(ending, hand):
    assert hand_of(ending, ending) == hand


@pytest.mark.parametrize("label, n", [("1.", "1"), ("1 .", "1"), ("1)", "1"), ("1 )", "1"), ("[1]", "1"),
                                      ("(1)", "1"), ("¹²", "12"), ("**", "**"), ("[a]", "a")])
def test_note_labels_are_read_in_every_style(label, n):
    assert read_label(f"{label} The note.")[0].n == n


def test_speaker_labels_in_every_case_are_turns_and_a_name_with_a_colon_inside_a_speech_is_not():
    text = ("THE PRESIDENT: Accused Bukharin, stand up.\n\nBukharin: I am here.\n\n"
            "Vyshinsky: Tell the court what Rykov said: that you agreed.\n\n"
            "President (interrupting): Enough.\n\nVYSHINSKY. Go on.")
    root, _ = encoded(text, "transcript")
    assert [s.text for s in root.iterfind(".//t:speaker", NS)] == [
        "THE PRESIDENT:", "Bukharin:", "Vyshinsky:", "President (interrupting):", "VYSHINSKY."]
    assert len(root.findall(".//t:sp", NS)) == 5


def test_whole_names_are_tagged_and_unregistered_ones_too(manifest):
    from bukharin_edition.convert.preview import encode_text
    text = ("On trial were Genrikh Yagoda, N.I. Bukharin and A. P. Rosengoltz; Comrade Radek watched. "
            "Iagoda and Krestinskii spoke. Stalin’s men and Maxim Gorky listened; later Gorky wrote.")
    preview = encode_text(manifest, text.encode(), "new-text", "A new text", profile="prose")
    root = etree.fromstring(preview.converted.data)
    names = [(inline_text(p), p.get("ref")) for p in root.iterfind(".//t:text//t:persName", NS)]
    assert names == [("Genrikh Yagoda", "per:yagoda"), ("N.I. Bukharin", "per:bukharin"),
                     ("A. P. Rosengoltz", None), ("Radek", None), ("Iagoda", "per:yagoda"),
                     ("Krestinskii", "per:krestinsky"), ("Stalin", "per:stalin"), ("Maxim Gorky", None),
                     ("Gorky", None)]


def test_a_speaker_label_is_linked_to_the_register_by_name(manifest):
    from bukharin_edition.convert.preview import encode_text
    text = "VYSHINSKY: Accused Bukharin?\n\nBUKHARIN: Yes.\n\nVYSHINSKY: Sit down."
    preview = encode_text(manifest, text.encode(), "new-record", "A record", profile="transcript")
    root = etree.fromstring(preview.converted.data)
    linked = {p.get("{http://www.w3.org/XML/1998/namespace}id"): p.get("corresp")
              for p in root.iterfind(".//t:particDesc//t:person", NS)}
    assert linked["vyshinsky"] == "per:vyshinsky" and linked["bukharin"] == "per:bukharin"


@pytest.mark.parametrize("text, profile", [
    ("THE PRESIDENT: Begin.\n\nVYSHINSKY: Yes.\n\nBUKHARIN: No.\n\nTHE PRESIDENT: Go on.", "transcript"),
    ("Title\n\nSource: Pravda, 1925\nTranscription: A. N. Other\n\nText.", "mia-article"),
    ("Title\n\nA claim.[1]\n\nNotes\n\n[1] A note.", "mia-article"),
    ("Quotations\n\n“One.” — Lenin\n\n“Two.” — Stalin\n\n“Three.” — Trotsky", "collection"),
    ("Nikolai Bukharin\n\nHe was born in 1888.\n\nHe died in 1938.", "prose"),
])
def test_the_profile_is_guessed_from_the_text_with_a_reason(text, profile):
    lines = list(enumerate(text.split("\n"), start=1))
    guessed, reason = guess_profile(lines)
    assert guessed == profile and reason


def test_names_the_register_lacks_are_proposed_and_accepted_for_review(tmp_path):
    from click.testing import CliRunner

    from bukharin_edition import convert as converting
    from bukharin_edition.cli import main
    from bukharin_edition.convert import write_documents
    from bukharin_edition.manifest import load_manifest
    from conftest import make_project

    persons = '[[person]]\nid = "stalin"\nstandard = "Joseph Stalin"\nforms = ["Stalin"]\nrole = "r"\n'
    path = make_project(tmp_path, "Stalin met Karl Radek and A. P. Rosengoltz.\n\nLater Radek wrote to Stalin.\n",
                        persons=persons)
    write_documents(converting.encode_all(load_manifest(path)), tmp_path / "tei")
    listed = CliRunner().invoke(main, ["persons", "--candidates", "--root", str(tmp_path)])
    assert listed.exit_code == 0, listed.output
    assert "Karl Radek: Karl Radek (1), Radek (1)" in listed.output
    assert "tei/test-source.xml:" in listed.output and "2 name(s) not in the register" in listed.output
    accepted = CliRunner().invoke(main, ["persons", "--accept", "--root", str(tmp_path)])
    assert "2 entries added to seeds/persons.toml" in accepted.output, accepted.output
    register = (tmp_path / "seeds" / "persons.toml").read_text(encoding="utf-8")
    assert 'id = "radek"' in register and 'forms = ["Karl Radek", "Radek"]' in register
    again = CliRunner().invoke(main, ["persons", "--accept", "--root", str(tmp_path)])
    assert "0 entries added" in again.output  # accepted once only
    refs = [d for d in converting.encode_all(load_manifest(path)) if d.path.name == "test-source.xml"][0].data
    assert b'ref="per:radek">Karl Radek<' in refs and b'ref="per:rosengolts">A. P. Rosengoltz<' in refs


@pytest.mark.parametrize("text, element, attrs", [
    ("He said [...] that it was so.", "gap", {"reason": "omitted", "resp": "ed:author"}),
    ("He said […] that it was so.", "gap", {"reason": "omitted", "resp": "ed:author"}),
    ("He said (...) that it was so.", "gap", {"reason": "omitted", "resp": "ed:author"}),
    ("He said [. . . — Trans.] that it was so.", "gap", {"reason": "omitted", "resp": "ed:translator"}),
    ("He said that (they) would come.", "add", {"type": "interpolation", "place": "inline", "resp": "ed:author"}),
    ("He said that [the party] would come.", "add", {"type": "interpolation", "place": "inline", "resp": "ed:author"}),
])
def test_editorial_marks_in_brackets_and_parentheses_are_encoded_with_their_hand(text, element, attrs):
    root, _ = encoded(text)
    found = root.find(f".//t:body//t:{element}", NS)
    assert found is not None and dict(found.attrib) == attrs
    assert root.find(".//t:body//t:supplied", NS) is None  # the source's brackets are never the editors'


@pytest.mark.parametrize("mark", ["[...]", "[…]", "(...)", "(…)", "[. . .]"])
def test_a_printed_omission_mark_is_kept_in_orig_beside_its_gap(mark):
    root, _ = encoded(f"He said {mark} that it was so.")
    choice = root.find(".//t:body//t:choice", NS)
    assert choice.find("t:orig", NS).text == mark
    reg = choice.find("t:reg", NS)
    assert reg.get("resp") == "ed:editors" and [etree.QName(e).localname for e in reg] == ["gap"]
    assert diplomatic_text(root).endswith(f"He said {mark} that it was so.")


@pytest.mark.parametrize("text, described", [
    ("Lenin was there (pictured).", "Lenin was there (pictured)."),
    ("Pictured is a cartoon he drew. He drew well.", "Pictured is a cartoon he drew."),
    ("The photo above shows the Congress of 1927.", "The photo above shows the Congress of 1927."),
])
def test_a_paragraph_that_refers_to_a_picture_records_the_lost_figure_after_it(text, described):
    root, _ = encoded(f"Before.\n\n{text}\n\nAfter.")
    figure = root.find(".//t:body//t:figure", NS)
    assert figure.get("type") == "lost" and figure.get("resp") == "ed:editors"
    assert figure.getprevious().xpath("string()") == text  # where it stood: after its paragraph
    assert f"\u201c{described}\u201d" in figure.find("t:figDesc", NS).text
    assert figure.find("t:gap", NS).get("reason") == "lost"
    assert "figure" not in diplomatic_text(root) and text in diplomatic_text(root)


@pytest.mark.parametrize("text", ["He pictured to himself a victory.", "A picture of the Congress.",
                                  "The image of the party was tarnished."])
def test_words_about_pictures_that_point_at_none_record_no_figure(text):
    root, _ = encoded(text)
    assert root.find(".//t:figure", NS) is None


def test_a_parenthesis_that_is_ordinary_text_stays_text_and_unbalanced_ones_are_reported():
    root, warnings = encoded("The party (the Bolsheviks) won.\n\nAn unclosed (aside here.")
    assert root.find(".//t:body//t:supplied", NS) is None
    assert any("seed line 3: the parentheses of this paragraph do not pair up" in w for w in warnings)


@pytest.mark.parametrize("profile", ["prose", "mia-article"])
def test_a_table_of_contents_is_a_list_of_its_entries(profile, tmp_path):
    from bukharin_edition.convert import encode_shared
    from bukharin_edition.validate import Validator
    from conftest import ROOT

    text = ("The ABC\n\nContents\n\nPreface .... 5\nI. Capitalism 12\nII. The Party\n\n"
            "Preface\n\nThe book begins here.")
    manifest = invented_manifest(text, profile=profile)
    converted = encode_source(manifest, manifest.sources[0])
    root = etree.fromstring(converted.data)
    toc = root.find(".//t:div[@type='contents']", NS)
    assert toc is not None and inline_text(toc.find("t:head", NS)) == "Contents"
    assert [inline_text(i) for i in toc.iterfind("t:list[@type='contents']/t:item", NS)] == [
        "Preface .... 5", "I. Capitalism 12", "II. The Party"]
    assert [inline_text(h) for h in root.iterfind(".//t:body//t:head", NS)][-1] == "Preface"
    (tmp_path / "edition.xml").write_bytes(encode_shared(manifest).data)
    (tmp_path / "invented.xml").write_bytes(converted.data)
    assert not [p for p in Validator(ROOT / "schema").check_file(tmp_path / "invented.xml") if p.severity == "error"]


@pytest.mark.parametrize("text, reason", [
    ("He said [illegible] that it was so.", "illegible"),
    ("He said [two words illegible] that it was so.", "illegible"),
    ("He said [intervening pages of transcript missing] that it was so.", "missing"),
    ("He said [text omitted] that it was so.", "omitted"),
])
def test_a_gap_the_source_states_in_brackets_is_a_gap_of_its_hand_not_an_addition(text, reason):
    root, _ = encoded(text)
    assert root.find(".//t:body//t:add", NS) is None
    gap = root.find(".//t:body//t:choice/t:reg/t:gap", NS)
    assert dict(gap.attrib) == {"reason": reason, "resp": "ed:author"}
    assert diplomatic_text(root).endswith(text)
