"""Gather, then write: read every TEI file first, then run the builders over the sources.

Builds are incremental: every input is hashed, every task (a builder's output for one source, or
its outputs that depend on every source) declares the inputs it reads, and a task runs only when
one of them changed since the last build or one of its outputs is missing (see state.py).
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lxml import etree

from ..errors import BuildError, EditionError
from ..tei import XML_ID, parse_tei, tei
from .base import FACTS, Builder, Context, Session, Source, new_processor
from .builders import BUILDERS
from .state import Facts, State, digest, tree_digest

SHARED = ("edition", "persons")  # tei/ files of declarations, not sources
PAGES = ("reading.html", "diplomatic.html", "apparatus.html", "parallel.html")

Progress = Callable[[str, str], None]  # (event, detail): "checked", "built", "held", "current"


@dataclass
class BuildReport:
    """What a build did: the sources built, the files written, the problems found, the time."""

    sources: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    rebuilt: list[str] = field(default_factory=list)  # tasks run ("reading:trial-1938", "index")
    up_to_date: int = 0  # tasks skipped

    @property
    def nothing_to_do(self) -> bool:
        return not self.rebuilt and not self.problems




def _validator(context: Context, schema_dir: Path | None):
    """The schema's compiled validator, made once per session and schema."""
    if schema_dir is None:
        return None
    key = context.digests["schema"]
    if key not in context.session.validators:
        from ..validate import Validator
        context.session.validators.clear()
        context.session.validators[key] = Validator(Path(schema_dir))
    return context.session.validators[key]


PARALLEL_CHECK = 100  # files to check: from this many, on worker processes (each starts in ~1 s)
_SIBLING = re.compile(r"(?:^|\s)([a-z0-9][a-z0-9-]*\.xml)#")


def siblings_of(tree: etree._ElementTree) -> list[str]:
    """The other TEI files a file's pointers name (`name.xml#id`): the rules check them."""
    found = set()
    for value in tree.getroot().xpath("//@*"):
        found.update(_SIBLING.findall(value))
    return sorted(found - {f"{stem}.xml" for stem in SHARED})


def _check_key(checked: str, siblings: list[str], hashes: dict[str, str]) -> str:
    """The validation key of one file: the schema and shared files, and the siblings it names."""
    if not siblings:
        return checked
    named = [f"{name}={hashes.get(name, 'missing')}" for name in siblings]
    return digest("\0".join([checked, *named]).encode())


def _learn(tree: etree._ElementTree, sha: str, checked: str, hashes: dict[str, str]) -> Facts:
    """What the build records of a parsed, valid TEI file."""
    root = tree.getroot()
    siblings = siblings_of(tree)
    header = root.find(tei("teiHeader"))
    persons = set()
    for value in root.xpath("//@ref | //@who | //@corresp"):
        persons.update(token[4:] for token in value.split() if token.startswith("per:"))
    found = root.find(f".//{tei('sourceDesc')}//{tei('citedRange')}[@unit='line']")
    start = found.get("from") if found is not None else None
    title = root.find(f"{tei('teiHeader')}/{tei('fileDesc')}/{tei('titleStmt')}/{tei('title')}")
    return Facts(sha=sha, header=digest(etree.tostring(header)) if header is not None else "",
                 title=" ".join("".join(title.itertext()).split()) if title is not None else root.get(XML_ID, ""),
                 persons=sorted(persons), order=int(start) if start and start.isdigit() else 10**9,
                 checked=_check_key(checked, siblings, hashes), siblings=siblings)


