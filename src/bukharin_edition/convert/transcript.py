"""Profile 'transcript': records of proceedings with speaker labels ('THE PRESIDENT: …').

Every labelled turn is an sp whose speaker holds the label as printed and whose @who points
at a participant declared once in particDesc. Participants come from the labels, from the
accused addressed by name ('Accused Rykov, do you plead guilty?') and from the manifest.
The record's usual label is upper case with a colon; other forms ('The President:',
'VYSHINSKY.', 'MR. X:') are read too, with a warning. An ellipsis that opens or closes a
paragraph marks a cut by the source's editor: the ellipsis as printed in orig, its gap in reg.

Options (manifest [source.options]):
  participants  list of {id, name, role, note, person}: participants declared beforehand (the
                court, people named by office); labels are matched to them by id; `person` is
                their id in the person register, where the editors know who is meant
  parts         list of {lines = [first, last], type, speaker?, reason?}: each part is a div of
                that type; a part with a `speaker` is one turn of that participant, attributed by
                the editors (resp ed:editors) with `reason` as their note and `cert` (high,
                medium, low; default medium) as their certainty: @cert and a certainty on @who
Blocks outside the declared parts form divisions of type 'proceedings'. An unlabelled
paragraph inside a dialogue continues the previous turn; the editors mark the attribution.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..errors import ConversionError
from ..tei import element, sub
from .blocks import Block
from .brackets import omission
from .context import Context
from .inline import Recognizer, append_text, fill
from .structure import heading, paragraph, split_heading

NAME = "transcript"
DESCRIPTION = (
    "Encoded by the profile 'transcript': each labelled turn ('LABEL: speech') is an sp whose "
    "speaker holds the label as printed and whose who points at a participant declared in "
    "particDesc; parts without labels are divisions typed in the manifest; a turn whose speaker "
    "the text does not print is attributed by the editors (resp ed:editors, cert and a certainty on who saying how sure they are) "
    "with a note saying why; "
    "an ellipsis opening or closing a paragraph is a cut of the source's editor (choice: the ellipsis as printed in orig, gap reason omitted resp ed:website in reg)."
)

USUAL_LABEL = re.compile(r"^(?P<label>(?:THE |MR\.? |MRS\.? )?[A-Z][A-Z’'\-]*(?: [A-Z][A-Z’'\-]+)*:)(?P<rest>.*)$",
                         re.DOTALL)
DIRECTION = r"(?: \([a-z][^()\n]{0,40}\))?"  # 'President (interrupting):'
OTHER_LABELS = (
    # 'VYSHINSKY. Speech' — upper case, full stop; indented as typescripts set it
    re.compile(r"^(?P<label>[ \t]*(?:THE |MR\. |MRS\. )?[A-Z][A-Z’'\-]{2,}(?: [A-Z][A-Z’'\-]{2,})*\.)"
               r"(?P<rest>(?: |\n)\S.*|  +\S.*)$", re.DOTALL),
    # 'The President: Speech', 'Chief Prosecutor Dr. Werner: …' — title case, colon, few words
    re.compile(r"^(?P<label>(?:The |Mr\.? |Mrs\.? |Dr\.? |Comrade |Citizen )?[A-Z][a-z’'\-]+"
               r"(?: (?:Dr\.|Mr\.|[A-Z][a-z’'\-]+)){0,3}" + DIRECTION + r":)"
               r"(?P<rest> \S.*)$", re.DOTALL),
)
ADDRESSED = re.compile(r"\bAccused (?P<name>[A-Z][a-z’'\-]+)")
CERTAINTIES = ("high", "medium", "low")
OMISSION = re.compile(r"^…(?= )|(?<= )…(?=\.?$)|(?<=\S)…(?=\.$)")


@dataclass
class Part:
    first: int
    last: int
    type: str
    speaker: str = ""
    reason: str = ""
    cert: str = "medium"


@dataclass
class Participant:
    ident: str
    name: str
    role: str = ""
    note: str = ""
    labels: list[str] = field(default_factory=list)
    review: bool = False
    person: str = ""  # the person of the register (per:ID), where the manifest says who it is


def participant_id(label: str) -> str:
    """Derive a participant's id from a label: 'THE PRESIDENT:' -> 'president'."""
    name = re.sub(r" \([^()]*\)", "", label.rstrip(":.")).strip()
    name = re.sub(r"^(THE|MR\.?|MRS\.?|COMRADE|CITIZEN) ", "", name, flags=re.IGNORECASE)
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def omission_recognizer() -> Recognizer:
    """An ellipsis opening or closing a paragraph: a cut made by the source's editor."""
    def build(match: re.Match, ctx: Context) -> etree._Element:
        return omission(match.group(0), "website")

    return Recognizer("omission", OMISSION, build)


