"""Adding sessions and modules, and changing a session's status, without breaking the content.

Each operation computes the new file text (a :class:`Proposal`), writes it into a
temporary copy of the content folder, loads that copy with the real loader, and only if
it is valid replaces the editor's file. On errors :class:`ProposalErrors` is raised: the
errors name the editor's file, their lines are those of the text that would have been
written (it is kept, so it can be shown), and nothing is changed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import ContentError, ContentErrors, suggestion
from ..files import write_atomically
from ..loading import load_catalog
from ..loading.content import shown_path
from ..loading.source import compose_text, position, read_text
from ..messages import Message, msg
from ..model import Catalog, slugify
from .yamltext import (
    EditError,
    append_to_block_sequence,
    flow_mapping,
    localized_flow,
    mapping_entry,
    scalar_text,
    set_entry,
)

SCHEMA_COMMENT = "# yaml-language-server: $schema="

# Fixed words of a new module's skeleton slides, per language; other languages get the title.
SKELETON_WORDS = {
    "goals": {"sv": "Mål för dagen", "en": "Goals for the day"},
    "thanks": {"sv": "Tack för i dag!", "en": "Thank you for today!"},
}


class ProposalErrors(ContentErrors):
    """A proposed change would make the content invalid; nothing was written.

    ``proposed`` maps each changed file, as messages name it, to the text that would have
    been written: the lines of errors in those files are lines of that text.
    """

    def __init__(self, errors, proposed: dict[str, tuple[str, str]]):
        super().__init__(errors)
        self.proposed = proposed  # shown path -> (text before, text proposed)


@dataclass(frozen=True)
class Proposal:
    """A change to one content file: its text before and after."""

    relative: str
    before: str
    after: str

    def diff(self, shown: str) -> list[str]:
        """The change as a unified diff, lines without endings."""
        return [line.rstrip("\r\n") for line in difflib.unified_diff(
            self.before.splitlines(), self.after.splitlines(), shown, shown, lineterm="", n=2)]


def check_changes(content_dir: Path, changes: dict[str, str], before: dict[str, str] | None = None) -> Catalog:
    """The catalog the content would have with ``changes`` (path inside the folder -> new text).

    Raises :class:`ProposalErrors` if the changed content would not load; writes nothing.
    """
    before = before or {}
    with tempfile.TemporaryDirectory(prefix="coursegen-") as tmp:
        copy = Path(tmp) / (content_dir.name or "content")
        shutil.copytree(content_dir, copy)
        for relative, text in changes.items():
            target = copy / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            return load_catalog(copy)
        except ContentErrors as errors:
            proposed = {shown_path(content_dir, relative): (before.get(relative, ""), text)
                        for relative, text in changes.items()}
            raise ProposalErrors((renamed(e, str(copy), str(content_dir)) for e in errors.errors), proposed) from None


def write_checked(content_dir: Path, changes: dict[str, str], before: dict[str, str] | None = None) -> Catalog:
    """Apply ``changes`` only if the result loads; returns the changed content's catalog.

    Raises :class:`ProposalErrors` and leaves every file untouched when the change would
    make the content invalid.
    """
    catalog = check_changes(content_dir, changes, before)
    for relative, text in changes.items():
        replace_file(content_dir / relative, text)
    return catalog


def write_proposal(content_dir: Path, proposal: Proposal) -> Catalog:
    """Write a checked proposal, unless the file changed since it was made."""
    current = (content_dir / proposal.relative).read_text(encoding="utf-8")
    if current != proposal.before:
        raise edit_failure(content_dir, proposal.relative, None,
                           msg("the file was changed by someone else meanwhile; run the command again"))
    return write_checked(content_dir, {proposal.relative: proposal.after}, {proposal.relative: proposal.before})


def renamed(error: ContentError, old: str, new: str) -> ContentError:
    """The same error, naming the editor's folder instead of the temporary copy."""
    path = new + error.path[len(old):] if error.path.startswith(old) else error.path
    return ContentError(path, error.line, error.column, error.field, error.text or error.message)


