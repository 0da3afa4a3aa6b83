"""What the last build saw: content hashes of its inputs, kept in edition/.build-state.json.

A build's work is a set of tasks: one per builder and source (a page, a copy) and one per
builder for the outputs that depend on every source (the index, the assets). Each task
declares the inputs it depends on as keys (`tei:<id>`, `xslt`, `person:<ref>`, …); the state
records, for each task, one hash of its keys' hashes when it last succeeded. A task whose keys
all hash the same and whose outputs are on disk is up to date and is skipped.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..tei import write_atomic

STATE_NAME = ".build-state.json"
VERSION = 4


def digest(data: bytes) -> str:
    """The content hash the state records (SHA-256, hex)."""
    return hashlib.sha256(data).hexdigest()


def tree_digest(folder: Path) -> str:
    """One hash for every file under a folder (names and contents), hidden files left out."""
    folder = Path(folder)
    hasher = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and not any(part.startswith(".") for part in relative.split("/")):
                hasher.update(relative.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


@dataclass
class Facts:
    """What a build learnt from one TEI file, valid while the file's hash is `sha`."""

    sha: str
    stamp: str = ""  # modification time (ns) and size when hashed: unchanged, the file is not read
    header: str = ""  # hash of the teiHeader: the index depends on it, not on the text
    title: str = ""  # the title of its titleStmt (the pages that name other sources show it)
    persons: list[str] = field(default_factory=list)  # per: ids the file points at
    order: int = 10**9  # first line in the received file: the index's order
    checked: str = ""  # hash of (schema, shared files, siblings) under which the file was valid
    siblings: list[str] = field(default_factory=list)  # other TEI files its pointers name (rules read them)


@dataclass
class State:
    """The state file of one edition/ folder."""

    path: Path
    files: dict[str, Facts] = field(default_factory=dict)
    tasks: dict[str, str] = field(default_factory=dict)  # task → hash of its inputs' hashes
    persons: dict[str, object] = field(default_factory=dict)  # {"sha": …, "digests": {ref: hash}}
    facts: dict[str, str] = field(default_factory=dict)  # "<reduction>:<id>" → hash of its facts file
    # The per-source tasks all at once: one hash of everything their inputs are made of, their
    # count and the modification times of their outputs' folders, when the last build left
    # every one of them up to date ({} otherwise). Unchanged, none of them is checked.
    plan: dict[str, object] = field(default_factory=dict)
    read: bytes = field(default=b"", repr=False, compare=False)  # the file as loaded or last saved

    @classmethod
    def load(cls, out_dir: Path) -> "State":
        """Read the state of out_dir; a missing, unreadable or older state means a full build."""
        path = Path(out_dir) / STATE_NAME
        try:
            read = path.read_bytes()
            raw = json.loads(read)
            if raw.get("version") != VERSION:
                raise ValueError("another version")
            files = {name: Facts(**facts) for name, facts in raw.get("files", {}).items()}
            return cls(path, files, dict(raw.get("tasks", {})), dict(raw.get("persons", {})),
                       dict(raw.get("facts", {})), dict(raw.get("plan", {})), read)
        except (OSError, ValueError, TypeError, AttributeError):
            return cls(path)

    def save(self) -> None:
        """Write the state atomically (an interrupted build leaves the previous state), unless
        it is the state on disk: a build with nothing to do writes nothing."""
        # vars(), not asdict(): asdict deep-copies every list, a second at 10,000 files
        data = {"version": VERSION, "files": {k: vars(v) for k, v in sorted(self.files.items())},
                "tasks": dict(sorted(self.tasks.items())), "persons": self.persons,
                "facts": dict(sorted(self.facts.items())), "plan": self.plan}
        # one line: json's C encoder (an indented dump is Python's, ten times slower)
        encoded = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if encoded != self.read or not self.path.is_file():
            write_atomic(self.path, encoded)
            self.read = encoded

    def record(self, task: str, inputs: dict[str, str]) -> None:
        """Remember that the task ran with these inputs (one hash of them all: the state of
        an edition of 10,000 documents stays a few megabytes)."""
        self.tasks[task] = inputs_digest(inputs)

    def up_to_date(self, task: str, inputs: dict[str, str], outputs: list[Path]) -> bool:
        """Whether the task ran with exactly these inputs and its outputs are still on disk."""
        return self.tasks.get(task) == inputs_digest(inputs) and all(path.is_file() for path in outputs)


def inputs_digest(inputs: dict[str, str]) -> str:
    """One hash of a task's inputs: its keys (which hold no NUL) and their hashes, in order."""
    return digest("\0".join(f"{key}\0{value}" for key, value in sorted(inputs.items())).encode("utf-8"))
