"""Write ``metrics.json``: the advance widths of the deck font, so fitting text needs no installed font.

The template's font is Arial; its metric-compatible free twin Liberation Sans (SIL Open
Font License 1.1, see ``metrics-LICENSE.md``) has the same advance widths, glyph for
glyph. Run once, with fontTools and Debian's fonts-liberation2 at hand::

    python -m generator.rendering.decks.make_metrics [FONT_DIR]

Only the widths are kept (no outlines), for the characters of Latin text and its
punctuation; ``fit.py`` treats any other character as 1 em wide.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
STYLES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold-italic": "BoldItalic"}
# Basic Latin to Latin Extended-B, general punctuation, currency, letterlike symbols, arrows.
RANGES = ((0x20, 0x24F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2190, 0x21FF))
OUT = Path(__file__).with_name("metrics.json")


def widths_of(path: Path) -> tuple[int, dict[str, int]]:
    from fontTools.ttLib import TTFont  # only needed to regenerate the table

    font = TTFont(path)
    cmap = font.getBestCmap()
    advances = font["hmtx"].metrics
    out = {}
    for first, last in RANGES:
        for code in range(first, last + 1):
            if code in cmap:
                out[str(code)] = advances[cmap[code]][0]
    return font["head"].unitsPerEm, out


def make_metrics(font_dir: Path = FONT_DIR) -> dict:
    styles = {}
    units = 0
    for key, suffix in STYLES.items():
        units, styles[key] = widths_of(font_dir / f"LiberationSans-{suffix}.ttf")
    return {"font": "Liberation Sans (metric-compatible with Arial)", "licence": "SIL Open Font License 1.1",
            "units_per_em": units, "widths": styles}


if __name__ == "__main__":
    table = make_metrics(Path(sys.argv[1]) if len(sys.argv) > 1 else FONT_DIR)
    OUT.write_text(json.dumps(table, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
