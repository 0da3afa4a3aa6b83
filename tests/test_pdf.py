"""The printed edition: text, footnotes, contents and pages of the PDFs (built once per test run)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

pytest.importorskip("weasyprint")
from pypdf import PdfReader  # noqa: E402

from bukharin_edition import fidelity  # noqa: E402
from bukharin_edition.publish import build_edition  # noqa: E402
from bukharin_edition.tei import TEI_NS, parse_tei  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
NS = {"t": TEI_NS}
SOURCES = sorted(p.stem for p in (REPO / "tei").glob("*.xml") if p.stem not in ("edition", "persons"))
SHOTS = REPO / "build" / "screenshots"


def _squash(text: str) -> str:
    """Text without spaces, line breaks and hyphens (the typesetter's business)."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-\u2010\u00ad]+", "", text)


def _pdf_text(path: Path) -> str:
    return _squash("".join(page.extract_text() or "" for page in PdfReader(path).pages))


def _missing(expected: str, found: str) -> str | None:
    """None if `expected` is in `found` in order, allowing breaks (a page turn, running heads,
    footnotes, a mark of a hand) between pieces; else the first piece not found."""
    rest, cursor, first = _squash(expected), 0, True
    while rest:
        low, high, where = 0, len(rest), -1
        while low < high:  # the longest prefix of rest found (anywhere first, then just ahead)
            mid = (low + high + 1) // 2
            at = found.find(rest[:mid], 0 if first else cursor)
            if at >= 0 and (first or at - cursor < 4000):
                low, where = mid, at
            else:
                high = mid - 1
        if low == 0 or (low < 3 and low < len(rest)):
            return rest[:60]
        cursor, rest, first = where + low, rest[low:], False
    return None


def _reading_text(element) -> str:
    """The reading text of a block as printed: corrections applied, footnoted notes and note
    markers (their calls are the footnotes' numbers) and the first label of an end note left out."""
    parts: list[str] = []

    def walk(e):
        name = etree.QName(e).localname
        skip = name in ("sic", "orig") or (name == "ref" and e.get("type") == "noteref"
                                           and e.get("subtype") != "unmatched") \
            or (name == "note" and "ed:editors" in (e.get("resp") or "").split()) \
            or (name == "label" and e.getparent() is not None
                and etree.QName(e.getparent().getparent()).localname == "note")
        if not skip:
            parts.append(e.text or "")
            for child in e:
                walk(child)
        parts.append(e.tail or "")

    walk(element)
    parts.pop()  # the block's own tail
    return "".join(parts)


def _footnoted(root) -> list:
    """The TEI notes the reading PDF sets as footnotes: end notes with a marker, editors' notes."""
    marked = {r.get("target", "").lstrip("#") for r in root.iterfind(".//t:text//t:ref[@type='noteref']", NS)}
    end = [n for n in root.iterfind(".//t:text//t:note[@place='end']", NS) if n.get("{http://www.w3.org/XML/1998/namespace}id") in marked]
    editors = [n for n in root.iterfind(".//t:text//t:note[@resp='ed:editors']", NS)
               if not (etree.QName(n.getparent()).localname == "bibl" and n.getparent().get("type") == "attribution")
               and n.get("type") != "missing"]  # the placeholder of a missing note: the apparatus says it
    return end + editors


def test_the_pdfs_build_without_problems(pdf_build):
    out, report = pdf_build
    assert report.problems == []
    for source_id in SOURCES:
        assert (out / "pdf" / f"{source_id}.pdf").is_file()
        assert (out / "pdf" / f"{source_id}-diplomatic.pdf").is_file()
    assert (out / "pdf" / "edition.pdf").is_file()


@pytest.mark.parametrize("source_id", SOURCES)
def test_reading_pdf_has_every_paragraph_and_note(source_id, pdf_build):
    out, _ = pdf_build
    found = _pdf_text(out / "pdf" / f"{source_id}.pdf")
    root = parse_tei(REPO / "tei" / f"{source_id}.xml").getroot()
    blocks = root.xpath(".//t:text//t:p[not(ancestor::t:p)] | .//t:text//t:head | .//t:text//t:item"
                        " | .//t:text//t:speaker", namespaces=NS)
    missing = [(b.get("{http://www.w3.org/XML/1998/namespace}id"), m) for b in blocks
               if (m := _missing(_reading_text(b), found))]
    notes = [(n.get("{http://www.w3.org/XML/1998/namespace}id") or "note", m) for n in _footnoted(root)
             if (m := _missing(_reading_text(n), found))]
    assert missing == [] and notes == []


@pytest.mark.parametrize("source_id", SOURCES)
def test_footnotes_per_source_equal_the_notes_of_the_tei(source_id, pdf_build):
    out, _ = pdf_build
    root = parse_tei(REPO / "tei" / f"{source_id}.xml").getroot()
    laid_out = json.loads((out / "pdf" / "edition.json").read_text())["sources"][source_id]["footnotes"]
    text = _pdf_text(out / "pdf" / f"{source_id}.pdf").lower()
    labels = sum(text.count(_squash(label).lower()) for label in (
        "Author’s note.", "Translator’s note.", "Editors’ note.", "Note of the Marxists Internet Archive.",
        "Note of the website.", "Note of an unknown hand."))
    assert laid_out == labels == len(_footnoted(root))


@pytest.mark.parametrize("source_id", SOURCES)
def test_diplomatic_pdf_has_every_line_of_the_diplomatic_text(source_id, pdf_build):
    out, _ = pdf_build
    found = _pdf_text(out / "pdf" / f"{source_id}-diplomatic.pdf")
    root = parse_tei(REPO / "tei" / f"{source_id}.xml").getroot()
    missing = [line.text[:60] for line in fidelity.diplomatic_lines(root) if _missing(line.text, found)]
    assert missing == []


def test_contents_page_numbers_are_where_the_sources_start(pdf_build):
    out, _ = pdf_build
    reader = PdfReader(out / "pdf" / "edition.pdf")
    facts = json.loads((out / "pdf" / "edition.json").read_text())
    front = facts["front_pages"]
    contents = "\n".join(reader.pages[i].extract_text() for i in range(front))
    for source_id in SOURCES:
        title = " ".join("".join(parse_tei(REPO / "tei" / f"{source_id}.xml").getroot().find(
            ".//t:titleStmt/t:title", NS).itertext()).split())
        squashed = _squash(contents)
        at = squashed.find(_squash(title), squashed.find(_squash("Contents")))  # in the contents, not the title page
        assert at >= 0, f"{title} is not in the contents"
        page = int(re.match(r"\D*?(\d+)", squashed[at + len(_squash(title)):]).group(1))
        assert page == facts["sources"][source_id]["start"]
        printed = reader.pages[front + page - 1].extract_text()
        assert _squash(title) in _squash(printed)
        assert printed.strip().endswith(str(page)), "the page's folio is its number in the contents"
        assert reader.page_labels[front + page - 1] == str(page)


def test_edition_has_outline_metadata_and_back_matter(pdf_build):
    out, _ = pdf_build
    reader = PdfReader(out / "pdf" / "edition.pdf")
    assert reader.metadata.title == "The Bukharin documents"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Contents" in titles and "Index of persons" in titles and len(titles) == len(SOURCES) + 3
    sections = [item for item in reader.outline if isinstance(item, list)]
    assert sections, "the sources' sections are bookmarks under their source"
    back = _squash("".join(p.extract_text() for p in reader.pages[-6:]))
    assert _squash("Index of persons") in back and _squash("Nikolai Ivanovich Bukharin") in back
    entry = re.search(r"NikolaiIvanovichBukharin\([\d\-–]+\)([\d,]+)", back)
    assert entry, "the index gives the pages of every person"
    pages = [int(n) for n in entry.group(1).split(",") if n]
    assert len(pages) > 5 and pages == sorted(pages)
    facts = json.loads((out / "pdf" / "edition.json").read_text())
    mia = facts["sources"]["mia-permanent-revolution"]
    assert any(mia["start"] <= p < mia["start"] + mia["count"] for p in pages)


def test_a_long_note_and_a_source_without_notes_print_whole(tmp_path):
    """A note longer than a page runs on over the next pages; a source with no note prints."""
    # stray-history-title has no note at all; omodeo-abstract gets a note of four pages
    tei_dir = tmp_path / "tei"
    tei_dir.mkdir()
    for name in ("edition.xml", "persons.xml", "stray-history-title.xml", "omodeo-abstract.xml"):
        shutil.copy(REPO / "tei" / name, tei_dir / name)
    path = tei_dir / "omodeo-abstract.xml"
    tree = parse_tei(path)
    paragraph = tree.getroot().find(".//t:text//t:p", NS)
    note = etree.SubElement(paragraph, f"{{{TEI_NS}}}note", resp="ed:editors", type="editorial")
    note.text = " ".join(f"Sentence {i} of a very long note of the editors." for i in range(400))
    tree.write(str(path), encoding="utf-8", xml_declaration=True)
    report = build_edition(tei_dir, REPO / "xslt", tmp_path / "edition", pdf=True)
    assert report.problems == []
    found = _pdf_text(tmp_path / "edition" / "pdf" / "omodeo-abstract.pdf")
    assert _missing(note.text, found) is None
    assert len(PdfReader(tmp_path / "edition" / "pdf" / "omodeo-abstract.pdf").pages) >= 3  # two pages without the note
    assert _missing(_reading_text(tree.getroot().find(".//t:text//t:p", NS)), found) is None
    assert _squash("Nikolay Bukharin - History") in _pdf_text(tmp_path / "edition" / "pdf" / "stray-history-title.pdf")


def test_a_missing_font_is_a_clear_error(monkeypatch):
    from bukharin_edition.publish import pdf
    from bukharin_edition.errors import BuildError

    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig's fc-list is not installed")
    monkeypatch.setattr(pdf, "FONT", "No Such Face Anywhere")
    with pytest.raises(BuildError, match="not installed"):
        pdf._check_font()


def test_a_layout_is_reused_while_its_inputs_are_unchanged(pdf_build):
    out, _ = pdf_build
    cached = sorted((out / "pdf" / ".layout").glob("*.json")) + sorted((out / "pdf").glob("*-*.pdf"))
    before = {p: p.stat().st_mtime_ns for p in cached}
    report = build_edition(REPO / "tei", REPO / "xslt", out, pdf=True)
    assert report.problems == []
    assert {p: p.stat().st_mtime_ns for p in cached} == before, "nothing laid out or written again"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_pages_render_to_png_for_a_look(pdf_build):
    """Title page, contents, a page with footnotes and the trial, for a person to look at."""
    out, _ = pdf_build
    facts = json.loads((out / "pdf" / "edition.json").read_text())
    SHOTS.mkdir(parents=True, exist_ok=True)
    mia = facts["front_pages"] + facts["sources"]["mia-permanent-revolution"]["start"] + 3
    trial = facts["front_pages"] + facts["sources"]["trial-1938"]["start"] + 1
    for name, page in (("pdf-title", 1), ("pdf-contents", 2), ("pdf-footnotes", mia), ("pdf-trial", trial)):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(page), "-l", str(page),
                        str(out / "pdf" / "edition.pdf"), str(SHOTS / name)], check=True)
        assert (SHOTS / f"{name}.png").stat().st_size > 5000


