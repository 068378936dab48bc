"""``coursegen check`` as a library call: load the content, optionally add the translation report."""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import ContentErrors
from ..loading.content import DEFAULT_LANGUAGES
from ..messages import msg
from ..pipeline import validate
from .formats import CheckResult, sorted_findings
from .translations import untranslated

MISSING_TEXT = "missing the '"


def run_check(content_dir: Path, translations: bool = False) -> CheckResult:
    """Validate ``content_dir``; with ``translations``, also warn about untranslated texts."""
    started = time.perf_counter()
    languages = DEFAULT_LANGUAGES
    try:
        catalog = validate(content_dir)
    except ContentErrors as found:
        errors, catalog = found.errors, None
    else:
        errors, languages = (), catalog.site.languages
    warnings = untranslated(content_dir, languages) if translations else []
    if catalog is None:
        missing = sum(1 for e in errors if e.message.startswith(MISSING_TEXT))
        return CheckResult(errors=errors, warnings=sorted_findings(warnings), counts={"missing_translations": missing})
    seconds = time.perf_counter() - started
    slides = sum(len(m.slides) for m in catalog.modules.values())
    counts = {
        "modules": len(catalog.modules), "slides": slides, "sessions": len(catalog.sessions),
        "venues": len(catalog.venues), "trainers": len(catalog.trainers),
    }
    summary = msg("{folder}: OK: {modules} modules, {slides} slides, {sessions} sessions, {venues} venues, "
                  "{trainers} trainers ({seconds:.2f} s)", folder=content_dir, seconds=seconds, **counts)
    if translations:
        counts["untranslated"] = len(warnings)
    from ..rendering.decks.warnings import deck_warnings  # slide words no line can hold, even at the floor size

    warnings = [*warnings, *deck_warnings(catalog, content_dir)]
    return CheckResult(errors=(), warnings=sorted_findings(warnings), summary=summary, counts=counts)
