"""The progress display fits the terminal: one line, never wider than the terminal's columns,
the file name cut to fit; taken away at the end; a line per file when not on a terminal."""
from __future__ import annotations

import io
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import fcntl
from pathlib import Path

import pytest
from rich.cells import cell_len

from bukharin_edition.progress import NORMAL, QUIET, Progress

ROOT = Path(__file__).resolve().parent.parent
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
LONG = "tei/a-source-whose-name-is-much-longer-than-any-terminal-is-wide-{n}-and-then-some-more.xml"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _lines(drawn: str) -> list[str]:
    """What the terminal shows, drawing after drawing: the text between carriage returns."""
    return [part for part in re.split(r"[\r\n]", ESCAPE.sub("", drawn)) if part]


@pytest.mark.parametrize("columns", [80, 40, 132])
def test_the_bar_is_never_wider_than_the_terminal(monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setattr(Progress, "REFRESH", 0)  # draw every step
    screen = Terminal()
    progress = Progress(30, NORMAL, screen)
    for n in range(30):
        progress("built", LONG.format(n=n))
    progress.close()
    drawn = screen.getvalue()
    lines = _lines(drawn)
    assert len(lines) >= 30
    assert max(cell_len(line) for line in lines) <= columns
    assert all("built tei/a-source" in line for line in lines[1:])  # the name is cut, not dropped
    assert "30/30" in lines[-1]
    assert drawn.count("\n") <= 1 and drawn.endswith("\x1b[2K")  # one line, taken away at the end


def test_the_bar_is_drawn_at_most_ten_times_a_second_and_at_the_end(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    screen = Terminal()
    progress = Progress(1000, NORMAL, screen)
    for n in range(1000):
        progress("checked", f"tei/file-{n}.xml")
    progress.close()
    lines = _lines(screen.getvalue())
    assert len(lines) < 100  # a thousand quick steps are not a thousand drawings
    assert "1000/1000" in lines[-1] and "tei/file-999.xml" in lines[-1]


def test_in_a_log_each_file_is_one_line_and_quiet_is_silent():
    log = io.StringIO()
    progress = Progress(2, NORMAL, log)
    progress("valid", "tei/a.xml")
    progress("invalid", "tei/b.xml")
    progress.close()
    assert log.getvalue() == "   valid  tei/a.xml\n invalid  tei/b.xml\n"
    quiet = Terminal()
    progress = Progress(2, QUIET, quiet)
    progress("valid", "tei/a.xml")
    progress.close()
    assert quiet.getvalue() == ""


def test_edition_validate_on_an_80_column_terminal_draws_lines_that_fit():
    """The command itself, on a pseudo-terminal of 80 columns (no $COLUMNS: the size is asked)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "GITHUB_ACTIONS")}
    process = subprocess.Popen([sys.executable, "-c", "from bukharin_edition.cli import main; main()", "validate"], cwd=ROOT,
                               stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    drawn = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the command ended and closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    assert process.wait(timeout=60) == 0
    os.close(leader)
    text = drawn.decode("utf-8")
    lines = _lines(text)
    assert any("valid" in line and "tei/" in line for line in lines)
    assert max(cell_len(line) for line in lines) <= 80, lines
    assert "file(s) checked" in lines[-1]
