"""Progress on long work: a bar on a terminal, one line per file otherwise; -q and -v."""
from __future__ import annotations

import sys

import click

QUIET, NORMAL, VERBOSE = 0, 1, 2


def verbosity_options(command):
    """Add -q/--quiet and -v/--verbose to a command (as `verbosity`: 0, 1 or 2)."""
    command = click.option("-v", "--verbose", "verbosity", flag_value=VERBOSE,
                           help="Say what is done for every file, even up-to-date ones.")(command)
    return click.option("-q", "--quiet", "verbosity", flag_value=QUIET, default=NORMAL,
                        help="Print problems and nothing else.")(command)


class Progress:
    """Counts the work done and shows it: a one-line bar on a terminal, a line per file in
    logs (CI), nothing when quiet."""

    def __init__(self, total: int, verbosity: int = NORMAL, stream=None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.verbosity = verbosity
        self.stream = stream or sys.stdout
        self.bar = verbosity >= NORMAL and self.stream.isatty() and verbosity < VERBOSE

    def __call__(self, event: str, detail: str) -> None:
        """Record one step (`event` says what: checked, built, held, valid, invalid)."""
        if event == "current":  # work skipped as up to date: only -v lists it
            if self.verbosity >= VERBOSE:
                click.echo(f"{'current':>8}  {detail}", file=self.stream)
            return
        self.done += 1
        if self.verbosity == QUIET:
            return
        if self.bar:
            width = 30
            filled = min(width, width * self.done // self.total)
            line = f"\r[{'#' * filled}{'.' * (width - filled)}] {event} {detail}"[:100]
            self.stream.write(line.ljust(100))
            self.stream.flush()
        else:
            click.echo(f"{event:>8}  {detail}", file=self.stream)

    def close(self) -> None:
        """End the bar's line, so that the summary starts on a line of its own."""
        if self.bar and self.done:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()
