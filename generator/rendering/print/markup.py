"""The Markdown subset of slide bodies and notes, as data for the print templates.

Editors write paragraphs, ``- `` bullets on two levels, ``**bold**`` and ``*italic*``.
Anything else is kept as literal text. The result is plain data (lists and dicts) that
goes to Typst as JSON: a template shows each run as text, so nothing in it is ever
read as Typst markup.
"""

from __future__ import annotations

import re

from ...runs import parse_inline

BULLET = re.compile(r"^(?P<indent>[ \t]*)[-*+][ \t]+(?P<text>.*)$")


def blocks(markdown: str | None) -> list[dict]:
    """Paragraphs and bullets: ``[{"bullet": bool, "level": 0|1, "runs": [...]}]``."""
    found: list[tuple[bool, int, list[str]]] = []
    open_block = False
    for line in (markdown or "").splitlines():
        if not line.strip():
            open_block = False
            continue
        match = BULLET.match(line)
        if match:
            indent = len(match["indent"].expandtabs(4))
            found.append((True, 1 if indent >= 2 else 0, [match["text"].strip()]))
            open_block = True
        elif open_block and found:
            found[-1][2].append(line.strip())  # a wrapped line continues its paragraph or bullet
        else:
            found.append((False, 0, [line.strip()]))
            open_block = True
    return [{"bullet": bullet, "level": level, "runs": runs(" ".join(lines))} for bullet, level, lines in found]


def runs(text: str) -> list[dict]:
    """``**bold**`` and ``*italic*`` as runs ``{"text", "bold", "italic"}``; an unmatched marker stays literal."""
    return [{"text": run.text, "bold": run.bold, "italic": run.italic} for run in parse_inline(text)]


def plain(markdown: str | None) -> str:
    """The text of the Markdown subset without its markers, paragraphs joined by blank lines."""
    return "\n\n".join("".join(run["text"] for run in block["runs"]) for block in blocks(markdown))


def nested(items: list[dict]) -> list[dict]:
    """Paragraphs, and runs of bullets grouped into lists whose second-level bullets
    hang below the bullet before them: ``{"kind": "par", "runs"}`` or
    ``{"kind": "list", "items": [{"runs", "children": [runs, ...]}]}``."""
    out: list[dict] = []
    for block in items:
        if not block["bullet"]:
            out.append({"kind": "par", "runs": block["runs"]})
            continue
        if not out or out[-1]["kind"] != "list":
            out.append({"kind": "list", "items": []})
        entries = out[-1]["items"]
        if block["level"] == 1 and entries:
            entries[-1]["children"].append(block["runs"])
        else:
            entries.append({"runs": block["runs"], "children": []})
    return out
