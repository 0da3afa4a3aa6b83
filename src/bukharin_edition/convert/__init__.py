"""Encode the sources of the manifest as TEI: one file per source plus the shared file."""
from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from lxml import etree

from ..errors import ConversionError
from ..manifest import Manifest, Source
from ..tei import TEI_NS, new_document, serialize, write_atomic
from . import brackets, collection, corrections, dates, foreign, mia, notes, parallels, persons, prose, quotations, titles, transcript
from .blocks import split_blocks
from .context import Context
from .inline import DataRecognizer, Recognizer
from .header import PERSONS_FILE, SHARED_FILE, build_header, creation_from_front
from .shared import build_shared

PROFILES: dict[str, ModuleType] = {
    module.NAME: module for module in (prose, transcript, mia, collection)
}

# Recognizers every profile applies to its text, after the profile's own (module.RECOGNIZERS).
# A DataRecognizer is bound to the manifest's data files (seeds/*.toml) when a source is encoded.
COMMON_RECOGNIZERS: tuple[Recognizer | DataRecognizer, ...] = (
    # titles before persons and dates: a title that begins with a name or a year is one title
    brackets.RECOGNIZER, brackets.INSERTION_RECOGNIZER, titles.RECOGNIZER, foreign.RECOGNIZER,
    persons.RECOGNIZER, dates.RECOGNIZER,
    DataRecognizer("quotations", lambda manifest: quotations.recognizer(persons.gazetteer_for(manifest).find_persons)),
)


@dataclass
class Converted:
    """A TEI document made from a source, and what its profile had to say about it."""

    path: Path
    root: etree._Element
    warnings: list[str] = field(default_factory=list)
    block_ids: dict[int, str] = field(default_factory=dict)

    @property
    def data(self) -> bytes:
        """The document in the edition's canonical layout."""
        return serialize(self.root)


def encode_source(manifest: Manifest, source: Source,
                  corrections_list: list[corrections.Correction] | None = None) -> Converted:
    """Encode one source as a TEI document (bytes in the canonical layout)."""
    profile = PROFILES.get(source.profile)
    if profile is None:
        raise ConversionError(
            f"source '{source.id}': unknown profile '{source.profile}' (known: {', '.join(sorted(PROFILES))})"
        )
    if corrections_list is None:
        corrections_list = corrections.load_corrections(manifest.path.parent / corrections.CORRECTIONS_FILE)
    ours = [c for c in corrections_list if c.source == source.id]
    correcting = corrections.recognizer(ours)
    ctx = Context(source, recognizers=(
        *((correcting,) if correcting else ()),
        *(r.bind(manifest) if isinstance(r, DataRecognizer) else r
          for r in (*getattr(profile, "RECOGNIZERS", ()), *COMMON_RECOGNIZERS)),
    ))
    blocks = split_blocks(manifest.lines_of(source))
    whole = "\n".join(block.text for block in blocks)
    for recognizer in ctx.recognizers:  # recognizers that learn from the whole source
        if hasattr(recognizer.pattern, "prepare"):
            recognizer.pattern.prepare(whole)
    for block in blocks:
        brackets.lint(block, ctx)
    if getattr(profile, "ENCODES_NOTES", False):
        text = profile.encode(blocks, ctx)
    else:  # the front matter, the notes section and its markers, the same in every profile
        front_blocks, blocks = _front_matter(blocks)
        blocks, section = notes.split_notes(blocks)
        markers = notes.install_markers(ctx, section)
        front = mia.encode_front(front_blocks, ctx) if front_blocks else None
        text = profile.encode(blocks, ctx)
        if front is not None:
            text.insert(0, front)
        lines = notes.encode_notes(text, section, ctx, _note_paragraphs) if section else {}
        markers.place_missing(text)
        markers.report_unmarked(lines)
    corrections.check_applied(ours, ctx, dict(manifest.lines_of(source)))
    root = new_document(source.id, source.language)
    header = build_header(manifest, source, profile.DESCRIPTION)
    creation_from_front(header, text)
    profile_desc = header.find(f"{{{TEI_NS}}}profileDesc")
    for part in ctx.profile_desc:
        profile_desc.append(part)
    root.append(header)
    root.append(text)
    persons.link_participants(root, persons.gazetteer_for(manifest))
    return Converted(Path(f"{source.id}.xml"), root, ctx.warnings, ctx.block_ids)


def _front_matter(blocks):
    """An archive page's title and provenance lines ("Source: …", "Recorded: …") open the text:
    they are its front matter, whatever the profile."""
    front, rest = mia._split_front(blocks)
    if not any(mia.PROVENANCE.match(block.text) for block in front):
        return [], blocks
    return front, rest


