"""Notes and their markers, for every profile: the notes section, each note's hand, the markers.

A notes section is the run of blocks at the end of a source that holds numbered notes, with or
without a heading ("Notes", "Footnotes", "Endnotes", "References", "Editor's notes"). A note
starts with its label as printed:

  1.  1 .  1)  1 )  [1]  (1)  ¹  *  **  †  ‡

and runs over every following paragraph up to the next label. A note whose text repeats its
number ("1) 1 The manuscript …") keeps both in its label. A block whose lines each start with a
label holds one note a line. The hand comes from the note's signature at its end ("— MIA",
"-Ed.", "Ed.", "— Trans.", "[Translator's note]", …) or its start ("MIA Note:", "Editor's
note:"); an unsigned note is the author's, or the hand named by the source's option
`notes_hand`.

Markers in the text call the notes: "[4]" always (typed unmatched when the source lacks the
note), superscript digits always, and "(4)", "4)", "*", "†" only where the notes section has a
note of that label, since otherwise they are list numbers, emphasis and death signs. A note no
marker calls is reported, and stays where the source prints it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..tei import XML_ID, element, sub, tei
from .blocks import Block
from .context import Context
from .inline import Recognizer, append_text, fill

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SYMBOL_NAMES = {"*": "star", "†": "dagger", "‡": "ddagger"}
NOTES_HEADING = re.compile(
    r"^(?:(?:Editor|Translator|Author|Publisher)[’']?s?\s+|MIA\s+|The\s+)?"
    r"(?:Notes?|Footnotes?|Endnotes?|References(?:\s+and\s+[Nn]otes)?|Notes\s+and\s+[Rr]eferences)"
    r"(?:\s+(?:of|by|to)\s+\S.*)?\s*:?\s*$",
    re.IGNORECASE,
)
LABEL = re.compile(
    r"^(?P<indent>[ \t\u00a0]*)"
    r"(?P<label>\[(?P<bracketed>\d{1,3}|[a-z])\]|\((?P<parenthesized>\d{1,3})\)"
    r"|(?P<numbered>\d{1,3}) ?(?P<punct>[.)])|(?P<superscript>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})"
    r"|(?P<symbol>\*{1,3}|†{1,2}|‡))"
    r"(?P<repeat> (?P=numbered)(?= )| [↑^](?= ))?(?P<space>[ \t]+)(?P<text>\S.*)$",
    re.DOTALL,
)
_BEFORE_SIGNATURE = r"(?:[—–-]\s*|\(\s*|\[\s*|(?<=[.!?”\"’] ))"  # "— MIA", "(Ed.)", "… so. Ed."
SIGNATURES = (
    ("mia", re.compile(r"(?:[—–-]\s*|\(\s*|\[\s*)MIA(?:\s+[Nn]ote)?\.?\s*[)\]]?\.?\s*$")),
    ("translator", re.compile(_BEFORE_SIGNATURE + r"(?:Trans|Tr|Translator(?:[’']s)?|Translators)\.?"
                              r"(?:\s+[Nn]ote)?\.?\s*[)\]]?\.?\s*$")),
    ("website", re.compile(_BEFORE_SIGNATURE + r"(?:Ed|Eds|Editor(?:[’']s)?|Editors)\.?(?:\s+[Nn]ote)?\.?"
                           r"\s*[)\]]?\.?\s*$")),
    ("author", re.compile(r"(?:[—–-]\s*|\(\s*|\[\s*)Author(?:[’']s)?(?:\s+[Nn]ote)?\.?\s*[)\]]?\.?\s*$")),
)
OPENING_SIGNATURES = (
    ("mia", re.compile(r"^(?:MIA\s+[Nn]ote|Note\s+(?:of|by)\s+the\s+MIA)\b")),
    ("translator", re.compile(r"^(?:\[?Translator[’']?s?\s+[Nn]ote\]?|Trans(?:lator)?\.\s*[Nn]ote)\b")),
    ("website", re.compile(r"^(?:\[?Editor[’']?s?\s+[Nn]ote\]?|Ed\.\s*[Nn]ote)\b")),
)
HANDS = ("author", "mia", "translator", "website")


@dataclass(frozen=True)
class Label:
    """A note's label as printed, and the number (or symbol) it gives the note."""

    text: str
    n: str
    style: str  # bracketed [1], parenthesized (1), numbered 1., closing 1), superscript ¹, symbol *
    indent: str = ""  # spaces before the label, as printed


