"""Profile 'transcript': records of proceedings with speaker labels ('THE PRESIDENT: …').

Options (manifest [source.options]):
  parts  list of {lines = [first, last], type = "…", speaker = "LABEL", reason = "…"}:
         each part becomes a div of that type; a part with a `speaker` is one turn of that
         participant, attributed by the editors (resp ed:editors) with `reason` as their note.
Blocks outside the declared parts form divisions of type 'proceedings'.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..errors import ConversionError
from ..tei import element, sub
from .blocks import Block
from .context import Context
from .inline import fill
from .structure import heading, paragraph, split_heading

NAME = "transcript"
DESCRIPTION = (
    "Encoded by the profile 'transcript': each labelled turn ('LABEL: speech') is an sp whose "
    "speaker holds the label as printed and whose who points at a participant declared in "
    "particDesc; parts without labels are divisions typed in the manifest; a turn whose speaker "
    "the text does not print is attributed by the editors (resp ed:editors) with a note saying why."
)

LABEL = re.compile(
    r"^(?P<label>(?:THE |MR\.? |MRS\.? )?[A-Z][A-Z’'\-]+(?: [A-Z][A-Z’'\-]+)*:) (?P<speech>\S.*)$",
    re.DOTALL,
)


@dataclass
class Part:
    first: int
    last: int
    type: str
    speaker: str = ""
    reason: str = ""


def participant_id(label: str) -> str:
    """Derive a participant's id from a label: 'THE PRESIDENT:' -> 'president'."""
    name = label.rstrip(":").strip()
    name = re.sub(r"^(THE|MR\.?|MRS\.?) ", "", name)
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def encode(blocks: list[Block], ctx: Context) -> etree._Element:
    """Return the text element of a transcript, and record its participants."""
    parts = _parts(ctx)
    text = element("text")
    body = sub(text, "body")
    top = sub(body, "div", {"xml:id": ctx.new_id("div"), "type": ctx.source.genre})
    participants: dict[str, str] = {}
    if blocks:
        title, rest = split_heading(blocks[0])
        if title is not None and rest is None:
            heading(top, title, ctx)
            blocks = blocks[1:]
    for part, run in _runs_by_part(blocks, parts):
        div = sub(top, "div", {"xml:id": ctx.new_id("div"), "type": part.type})
        if part.speaker:
            _attributed_turn(div, run, part, ctx, participants)
            continue
        for block in run:
            match = LABEL.match(block.text)
            if match:
                _turn(div, match, block, ctx, participants)
            else:
                paragraph(div, block, ctx)
    if participants:
        ctx.profile_desc.append(participant_list(participants))
    return text


def _parts(ctx: Context) -> list[Part]:
    parts = []
    for raw in ctx.source.options.get("parts", []):
        try:
            first, last = raw["lines"]
            parts.append(Part(first, last, raw["type"], raw.get("speaker", ""), raw.get("reason", "")))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConversionError(
                f"source '{ctx.source.id}': a transcript part needs lines = [first, last] and type ({raw!r})"
            ) from exc
        if parts[-1].speaker and not parts[-1].reason:
            raise ConversionError(
                f"source '{ctx.source.id}': the part at lines {first}–{last} attributes its text to "
                f"{parts[-1].speaker} but gives no reason; an attribution the text does not print needs one"
            )
    return parts


def _runs_by_part(blocks: list[Block], parts: list[Part]):
    """Group consecutive blocks by the declared part they fall in."""
    runs: list[tuple[Part, list[Block]]] = []
    for block in blocks:
        part = next((p for p in parts if p.first <= block.first_line <= p.last), None)
        if part is None:
            part = Part(block.first_line, block.first_line, "proceedings")
            if runs and runs[-1][0].type == "proceedings" and runs[-1][0] not in parts:
                part = runs[-1][0]
        if runs and runs[-1][0] is part:
            runs[-1][1].append(block)
        else:
            runs.append((part, [block]))
    return runs


def _declare(participants: dict[str, str], label: str) -> str:
    ident = participant_id(label)
    participants.setdefault(ident, label.rstrip(":").strip())
    return ident


def _turn(div: etree._Element, match: re.Match, block: Block, ctx: Context,
          participants: dict[str, str]) -> None:
    ident = _declare(participants, match["label"])
    sp = sub(div, "sp", {"xml:id": ctx.new_id("sp"), "who": f"#{ident}"})
    sub(sp, "speaker", text=match["label"])
    p = sub(sp, "p", {"xml:id": ctx.new_id("p")})
    fill(p, match["speech"], ctx)


def _attributed_turn(div: etree._Element, run: list[Block], part: Part, ctx: Context,
                     participants: dict[str, str]) -> None:
    ident = _declare(participants, part.speaker)
    sp = sub(div, "sp", {"xml:id": ctx.new_id("sp"), "who": f"#{ident}", "resp": "ed:editors"})
    sub(sp, "note", {"xml:id": ctx.new_id("note"), "type": "attribution", "resp": "ed:editors"},
        part.reason)
    for block in run:
        if LABEL.match(block.text):
            ctx.warn(block.first_line, f"a labelled turn inside the part attributed to {part.speaker}")
        paragraph(sp, block, ctx)


def participant_list(participants: dict[str, str]) -> etree._Element:
    """Return the particDesc that declares every participant of the transcript."""
    partic = element("particDesc")
    people = sub(partic, "listPerson")
    for ident, label in participants.items():
        person = sub(people, "person", {"xml:id": ident})
        sub(person, "persName", {"type": "label"}, label)
    return partic