RECOGNIZERS = (omission_recognizer(),)


def encode(blocks: list[Block], ctx: Context) -> etree._Element:
    """Return the text element of a transcript, and declare its participants."""
    parts = _parts(ctx)
    participants = _declared(ctx)
    _addressed(blocks, participants)
    text = element("text")
    body = sub(text, "body")
    top = sub(body, "div", {"xml:id": ctx.new_id("div"), "type": ctx.source.genre})
    if blocks:
        title, rest = split_heading(blocks[0])
        if title is None and _is_title_line(blocks[0]):
            title, rest = blocks[0].text, None
        if title is not None and rest is None and (not _label(blocks[0].text) or _is_title_line(blocks[0])):
            heading(top, title, ctx)
            blocks = blocks[1:]
    for part, run in _runs_by_part(blocks, parts):
        div = sub(top, "div", {"xml:id": ctx.new_id("div"), "type": part.type})
        if part.speaker:
            _attributed_turn(div, run, part, ctx, participants)
        else:
            _dialogue(div, run, ctx, participants)
    if participants:
        ctx.profile_desc.append(participant_list(participants.values()))
    return text


def _is_title_line(block: Block) -> bool:
    """A first line 'Author: Work title' (no sentence after the colon) is the record's title,
    not a turn: 'Bolshevik Writers: Georgi Dimitrov'."""
    found = _label(block.text)
    if len(block.lines) != 1 or not found or found[1]:
        return False
    rest = found[0]["rest"].strip()
    return bool(rest) and not re.search(r"[.!?…:;]", rest) and len(rest.split()) <= 8 and rest[0].isupper()


def _parts(ctx: Context) -> list[Part]:
    parts = []
    for raw in ctx.source.options.get("parts", []):
        try:
            first, last = raw["lines"]
            parts.append(Part(first, last, raw["type"], raw.get("speaker", ""), raw.get("reason", ""),
                              raw.get("cert", "medium")))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConversionError(
                f"source '{ctx.source.id}': a transcript part needs lines = [first, last] and type ({raw!r})"
            ) from exc
        if parts[-1].speaker and not parts[-1].reason:
            raise ConversionError(
                f"source '{ctx.source.id}': the part at lines {first}–{last} attributes its text to "
                f"{parts[-1].speaker} but gives no reason; an attribution the text does not print needs one"
            )
        if parts[-1].cert not in CERTAINTIES:
            raise ConversionError(
                f"source '{ctx.source.id}': the part at lines {first}–{last} gives cert = {parts[-1].cert!r}; "
                f"write one of {', '.join(CERTAINTIES)} (how sure the editors are of the speaker)"
            )
    return parts


def attributed_sp(parent: etree._Element, who: str, cert: str, reason: str, ctx: Context) -> etree._Element:
    """A turn the editors attribute: resp and cert on the sp, a certainty on @who, their note."""
    sp = sub(parent, "sp", {"xml:id": ctx.new_id("sp"), "who": f"#{who}", "resp": "ed:editors", "cert": cert})
    sub(sp, "certainty", {"cert": cert, "locus": "value", "match": "@who", "resp": "ed:editors"})
    sub(sp, "note", {"xml:id": ctx.new_id("attribution"), "type": "attribution", "resp": "ed:editors"}, reason)
    return sp


def _declared(ctx: Context) -> dict[str, Participant]:
    participants: dict[str, Participant] = {}
    for raw in ctx.source.options.get("participants", []):
        try:
            participants[raw["id"]] = Participant(raw["id"], raw["name"], raw.get("role", ""), raw.get("note", ""),
                                                  person=raw.get("person", ""))
        except KeyError as exc:
            raise ConversionError(f"source '{ctx.source.id}': a participant needs id and name ({raw!r})") from exc
    return participants


def _addressed(blocks: list[Block], participants: dict[str, Participant]) -> None:
    """Declare the accused whom the court addresses by name."""
    for block in blocks:
        for match in ADDRESSED.finditer(block.text):
            ident = participant_id(match["name"])
            participants.setdefault(ident, Participant(ident, match["name"], "accused"))


def _label(text: str) -> tuple[re.Match, bool] | None:
    """Return (match, usual form?) when the block opens with a speaker label."""
    match = USUAL_LABEL.match(text)
    if match and (match["rest"].startswith(" ") and match["rest"].strip() or not match["rest"].strip()
                  or match["rest"].startswith("\n")):
        return match, True
    for pattern in OTHER_LABELS:
        match = pattern.match(text)
        if match:
            return match, False
    return None