def read_label(text: str) -> tuple[Label, str, str] | None:
    """Return (label, space after it, the rest) when the text opens with a note label."""
    match = LABEL.match(text)
    if not match:
        return None
    style = next(s for s in ("bracketed", "parenthesized", "numbered", "superscript", "symbol") if match[s])
    value = match[style]
    if style == "numbered" and match["punct"] == ")":
        style = "closing"
    if style == "symbol" or not value[0].isdigit() and value[0] not in SUPERSCRIPTS:
        n = value
    else:
        n = str(int(value.translate(str.maketrans(SUPERSCRIPTS, "0123456789"))))
    if n == "0":
        return None
    label = match["label"] + (match["repeat"] or "")
    return Label(label, n, style, match["indent"]), match["space"], match["text"]


def note_id(source_id: str, n: str) -> str:
    """The xml:id of note n: '<source>-note4', '<source>-note-star1' for '*'."""
    if n.isdigit() or n.isalpha():
        return f"{source_id}-note{n}"
    return f"{source_id}-note-{SYMBOL_NAMES[n[0]]}{len(n)}"


NOTES_STATEMENT = re.compile(r"^(?:Notes?|Footnotes|Endnotes)\b")


def is_notes_heading(block: Block) -> bool:
    """A heading of a notes section ("Notes", "Footnotes", "Editor's notes", …)."""
    return len(block.lines) == 1 and len(block.text.split()) <= 6 and bool(NOTES_HEADING.match(block.text.strip()))


def opens_notes(block: Block) -> bool:
    """A heading of a notes section, or a one-line statement about the notes ("Notes are by …")."""
    return is_notes_heading(block) or (len(block.lines) == 1 and bool(NOTES_STATEMENT.match(block.text)))


@dataclass
class NotesSection:
    """The notes section of a source: its heading block (if any) and its notes' blocks."""

    heading: Block | None
    notes: list[list[Block]]  # each note: its blocks (the first opens with the label)
    labels: dict[str, Label] = field(default_factory=dict)

    @property
    def blocks(self) -> list[Block]:
        return ([self.heading] if self.heading else []) + [b for note in self.notes for b in note]


def _note_starts(block: Block) -> list[Block]:
    """Split a block whose every line opens with a label into one block a note."""
    if len(block.lines) > 1 and all(read_label(text) for _, text in block.lines):
        return [Block((line,)) for line in block.lines]
    return [block]


def split_notes(blocks: list[Block], body_text: str = "") -> tuple[list[Block], NotesSection | None]:
    """Cut the notes section off the end of a source's blocks.

    With a heading, the section starts at the last notes heading that a note follows. Without
    one, it is the run of labelled blocks at the end, the first numbered 1 (or a symbol), whose
    first note is called by a marker in the text before it.
    """
    start = None
    for index in range(len(blocks) - 2, -1, -1):
        if opens_notes(blocks[index]) and read_label(blocks[index + 1].text):
            start = index
            break
    heading = None
    if start is not None:
        heading, entries = blocks[start], blocks[start + 1:]
    else:
        start = _headless_start(blocks)
        if start is None:
            return blocks, None
        entries = blocks[start:]
    notes: list[list[Block]] = []
    last = 0
    for block in entries:
        for piece in _note_starts(block):
            found = read_label(piece.text)
            number = int(found[0].n) if found and found[0].n.isdigit() else None
            if found and number is not None and number < last:
                found = None  # "1)" after note 2 is a list inside that note, not a note
            if found or not notes:
                notes.append([piece])
                last = number if number is not None else last
            else:
                notes[-1].append(piece)
    section = NotesSection(heading, notes)
    for note in notes:
        found = read_label(note[0].text)
        if found:
            section.labels.setdefault(found[0].n, found[0])
    return blocks[:start], section


