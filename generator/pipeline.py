"""Load once, run the renderers, and swap the finished site in atomically.

The renderers (site, decks, feeds) never import each other; each gets a
:class:`BuildContext` and writes below ``ctx.site_dir``, a staging folder next to
``build/site/``. Only when every stage has finished is the staging folder swapped in,
so a failed or killed build leaves the previous site untouched.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import datetime as dt
import fcntl
import hashlib
import importlib
import importlib.metadata
import itertools
import os
import pickle
import shutil
import stat
import subprocess
import tempfile
import threading
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import BuildError, ContentErrors
from .loading import load_catalog
from .model import Catalog
from . import processes

STAGES: tuple[tuple[str, str, str], ...] = (
    ("site", "generator.rendering.site", "render_site"),
    ("decks", "generator.rendering.decks", "render_decks"),
    ("feeds", "generator.rendering.feeds", "render_feeds"),
    ("print", "generator.rendering.print", "render_print"),
)
PACKAGE_DIR = Path(__file__).resolve().parent
STAGING_PREFIX = ".site-staging-"
RETIRED_PREFIX = ".site-retired-"
REPORTS_STAGING_PREFIX = ".reports-staging-"
LOCK_FILE = ".build.lock"
BUILD_FOLDERS = ("site", "site-src", "cache", "reports")  # what the build writes below its output folder
# Packages whose version changes the bytes of the output: a new version means a new build.
SHAPING_PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "MarkupSafe",
                    "nh3", "python-pptx", "Pillow", "icalendar", "PyYAML", "lxml", "typst", "segno")


@dataclass(frozen=True)
class BuildContext:
    """What every renderer gets: the model, where to write, and the build's fixed 'today'."""

    catalog: Catalog
    site_dir: Path  # staging folder: becomes build/site/ at the end
    work_dir: Path  # build/ itself: caches and intermediate files live below it
    today: dt.date
    log: Callable[[str], None] = print
    parallel: bool = True  # renderers may use more processes
    # staging folder: becomes build/reports/ (never published); None: write build/reports/ itself
    reports_dir: Path | None = None


@dataclass
class StageResult:
    name: str
    outputs: int | None  # None: the stage was skipped
    seconds: float
    detail: str = ""


@dataclass
class BuildReport:
    site_dir: Path
    stages: list[StageResult] = field(default_factory=list)
    seconds: float = 0.0
    up_to_date: bool = False

    def summary(self) -> str:
        if self.up_to_date:
            return f"{self.site_dir} is up to date: nothing changed since the last build ({self.seconds:.1f} s)"
        parts = [f"{s.outputs} {s.name}" if s.outputs is not None else f"{s.name} skipped" for s in self.stages]
        return f"Built {self.site_dir}: " + ", ".join(parts) + f" in {self.seconds:.1f} s"


def validate(content_dir: Path | str) -> Catalog:
    """Load the content and run every renderer's own content checks; the one gate that
    ``check`` and ``build`` share, so the build never rejects what the check passed.

    A renderer that can reject content (the site: a hand-written page's macros) offers
    ``check_content(catalog) -> list[ContentError]``. Raises :class:`ContentErrors`.
    """
    catalog = load_content(content_dir)
    check_renderers(catalog)
    return catalog


def load_content(content_dir: Path | str) -> Catalog:
    """The loader's half of :func:`validate`; on errors, the renderers' checks of what
    could be read are added, so every problem shows at once."""
    try:
        return load_catalog(content_dir)
    except ContentErrors as found:
        # The pages that could be read are still checked, so every problem shows at once.
        more = []
        for _, module_name, _ in STAGES:
            check = getattr(importlib.import_module(module_name), "check_sources", None)
            if check is not None and found.pages:
                more += check(found.pages)
        if not more:
            raise
        raise ContentErrors([*found.errors, *more]) from None


def check_renderers(catalog: Catalog) -> None:
    """The renderers' half of :func:`validate`."""
    errors = []
    for _, module_name, _ in STAGES:
        check = getattr(importlib.import_module(module_name), "check_content", None)
        if check is not None:
            errors += check(catalog)
    if errors:
        raise ContentErrors(errors)


def build_today(catalog: Catalog) -> dt.date:
    """The date that splits upcoming from past: COURSEGEN_TODAY, or today in the site's timezone."""
    fixed = os.environ.get("COURSEGEN_TODAY")
    if fixed:
        return dt.date.fromisoformat(fixed)
    return dt.datetime.now(catalog.site.zone).date()