def gather(context: Context, validator=None, state: State | None = None,
           schema_dir: Path | None = None, keep_last_good: bool = False,
           progress: Progress | None = None, jobs: int = 1, client=None) -> None:
    """Read every TEI file of tei/; a file that is not well-formed, or (given a schema) not
    valid, is reported and left out: an invalid file is never rendered. A file whose hash, and
    the schema and shared files it was checked with, are those of the last build is not read
    again: the state's facts stand for it. With `jobs` > 1 and many files to read, they are
    parsed and validated on that many worker processes."""
    state = state if state is not None else State(context.out_dir)
    paths = sorted(context.tei_dir.glob("*.xml"))
    if not paths:
        raise BuildError(f"{context.tei_dir}: no TEI files (run 'edition convert' first)")
    hashes, stamps = {}, {}
    for path in paths:  # a file with the time and size of the last build has the same hash
        stat = path.stat()
        stamps[path] = f"{stat.st_mtime_ns}:{stat.st_size}"
        known = state.files.get(path.name)
        hashes[path] = known.sha if known and known.stamp and known.stamp == stamps[path] \
            else digest(path.read_bytes())
    by_name = {path.name: sha for path, sha in hashes.items()}
    for path in paths:
        if path.stem in SHARED:
            context.shared.append(path)
    for stem in SHARED:
        context.digests[f"shared:{stem}"] = next((hashes[p] for p in context.shared if p.stem == stem), "")
    checked = digest("\0".join([context.digests.get("schema", "none"), context.digests["shared:edition"],
                                context.digests["shared:persons"]]).encode())
    seen = set()
    to_read = []
    for path in paths:
        if path.stem in SHARED:
            continue
        seen.add(path.name)
        known = state.files.get(path.name)
        if known and known.sha == hashes[path] and known.checked == _check_key(
                checked, known.siblings, by_name):
            known.stamp = stamps[path]
            context.sources.append(Source(path.stem, path, known, context))
        else:
            to_read.append(path)
    if (jobs > 1 or client is not None) and len(to_read) >= PARALLEL_CHECK:
        from .parallel import check_in_workers
        read = check_in_workers([(path, hashes[path]) for path in to_read], checked, context, schema_dir,
                                jobs, client)
    else:
        read = ((path, _read(context, path, hashes[path], checked, validator, schema_dir, by_name))
                for path in to_read)
    for path, source in read:
        if progress:
            progress("checked", str(path))
        last_good = context.out_dir / "tei" / path.name  # the copy of the last build
        if source is not None:
            context.read.add(source.id)
            source.facts.stamp = stamps[path]
            state.files[path.name] = source.facts
            context.sources.append(source)
        elif keep_last_good and path.name in state.files and last_good.is_file():
            context.sources.append(Source(path.stem, last_good, state.files[path.name], context,
                                          held=True))
            if progress:
                progress("held", str(path))
        else:
            state.files.pop(path.name, None)
    for name in set(state.files) - seen:
        del state.files[name]
    context.sources.sort(key=lambda s: (s.facts.order, s.id))
    context.by_id = {source.id: source for source in context.sources}
    for position, source in enumerate(context.sources):
        source.position = position


def _read(context: Context, path: Path, sha: str, checked: str, validator, schema_dir,
          hashes: dict[str, str]) -> Source | None:
    """Parse and check one TEI file; report what is wrong and return None if it cannot be built."""
    try:
        tree = parse_tei(path)
    except EditionError as exc:
        context.problems.append(exc.message)
        return None
    if validator is None and schema_dir is not None:
        validator = _validator(context, schema_dir)
    if validator is not None:
        errors = [p for p in validator.check_file(path) if p.severity == "error"]
        if errors:
            context.problems += [f"{problem.text()} (not built)" for problem in errors]
            return None
    root = tree.getroot()
    if root.tag != tei("TEI"):
        context.problems.append(f"{path}:{root.sourceline}: the root element is not a TEI element")
        return None
    ident = root.get(XML_ID) or ""
    if ident != path.stem:
        context.problems.append(
            f"{path}:{root.sourceline}: the TEI element's xml:id is '{ident}', but the file is "
            f"named {path.name}; make them agree (the pages' addresses come from the id)")
        return None
    # The tree is not kept: a build holds one document's tree at a time (see Source.release).
    return Source(ident, path, _learn(tree, sha, checked, hashes), context)


