"""Write the schema fixtures of tests/schema/{valid,invalid}/ (run it after changing a case).

Each case is a small source file: the edition's header and a body of a few lines. An invalid
case marks its offending line with "@@" (removed when written); the file then opens with a
comment `expect: <rule> line <n>: <message fragment>` that tests/test_schema.py checks.

    .venv/bin/python tests/schema/make_fixtures.py
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="../../../schema/bukharin.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<?xml-model href="../../../schema/bukharin.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>
{expect}<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title type="main">Fixture {id}</title>
        <respStmt>
          <resp>TEI encoding</resp>
          <name ref="ed:editors">The editors of The Bukharin documents</name>
        </respStmt>
      </titleStmt>
      <publicationStmt>
        <publisher>The Bukharin documents</publisher>
        <idno type="source-id">{id}</idno>
        <availability>
          <p>A test fixture.</p>
        </availability>
      </publicationStmt>
      <sourceDesc>
        <bibl>
          <title level="a">Fixture</title>
        </bibl>
      </sourceDesc>
    </fileDesc>
{profile}    <revisionDesc>
      <change when="2026-11-25" who="{who}">Written for the tests.</change>
    </revisionDesc>
  </teiHeader>
  <text>
    <body>
      <div xml:id="{id}-div1" type="essay">
        <p xml:id="{id}-p1">A paragraph.</p>
{body}
      </div>
    </body>
{back}  </text>
</TEI>
"""

PARTIC = """    <profileDesc>
      <particDesc>
        <listPerson>
          <person xml:id="president">
            <persName type="label">THE PRESIDENT</persName>
          </person>
        </listPerson>
      </particDesc>
    </profileDesc>
"""


def notes(*numbers: str, marker: int | None = None) -> str:
    """A notes section with notes of the given numbers (the marker-th note line gets @@)."""
    lines = ["    <back>", '      <div xml:id="{id}-div2" type="notes">']
    for index, n in enumerate(numbers):
        mark = "@@" if index == marker else ""
        lines.append(f'        <note xml:id="{{id}}-note{index + 1}" n="{n}" place="end" resp="ed:author" type="author">{mark}')
        lines.append(f'          <p xml:id="{{id}}-np{index + 1}"><label>{n} .</label> A note.</p>')
        lines.append("        </note>")
    lines += ["      </div>", "    </back>"]
    return "\n".join(lines) + "\n"


PLACEHOLDER = """    <back>
      <div xml:id="{id}-div2" type="notes">
        <note xml:id="{id}-note2" n="2" resp="ed:editors" type="missing"><gap reason="lost"><desc>Note 2 is not in the received text.</desc></gap></note>
      </div>
    </back>
"""


def p(n: int, content: str) -> str:
    return f'        <p xml:id="{{id}}-p{n}">{content}</p>'