def _headless_start(blocks: list[Block]) -> int | None:
    """The first block of a run of labelled notes at the end, called from the text before it:
    one label style, numbered 1, 2, 3 … (or symbols), a paragraph or two of a note between."""
    labelled = [i for i, block in enumerate(blocks) if read_label(block.text)]
    if not labelled:
        return None
    last = labelled[-1]
    style = read_label(blocks[last].text)[0].style
    first = last
    index = last - 1
    while index >= 0:
        found = read_label(blocks[index].text)
        if found and found[0].style == style:
            first = index
        elif found or first - index > 2:
            break
        index -= 1
    numbers = [read_label(b.text)[0].n for b in blocks[first:last + 1] if read_label(b.text)]
    if first == 0 or numbers[0] not in ("1", "a", "*", "†"):
        return None
    if numbers[0] == "1" and numbers != [str(i) for i in range(1, len(numbers) + 1)]:
        return None  # a numbered list, not notes
    label = read_label(blocks[first].text)[0]
    before = "\n".join(b.text for b in blocks[:first])
    if not any(p.search(before) for p in _marker_patterns({label.n: label}, strict=True)):
        return None
    return first


def hand_of(last_paragraph: str, opening: str, default: str = "author") -> str:
    """The hand of a note from its signature at the end of its last paragraph (a bracketed
    reference there is another hand's, inside the note) or from its opening words."""
    ending = _without_final_reference(last_paragraph).rstrip()
    for hand, pattern in SIGNATURES:
        if pattern.search(ending):
            return hand
    for hand, pattern in OPENING_SIGNATURES:
        if pattern.match(opening):
            return hand
    return default


# ---------------------------------------------------------------- markers

def _marker_patterns(labels: dict[str, Label], strict: bool = False) -> list[re.Pattern]:
    """The patterns of the markers that call these notes (strict: only the numbers given)."""
    numbers = sorted((n for n in labels if n.isdigit()), key=int, reverse=True)
    letters = sorted(n for n in labels if n.isalpha())
    symbols = sorted((n for n in labels if not n.isalnum()), key=len, reverse=True)
    alternatives = "|".join(numbers) or r"(?!)"
    bracketed = "|".join(numbers + letters) or r"(?!)" if strict else r"[1-9]\d{0,2}"
    patterns = [re.compile(rf"\[(?P<n>{bracketed})\]")]
    if not strict:  # "[a]": a lettered note (there are no one-letter interpolations); "witness1)"
        patterns.append(re.compile(r"(?<=[\w.,;:!?’”\"')])\[(?P<n>[a-z])\]"))
        patterns.append(re.compile(r"(?<=[^\W\d])(?P<n>[1-9]\d?)\)(?![\w(])"))
    patterns.append(re.compile(r"(?<=\S)(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]{0,2})(?![⁰¹²³⁴⁵⁶⁷⁸⁹])"))
    styles = {label.style for label in labels.values()}
    if numbers and "parenthesized" in styles:  # (1) elsewhere is a list number
        patterns.append(re.compile(rf"(?<=[\w.,;:!?’”\"'])\((?P<n>{alternatives})\)(?!\w)"))
        patterns.append(re.compile(rf"(?<=\S )\((?P<n>{alternatives})\)(?=[\s.,;:]|$)"))
    if numbers and "closing" in styles:
        patterns.append(re.compile(rf"(?<=[^\W\d]|[.,;:!?’”\"'])(?P<n>{alternatives})\)(?![\w(])"))
        patterns.append(re.compile(rf"(?:(?<=[^\W\d] )|(?<=[^\W\d][.,;:!?’”\"'] ))(?P<n>{alternatives})\)(?=[\s.,;:]|$)"))
    if symbols:
        marks = "|".join(re.escape(s) for s in symbols)
        patterns.append(re.compile(rf"(?<=[\w.,;:!?’”\"')\]])(?P<sym>{marks})(?![\w*†‡])"))
    return patterns


