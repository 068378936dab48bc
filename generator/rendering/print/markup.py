"""The Markdown subset of slide bodies and notes, as data for the print templates.

Editors write paragraphs, ``- `` bullets on two levels, numbered items (``1. ``),
``**bold**`` and ``*italic*``; the blocks are read by :mod:`generator.blocks`, the runs
by :mod:`generator.runs`. Anything else is kept as literal text. The result is plain
data (lists and dicts) that goes to Typst as JSON: a template shows each run as text,
so nothing in it is ever read as Typst markup.
"""

from __future__ import annotations

from ...blocks import BULLETED, NUMBERED_ITEM, split_blocks
from ...runs import parse_inline


def blocks(markdown: str | None) -> list[dict]:
    """``[{"kind": "paragraph"|"bullet"|"numbered", "level": 0|1, "number", "label", "runs": [...]}]``."""
    return [{"kind": block.kind, "level": block.level, "number": block.number, "label": block.label,
             "runs": runs(block.text)} for block in split_blocks(markdown)]


def runs(text: str) -> list[dict]:
    """``**bold**`` and ``*italic*`` as runs ``{"text", "bold", "italic"}``; an unmatched marker stays literal."""
    return [{"text": run.text, "bold": run.bold, "italic": run.italic} for run in parse_inline(text)]


def plain(markdown: str | None) -> str:
    """The text of the Markdown subset without its markers, blocks joined by blank lines;
    a numbered item keeps its number (``2. ...``), as the printed list shows it."""
    return "\n\n".join(" ".join(filter(None, (block["label"], "".join(run["text"] for run in block["runs"]))))
                       for block in blocks(markdown))


def nested(items: list[dict]) -> list[dict]:
    """Paragraphs, and runs of bullets or of numbered items grouped into lists whose
    second-level items hang below the item before them: ``{"kind": "par", "runs"}`` or
    ``{"kind": "list", "numbered": bool, "numbering": "1." | "1)" | None,
    "items": [{"runs", "number", "children": {"numbered", "numbering", "items": [{"runs", "number"}]}}]}``."""
    out: list[dict] = []
    for block in items:
        if block["kind"] not in (BULLETED, NUMBERED_ITEM):
            out.append({"kind": "par", "runs": block["runs"]})
            continue
        numbered = block["kind"] == NUMBERED_ITEM
        entry = {"runs": block["runs"], "number": block["number"]}
        current = out[-1] if out and out[-1]["kind"] == "list" else None
        if block["level"] == 1 and current is not None:
            children = current["items"][-1]["children"]
            if not children["items"]:
                children.update(list_shape(block))
            children["items"].append(entry)
            continue
        if current is None or current["numbered"] != numbered:
            current = {"kind": "list", **list_shape(block), "items": []}
            out.append(current)
        current["items"].append({**entry, "children": {"numbered": False, "numbering": None, "items": []}})
    return out


def list_shape(block: dict) -> dict:
    numbered = block["kind"] == NUMBERED_ITEM
    return {"numbered": numbered, "numbering": "1" + block["label"][-1] if numbered else None}
