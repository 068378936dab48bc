"""Output formats of ``coursegen check``: text for people, JSON for tools, GitHub annotations.

Each finding (an error from the loader or a warning from the translation report) is a
:class:`~generator.errors.ContentError`; the formats differ only in how they print it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable

from ..errors import ContentError

FORMATS = ("text", "json", "github")


@dataclass(frozen=True)
class CheckResult:
    """What a check found: errors block publishing, warnings do not (unless strict)."""

    errors: tuple[ContentError, ...] = ()
    warnings: tuple[ContentError, ...] = ()
    summary: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def text_lines(result: CheckResult) -> tuple[list[str], list[str]]:
    """(stdout lines, stderr lines) for a person at a terminal."""
    out: list[str] = []
    err = [str(e) for e in result.errors]
    out += [f"{w.path}:{w.line}:{w.column}: warning: {w.field}: {w.message}" for w in result.warnings]
    if result.errors:
        err.append(f"{plural(len(result.errors), 'error')} found; nothing was built or changed.")
    elif result.summary:
        out.append(result.summary)
    if result.warnings:
        out.append(f"{plural(len(result.warnings), 'warning')} (see above).")
    return out, err


def json_text(result: CheckResult) -> str:
    """One JSON document: ``{"ok": ..., "errors": [...], "warnings": [...], "counts": {...}}``."""
    return json.dumps(
        {
            "ok": result.ok,
            "errors": [e.as_dict() for e in result.errors],
            "warnings": [w.as_dict() for w in result.warnings],
            "counts": result.counts,
        },
        indent=2,
        ensure_ascii=False,
    )


def escape_data(value: str) -> str:
    """GitHub workflow command message escaping."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """GitHub workflow command property escaping (also ':' and ',')."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_command(level: str, finding: ContentError) -> str:
    """``::error file=…,line=…,col=…,title=…::message``, so a pull request shows it on the line."""
    title = f"coursegen: {finding.field}" if finding.field else "coursegen"
    properties = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in (("file", finding.path), ("line", finding.line), ("col", finding.column), ("title", title))
    )
    return f"::{level} {properties}::{escape_data(finding.message)}"


def github_lines(result: CheckResult) -> list[str]:
    lines = [github_command("error", e) for e in result.errors]
    lines += [github_command("warning", w) for w in result.warnings]
    if result.ok and result.summary:
        lines.append(result.summary)
    return lines


def sorted_findings(findings: Iterable[ContentError]) -> tuple[ContentError, ...]:
    return tuple(sorted(set(findings)))
