"""SEQUENCE, DTSTAMP and LAST-MODIFIED of each session, read from the content's git history.

Editors never number revisions by hand: we walk the first-parent history of
``sessions.yaml`` (and of each module file) from oldest to newest and note, per session,

* when anything shown in its event last changed (DTSTAMP and LAST-MODIFIED), and
* how often its time, place or status changed (SEQUENCE, which never goes down).

Uncommitted changes in the working tree count as one more revision. Its time, and the
time of everything when the content is not in git at all, is ``SOURCE_DATE_EPOCH`` if
set, else the time of the repository's last commit (in git) or :data:`FIXED_EPOCH`
(outside git): never the build clock or a file's mtime, so unchanged content always
gives byte-identical feeds. Parsed revisions are cached per commit hash.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from ...dates import source_date_epoch
from ...files import write_atomically
from ...model import Catalog, Session

UTC = dt.timezone.utc
# The stamp of content that has no history and no SOURCE_DATE_EPOCH: constant on purpose.
FIXED_EPOCH = dt.datetime(2020, 1, 1, tzinfo=UTC)
SESSIONS_FILE = "sessions.yaml"
# Bump when the summaries below change shape, so old cache files are ignored.
CACHE_VERSION = "1"
MODULE_FIELDS = ("kind", "title", "summary", "agenda", "duration_minutes")
# libyaml's loader where PyYAML was built with it: old revisions are parsed by the dozen.
BASE_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


@dataclass(frozen=True)
class Revision:
    """One state of a content file: its commit (None for the working tree), time and parsed data."""

    commit: str | None
    time: dt.datetime
    summary: dict[str, Any]  # key -> {"schedule": [...] | None, "content": fingerprint}


@dataclass
class History:
    """What the feeds need to know about each session's past."""

    sequences: dict[str, int] = field(default_factory=dict)
    session_changed: dict[str, dt.datetime] = field(default_factory=dict)
    module_changed: dict[str, dt.datetime] = field(default_factory=dict)
    fallback: dt.datetime = FIXED_EPOCH
    origin: str = "no history"  # for the build log: where SEQUENCE and DTSTAMP came from

    def sequence(self, session: Session) -> int:
        """How many times the session's time, place or status changed; 0 without history."""
        return self.sequences.get(session.id, 0)

    def modified(self, session: Session) -> dt.datetime:
        """When the session's entry, its venue, trainers or module last changed (UTC)."""
        stamps = [self.session_changed.get(session.id), self.module_changed.get(session.module)]
        known = [stamp for stamp in stamps if stamp is not None]
        return max(known) if known else self.fallback


def read_history(catalog: Catalog, cache_dir: Path) -> History:
    """Read the history of ``catalog.content_dir`` (see the module docstring for the rules)."""
    content_dir = Path(catalog.content_dir)
    repo = GitFolder.open(content_dir, cache_dir)
    fallback = source_date_epoch() or (repo.head_time() if repo else None) or FIXED_EPOCH
    history = History(fallback=fallback, origin=describe(repo, fallback))
    revisions = file_revisions(repo, content_dir, SESSIONS_FILE, summarize_sessions, fallback)
    history.sequences, history.session_changed = walk(revisions)
    for module_id in sorted(catalog.modules):
        path = f"modules/{module_id}.yaml"
        _, changed = walk(file_revisions(repo, content_dir, path, summarize_module, fallback))
        if "module" in changed:
            history.module_changed[module_id] = changed["module"]
    return history


def describe(repo: "GitFolder | None", fallback: dt.datetime) -> str:
    stamp = f"{fallback:%Y-%m-%d %H:%M} UTC"
    if repo is None:
        return f"content not in git: SEQUENCE 0, changes stamped {stamp}"
    if repo.is_shallow():
        # A CI checkout with depth 1 would restart every SEQUENCE at 0: fetch the full history.
        return "WARNING: shallow git clone, SEQUENCE counts only the history fetched (use fetch-depth 0)"
    return f"SEQUENCE and DTSTAMP from git history; changes not yet committed, if any, dated {stamp}"


def walk(revisions: Iterable[Revision]) -> tuple[dict[str, int], dict[str, dt.datetime]]:
    """Count schedule changes and find the last content change per key, oldest revision first.

    A key that disappears and comes back is compared with its last known state, so a
    SEQUENCE never goes down.
    """
    sequences: dict[str, int] = {}
    changed: dict[str, dt.datetime] = {}
    known: dict[str, Any] = {}
    for revision in revisions:
        for key, entry in revision.summary.items():
            before = known.get(key)
            if before is None:
                sequences[key] = 0
                changed[key] = revision.time
            else:
                if before["content"] != entry["content"]:
                    changed[key] = revision.time
                if before["schedule"] != entry["schedule"]:
                    sequences[key] += 1
            known[key] = entry
    return sequences, changed


def file_revisions(repo: "GitFolder | None", content_dir: Path, path: str, summarize, fallback: dt.datetime) -> list[Revision]:
    """Committed states of one content file, oldest first, plus the working tree if it differs."""
    revisions: list[Revision] = []
    if repo is not None:
        revisions = repo.revisions(path, summarize)
    if repo is None or repo.is_dirty(path):
        file = content_dir / path
        if file.is_file():
            time = max([fallback] + [r.time for r in revisions])
            revisions.append(Revision(None, time, summarize(parse(file.read_text(encoding="utf-8")))))
    return revisions


