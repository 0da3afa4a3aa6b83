"""The build on a Dask cluster (`edition build --executor dask [--scheduler ADDRESS]`).

The same work as the local process pool of parallel.py, handed to Dask's distributed scheduler
instead: the files to check, each source's tasks (in chunks, a source's tasks together) and
then each reduction (index, persons, chronology, DTS, manual, search: independent of each
other, so they run side by side on different workers). A task is the very function a pool
worker runs; each worker process keeps one Saxon session, whose stylesheets a worker plugin
compiles once when the worker joins. The parent keeps what the tasks report (files, problems,
failures, the facts' hashes) and the build state, as with the pool: the outputs are those of
`--jobs 1`, byte for byte.

Every machine must see the same paths: the project (tei/, xslt/, schema/, seeds/) and the
output folder on shared storage, and the package installed in the workers' environment.
Without a scheduler address a LocalCluster of `jobs` single-threaded worker processes runs on
this machine.
"""
from __future__ import annotations

import contextlib
from pathlib import Path

from ..errors import BuildError
from .parallel import Outcome, Settings, _check_chunk, _chunks, _render_chunk

try:  # an optional dependency: `pip install 'dask[distributed]'`
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - reported when the executor is asked for
    WorkerPlugin = object


class Stylesheets(WorkerPlugin):
    """Make the worker's Saxon session and compile the stylesheets once, when it starts."""

    name = "edition-stylesheets"

    def __init__(self, xslt_dir: str, schema_dir: str | None, base_url: str) -> None:
        self.xslt_dir, self.schema_dir, self.base_url = xslt_dir, schema_dir, base_url

    def setup(self, worker=None) -> None:
        from . import parallel
        from .base import Session
        from .pipeline import warm

        parallel._SESSION = parallel._SESSION or Session()
        try:
            warm(parallel._SESSION, Path(self.xslt_dir),
                 Path(self.schema_dir) if self.schema_dir else None, self.base_url)
        except Exception:  # noqa: BLE001 — the build's tasks report what does not compile
            pass


@contextlib.contextmanager
def connect(scheduler: str | None, jobs: int, settings_for_plugin: tuple[str, str | None, str]):
    """A client of the cluster at `scheduler`, or of a LocalCluster of `jobs` workers, with the
    stylesheet plugin registered; closed (and the local cluster stopped) afterwards."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise BuildError("the dask executor needs Dask's distributed scheduler: "
                         "pip install 'dask[distributed]'") from exc
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s")
        else:
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise BuildError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}; "
                         "check the address (tcp://HOST:8786) and that it runs") from exc
    try:
        client.register_plugin(Stylesheets(*settings_for_plugin))
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def render_on_cluster(client, work: dict[str, list[str]], settings: Settings, jobs: int) -> list[Outcome]:
    """run_in_workers() on the cluster: each chunk of sources is a task; a failed task is
    reported for each source it held."""
    chunks = _chunks(list(work.items()), max(jobs, len(client.scheduler_info().get("workers", {})) or 1))
    futures = [client.submit(_render_chunk, chunk, settings, pure=False) for chunk in chunks]
    outcomes: list[Outcome] = []
    for chunk, future in zip(chunks, futures):
        try:
            outcomes += future.result()
        except Exception as exc:  # noqa: BLE001 — the worker died or the task failed
            outcomes += [Outcome(source_id, names, problems=[
                f"{source_id}: not built: its Dask task failed ({type(exc).__name__}: {exc})"],
                failed=True) for source_id, names in chunk]
    return outcomes


def check_on_cluster(client, items: list[tuple[Path, str]], checked: str, where: tuple, jobs: int):
    """check_in_workers() on the cluster: yield (path, (facts, problems) or None) in order."""
    chunks = _chunks(items, jobs)
    futures = [client.submit(_check_chunk, [(str(p), sha) for p, sha in chunk], checked, *where, pure=False)
               for chunk in chunks]
    for chunk, future in zip(chunks, futures):
        try:
            results = future.result()
        except Exception as exc:  # noqa: BLE001
            results = [(None, [f"{path}: not checked: its Dask task failed ({type(exc).__name__}: {exc})"])
                       for path, _ in chunk]
        yield from zip((path for path, _ in chunk), results)


def finish_on_cluster(client, names: list[str], settings: Settings, failed: set[str]) -> dict[str, tuple]:
    """Run the reductions named, each as one task (side by side); {name: (written, problems)}."""
    futures = {name: client.submit(_finish, name, settings, sorted(failed), pure=False) for name in names}
    results = {}
    for name, future in futures.items():
        try:
            results[name] = future.result()
        except Exception as exc:  # noqa: BLE001
            results[name] = ([], [f"{name}: not written: its Dask task failed ({type(exc).__name__}: {exc})"])
    return results


def _finish(name: str, settings: Settings, failed: list[str]) -> tuple[list[Path], list[str]]:
    """On a worker: one builder's finish() over the sources gathered from the build state."""
    from .builders import BUILDERS
    from .parallel import _context

    context = _context(settings)
    for source in context.sources:
        source.failed = source.id in failed
    kinds = {kind.name: kind for kind in BUILDERS}
    if name == "pdf":
        from .pdf import PdfBuilder
        kinds["pdf"] = PdfBuilder
    builder = kinds[name](context)
    builder.prepare()
    builder.finish()
    for source in context.sources:
        source.release()
    return list(context.written), list(context.problems)
