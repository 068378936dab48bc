"""How the deck stage starts child processes: forked when that is safe, else spawned."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading

SPAWN = multiprocessing.get_context("spawn")
FORK = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def single_threaded() -> bool:
    """Whether this process runs one thread, counting threads Python did not start.

    A native library's worker pool (Typst's, once it has compiled anything here) is unseen
    by ``threading``; a child forked from this process would inherit that pool's locks
    without its threads and could wait for ever.
    """
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc: judge by what Python knows, and by whether Typst is loaded
        return threading.active_count() == 1 and "typst" not in sys.modules


def typst_context():
    """For children that may run Typst (the deck workers draw the logo): forked (they start at
    once, everything imported) only from a single-threaded process that has not loaded Typst.

    A process forked from one whose Typst has run inherits Typst's state without its
    threads, and so does every child forked from it in turn: there, Typst waits for ever.
    """
    return FORK if FORK is not None and single_threaded() and "typst" not in sys.modules else SPAWN
