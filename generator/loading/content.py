"""Load ``content/`` into a :class:`~generator.model.Catalog`, or raise every error found."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from ..declaration import MODULE, SESSIONS, SITE
from ..errors import ContentError, ContentErrors, did_you_mean
from ..model import (
    DELIVERY_MODES,
    LAYOUTS_NEEDING_NOTES,
    MODULE_KINDS,
    SESSION_STATUSES,
    SLIDE_LAYOUTS,
    AgendaItem,
    Catalog,
    Contact,
    Localized,
    Material,
    Module,
    Session,
    Site,
    Slide,
    Trainer,
    Venue,
)
from .fields import ID_PATTERN, FieldReader, join
from .source import position, read_text, read_yaml

DEFAULT_LANGUAGES = ("sv", "en")
LANGUAGE_CODES = SITE["languages"].values


def shown_path(content_dir: Path, *parts: str) -> str:
    """How a file is named in messages: as the editor passed the folder, e.g. content/sessions.yaml."""
    return os.path.join(str(content_dir), *parts)


def load_catalog(content_dir: Path | str) -> Catalog:
    """Read and validate a content folder. Raises :class:`ContentErrors` listing every defect."""
    content_dir = Path(content_dir)
    errors: list[ContentError] = []
    if not content_dir.is_dir():
        raise ContentErrors([ContentError(str(content_dir), 1, 1, "", "no such folder; pass the content folder with --content DIR")])

    site = load_site(content_dir, errors)
    languages = site.languages if site else DEFAULT_LANGUAGES
    modules = load_modules(content_dir, languages, errors)
    module_ids = {p.stem for p in (content_dir / "modules").glob("*.yaml")} | set(modules)
    venues, trainers, sessions = load_sessions(
        content_dir, languages, site.timezone if site else None, module_ids, errors
    )
    pages = find_pages(content_dir, errors)
    if errors or site is None:
        raise ContentErrors(errors)
    return Catalog(
        site=site,
        modules=modules,
        venues=venues,
        trainers=trainers,
        sessions=tuple(sorted(sessions, key=lambda s: (s.starts_at, s.id))),
        content_dir=content_dir.resolve(),
        pages=pages,
    )


# -- site.yaml ------------------------------------------------------------------

SITE_FIELDS = SITE.names()
SITE_REQUIRED = SITE.required()
CONTACT_FIELDS = SITE.record("contact").names()
CONTACT_REQUIRED = SITE.record("contact").required()


def load_site(content_dir: Path, errors: list[ContentError]) -> Site | None:
    path = content_dir / "site.yaml"
    shown = shown_path(content_dir, "site.yaml")
    if not path.is_file():
        errors.append(ContentError(shown, 1, 1, "", "site.yaml is missing; every content folder needs one (see the editor guide)"))
        return None
    root = read_yaml(path, shown, errors)
    if root is None:
        return None
    before = len(errors)
    # Languages come first: every localized field depends on them.
    languages = DEFAULT_LANGUAGES
    probe = FieldReader(shown, languages, errors)
    entries = probe.mapping(root, "", SITE_FIELDS, required=SITE_REQUIRED)
    if entries is None:
        return None
    if "languages" in entries:
        items = probe.sequence(entries["languages"], "languages")
        if items is not None:
            codes = []
            for index, item in enumerate(items):
                code = probe.scalar(item, join("languages", index))
                if code is None:
                    continue
                if code not in LANGUAGE_CODES:
                    probe.error(item, join("languages", index), f"unknown language code '{code}'{did_you_mean(code, LANGUAGE_CODES)}; use a two-letter code such as 'sv' or 'en'")
                elif code in codes:
                    probe.error(item, join("languages", index), f"'{code}' is listed twice")
                else:
                    codes.append(code)
            if codes:
                languages = tuple(codes)
    read = FieldReader(shown, languages, errors)
    name = read.localized(entries["name"], "name") if "name" in entries else None
    organiser = read.text(entries["organiser"], "organiser") if "organiser" in entries else None
    timezone = None
    if "timezone" in entries:
        timezone = read.text(entries["timezone"], "timezone")
        if timezone is not None:
            try:
                ZoneInfo(timezone)
            except (ZoneInfoNotFoundError, ValueError):
                read.error(entries["timezone"], "timezone", f"unknown timezone '{timezone}'; use an IANA name such as Europe/Stockholm")
                timezone = None
    contact = None
    if "contact" in entries:
        fields = read.mapping(entries["contact"], "contact", CONTACT_FIELDS, required=CONTACT_REQUIRED)
        if fields is not None and "email" in fields:
            email = read.email(fields["email"], "contact.email")
            phone = read.text(fields["phone"], "contact.phone") if "phone" in fields else None
            if email:
                contact = Contact(email=email, phone=phone)
    optional = {
        key: read.localized(entries[key], key) if key in entries else None
        for key in ("tagline", "description", "registration")
    }
    url = read.url(entries["url"], "url") if "url" in entries else None
    if len(errors) > before or None in (name, organiser, timezone, contact):
        return None
    return Site(
        name=name, organiser=organiser, languages=languages, timezone=timezone,
        contact=contact, url=url.rstrip("/") if url else None, **optional,
    )


# -- modules/<id>.yaml -----------------------------------------------------------

MODULE_FIELDS = MODULE.names()
MODULE_REQUIRED = MODULE.required()
SLIDE_FIELDS = MODULE.record("slides").names()
SLIDE_REQUIRED = MODULE.record("slides").required()
AGENDA_FIELDS = MODULE.record("agenda").names()  # all required
MATERIAL_FIELDS = MODULE.record("materials").names()  # all required


def load_modules(content_dir: Path, languages: tuple[str, ...], errors: list[ContentError]) -> dict[str, Module]:
    folder = content_dir / "modules"
    modules: dict[str, Module] = {}
    if not folder.is_dir():
        errors.append(ContentError(shown_path(content_dir, "modules"), 1, 1, "", "the modules/ folder is missing; add at least one module file"))
        return modules
    for path in sorted(folder.iterdir()):
        shown = shown_path(content_dir, "modules", path.name)
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix == ".yml":
            errors.append(ContentError(shown, 1, 1, "", f"module files end in .yaml; rename it to {path.stem}.yaml"))
            continue
        if path.suffix != ".yaml":
            continue
        if not ID_PATTERN.fullmatch(path.stem):
            errors.append(ContentError(
                shown, 1, 1, "",
                f"'{path.stem}' is not a valid module id; name the file with lower-case letters a-z, digits and dashes, e.g. grunddag.yaml",
            ))
            continue
        module = load_module(content_dir, path, shown, languages, errors)
        if module is not None:
            modules[module.id] = module
    if not modules and not any(e.path.startswith(shown_path(content_dir, "modules")) for e in errors):
        errors.append(ContentError(shown_path(content_dir, "modules"), 1, 1, "", "no module files found; add one, e.g. modules/grunddag.yaml"))
    return modules


def load_module(content_dir: Path, path: Path, shown: str, languages: tuple[str, ...], errors: list[ContentError]) -> Module | None:
    root = read_yaml(path, shown, errors)
    if root is None:
        return None
    before = len(errors)
    read = FieldReader(shown, languages, errors)
    entries = read.mapping(root, "", MODULE_FIELDS, required=MODULE_REQUIRED)
    if entries is None:
        return None

    def localized(key: str) -> Localized | None:
        return read.localized(entries[key], key) if key in entries else None

    kind = read.choice(entries["kind"], "kind", MODULE_KINDS) if "kind" in entries else None
    duration = read.integer(entries["duration_minutes"], "duration_minutes", minimum=1) if "duration_minutes" in entries else None
    delivery: list[str] = []
    if "delivery" in entries:
        for index, item in enumerate(read.sequence(entries["delivery"], "delivery") or []):
            mode = read.choice(item, join("delivery", index), DELIVERY_MODES)
            if mode:
                delivery.append(mode)
    objectives = [
        read.localized(item, join("objectives", index))
        for index, item in enumerate(read.sequence(entries["objectives"], "objectives") or [] if "objectives" in entries else [])
    ]
    agenda = read_agenda(read, entries.get("agenda"), duration, entries.get("duration_minutes"))
    slides = [
        read_slide(read, content_dir, item, join("slides", index))
        for index, item in enumerate(read.sequence(entries["slides"], "slides") or [] if "slides" in entries else [])
    ]
    materials = [
        read_material(read, content_dir, item, join("materials", index))
        for index, item in enumerate(read.sequence(entries["materials"], "materials", allow_empty=True) or [] if "materials" in entries else [])
    ]
    title, summary, audience, description = (localized(k) for k in ("title", "summary", "audience", "description"))
    if len(errors) > before:
        return None
    return Module(
        id=path.stem, kind=kind, title=title, summary=summary, audience=audience,
        duration_minutes=duration, delivery=tuple(delivery), objectives=tuple(objectives),
        agenda=tuple(agenda), slides=tuple(slides), description=description,
        materials=tuple(materials), source=shown,
    )


def read_agenda(read: FieldReader, node: yaml.Node | None, duration: int | None, duration_node: yaml.Node | None) -> list[AgendaItem]:
    if node is None:
        return []
    agenda = []
    for index, item in enumerate(read.sequence(node, "agenda") or []):
        field = join("agenda", index)
        entries = read.mapping(item, field, AGENDA_FIELDS, required=AGENDA_FIELDS)
        if not entries or len(entries) < 2:
            continue
        minutes = read.integer(entries["minutes"], f"{field}.minutes", minimum=1)
        title = read.localized(entries["title"], f"{field}.title")
        if minutes and title:
            agenda.append(AgendaItem(minutes, title))
    total = sum(item.minutes for item in agenda)
    if duration and duration_node is not None and total > duration:
        read.error(duration_node, "duration_minutes", f"the agenda adds up to {total} minutes, more than {duration}; shorten the agenda or raise duration_minutes")
    return agenda


def read_slide(read: FieldReader, content_dir: Path, node: yaml.Node, field: str) -> Slide | None:
    entries = read.mapping(node, field, SLIDE_FIELDS, required=SLIDE_REQUIRED)
    if entries is None:
        return None
    layout = read.choice(entries["layout"], f"{field}.layout", SLIDE_LAYOUTS) if "layout" in entries else None
    title = read.localized(entries["title"], f"{field}.title") if "title" in entries else None
    body = read.localized(entries["body"], f"{field}.body") if "body" in entries else None
    notes = read.localized(entries["notes"], f"{field}.notes") if "notes" in entries else None
    if layout in LAYOUTS_NEEDING_NOTES and "notes" not in entries:
        read.error(node, f"{field}.notes", f"{'an' if layout[0] in 'aeiou' else 'a'} {layout} slide needs speaker notes; add 'notes: {{{', '.join(f'{l}: ...' for l in read.languages)}}}' with what the trainer says")
    image = alt = None
    if "image" in entries:
        image = read_content_path(read, content_dir, entries["image"], f"{field}.image")
        if "alt" not in entries:
            read.error(entries["image"], f"{field}.alt", "an image needs alt text; add 'alt: {sv: ..., en: ...}' describing what the picture shows")
    elif layout == "image":
        read.error(node, f"{field}.image", "an image slide needs an image; add 'image: modules/<id>/picture.png'")
    if "alt" in entries:
        alt = read.localized(entries["alt"], f"{field}.alt")
    return Slide(layout=layout, title=title, body=body, notes=notes, image=image, alt=alt)


def read_material(read: FieldReader, content_dir: Path, node: yaml.Node, field: str) -> Material | None:
    entries = read.mapping(node, field, MATERIAL_FIELDS, required=MATERIAL_FIELDS)
    if not entries or len(entries) < 2:
        return None
    title = read.localized(entries["title"], f"{field}.title")
    file_node = entries["file"]
    if isinstance(file_node, yaml.MappingNode):
        per_language = read.mapping(file_node, f"{field}.file", read.languages, required=read.languages)
        if per_language is None or len(per_language) < len(read.languages):
            return None
        files = [(lang, read_content_path(read, content_dir, per_language[lang], f"{field}.file.{lang}")) for lang in read.languages]
    else:
        path = read_content_path(read, content_dir, file_node, f"{field}.file")
        files = [(lang, path) for lang in read.languages]
    if title is None or any(p is None for _, p in files):
        return None
    return Material(title=title, files=Localized(tuple(files)))


def read_content_path(read: FieldReader, content_dir: Path, node: yaml.Node, field: str) -> str | None:
    """A path relative to content/ that must stay inside it and exist."""
    value = read.text(node, field)
    if value is None:
        return None
    if value.startswith("/") or "\\" in value:
        read.error(node, field, f"'{value}' must be a path inside content/ written with '/', e.g. modules/grunddag/bild.png")
        return None
    root = content_dir.resolve()
    target = (root / value).resolve()
    if target != root and root not in target.parents:
        read.error(node, field, f"'{value}' points outside the content folder; keep files under content/, e.g. modules/<id>/")
        return None
    if not target.is_file():
        read.error(node, field, f"file '{value}' does not exist; check the spelling or add the file under content/")
        return None
    return value


# -- sessions.yaml ---------------------------------------------------------------

SESSION_FIELDS = SESSIONS.record("sessions").names()
SESSION_REQUIRED = SESSIONS.record("sessions").required()
SESSIONS_FILE_FIELDS = SESSIONS.names()
SESSIONS_FILE_REQUIRED = SESSIONS.required()
VENUE_FIELDS = SESSIONS.record("venues").names()
VENUE_REQUIRED = SESSIONS.record("venues").required()
TRAINER_FIELDS = SESSIONS.record("trainers").names()  # all required
ONLINE_FIELDS = SESSIONS.record("sessions", "online").names()  # all required
REGISTRATION_FIELDS = SESSIONS.record("sessions", "registration").names()
REGISTRATION_REQUIRED = SESSIONS.record("sessions", "registration").required()


def load_sessions(
    content_dir: Path,
    languages: tuple[str, ...],
    timezone: str | None,
    module_ids: set[str],
    errors: list[ContentError],
) -> tuple[dict[str, Venue], dict[str, Trainer], list[Session]]:
    venues: dict[str, Venue] = {}
    trainers: dict[str, Trainer] = {}
    sessions: list[Session] = []
    path = content_dir / "sessions.yaml"
    shown = shown_path(content_dir, "sessions.yaml")
    if not path.is_file():
        errors.append(ContentError(shown, 1, 1, "", "sessions.yaml is missing; add one with venues, trainers and sessions (may be empty lists)"))
        return venues, trainers, sessions
    root = read_yaml(path, shown, errors)
    if root is None:
        return venues, trainers, sessions
    read = FieldReader(shown, languages, errors)
    entries = read.mapping(root, "", SESSIONS_FILE_FIELDS, required=SESSIONS_FILE_REQUIRED)
    if entries is None:
        return venues, trainers, sessions

    for key, node in read_id_map(read, entries.get("venues"), "venues"):
        fields = read.mapping(node, f"venues.{key}", VENUE_FIELDS, required=VENUE_REQUIRED)
        if not fields:
            continue
        name = read.name(fields["name"], f"venues.{key}.name") if "name" in fields else None
        address = read.text(fields["address"], f"venues.{key}.address") if "address" in fields else None
        municipality = read.text(fields["municipality"], f"venues.{key}.municipality") if "municipality" in fields else None
        accessibility = read.localized(fields["accessibility"], f"venues.{key}.accessibility") if "accessibility" in fields else None
        if name and address and municipality:
            venues[key] = Venue(key, name, address, municipality, accessibility)

    for key, node in read_id_map(read, entries.get("trainers"), "trainers"):
        fields = read.mapping(node, f"trainers.{key}", TRAINER_FIELDS, required=TRAINER_FIELDS)
        if not fields:
            continue
        name = read.text(fields["name"], f"trainers.{key}.name") if "name" in fields else None
        organisation = read.text(fields["organisation"], f"trainers.{key}.organisation") if "organisation" in fields else None
        if name and organisation:
            trainers[key] = Trainer(key, name, organisation)

    seen: dict[str, int] = {}
    known_venues = venue_ids(entries.get("venues"))
    known_trainers = venue_ids(entries.get("trainers"))
    for index, node in enumerate(read.sequence(entries["sessions"], "sessions", allow_empty=True) or [] if "sessions" in entries else []):
        session = read_session(read, node, f"sessions[{index}]", languages, timezone, module_ids, known_venues, known_trainers, seen)
        if session is not None:
            sessions.append(session)
    return venues, trainers, sessions


def read_id_map(read: FieldReader, node: yaml.Node | None, field: str):
    """(id, node) pairs of a mapping keyed by ids, checking each id."""
    if node is None:
        return []
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null") and node.style is None:
        return []  # 'trainers:' with nothing under it: no trainers yet
    if not isinstance(node, yaml.MappingNode):
        read.error(node, field, "expected a mapping of ids to entries, e.g. 'stadsbiblioteket-halmstad: {name: ..., ...}'")
        return []
    pairs, first_line = [], {}
    for key_node, value in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key is None or not ID_PATTERN.fullmatch(key):
            read.error(key_node, f"{field}.{key}", f"'{key}' is not a valid id; use lower-case letters a-z, digits and dashes")
            continue
        if key in first_line:
            read.error(key_node, f"{field}.{key}", f"duplicate id '{key}' (first on line {first_line[key]}); ids must be unique")
            continue
        first_line[key] = position(key_node)[0]
        pairs.append((key, value))
    return pairs


def venue_ids(node: yaml.Node | None) -> set[str]:
    """Ids declared under a mapping node, valid or not (for reference checks)."""
    if not isinstance(node, yaml.MappingNode):
        return set()
    return {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def read_session(
    read: FieldReader,
    node: yaml.Node,
    field: str,
    languages: tuple[str, ...],
    timezone: str | None,
    module_ids: set[str],
    known_venues: set[str],
    known_trainers: set[str],
    seen: dict[str, int],
) -> Session | None:
    entries = read.mapping(node, field, SESSION_FIELDS, required=SESSION_REQUIRED)
    if entries is None:
        return None
    before = len(read.errors)
    get = entries.get

    session_id = read.identifier(get("id"), f"{field}.id") if "id" in entries else None
    if session_id is not None:
        if session_id in seen:
            read.error(entries["id"], f"{field}.id", f"duplicate session id '{session_id}' (first on line {seen[session_id]}); every session needs its own id")
        else:
            seen[session_id] = position(entries["id"])[0]

    module = None
    if "module" in entries:
        module = read.scalar(entries["module"], f"{field}.module")
        if module is not None and module not in module_ids:
            read.error(entries["module"], f"{field}.module", f"unknown module '{module}'{did_you_mean(module, module_ids)}; it must be the name of a file in modules/ without .yaml")
            module = None

    date = read.date(entries["date"], f"{field}.date") if "date" in entries else None
    start = read.time(entries["start"], f"{field}.start") if "start" in entries else None
    end = read.time(entries["end"], f"{field}.end") if "end" in entries else None
    if start and end and end <= start:
        read.error(entries["end"], f"{field}.end", f"the session ends ({end:%H:%M}) before it starts ({start:%H:%M}); check start and end")
    if date and timezone:
        for key, clock in (("start", start), ("end", end)):
            if clock is not None:
                problem = clock_change_problem(date, clock, timezone)
                if problem:
                    read.error(entries[key], f"{field}.{key}", problem)

    venue = online_url = None
    if "venue" in entries and "online" in entries:
        read.error(entries["online"], f"{field}.online", "a session has either a venue or an online link, not both; remove one")
    elif "venue" in entries:
        venue = read.scalar(entries["venue"], f"{field}.venue")
        if venue is not None and venue not in known_venues:
            read.error(entries["venue"], f"{field}.venue", f"unknown venue '{venue}'{did_you_mean(venue, known_venues)}; add it under venues: or fix the id")
            venue = None
    elif "online" in entries:
        fields = read.mapping(entries["online"], f"{field}.online", ONLINE_FIELDS, required=ONLINE_FIELDS)
        if fields and "url" in fields:
            online_url = read.url(fields["url"], f"{field}.online.url")
    else:
        read.error(node, f"{field}.venue", "missing a place; add 'venue: <venue-id>' or, for a digital session, 'online: {url: https://...}'")

    language = read.choice(entries["language"], f"{field}.language", languages) if "language" in entries else None

    trainer_ids: list[str] = []
    if "trainers" in entries:
        for index, item in enumerate(read.sequence(entries["trainers"], f"{field}.trainers", allow_empty=True) or []):
            trainer = read.scalar(item, f"{field}.trainers[{index}]")
            if trainer is None:
                continue
            if trainer not in known_trainers:
                read.error(item, f"{field}.trainers[{index}]", f"unknown trainer '{trainer}'{did_you_mean(trainer, known_trainers)}; add them under trainers: or fix the id")
            elif trainer in trainer_ids:
                read.error(item, f"{field}.trainers[{index}]", f"trainer '{trainer}' is listed twice")
            else:
                trainer_ids.append(trainer)

    capacity = None
    if "capacity" in entries:
        capacity = read.integer(entries["capacity"], f"{field}.capacity")
        if capacity is not None and capacity < 0:
            read.error(entries["capacity"], f"{field}.capacity", f"capacity cannot be negative ({capacity}); write the number of places, e.g. 30")

    registration_url = deadline = None
    if "registration" in entries:
        fields = read.mapping(entries["registration"], f"{field}.registration", REGISTRATION_FIELDS, required=REGISTRATION_REQUIRED)
        if fields:
            if "url" in fields:
                registration_url = read.url(fields["url"], f"{field}.registration.url")
            if "deadline" in fields:
                deadline = read.date(fields["deadline"], f"{field}.registration.deadline")
                if deadline and date and deadline > date:
                    read.error(fields["deadline"], f"{field}.registration.deadline", f"the deadline {deadline} is after the session ({date}); set it on or before the session date")

    status = read.choice(entries["status"], f"{field}.status", SESSION_STATUSES) if "status" in entries else "scheduled"
    note = read.localized(entries["note"], f"{field}.note") if "note" in entries else None
    if "internal" in entries:
        read.scalar(entries["internal"], f"{field}.internal")  # checked, then dropped: never published

    if len(read.errors) > before or None in (session_id, module, date, start, end, language, status) or timezone is None:
        return None
    return Session(
        id=session_id, module=module, date=date, start=start, end=end, language=language,
        timezone=timezone, trainers=tuple(trainer_ids), venue=venue, online_url=online_url,
        capacity=capacity, registration_url=registration_url, registration_deadline=deadline,
        status=status, note=note,
    )


def clock_change_problem(date: dt.date, clock: dt.time, timezone: str) -> str | None:
    """Say so if a local time does not exist, or exists twice, on a clock-change day."""
    zone = ZoneInfo(timezone)
    first = dt.datetime.combine(date, clock, tzinfo=zone)
    second = first.replace(fold=1)
    if first.utcoffset() != second.utcoffset():
        round_trip = first.astimezone(dt.timezone.utc).astimezone(zone)
        if round_trip.replace(tzinfo=None) != first.replace(tzinfo=None):
            return f"{clock:%H:%M} does not exist on {date} in {timezone} (the clocks go forward); pick a time outside the skipped hour"
        return f"{clock:%H:%M} happens twice on {date} in {timezone} (the clocks go back); pick a time outside the repeated hour"
    return None


# -- pages/ ------------------------------------------------------------------------

def find_pages(content_dir: Path, errors: list[ContentError]) -> tuple[Path, ...]:
    """Hand-written Markdown pages; optional. Each must be UTF-8."""
    folder = content_dir / "pages"
    if not folder.is_dir():
        return ()
    pages = []
    for path in sorted(folder.rglob("*.md")):
        shown = shown_path(content_dir, str(path.relative_to(content_dir)))
        text = read_text(path, shown, errors)
        if text is None:
            continue
        if not text.strip():
            errors.append(ContentError(shown, 1, 1, "", "the page is empty; write it or delete the file"))
            continue
        pages.append(path.resolve())
    return tuple(pages)