def build(
    content_dir: Path | str,
    out_dir: Path | str = "build",
    *,
    today: dt.date | None = None,
    stages: tuple[str, ...] | None = None,
    log: Callable[[str], None] = print,
    force: bool = False,
    parallel: bool = True,
) -> BuildReport:
    """Validate, render every stage into a staging folder, then swap it in as ``out_dir/site``.

    When nothing that goes into the build has changed since the last complete build
    (content, generator, configuration, 'today'), the existing site is kept as it is,
    unless ``force`` is set. With ``parallel``, decks and feeds render in a second
    process while mkdocs builds the site. Raises :class:`~generator.errors.ContentErrors` before
    anything is written if the content is invalid, and
    :class:`~generator.errors.BuildError` if a stage fails.
    """
    started = time.perf_counter()
    # Absolute, so that renderers may hand paths to tools that resolve them elsewhere
    # (mkdocs reads docs_dir relative to its configuration file).
    out_dir = Path(out_dir).resolve()
    log("validate: reading content")
    catalog = load_content(content_dir)
    log(f"validate: {len(catalog.modules)} modules, {len(catalog.sessions)} sessions, {len(catalog.venues)} venues")
    check_folders_apart(catalog.content_dir, out_dir)
    today = today or build_today(catalog)
    key = inputs_key(catalog, today, stages)
    if force or not up_to_date(out_dir, key):
        # Content that built before with the same generator (the same key) passed these then;
        # otherwise they run before anything is written.
        check_renderers(catalog)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"cannot use {out_dir} as the output folder: {exc.strerror}; choose another with --out") from exc
    check_not_committed(out_dir)
    with output_lock(out_dir, log):
        return build_locked(catalog, out_dir, key, today=today, stages=stages, log=log, force=force,
                            parallel=parallel, started=started)


def up_to_date(out_dir: Path, key: str) -> bool:
    """Whether the site in ``out_dir`` was built from inputs with this key."""
    key_file = out_dir / "cache" / "build-key"
    try:
        return (out_dir / "site").is_dir() and key_file.is_file() and key_file.read_text() == key
    except OSError:
        return False


def build_locked(catalog: Catalog, out_dir: Path, key: str, *, today: dt.date, stages: tuple[str, ...] | None,
                 log: Callable[[str], None], force: bool, parallel: bool, started: float) -> BuildReport:
    """The build proper, run while this process holds the output folder's lock."""
    remove_leftovers(out_dir)  # under the lock, any staging folder is one a killed build left
    remove_links(out_dir)
    final = out_dir / "site"
    key_file = out_dir / "cache" / "build-key"
    if not force and up_to_date(out_dir, key):
        log("nothing changed since the last build: keeping it")
        return BuildReport(site_dir=final, seconds=time.perf_counter() - started, up_to_date=True)
    if stages is None or "feeds" in stages:
        catalog = with_history(catalog, out_dir / "cache" / "history")
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    reports = Path(tempfile.mkdtemp(prefix=REPORTS_STAGING_PREFIX, dir=out_dir))  # private (0700), stays so
    report = BuildReport(site_dir=final)
    ctx = BuildContext(
        catalog=catalog, site_dir=staging, work_dir=out_dir,
        today=today, log=log, parallel=parallel, reports_dir=reports,
    )
    key_file.unlink(missing_ok=True)
    chosen = [stage for stage in STAGES if stages is None or stage[0] in stages]
    # mkdocs runs here while a second process renders decks and feeds into the same staging
    # folder: the stages write disjoint files and read none of each other's.
    here, there = chosen[:1], chosen[1:]
    if not parallel or not there:
        here, there = chosen, []
    companion = Companion.start(ctx, there) if there else None
    try:
        for name, module_name, function_name in here:
            report.stages.append(run_stage(ctx, name, module_name, function_name))
        if companion is not None:
            report.stages.extend(companion.finish())
            companion = None
        swap_in(staging, final)
        swap_in(reports, out_dir / "reports", mode=None)
    except BaseException as exc:
        if companion is not None:
            companion.abandon(interrupted=not isinstance(exc, Exception))
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(reports, ignore_errors=True)
        raise
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key_file.write_text(key)
    report.seconds = time.perf_counter() - started
    return report


