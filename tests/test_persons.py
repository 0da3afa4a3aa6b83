"""The person register and the recognition of names."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from bukharin_edition import convert as converting
from bukharin_edition.convert.persons import check_mentions, gazetteer_for, load_gazetteer
from bukharin_edition.errors import ConversionError
from bukharin_edition.fidelity import inline_text
from bukharin_edition.manifest import load_manifest
from bukharin_edition.tei import TEI_NS

from conftest import ROOT, make_project

NS = {"t": TEI_NS}
GOLDEN = ROOT / "tests/fixtures/persnames.tsv"
SOURCES_WITH_TEXT = "tei"


def persnames(documents) -> list[str]:
    rows = []
    for name, document in documents.items():
        if name in ("edition.xml", "persons.xml"):
            continue
        root = etree.fromstring(document.data)
        for el in root.iterfind(".//t:text//t:persName", NS):
            block = next(a for a in el.iterancestors() if a.get("{http://www.w3.org/XML/1998/namespace}id"))
            ident = block.get("{http://www.w3.org/XML/1998/namespace}id")
            rows.append(f"{name[:-4]}\t{ident}\t{el.get('ref')}\t{inline_text(el)}")
    return rows


def test_every_persname_of_every_source_is_the_reviewed_list(documents, request):
    """The full list of persNames per source (tests/fixtures/persnames.tsv, reviewed by people)."""
    rows = persnames(documents)
    if request.config.getoption("--update-goldens"):
        GOLDEN.write_text("\n".join(rows) + "\n", encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert rows == expected


def _occurrences(text: str, forms: list[str], exclusions: list[str]) -> list[str]:
    """Every registered form in a text, found independently of the recognizer's regex."""
    taken = [False] * len(text)
    for phrase in exclusions:
        start = text.find(phrase)
        while start != -1:
            taken[start:start + len(phrase)] = [True] * len(phrase)
            start = text.find(phrase, start + 1)
    found = []
    for form in sorted(forms, key=len, reverse=True):
        start = text.find(form)
        while start != -1:
            end = start + len(form)
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if not before.isalnum() and before != "_" and not after.isalnum() and after != "_" \
                    and not any(taken[start:end]):
                taken[start:end] = [True] * len(form)
                found.append(form)
            start = text.find(form, start + 1)
    return sorted(found)


def test_no_mention_of_a_registered_form_is_left_untagged(documents, manifest):
    """Every occurrence of every registered form in the text is a persName (speaker labels and
    the titles of works aside: a title's words are no mention)."""
    gazetteer = gazetteer_for(manifest)
    forms = [form for person in gazetteer.persons for form in person.forms]
    for source in manifest.sources:
        root = etree.fromstring(documents[f"{source.id}.xml"].data)
        text_el = root.find("t:text", NS)
        for speaker in text_el.iterfind(".//t:speaker", NS):
            speaker.getparent().remove(speaker)  # participants: particDesc, not persName
        for title in text_el.iterfind(".//t:title", NS):
            title.text, title.tail = "", (title.tail or "")  # keep the text around it
            for child in list(title):
                title.remove(child)
        blocks = [el for el in text_el.iter() if el.tag in {f"{{{TEI_NS}}}{n}" for n in ("p", "head", "item")}]
        plain = "\n".join(inline_text(b) for b in blocks)
        tagged = sorted(inline_text(el) for b in blocks for el in b.iterfind(".//t:persName", NS))
        assert _occurrences(plain, forms, list(gazetteer.exclusions)) == tagged, source.id


