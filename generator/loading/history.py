"""SEQUENCE, DTSTAMP and LAST-MODIFIED of each session, read once from the content's git history.

Editors never number revisions by hand: we walk the first-parent history of
``sessions.yaml`` (and of each module file) from oldest to newest and note, per session,

* when anything shown in its event last changed (DTSTAMP and LAST-MODIFIED), and
* how often its time, place or status changed (SEQUENCE, which never goes down).

Uncommitted changes in the working tree count as one more revision. Its time, and the
time of everything when the content is not in git at all, is ``SOURCE_DATE_EPOCH`` if
set, else the time of the repository's last commit (in git) or :data:`FIXED_EPOCH`
(outside git): never the build clock or a file's mtime, so unchanged content always
gives byte-identical feeds.

Old revisions are untrusted input that the loader never checked, and a build reads all
of them. So they are read with limits, and a revision that breaks one is left out (and
named in :attr:`History.ignored`) instead of failing or stalling the build:

* a file larger than :data:`MAX_BLOB_BYTES` is not read at all;
* the YAML is composed event by event (:func:`compose_limited`), counting the values it
  stands for with every alias expanded; past :data:`MAX_EXPANDED_NODES` values or
  :data:`MAX_EXPANDED_CHARS` characters (an alias bomb), a recursive alias, nesting
  deeper than :data:`MAX_DEPTH` or invalid YAML, the revision is left out after the
  few events read so far.

What each file version (git blob) says is cached under ``cache_dir`` by its blob hash,
a left-out one too, so no version is parsed twice, whichever commits share it. The
limits may be raised but never lowered: leaving out more revisions could lower a
SEQUENCE, while taking in more never does.

This is the only place that runs git on the content; the result, :class:`History`, is
frozen and picklable, and travels to the feeds renderer inside the catalog.
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
from typing import Any, Callable, Iterable, Iterator, Mapping

import yaml

from ..dates import source_date_epoch
from ..files import write_atomically
from ..model import FrozenMap

UTC = dt.timezone.utc
# The stamp of content that has no history and no SOURCE_DATE_EPOCH: constant on purpose.
FIXED_EPOCH = dt.datetime(2020, 1, 1, tzinfo=UTC)
SESSIONS_FILE = "sessions.yaml"
# Bump when the summaries below change shape, so old cache files are ignored.
CACHE_VERSION = "2"
MODULE_FIELDS = ("kind", "title", "summary", "agenda", "duration_minutes")

# Limits for one revision of one file (see the module docstring: raise, never lower).
MAX_BLOB_BYTES = 5 * 1024 * 1024
MAX_EXPANDED_NODES = 200_000
MAX_EXPANDED_CHARS = 4 * MAX_BLOB_BYTES
MAX_DEPTH = 100
# Texts longer than this are kept in summaries as a fingerprint, not as the text itself.
MAX_KEPT_TEXT = 256

# libyaml's parser where PyYAML was built with it: old revisions are read by the dozen.
EVENT_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# -- the result ------------------------------------------------------------------------

@dataclass(frozen=True)
class Ignored:
    """A revision of a content file left out of the history, and why."""

    path: str  # inside the content folder, e.g. 'sessions.yaml'
    commit: str | None  # None: the working tree
    reason: str

    def __str__(self) -> str:
        where = f"commit {self.commit[:10]}" if self.commit else "not yet committed"
        return f"WARNING: {self.path} ({where}): left out of SEQUENCE and DTSTAMP: {self.reason}"


@dataclass(frozen=True)
class History:
    """What the feeds need to know about each session's past: frozen and picklable."""

    sequences: Mapping[str, int] = field(default_factory=FrozenMap)
    session_changed: Mapping[str, dt.datetime] = field(default_factory=FrozenMap)
    module_changed: Mapping[str, dt.datetime] = field(default_factory=FrozenMap)
    fallback: dt.datetime = FIXED_EPOCH
    origin: str = "no history"  # for the build log: where SEQUENCE and DTSTAMP came from
    ignored: tuple[Ignored, ...] = ()
    # How many file versions this read parsed (the others came from the cache): for tests
    # and benchmarks, not part of the history itself.
    parsed: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        for name in ("sequences", "session_changed", "module_changed"):
            value = getattr(self, name)
            if not isinstance(value, FrozenMap):
                object.__setattr__(self, name, FrozenMap(value))
        object.__setattr__(self, "ignored", tuple(self.ignored))

    def sequence(self, session) -> int:
        """How many times the session's time, place or status changed; 0 without history."""
        return self.sequences.get(session.id, 0)

    def modified(self, session) -> dt.datetime:
        """When the session's entry, its venue, trainers or module last changed (UTC)."""
        stamps = [self.session_changed.get(session.id), self.module_changed.get(session.module)]
        known = [stamp for stamp in stamps if stamp is not None]
        return max(known) if known else self.fallback

    @property
    def notes(self) -> tuple[str, ...]:
        """Lines for the build log: every revision left out, with the reason."""
        return tuple(str(item) for item in self.ignored)


