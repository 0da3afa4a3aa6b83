"""Commands that write the scholars' files run as transactions: all of it, or nothing.

A transaction works in a staging folder of the project (`.edition-staging/<command>-<pid>/`):
a copy of seeds/ and tei/, the published edition/ (hard links: every writer of the edition
replaces a file by renaming a new one over it, so the originals are never written through a
link), and the stylesheets and schema as links to the real ones. The command does its whole
work there, checks it, and only then commits: a journal listing each file to move is written
and flushed (the commit point), the files are renamed into place, the folders flushed, and the
staging folder removed. Before the commit point nothing of the project has changed; after it
the moves are finished by whoever gets there first. An error, Ctrl-C or SIGTERM rolls back
(the staging folder is removed); after a kill -9 or a power loss the next command of the
edition finds the leftover and rolls it back (no journal) or forward (a journal).

One transaction at a time: the project's lock (`.edition-staging/lock`) is held throughout.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import signal
from pathlib import Path

from .errors import EditionError
from .project import Project
from .tei import fsync_dir

STAGING = ".edition-staging"
JOURNAL = "commit.json"
SCHOLARS = ("seeds", "tei")  # the sources of truth: copied, compared, moved file by file
GENERATED = "edition"  # swapped whole
LINKED = ("schema", "xslt")  # read only during a transaction


class Interrupted(EditionError):
    """The command was stopped by a signal; nothing was changed."""


def _lock(root: Path, wait: bool) -> int | None:
    """Take the project's lock; None if another process holds it and `wait` is false."""
    folder = root / STAGING
    folder.mkdir(exist_ok=True)
    fd = os.open(folder / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def _unlock(fd: int) -> None:
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def recover(root: Path, echo=None) -> list[str]:
    """Finish or undo what an interrupted command left in the staging folder; say what was done.

    A leftover without a journal had changed nothing: it is removed. One with a journal had
    passed its commit point: its moves are finished. A leftover of a command still running (its
    lock held) is left alone.
    """
    root = Path(root)
    folder = root / STAGING
    halves = _half_written(root)
    if not halves and (not folder.is_dir() or not any(p.is_dir() for p in folder.iterdir())):
        return []
    try:
        fd = _lock(root, wait=False)
    except OSError:
        return []  # a read-only project: nothing to recover here, and nothing will be written
    if fd is None:
        return []
    try:
        done = [_recover_one(root, staged) for staged in sorted(folder.iterdir()) if staged.is_dir()]
        for half in _half_written(root):
            half.unlink(missing_ok=True)
            done.append(f"{half.relative_to(root)}: a file half written by an interrupted command "
                        "(never renamed into place: the file it was for is whole) was removed")
    finally:
        _unlock(fd)
    for line in done:
        if echo:
            echo(line)
    return done


_TEMPORARY = re.compile(r"^\.(?P<name>.+\.(?:xml|toml|txt))\.[A-Za-z0-9_]{8}\.tmp$")


def _half_written(root: Path) -> list[Path]:
    """Temporaries of an atomic write that was killed before its rename (tei/, seeds/), and the
    manifest's trial copy that new-source wrote before it was a transaction."""
    found = []
    for name in SCHOLARS:
        folder = root / name
        if folder.is_dir():
            found += [p for p in folder.iterdir() if p.is_file() and (
                _TEMPORARY.match(p.name) or p.name == ".sources.toml.new")]
    return sorted(found)


def _recover_one(root: Path, staged: Path) -> str:
    if (staged / JOURNAL).is_file():
        _apply(root, staged)
        shutil.rmtree(staged, ignore_errors=True)
        return f"{STAGING}/{staged.name}: an interrupted command had committed its changes; their moves were finished"
    shutil.rmtree(staged, ignore_errors=True)
    return f"{STAGING}/{staged.name}: an interrupted command had changed nothing; its staging folder was removed"


def _apply(root: Path, staged: Path) -> None:
    """Carry out a journal's moves (again, if interrupted: each move is idempotent)."""
    journal = json.loads((staged / JOURNAL).read_text(encoding="utf-8"))
    touched: set[Path] = set()
    for relative in journal["files"]:
        source, target = staged / "root" / relative, root / relative
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
        touched.add(target.parent)
    for staged_name, target_name in journal.get("staged", []):
        source, target = staged / "files" / staged_name, Path(target_name)
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            _move(source, target)
        touched.add(target.parent)
    for relative in journal["removed"]:
        (root / relative).unlink(missing_ok=True)
        touched.add((root / relative).parent)
    if journal.get("edition"):
        new, old, target = staged / "root" / GENERATED, staged / "old-edition", root / GENERATED
        if new.is_dir():
            if target.exists() and not old.exists():
                os.replace(target, old)
            if not target.exists():
                os.replace(new, target)
        touched.add(root)
    for folder in sorted(touched):
        fsync_dir(folder)


def _move(source: Path, target: Path) -> None:
    """Rename a staged file over its target (or, on another file system, write it atomically)."""
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        from .tei import write_atomic

        write_atomic(target, source.read_bytes())
        source.unlink()


class Transaction:
    """A staged copy of the project; `commit()` moves what changed into place, else nothing does.

    Use as a context manager: `with Transaction(project, "new-source") as txn:` work on
    `txn.project` (a Project over the staging folder), then `txn.commit()`. Leaving the block
    without a commit, by an error or a signal, removes the staging folder.
    """

    def __init__(self, project: Project, command: str, edition: bool = False, workspace: bool = True) -> None:
        self.real = project
        self.command = command
        self.with_edition = edition
        self.workspace = workspace
        self._staged: list[tuple[str, str]] = []
        self.folder = project.root / STAGING / f"{command}-{os.getpid()}"
        self.project = Project(self.folder / "root")
        self.committed = False
        self._fd: int | None = None
        self._signals: dict[int, object] = {}

    # ------------------------------------------------------------ staging

    def __enter__(self) -> "Transaction":
        root = self.real.root
        try:
            recover(root, echo=None)
            self._fd = _lock(root, wait=False)
        except OSError as exc:
            raise _os_error(exc, root / STAGING, "prepare the change") from exc
        if self._fd is None:
            raise EditionError(f"{root / STAGING}: another edition command is changing the edition's files; "
                               "wait for it to finish, then run this one again")
        self._trap_signals()
        try:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.project.root.mkdir(parents=True)
            (self.folder / "files").mkdir()
            for name in SCHOLARS if self.workspace else ():
                if (root / name).is_dir():
                    shutil.copytree(root / name, self.project.root / name, copy_function=shutil.copy2,
                                    ignore=_hidden_temporaries)
            for name in LINKED if self.workspace else ():
                if (root / name).exists():
                    (self.project.root / name).symlink_to((root / name).resolve(), target_is_directory=True)
            if self.workspace and self.with_edition and (root / GENERATED).is_dir():
                shutil.copytree(root / GENERATED, self.project.root / GENERATED, symlinks=True,
                                copy_function=_link_or_copy)
        except BaseException as exc:
            self.__exit__(type(exc), exc, None)
            if isinstance(exc, OSError):
                raise _os_error(exc, Path(exc.filename or self.folder), "prepare the change") from exc
            raise
        return self

    def __exit__(self, kind, exc, tb) -> None:
        try:
            if not self.committed:
                shutil.rmtree(self.folder, ignore_errors=True)
        finally:
            self._restore_signals()
            if self._fd is not None:
                _unlock(self._fd)
                self._fd = None
        if isinstance(exc, OSError) and not self.committed:  # a full disk, a read-only folder: one line
            raise _os_error(exc, Path(exc.filename or self.real.root), "write it") from exc

    def _trap_signals(self) -> None:
        """SIGTERM and SIGHUP roll back like Ctrl-C does (raised as an error in the main thread)."""
        def stop(signum, frame):
            raise Interrupted(f"stopped by signal {signal.Signals(signum).name}; nothing was changed")

        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                self._signals[signum] = signal.signal(signum, stop)
            except ValueError:  # not the main thread: signals are not ours to trap
                break

    def _restore_signals(self) -> None:
        for signum, handler in self._signals.items():
            signal.signal(signum, handler)
        self._signals.clear()

    def stage(self, target: Path, data: bytes) -> None:
        """Prepare a file's new content (any file); it replaces the file at the commit."""
        name = f"{len(self._staged)}-{Path(target).name}"
        try:
            with open(self.folder / "files" / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise _os_error(exc, Path(target), "write its new content") from exc
        self._staged.append((name, str(Path(target).absolute())))

    # ------------------------------------------------------------ committing

    def changes(self) -> tuple[list[str], list[str]]:
        """The scholars' files the work changed or added, and those it removed (relative paths)."""
        changed, removed = [], []
        for name in SCHOLARS:
            new_dir, old_dir = self.project.root / name, self.real.root / name
            new = {p.relative_to(self.project.root).as_posix(): p for p in _files(new_dir)}
            old = {p.relative_to(self.real.root).as_posix(): p for p in _files(old_dir)}
            for relative, path in new.items():
                before = old.get(relative)
                if before is None or not _same(path, before):
                    changed.append(relative)
            removed += sorted(set(old) - set(new))
        return sorted(changed), removed

    def commit(self) -> tuple[list[str], list[str]]:
        """Move every change into place (the journal first: past it, the change is made)."""
        changed, removed = self.changes() if self.workspace else ([], [])
        for relative in changed:  # the new content is durable before the journal names it
            _fsync_file(self.project.root / relative)
        journal = {"command": self.command, "files": changed, "removed": removed, "staged": self._staged,
                   "edition": self.with_edition and (self.project.root / GENERATED).is_dir()}
        trial = self.folder / (JOURNAL + ".tmp")
        with open(trial, "w", encoding="utf-8") as handle:
            json.dump(journal, handle)
            handle.flush()
            os.fsync(handle.fileno())
        blocked = _block_signals()
        try:
            os.replace(trial, self.folder / JOURNAL)  # the commit point
            fsync_dir(self.folder)
            self.committed = True
            _apply(self.real.root, self.folder)
        finally:
            if self.committed:
                self._restore_signals()  # a signal held until now no longer says "nothing changed"
            _unblock_signals(blocked)
        shutil.rmtree(self.folder, ignore_errors=True)
        return changed, removed


def _block_signals() -> set:
    """Hold Ctrl-C and SIGTERM while the moves are made (they are delivered after)."""
    try:
        return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    except (AttributeError, ValueError, OSError):
        return set()


def _unblock_signals(previous: set) -> None:
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    except (AttributeError, ValueError, OSError):
        pass


def _hidden_temporaries(folder: str, names: list[str]) -> list[str]:
    """Half-written temporaries of an interrupted write (`.<name>.<random>.tmp`) are not copied."""
    return [n for n in names if n.startswith(".") and n.endswith(".tmp")]


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()
            and not (p.name.startswith(".") and p.name.endswith(".tmp"))]


def _same(a: Path, b: Path) -> bool:
    sa, sb = a.stat(), b.stat()
    if sa.st_size != sb.st_size:
        return False
    if sa.st_mtime_ns == sb.st_mtime_ns:
        return True  # copied with its time and never written again
    return a.read_bytes() == b.read_bytes()


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _os_error(exc: OSError, path: Path, doing: str) -> EditionError:
    """A one-line message for a full disk, a read-only folder and the like; nothing was changed."""
    return EditionError(f"{path}: {describe_os_error(exc, doing)}; nothing was changed")


def describe_os_error(exc: OSError, doing: str) -> str:
    """Say what went wrong with the disk in a scholar's words, and what to do."""
    if exc.errno == errno.ENOSPC:
        return f"the disk is full (could not {doing}): free some space and run the command again"
    if exc.errno == errno.EDQUOT:
        return f"the disk quota is used up (could not {doing}): free some space and run the command again"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (f"cannot write here ({exc.strerror}; could not {doing}): make the folder writable "
                "(or run the command where you may write)")
    return f"could not {doing} ({exc.strerror or exc})"
