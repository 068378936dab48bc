"""The build as a whole: atomic swap, a killed build, leftovers, the summary."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.pipeline import STAGING_PREFIX, build

from .conftest import SMALL_TODAY


def tree_digest(folder: Path) -> str:
    """One hash over every file's path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def processes_naming(folder: Path) -> list[int]:
    """Live processes whose command line names ``folder`` (the build and its forked workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(folder) in (entry / "cmdline").read_bytes().decode(errors="replace"):
                if (entry / "stat").read_text().split(") ")[-1][0] != "Z":  # not a zombie
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_build_swaps_in_a_complete_site(small_content: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    (out / "site").mkdir(parents=True)
    stale = out / "site" / "stale.html"
    stale.write_text("from an older build", encoding="utf-8")
    messages: list[str] = []
    report = build(small_content, out, today=SMALL_TODAY, log=messages.append)
    assert not stale.exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".site-")] == []
    assert messages[0] == "validate: reading content"
    assert report.summary().startswith(f"Built {out / 'site'}: ")
    assert oct((out / "site").stat().st_mode & 0o777) == "0o755"


def test_killed_build_leaves_previous_site_intact(small_content: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build(small_content, out, today=SMALL_TODAY, log=lambda message: None)
    before = tree_digest(out / "site")
    # Change the content so a finished build would differ, then kill the build half-way.
    module = small_content / "modules" / "grunddag.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("Basic day}", "Basic day (changed)}", 1), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--content", str(small_content), "--out", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    staging: list[Path] = []
    while time.monotonic() < deadline and process.poll() is None:
        staging = [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)]
        if staging and any(staging[0].iterdir()):
            break
        time.sleep(0.005)
    assert process.poll() is None, "the build finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert staging, "the build never wrote a staging folder"
    # Its worker processes die with it instead of writing on.
    deadline = time.monotonic() + 10
    while processes_naming(out) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_naming(out) == []
    assert tree_digest(out / "site") == before
    # The next build cleans up what the killed one left behind.
    build(small_content, out, today=SMALL_TODAY, log=lambda message: None)
    assert [p.name for p in out.iterdir() if p.name.startswith(".site-")] == []
    assert tree_digest(out / "site") != before


def test_unchanged_content_is_not_rebuilt(small_content: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    first = build(small_content, out, today=SMALL_TODAY, log=lambda message: None)
    assert not first.up_to_date
    inode = (out / "site").stat().st_ino
    again = build(small_content, out, today=SMALL_TODAY, log=lambda message: None)
    assert again.up_to_date and again.stages == []
    assert (out / "site").stat().st_ino == inode  # the same folder: nothing was swapped
    later = build(small_content, out, today=SMALL_TODAY.replace(day=2), log=lambda message: None)
    assert not later.up_to_date  # another 'today' moves sessions from upcoming to past
    forced = build(small_content, out, today=SMALL_TODAY.replace(day=2), log=lambda message: None, force=True)
    assert not forced.up_to_date


def test_whole_site_is_byte_identical_with_source_date_epoch(small_content: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    build(small_content, tmp_path / "one", today=SMALL_TODAY, log=lambda message: None)
    build(small_content, tmp_path / "two", today=SMALL_TODAY, log=lambda message: None)
    one, two = tmp_path / "one" / "site", tmp_path / "two" / "site"
    assert sorted(p.relative_to(one) for p in one.rglob("*")) == sorted(p.relative_to(two) for p in two.rglob("*"))
    assert tree_digest(one) == tree_digest(two)
    # mkdocs dates the sitemap from SOURCE_DATE_EPOCH: 1800000000 is 2027-01-15.
    assert "<lastmod>2027-01-15</lastmod>" in (one / "sitemap.xml").read_text(encoding="utf-8")


def test_build_with_relative_folders_as_make_site_runs_it(small_content: Path, tmp_path: Path, monkeypatch) -> None:
    # `make site` runs `coursegen build` with the defaults `content` and `build`, relative to the
    # project; mkdocs resolves relative folders against its own configuration file instead.
    project = tmp_path / "project"
    project.mkdir()
    small_content.rename(project / "content")
    monkeypatch.chdir(project)
    report = build(Path("content"), Path("build"), today=SMALL_TODAY, log=lambda message: None)
    assert (project / "build" / "site" / "index.html").is_file()
    assert (project / "build" / "site" / "en" / "index.html").is_file()
    assert report.site_dir == project / "build" / "site"


def test_parallel_and_serial_builds_write_the_same_site(small_content: Path, tmp_path: Path, monkeypatch) -> None:
    # Decks and feeds render in a second process, and each language's mkdocs in its own:
    # the result must not depend on it.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    parallel = build(small_content, tmp_path / "parallel", today=SMALL_TODAY, log=lambda message: None)
    serial = build(small_content, tmp_path / "serial", today=SMALL_TODAY, log=lambda message: None, parallel=False)
    assert tree_digest(parallel.site_dir) == tree_digest(serial.site_dir)
    assert [(s.name, s.outputs) for s in parallel.stages] == [(s.name, s.outputs) for s in serial.stages]


def test_a_stage_failing_in_the_second_process_fails_the_build(small_content: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    build(small_content, out, today=SMALL_TODAY, log=lambda message: None)
    before = tree_digest(out / "site")
    # Content cannot make a stage fail (the loader refuses it first); a disk problem can:
    # the decks' cache folder is a file, so the decks stage in the worker fails.
    shutil.rmtree(out / "cache" / "decks")
    (out / "cache" / "decks").write_text("in the way", encoding="utf-8")
    messages: list[str] = []
    with pytest.raises(FileExistsError) as failure:
        build(small_content, out, today=SMALL_TODAY, log=messages.append, force=True)
    assert failure.value.filename == str(out / "cache" / "decks")
    assert "decks: rendering" in messages  # the second process's log reached ours
    assert tree_digest(out / "site") == before
    assert [p.name for p in out.iterdir() if p.name.startswith(STAGING_PREFIX)] == []


def test_language_workers_see_the_environment_of_each_build(small_content: Path, tmp_path: Path, monkeypatch) -> None:
    # The worker that builds the English site outlives a build (the preview reuses it).
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build(small_content, tmp_path / "before", today=SMALL_TODAY, log=lambda message: None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    report = build(small_content, tmp_path / "after", today=SMALL_TODAY, log=lambda message: None)
    for sitemap in (report.site_dir / "sitemap.xml", report.site_dir / "en" / "sitemap.xml"):
        assert "<lastmod>2027-01-15</lastmod>" in sitemap.read_text(encoding="utf-8"), sitemap


def test_a_failed_site_stage_leaves_the_next_build_whole(small_content: Path, tmp_path: Path) -> None:
    # The site stage fails here while decks and feeds run in the worker; the build after
    # it must get all of its own log lines and outputs. Content cannot make the site stage
    # fail (check refuses it first): a file where its Markdown folder goes can.
    pages = small_content / "pages"
    pages.mkdir()
    (pages / "om.sv.md").write_text("# Om\n\nInget makro.\n", encoding="utf-8")
    out = tmp_path / "build"
    out.mkdir()
    (out / "site-src").write_text("in the way", encoding="utf-8")
    with pytest.raises(OSError):
        build(small_content, out, today=SMALL_TODAY, log=lambda message: None)
    assert not (out / "site").exists()
    (out / "site-src").unlink()
    messages: list[str] = []
    report = build(small_content, out, today=SMALL_TODAY, log=messages.append)
    assert sorted(s.name for s in report.stages) == ["decks", "feeds", "print", "site"]
    for stage in ("decks", "feeds", "print"):
        assert f"{stage}: rendering" in messages
        assert any(line.startswith(f"{stage}: ") and " files in " in line for line in messages)
    assert (report.site_dir / "om" / "index.html").is_file()
