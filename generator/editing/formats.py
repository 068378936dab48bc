"""Output formats of ``coursegen check``: text for people, JSON for tools, GitHub annotations.

Each finding (an error from the loader or a warning from the translation report) is a
:class:`~generator.errors.ContentError`; the formats differ only in how they print it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable

from ..errors import ContentError
from ..messages import Message, msg, shown

FORMATS = ("text", "json", "github")


@dataclass(frozen=True)
class CheckResult:
    """What a check found: errors block publishing, warnings do not (unless strict)."""

    errors: tuple[ContentError, ...] = ()
    warnings: tuple[ContentError, ...] = ()
    summary: str | Message = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def errors_found(count: int) -> Message:
    """'2 errors found; nothing was built or changed.'"""
    if count == 1:
        return msg("{count} error found; nothing was built or changed.", count=count)
    return msg("{count} errors found; nothing was built or changed.", count=count)


def text_lines(result: CheckResult, language: str = "en") -> tuple[list[str], list[str]]:
    """(stdout lines, stderr lines) for a person at a terminal, in the editor's language."""
    out: list[str] = []
    err = [e.line_in(language) for e in result.errors]
    warning = msg("warning").text(language)
    out += [f"{w.path}:{w.line}:{w.column}: {warning}: {w.field}: {w.message_in(language)}" for w in result.warnings]
    if result.errors:
        err.append(errors_found(len(result.errors)).text(language))
    elif result.summary:
        out.append(shown(result.summary, language))
    if result.warnings:
        count = len(result.warnings)
        out.append((msg("{count} warning (see above).", count=count) if count == 1 else
                    msg("{count} warnings (see above).", count=count)).text(language))
    return out, err


def json_text(result: CheckResult, language: str = "en") -> str:
    """One JSON document: ``{"ok": ..., "errors": [...], "warnings": [...], "counts": {...}}``."""
    return json.dumps(
        {
            "ok": result.ok,
            "errors": [e.as_dict(language) for e in result.errors],
            "warnings": [w.as_dict(language) for w in result.warnings],
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


def github_command(level: str, finding: ContentError, language: str = "en") -> str:
    """``::error file=…,line=…,col=…,title=…::message``, so a pull request shows it on the line."""
    title = f"coursegen: {finding.field}" if finding.field else "coursegen"
    properties = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in (("file", finding.path), ("line", finding.line), ("col", finding.column), ("title", title))
    )
    return f"::{level} {properties}::{escape_data(finding.message_in(language))}"


def github_lines(result: CheckResult, language: str = "en") -> list[str]:
    lines = [github_command("error", e, language) for e in result.errors]
    lines += [github_command("warning", w, language) for w in result.warnings]
    if result.ok and result.summary:
        lines.append(shown(result.summary, language))
    return lines


def sorted_findings(findings: Iterable[ContentError]) -> tuple[ContentError, ...]:
    return tuple(sorted(set(findings)))
