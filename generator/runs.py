"""Bold and italic in the content's Markdown subset, as styled runs of text.

Slide bodies and notes may use ``**bold**`` and ``*italic*``; an unmatched marker stays
literal, so no words are lost. Decks and the print renderer draw the same runs: this is
the one reading of the markers both use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER = re.compile(r"(\*\*|\*)")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


def parse_inline(text: str) -> tuple[Run, ...]:
    """``**bold**`` and ``*italic*`` as runs; an unmatched marker stays literal."""
    tokens = MARKER.split(text)
    runs: list[Run] = []
    bold = italic = False
    for position, token in enumerate(tokens):
        if token in ("**", "*"):
            is_open = bold if token == "**" else italic
            if is_open or token in tokens[position + 1:]:
                if token == "**":
                    bold = not bold
                else:
                    italic = not italic
                continue
        if token:
            if runs and runs[-1].bold == bold and runs[-1].italic == italic:
                runs[-1] = Run(runs[-1].text + token, bold, italic)
            else:
                runs.append(Run(token, bold, italic))
    return tuple(runs)
