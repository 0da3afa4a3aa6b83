"""Progress on long work: a bar on a terminal, one line per file otherwise; -q and -v."""
from __future__ import annotations

import sys
import time

import click

QUIET, NORMAL, VERBOSE = 0, 1, 2


def verbosity_options(command):
    """Add -q/--quiet and -v/--verbose to a command (as `verbosity`: 0, 1 or 2)."""
    command = click.option("-v", "--verbose", "verbosity", flag_value=VERBOSE,
                           help="Say what is done for every file, even up-to-date ones.")(command)
    return click.option("-q", "--quiet", "verbosity", flag_value=QUIET, default=NORMAL,
                        help="Print problems and nothing else.")(command)


class Progress:
    """Counts the work done and shows it: a one-line bar on a terminal (rich's, as wide as the
    terminal, the file name cut to fit), a line per file in logs (CI), nothing when quiet."""

    REFRESH = 0.1  # seconds between two drawings of the bar

    def __init__(self, total: int, verbosity: int = NORMAL, stream=None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.verbosity = verbosity
        self.stream = stream or sys.stdout
        self.bar = verbosity >= NORMAL and self.stream.isatty() and verbosity < VERBOSE
        self._display = None
        self._drawn = float("-inf")

    def _start(self) -> None:
        from rich.console import Console
        from rich.table import Column
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
        from rich.progress import Progress as Bar

        # The console measures the terminal (or $COLUMNS); the description column gives way.
        console = Console(file=self.stream, force_terminal=True, highlight=False)
        bar = max(8, min(30, console.width // 4))  # a quarter of the line, the rest for the name
        self._display = Bar(BarColumn(bar_width=bar), MofNCompleteColumn(),
                            TextColumn("{task.description}", markup=False, table_column=Column(
                                no_wrap=True, overflow="ellipsis", ratio=1, min_width=8)),
                            console=console, transient=True, auto_refresh=False,
                            redirect_stdout=False, redirect_stderr=False, expand=True)
        self._task = self._display.add_task("", total=self.total)
        self._display.start()

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
            if self._display is None:
                self._start()
            now = time.monotonic()
            draw = now - self._drawn >= self.REFRESH or self.done >= self.total
            self._display.update(self._task, completed=min(self.done, self.total),
                                 description=f"{event} {detail}", refresh=draw)
            if draw:
                self._drawn = now
        else:
            click.echo(f"{event:>8}  {detail}", file=self.stream)

    def close(self) -> None:
        """Take the bar away, so that the summary starts on a line of its own."""
        if self._display is not None:
            self._display.stop()
            self._display = None
