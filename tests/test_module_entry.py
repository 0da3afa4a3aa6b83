"""`python -m bukharin_edition` is the `edition` command, under the same name."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bukharin_edition", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_module_runs_the_command():
    result = _run("validate", "tei/omodeo-abstract.xml")
    assert result.returncode == 0, result.stderr
    assert "1 valid, 0 with errors" in result.stdout


def test_module_reports_a_wrong_argument_under_the_command_name():
    result = _run("validate", "no-such-file.xml")
    assert result.returncode == 2
    assert "Usage: edition validate" in result.stderr
    assert "'no-such-file.xml' does not exist" in result.stderr
