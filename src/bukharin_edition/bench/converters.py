"""The converters scored on texts they have never seen: bench/corpus/ and its answer keys.

Each text of bench/corpus/<slug>.txt is encoded as `edition new-source --dry-run` encodes it
(the profile guessed from the text, the edition's register and date rules applied), and what the
TEI says is compared with the hand-made key <slug>.key.toml (see bench/corpus/README.md):

  heading      head elements                       (line, text)
  speaker      speaker labels of turns             (line, text)
  marker       note markers                        (line, text, number)
  note         notes of the notes section          (line, number)
  note hand    the hand of each note               (line, number, hand)
  date         date expressions                    (line, text)
  date value   their ISO values                    (line, text, values)
  person       person names, whole as printed      (line, text)
  profile      the guessed profile against the key's

A feature is found where the TEI has an element of it on the same line with the same text.
Precision is found-and-in-the-key over found, recall over the key.
"""
from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..fidelity import diplomatic_lines, is_editorial
from ..tei import TEI_NS

FEATURES = ("heading", "speaker", "marker", "note", "note hand", "date", "date value", "person")
HANDS = {"website": "editor", "editors": "editor"}
DATE_KEYS = ("when", "from", "to", "notBefore", "notAfter")
SENTINEL = 0xF0000  # private-use code points mark where each feature element starts


@dataclass
class Score:
    """Counts of one feature: found in the key, found but not in the key, in the key but missed."""

    hits: int = 0
    false: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.hits + len(self.false)
        return self.hits / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.hits + len(self.missed)
        return self.hits / expected if expected else 1.0

    def add(self, other: "Score") -> None:
        self.hits += other.hits
        self.false += other.false
        self.missed += other.missed


def located_features(root: etree._Element, source_lines: list[tuple[int, str]]) -> dict[str, list[tuple]]:
    """The features the TEI encodes, each with the seed line where it starts."""
    text = root.find(f"{{{TEI_NS}}}text")
    wanted = [el for el in text.iter(f"{{{TEI_NS}}}head", f"{{{TEI_NS}}}speaker", f"{{{TEI_NS}}}ref",
                                     f"{{{TEI_NS}}}note", f"{{{TEI_NS}}}date", f"{{{TEI_NS}}}persName")
              if not _in_editorial(el)]
    facts = [(el, _plain(el)) for el in wanted]
    marked = [_first_text_holder(el) for el, _ in facts]
    for index, holder in enumerate(marked):  # mark each element's start, then read the lines
        holder.text = chr(SENTINEL + index) + (holder.text or "")
    numbers = [number for number, line in source_lines if line.strip()]
    starts: dict[int, int] = {}
    for position, line in enumerate(diplomatic_lines(root)):
        for char in line.text:
            if ord(char) >= SENTINEL:
                starts[ord(char) - SENTINEL] = numbers[min(position, len(numbers) - 1)]
    for holder in marked:
        holder.text = holder.text[1:] or None
    found: dict[str, list[tuple]] = {name: [] for name in FEATURES}
    for index, (el, plain) in enumerate(facts):
        line = starts.get(index)
        if line is None:
            continue
        name = etree.QName(el).localname
        if name == "head":
            found["heading"].append((line, plain))
        elif name == "speaker":
            found["speaker"].append((line, plain))
        elif name == "ref" and el.get("type") == "noteref":
            found["marker"].append((line, plain, el.get("n")))
        elif name == "note" and el.get("place") == "end":
            found["note"].append((line, el.get("n")))
            found["note hand"].append((line, el.get("n"), HANDS.get(el.get("type"), el.get("type"))))
        elif name == "date":
            found["date"].append((line, plain))
            found["date value"].append((line, plain, _values(el.attrib)))
        elif name == "persName":
            found["person"].append((line, plain))
    return found


def _first_text_holder(el: etree._Element) -> etree._Element:
    """The element whose text starts the diplomatic text of el (a note's first paragraph)."""
    if etree.QName(el).localname == "note" and el.get("place") == "end" and len(el):
        return el[0]
    return el


def _in_editorial(el: etree._Element) -> bool:
    current = el
    while current is not None:
        if isinstance(current.tag, str) and is_editorial(current):
            return True
        current = current.getparent()
    return False


def _plain(el: etree._Element) -> str:
    from ..fidelity import inline_text
    return " ".join(inline_text(el).split())


def _values(attrs) -> tuple:
    return tuple((key, str(attrs[key])) for key in DATE_KEYS if attrs.get(key))


def key_features(key: dict) -> dict[str, list[tuple]]:
    """The features of an answer key, in the same shapes as `located_features`."""
    norm = lambda text: " ".join(str(text).split())  # noqa: E731
    expected: dict[str, list[tuple]] = {name: [] for name in FEATURES}
    for item in key.get("heading", []):
        expected["heading"].append((item["line"], norm(item["text"])))
    for item in key.get("speaker", []):
        expected["speaker"].append((item["line"], norm(item["text"])))
    for item in key.get("marker", []):
        expected["marker"].append((item["line"], norm(item["text"]), str(item["n"])))
    for item in key.get("note", []):
        expected["note"].append((item["line"], str(item["n"])))
        expected["note hand"].append((item["line"], str(item["n"]), item.get("hand", "author")))
    for item in key.get("date", []):
        expected["date"].append((item["line"], norm(item["text"])))
        expected["date value"].append((item["line"], norm(item["text"]), _values(item)))
    for item in key.get("person", []):
        expected["person"].append((item["line"], norm(item["text"])))
    return expected