def replace_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in one step: readers never see half a file."""
    write_atomically(path, text.encode("utf-8"))


def compose_file(content_dir: Path, relative: str) -> tuple[str, yaml.Node]:
    """The text and node tree of a content file; ContentErrors if it cannot be read."""
    shown = shown_path(content_dir, relative)
    errors: list[ContentError] = []
    text = read_text(content_dir / relative, shown, errors)
    root = None if text is None else compose_text(text, shown, errors)
    if root is None:
        raise ContentErrors(errors)
    return text, root


def edit_failure(content_dir: Path, relative: str, node: yaml.Node | None, message: Message) -> ContentErrors:
    line, column = position(node) if node is not None else (1, 1)
    return ContentErrors([ContentError(shown_path(content_dir, relative), line, column, "", message)])


# -- new session ---------------------------------------------------------------------

@dataclass
class SessionDraft:
    """What an editor says about a planned session; optional parts may stay empty."""

    module: str
    date: dt.date
    start: dt.time
    end: dt.time
    language: str
    venue: str | None = None
    online_url: str | None = None
    trainers: list[str] = field(default_factory=list)
    capacity: int | None = None
    registration_url: str | None = None
    deadline: dt.date | None = None
    id: str | None = None

    def entries(self, session_id: str) -> list[tuple[str, str]]:
        """The session's lines as (key, YAML value), in the order of the content format."""
        out = [
            ("id", scalar_text(session_id, typed=True)),
            ("module", scalar_text(self.module)),
            ("date", self.date.isoformat()),
            ("start", f'"{self.start:%H:%M}"'),
            ("end", f'"{self.end:%H:%M}"'),
        ]
        if self.venue:
            out.append(("venue", scalar_text(self.venue)))
        if self.online_url:
            out.append(("online", flow_mapping([("url", scalar_text(self.online_url, flow=True))])))
        out.append(("language", scalar_text(self.language)))
        if self.trainers:
            out.append(("trainers", "[" + ", ".join(scalar_text(t, flow=True) for t in self.trainers) + "]"))
        if self.capacity is not None:
            out.append(("capacity", str(self.capacity)))
        if self.registration_url:
            pairs = [("url", scalar_text(self.registration_url, flow=True))]
            if self.deadline:
                pairs.append(("deadline", self.deadline.isoformat()))
            out.append(("registration", flow_mapping(pairs)))
        out.append(("status", "scheduled"))
        return out


def suggested_session_id(catalog: Catalog, draft: SessionDraft) -> str:
    """A readable, unused id such as 2027-02-grunddag-halmstad."""
    place = "online" if draft.online_url else slugify(catalog.venues[draft.venue].municipality) if draft.venue in catalog.venues else "plats"
    base = f"{draft.date:%Y-%m}-{draft.module}-{place}"
    taken = {s.id for s in catalog.sessions}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def propose_session(content_dir: Path, draft: SessionDraft) -> tuple[str, Proposal]:
    """The new session's id and ``sessions.yaml`` with it appended, every other line kept."""
    catalog = load_catalog(content_dir)
    session_id = draft.id or suggested_session_id(catalog, draft)
    text, root = compose_file(content_dir, "sessions.yaml")
    try:
        new_text = append_to_block_sequence(text, root, "sessions", draft.entries(session_id))
    except EditError as exc:
        found = mapping_entry(root, "sessions")
        raise edit_failure(content_dir, "sessions.yaml", found[0] if found else None, exc.message) from None
    return session_id, Proposal("sessions.yaml", text, new_text)


def add_session(content_dir: Path, draft: SessionDraft) -> str:
    """Append a session to ``sessions.yaml``, keeping every other line; return its id."""
    session_id, proposal = propose_session(content_dir, draft)
    write_proposal(content_dir, proposal)
    return session_id


# -- status: cancel, full, waitlist, places ----------------------------------------------------

def find_session_node(root: yaml.Node, session_id: str) -> yaml.MappingNode | None:
    found = mapping_entry(root, "sessions")
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        return None
    for item in found[1].value:
        entry = mapping_entry(item, "id")
        if entry and isinstance(entry[1], yaml.ScalarNode) and entry[1].value == session_id:
            return item
    return None


@dataclass
class StatusChange:
    """What a status command sets on one session; ``None`` leaves a field as it is."""

    status: str | None = None
    places_left: int | None = None
    note: dict[str, str] | None = None  # for participants, one text per site language
    internal: str | None = None  # for the organisers only; never published

    def entries(self) -> list[tuple[str, str]]:
        out = []
        if self.status is not None:
            out.append(("status", self.status))
        if self.places_left is not None:
            out.append(("places_left", str(self.places_left)))
        if self.note is not None:
            out.append(("note", localized_flow(self.note)))
        if self.internal is not None:
            out.append(("internal", scalar_text(self.internal)))
        return out


def session_or_error(content_dir: Path, catalog: Catalog, root: yaml.Node, session_id: str) -> yaml.MappingNode:
    item = find_session_node(root, session_id)
    if item is None:
        hint = suggestion(session_id, [s.id for s in catalog.sessions])
        raise edit_failure(content_dir, "sessions.yaml", None,
                           msg("no session with id '{id}'{hint}", id=session_id, hint=hint))
    return item


def propose_status(content_dir: Path, session_id: str, change: StatusChange) -> Proposal:
    """``sessions.yaml`` with the change made to one session, every other line kept.

    The proposal may change nothing (``before == after``). Raises ContentErrors if there is
    no such session (with a close match suggested) or the entry cannot be edited safely,
    and :class:`ProposalErrors` if the result would not load.
    """
    catalog = load_catalog(content_dir)
    text, root = compose_file(content_dir, "sessions.yaml")
    session_or_error(content_dir, catalog, root, session_id)
    new_text = text
    for key, value in change.entries():
        current = compose_text(new_text, "sessions.yaml", [])
        item = find_session_node(current, session_id)
        old = mapping_entry(item, key)
        if old is not None and isinstance(old[1], yaml.ScalarNode) and old[1].value == value:
            continue
        try:
            new_text = set_entry(new_text, item, key, value)
        except EditError as exc:
            raise edit_failure(content_dir, "sessions.yaml", item, exc.message) from None
    proposal = Proposal("sessions.yaml", text, new_text)
    if new_text != text:
        check_changes(content_dir, {"sessions.yaml": new_text}, {"sessions.yaml": text})
    return proposal