def test_a_source_that_cannot_be_printed_is_named_and_no_edition_pdf_lacks_it(tmp_path):
    tei_dir = tmp_path / "tei"
    tei_dir.mkdir()
    for name in ("edition.xml", "persons.xml", "stray-history-title.xml", "omodeo-abstract.xml"):
        shutil.copy(REPO / "tei" / name, tei_dir / name)
    path = tei_dir / "omodeo-abstract.xml"
    tree = parse_tei(path)
    etree.SubElement(tree.getroot().find(".//t:text//t:p", NS), f"{{{TEI_NS}}}unheardOf").text = "x"
    tree.write(str(path), encoding="utf-8", xml_declaration=True)
    report = build_edition(tei_dir, REPO / "xslt", tmp_path / "edition", pdf=True)
    assert any("omodeo-abstract.xml" in p and "print" in p and "unheardOf" in p for p in report.problems)
    assert any(p.startswith("edition.pdf: not written") for p in report.problems)
    assert not (tmp_path / "edition" / "pdf" / "edition.pdf").exists()
    assert not (tmp_path / "edition" / "pdf" / "omodeo-abstract.pdf").exists()
    assert (tmp_path / "edition" / "pdf" / "stray-history-title.pdf").is_file()


def _tagged_catalog(reader: PdfReader):
    """The document catalog, which marks the PDF tagged: a structure tree, its language, metadata."""
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "en" and "/Metadata" in catalog
    return catalog