def prune(context: Context, state: State) -> None:
    """Remove the pages and TEI copies of sources not built now (deleted, or failing): an old
    page must never stand in for a file that can no longer be rendered (except a held one)."""
    built = {s.id for s in context.sources if not s.failed}
    for task in [t for t in state.tasks if ":" in t and t.split(":", 1)[1] not in built]:
        del state.tasks[task]
    for key in [k for k in state.facts if k.split(":", 1)[1] not in built]:
        del state.facts[key]
    if not context.out_dir.is_dir():
        return
    kept = {f"{ident}{ext}" for ident in built for ext in (".json", ".xml")}
    # names listed, not globbed and stat'ed: a no-op build of 1,000 sources lists 7,000 of them
    facts = context.out_dir / FACTS
    for entry in os.scandir(facts) if facts.is_dir() else ():
        if entry.is_dir():
            for name in os.listdir(entry.path):
                if name.endswith((".json", ".xml")) and name not in kept:  # a reduction's facts
                    os.unlink(os.path.join(entry.path, name))
    for entry in os.scandir(context.out_dir):
        if entry.name in built or entry.name in ("assets", "tei", "persons", "text", "dts", "pagefind", FACTS) \
                or not entry.is_dir():
            continue
        folder = Path(entry.path)
        for name in PAGES:
            (folder / name).unlink(missing_ok=True)
        if not any(folder.iterdir()):
            folder.rmdir()
    copies = context.out_dir / "tei"
    keep = {s.path.name for s in context.sources if not s.failed} | {p.name for p in context.shared}
    for name in os.listdir(copies) if copies.is_dir() else ():
        if name.endswith(".xml") and name not in keep:
            os.unlink(copies / name)


def _person_digests(context: Context, state: State) -> dict[str, str]:
    """The hash of each person of the register (only recomputed when the register changed)."""
    sha = context.digests["shared:persons"]
    if state.persons.get("sha") != sha:
        digests: dict[str, str] = {}
        register = next((p for p in context.shared if p.stem == "persons"), None)
        if register is not None:
            try:
                root = parse_tei(register).getroot()
            except EditionError as exc:
                context.problems.append(exc.message)
                root = None
            for person in root.iter(tei("person")) if root is not None else ():
                digests[person.get(XML_ID, "")] = digest(etree.tostring(person))
        state.persons = {"sha": sha, "digests": digests}
    return state.persons["digests"]


def _resolve(context: Context, state: State, keys: list[str]) -> dict[str, str]:
    """The current hash of each input key."""
    resolved = {}
    for key in keys:
        kind, _, name = key.partition(":")
        if kind == "tei":
            value = context.by_id[name].facts.sha if name in context.by_id else ""
        elif kind == "header":
            value = context.by_id[name].facts.header if name in context.by_id else ""
        elif kind == "facts":  # a reduction's facts of one source: facts:<builder>:<id>
            value = state.facts.get(name, "")
        elif kind == "person":
            value = _person_digests(context, state).get(name, "unknown")
        elif key == "sources":
            value = " ".join(s.id for s in context.sources if not s.failed)
        elif key == "option:base-url":
            value = context.base_url
        elif kind == "file":  # a file of the project, named from its root (seeds/chronology.toml)
            path = context.tei_dir.parent / name
            value = digest(path.read_bytes()) if path.is_file() else "absent"
        elif kind == "tree":  # a folder of the project, every file in it (schema)
            value = tree_digest(context.tei_dir.parent / name)
        elif kind == "form":  # the form of what a builder writes, named by the key itself
            value = name
        else:
            value = context.digests[key]
        resolved[key] = value
    return resolved