# rule → (message fragment, valid body, invalid body, options)
CASES = {
    "pointer-local": ("points at nothing in this file",
                      p(2, "See above.") .replace("<p ", '<p corresp="#{id}-p1" '),
                      "@@" + p(2, "See above.").replace("<p ", '<p corresp="#{id}-p9" '), {}),
    "pointer-edition": ("is declared nowhere in edition.xml", "", "", {"who": ("ed:editors", "ed:editor")}),
    "pointer-person": ("names no person of the register",
                       p(2, '<persName ref="per:bukharin">Nickolai Bukharin</persName> spoke.'),
                       "@@" + p(2, '<persName ref="per:bukarin">Nickolai Bukharin</persName> spoke.'), {}),
    "pointer-sibling": ("points at nothing: edition.xml beside this file",
                        p(2, "See above.").replace("<p ", '<p corresp="edition.xml#editors" '),
                        "@@" + p(2, "See above.").replace("<p ", '<p corresp="edition.xml#nobody" '), {}),
    "pointer-list": ("corresp: the pointer \"edition.xml#nobody\" points at nothing",
                     p(2, "See above.").replace("<p ", '<p corresp="edition.xml#editors edition.xml#mia edition.xml#author edition.xml#website" '),
                     "@@" + p(2, "See above.").replace("<p ", '<p corresp="edition.xml#editors edition.xml#mia edition.xml#author edition.xml#nobody" '),
                     {"rule": "pointer-sibling"}),
    "note-number-unique": ("Note number 2 is used twice", p(2, 'Text <ref n="2" target="#{id}-note1" type="noteref">[2]</ref>.'),
                           p(2, 'Text <ref n="2" target="#{id}-note1" type="noteref">[2]</ref>.'),
                           {"back": (("2", "3"), ("2", "2"), 1)}),
    "note-number-order": ("Note 2 comes after note 3", p(2, "Text."), p(2, "Text."),
                          {"back": (("2", "3"), ("3", "2"), 1)}),
    "noteref-target": ("points at no note of this file",
                       p(2, 'Text <ref n="2" target="#{id}-note1" type="noteref">[2]</ref> and <ref n="8" subtype="unmatched" type="noteref">[8]</ref>.'),
                       "@@" + p(2, 'Text <ref n="2" target="#{id}-p1" type="noteref">[2]</ref>.'),
                       {"back": (("2",), ("2",), None)}),
    "noteref-number": ("The note marker n=\"3\" points at note number 2",
                       p(2, 'Text <ref n="2" target="#{id}-note1" type="noteref">[2]</ref>.'),
                       "@@" + p(2, 'Text <ref n="3" target="#{id}-note1" type="noteref">[3]</ref>.'),
                       {"back": (("2",), ("2",), None)}),
    "corr-has-sic": ("stands without the text it corrects",
                     p(2, 'The <choice><sic>Pravada</sic><corr resp="ed:editors">Pravda</corr></choice> said.'),
                     "@@" + p(2, 'The <choice><orig>Pravada</orig><corr resp="ed:editors">Pravda</corr></choice> said.'), {}),
    "reg-has-orig": ("stands without the text it regularizes",
                     p(2, 'In <choice><orig>193 6</orig><reg resp="ed:editors">1936</reg></choice>.'),
                     "@@" + p(2, 'In <choice><sic>193 6</sic><reg resp="ed:editors">1936</reg></choice>.'), {}),
    "choice-pair": ("A choice must hold the received text and the editors' version",
                    p(2, 'In <choice><orig>193 6</orig><reg resp="ed:editors">1936</reg></choice>.'),
                    "@@" + p(2, 'In <choice><orig>193 6</orig><orig>1936</orig></choice>.'), {}),
    "date-real": ("is not a real date",
                  p(2, 'On <date when="1916-02-29">29 February 1916</date>, in <date when="1925-02">February 1925</date>.'),
                  "@@" + p(2, 'On <date when="1917-02-31">31 February 1917</date>.'), {}),
    "calendar-agrees": ("the Julian calendar is then 12 days behind the Gregorian, but when is 13 days after",
                        p(2, 'Born <date datingMethod="ed:julian" when="1888-10-09" when-custom="1888-09-27">27th September 1888</date>; '
                             'the revolution of <date datingMethod="ed:julian" when="1917-03-08" when-custom="1917-02-23">23 February 1917</date>; '
                             '<date datingMethod="ed:julian" when="1900-03-13" when-custom="1900-02-29">29 February 1900</date>.'),
                        "@@" + p(2, 'Born <date datingMethod="ed:julian" when="1888-10-10" when-custom="1888-09-27">27th September 1888</date>.'), {}),
    "calendar-named": ("needs datingMethod",
                       p(2, 'Born <date datingMethod="ed:julian" when="1888-10-09" when-custom="1888-09-27">27th September 1888</date>.'),
                       "@@" + p(2, 'Born <date when="1888-10-09" when-custom="1888-09-27">27th September 1888</date>.'), {}),
    "julian-month-agrees": ("(a month of the Julian calendar) runs from the Gregorian day",
                            p(2, 'In <date calendar="ed:julian" datingMethod="ed:julian" from="1917-02-14" to="1917-03-13" when-custom="1917-02">February 1917</date> and '
                                 '<date calendar="ed:julian" datingMethod="ed:julian" from="1900-02-13" to="1900-03-13" when-custom="1900-02">February 1900</date>.'),
                            "@@" + p(2, 'In <date calendar="ed:julian" datingMethod="ed:julian" from="1917-02-01" to="1917-02-28" when-custom="1917-02">February 1917</date>.'), {}),
    "speaker-in-sp": ("is not in a turn that says who speaks",
                      '        <sp xml:id="{id}-sp1" who="#president">\n          <speaker>THE PRESIDENT:</speaker>\n          <p xml:id="{id}-p2">Proceed.</p>\n        </sp>',
                      '        <sp xml:id="{id}-sp1">\n@@          <speaker>THE PRESIDENT:</speaker>\n          <p xml:id="{id}-p2">Proceed.</p>\n        </sp>',
                      {"profile": True}),
    "sp-who-participant": ("does not point at a participant",
                           '        <sp xml:id="{id}-sp1" who="#president">\n          <speaker>THE PRESIDENT:</speaker>\n          <p xml:id="{id}-p2">Proceed.</p>\n        </sp>',
                           '@@        <sp xml:id="{id}-sp1" who="#{id}-p1">\n          <speaker>THE PRESIDENT:</speaker>\n          <p xml:id="{id}-p2">Proceed.</p>\n        </sp>',
                           {"profile": True}),
    "p-not-empty": ("is empty", p(2, "Not empty."), "@@" + p(2, " "), {}),
    "add-of-the-source": ("but resp=\"ed:editors\" says the editors added it",
                          p(2, 'He <add place="inline" resp="ed:author" type="interpolation">[Stalin]</add> is.'),
                          "@@" + p(2, 'He <add place="inline" resp="ed:editors" type="interpolation">[Stalin]</add> is.'), {}),
    "supplied-of-the-editors": ("is text this edition's editors supply and needs resp=\"ed:editors\"",
                                p(2, 'He <supplied reason="omitted" resp="ed:editors">is</supplied> here.'),
                                "@@" + p(2, 'He <supplied reason="omitted" resp="ed:author">[is]</supplied> here.'), {}),
    "gap-omitted-keeps-mark": ("An omission the source marks keeps the mark it printed",
                               p(2, 'Cut <choice><orig>[…]</orig><reg resp="ed:editors"><gap reason="omitted" resp="ed:website"/></reg></choice> here.'),
                               "@@" + p(2, 'Cut <gap reason="omitted" resp="ed:website"/> here.'), {}),
    "gap-omitted-hand": ("The gap needs resp: the hand that marked it in the source",
                         p(2, 'Cut <choice><orig>…</orig><reg resp="ed:editors"><gap reason="omitted" resp="ed:author"/></reg></choice> here.'),
                         "@@" + p(2, 'Cut <choice><orig>…</orig><reg resp="ed:editors"><gap reason="omitted"/></reg></choice> here.'), {}),
    "figure-lost-described": ("A figure the received text lost is the editors' record",
                              '        <figure resp="ed:editors" type="lost"><figDesc>A figure the text refers to.</figDesc><gap reason="lost"/></figure>',
                              '@@        <figure type="lost"><figDesc>A figure the text refers to.</figDesc><gap reason="lost"/></figure>', {}),
    "attribution-certainty": ("The editors attribute this turn (resp=\"ed:editors\"): say how sure they are",
                              '        <sp xml:id="{id}-sp1" cert="high" resp="ed:editors" who="#president">\n'
                              '          <certainty cert="high" locus="value" match="@who" resp="ed:editors"/>\n'
                              '          <note resp="ed:editors" type="attribution">The label is not printed.</note>\n'
                              '          <p xml:id="{id}-p2">Proceed.</p>\n        </sp>',
                              '@@        <sp xml:id="{id}-sp1" cert="high" resp="ed:editors" who="#president">\n'
                              '          <certainty cert="medium" locus="value" match="@who" resp="ed:editors"/>\n'
                              '          <note resp="ed:editors" type="attribution">The label is not printed.</note>\n'
                              '          <p xml:id="{id}-p2">Proceed.</p>\n        </sp>',
                              {"profile": True}),
    "noteref-placeholder": ("so it points at the editors' placeholder, a note type=\"missing\"",
                            p(2, 'Text <ref n="2" subtype="unmatched" target="#{id}-note2" type="noteref">[2]</ref>.'),
                            "@@" + p(2, 'Text <ref n="2" subtype="unmatched" target="#{id}-p1" type="noteref">[2]</ref>.'),
                            {"raw_back": PLACEHOLDER}),
    "cit-block-one-line": ("A cit of type block is one paragraph of the source",
                           '        <cit xml:id="{id}-cit1" type="block"><quote>Words.</quote> <bibl type="citation">(Pravda)</bibl></cit>',
                           '@@        <cit xml:id="{id}-cit1" type="block"><quote xml:id="{id}-quote1" type="block"><p xml:id="{id}-p2">Words.</p></quote> <bibl type="citation">(Pravda)</bibl></cit>', {}),
    # grammar cases: the edition's schema refuses them
    "grammar-unknown-element": ("<bogus> is not an element of the edition's encoding",
                                p(2, "Plain."), "@@" + p(2, "A <bogus>thing</bogus>."), {"rule": "grammar"}),
    "grammar-closed-values": ('rend="dotted" on <list> is not one of the edition\'s values: bulleted, numbered',
                              '        <list xml:id="{id}-list1" rend="bulleted">\n          <item xml:id="{id}-item1"><label>•</label> One</item>\n        </list>',
                              '@@        <list xml:id="{id}-list1" rend="dotted">\n          <item xml:id="{id}-item1"><label>•</label> One</item>\n        </list>',
                              {"rule": "grammar"}),
    "block-id": ("This <p> has no xml:id: every block of the text needs one",
                 p(2, "Identified."), '@@        <p>Not identified.</p>', {}),
    # TEI's own rules, inherited by the ODD
    "att.datable.w3c-att-datable-w3c-when": ("The @when attribute cannot be used with any other att.datable.w3c attributes",
                                             p(2, 'In <date when="1921">1921</date> and <date from="1921" to="1923">1921–1923</date>.'),
                                             "@@" + p(2, 'In <date when="1921" from="1921">1921</date>.'), {}),
    "foreign-lang": ("<foreign> lacks the required attribute xml:lang",
                     p(2, 'The <foreign xml:lang="ru-Latn">smychka</foreign> held.'),
                     "@@" + p(2, 'The <foreign>smychka</foreign> held.'), {"rule": "grammar"}),
}