def test_a_sources_pdf_is_tagged_with_its_metadata(pdf_build):
    """WeasyPrint's PDF/UA-1 structure tree survives the stamping; the number is an artifact."""
    out, _ = pdf_build
    reader = PdfReader(out / "pdf" / "mia-permanent-revolution.pdf")
    _tagged_catalog(reader)
    assert reader.metadata.title == "The Theory of Permanent Revolution"
    assert reader.metadata.author == "N. I. Bukharin"
    content = re.sub(rb"\s+", b" ", reader.pages[1].get_contents().get_data())
    assert b"/Artifact << /Type /Pagination >> BDC" in content


# ------------------------------------------------------------ what keeps with what on a page
from printlayout import print_html, read_layout  # noqa: E402

CSS_TEXT = (REPO / "xslt" / "assets" / "print.css").read_text(encoding="utf-8")


def test_no_speaker_label_ends_a_page_without_its_speech(saxon):
    """In WeasyPrint's layout of every source's reading text, every speaker label is on the page
    of its speech's first line (the trial's labels, the editors' attributed one with its note's
    call). The diplomatic text runs a label into its speech, as printed."""
    speakers, stranded, text = 0, [], "reading"
    for source_id in SOURCES:
        layout = read_layout(print_html(saxon, REPO / "tei" / f"{source_id}.xml", text), CSS_TEXT)
        speakers += layout.speakers
        stranded += [(source_id, *s) for s in layout.stranded]
    print(f"\n{text}: {speakers} speaker labels, {len(stranded)} at a page foot without their speech")
    assert speakers >= 14 and stranded == []