def build_edition(tei_dir: Path, xslt_dir: Path, out_dir: Path, base_url: str = "",
                  processor=None, schema_dir: Path | None = None, *, session: Session | None = None,
                  full: bool = False, keep_last_good: bool = False,
                  progress: Progress | None = None, pdf: bool = False, jobs: int = 1,
                  only: tuple[str, ...] = (), executor: str = "processes", scheduler: str | None = None,
                  pages_done: Callable[[list[str], list[str]], None] | None = None) -> BuildReport:
    """Build edition/ from tei/: every view of every well-formed (and, given the schema, valid)
    source, the index, the files; with `pdf`, the printed edition too (edition/pdf/); only what
    changed since the last build unless `full`.

    With `jobs` > 1 the per-source pages that must be redone are made by that many worker
    processes (see parallel.py), the rest here. `only` names the builders to run (all by default:
    the benchmark times a part of the build with it). A long-running caller passes the same `session` to every build (the processor, stylesheets
    and schema are then made once); `keep_last_good` keeps the pages of a file that became
    invalid, for the editor's preview (the published build removes them). `executor` "dask"
    runs the per-source tasks and the reductions on a Dask cluster (see cluster.py; `scheduler`
    is its address, none: a local cluster of `jobs` workers). `pages_done(tasks, problems)` is
    called when the edited sources' own pages are on disk (every source's, when more changed
    than a few files), before the other sources' and the pages made from every source (the
    preview reloads then).
    """
    started = time.perf_counter()
    session = session or Session(processor)
    context = Context(Path(tei_dir), Path(xslt_dir), Path(out_dir), session, base_url=base_url,
                      jobs=max(1, jobs), full=full)
    context.digests["xslt"] = tree_digest(context.xslt_dir)
    if schema_dir is not None:
        context.digests["schema"] = tree_digest(Path(schema_dir))
    kinds = list(BUILDERS)
    if pdf:
        from .pdf import PdfBuilder
        kinds.append(PdfBuilder)
    if only:
        unknown = set(only) - {kind.name for kind in kinds}
        if unknown:
            raise BuildError(f"no builder is named {', '.join(sorted(unknown))}")
        kinds = [kind for kind in kinds if kind.name in only]
    state = State.load(context.out_dir)
    if full:  # every task of these builders run again (others' kept); all, every file checked again
        running = {kind.name for kind in kinds}
        if not only:
            state.files.clear()
        state.tasks = {t: v for t, v in state.tasks.items() if t.split(":", 1)[0] not in running}
        state.facts = {k: v for k, v in state.facts.items() if k.split(":", 1)[0] not in running}
    if executor not in EXECUTORS:
        raise BuildError(f"no executor is named {executor!r}: use {' or '.join(EXECUTORS)}")
    if executor == "dask":
        from .cluster import connect
        with connect(scheduler, context.jobs, (str(context.xslt_dir.resolve()),
                                              str(Path(schema_dir).resolve()) if schema_dir else None,
                                              base_url)) as client:
            return _build(context, state, kinds, schema_dir, started, full=full, keep_last_good=keep_last_good,
                          progress=progress, jobs=jobs, pages_done=pages_done, client=client)
    return _build(context, state, kinds, schema_dir, started, full=full, keep_last_good=keep_last_good,
                  progress=progress, jobs=jobs, pages_done=pages_done)


EXECUTORS = ("processes", "dask")  # where the per-source tasks run (see parallel.py, cluster.py)


