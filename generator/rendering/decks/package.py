"""Saving a presentation so that the same content always gives the same bytes.

python-pptx stamps the zip members with the current time and leaves the core
properties' dates to the caller. Both are fixed here, so an unchanged deck is
byte-identical from build to build and a cache or a mirror sees no false change.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

from pptx.presentation import Presentation as PresentationObject

# Used when SOURCE_DATE_EPOCH is not set: any fixed moment will do.
DEFAULT_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
CONTENT_TYPES = "[Content_Types].xml"


def build_moment() -> dt.datetime:
    """The fixed moment stamped into documents: SOURCE_DATE_EPOCH if set, else 2000-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return DEFAULT_EPOCH


def set_core_properties(prs: PresentationObject, *, title: str, language: str, author: str, subject: str = "") -> None:
    """Fill the document properties that screen readers and search show; dates fixed."""
    props = prs.core_properties
    moment = build_moment().replace(tzinfo=None)  # python-pptx writes naive times as UTC
    props.title = title
    props.subject = subject
    props.language = language
    props.author = author
    props.last_modified_by = author
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.revision = 1
    props.keywords = ""
    props.comments = ""
    props.category = ""


def reproducible_bytes(prs: PresentationObject) -> bytes:
    """The .pptx as bytes with fixed member timestamps, order and compression."""
    raw = io.BytesIO()
    prs.save(raw)
    return normalize_zip(raw.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with every member stamped at the build moment, content types first."""
    stamp = max(build_moment(), dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        # OPC readers expect the content-types part first; the rest keep python-pptx's order.
        ordered = [n for n in names if n == CONTENT_TYPES] + [n for n in names if n != CONTENT_TYPES]
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # fixed "made on Unix", whatever the build machine
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so readers never see half a deck."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(data)
    os.replace(temporary, path)
