"""The command line, through click's CliRunner and as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli

from .conftest import SHIPPED_CONTENT


ENGLISH = {"COURSEGEN_LANG": "en"}
# A terminal that says nothing about its language: messages follow the site (Swedish).
SWEDISH_TERMINAL = {key: value for key, value in os.environ.items()
                    if key not in ("COURSEGEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG")} | {"LANG": "C.UTF-8"}


def run(*args: str):
    """coursegen in English (the messages' Swedish versions are tested in test_cli_language.py)."""
    return CliRunner().invoke(cli, list(args), env=ENGLISH)


def break_content(content: Path) -> None:
    """Two defects in two files."""
    sessions = content / "sessions.yaml"
    sessions.write_text(sessions.read_text(encoding="utf-8").replace("module: frukost", "module: frukst"), encoding="utf-8")
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("Europe/Stockholm", "Europe/Stokholm"), encoding="utf-8")


def test_check_passes_on_the_shipped_content() -> None:
    result = run("check", "--content", str(SHIPPED_CONTENT))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{SHIPPED_CONTENT}: OK: ")


def test_check_passes_on_the_small_fixture(small_content: Path) -> None:
    result = run("check", "--content", str(small_content))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{small_content}: OK: 2 modules, 7 slides, 3 sessions, 2 venues, 3 trainers (")


def test_check_reports_every_error_and_exits_1(small_content: Path) -> None:
    break_content(small_content)
    result = run("check", "--content", str(small_content))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{small_content}/sessions.yaml:")
    assert "sessions[2027-03-frukost-online].module: unknown module 'frukst' (did you mean 'frukost'?)" in lines[0]
    assert lines[1].startswith(f"{small_content}/site.yaml:4:11: timezone: unknown timezone 'Europe/Stokholm'")
    assert lines[2] == "2 errors found; nothing was built or changed."
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_check_on_a_missing_folder(tmp_path: Path) -> None:
    result = run("check", "--content", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path / 'nowhere'}:1:1: no such folder; pass the content folder with --content DIR"
    )


def test_failed_build_leaves_previous_site_untouched(small_content: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    (out / "site").mkdir(parents=True)
    marker = out / "site" / "index.html"
    marker.write_text("previous build", encoding="utf-8")
    break_content(small_content)
    result = run("build", "--content", str(small_content), "--out", str(out))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert marker.read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in out.iterdir()) == ["site"]


def test_python_dash_m_generator_runs_without_traceback(small_content: Path) -> None:
    break_content(small_content)
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--content", str(small_content)],
        capture_output=True, text=True, check=False, env=SWEDISH_TERMINAL,
    )
    assert completed.returncode == 1
    assert "okänd modul 'frukst' (menar du 'frukost'?)" in completed.stderr  # Swedish: the site's first language
    assert "Traceback" not in completed.stderr


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("build", "check"):
        assert f"  {command} " in result.stdout


def test_serve_on_a_port_in_use_says_so(small_content: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--content", str(small_content), "--out", str(tmp_path / "build"), "--port", str(port))
    assert result.exit_code == 1
    assert result.output.startswith(f"cannot serve on 127.0.0.1:{port}: Address already in use; ")
    assert "Traceback" not in result.output


def test_build_into_a_file_says_so(small_content: Path, tmp_path: Path) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("not a folder", encoding="utf-8")
    result = run("build", "--content", str(small_content), "--out", str(taken))
    assert result.exit_code == 1
    assert f"build failed: cannot use {taken} as the output folder: File exists; choose another with --out" in result.output
    assert "Traceback" not in result.output


def test_a_disk_error_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "schema", "--out", str(blocker / "schemas")],
        capture_output=True, text=True, check=False,
    )
    assert completed.returncode == 1
    assert completed.stderr == f"coursegen: {blocker / 'schemas'}: Not a directory\n"