def _build(context: Context, state: State, kinds, schema_dir, started: float, *, full: bool,
           keep_last_good: bool, progress, jobs: int, pages_done, client=None) -> BuildReport:
    """The build proper, once the state is loaded: gather, the per-source tasks, the reductions."""
    gather(context, None, state, schema_dir, keep_last_good, progress, jobs=jobs, client=client)
    report = BuildReport()
    builders = [builder(context) for builder in kinds]
    prepared: set[str] = set()

    def ready(builder) -> None:
        if builder.name not in prepared:
            builder.prepare()
            prepared.add(builder.name)

    # An edit: the edited sources' own pages first (the preview reloads then), then the other
    # sources' tasks (their neighbours' titles, say), then the pages over every source.
    edited = [s for s in context.sources if s.id in context.read]
    groups = [context.sources]
    if 0 < len(edited) <= EDITED_FIRST < len(context.sources) and not full:
        groups = [edited, [s for s in context.sources if s.id not in context.read]]
    plan_key = _plan_key(context, builders)
    folders: set[Path] = set()  # of the per-source tasks' outputs
    if not full and plan_key == state.plan.get("key") and _folders_unchanged(state.plan.get("folders", {})):
        groups = []  # every per-source task as the last build left it
        report.up_to_date += int(state.plan.get("tasks", 0))
        if progress:  # -v lists them
            names = {builder.name for builder in builders}
            for task in state.tasks:
                if task.partition(":")[2] and task.partition(":")[0] in names:
                    progress("current", task)
        folders = set(map(Path, state.plan.get("folders", {})))
    for group in groups:
        _per_source(context, state, builders, group, report, full, progress, jobs, schema_dir, client, ready,
                    folders)
        if pages_done is not None:
            pages_done(list(report.rebuilt), list(context.problems))
            pages_done = None
    if pages_done is not None:
        pages_done([], list(context.problems))
    finishing = []
    for builder in builders:
        outputs = builder.finish_outputs()
        if not outputs:
            continue
        inputs = _resolve(context, state, builder.finish_inputs())
        if not full and state.up_to_date(builder.name, inputs, outputs):
            report.up_to_date += 1
            if progress:
                progress("current", builder.name)
            continue
        finishing.append((builder, inputs))
    if client is not None and finishing:  # the reductions side by side on the cluster
        from .cluster import finish_on_cluster

        state.save()  # the workers gather from it, with the facts of this build
        done = finish_on_cluster(client, [builder.name for builder, _ in finishing],
                                 _settings(context, builders, schema_dir), {s.id for s in context.sources if s.failed})
    for builder, inputs in finishing:
        if client is not None:
            written, problems = done[builder.name]
            context.written += written
            context.problems += problems
        else:
            ready(builder)
            builder.finish()
        report.rebuilt.append(builder.name)
        state.record(builder.name, inputs)
        if progress:
            progress("built", builder.name)
    prune(context, state)
    clean = not context.problems and not any(s.failed or s.held for s in context.sources)
    names = {builder.name for builder in builders}
    tasks = sum(1 for t in state.tasks if t.partition(":")[2] and t.partition(":")[0] in names)
    state.plan = {"key": plan_key, "tasks": tasks, "folders": _folder_times(folders)} if clean else {}
    state.save()
    report.sources = [s.id for s in context.sources if not s.failed]
    report.written = context.written
    report.problems = context.problems
    report.seconds = time.perf_counter() - started
    return report


EDITED_FIRST = 10  # up to this many edited sources are built before the others' tasks are planned


def _plan_key(context: Context, builders) -> str:
    """One hash of everything the per-source tasks' inputs are made of (the sources in order,
    their files, headers and persons, the shared files, stylesheets, schema and options)."""
    parts = [" ".join(b.name for b in builders), context.base_url,
             *(f"{k}={v}" for k, v in sorted(context.digests.items()) if k != "build")]
    parts += [f"{s.id} {s.facts.sha} {s.facts.header} {' '.join(s.facts.persons)}" for s in context.sources]
    return digest("\0".join(parts).encode("utf-8"))


def _folder_times(folders: set[Path]) -> dict[str, int]:
    """The modification time of each folder (a file added to it or removed from it changes it)."""
    times = {}
    for folder in folders:
        try:
            times[str(folder)] = os.stat(folder).st_mtime_ns
        except OSError:
            continue
    return times


def _folders_unchanged(times: dict[str, int]) -> bool:
    """Whether the folders are there, none with a file added or removed since."""
    if not times:
        return False
    try:
        return all(os.stat(folder).st_mtime_ns == mtime for folder, mtime in times.items())
    except OSError:
        return False


def _per_source(context: Context, state: State, builders, sources: list[Source], report: BuildReport,
                full: bool, progress, jobs: int, schema_dir, client, ready, folders: set[Path]) -> None:
    """Plan and run the per-source tasks of some sources (on workers when there are many)."""
    plan = _plan(context, state, builders, report, full, progress, sources, folders)
    in_workers = _per_source_in_workers(context, state, builders, plan, report, jobs, schema_dir, progress,
                                        client)
    for source in sources:
        if source.id in in_workers or source.id not in plan:
            continue
        ran = []
        for builder, inputs in plan[source.id]:
            task = f"{builder.name}:{source.id}"
            ready(builder)
            builder.write_doc(source)
            report.rebuilt.append(task)
            ran.append(builder.name)
            if source.failed:
                state.tasks.pop(task, None)
            else:
                state.record(task, inputs)
        source.release()
        state.facts.update(context.facts)
        context.facts.clear()
        if ran and progress:
            progress("built", f"{source.id} ({', '.join(ran)})")


