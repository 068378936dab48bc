"""SEQUENCE and DTSTAMP from the content's git history, in throw-away repositories."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest
from icalendar import Calendar

from generator import urls
from generator.pipeline import build
from generator.rendering.feeds.history import FIXED_EPOCH

from .test_feeds import build_feeds, events_of, feed_files

TODAY = dt.date(2027, 1, 15)
UTC = dt.timezone.utc
FRUKOST = "2027-03-frukost-online"
HALMSTAD = "2027-02-grunddag-halmstad"
VARBERG = "2027-10-grunddag-varberg"


def git(content: Path, *args: str, when: str | None = None) -> str:
    """Run git in the content folder; commits get a fixed author and time."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Redaktör", "GIT_AUTHOR_EMAIL": "redaktor@example.org",
           "GIT_COMMITTER_NAME": "Redaktör", "GIT_COMMITTER_EMAIL": "redaktor@example.org"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    done = subprocess.run(["git", *args], cwd=content, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def commit(content: Path, message: str, when: str) -> None:
    git(content, "add", "-A", ".")
    git(content, "commit", "-q", "-m", message, when=when)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def stamps(site: Path) -> dict[str, tuple[int, dt.datetime, dt.datetime]]:
    """Session id -> (SEQUENCE, DTSTAMP, LAST-MODIFIED) from the Swedish all-sessions feed."""
    calendar = Calendar.from_ical((site / urls.feed_all("sv").lstrip("/")).read_bytes())
    return {
        str(e["URL"]).rstrip("/").rsplit("/", 1)[1]: (int(e["SEQUENCE"]), e["DTSTAMP"].dt, e["LAST-MODIFIED"].dt)
        for e in events_of(calendar)
    }


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(UTC)


@pytest.fixture
def repo(small_content: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small fixture as the only commit of a fresh repository."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    git(small_content, "init", "-q", "-b", "main")
    commit(small_content, "Add the course calendar", "2026-05-01T10:00:00+00:00")
    return small_content


def test_first_build_has_sequence_zero_and_the_commit_time_as_dtstamp(repo: Path, tmp_path: Path) -> None:
    result = stamps(build_feeds(repo, tmp_path / "out", TODAY))
    first = at("2026-05-01T10:00:00+00:00")
    assert result == {sid: (0, first, first) for sid in (HALMSTAD, FRUKOST, VARBERG)}


def test_sequence_rises_with_time_place_and_status_but_not_with_other_changes(repo: Path, tmp_path: Path) -> None:
    sessions = repo / "sessions.yaml"
    edit(sessions, 'start: "07:30"', 'start: "08:00"')
    commit(repo, "Move the breakfast half an hour", "2026-06-01T08:00:00+00:00")
    result = stamps(build_feeds(repo, tmp_path / "one", TODAY))
    assert result[FRUKOST][:2] == (1, at("2026-06-01T08:00:00+00:00"))
    assert result[HALMSTAD][:2] == (0, at("2026-05-01T10:00:00+00:00"))

    edit(sessions, "Ta med <b>egen</b> dator.", "Ta med egen dator och laddare.")
    commit(repo, "Clarify the note", "2026-07-01T08:00:00+00:00")
    result = stamps(build_feeds(repo, tmp_path / "two", TODAY))
    assert result[HALMSTAD] == (0, at("2026-07-01T08:00:00+00:00"), at("2026-07-01T08:00:00+00:00"))
    assert result[FRUKOST][0] == 1

    edit(sessions, "internal: SECRET-INTERNAL-NOTE", "internal: another internal remark")
    edit(sessions, 'start: "08:00"', "start: 8:00")  # the same time, written another way
    commit(repo, "Internal remark; unquote a time", "2026-08-01T08:00:00+00:00")
    after = stamps(build_feeds(repo, tmp_path / "three", TODAY))
    assert after[HALMSTAD] == result[HALMSTAD]
    assert after[FRUKOST][0] == 1

    edit(sessions, "venue: stadshus-varberg", "venue: bibliotek-halmstad")
    commit(repo, "Move the Varberg day to Halmstad", "2026-09-01T08:00:00+00:00")
    edit(sessions, "status: cancelled", "status: scheduled")
    commit(repo, "Reinstate it", "2026-09-02T08:00:00+00:00")
    result = stamps(build_feeds(repo, tmp_path / "four", TODAY))
    assert result[VARBERG][:2] == (2, at("2026-09-02T08:00:00+00:00"))


def test_a_module_change_updates_dtstamp_but_not_sequence(repo: Path, tmp_path: Path) -> None:
    edit(repo / "modules" / "grunddag.yaml", "En dag om att ta emot praktikanter.", "En dag om att ta emot och stötta praktikanter.")
    commit(repo, "Sharpen the basic day summary", "2026-10-01T12:00:00+00:00")
    result = stamps(build_feeds(repo, tmp_path / "out", TODAY))
    assert result[HALMSTAD][:2] == (0, at("2026-10-01T12:00:00+00:00"))
    assert result[VARBERG][:2] == (0, at("2026-10-01T12:00:00+00:00"))
    assert result[FRUKOST][:2] == (0, at("2026-05-01T10:00:00+00:00"))


def test_uncommitted_changes_count_as_one_more_revision(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo / "sessions.yaml", "status: full", "status: cancelled")
    result = stamps(build_feeds(repo, tmp_path / "head", TODAY))
    assert result[FRUKOST][:2] == (1, at("2026-05-01T10:00:00+00:00"))  # the last commit's time
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(at("2026-12-24T15:00:00+00:00").timestamp())))
    result = stamps(build_feeds(repo, tmp_path / "epoch", TODAY))
    assert result[FRUKOST][:2] == (1, at("2026-12-24T15:00:00+00:00"))
    assert result[HALMSTAD][:2] == (0, at("2026-05-01T10:00:00+00:00"))