def test_the_detector_finds_a_label_stranded_at_a_page_foot():
    """The test above can fail: without the keeps a label falls at the foot of a page."""
    lines = "".join(f"<p>Line {i} of the speech before.</p>" for i in range(30))
    html = (f'<html><body>{lines}<div class="ed-sp"><p class="ed-speaker">THE PRESIDENT:</p>'
            '<p>The speech that follows the label, long enough for two lines of text at this size.</p></div></body></html>')
    css = "@page { size: 100mm 80mm; margin: 5mm } html { font: 10pt/12pt serif } p { margin: 0; orphans: 1; widows: 1 }"
    for padding in range(0, 12):  # find the height at which the label is the page's last line
        padded = css + f" body {{ padding-top: {padding}pt }}"
        if read_layout(html, padded).stranded:
            break
    else:
        pytest.fail("no layout put the label at a page foot")
    fixed = padded + " .ed-speaker { break-after: avoid } .ed-speaker + * { break-before: avoid; orphans: 2 }"
    assert read_layout(html, fixed).stranded == []


def test_the_trials_note_calls_are_on_their_notes_pages(saxon):
    layout = read_layout(print_html(saxon, REPO / "tei" / "trial-1938.xml"), CSS_TEXT)
    assert layout.calls >= 2 and layout.apart == []


