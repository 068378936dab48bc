"""The fonts every Typst drawing uses: the print stage's PDFs, the logo's pixels, the check's trial drawing.

Debian's fonts-liberation2 (see scripts/ensure-system-packages.sh); without it Typst's own
embedded fonts are used. System fonts are never looked at, so every machine with the same
fonts gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation2"),)


def typst_font_paths() -> list[str]:
    """The font folders that exist here, as Typst's ``font_paths`` takes them."""
    return [str(path) for path in FONT_DIRS if path.is_dir()]