def _note_paragraphs(note: etree._Element, blocks, ctx: Context) -> None:
    """A note's paragraphs after its first."""
    from .structure import paragraph
    for block in blocks[1:]:
        paragraph(note, block, ctx)


def encode_shared(manifest: Manifest) -> Converted:
    """Encode the shared declarations file."""
    return Converted(Path(SHARED_FILE), build_shared(manifest))


def encode_persons(manifest: Manifest, sources: list[Converted]) -> Converted:
    """Encode the person register, warning of entries and forms the sources never use."""
    gazetteer = persons.gazetteer_for(manifest)
    mentions = persons.mention_counts([document.root for document in sources])
    texts = ["\n".join(text for _, text in manifest.lines_of(source)) for source in manifest.sources]
    texts += persons.header_texts([document.root for document in sources])
    warnings = persons.register_warnings(gazetteer, mentions, persons.form_counts(gazetteer, texts))
    return Converted(Path(PERSONS_FILE), persons.build_register(gazetteer, manifest), warnings)


def encode_all(manifest: Manifest, only: list[str] | None = None) -> list[Converted]:
    """Encode the shared file, the sources (all, or those named) and the person register."""
    wanted = manifest.sources if not only else [manifest.source(name) for name in only]
    known = corrections.load_corrections(manifest.path.parent / corrections.CORRECTIONS_FILE)
    unknown = sorted({c.source for c in known} - {s.id for s in manifest.sources})
    if unknown:
        raise ConversionError(f"{corrections.CORRECTIONS_FILE}: corrections for unknown sources: {', '.join(unknown)}")
    # Sources whose passages recur in the wanted ones are encoded too, to link them both ways.
    partners = {s.options.get("parallels_in") for s in wanted} | {
        s.id for s in manifest.sources if s.options.get("parallels_in") in {w.id for w in wanted}}
    needed = [s for s in manifest.sources if s in wanted or s.id in partners]
    encoded = {source.id: encode_source(manifest, source, known) for source in needed}
    parallels.link({k: v.root for k, v in encoded.items()}, {k: v.block_ids for k, v in encoded.items()},
                   manifest)
    documents = [encode_shared(manifest)] if not only else []
    documents += [encoded[source.id] for source in wanted]
    if not only and persons.gazetteer_for(manifest).persons:
        documents.append(encode_persons(manifest, [encoded[source.id] for source in wanted]))
    return documents


@dataclass
class Outcome:
    """What `write_documents` did with one file."""

    path: Path
    action: str  # written, unchanged, differs, overwritten, refused
    diff: str = ""


def write_documents(documents: list[Converted], tei_dir: Path, force: bool = False,
                    with_diff: bool = False, allow_dirty: bool = False, writer=write_atomic) -> list[Outcome]:
    """Write documents into tei_dir; a file that differs is left alone unless forced.

    Every document is encoded before this is called, so an error in one source leaves
    every file as it was. Forced, a file with uncommitted changes is still refused unless
    allow_dirty; a file outside version control is backed up beside itself first.
    """
    outcomes = []
    for document in documents:
        target = tei_dir / document.path
        if not target.exists():
            writer(target, document.data)
            outcomes.append(Outcome(target, "written"))
            continue
        current = target.read_bytes()
        if current == document.data:
            outcomes.append(Outcome(target, "unchanged"))
            continue
        diff = _diff(current, document.data, target) if with_diff else ""
        if not force:
            outcomes.append(Outcome(target, "differs", diff))
        elif _unsaved_work(target) and not allow_dirty:
            outcomes.append(Outcome(target, "refused", diff))
        else:
            _keep_backup(target, writer)
            writer(target, document.data)
            outcomes.append(Outcome(target, "overwritten", diff))
    return outcomes


def _unsaved_work(path: Path) -> bool:
    """Say whether the file holds changes that version control does not have."""
    try:
        result = subprocess.run(["git", "status", "--porcelain", "--", path.name], cwd=path.parent,
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and bool(result.stdout.strip())


def _keep_backup(path: Path, writer=write_atomic) -> None:
    """Outside version control, keep the file's previous content beside it (<name>~)."""
    try:
        tracked = subprocess.run(["git", "ls-files", "--error-unmatch", "--", path.name], cwd=path.parent,
                                 capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        tracked = False
    if not tracked:
        writer(path.with_name(path.name + "~"), path.read_bytes())


def _diff(current: bytes, new: bytes, target: Path) -> str:
    lines = difflib.unified_diff(
        current.decode("utf-8", "replace").splitlines(keepends=True),
        new.decode("utf-8").splitlines(keepends=True),
        fromfile=f"{target} (on disk)",
        tofile=f"{target} (as convert would write it)",
    )
    return "".join(lines)