@pytest.mark.xfail(strict=True, reason="WeasyPrint 70 sets one editors' note a page after its call "
                   "(the call ends a paragraph two lines above the page foot) despite footnote-policy: line")
def test_every_note_call_is_on_its_notes_page(saxon):
    apart = []
    for source_id in SOURCES:
        layout = read_layout(print_html(saxon, REPO / "tei" / f"{source_id}.xml"), CSS_TEXT)
        apart += [(source_id, *a) for a in layout.apart]
    assert apart == []


def test_the_built_trial_prints_the_attributed_label_with_its_speech(pdf_build):
    """In the built PDF the page holding the editors' attributed label holds its speech's first words."""
    out, _ = pdf_build
    pages = [_squash(p.extract_text() or "") for p in PdfReader(out / "pdf" / "trial-1938.pdf").pages]
    label = [i for i, t in enumerate(pages) if _squash("(speaker attributed by the editors)") in t]
    assert label, "the label is printed"
    assert all(_squash("Citizen President and Citizens judges") in pages[i] for i in label)


# ------------------------------------------------------------ edition.pdf: one document
def _faces(path: Path) -> tuple[list[str], int]:
    """The embedded font files of a PDF by face (subset prefix dropped), and its font objects."""
    reader = PdfReader(path)
    faces, fonts = [], 0
    for number in range(1, reader.trailer["/Size"]):
        try:
            obj = reader.get_object(number)
        except Exception:  # a free entry of the cross-reference table
            continue
        if not hasattr(obj, "get"):
            continue
        fonts += obj.get("/Type") == "/Font"
        if obj.get("/Type") == "/FontDescriptor" and any(k in obj for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            faces.append(str(obj["/FontName"]).split("+", 1)[-1])
    return faces, fonts


def test_edition_pdf_embeds_each_face_once(pdf_build):
    """Laid out as one document, the edition embeds one subset per face, not one per source (and
    one more of the upright face: the page numbers, stamped from a PDF of their own)."""
    out, _ = pdf_build
    faces, fonts = _faces(out / "pdf" / "edition.pdf")
    source_faces = [f for s in SOURCES for f in _faces(out / "pdf" / f"{s}.pdf")[0]]
    print(f"\nedition.pdf: {len(faces)} embedded font files, {fonts} font objects; "
          f"the sources' own PDFs: {len(source_faces)} font files")
    from collections import Counter

    repeated = {face: n for face, n in Counter(faces).items() if n > 1}
    assert faces and repeated in ({}, {"Noto-Serif": 2}), f"faces embedded more than once: {repeated}"
    assert set(faces) >= {"Noto-Serif", "Noto-Serif-Italic"} and len(source_faces) > 2 * len(faces)
    size = (out / "pdf" / "edition.pdf").stat().st_size
    assert size < sum((out / "pdf" / f"{s}.pdf").stat().st_size for s in SOURCES)


def test_edition_pdf_is_tagged(pdf_build):
    """One structure tree for the whole edition (PDF/UA-1 by WeasyPrint), numbers as artifacts."""
    out, _ = pdf_build
    reader = PdfReader(out / "pdf" / "edition.pdf")
    catalog = _tagged_catalog(reader)

    def kinds(element, found):
        element = element.get_object()
        if hasattr(element, "get"):
            if element.get("/S"):
                found.append(str(element["/S"]))
            kids = element.get("/K")
            for kid in (kids if isinstance(kids, list) else [kids] if kids is not None else []):
                kinds(kid, found)
        return found

    tags = kinds(catalog["/StructTreeRoot"], [])
    assert tags.count("/H1") >= len(SOURCES) + 3 and "/P" in tags  # every source, contents and back matter
    content = re.sub(rb"\s+", b" ", reader.pages[5].get_contents().get_data())
    assert b"/Artifact << /Type /Pagination >> BDC" in content