def render(case_id: str, rule: str, fragment: str, body: str, opts: dict, valid: bool) -> str:
    who = opts.get("who", ("ed:editors", "ed:editors"))[0 if valid else 1]
    back = ""
    if "back" in opts:
        good, bad, marker = opts["back"]
        back = notes(*(good if valid else bad), marker=None if valid else marker)
    back = opts.get("raw_back", back)
    profile = PARTIC if opts.get("profile") else ""
    text = HEAD.format(expect="{expect}", id=case_id, profile=profile, who="@@" + who if not valid and "who" in opts else who,
                       body=body, back=back)
    text = text.replace("{id}", case_id).replace("\n\n", "\n")
    lines = text.split("\n")
    expect = ""
    if not valid:
        marked = [i for i, line in enumerate(lines) if "@@" in line]
        assert len(marked) == 1, case_id
        line = marked[0] + 1  # the comment line is inserted above: lines after it move down by one
        expect = f"<!-- expect: {opts.get('rule', rule)} line {line + 1}: {fragment} -->\n"
    text = "\n".join(lines).replace("@@", "")
    return text.replace("{expect}", expect)


def main() -> None:
    for rule, (fragment, good, bad, opts) in CASES.items():
        for kind, body in (("valid", good), ("invalid", bad)):
            case_id = f"{rule}-{'passes' if kind == 'valid' else 'fails'}"
            text = render(case_id, rule, fragment, body, opts, kind == "valid")
            (HERE / kind / f"{case_id}.xml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
