"""Helpers for the build's child processes."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal

# Spawned, not forked: the preview server builds from a thread, and a forked child of a
# threaded process can inherit a lock that another thread held.
SPAWN = multiprocessing.get_context("spawn")


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
