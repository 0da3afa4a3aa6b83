"""Names the register does not know yet: found in tei/, proposed as new register entries.

The converters tag every person's name they recognise; a name that is not in the register is a
persName without @ref. `edition persons --candidates` lists them, one candidate a surname (its
forms together: "Karl Radek", "Radek"), with where each occurs; `--accept` appends them to
seeds/persons.toml as entries for the editors to review (role and dates to be supplied).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..fidelity import inline_text
from ..tei import TEI_NS, parse_tei
from . import names
from .persons import ID_PATTERN, load_gazetteer


@dataclass
class Candidate:
    """A person the sources name and the register lacks: the forms printed and where."""

    key: str
    forms: Counter = field(default_factory=Counter)
    places: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, context)

    @property
    def standard(self) -> str:
        """The fullest form: most words, then most frequent."""
        return max(self.forms, key=lambda form: (len(form.split()), self.forms[form], form))


def find_candidates(paths: list[Path]) -> list[Candidate]:
    """The unregistered names of these TEI files, grouped by surname."""
    found: dict[str, Candidate] = {}
    for path in paths:
        root = parse_tei(path).getroot()
        text = root.find(f"{{{TEI_NS}}}text")
        if text is None:
            continue
        for name in text.iter(f"{{{TEI_NS}}}persName"):
            if name.get("ref"):
                continue
            form = " ".join(inline_text(name).split())
            if not form:
                continue
            key = names.translit_key(form.split()[-1])
            candidate = found.setdefault(key, Candidate(key))
            candidate.forms[form] += 1
            candidate.places.append((path.name, name.sourceline or 0, _context(name)))
    return sorted(found.values(), key=lambda c: c.standard)


def _context(el) -> str:
    block = el.getparent()
    while block is not None and etree_local(block) not in ("p", "head", "item", "quote", "note"):
        block = block.getparent()
    text = " ".join(inline_text(block if block is not None else el).split())
    form = " ".join(inline_text(el).split())
    at = text.find(form)
    start = max(0, at - 40)
    return ("…" if start else "") + text[start:at + len(form) + 40] + ("…" if at + len(form) + 40 < len(text) else "")


def etree_local(el) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


PROPOSED = ("Proposed by edition persons --accept from the names the converters found; "
            "check the identification, the standard form and the role.")


def register_entries(candidates: list[Candidate], taken: set[str]) -> str:
    """The [[person]] tables that propose the candidates, with ids not already taken."""
    tables = []
    for candidate in candidates:
        base = re.sub(r"[^a-z0-9]+", "-", names.translit_key(candidate.standard.split()[-1])).strip("-") or "person"
        if not base[0].isalpha():
            base = f"person-{base}"
        ident, number = base, 1
        while ident in taken or not ID_PATTERN.match(ident):
            number += 1
            ident = f"{base}-{number}"
        taken.add(ident)
        forms = sorted(candidate.forms, key=lambda f: (-len(f), f))
        where = ", ".join(sorted({file for file, _, _ in candidate.places}))
        tables.append("\n".join([
            "", "[[person]]", f"id = {_string(ident)}", f"standard = {_string(candidate.standard)}",
            "forms = [" + ", ".join(_string(f) for f in forms) + "]",
            f"role = {_string('To be reviewed: a person named in ' + where)}",
            f"note = {_string(PROPOSED)}",
        ]))
    return "\n".join(tables) + "\n"


def _string(text: str) -> str:
    import json
    return json.dumps(text, ensure_ascii=False)


def accept(register: Path, candidates: list[Candidate]) -> int:
    """Append the candidates to the register, checked first; nothing is written if it fails."""
    from ..tei import write_atomic

    old = register.read_text(encoding="utf-8") if register.exists() else ""
    taken = set(re.findall(r'^id\s*=\s*"([^"]+)"', old, flags=re.MULTILINE))
    known = {f for f in re.findall(r'"([^"\n]+)"', old)}
    fresh = [c for c in candidates if not any(form in known for form in c.forms)]
    if not fresh:
        return 0
    new = old.rstrip("\n") + "\n" + register_entries(fresh, taken)
    trial = register.with_name(f".{register.name}.new")
    trial.write_text(new, encoding="utf-8")
    try:
        load_gazetteer(trial)  # refuses a register with a problem, naming its line
    finally:
        trial.unlink(missing_ok=True)
    write_atomic(register, new.encode("utf-8"))
    return len(fresh)
