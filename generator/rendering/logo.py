"""The site's logo as the renderers need it: the cleaned SVG, or a PNG of a given height.

The loader has already checked the logo and, for an SVG, rebuilt it from an allowlist
(``loading/svg.py``); its bytes are in ``Catalog.files``. Decks and favicons need pixels:
an SVG is drawn by the Typst compiler (already a dependency of the print stage, and free
of system libraries), a PNG is scaled with Pillow.
"""

from __future__ import annotations

import io

from ..fonts import typst_font_paths
from ..model import Catalog

# At most this many times as wide as tall (the loader refuses thinner SVG logos): a logo of
# 20000x1 pixels asked for at 470 pixels tall would otherwise need gigabytes.
MAX_ASPECT = 16

# A page exactly as large as the picture; the SVG arrives as text through sys.inputs.
RASTER_SOURCE = b"""#set page(width: auto, height: auto, margin: 0pt, fill: none)
#image(bytes(sys.inputs.logo), format: "svg", height: float(sys.inputs.height) * 1pt)
"""


def logo_bytes(catalog: Catalog) -> tuple[bytes, str] | None:
    """The logo's bytes and its type ('svg' or 'png'), or None without a logo."""
    path = catalog.site.logo
    if not path:
        return None
    return catalog.files[path], path.rsplit(".", 1)[-1].lower()


def logo_png(catalog: Catalog, height: int) -> bytes | None:
    """The logo as a PNG ``height`` pixels tall (width follows its proportions), or None.

    A PNG more than :data:`MAX_ASPECT` times as wide as tall comes out that wide and less tall."""
    found = logo_bytes(catalog)
    if found is None:
        return None
    data, kind = found
    if kind == "svg":
        return svg_to_png(data, height)
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        width = max(1, round(image.width * height / image.height))
        if width > height * MAX_ASPECT:  # a very wide picture: as wide as allowed, less tall
            width = height * MAX_ASPECT
            height = max(1, round(image.height * width / image.width))
        image = image.convert("RGBA")
        out = io.BytesIO()
        image.resize((width, height), Image.LANCZOS).save(out, format="PNG", optimize=True)
        return out.getvalue()


def svg_to_png(svg: bytes, height: int) -> bytes:
    """Draw an (already cleaned) SVG at ``height`` pixels with Typst: 72 pt per inch at 72 ppi."""
    import typst

    # Text in a logo is drawn with the same fonts as the printed documents, never the machine's own,
    # so the pixels are the same on every machine.
    return typst.compile(RASTER_SOURCE, format="png", ppi=72.0,
                         sys_inputs={"logo": svg.decode("utf-8"), "height": str(height)},
                         font_paths=typst_font_paths(),
                         ignore_system_fonts=True)


def square_png(catalog: Catalog, size: int) -> bytes | None:
    """The logo centred on a transparent square of ``size`` pixels (favicons, app icons), or None."""
    picture = logo_png(catalog, size)
    if picture is None:
        return None
    from PIL import Image

    with Image.open(io.BytesIO(picture)) as image:
        image = image.convert("RGBA")
        if image.width > size:  # a wide logo: fit its width instead
            image = image.resize((size, max(1, round(image.height * size / image.width))), Image.LANCZOS)
        square = Image.new("RGBA", (size, size), (255, 255, 255, 0))
        square.paste(image, ((size - image.width) // 2, (size - image.height) // 2), image)
        out = io.BytesIO()
        square.save(out, format="PNG", optimize=True)
        return out.getvalue()