class NoteMarkers:
    """The recognizer of note markers: a ref to the note, or typed unmatched if it is absent."""

    def __init__(self, ctx: Context, labels: dict[str, Label]):
        self.ctx = ctx
        self.labels = labels
        self.seen: list[tuple[str, str]] = []  # (number, marker as printed)
        self.patterns = _marker_patterns(labels)
        self.recognizer = Recognizer("note-marker", _AnyOf(self.patterns), self.build)

    def build(self, match: re.Match, ctx: Context) -> etree._Element:
        groups = match.groupdict()
        if groups.get("sup"):
            number = str(int(groups["sup"].translate(str.maketrans(SUPERSCRIPTS, "0123456789"))))
        else:
            number = groups.get("n") or groups.get("sym")
        numeric = [(int(n), text) for n, text in self.seen if n.isdigit()]
        if number.isdigit() and numeric and int(number) <= numeric[-1][0]:
            ctx.warn(0, f"note marker {match.group(0)} follows marker {numeric[-1][1]}: out of order, "
                        "kept as a marker; check that it is not a year or a list number")
        self.seen.append((number, match.group(0)))
        ref = element("ref", {"type": "noteref", "n": number})
        if number in self.labels:
            ref.set("target", f"#{note_id(ctx.source.id, number)}")
        else:
            ref.set("subtype", "unmatched")
        ref.text = match.group(0)
        return ref

    def place_missing(self, text_el: etree._Element) -> None:
        """Give each note the markers call and the source lacks the editors' placeholder.

        The placeholder is a note of type missing (resp ed:editors) in the notes section, with
        the marker's number, holding a gap reason lost; the unmatched markers point at it.
        """
        markers = [ref for ref in text_el.iter(tei("ref"))
                   if ref.get("type") == "noteref" and ref.get("subtype") == "unmatched"]
        if not markers:
            return
        div = next((d for d in text_el.iter(tei("div")) if d.get("type") == "notes"
                    and d.getparent() is not None and etree.QName(d.getparent()).localname == "back"), None)
        if div is None:
            back = text_el.find(tei("back"))
            if back is None:
                back = sub(text_el, "back")
            div = sub(back, "div", {"xml:id": self.ctx.new_id("div"), "type": "notes"})
        placed: dict[str, str] = {}
        for ref in markers:
            number = ref.get("n")
            if number not in placed:
                placed[number] = _placeholder(div, number, self.ctx)
            ref.set("target", f"#{placed[number]}")

    def report_unmarked(self, lines: dict[str, int]) -> None:
        marked = {n for n, _ in self.seen}
        for number, line in lines.items():
            if number not in marked:
                self.ctx.warn(line, f"note {number} has no marker in the text")


def _placeholder(div: etree._Element, number: str, ctx: Context) -> str:
    """Insert the placeholder of note `number` among the notes, in the order of their numbers."""
    ident = note_id(ctx.source.id, number)
    if any(el.get(XML_ID) == ident for el in div.iter()):
        ident = ctx.new_id(f"note{number if number.isdigit() else ''}-missing")
    note = element("note", {"xml:id": ident, "n": number, "type": "missing", "resp": "ed:editors"})
    gap = sub(note, "gap", {"reason": "lost"})
    sub(gap, "desc", text=f"Note {number} is called by a marker of the text and is not in the received text.")
    later = next((el for el in div if el.tag == tei("note") and number.isdigit()
                  and (el.get("n") or "").isdigit() and int(el.get("n")) > int(number)), None)
    if later is not None:
        later.addprevious(note)
    else:
        div.append(note)
    return ident


class _AnyOf:
    """Several patterns searched as one: the earliest match, the longest at the same start."""

    def __init__(self, patterns: list[re.Pattern]):
        self.patterns = patterns

    def search(self, text: str, position: int = 0):
        best = None
        for pattern in self.patterns:
            match = pattern.search(text, position)
            if match and (best is None or (match.start(), -match.end()) < (best.start(), -best.end())):
                best = match
        return best


def install_markers(ctx: Context, section: NotesSection | None) -> NoteMarkers:
    """Put the marker recognizer first among the source's recognizers."""
    markers = NoteMarkers(ctx, section.labels if section else {})
    ctx.recognizers = (markers.recognizer, *ctx.recognizers)
    return markers