def with_history(catalog: Catalog, cache_dir: Path) -> Catalog:
    """The snapshot with the content's git history, which the feeds need: read once, here,
    by the loading stage's reader (bounded, cached per blob)."""
    from .loading.history import read_history

    return dataclasses.replace(catalog, history=read_history(catalog.content_dir, tuple(catalog.modules), cache_dir))


def check_folders_apart(content_dir: Path, out_dir: Path) -> None:
    """The output folder and the content folder may not be the same or inside each other:
    content could then plant caches the build trusts, and a build could replace the content."""
    content_dir = content_dir.resolve()
    if out_dir == content_dir or content_dir in out_dir.parents:
        raise BuildError(f"the output folder {out_dir} is inside the content folder {content_dir}; "
                         "choose an output folder outside it with --out, e.g. --out build")
    if out_dir in content_dir.parents:
        first = content_dir.relative_to(out_dir).parts[0]
        if first in BUILD_FOLDERS or first.startswith("."):
            raise BuildError(f"the content folder {content_dir} is inside {out_dir / first}, which the build "
                             "replaces; choose another output folder with --out, e.g. --out build")


def check_not_committed(out_dir: Path) -> None:
    """Refuse an output folder that holds files committed to git.

    The build trusts its own caches (a no-change build keeps the site; decks come from the
    deck cache): files that a pull request commits below build/ would be trusted too.
    """
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", "."], cwd=out_dir, capture_output=True,
                                check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return  # no git here: nothing can have been committed
    if listed.returncode == 0 and listed.stdout.strip(b"\0"):
        first = listed.stdout.split(b"\0", 1)[0].decode("utf-8", "replace")
        raise BuildError(f"the output folder {out_dir} holds files committed to git (e.g. {first}); the build "
                         "writes this folder itself: remove them with 'git rm -r --cached' and keep the folder "
                         "in .gitignore, or choose another output folder with --out")


def remove_links(out_dir: Path) -> None:
    """Remove every symbolic link below the output folder: the build never makes one, and
    writing or publishing through a planted one would reach outside the folder."""
    for top, dirs, names in os.walk(out_dir, followlinks=False):
        for name in dirs + names:
            path = Path(top) / name
            if path.is_symlink():
                path.unlink()


@contextlib.contextmanager
def output_lock(out_dir: Path, log: Callable[[str], None]):
    """Hold the output folder for one build at a time; a second build waits and says for whom.

    The lock is ``flock`` on ``OUT/.build.lock``: the system releases it when its holder
    dies, so a killed build never leaves the folder locked.
    """
    path = out_dir / LOCK_FILE
    try:
        # Never through a link, never anything but a regular file: the lock file is written.
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise BuildError(f"cannot use {path} as the build's lock file ({exc.strerror}); remove it, or "
                         "choose another output folder with --out") from exc
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise BuildError(f"{path} is not a regular file; remove it, or choose another output folder with --out")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "unknown"
            log(f"waiting: another build (process {holder}) is writing into {out_dir}")
            fcntl.flock(handle, fcntl.LOCK_EX)
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        # Unlock explicitly: a worker forked during the build shares this open file.
        fcntl.flock(handle, fcntl.LOCK_UN)
        os.close(handle)