@pytest.mark.parametrize("source, fragment", [
    ("spartacus-biography", '<persName ref="per:kamenev">Lev Kamenev</persName>'),
    ("spartacus-biography", '<persName ref="per:stalin">Stalin</persName>\'s'),
    ("spartacus-biography", '<persName ref="per:bukharina-liubov">Liubov Ivanovna Bukharin</persName>'),
    ("spartacus-biography", '<persName ref="per:tomsky"><choice xml:id="spartacus-biography-choice4"><sic>Maihail'),
    ("colley-brief-summary", '<persName ref="per:stalin">Stalin</persName>’s'),
    ("colley-brief-summary", '‘<persName ref="per:stalin">Koba</persName>'),
    ("trial-1938", '<persName ref="per:lenin">Vladimir Il’ich</persName>'),
    ("trial-1938", '<persName ref="per:trotsky">TROTSKY</persName>'),
    ("trial-1938", 'Accused <persName ref="per:yagoda">Iagoda</persName>'),
    ("trial-1938", 'Accused <persName ref="per:rakovsky">Rakovskii</persName>'),
    ("spartacus-primary-sources", '"Our <persName ref="per:bukharin">Bukharchik</persName>"'),
    ("mia-permanent-revolution", '(as <persName ref="per:cunow">Kunow</persName>'),
    ("mia-permanent-revolution", 'Comrade <persName ref="per:lenin">Lenin</persName>'),
    ("siegelbaum-industrialization-debate", '<persName ref="per:preobrazhensky">Evgenii Preobrazhenskii</persName>’s'),
])
def test_forms_are_tagged_as_printed(documents, source, fragment):
    assert fragment in documents[f"{source}.xml"].data.decode("utf-8")


@pytest.mark.parametrize("word", ["Pravda", "Marxist", "Leninism", "Trotskyites", "Stalinism", "Stalinist",
                                  "Trotskyism", "Bukharinite", "Marxian", "Trotskian", "Sverdlov University",
                                  "Nicholas Station", "he", "him", "his", "I"])
def test_words_that_are_not_persons_are_never_tagged(documents, word):
    for name, document in documents.items():
        root = etree.fromstring(document.data)
        texts = {inline_text(el) for el in root.iterfind(".//t:text//t:persName", NS)}
        assert word not in texts, name
        assert f">{word}</persName>" not in document.data.decode("utf-8")


def test_every_source_declares_the_per_prefix(documents):
    for name, document in documents.items():
        root = etree.fromstring(document.data)
        idents = [d.get("ident") for d in root.iterfind(".//t:listPrefixDef/t:prefixDef", NS)]
        assert idents == ["ed", "per"], name
        per = root.find(".//t:prefixDef[@ident='per']", NS)
        assert per.get("replacementPattern") == "persons.xml#$1"


def test_the_register_has_one_person_per_real_person(documents, manifest):
    data = documents["persons.xml"].data
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="../schema/bukharin.rng"')
    root = etree.fromstring(data)
    people = root.findall("t:standOff/t:listPerson/t:person", NS)
    ids = [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in people]
    assert len(ids) == len(set(ids)) == len(gazetteer_for(manifest).persons)
    bukharin = people[ids.index("bukharin")]
    assert "".join(bukharin.find("t:persName[@type='standard']", NS).itertext()) == "Nikolai Ivanovich Bukharin"
    variants = [v.text for v in bukharin.findall("t:persName[@type='variant']", NS)]
    assert {"Nikolay Bukharin", "Nickolai Bukharin", "Nikolai Bukharin", "Bukharchik"} <= set(variants)
    assert bukharin.find("t:birth", NS).get("when") == "1888-10-09"
    assert bukharin.find("t:note", NS).text == (
        "Dates — birth: the sources of the edition; death: the sources of the edition.")
    stalin = people[ids.index("stalin")]
    assert stalin.find("t:birth", NS).get("when") == "1878-12-18"
    assert stalin.find("t:note", NS).text == ("Dates — birth: common reference knowledge, supplied by the "
                                              "editors; death: common reference knowledge, supplied by the editors.")
    for person in people:
        assert person.find("t:occupation", NS).text


def test_every_persname_points_at_the_register_with_a_registered_form(manifest):
    tei = ROOT / "tei"
    paths = [tei / f"{s.id}.xml" for s in manifest.sources]
    assert check_mentions(gazetteer_for(manifest), paths) == []


def test_the_corpus_register_gives_no_warning(documents):
    assert documents["persons.xml"].warnings == []


# ---------------------------------------------------------------- bad input