# ---------------------------------------------------------------- the notes section

def encode_notes(text_el: etree._Element, section: NotesSection, ctx: Context, flow) -> dict[str, int]:
    """Append back/div[@type=notes] with the notes; return each note's number and seed line.

    `flow(note, blocks, ctx)` lays out a note's paragraphs after the first (lists, quotations),
    given all the note's blocks.
    """
    back = sub(text_el, "back")
    div = sub(back, "div", {"xml:id": ctx.new_id("div"), "type": "notes"})
    if section.heading is not None:
        from .structure import heading, paragraph
        if is_notes_heading(section.heading):
            heading(div, section.heading.text, ctx)
        else:
            paragraph(div, section.heading, ctx)
    seen: dict[str, int] = {}
    default = ctx.source.options.get("notes_hand") or _stated_hand(section, ctx) or "author"
    for blocks in section.notes:
        found = read_label(blocks[0].text)
        if found is None:
            ctx.warn(blocks[0].first_line, "text in the notes section before the first note")
            for block in blocks:
                from .structure import paragraph
                paragraph(div, block, ctx)
            continue
        label, space, rest = found
        duplicate = label.n in seen
        if duplicate:
            ctx.warn(blocks[0].first_line, f"note {label.n} is numbered twice; the second keeps its text "
                                           "and is typed as a duplicate")
        hand = hand_of(rest if len(blocks) == 1 else blocks[-1].text, rest, default)
        ident = ctx.new_id(f"note{label.n if label.n.isdigit() else ''}-dup") if duplicate \
            else note_id(ctx.source.id, label.n)
        attrs = {"xml:id": ident, "n": label.n, "type": hand, "resp": f"ed:{hand}", "place": "end"}
        if duplicate:
            attrs["subtype"] = "duplicate"
        note = sub(div, "note", attrs)
        first = sub(note, "p", {"xml:id": ctx.new_id("p")})
        ctx.block_ids.setdefault(blocks[0].first_line, first.get("{http://www.w3.org/XML/1998/namespace}id"))
        append_text(first, label.indent)
        sub(first, "label", text=label.text)
        append_text(first, space)
        fill(first, rest, ctx)
        flow(note, blocks, ctx)
        if hand == "mia" and default != "mia" and etree.QName(note[-1]).localname == "quote":
            ctx.warn(blocks[-1].first_line, f"'— MIA' ends a quotation inside note {label.n}, not the note: "
                                            "the note is kept as the author's")
            note.set("type", default)
            note.set("resp", f"ed:{default}")
        if not duplicate:
            seen[label.n] = blocks[0].first_line
    return seen


STATED_HAND = re.compile(r"\bnotes?\b[^.]{0,40}?\bby the (?P<hand>author|editors?|translators?|MIA|publishers?)\b",
                         re.IGNORECASE)
PRINTED_EDITION = re.compile(r"^\s*Source\s*:.*\b(?:Collected Works|Selected Works|Complete Works|Publishers?|"
                             r"Publishing House|Press)\b", re.IGNORECASE | re.MULTILINE)


def _stated_hand(section: NotesSection, ctx: Context) -> str:
    """The hand of the unsigned notes, as the source states it: a notes statement ("Notes are
    by the author except …"), or an archive page taken from a printed edition ("Source: …
    Collected Works, Progress Publishers"), whose unsigned notes are that edition's editors'."""
    if section.heading is not None and (stated := STATED_HAND.search(section.heading.text)):
        word = stated["hand"].lower()
        return {"author": "author", "mia": "mia"}.get(word, "translator" if word.startswith("trans") else "website")
    if PRINTED_EDITION.search(ctx.memory.get("provenance", "")):
        return "website"
    return ""


def _without_final_reference(text: str) -> str:
    """Drop a bracketed reference at the very end (an MIA reference inside an author's note)."""
    stripped = re.sub(r"\s*\[[^\[\]]*\d[^\[\]]*\]\s*$", "", text)
    return stripped if stripped.strip() else text