# The sentence added to a cancelled session's note when another session replaces it.
REPLACEMENT_WORDS = {
    "sv": "Ersätts av tillfället {date} ({id}).",
    "en": "Replaced by the session on {date} ({id}).",
}


def replacement_note(content_dir: Path, catalog: Catalog, cancelled: str, replacement: str) -> dict[str, str]:
    """A sentence per site language naming the session that replaces a cancelled one, by date and id."""
    from ..dates import long_date

    found = next((s for s in catalog.sessions if s.id == replacement), None)
    if found is None or replacement == cancelled or found.is_cancelled:
        hint = suggestion(replacement, [s.id for s in catalog.sessions if s.id != cancelled and not s.is_cancelled])
        raise edit_failure(content_dir, "sessions.yaml", None,
                           msg("'{id}' cannot replace the session: it must be another session that is "
                               "not cancelled{hint}", id=replacement, hint=hint))
    return {lang: REPLACEMENT_WORDS.get(lang, REPLACEMENT_WORDS["en"]).format(
        date=long_date(found.date, lang), id=found.id) for lang in catalog.site.languages}


# -- new module -------------------------------------------------------------------------

@dataclass
class ModuleDraft:
    """The few facts a new module needs; the skeleton is built from them."""

    id: str
    kind: str
    title: dict[str, str]
    summary: dict[str, str]
    audience: dict[str, str]
    objective: dict[str, str]
    duration_minutes: int
    delivery: list[str]


def schema_comment(content_dir: Path, schema_name: str, folder: Path) -> str | None:
    """The yaml-language-server line for a file in ``folder``, if a schemas/ folder is found above."""
    for parent in [content_dir.resolve(), *content_dir.resolve().parents]:
        candidate = parent / "schemas" / schema_name
        if candidate.is_file():
            return SCHEMA_COMMENT + Path(os.path.relpath(candidate, folder.resolve())).as_posix()
    return None


def module_text(draft: ModuleDraft, languages: tuple[str, ...], comment: str | None) -> str:
    """A module file that passes ``coursegen check``: title, goals and closing slides."""

    def word(key: str) -> dict[str, str]:
        return {lang: SKELETON_WORDS[key].get(lang, draft.title[lang]) for lang in languages}

    def block(key: str, texts: dict[str, str], indent: str = "") -> list[str]:
        return [f"{indent}{key}:"] + [f"{indent}  {lang}: {scalar_text(texts[lang])}" for lang in languages]

    lines = [comment] if comment else []
    lines += [f"kind: {draft.kind}"]
    lines += block("title", draft.title)
    lines += block("summary", draft.summary)
    lines += block("audience", draft.audience)
    lines += [f"duration_minutes: {draft.duration_minutes}", "delivery: [" + ", ".join(draft.delivery) + "]"]
    lines += ["objectives:", f"  - {localized_flow(draft.objective)}"]
    lines += ["agenda:", f"  - {{minutes: {draft.duration_minutes}, title: {localized_flow(draft.title)}}}"]
    lines += ["slides:", "  - layout: title", f"    title: {localized_flow(draft.title)}"]
    lines += ["  - layout: content", f"    title: {localized_flow(word('goals'))}"]
    lines += block("body", draft.objective, "    ")
    lines += block("notes", draft.summary, "    ")
    lines += ["  - layout: closing", f"    title: {localized_flow(word('thanks'))}"]
    return "\n".join(lines) + "\n"


def add_module(content_dir: Path, draft: ModuleDraft) -> Path:
    """Write ``modules/<id>.yaml`` with a skeleton that validates; return its path."""
    catalog = load_catalog(content_dir)
    relative = f"modules/{draft.id}.yaml"
    if (content_dir / relative).exists():
        raise edit_failure(content_dir, relative, None, msg("module '{id}' already exists; pick another id", id=draft.id))
    comment = schema_comment(content_dir, "module.schema.json", content_dir / "modules")
    write_checked(content_dir, {relative: module_text(draft, catalog.site.languages, comment)})
    return content_dir / relative


class TextProblem(ValueError):
    """A value given on the command line cannot be used; ``message`` says why."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


def parse_localized(values: tuple[str, ...] | list[str], languages: tuple[str, ...]) -> dict[str, str]:
    """``("sv=Grunddag", "en=Basic day")`` as ``{"sv": ..., "en": ...}``; raises ValueError."""
    texts: dict[str, str] = {}
    for value in values:
        lang, sep, text = value.partition("=")
        if not sep or lang not in languages or not text.strip():
            raise TextProblem(msg("'{value}': write LANGUAGE=TEXT with a site language ({languages})",
                                  value=value, languages=", ".join(languages)))
        texts[lang] = text.strip()
    return texts
