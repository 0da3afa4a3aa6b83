"""Build the published edition: gather every TEI file, then write every output.

One builder per output (reading, diplomatic, apparatus, index, files): each has a name, a
prepare() that compiles its stylesheet once per build, a write_doc() per source and a
finish(). The build reads tei/ only; it never converts.
"""
from __future__ import annotations

import os
from pathlib import Path

from .pipeline import BuildReport, build_edition, gather
from .builders import BUILDERS

__all__ = ["BUILDERS", "BuildReport", "SMALL", "build_edition", "gather", "jobs_for"]

SMALL = 200  # under this many files, starting worker processes costs more than it saves


def jobs_for(tei_dir: Path, jobs: int) -> int:
    """The worker processes of a build: `jobs`, or (0) one per core for a corpus that is not small."""
    if jobs:
        return jobs
    if sum(1 for _ in Path(tei_dir).glob("*.xml")) < SMALL:
        return 1
    return os.cpu_count() or 1
