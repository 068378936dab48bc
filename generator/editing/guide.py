"""The field tables of the editor guide, written from the field declarations.

Each guide (``docs/editor-guide.<lang>.md``) marks where a content file's table goes::

    <!-- fields:sessions:start -->
    ...
    <!-- fields:sessions:end -->

and ``python -m generator.editing.guide`` rewrites what is between the marks from
``generator/declaration.py``, in the guide's language. Everything else in a guide is
hand-written and left as it is. ``--check`` changes nothing and exits 1 when a table is
out of date.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .. import declaration as d
from ..files import write_atomically

COMMAND = "python -m generator.editing.guide"
DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDE_NAME = re.compile(r"editor-guide\.(?P<lang>[a-z]{2})\.md")
BLOCK = re.compile(r"(<!-- fields:(?P<key>[\w-]+):start -->\n).*?(<!-- fields:(?P=key):end -->)", re.DOTALL)
GENERATED = f"<!-- Written by '{COMMAND}' from generator/declaration.py; edit the declaration, not this table. -->"

HEADINGS = {
    "sv": ("Fält", "Måste", "Typ", "Vad", "Exempel"),
    "en": ("Field", "Required", "Type", "What", "Example"),
}
WORDS = {
    "sv": {"yes": "ja", "or": "eller", "when_set": "när `{field}` finns", "when_is": "när `{field}` är {values}",
           "unless": "ja, eller `{field}`", "default": "standard: `{value}`"},
    "en": {"yes": "yes", "or": "or", "when_set": "when `{field}` is set", "when_is": "when `{field}` is {values}",
           "unless": "yes, or `{field}`", "default": "default: `{value}`"},
}


def required_cell(field: d.Field, language: str) -> str:
    words, need = WORDS[language], field.required
    if need is True:
        return words["yes"]
    if isinstance(need, d.When):
        if need.values:
            return words["when_is"].format(field=need.field, values=d.listed(need.values, words["or"]))
        return words["when_set"].format(field=need.field)
    if isinstance(need, d.Unless):
        return words["unless"].format(field=need.field)
    return ""


def type_cell(field: d.Field, language: str) -> str:
    label = field.type.label[language]
    if field.default is not None:
        label += "; " + WORDS[language]["default"].format(value=field.default)
    return label


def has_fields_below(field: d.Field) -> bool:
    kind = field.type.item if isinstance(field.type, d.ListOf) else field.type
    return isinstance(kind, (d.Record, d.KeyedBy))


def example_cell(field: d.Field) -> str:
    """The example, for fields whose value is written on one line (the fields below show the rest)."""
    return "" if has_fields_below(field) else f"`{field.example}`"


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def field_table(record: d.Record, language: str) -> str:
    """The Markdown table of every field under ``record``, in ``language``."""
    lines = ["| " + " | ".join(HEADINGS[language]) + " |", "|---|---|---|---|---|"]
    for path, field in d.walk(record):
        row = (f"`{path}`", required_cell(field, language), type_cell(field, language),
               field.help(language), example_cell(field))
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    return "\n".join(lines) + "\n"


def language_of(guide: Path) -> str:
    match = GUIDE_NAME.fullmatch(guide.name)
    if not match or match.group("lang") not in d.GUIDE_LANGUAGES:
        raise ValueError(f"{guide}: not an editor guide in {' or '.join(d.GUIDE_LANGUAGES)} (editor-guide.<lang>.md)")
    return match.group("lang")


def render(text: str, language: str, where: str = "the guide") -> str:
    """``text`` with every field table rewritten; each content file needs its marks, once."""
    files = {f.key: f for f in d.FILES}
    seen: list[str] = []

    def table(match: re.Match) -> str:
        key = match.group("key")
        if key not in files:
            raise ValueError(f"{where}: '<!-- fields:{key}:start -->' names no content file; use one of {', '.join(files)}")
        seen.append(key)
        return match.group(1) + GENERATED + "\n\n" + field_table(files[key].record, language) + "\n" + match.group(3)

    result = BLOCK.sub(table, text)
    missing = [key for key in files if key not in seen]
    twice = sorted({key for key in seen if seen.count(key) > 1})
    if missing or twice:
        raise ValueError(
            f"{where}: every content file needs one field table between '<!-- fields:KEY:start -->' and "
            f"'<!-- fields:KEY:end -->'; missing: {', '.join(missing) or 'none'}, twice: {', '.join(twice) or 'none'}"
        )
    return result


def guides(docs: Path) -> list[Path]:
    return sorted(p for p in docs.glob("editor-guide.*.md") if GUIDE_NAME.fullmatch(p.name))


def update(docs: Path = DOCS, check: bool = False) -> list[Path]:
    """Rewrite the field tables of every guide in ``docs``; return the guides that were (or, with
    ``check``, would be) changed."""
    changed = []
    for guide in guides(docs):
        text = guide.read_text(encoding="utf-8")
        new = render(text, language_of(guide), str(guide))
        if new != text:
            changed.append(guide)
            if not check:
                write_atomically(guide, new.encode("utf-8"))
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description="Write the field tables of the editor guides from the field declarations.")
    parser.add_argument("--docs", type=Path, default=DOCS, help="folder with editor-guide.<lang>.md (default: the project's docs/)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a table is out of date")
    args = parser.parse_args(argv)
    try:
        changed = update(args.docs, check=args.check)
    except (OSError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    for guide in changed:
        print(f"{guide}: field tables out of date; run '{COMMAND}'" if args.check else f"wrote {guide}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