def _runs_by_part(blocks: list[Block], parts: list[Part]):
    """Group consecutive blocks by the declared part they fall in."""
    runs: list[tuple[Part, list[Block]]] = []
    for block in blocks:
        part = next((p for p in parts if p.first <= block.first_line <= p.last), None)
        if part is None:
            if runs and runs[-1][0] not in parts:
                part = runs[-1][0]
            else:
                part = Part(block.first_line, block.first_line, "proceedings")
        if runs and runs[-1][0] is part:
            runs[-1][1].append(block)
        else:
            runs.append((part, [block]))
    return runs


def _participant(label: str, usual: bool, line: int, ctx: Context,
                 participants: dict[str, Participant]) -> Participant:
    ident = participant_id(label)
    if not usual:
        ctx.warn(line, f"speaker label {label!r} is not in the record's usual form (UPPER CASE with a colon); "
                       "encoded as a turn, check it")
    person = participants.get(ident)
    if person is None:
        ctx.warn(line, f"speaker label {label!r} matches no declared participant; declared as a new "
                       "participant, flagged for review")
        person = participants[ident] = Participant(ident, label.rstrip(":.").strip(), review=True)
    if label not in person.labels:
        person.labels.append(label)
    return person


def _dialogue(div: etree._Element, run: list[Block], ctx: Context,
              participants: dict[str, Participant]) -> None:
    """Turns, the paragraphs that continue them, and the headings of the record's parts
    (a heading opens a division of its own)."""
    previous: Participant | None = None
    container = div
    before = ""
    for block in run:
        found = _label(block.text)
        title, rest = (None, block) if found or before.endswith((":", ",")) else split_heading(block, True)
        before = block.text.rstrip()
        if title is not None:
            container = sub(div, "div", {"xml:id": ctx.new_id("div"), "type": "proceedings"})
            heading(container, title, ctx)
            previous = None
            if rest is None:
                continue
            block, found = rest, _label(rest.text)
        if found is None:
            if previous is None:
                paragraph(container, block, ctx)
                continue
            sp = attributed_sp(container, previous.ident, "medium",
                               f"An unlabelled paragraph of the record; it continues the turn of {previous.name}.", ctx)
            paragraph(sp, block, ctx)
            continue
        match, usual = found
        previous = _participant(match["label"], usual, block.first_line, ctx, participants)
        _turn(container, match, block, ctx, previous)


def _turn(div: etree._Element, match: re.Match, block: Block, ctx: Context, person: Participant) -> None:
    sp = sub(div, "sp", {"xml:id": ctx.new_id("sp"), "who": f"#{person.ident}"})
    speaker = sub(sp, "speaker", text=match["label"])
    rest = match["rest"]
    if rest.startswith(" "):
        rest = rest[1:]  # the one space between label and speech (see the encoding declaration)
        if rest.startswith(" "):  # more spaces are the source's: they stay with the label
            spaces = len(rest) - len(rest.lstrip(" "))
            speaker.text += rest[:spaces]
            rest = rest[spaces:]
    elif rest.startswith("\n"):
        append_text(speaker, "\n")  # the label stands on a line of its own
        rest = rest[1:]
    if not rest.strip():
        ctx.warn(block.first_line, f"the turn of {match['label']!r} has no text")
        sub(sp, "ab", {"type": "empty-turn", "resp": "ed:editors"})
        return
    p = sub(sp, "p", {"xml:id": ctx.new_id("p")})
    fill(p, rest, ctx)


def _attributed_turn(div: etree._Element, run: list[Block], part: Part, ctx: Context,
                     participants: dict[str, Participant]) -> None:
    person = participants.get(participant_id(part.speaker))
    if person is None:
        person = _participant(part.speaker, True, run[0].first_line, ctx, participants)
    sp = attributed_sp(div, person.ident, part.cert, part.reason, ctx)
    for block in run:
        if _label(block.text):
            ctx.warn(block.first_line, f"a labelled turn inside the part attributed to {part.speaker}")
        paragraph(sp, block, ctx)


def participant_list(participants) -> etree._Element:
    """Return the particDesc that declares every participant of the transcript."""
    partic = element("particDesc")
    people = sub(partic, "listPerson")
    for person in participants:
        attrs = {"xml:id": person.ident}
        if person.role:
            attrs["role"] = person.role
        if person.person:
            attrs["corresp"] = f"per:{person.person}"
        el = sub(people, "person", attrs)
        sub(el, "persName", text=person.name)
        for label in person.labels:
            sub(el, "persName", {"type": "label"}, label.rstrip(":.").strip())
        if person.note:
            sub(el, "note", text=person.note)
        if person.review:
            sub(el, "note", {"type": "review", "resp": "ed:editors"},
                "Declared from a speaker label that matches no known participant: to be reviewed.")
    return partic
