"""Saving a presentation so that the same content always gives the same bytes.

python-pptx stamps the zip members with the current time and leaves the core
properties' dates to the caller. Both are fixed here, so an unchanged deck is
byte-identical from build to build and a cache or a mirror sees no false change.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib

from lxml import etree

from pptx.opc.serialized import PackageWriter
from pptx.presentation import Presentation as PresentationObject

from ...dates import source_date_epoch

# Used when SOURCE_DATE_EPOCH is not set: any fixed moment will do.
DEFAULT_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
CONTENT_TYPES = "[Content_Types].xml"
COMPRESS_LEVEL = 6
ZIP_VERSION = 20  # "version needed to extract" for deflate
UNIX = 3  # "made by" system: fixed, whatever the build machine
FILE_MODE = 0o644 << 16  # external attributes: a plain file, rw-r--r--


def build_moment() -> dt.datetime:
    """The fixed moment stamped into documents: SOURCE_DATE_EPOCH if set, else 2000-01-01."""
    return source_date_epoch() or DEFAULT_EPOCH


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
    return zip_members(package_members(prs))


class Member:
    """One file of a .pptx zip: its name and bytes, deflated once however often it is written."""

    __slots__ = ("name", "data", "_deflated")

    def __init__(self, name: str, data: bytes) -> None:
        self.name = name
        self.data = data
        self._deflated: bytes | None = None

    @property
    def deflated(self) -> bytes:
        if self._deflated is None:
            compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)  # raw deflate, as zip stores it
            self._deflated = compressor.compress(self.data) + compressor.flush()
        return self._deflated


def package_members(prs: PresentationObject) -> list[Member]:
    """Every zip member of ``prs``, in the order python-pptx saves them.

    The same serialisation as ``prs.save``, without the zip: a caller can splice members
    (see ``session.py``) and compress each only once.
    """
    members: list[Member] = []

    class Collector:
        def write(self, pack_uri, blob: bytes) -> None:
            members.append(Member(pack_uri.membername, blob))

    package = prs.part.package
    writer = PackageWriter(None, package._rels, tuple(package.iter_parts()))
    collector = Collector()
    writer._write_content_types_stream(collector)
    writer._write_pkg_rels(collector)
    writer._write_parts(collector)
    return members


def read_members(data: bytes) -> list[Member]:
    """The members of a .pptx in their stored order."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return [Member(name, source.read(name)) for name in source.namelist()]


def zip_members(members: list[Member]) -> bytes:
    """A zip of ``members``, content types first, every member stamped at the build moment.

    Written by hand rather than with ``zipfile`` so that a member shared by many decks
    is deflated once. The records are the ones ``zipfile`` writes for deflated members
    made on Unix with mode 644 (no zip64, no data descriptors, ASCII names).
    """
    moment = max(build_moment(), dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc))
    dos_date = (moment.year - 1980) << 9 | moment.month << 5 | moment.day
    dos_time = moment.hour << 11 | moment.minute << 5 | moment.second // 2
    # OPC readers expect the content-types part first; the rest keep their order.
    ordered = [m for m in members if m.name == CONTENT_TYPES] + [m for m in members if m.name != CONTENT_TYPES]
    out = io.BytesIO()
    directory = []
    for member in ordered:
        name = member.name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800  # the "names are UTF-8" flag, as zipfile sets it
        data = member.deflated
        crc = zlib.crc32(member.data)
        fields = (ZIP_VERSION, 0, flags, zipfile.ZIP_DEFLATED, dos_time, dos_date, crc, len(data), len(member.data), len(name))
        offset = out.tell()
        out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", *fields, 0) + name + data)
        directory.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", ZIP_VERSION, UNIX, *fields, 0, 0, 0, 0,
                                     FILE_MODE, offset) + name)
    start = out.tell()
    out.write(b"".join(directory))
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(directory), len(directory), out.tell() - start, start, 0))
    return out.getvalue()


APP_MEMBER = "docProps/app.xml"
NS_APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def app_properties(titles: list[str], notes: int, width: int, height: int) -> bytes:
    """docProps/app.xml for a deck: what the file lists under File > Info and its parts.

    python-pptx keeps the template's, which counts the template's slides (none).
    """
    def element(parent, name: str, text: str | None = None, ns: str = NS_APP):
        child = etree.SubElement(parent, f"{{{ns}}}{name}")
        if text is not None:
            child.text = text
        return child

    def vector(parent, base: str, items: list[tuple[str, str]]):
        holder = element(parent, "vector", ns=NS_VT)
        holder.set("size", str(len(items)))
        holder.set("baseType", base)
        for kind, value in items:
            if base == "variant":
                element(element(holder, "variant", ns=NS_VT), kind, value, ns=NS_VT)
            else:
                element(holder, kind, value, ns=NS_VT)
        return holder

    root = etree.Element(f"{{{NS_APP}}}Properties", nsmap={None: NS_APP, "vt": NS_VT})
    element(root, "Application", "coursegen")
    ratio = width / height if height else 0
    element(root, "PresentationFormat", "Widescreen" if abs(ratio - 16 / 9) < 0.01 else "Custom")
    element(root, "Slides", str(len(titles)))
    element(root, "Notes", str(notes))
    element(root, "HiddenSlides", "0")
    vector(element(root, "HeadingPairs"), "variant", [("lpstr", "Slide Titles"), ("i4", str(len(titles)))])
    vector(element(root, "TitlesOfParts"), "lpstr", [("lpstr", title) for title in titles])
    element(root, "LinksUpToDate", "false")
    element(root, "SharedDoc", "false")
    element(root, "HyperlinksChanged", "false")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def with_app_properties(members: list[Member], titles: list[str], notes: int, width: int, height: int) -> list[Member]:
    """``members`` with docProps/app.xml replaced, where the package has one."""
    data = app_properties(titles, notes, width, height)
    return [Member(APP_MEMBER, data) if member.name == APP_MEMBER else member for member in members]
