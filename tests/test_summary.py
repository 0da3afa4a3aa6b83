"""convert/summary.py: the counts new-source --dry-run shows (and benchmarks reuse)."""
from __future__ import annotations

from lxml import etree

from bukharin_edition.convert.summary import FEATURES, format_summary, summarize
from conftest import ROOT

DOCUMENT = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="x">
  <teiHeader><fileDesc><titleStmt><title>A <persName ref="per:header">name</persName> in the header</title>
    </titleStmt></fileDesc></teiHeader>
  <text>
    <front><head>Title</head></front>
    <body>
      <div><head>Part one</head>
        <sp who="#p1"><speaker>A:</speaker><p>On <date when="1938-03-05">5 March 1938</date>
          <persName ref="per:bukharin">Bukharin</persName> met <persName ref="per:nobody">Nobody</persName>
          and <persName>Someone</persName> and <persName ref="per:rykov" type="candidate">Rykov</persName>
          <ref type="noteref" target="#n1">[1]</ref><ref target="#elsewhere">see</ref>.</p></sp>
        <sp who="#p2"><speaker>B:</speaker><p>[sic<note type="sic" resp="ed:mia">sic — MIA</note>]
          <note resp="ed:editors">The editors' note is not the source's.</note>
          <note resp="ed:translator">A translator's note.</note></p></sp>
      </div>
    </body>
    <back><div type="notes"><note n="1">An author's note <date when="1917">1917</date>.</note></div></back>
  </text>
</TEI>"""


def test_every_feature_is_counted_in_the_text_only():
    counts = summarize(etree.fromstring(DOCUMENT), register={"per:bukharin", "per:rykov"})
    assert list(counts) == list(FEATURES)
    assert counts == {"headings": 2, "turns": 2, "notes": 3, "note markers": 1, "dates": 2,
                      "persons": 4, "unknown names": 3}  # Nobody (not registered), Someone (no ref), Rykov (flagged)


def test_without_a_register_only_unpointed_or_flagged_names_are_unknown():
    assert summarize(etree.fromstring(DOCUMENT))["unknown names"] == 2


def test_a_real_source_agrees_with_its_elements():
    root = etree.parse(str(ROOT / "tei" / "trial-1938.xml")).getroot()
    counts = summarize(root)
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert counts["turns"] == len(root.xpath("//t:text//t:sp", namespaces=ns)) > 10
    assert counts["persons"] == len(root.xpath("//t:text//t:persName", namespaces=ns))
    assert format_summary(counts).startswith("headings ")