def _plan(context: Context, state: State, builders, report: BuildReport, full: bool,
          progress, sources: list[Source], folders: set[Path]) -> dict[str, list[tuple[Builder, dict[str, str]]]]:
    """The per-source tasks of these sources that must run, by source id, with their inputs;
    the others are counted as up to date. The folders of their outputs are added to `folders`."""
    plan: dict[str, list[tuple[Builder, dict[str, str]]]] = {}
    for source in sources:
        if source.held:
            continue
        for builder in builders:
            outputs = builder.doc_outputs(source)
            if not outputs:
                continue
            folders.update(path.parent for path in outputs)
            inputs = _resolve(context, state, builder.doc_inputs(source))
            if not full and state.up_to_date(f"{builder.name}:{source.id}", inputs, outputs):
                report.up_to_date += 1
                if progress:
                    progress("current", f"{builder.name}:{source.id}")
                continue
            plan.setdefault(source.id, []).append((builder, inputs))
    return plan


def _settings(context: Context, builders, schema_dir: Path | None):
    """What a worker needs to know of this build (parallel.Settings)."""
    from .parallel import Settings

    if "build" not in context.digests:
        import uuid
        context.digests["build"] = uuid.uuid4().hex
    return Settings(context.tei_dir.resolve(), context.xslt_dir.resolve(), context.out_dir.resolve(),
                    context.base_url, Path(schema_dir).resolve() if schema_dir is not None else None,
                    tuple(builder.name for builder in builders), context.full, context.digests["build"])


def _per_source_in_workers(context: Context, state: State, builders, plan, report: BuildReport,
                           jobs: int, schema_dir: Path | None, progress, client=None) -> set[str]:
    """Have worker processes (or the Dask cluster of `client`) run the planned per-source
    tasks; return the ids of the sources they took (none when there are too few to be worth a
    worker's start)."""
    if client is None and (jobs <= 1 or len(plan) < 2) or not plan:  # one source is quicker here
        return set()
    work = {ident: [builder.name for builder, _ in tasks] for ident, tasks in plan.items()}
    inputs_of = {f"{builder.name}:{ident}": inputs for ident, tasks in plan.items() for builder, inputs in tasks}
    from .parallel import run_in_workers

    state.save()  # the workers gather from it: what was checked here is not checked again
    settings = _settings(context, builders, schema_dir)
    if client is not None:
        from .cluster import render_on_cluster
        outcomes = render_on_cluster(client, work, settings, jobs)
    else:
        outcomes = run_in_workers(work, settings, jobs)
    by_id = context.by_id
    done: set[str] = set()
    for outcome in outcomes:
        context.written += outcome.written
        context.problems += outcome.problems
        state.facts.update(outcome.facts)
        source = by_id[outcome.source_id]
        source.failed = source.failed or outcome.failed
        done.add(outcome.source_id)
        for name in outcome.tasks:
            task = f"{name}:{outcome.source_id}"
            report.rebuilt.append(task)
            if source.failed:
                state.tasks.pop(task, None)
            else:
                state.record(task, inputs_of[task])
        if progress:
            progress("built", f"{outcome.source_id} ({', '.join(outcome.tasks)})")
    return done


def warm(session: Session, xslt_dir: Path, schema_dir: Path | None = None, base_url: str = "") -> None:
    """Make the session's processor, stylesheets and schema now, so that the first rebuild of a
    long-running process (edition serve) is as fast as the next ones."""
    context = Context(Path("."), Path(xslt_dir), Path("."), session, base_url=base_url)
    context.digests["xslt"] = tree_digest(context.xslt_dir)
    for builder in BUILDERS:
        builder(context).prepare()
    if schema_dir is not None:
        context.digests["schema"] = tree_digest(Path(schema_dir))
        _validator(context, schema_dir)
