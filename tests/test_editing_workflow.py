"""The pre-commit hooks and the CI workflow call coursegen with options it really has."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import click
import yaml
from click.testing import CliRunner

from generator.cli import cli

REPO = Path(__file__).resolve().parent.parent


def coursegen_args(command: str) -> list[list[str]]:
    """The argument lists of every coursegen call in a shell snippet."""
    calls = []
    for line in command.splitlines():
        words = shlex.split(line)
        for index, word in enumerate(words):
            if Path(word).name == "coursegen":
                calls.append(words[index + 1 :])
    return calls


def parses(args: list[str]) -> None:
    """Raise if coursegen would reject these arguments (nothing is run)."""
    command = cli.get_command(click.Context(cli), args[0])
    assert command is not None, f"coursegen has no command '{args[0]}'"
    command.make_context(args[0], list(args[1:]))


def hooks(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        return [hook for repo in data["repos"] for hook in repo["hooks"]]
    return data


def workflow_runs() -> list[str]:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]


def test_workflow_runs_on_pull_requests_and_publishes_main():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key 'on' as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])
    upload = [s for s in workflow["jobs"]["check-and-build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload and upload[0]["with"]["path"] == "build/site"


def test_workflow_coursegen_calls_are_valid():
    calls = [args for run in workflow_runs() for args in coursegen_args(run)]
    assert ["check", "--content", "content", "--format", "github"] in calls
    assert any(args[:1] == ["build"] for args in calls)
    for args in calls:
        parses(args)


@pytest.mark.parametrize("name", [".pre-commit-config.yaml", ".pre-commit-hooks.yaml"])
def test_pre_commit_hooks_call_valid_commands(name: str):
    found = hooks(REPO / name)
    checks = [h for h in found if coursegen_args(h["entry"])]
    assert checks, found
    for hook in checks:
        assert hook["pass_filenames"] is False
        assert re.search(hook["files"], "content/sessions.yaml")
        assert not re.search(hook["files"], "generator/cli.py")
        for args in coursegen_args(hook["entry"]):
            parses(args)


def test_pre_commit_check_hook_passes_good_and_stops_bad_content(small_content: Path):
    hook = next(h for h in hooks(REPO / ".pre-commit-config.yaml") if h["id"] == "coursegen-check")
    (args,) = coursegen_args(hook["entry"])
    args = args + ["--content", str(small_content)]  # the last --content wins
    assert CliRunner().invoke(cli, args).exit_code == 0
    path = small_content / "sessions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("module: frukost", "module: frukst"), encoding="utf-8")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "okänd modul 'frukst'" in result.stderr  # Swedish, the site's first language
