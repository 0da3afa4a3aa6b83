"""Build the published edition: gather every TEI file, then write every output.

One builder per output (reading, diplomatic, apparatus, index, files): each has a name, a
prepare() that compiles its stylesheet once per build, a write_doc() per source and a
finish(). The build reads tei/ only; it never converts.
"""
from __future__ import annotations

from .pipeline import BuildReport, build_edition, gather
from .builders import BUILDERS

__all__ = ["BUILDERS", "BuildReport", "build_edition", "gather"]