def inputs_key(catalog: Catalog, today: dt.date, stages: tuple[str, ...] | None) -> str:
    """A hash of everything a build depends on, to skip a build that would change nothing.

    The content is the snapshot (the files the build uses, never the whole folder); the
    generator's own files are streamed; the versions of the packages that shape the output
    count too.
    """
    digest = hashlib.sha256()
    digest.update(f"{today}|{stages}|{os.environ.get('SOURCE_DATE_EPOCH')}|{catalog.content_dir}".encode())
    digest.update(pickle.dumps(dataclasses.replace(catalog, history=None), protocol=5))
    for package in SHAPING_PACKAGES:
        try:
            digest.update(f"{package}={importlib.metadata.version(package)};".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{package}=none;".encode())
    config = PACKAGE_DIR.parent / "mkdocs.yml"
    files = sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files + ([config] if config.is_file() else []):
        digest.update(str(path).encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    digest.update(git_state(catalog.content_dir).encode())
    return digest.hexdigest()


def git_state(content_dir: Path) -> str:
    """The commit the content folder is at: feeds derive SEQUENCE and DTSTAMP from history."""
    try:
        completed = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=content_dir, capture_output=True, text=True, check=False,
        )
    except OSError:
        return ""
    return completed.stdout.strip()


def run_stage(ctx: BuildContext, name: str, module_name: str, function_name: str) -> StageResult:
    started = time.perf_counter()
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        ctx.log(f"{name}: skipped (this renderer is not part of this version)")
        return StageResult(name, None, 0.0)
    render = getattr(module, function_name)
    ctx.log(f"{name}: rendering")
    outputs = render(ctx)
    seconds = time.perf_counter() - started
    ctx.log(f"{name}: {outputs} files in {seconds:.1f} s")
    return StageResult(name, outputs, seconds)


class Companion:
    """Stages rendered in a worker process (:mod:`.processes`) while this one runs the others.

    The worker gets the same snapshot (pickled) and writes into the same staging folder. Its log
    lines come back over the workers' queue as they happen; its results, or its failure,
    through the future.
    """

    _builds = itertools.count()

    def __init__(self, future: Future, token: int, queue, log: Callable[[str], None]) -> None:
        self.future = future
        self.token = token
        self.queue = queue  # this build's: a later build may have to start new workers
        self.log = log
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    @classmethod
    def start(cls, ctx: BuildContext, stages: list[tuple[str, str, str]]) -> "Companion":
        token = next(cls._builds)
        future = processes.submit(
            companion_run, token, ctx.catalog, ctx.site_dir, ctx.work_dir, ctx.today, stages, ctx.reports_dir,
        )
        return cls(future, token, processes.messages(), ctx.log)

    def read(self) -> None:
        """Forward the worker's log lines of this build until it says it has ended."""
        while True:
            token, kind, message = self.queue.get()
            if token != self.token:
                continue  # a line of an earlier build that was given up
            if kind == "end":
                return
            self.log(message)

    def finish(self) -> list[StageResult]:
        """Wait for the worker; its results, or its failure raised here."""
        try:
            results = self.future.result()
        except BrokenProcessPool as exc:
            processes.discard()
            raise BuildError("the decks and feeds process stopped unexpectedly") from exc
        finally:
            self.release()
        return [StageResult(**result) for result in results]

    def abandon(self, interrupted: bool) -> None:
        """This build failed here: let the worker finish (it writes into the staging folder
        about to be removed) or, when interrupted, stop the workers."""
        if interrupted:
            processes.discard()
        else:
            try:
                self.future.result()
            except Exception:  # noqa: BLE001 - the failure already being raised comes first
                pass
        self.release()

    def release(self) -> None:
        """Stop forwarding: the worker's end-of-build line, or ours if it never came."""
        if self.reader.is_alive() and (not self.future.done() or self.future.exception() is not None):
            self.queue.put((self.token, "end", None))
        self.reader.join(timeout=5)


def companion_run(token: int, catalog: Catalog, site_dir: Path, work_dir: Path, today: dt.date,
                  stages: list[tuple[str, str, str]], reports_dir: Path | None = None) -> list[dict]:
    """Run ``stages`` in a worker on the parent's snapshot; their results as plain dicts."""
    try:
        ctx = BuildContext(catalog=catalog, site_dir=site_dir, work_dir=work_dir, today=today,
                           log=lambda message: processes.send(token, "log", message), reports_dir=reports_dir)
        return [vars(run_stage(ctx, *stage)) for stage in stages]
    finally:
        processes.send(token, "end")


def remove_leftovers(out_dir: Path) -> None:
    """Staging folders of builds that were killed half-way."""
    for path in out_dir.iterdir():
        if path.name.startswith((STAGING_PREFIX, RETIRED_PREFIX, REPORTS_STAGING_PREFIX)) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def swap_in(staging: Path, final: Path, mode: int | None = 0o755) -> None:
    """Make ``staging`` the new ``final`` in one step where the OS allows it."""
    if mode is not None:
        staging.chmod(mode)  # mkdtemp makes it private; a web server must read the site
    if not final.exists():
        os.rename(staging, final)
        return
    if not exchange(staging, final):
        retired = final.with_name(RETIRED_PREFIX + staging.name[len(STAGING_PREFIX):])
        os.rename(final, retired)
        os.rename(staging, final)
        staging = retired
    shutil.rmtree(staging, ignore_errors=True)


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


__all__ = ["BuildContext", "BuildError", "BuildReport", "build", "build_today"]
