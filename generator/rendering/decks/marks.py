"""The programme's logo and the evaluation's QR code, as slides show them.

The logo comes from ``site.yaml: logo`` (already checked and, for an SVG, rebuilt by the
loader); :func:`card_png` draws it once per process on a white card with rounded
corners, so it reads on the dark title and closing slides as on a light template. Its
alt text is the SVG's own ``<title>``, else the organiser's name.

The QR code of a session's evaluation form is drawn as DrawingML geometry (one path of
dark modules on a white card), not as a picture: it stays sharp at any projector size,
adds no media part to the package (so a session deck is still derived from its module's
deck slide by slide, see ``session.py``), and its bytes depend on the address alone.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import lru_cache

from ...model import Catalog

LOGO_HEIGHT_PX = 180  # the logo's own height in the card: sharp at 0.6 in on a 2x projector image
CARD_PADDING = 0.22  # the card's margin around the logo, as a share of the logo's height
SVG_NS = "{http://www.w3.org/2000/svg}"
QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks


@dataclass(frozen=True)
class Logo:
    """The logo as ``site.yaml`` names it: its bytes, 'svg' or 'png', and its alt text.

    It is drawn on its card (:func:`card_png`) where the decks are drawn, once per process.
    """

    source: bytes
    kind: str
    alt: str

    def card(self) -> tuple[bytes, int, int]:
        """(PNG, width, height) of the logo on its card."""
        return card_png(self.source, self.kind)


def logo_card(catalog: Catalog) -> Logo | None:
    """The site's logo, or None when ``site.yaml`` names no logo."""
    from ..logo import logo_bytes

    found = logo_bytes(catalog)
    if found is None:
        return None
    data, kind = found
    return Logo(data, kind, logo_alt(data, kind, catalog.site.organiser))


# True in the deck stage's pool workers: they end with the stage and fork nothing, so
# Typst may run in them. Elsewhere an SVG is drawn in a child process (svg_png_in_child).
TYPST_HERE = False


@lru_cache(maxsize=4)  # every deck a process draws shares the card
def card_png(data: bytes, kind: str) -> tuple[bytes, int, int]:
    """(PNG, width, height) of the logo in ``data`` on its card."""
    from PIL import Image, ImageDraw

    if kind == "svg":
        picture = svg_png(data) if TYPST_HERE else svg_png_in_child(data)
    else:
        picture = png_scaled(data)
    with Image.open(io.BytesIO(picture)) as image:
        logo = image.convert("RGBA")
    pad = round(LOGO_HEIGHT_PX * CARD_PADDING)
    width, height = logo.width + 2 * pad, logo.height + 2 * pad
    # Rounded corners drawn at four times the size and scaled down: smooth, and the same every time.
    mask = Image.new("L", (width * 4, height * 4), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, width * 4 - 1, height * 4 - 1), radius=pad * 4, fill=255)
    card = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    card.paste(Image.new("RGBA", (width, height), (255, 255, 255, 255)), (0, 0), mask.resize((width, height), Image.LANCZOS))
    card.alpha_composite(logo, (pad, pad))
    out = io.BytesIO()
    card.save(out, format="PNG", optimize=True)
    return out.getvalue(), width, height


def worker_setup(parent: int) -> None:
    """Initializer of the deck stage's pool workers."""
    from ...processes import die_with_parent

    global TYPST_HERE
    TYPST_HERE = True
    die_with_parent(parent)


def png_scaled(data: bytes) -> bytes:
    """A PNG logo scaled to ``LOGO_HEIGHT_PX``, as ``logo.logo_png`` scales it: a picture more
    than ``logo.MAX_ASPECT`` times as wide as tall comes out that wide and less tall."""
    from PIL import Image

    from ..logo import MAX_ASPECT

    height = LOGO_HEIGHT_PX
    with Image.open(io.BytesIO(data)) as image:
        width = max(1, round(image.width * height / image.height))
        if width > height * MAX_ASPECT:
            width = height * MAX_ASPECT
            height = max(1, round(image.height * width / image.width))
        image = image.convert("RGBA")
        out = io.BytesIO()
        image.resize((width, height), Image.LANCZOS).save(out, format="PNG", optimize=True)
        return out.getvalue()


def svg_png_in_child(svg: bytes) -> bytes:
    """The SVG drawn by Typst in a child process that ends with it.

    Typst leaves a native thread pool in the process it runs in, and a process forked from
    one with such threads can wait for ever on a lock it inherited; the deck stage forks
    its workers, so Typst never runs in the stage's own process.
    """
    from concurrent.futures import ProcessPoolExecutor

    from ...processes import die_with_parent, without_main
    from .processes import typst_context

    with without_main(), ProcessPoolExecutor(max_workers=1, mp_context=typst_context(), initializer=die_with_parent,
                                             initargs=(os.getpid(),)) as child:
        return child.submit(svg_png, svg).result()


def svg_png(svg: bytes) -> bytes:
    """In the child: the SVG at ``LOGO_HEIGHT_PX`` pixels, drawn by Typst."""
    from ..logo import svg_to_png

    return svg_to_png(svg, LOGO_HEIGHT_PX)


def logo_alt(data: bytes, kind: str, organiser: str) -> str:
    """The SVG's ``<title>`` (the loader keeps it), else the organiser's name."""
    if kind == "svg":
        from lxml import etree

        try:
            root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            return organiser
        title = root.find(f"{SVG_NS}title")
        if title is not None and (title.text or "").strip():
            return " ".join(title.text.split())
    return organiser


def short_address(url: str) -> str:
    """The address as people type it: without ``https://``."""
    for scheme in ("https://", "http://"):
        if url.lower().startswith(scheme):
            return url[len(scheme):]
    return url


def qr_runs(url: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """(modules per side including the quiet zone, dark runs as (row, first column, length)).

    Error correction level M (15 %) and no Micro QR: every phone camera reads it.
    """
    import segno

    code = segno.make(url, error="m", micro=False, boost_error=False)
    runs = []
    for row, line in enumerate(code.matrix):
        column = 0
        while column < len(line):
            if line[column]:
                start = column
                while column < len(line) and line[column]:
                    column += 1
                runs.append((row + QUIET_ZONE, start + QUIET_ZONE, column - start))
            else:
                column += 1
    return len(code.matrix) + 2 * QUIET_ZONE, tuple(runs)


@lru_cache(maxsize=256)  # a session's decks in every language show the same code
def qr_path(url: str) -> str:
    """A DrawingML ``a:path`` of the code's dark modules, one closed rectangle per run."""
    size, runs = qr_runs(url)
    parts = [f'<a:path w="{size}" h="{size}" stroke="0">']
    for row, column, length in runs:
        right, bottom = column + length, row + 1
        parts.append(f'<a:moveTo><a:pt x="{column}" y="{row}"/></a:moveTo>'
                     f'<a:lnTo><a:pt x="{right}" y="{row}"/></a:lnTo>'
                     f'<a:lnTo><a:pt x="{right}" y="{bottom}"/></a:lnTo>'
                     f'<a:lnTo><a:pt x="{column}" y="{bottom}"/></a:lnTo><a:close/>')
    parts.append("</a:path>")
    return "".join(parts)
