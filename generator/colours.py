"""Colour contrast as WCAG 2.1 defines it (relative luminance, 1.4.3 Contrast (Minimum))."""

from __future__ import annotations

import re

HEX = re.compile(r"#[0-9A-Fa-f]{6}")
AA_NORMAL_TEXT = 4.5  # WCAG 2.1 AA, normal-size text


def luminance(colour: str) -> float:
    """Relative luminance of ``#rrggbb``, 0 (black) to 1 (white)."""
    channels = []
    for index in (1, 3, 5):
        value = int(colour[index:index + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str = "#ffffff") -> float:
    """The contrast ratio of two colours, 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darken(colour: str, factor: float) -> str:
    """``colour`` with every channel multiplied by ``factor`` (0..1)."""
    return "#" + "".join(f"{round(int(colour[i:i + 2], 16) * factor):02x}" for i in (1, 3, 5))