def read_history(content_dir: Path, module_ids: Iterable[str], cache_dir: Path) -> History:
    """Read the history of ``content_dir`` (see the module docstring for the rules)."""
    content_dir = Path(content_dir)
    repo = GitFolder.open(content_dir)
    fallback = source_date_epoch() or (repo.head_time() if repo else None) or FIXED_EPOCH
    modules = {f"modules/{module_id}.yaml": module_id for module_id in sorted(module_ids)}
    reader = Reader(repo, content_dir, Path(cache_dir), fallback)
    revisions = reader.revisions([(SESSIONS_FILE, "sessions")] + [(path, "module") for path in modules])
    sequences, session_changed = walk(revisions[SESSIONS_FILE])
    module_changed = {}
    for path, module_id in modules.items():
        _, changed = walk(revisions[path])
        if "module" in changed:
            module_changed[module_id] = changed["module"]
    return History(
        sequences=sequences, session_changed=session_changed, module_changed=module_changed,
        fallback=fallback, origin=describe(repo, fallback), ignored=tuple(reader.ignored),
        parsed=reader.parsed,
    )


def describe(repo: "GitFolder | None", fallback: dt.datetime) -> str:
    stamp = f"{fallback:%Y-%m-%d %H:%M} UTC"
    if repo is None:
        return f"content not in git: SEQUENCE 0, changes stamped {stamp}"
    if repo.is_shallow():
        # A CI checkout with depth 1 would restart every SEQUENCE at 0: fetch the full history.
        return "WARNING: shallow git clone, SEQUENCE counts only the history fetched (use fetch-depth 0)"
    return f"SEQUENCE and DTSTAMP from git history; changes not yet committed, if any, dated {stamp}"


@dataclass(frozen=True)
class Revision:
    """One state of a content file: its commit (None for the working tree), time and summary."""

    commit: str | None
    time: dt.datetime
    summary: dict[str, Any]  # key -> {"schedule": [...] | None, "content": fingerprint}


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


# -- reading the revisions -------------------------------------------------------------

