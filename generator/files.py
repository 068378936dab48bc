"""File helpers shared by the renderers and the editing commands."""

from __future__ import annotations

import os
import shutil
import stat
import threading
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step: no reader, and no other build sharing a
    cache, ever sees half a file. An existing file keeps its permissions; a new one gets
    the usual ones (the temporary name is this process's and thread's own)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        partial.write_bytes(data)
        if path.exists():
            shutil.copymode(path, partial)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def link_or_copy(source: Path, target: Path) -> None:
    """Publish a cached file: a hard link where the file system allows it (cached files
    are replaced, never edited). Only a regular file is published, never a link's target."""
    if not stat.S_ISREG(os.lstat(source).st_mode):
        raise OSError(f"{source} is not a regular file; delete it and build again")
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copyfile(source, target, follow_symlinks=False)


def prune_cache(cache_dir: Path, keep: set[str], suffix: str) -> None:
    """Drop the cached ``suffix`` files this build did not use, so a cache never outgrows the site."""
    for path in cache_dir.iterdir():
        if path.name not in keep and path.suffix == suffix:
            path.unlink()
