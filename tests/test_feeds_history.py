"""SEQUENCE and DTSTAMP from the content's git history, in throw-away repositories.

The history is read by the loading stage (``generator.loading.history``); the feeds are
built by the real pipeline and read back with icalendar. Old revisions are untrusted: an
alias bomb, a recursive alias, a huge file or broken YAML in any past commit is left
out of the history, named in the build log, and costs nothing twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import pickle
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from generator import urls
from generator.loading import load_catalog
from generator.loading.history import (
    CACHE_VERSION,
    FIXED_EPOCH,
    MAX_BLOB_BYTES,
    MAX_DEPTH,
    MAX_EXPANDED_CHARS,
    MAX_EXPANDED_NODES,
    History,
    Ignored,
    compose_limited,
    read_history,
)
from generator.pipeline import BuildContext, build
from generator.rendering.feeds import render_feeds

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


def blob_of(content: Path, commit_id: str, path: str) -> str:
    return git(content, "rev-parse", f"{commit_id}:./{path}").strip()


def commits_of(content: Path, path: str = "sessions.yaml") -> list[str]:
    """Commits that changed ``path``, oldest first."""
    return git(content, "log", "--reverse", "--format=%H", "--", path).split()


def test_history_is_cached_per_blob_and_a_rebuild_is_byte_identical(repo: Path, tmp_path: Path) -> None:
    edit(repo / "sessions.yaml", 'end: "09:00"', 'end: "09:30"')
    commit(repo, "Longer breakfast", "2026-06-01T08:00:00+00:00")
    out = tmp_path / "out"
    first = {p.name: p.read_bytes() for p in feed_files(build_feeds(repo, out, TODAY))}
    cache = out / "cache" / "history" / f"blobs-v{CACHE_VERSION}"
    cached = {p.name for p in cache.glob("sessions-*.json")}
    assert cached == {f"sessions-{blob_of(repo, c, 'sessions.yaml')}.json" for c in commits_of(repo)}
    assert len(cached) == 2

    def rebuild() -> dict[str, bytes]:  # forced: unchanged content would otherwise keep the site
        build(repo, out, today=TODAY, stages=("feeds",), log=lambda message: None, force=True)
        return {p.name: p.read_bytes() for p in feed_files(out / "site")}

    assert rebuild() == first
    for damage in ("{not json", '{"summary": {"2027-03-frukost-online": 1}}', '{"ignored": 5}'):
        for path in cache.iterdir():
            path.write_text(damage, encoding="utf-8")  # a damaged cache is rebuilt, not trusted
        assert rebuild() == first
    assert json.loads((cache / sorted(cached)[0]).read_text(encoding="utf-8"))["summary"]


def test_a_blob_shared_by_several_commits_is_parsed_once(repo: Path, tmp_path: Path) -> None:
    sessions = repo / "sessions.yaml"
    original = sessions.read_text(encoding="utf-8")
    edit(sessions, 'start: "07:30"', 'start: "08:00"')
    commit(repo, "Move the breakfast", "2026-06-01T08:00:00+00:00")
    sessions.write_text(original, encoding="utf-8")
    commit(repo, "Move it back", "2026-06-02T08:00:00+00:00")  # the first commit's blob again
    history = read_history(repo, ["grunddag", "frukost"], tmp_path / "cache")
    assert history.parsed == 4  # two versions of sessions.yaml, one of each module
    assert history.sequences[FRUKOST] == 2
    assert history.session_changed[FRUKOST] == at("2026-06-02T08:00:00+00:00")
    again = read_history(repo, ["grunddag", "frukost"], tmp_path / "cache")
    assert again.parsed == 0 and again == history


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


# -- old revisions are untrusted ---------------------------------------------------------

MODULES = ["frukost", "grunddag"]


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """'Billion laughs': each level is ``width`` aliases of the one before (9**9 strings in all)."""
    lines = ["laughs:", "  - &l0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"  - &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def with_bomb_in_a_session(text: str) -> str:
    """sessions.yaml with the bomb on top and its last level in the last session's entry,
    where every summary of the session would walk it."""
    return alias_bomb() + text.rstrip("\n") + "\n    extra: *l8\n"


def build_in_subprocess(content: Path, out: Path) -> list[str]:
    """Build the feeds in a child process and return its log lines.

    The timeout and the memory limit only guard the test run against a regression (the
    defect took 4 minutes and 24 GB); the tests assert on what the build did, not on time.
    """
    script = (
        "import datetime, sys\n"
        "from generator.pipeline import build\n"
        "build(sys.argv[1], sys.argv[2], today=datetime.date.fromisoformat(sys.argv[3]), stages=('feeds',),"
        " log=lambda line: print(line, flush=True))\n"
    )

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 * 1024 ** 3, 4 * 1024 ** 3))

    done = subprocess.run(
        [sys.executable, "-c", script, str(content), str(out), TODAY.isoformat()],
        cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, timeout=300,
        preexec_fn=limit_memory, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.splitlines()


def test_alias_bomb_in_past_commit_costs_nothing(repo: Path, tmp_path: Path) -> None:
    sessions = repo / "sessions.yaml"
    original = sessions.read_text(encoding="utf-8")
    moved = original.replace('start: "07:30"', 'start: "08:00"')
    sessions.write_text(with_bomb_in_a_session(moved), encoding="utf-8")
    commit(repo, "Move the breakfast (and a bomb)", "2026-06-01T08:00:00+00:00")
    bomb_commit = commits_of(repo)[-1]
    sessions.write_text(moved, encoding="utf-8")
    commit(repo, "Remove the bomb", "2026-06-02T08:00:00+00:00")

    # Reading the bomb stops after a few dozen nodes, as soon as its expansion passes the limit.
    composed = compose_limited(git(repo, "show", f"{bomb_commit}:./sessions.yaml"))
    assert composed.value is None
    assert "alias" in composed.problem
    assert composed.nodes < 100
    assert MAX_EXPANDED_NODES < composed.expanded < 2 * MAX_EXPANDED_NODES

    history = read_history(repo, MODULES, tmp_path / "cache")
    assert [(i.path, i.commit) for i in history.ignored] == [("sessions.yaml", bomb_commit)]
    assert "alias" in history.ignored[0].reason
    # Left out: the breakfast moved once, between the first commit and the one without the bomb.
    assert history.sequences[FRUKOST] == 1
    assert history.session_changed[FRUKOST] == at("2026-06-02T08:00:00+00:00")

    # Cached per blob, the left-out version too: the second read parses nothing.
    cached = tmp_path / "cache" / f"blobs-v{CACHE_VERSION}" / f"sessions-{blob_of(repo, bomb_commit, 'sessions.yaml')}.json"
    assert "alias" in json.loads(cached.read_text(encoding="utf-8"))["ignored"]
    again = read_history(repo, MODULES, tmp_path / "cache")
    assert again.parsed == 0
    assert again == history

    log = build_in_subprocess(repo, tmp_path / "out")
    assert any(bomb_commit[:10] in line and "left out" in line and "alias" in line for line in log), log
    result = stamps(tmp_path / "out" / "site")
    assert result[FRUKOST][:2] == (1, at("2026-06-02T08:00:00+00:00"))
    assert result[HALMSTAD][:2] == (0, at("2026-05-01T10:00:00+00:00"))


def test_recursive_alias_in_past_commit(repo: Path, tmp_path: Path) -> None:
    sessions, module = repo / "sessions.yaml", repo / "modules" / "grunddag.yaml"
    good_sessions, good_module = sessions.read_text(encoding="utf-8"), module.read_text(encoding="utf-8")
    sessions.write_text(good_sessions.rstrip("\n") + "\n    extra: &loop [a, *loop]\n", encoding="utf-8")
    module.write_text(good_module.replace(
        "summary: {sv: En dag om att ta emot praktikanter., en: A day on receiving trainees.}",
        "summary: &s {sv: En dag., en: *s}"), encoding="utf-8")
    commit(repo, "Loops", "2026-06-01T08:00:00+00:00")
    loop_commit = commits_of(repo)[-1]
    sessions.write_text(good_sessions.replace("status: cancelled", "status: scheduled"), encoding="utf-8")
    module.write_text(good_module, encoding="utf-8")
    commit(repo, "No loops; reinstate Varberg", "2026-06-02T08:00:00+00:00")

    for path in ("sessions.yaml", "modules/grunddag.yaml"):
        composed = compose_limited(git(repo, "show", f"{loop_commit}:./{path}"))
        assert composed.value is None and "recursive alias" in composed.problem, path
        assert composed.nodes < 200
    history = read_history(repo, MODULES, tmp_path / "cache")
    assert sorted((i.path, i.commit) for i in history.ignored) == [
        ("modules/grunddag.yaml", loop_commit), ("sessions.yaml", loop_commit),
    ]
    assert history.sequences[VARBERG] == 1
    # The module's only readable versions are the same: its stamp stays the first commit's.
    assert history.module_changed["grunddag"] == at("2026-05-01T10:00:00+00:00")

    log = build_in_subprocess(repo, tmp_path / "out")
    assert sum("recursive alias" in line for line in log) == 2, log
    result = stamps(tmp_path / "out" / "site")
    assert result[VARBERG][:2] == (1, at("2026-06-02T08:00:00+00:00"))
    assert result[HALMSTAD][:2] == (0, at("2026-05-01T10:00:00+00:00"))


def test_huge_blob_in_history(repo: Path, tmp_path: Path) -> None:
    sessions = repo / "sessions.yaml"
    original = sessions.read_text(encoding="utf-8")
    moved = original.replace('end: "09:00"', 'end: "09:30"')
    filler = "# " + "x" * (MAX_BLOB_BYTES + 1024 * 1024) + "\n"  # a 6 MB comment: valid YAML
    sessions.write_text(filler + moved, encoding="utf-8")
    commit(repo, "Longer breakfast, and a huge comment", "2026-06-01T08:00:00+00:00")
    huge_commit = commits_of(repo)[-1]
    sessions.write_text(moved, encoding="utf-8")
    commit(repo, "Without the comment", "2026-06-02T08:00:00+00:00")

    history = read_history(repo, MODULES, tmp_path / "cache")
    assert [(i.path, i.commit) for i in history.ignored] == [("sessions.yaml", huge_commit)]
    assert "6.0 MB" in history.ignored[0].reason and "5 MB" in history.ignored[0].reason
    # Never read: the versions parsed are the other two of sessions.yaml and one per module.
    assert history.parsed == 4
    assert history.sequences[FRUKOST] == 1
    assert history.session_changed[FRUKOST] == at("2026-06-02T08:00:00+00:00")
    cached = tmp_path / "cache" / f"blobs-v{CACHE_VERSION}" / f"sessions-{blob_of(repo, huge_commit, 'sessions.yaml')}.json"
    assert "MB" in json.loads(cached.read_text(encoding="utf-8"))["ignored"]

    log = build_in_subprocess(repo, tmp_path / "out")
    assert any(huge_commit[:10] in line and "MB" in line for line in log), log
    assert stamps(tmp_path / "out" / "site")[FRUKOST][:2] == (1, at("2026-06-02T08:00:00+00:00"))


def test_broken_yaml_and_other_bytes_in_past_commits_are_left_out(repo: Path, tmp_path: Path) -> None:
    sessions = repo / "sessions.yaml"
    original = sessions.read_text(encoding="utf-8")
    broken = {
        "syntax": "sessions: [unclosed\n",
        "not utf-8": None,
        "undefined alias": "sessions: *nowhere\n",
        "two documents": "sessions: []\n---\nsessions: []\n",
        "too deep": "sessions: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n",
    }
    expected = {}
    for number, (name, text) in enumerate(broken.items(), 1):
        if text is None:
            sessions.write_bytes(b"sessions:\n  - id: caf\xe9\n")
        else:
            sessions.write_text(text, encoding="utf-8")
        commit(repo, f"Broken: {name}", f"2026-06-0{number}T08:00:00+00:00")
        expected[commits_of(repo)[-1]] = name
    sessions.write_text(original.replace("status: full", "status: scheduled"), encoding="utf-8")
    commit(repo, "Repaired", "2026-07-01T08:00:00+00:00")
    history = read_history(repo, MODULES, tmp_path / "cache")
    reasons = {i.commit: i.reason for i in history.ignored}
    assert set(reasons) == set(expected)
    assert "not valid YAML" in reasons[next(c for c, n in expected.items() if n == "syntax")]
    assert "UTF-8" in reasons[next(c for c, n in expected.items() if n == "not utf-8")]
    assert "no anchor" in reasons[next(c for c, n in expected.items() if n == "undefined alias")]
    assert "more than one" in reasons[next(c for c, n in expected.items() if n == "two documents")]
    assert "deeper" in reasons[next(c for c, n in expected.items() if n == "too deep")]
    assert history.sequences == {HALMSTAD: 0, FRUKOST: 1, VARBERG: 0}
    assert stamps(build_feeds(repo, tmp_path / "out", TODAY))[FRUKOST][:2] == (1, at("2026-07-01T08:00:00+00:00"))


@pytest.mark.parametrize("text, problem", [
    (alias_bomb(), "values"),
    ("big: &big " + "x" * 100_000 + "\nall: [" + ", ".join(["*big"] * (MAX_EXPANDED_CHARS // 100_000 + 1)) + "]\n", "characters"),
    ("a: &a [b, *a]\n", "recursive alias"),
    ("a: &a {b: {c: *a}}\n", "recursive alias"),
    ("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n", "deeper"),
])
def test_the_composer_stops_at_each_limit(text: str, problem: str) -> None:
    composed = compose_limited(text)
    assert composed.value is None
    assert problem in composed.problem
    assert composed.nodes < 1000


def test_the_composer_keeps_aliases_and_typed_text_within_the_limits() -> None:
    composed = compose_limited("t: &t {start: 9:00, ok: No}\nsessions: [*t, *t]\n[a]: complex key dropped\n")
    assert composed.problem is None
    assert composed.value == {"t": {"start": "9:00", "ok": "No"}, "sessions": [{"start": "9:00", "ok": "No"}] * 2}
    assert composed.value["sessions"][0] is composed.value["sessions"][1]  # shared, never copied
    assert (composed.nodes, composed.expanded) == (14, 22)  # the two aliases count 5 each when expanded
    assert compose_limited("").value is None and compose_limited("").problem is None


# -- the history travels in the catalog ---------------------------------------------------

def test_history_is_frozen_and_picklable(repo: Path, tmp_path: Path) -> None:
    edit(repo / "sessions.yaml", 'start: "07:30"', 'start: "08:00"')
    commit(repo, "Move the breakfast", "2026-06-01T08:00:00+00:00")
    history = read_history(repo, MODULES, tmp_path / "cache")
    copy = pickle.loads(pickle.dumps(history))
    assert copy == history
    assert copy.sequences[FRUKOST] == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        history.origin = "changed"  # type: ignore[misc]
    with pytest.raises((TypeError, AttributeError)):
        history.sequences[FRUKOST] = 5  # type: ignore[index]


def test_the_renderer_takes_the_history_from_the_catalog_and_never_reads_content(
        repo: Path, tmp_path: Path) -> None:
    catalog = load_catalog(repo)
    stamp = at("2026-11-11T11:11:00+00:00")
    history = History(sequences={FRUKOST: 7}, session_changed={FRUKOST: stamp}, fallback=stamp,
                      origin="from the catalog", ignored=(Ignored("sessions.yaml", "0" * 40, "a test"),))
    gone = tmp_path / "no-such-content"  # nothing to read there, and not a git repository
    catalog = dataclasses.replace(catalog, history=history, content_dir=gone)
    site = tmp_path / "site"
    site.mkdir()
    messages: list[str] = []
    ctx = BuildContext(catalog=catalog, site_dir=site, work_dir=tmp_path / "work", today=TODAY, log=messages.append)
    assert render_feeds(ctx) > 0
    result = stamps(site)
    assert result[FRUKOST] == (7, stamp, stamp)
    assert result[HALMSTAD] == (0, stamp, stamp)
    assert any("from the catalog" in m for m in messages)
    assert any("0000000000" in m and "a test" in m for m in messages)
    assert not (tmp_path / "work").exists()  # no history cache written: nothing was read
