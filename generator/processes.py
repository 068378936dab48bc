"""Helpers for the build's child processes."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import types
from typing import Iterator

# Spawned, not forked: the preview server builds from a thread, and a forked child of a
# threaded process can inherit a lock that another thread held. Start children inside
# ``without_main()``.
SPAWN = multiprocessing.get_context("spawn")


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