def compare(found: list[tuple], expected: list[tuple], slug: str) -> Score:
    """Match found features with the key's, as multisets. A key's date without a year
    ("--08-19") is met by the year the converter resolved from the context ("1936-08-19")."""
    have, want = Counter(found), Counter(expected)
    both = have & want
    have, want = have - both, want - both
    for item in list(want.elements()):
        resolved = next((f for f in have.elements() if _resolves(f, item)), None)
        if resolved is not None:
            both[item] += 1
            have[resolved] -= 1
            want[item] -= 1
    have, want = +have, +want
    score = Score(hits=sum(both.values()))
    score.false = [f"{slug}:{item[0]}: {item[1:]}" for item in (have - want).elements()]
    score.missed = [f"{slug}:{item[0]}: {item[1:]}" for item in (want - have).elements()]
    return score


def _resolves(found: tuple, expected: tuple) -> bool:
    if len(found) != 3 or not isinstance(found[2], tuple) or found[:2] != expected[:2]:
        return False
    values, key = dict(found[2]), dict(expected[2])
    return set(values) == set(key) and all(
        v == k or k.startswith("--") and v.endswith(k[1:]) and len(v) == len(k) + 3 for name, k in key.items()
        for v in [values[name]])


@dataclass
class TextResult:
    slug: str
    kind: str
    profile: str
    reason: str
    scores: dict[str, Score]
    warnings: list[str]


def score_text(manifest, text_path: Path) -> TextResult:
    """Encode one corpus text as new-source would and score it against its key."""
    from ..convert.preview import encode_text

    key = tomllib.loads(text_path.with_suffix(".key.toml").read_text(encoding="utf-8"))
    slug = text_path.stem
    title = key.get("text", {}).get("title") or slug
    preview = encode_text(manifest, text_path.read_bytes(), _safe_id(slug), title)
    root = etree.fromstring(preview.converted.data)
    found = located_features(root, preview.manifest.lines_of(preview.source))
    expected = key_features(key)
    scores = {name: compare(found[name], expected[name], slug) for name in FEATURES}
    return TextResult(slug, key.get("text", {}).get("kind", ""), preview.profile, preview.reason,
                      scores, preview.converted.warnings)


def _safe_id(slug: str) -> str:
    ident = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")
    return ident if ident[:1].isalpha() else f"text-{ident}"


def score_corpus(manifest, corpus: Path) -> list[TextResult]:
    return [score_text(manifest, path) for path in sorted(Path(corpus).glob("*.txt"))]


def table(results: list[TextResult]) -> str:
    """The scores per feature, over the corpus and per profile, then the misses."""
    rows = ["| feature | profile | key | found | precision | recall |", "|---|---|---:|---:|---:|---:|"]
    by_kind: dict[str, list[TextResult]] = {}
    for result in results:
        by_kind.setdefault(result.kind, []).append(result)
    for name in FEATURES:
        for kind, group in [("all", results), *sorted(by_kind.items())]:
            total = Score()
            for result in group:
                total.add(result.scores[name])
            expected, found = total.hits + len(total.missed), total.hits + len(total.false)
            if kind != "all" and not expected and not found:
                continue
            rows.append(f"| {name} | {kind} | {expected} | {found} | {total.precision:.3f} | {total.recall:.3f} |")
    right = sum(r.profile == r.kind for r in results)
    rows.append(f"| profile | all | {len(results)} | {right} | {right / max(len(results), 1):.3f} | "
                f"{right / max(len(results), 1):.3f} |")
    return "\n".join(rows)


def misses(results: list[TextResult]) -> str:
    lines = []
    for result in results:
        if result.profile != result.kind:
            lines.append(f"{result.slug}: profile {result.profile} ({result.reason}), the key says {result.kind}")
        for name in FEATURES:
            score = result.scores[name]
            lines += [f"{name}: false  {item}" for item in score.false]
            lines += [f"{name}: missed {item}" for item in score.missed]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    from ..convert import PROFILES
    from ..manifest import load_manifest
    from ..project import Project

    parser = argparse.ArgumentParser(description="Score the converters on the development corpus.")
    parser.add_argument("--corpus", type=Path, default=None, help="folder of <slug>.txt and <slug>.key.toml")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this JSON file")
    parser.add_argument("--no-misses", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    project = Project(Path(__file__).resolve().parents[3])
    corpus = args.corpus or project.root / "bench" / "corpus"
    manifest = load_manifest(project.manifest, profiles=PROFILES)
    results = score_corpus(manifest, corpus)
    print(f"{len(results)} texts of {corpus}")
    print(table(results))
    if not args.no_misses:
        print("\nMisses:")
        print(misses(results) or "none")
    if args.json:
        figures = {name: {"precision": _total(results, name).precision, "recall": _total(results, name).recall}
                   for name in FEATURES}
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


def _total(results: list[TextResult], name: str) -> Score:
    total = Score()
    for result in results:
        total.add(result.scores[name])
    return total