class Reader:
    """Revisions of the content files, each file version summarised once (and cached)."""

    def __init__(self, repo: "GitFolder | None", content_dir: Path, cache_dir: Path, fallback: dt.datetime) -> None:
        self.repo = repo
        self.content_dir = content_dir
        self.cache = BlobCache(cache_dir / f"blobs-v{CACHE_VERSION}")
        self.fallback = fallback
        self.ignored: list[Ignored] = []
        self.parsed = 0

    def revisions(self, files: list[tuple[str, str]]) -> dict[str, list[Revision]]:
        """Per file: its committed states, oldest first, plus the working tree if it differs."""
        kinds = dict(files)
        committed: dict[str, list[tuple[str, dt.datetime, str, int]]] = {path: [] for path in kinds}
        if self.repo is not None:
            commits = self.repo.commits(list(kinds))
            blobs = self.repo.blobs(commits, list(kinds))
            for path in kinds:
                previous = None
                for commit, time in commits:
                    blob = blobs.get((commit, path))
                    if blob is not None and blob[0] != previous:
                        committed[path].append((commit, time, *blob))
                    previous = blob[0] if blob else None
        summaries = self.summaries(
            {(kinds[path], sha, size) for path, states in committed.items() for _, _, sha, size in states}
        )
        result: dict[str, list[Revision]] = {}
        for path, states in committed.items():
            revisions = []
            for commit, time, sha, _ in states:
                summary, problem = summaries[(kinds[path], sha)]
                if problem is not None:
                    self.ignored.append(Ignored(path, commit, problem))
                else:
                    revisions.append(Revision(commit, time, summary))
            if self.repo is None or path in self.repo.dirty:
                self.add_working_tree(path, kinds[path], revisions)
            result[path] = revisions
        return result

    def summaries(self, wanted: set[tuple[str, str, int]]) -> dict[tuple[str, str], tuple[dict, str | None]]:
        """(kind, blob hash) -> (summary, reason it is left out or None): cached, else read from git."""
        found: dict[tuple[str, str], tuple[dict, str | None]] = {}
        to_read: dict[str, list[str]] = {}
        for kind, sha, size in sorted(wanted):
            cached = self.cache.get(kind, sha)
            if cached is not None:
                found[(kind, sha)] = cached
            elif size > MAX_BLOB_BYTES:
                found[(kind, sha)] = self.cache.put(kind, sha, {}, too_large(size))
            else:
                to_read.setdefault(sha, []).append(kind)
        if to_read and self.repo is not None:
            for sha, data in self.repo.read_blobs(sorted(to_read)):
                for kind in to_read.pop(sha):
                    found[(kind, sha)] = self.cache.put(kind, sha, *summarize_bytes(data, kind))
                    self.parsed += 1
        for sha, kinds in to_read.items():  # git could not give them: left out, not cached
            for kind in kinds:
                found[(kind, sha)] = ({}, "git could not read this version of the file")
        return found

    def add_working_tree(self, path: str, kind: str, revisions: list[Revision]) -> None:
        file = self.content_dir / path
        try:
            if not file.is_file():
                return
            size = file.stat().st_size
            data = b"" if size > MAX_BLOB_BYTES else file.read_bytes()
        except OSError as exc:
            self.ignored.append(Ignored(path, None, f"cannot read the file: {exc.strerror}"))
            return
        summary, problem = ({}, too_large(size)) if size > MAX_BLOB_BYTES else summarize_bytes(data, kind)
        self.parsed += 1
        if problem is not None:
            self.ignored.append(Ignored(path, None, problem))
            return
        time = max([self.fallback] + [r.time for r in revisions])
        revisions.append(Revision(None, time, summary))


def too_large(size: int) -> str:
    return f"the file is {size / 1024 / 1024:.1f} MB, more than the {MAX_BLOB_BYTES // 1024 // 1024} MB read from history"


