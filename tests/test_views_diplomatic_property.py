"""For any text the encoding can express, the diplomatic page shows exactly the diplomatic text
of fidelity.py, line for line (hypothesis writes the TEI)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from bukharin_edition import fidelity
from conftest import ROOT
from htmltext import diplomatic_lines

HEADER = ('<teiHeader><fileDesc><titleStmt><title type="main">P</title></titleStmt><publicationStmt>'
          '<p>t</p></publicationStmt><sourceDesc><bibl><title>P</title></bibl></sourceDesc></fileDesc></teiHeader>')

words = st.text(alphabet="abcXYZ 1.,;:’“”[]()—…<>&*-", min_size=1, max_size=12).map(
    lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
hands = st.sampled_from(["ed:author", "ed:translator", "ed:mia", "ed:website", "ed:unknown"])


def inline(depth: int = 0):
    leaf = st.one_of(
        words,
        words.map(lambda w: f"<choice><sic>{w}</sic><corr resp=\"ed:editors\">x{w}</corr></choice>"),
        words.map(lambda w: f"<choice><orig>{w}</orig><reg resp=\"ed:editors\">r</reg></choice>"),
        st.tuples(words, hands).map(lambda t: f"<note type=\"gloss\" place=\"inline\" resp=\"{t[1]}\">[{t[0]}]</note>"),
        words.map(lambda w: f"<note type=\"editorial\" resp=\"ed:editors\">{w}</note>"),
        st.tuples(words, hands).map(
            lambda t: f"<add type=\"interpolation\" place=\"inline\" resp=\"{t[1]}\">[{t[0]}]</add>"),
        words.map(lambda w: f"<supplied reason=\"omitted\" resp=\"ed:editors\">{w}</supplied>"),
        st.tuples(st.sampled_from(["…", "[…]", "(...)", ". . ."]), hands).map(
            lambda t: f"<choice><orig>{t[0]}</orig><reg resp=\"ed:editors\">"
                      f"<gap reason=\"omitted\" resp=\"{t[1]}\"/></reg></choice>"),
        st.integers(1, 9).map(lambda n: f"<ref type=\"noteref\" n=\"{n}\" target=\"#p-note{n}\">[{n}]</ref>"),
        st.integers(1, 9).map(lambda n: f"<ref type=\"noteref\" subtype=\"unmatched\" n=\"{n}\">[{n}]</ref>"),
        st.integers(1, 9).map(lambda n: f"<ref type=\"noteref\" subtype=\"unmatched\" n=\"{n}\" "
                                        f"target=\"#p-missing{n}\">[{n}]</ref>"),
        words.map(lambda w: f"<persName ref=\"per:x\">{w}</persName>"),
        words.map(lambda w: f"<date when=\"1917-04-03\">{w}</date>"),
        st.just("<lb/>"),
        words.map(lambda w: f"<bibl type=\"citation\">{w}</bibl>"),
    )
    if depth >= 1:
        return leaf
    return st.one_of(leaf, st.lists(inline(depth + 1), min_size=1, max_size=3).map(
        lambda parts: "<q who=\"per:y\">" + "".join(parts) + "</q>"))


mixed = st.lists(inline(), min_size=1, max_size=6).map("".join)
counter = iter(range(10**9))


def _p(content: str) -> str:
    return f'<p xml:id="p-p{next(counter)}">{content}</p>'


block = st.one_of(
    mixed.map(_p),
    mixed.map(lambda c: f'<head>{c}</head>'),
    st.lists(mixed, min_size=1, max_size=3).map(
        lambda items: "<list>" + "".join(f"<item><label>*</label> {i}</item>" for i in items) + "</list>"),
    st.lists(mixed, min_size=1, max_size=2).map(
        lambda ps: '<quote type="block">' + "".join(map(_p, ps)) + "</quote>"),
    st.tuples(words, st.lists(mixed, min_size=1, max_size=2), st.booleans()).map(
        lambda t: f'<sp who="#a"><speaker>{t[0]}:</speaker>'
                  + ('<note type="attribution" resp="ed:editors">why</note>' if t[2] else "")
                  + "".join(map(_p, t[1])) + "</sp>"),
    # a turn the editors attribute: no label, their certainty and note
    st.tuples(st.sampled_from(["high", "medium"]), st.lists(mixed, min_size=1, max_size=2)).map(
        lambda t: f'<sp who="#a" resp="ed:editors" cert="{t[0]}"><certainty cert="{t[0]}" locus="value" '
                  f'match="@who" resp="ed:editors"/><note type="attribution" resp="ed:editors">why</note>'
                  + "".join(map(_p, t[1])) + "</sp>"),
    words.map(lambda w: f'<figure type="lost" resp="ed:editors"><figDesc>{w}</figDesc><gap reason="lost"/></figure>'),
    st.integers(1, 9).map(lambda n: f'<note xml:id="p-missing{n}x{next(counter)}" n="{n}" type="missing" '
                                    f'resp="ed:editors"><gap reason="lost"><desc>not received</desc></gap></note>'),
    mixed.map(lambda c: f'<note type="editorial" resp="ed:editors"><p>{c}</p></note>'),
    st.tuples(st.integers(1, 9), mixed).map(
        lambda t: f'<note xml:id="p-note{t[0]}x{next(counter)}" n="{t[0]}" place="end" resp="ed:author" type="author">{_p(t[1])}</note>'),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(block, min_size=1, max_size=6))
def test_diplomatic_page_equals_fidelity_for_any_encoded_text(diplomatic_view, saxon, blocks):
    body = "".join(blocks)
    xml = (f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="p" xml:lang="en">{HEADER}'
           f'<text><body><div xml:id="p-div1">{body}</div></body></text></TEI>')
    expected = [line.text for line in fidelity.diplomatic_lines(etree.fromstring(xml))]
    html = diplomatic_view.transform_to_string(xdm_node=saxon.parse_xml(xml_text=xml))
    assert diplomatic_lines(html) == expected, xml


import pytest  # noqa: E402


@pytest.fixture(scope="module")
def diplomatic_view(saxon):
    return saxon.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(ROOT / "xslt" / "diplomatic.xsl"))
