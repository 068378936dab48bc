"""The build's worker processes: one pool for the life of the process, and helpers.

While mkdocs builds the site here, the workers render decks and feeds and build the
other languages' sites. The pool is kept, so the live preview, which builds again on
every save, finds its workers ready with everything imported.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import types
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable, Iterator

# Forked while this process has a single thread (a command-line build; the preview's first
# build): the workers start at once with everything already imported. Spawned otherwise,
# since a forked child of a threaded process can inherit a lock another thread held.
SPAWN = multiprocessing.get_context("spawn")
FORK = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
WORKERS = 2  # decks and feeds in one, the other site languages in the other

def single_threaded() -> bool:
    """Whether this process runs one thread, counting threads Python did not start.

    Once Typst has compiled anything in a process (the site's favicons and the decks'
    logo do), its native worker pool runs there, unseen by ``threading``; a child forked
    then inherits the pool without its threads, and its first compile waits for ever.
    """
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc: judge by what Python knows, and by whether Typst is loaded
        return threading.active_count() == 1 and "typst" not in sys.modules


_pool: ProcessPoolExecutor | None = None
_messages = None  # the workers' log lines, as (build token, kind, text)
_worker_messages = None


def pool() -> ProcessPoolExecutor:
    """The build's worker pool, started (or started again, if a worker died) on first use."""
    global _pool, _messages
    if _pool is None or getattr(_pool, "_broken", False):
        context = FORK if FORK is not None and single_threaded() else SPAWN
        _messages = context.SimpleQueue()
        _pool = ProcessPoolExecutor(max_workers=WORKERS, mp_context=context, initializer=worker_setup,
                                    initargs=(_messages, os.getpid()))
    return _pool


def submit(function: Callable, *args, **kwargs) -> Future:
    """``pool().submit``, starting the workers without the caller's main script.

    A worker outlives the build that started it, so ``function`` runs with this process's
    environment as it is now (SOURCE_DATE_EPOCH dates decks, feeds and mkdocs' sitemap).
    """
    executor = pool()
    with without_main():
        return executor.submit(in_environment, dict(os.environ), function, args, kwargs)


def in_environment(environ: dict[str, str], function: Callable, args: tuple, kwargs: dict):
    """In a worker: take on ``environ``, then call ``function``."""
    if environ != os.environ:
        os.environ.clear()
        os.environ.update(environ)
    return function(*args, **kwargs)


def messages():
    """The queue the workers' log lines arrive on (see :func:`send`)."""
    pool()
    return _messages


def discard() -> None:
    """Stop the workers (a build was interrupted); the next build starts new ones."""
    global _pool
    executor, _pool = _pool, None
    if executor is not None:
        for process in list(getattr(executor, "_processes", {}).values()):
            process.kill()
        executor.shutdown(wait=False, cancel_futures=True)


def worker_setup(queue, parent: int) -> None:
    """Initializer of every worker."""
    global _worker_messages
    _worker_messages = queue
    # Ctrl+C is the parent's to handle: it stops the workers itself, without their tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def send(token: int, kind: str, text: str | None = None) -> None:
    """In a worker: put a line on the parent's queue."""
    _worker_messages.put((token, kind, text))


@contextlib.contextmanager
def without_main() -> Iterator[None]:
    """Start spawned children here, so they do not import the caller's main script.

    A spawned child normally runs the parent's ``__main__`` file again: that breaks a
    script without an ``if __name__ == "__main__"`` guard, or one read from standard
    input. Everything the build's children run lives in this package, so they are given
    an empty ``__main__`` instead.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies (prctl PR_SET_PDEATHSIG).

    A killed build then leaves no child writing behind it.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the call above
        os._exit(1)