def test_uncommitted_changes_count_in_a_content_folder_below_the_repository_root(
        small_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As in this project: the repository holds content/ next to the code.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = tmp_path / "project"
    project.mkdir()
    content = project / "content"
    small_content.rename(content)
    git(project, "init", "-q", "-b", "main")
    commit(project, "Add the course calendar", "2026-05-01T10:00:00+00:00")
    edit(content / "sessions.yaml", "status: full", "status: cancelled")
    result = stamps(build_feeds(content, tmp_path / "build", TODAY))
    assert result[FRUKOST][0] == 1
    assert result[HALMSTAD][0] == 0


def test_history_is_cached_per_commit_and_a_rebuild_is_byte_identical(repo: Path, tmp_path: Path) -> None:
    edit(repo / "sessions.yaml", 'end: "09:00"', 'end: "09:30"')
    commit(repo, "Longer breakfast", "2026-06-01T08:00:00+00:00")
    out = tmp_path / "out"
    first = {p.name: p.read_bytes() for p in feed_files(build_feeds(repo, out, TODAY))}
    cached = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "cache" / "feeds").glob("*sessions*.json")]
    assert len(cached) == 1
    commits = git(repo, "log", "--format=%H", "--", "sessions.yaml").split()
    assert set(cached[0]) == set(commits)
    second = {p.name: p.read_bytes() for p in feed_files(build_feeds(repo, out, TODAY))}
    assert first == second
    for path in (out / "cache" / "feeds").iterdir():
        path.write_text("{not json", encoding="utf-8")  # a damaged cache is rebuilt, not trusted
    third = {p.name: p.read_bytes() for p in feed_files(build_feeds(repo, out, TODAY))}
    assert third == first


def test_outside_git_sequence_is_zero_and_the_stamp_is_source_date_epoch_or_fixed(small_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert subprocess.run(["git", "rev-parse"], cwd=small_content, capture_output=True).returncode != 0
    result = stamps(build_feeds(small_content, tmp_path / "plain", TODAY))
    assert set(result.values()) == {(0, FIXED_EPOCH, FIXED_EPOCH)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    result = stamps(build_feeds(small_content, tmp_path / "epoch", TODAY))
    assert set(result.values()) == {(0, at("2026-01-01T00:00:00+00:00"), at("2026-01-01T00:00:00+00:00"))}


def test_a_shallow_clone_is_reported_in_the_build_log(repo: Path, tmp_path: Path) -> None:
    edit(repo / "sessions.yaml", 'start: "07:30"', 'start: "08:00"')
    commit(repo, "Move the breakfast", "2026-06-01T08:00:00+00:00")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True, capture_output=True)
    messages: list[str] = []
    build(shallow, tmp_path / "out", today=TODAY, stages=("feeds",), log=messages.append)
    assert any("shallow git clone" in m for m in messages)
    messages.clear()
    build(repo, tmp_path / "full", today=TODAY, stages=("feeds",), log=messages.append)
    assert not any("shallow" in m for m in messages)
