"""How the deck stage starts child processes: forked when that is safe, else spawned."""

from __future__ import annotations

import sys

from ...processes import FORK, SPAWN, single_threaded


def typst_context():
    """For children that may run Typst (the deck workers draw the logo): forked (they start at
    once, everything imported) only from a single-threaded process that has not loaded Typst.

    A process forked from one whose Typst has run inherits Typst's state without its
    threads, and so does every child forked from it in turn: there, Typst waits for ever.
    """
    return FORK if FORK is not None and single_threaded() and "typst" not in sys.modules else SPAWN