REGISTER = """\
    [[person]]
    id = "stalin"
    standard = "Joseph Stalin"
    forms = ["Stalin", "Koba"]
    role = "General Secretary"

    [[person]]
    id = "ghost"
    standard = "Nobody Known"
    forms = ["Nobody"]
    role = "Nobody"
    """


def test_two_entries_with_the_same_form_are_reported_by_name_and_line(tmp_path):
    path = make_project(tmp_path, "Stalin spoke.\n", persons=REGISTER.replace('["Nobody"]', '["Koba"]'))
    with pytest.raises(ConversionError) as error:
        converting.encode_all(load_manifest(path))
    message = error.value.message
    assert 'persons.toml:10: the name form "Koba" is registered for both \'stalin\' (line 1) and \'ghost\' (line 7)' in message


def test_an_entry_without_mentions_is_a_warning_with_its_line(tmp_path):
    path = make_project(tmp_path, "Stalin, called Koba, spoke.\n", persons=REGISTER)
    documents = converting.encode_all(load_manifest(path))
    register = next(d for d in documents if str(d.path) == "persons.xml")
    assert register.warnings == [
        "persons.toml:7: register entry 'ghost' (Nobody Known) has no mention in the sources; "
        "remove it or add the form the sources use",
        "persons.toml:10: the form \"Nobody\" of 'ghost' occurs in no source",
    ]


def test_a_malformed_register_is_reported_not_a_crash(tmp_path):
    path = make_project(tmp_path, "Stalin spoke.\n", persons='[[person]]\nid = "Bad Id"\nforms = []\n')
    with pytest.raises(ConversionError) as error:
        converting.encode_all(load_manifest(path))
    assert "persons.toml:1: id 'Bad Id' must be lower case" in error.value.message
    path = make_project(tmp_path / "b", "Stalin spoke.\n", persons='[[person]\n')
    with pytest.raises(ConversionError, match="not valid TOML"):
        converting.encode_all(load_manifest(path))


def test_an_unknown_name_form_or_person_in_a_tei_file_is_reported_with_its_line(tmp_path, manifest):
    tei = tmp_path / "x.xml"
    tei.write_text(
        f'<TEI xmlns="{TEI_NS}"><text><body><p>\n<persName ref="per:stalin">Stalyn</persName> and\n'
        '<persName ref="per:nobody">Nobody</persName>\n<q who="per:ghost">Boo</q></p></body></text></TEI>',
        encoding="utf-8")
    problems = check_mentions(gazetteer_for(manifest), [tei])
    assert problems == [
        f"{tei}:2: persName \"Stalyn\" is not a registered form of 'stalin'; add it to the register's "
        "forms or correct the tag",
        f"{tei}:3: persName \"Nobody\" points at 'per:nobody', which is not in the person register",
        f"{tei}:4: q/@who points at 'per:ghost', which is not in the person register",
    ]


def test_without_a_register_nothing_is_tagged_and_no_register_is_written(tmp_path):
    path = make_project(tmp_path, "Stalin spoke.\n")
    documents = converting.encode_all(load_manifest(path))
    assert [str(d.path) for d in documents] == ["edition.xml", "test-source.xml"]
    assert b"persName" not in documents[1].data


def test_the_register_file_loads(manifest):
    gazetteer = load_gazetteer(Path(manifest.path).parent / "persons.toml")
    assert gazetteer.person_of("Il'ich".join(["Vladimir ", ""])) == "lenin"


def test_the_trial_participants_point_at_the_register(documents):
    root = etree.fromstring(documents["trial-1938.xml"].data)
    links = {p.get("{http://www.w3.org/XML/1998/namespace}id"): p.get("corresp")
             for p in root.iterfind(".//t:particDesc//t:person", NS)}
    assert links == {"president": "per:ulrikh", "procurator": "per:vyshinsky", "bukharin": "per:bukharin", "rykov": "per:rykov",
                     "iagoda": "per:yagoda", "krestinskii": "per:krestinsky", "rakovskii": "per:rakovsky"}