class BlobCache:
    """One small JSON file per (kind, blob hash): what that version of a file says."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, kind: str, sha: str) -> Path:
        return self.folder / f"{kind}-{sha}.json"

    def get(self, kind: str, sha: str) -> tuple[dict, str | None] | None:
        try:
            data = json.loads(self.path(kind, sha).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing or damaged: read again
        if not isinstance(data, dict):
            return None
        summary, ignored = data.get("summary"), data.get("ignored")
        if isinstance(summary, dict) and ignored is None and all(
            isinstance(entry, dict) and isinstance(entry.get("content"), str) and "schedule" in entry
            for entry in summary.values()
        ):
            return summary, None
        if isinstance(ignored, str):
            return {}, ignored
        return None

    def put(self, kind: str, sha: str, summary: dict, problem: str | None) -> tuple[dict, str | None]:
        entry = {"ignored": problem} if problem is not None else {"summary": summary}
        try:
            write_atomically(self.path(kind, sha), json.dumps(entry, sort_keys=True).encode("utf-8"))
        except OSError:
            pass  # a cache that cannot be written only costs time
        return summary, problem


class GitFolder:
    """The git repository around a content folder; every command runs with ``cwd`` set to it."""

    def __init__(self, content_dir: Path, prefix: str = "") -> None:
        self.content_dir = content_dir
        self.prefix = prefix  # the content folder inside the repository, e.g. 'content/'

    @classmethod
    def open(cls, content_dir: Path) -> "GitFolder | None":
        """The repository, or None when the folder is not inside a git work tree (or git is missing)."""
        folder = cls(content_dir)
        inside = folder.git("rev-parse", "--is-inside-work-tree")
        if inside is None or inside.strip() != b"true":
            return None
        folder.prefix = (folder.git("rev-parse", "--show-prefix") or b"").decode("utf-8", "replace").strip()
        return folder

    def git(self, *args: str, input: bytes | None = None) -> bytes | None:
        try:
            done = subprocess.run(
                ["git", *args], cwd=self.content_dir, capture_output=True, check=False, input=input,
                env=git_environment(),
            )
        except OSError:
            return None
        return done.stdout if done.returncode == 0 else None

    def head_time(self) -> dt.datetime | None:
        out = self.git("log", "-1", "--format=%ct")
        return from_epoch(out.decode()) if out and out.strip() else None

    def is_shallow(self) -> bool:
        return (self.git("rev-parse", "--is-shallow-repository") or b"").strip() == b"true"

    @functools.cached_property
    def dirty(self) -> set[str]:
        """Every file under the content folder with staged, unstaged or untracked changes: one ``git status``."""
        out = self.git("status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", ".") or b""
        paths = (entry[3:].decode("utf-8", "replace") for entry in out.split(b"\0") if len(entry) > 3)  # "XY path"
        return {path[len(self.prefix):] for path in paths if path.startswith(self.prefix)}

    def commits(self, paths: list[str]) -> list[tuple[str, dt.datetime]]:
        """Commits along the first-parent line that change any of ``paths``, oldest first."""
        out = self.git("log", "--first-parent", "--reverse", "--format=%H %ct", "--", *paths)
        commits = []
        for line in (out or b"").decode("ascii", "replace").splitlines():
            commit, _, stamp = line.partition(" ")
            if commit and stamp.strip().isdigit():
                commits.append((commit, from_epoch(stamp)))
        return commits

    def blobs(self, commits: list[tuple[str, dt.datetime]], paths: list[str]) -> dict[tuple[str, str], tuple[str, int]]:
        """(commit, path) -> (blob hash, size) where the file exists in that commit: one git process."""
        if not commits:
            return {}
        asked = [(commit, path) for commit, _ in commits for path in paths]
        request = "".join(f"{commit}:{self.prefix}{path}\n" for commit, path in asked).encode("utf-8")
        out = self.git("cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)", input=request)
        if out is None:
            return {}
        found = {}
        for key, line in zip(asked, out.decode("utf-8", "replace").splitlines()):
            parts = line.split(" ")
            if len(parts) == 3 and parts[1] == "blob" and parts[2].isdigit():
                found[key] = (parts[0], int(parts[2]))
        return found

    def read_blobs(self, shas: list[str]) -> Iterator[tuple[str, bytes]]:
        """The bytes of each blob, one at a time through one ``git cat-file --batch``."""
        try:
            process = subprocess.Popen(
                ["git", "cat-file", "--batch"], cwd=self.content_dir, env=git_environment(),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            )
        except OSError:
            return
        try:
            for sha in shas:
                process.stdin.write(f"{sha}\n".encode("ascii"))
                process.stdin.flush()
                header = process.stdout.readline().split()
                if len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():
                    continue  # "<sha> missing"
                size = int(header[2])
                data = process.stdout.read(size)
                process.stdout.read(1)  # the newline after the contents
                if size > MAX_BLOB_BYTES:  # never asked for, but never trusted either
                    continue
                yield sha, data
        except OSError:
            return
        finally:
            try:
                process.stdin.close()
            except OSError:
                pass
            process.stdout.close()
            process.wait()


def git_environment() -> dict[str, str]:
    return {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}


def from_epoch(text: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(text.strip()), tz=UTC)


# -- composing YAML with limits --------------------------------------------------------

@dataclass(frozen=True)
class Composed:
    """The data of one YAML text, or why it is left out, and what reading it cost."""

    value: Any  # dicts, lists and strings (the text typed, as the BaseLoader keeps it); None if empty
    problem: str | None = None
    nodes: int = 0  # nodes composed (events read)
    expanded: int = 0  # nodes counted with every alias expanded, up to where reading stopped


class Reject(Exception):
    pass


_NO_KEY = object()
_COMPLEX_KEY = object()


def compose_limited(
    text: str, *, max_nodes: int = MAX_EXPANDED_NODES, max_chars: int = MAX_EXPANDED_CHARS,
    max_depth: int = MAX_DEPTH,
) -> Composed:
    """Compose one YAML document into plain data, with limits on what its aliases expand to.

    The parser's events are composed here, not by PyYAML's composer, so that the size of
    every anchored node is known when an alias refers to it: the running total of nodes
    (and characters) with every alias expanded is checked after each event, and the
    document is given up the moment it passes a limit. An alias to a node still being
    composed (a recursive alias) is rejected at once. An alias in the data is the same
    Python object as its anchor, so nothing is copied; whoever walks the data walks at
    most the totals checked here. Scalars stay the text typed: ``start: 9:00`` is '9:00'.
    """
    anchors: dict[str, tuple[Any, int, int]] = {}  # name -> (value, nodes, characters) when expanded
    open_anchors: set[str] = set()
    stack: list[list] = []  # [container, anchor, nodes, characters, pending key]
    root: Any = None
    nodes = expanded = chars = documents = 0

    def count(more_nodes: int, more_chars: int) -> None:
        nonlocal expanded, chars
        expanded += more_nodes
        chars += more_chars
        if expanded > max_nodes:
            raise Reject(f"its aliases expand to more than {max_nodes:,} values (an alias bomb?)")
        if chars > max_chars:
            raise Reject(f"its aliases expand to more than {max_chars:,} characters")

    def finish(value: Any, size: int, length: int, anchor: str | None) -> None:
        nonlocal root
        if anchor is not None:
            anchors[anchor] = (value, size, length)
        if not stack:
            root = value
            return
        frame = stack[-1]
        frame[2] += size
        frame[3] += length
        container = frame[0]
        if isinstance(container, list):
            container.append(value)
        elif frame[4] is _NO_KEY:
            frame[4] = value if isinstance(value, str) else _COMPLEX_KEY
        else:
            if frame[4] is not _COMPLEX_KEY:  # a mapping or list as a key: not content we use
                container[frame[4]] = value
            frame[4] = _NO_KEY

    try:
        for event in yaml.parse(text, Loader=EVENT_LOADER):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise Reject("it holds more than one YAML document")
            elif isinstance(event, yaml.ScalarEvent):
                nodes += 1
                count(1, len(event.value))
                finish(event.value, 1, len(event.value), event.anchor)
            elif isinstance(event, yaml.AliasEvent):
                nodes += 1
                if event.anchor in open_anchors:
                    raise Reject(f"the alias *{event.anchor} refers to itself (a recursive alias)")
                if event.anchor not in anchors:
                    raise Reject(f"the alias *{event.anchor} has no anchor &{event.anchor}")
                value, size, length = anchors[event.anchor]
                count(size, length)
                finish(value, size, length, None)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                nodes += 1
                if len(stack) >= max_depth:
                    raise Reject(f"it nests deeper than {max_depth} levels")
                count(1, 0)
                container = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                if event.anchor is not None:
                    open_anchors.add(event.anchor)
                stack.append([container, event.anchor, 1, 0, _NO_KEY])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                container, anchor, size, length, _ = stack.pop()
                open_anchors.discard(anchor)
                finish(container, size, length, anchor)
    except Reject as exc:
        return Composed(None, str(exc), nodes, expanded)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" (line {mark.line + 1})" if mark is not None else ""
        return Composed(None, f"it is not valid YAML: {exc.problem or exc}{where}", nodes, expanded)
    except yaml.YAMLError as exc:
        return Composed(None, f"it is not valid YAML: {exc}", nodes, expanded)
    return Composed(root, None, nodes, expanded)


def summarize_bytes(data: bytes, kind: str) -> tuple[dict[str, Any], str | None]:
    """The summary of one version of a file, or ({}, why it is left out)."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return {}, "it is not UTF-8 text"
    composed = compose_limited(text)
    if composed.problem is not None:
        return {}, composed.problem
    try:
        return SUMMARIZERS[kind](composed.value), None
    except (ValueError, TypeError, RecursionError) as exc:  # a shape no summary foresaw: never fail the build
        return {}, f"its data cannot be compared with other versions ({type(exc).__name__})"


