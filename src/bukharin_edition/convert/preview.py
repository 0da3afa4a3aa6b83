"""A new text encoded in memory, as `edition new-source` would encode it, with nothing written.

The text joins the edition's manifest as a received file of its own, so the edition's register,
date rules and corrections apply to it exactly as they will once it is added.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..manifest import Manifest, Seed, Source, read_seed_lines
from . import Converted, encode_source
from .guess import guess_profile


@dataclass
class Preview:
    """A text's TEI, the profile it was encoded with and why that profile."""

    converted: Converted
    manifest: Manifest
    source: Source
    profile: str
    reason: str


def with_text(manifest: Manifest, data: bytes, source_id: str, title: str, **facts) -> tuple[Manifest, Source]:
    """The manifest with the text as one more received file and source (in memory only)."""
    name = f"{source_id}.txt"
    lines = read_seed_lines(data, Path(name))
    filled = [n for n, line in enumerate(lines, start=1) if line.strip()]
    first, last = (filled[0], filled[-1]) if filled else (1, 1)
    values = dict(id=source_id, first_line=first, last_line=last, title=title, language="en",
                  genre="essay", profile="prose", facts="Encoded for a preview.", added=dt.date.today(),
                  seed=name)
    values.update(facts)
    source = Source(**values)
    seed = Seed(Path(name), hashlib.sha256(data).hexdigest(), f"The text of {title}.", lines)
    grown = dataclasses.replace(manifest, sources=(*manifest.sources, source),
                                more_seeds={**manifest.more_seeds, name: seed})
    return grown, source


def encode_text(manifest: Manifest, data: bytes, source_id: str, title: str,
                profile: str | None = None, **facts) -> Preview:
    """Encode a text with the profile given, or the one its content suggests."""
    grown, source = with_text(manifest, data, source_id, title, **facts)
    if profile is None:
        profile, reason = guess_profile(grown.lines_of(source))
    else:
        reason = "as asked"
    source = dataclasses.replace(source, profile=profile)
    grown = dataclasses.replace(grown, sources=(*grown.sources[:-1], source))
    return Preview(encode_source(grown, source), grown, source, profile, reason)