class GitFolder:
    """The git repository around a content folder; every command runs with ``cwd`` set to it."""

    def __init__(self, content_dir: Path, cache_dir: Path) -> None:
        self.content_dir = content_dir
        self.cache_dir = cache_dir

    @classmethod
    def open(cls, content_dir: Path, cache_dir: Path) -> "GitFolder | None":
        """The repository, or None when the folder is not inside a git work tree (or git is missing)."""
        folder = cls(content_dir, cache_dir)
        inside = folder.git("rev-parse", "--is-inside-work-tree")
        return folder if inside is not None and inside.strip() == "true" else None

    def git(self, *args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", *args], cwd=self.content_dir, capture_output=True, check=False,
                env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
            )
        except OSError:
            return None
        return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None

    def head_time(self) -> dt.datetime | None:
        out = self.git("log", "-1", "--format=%ct")
        return from_epoch(out) if out and out.strip() else None

    def is_shallow(self) -> bool:
        return (self.git("rev-parse", "--is-shallow-repository") or "").strip() == "true"

    def is_dirty(self, path: str) -> bool:
        """True if the file has staged, unstaged or untracked changes."""
        return path in self.dirty

    @functools.cached_property
    def dirty(self) -> set[str]:
        """Every file under the content folder with changes, relative to it: one ``git status``."""
        prefix = (self.git("rev-parse", "--show-prefix") or "").strip()
        out = self.git("status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", ".") or ""
        paths = (entry[3:] for entry in out.split("\0") if len(entry) > 3)  # "XY path"
        return {path[len(prefix):] for path in paths if path.startswith(prefix)}

    def revisions(self, path: str, summarize) -> list[Revision]:
        """Committed states of ``path`` along the first-parent line, oldest first; cached per commit."""
        log = self.git("log", "--first-parent", "--reverse", "--format=%H%x09%ct", "--", path)
        if not log:
            return []
        cache_file = self.cache_dir / f"history-v{CACHE_VERSION}-{re.sub(r'[^a-z0-9]+', '-', path.lower())}.json"
        cache = load_cache(cache_file)
        revisions, fresh = [], False
        for line in log.splitlines():
            commit, _, stamp = line.partition("\t")
            if commit not in cache:
                text = self.git("show", f"{commit}:./{path}")
                cache[commit] = summarize(parse(text)) if text is not None else {}
                fresh = True
            revisions.append(Revision(commit, from_epoch(stamp), cache[commit]))
        if fresh:
            save_cache(cache_file, cache)
        return revisions


def load_cache(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_cache(path: Path, cache: dict[str, Any]) -> None:
    write_atomically(path, json.dumps(cache, sort_keys=True).encode("utf-8"))


def parse(text: str) -> Any:
    """Old revisions may be broken or shaped differently: anything unreadable counts as empty.

    The BaseLoader keeps every scalar as the text typed, so ``start: 9:00`` is never 540.
    """
    try:
        return yaml.load(text, Loader=BASE_LOADER)
    except yaml.YAMLError:
        return None


def summarize_sessions(data: Any) -> dict[str, Any]:
    """Per session id: its schedule (time, place, status) and a fingerprint of all it shows."""
    if not isinstance(data, dict) or not isinstance(data.get("sessions"), list):
        return {}
    venues = data.get("venues") if isinstance(data.get("venues"), dict) else {}
    trainers = data.get("trainers") if isinstance(data.get("trainers"), dict) else {}
    summary: dict[str, Any] = {}
    for entry in data["sessions"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        public = {key: value for key, value in entry.items() if key != "internal"}
        venue = venues.get(entry.get("venue")) if isinstance(entry.get("venue"), str) else None
        people = entry.get("trainers") if isinstance(entry.get("trainers"), list) else []
        shown = {
            "session": public,
            "venue": venue,
            "trainers": [trainers.get(t) for t in people if isinstance(t, str)],
        }
        online = entry.get("online")
        schedule = [
            str(entry.get("date", "")).strip(),
            clock(entry.get("start")),
            clock(entry.get("end")),
            entry.get("venue") if isinstance(entry.get("venue"), str) else None,
            venue.get("address") if isinstance(venue, dict) else None,
            online.get("url") if isinstance(online, dict) else None,
            entry.get("status", "scheduled"),
        ]
        summary[entry["id"]] = {"schedule": schedule, "content": fingerprint(shown)}
    return summary


def summarize_module(data: Any) -> dict[str, Any]:
    """One key, 'module': a fingerprint of the module fields that events show."""
    if not isinstance(data, dict):
        return {}
    shown = {key: data.get(key) for key in MODULE_FIELDS}
    return {"module": {"schedule": None, "content": fingerprint(shown)}}


def clock(value: Any) -> str | None:
    """'9:00', '09:00' and '09.00' are the same time: do not count a re-quoting as a change."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", value)
    return f"{int(match[1]):02d}:{match[2]}" if match else value.strip()


def fingerprint(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def from_epoch(text: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(text.strip()), tz=UTC)