# -- what the feeds compare between revisions ------------------------------------------

def summarize_sessions(data: Any) -> dict[str, Any]:
    """Per session id: its schedule (time, place, status) and a fingerprint of all it shows.

    Venues and trainers are fingerprinted once per id, not once per session that names
    them: a session refers to them by id, which no alias limit counts.
    """
    if not isinstance(data, dict) or not isinstance(data.get("sessions"), list):
        return {}
    venues = data.get("venues") if isinstance(data.get("venues"), dict) else {}
    trainers = data.get("trainers") if isinstance(data.get("trainers"), dict) else {}
    venue_prints = Memo(lambda name: fingerprint(venues.get(name)))
    addresses = Memo(lambda name: kept_text(venues[name].get("address")) if isinstance(venues.get(name), dict) else None)
    trainer_prints = Memo(lambda name: fingerprint(trainers.get(name)))
    summary: dict[str, Any] = {}
    for entry in data["sessions"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or len(entry["id"]) > MAX_KEPT_TEXT:
            continue
        venue = entry.get("venue") if isinstance(entry.get("venue"), str) else None
        people = entry.get("trainers") if isinstance(entry.get("trainers"), list) else []
        shown = {
            "session": {key: value for key, value in entry.items() if key != "internal"},
            "venue": venue_prints(venue) if venue is not None else None,
            "trainers": [trainer_prints(t) for t in people if isinstance(t, str)],
        }
        online = entry.get("online")
        schedule = [
            (kept_text(entry.get("date")) or "").strip(),
            clock(entry.get("start")),
            clock(entry.get("end")),
            kept_text(venue),
            addresses(venue) if venue is not None else None,
            kept_text(online.get("url")) if isinstance(online, dict) else None,
            kept_text(entry.get("status", "scheduled")),
        ]
        summary[entry["id"]] = {"schedule": schedule, "content": fingerprint(shown)}
    return summary


def summarize_module(data: Any) -> dict[str, Any]:
    """One key, 'module': a fingerprint of the module fields that events show."""
    if not isinstance(data, dict):
        return {}
    shown = {key: data.get(key) for key in MODULE_FIELDS}
    return {"module": {"schedule": None, "content": fingerprint(shown)}}


SUMMARIZERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "sessions": summarize_sessions,
    "module": summarize_module,
}


class Memo:
    """A function of a name, computed once per name."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function = function
        self.values: dict[Any, Any] = {}

    def __call__(self, name: Any) -> Any:
        if name not in self.values:
            self.values[name] = self.function(name)
        return self.values[name]


def clock(value: Any) -> str | None:
    """'9:00', '09:00' and '09.00' are the same time: do not count a re-quoting as a change."""
    if not isinstance(value, str):
        return kept_text(value)
    match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", value)
    return f"{int(match[1]):02d}:{match[2]}" if match else kept_text(value.strip())


def kept_text(value: Any) -> str | None:
    """A short text as it is; anything else (long text, a list, a mapping) as its fingerprint."""
    if value is None or (isinstance(value, str) and len(value) <= MAX_KEPT_TEXT):
        return value
    return "fingerprint:" + fingerprint(value)


def fingerprint(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]
