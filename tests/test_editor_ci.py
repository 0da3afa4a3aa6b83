"""The editors' CI files (.github/workflows/validate.yml and .pre-commit-hooks.yaml) run
commands the `edition` CLI has, with options it accepts, and those commands pass on tei/."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from bukharin_edition.cli import main

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "validate.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def _workflow_commands() -> list[list[str]]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    return [shlex.split(line) for step in steps for line in step.get("run", "").splitlines()
            if line.strip().startswith("edition ")]


def _hooks() -> list[dict]:
    return yaml.safe_load(HOOKS.read_text(encoding="utf-8"))


def _resolve(argv: list[str]) -> click.Command:
    """The click command `argv` names, its options parsed (an unknown one raises)."""
    assert argv[0] == "edition", argv
    command = main.get_command(click.Context(main, info_name="edition"), argv[1])
    if command is None:
        raise click.UsageError(f"no such command: {argv[1]}")
    command.make_context(argv[1], argv[2:])
    return command


def test_the_workflow_runs_validate_and_format_check_on_every_push_and_pull_request():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request"} <= set(triggers)
    commands = _workflow_commands()
    assert commands == [["edition", "validate", "--format", "github"], ["edition", "format", "--check"]]
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    installs = [s["run"] for s in steps if "pip install" in s.get("run", "")]
    assert installs and steps.index(next(s for s in steps if s.get("run") == installs[0])) < \
        steps.index(next(s for s in steps if "edition validate" in s.get("run", "")))
    assert any("openjdk" in s.get("run", "") for s in steps)  # jing needs Java


def test_the_hooks_are_named_and_run_the_same_commands_on_tei_files():
    hooks = {hook["id"]: hook for hook in _hooks()}
    assert set(hooks) == {"edition-validate", "edition-format"}
    assert hooks["edition-validate"]["entry"] == "edition validate"
    assert hooks["edition-format"]["entry"] == "edition format --check"
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["name"]
        assert re.search(hook["files"], "tei/trial-1938.xml")
        assert not re.search(hook["files"], "seeds/sources.toml")


@pytest.mark.parametrize("argv", _workflow_commands() + [shlex.split(h["entry"]) for h in _hooks()],
                         ids=" ".join)
def test_every_command_exists_in_the_cli_with_its_options(argv):
    assert _resolve(argv).name in {"validate", "format"}


def test_an_unknown_command_or_option_would_be_caught():
    with pytest.raises(click.UsageError):
        _resolve(["edition", "validate", "--no-such-option"])
    with pytest.raises(click.UsageError):
        _resolve(["edition", "no-such-command"])


@pytest.mark.parametrize("argv", _workflow_commands(), ids=" ".join)
def test_the_workflow_commands_pass_on_the_edition(argv, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, argv[1:])
    assert result.exit_code == 0, result.output


def test_a_hook_given_one_staged_file_checks_that_file(monkeypatch):
    monkeypatch.chdir(ROOT)
    for hook in _hooks():
        argv = shlex.split(hook["entry"])[1:] + ["tei/trial-1938.xml"]
        result = CliRunner().invoke(main, argv)
        assert result.exit_code == 0, result.output
        assert "1 file(s)" in result.output
