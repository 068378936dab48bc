"""File helpers shared by the renderers and the editing commands."""

from __future__ import annotations

import os
import shutil
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
