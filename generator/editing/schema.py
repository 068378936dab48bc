"""JSON Schemas for the content files, generated from the loader's own field tables.

Editors' tools (VS Code with the YAML extension, any yaml-language-server client) read
these schemas to offer completion and underline mistakes while typing. The schemas
are derived from the same tables the loader checks (``SITE_FIELDS``, ``MODULE_FIELDS``,
``SLIDE_FIELDS``, ``SESSION_FIELDS``, ``MODULE_KINDS`` ...) so they cannot drift
from what ``coursegen check`` accepts; a test compares the committed files with a
fresh generation.

The schemas are lenient where the loader is lenient (a time may be written ``09:00``,
``"09:00"`` or, in YAML 1.1 tools, arrive as the integer 540) and strict where it is
strict: unknown fields are rejected (``additionalProperties: false``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from ..loading.content import (
    AGENDA_FIELDS,
    CONTACT_FIELDS,
    CONTACT_REQUIRED,
    DEFAULT_LANGUAGES,
    LANGUAGE_CODES,
    MATERIAL_FIELDS,
    MODULE_FIELDS,
    MODULE_REQUIRED,
    ONLINE_FIELDS,
    REGISTRATION_FIELDS,
    REGISTRATION_REQUIRED,
    SESSION_FIELDS,
    SESSION_REQUIRED,
    SESSIONS_FILE_FIELDS,
    SESSIONS_FILE_REQUIRED,
    SITE_FIELDS,
    SITE_REQUIRED,
    SLIDE_FIELDS,
    SLIDE_REQUIRED,
    TRAINER_FIELDS,
    VENUE_FIELDS,
    VENUE_REQUIRED,
)
from ..loading.fields import ID_PATTERN, PLACEHOLDER_PATTERN, TIME_PATTERN, URL_PATTERN
from ..loading.source import NULL_TAG
from ..model import DELIVERY_MODES, LAYOUTS_NEEDING_NOTES, MODULE_KINDS, SESSION_STATUSES, SLIDE_LAYOUTS

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"
SCHEMA_FILES = {"site": "site.yaml", "module": "modules/<id>.yaml", "sessions": "sessions.yaml"}

# Hover help shown by the editor, in both languages: "Swedish — English".
HELP: dict[str, tuple[str, str]] = {
    "site.name": ("Programmets namn", "The programme's name"),
    "site.organiser": ("Vem som anordnar utbildningen", "Who organises the training"),
    "site.languages": ("Webbplatsens språk; det första är standardspråket", "The site's languages; the first is the default"),
    "site.timezone": ("Tidszon för alla tider, t.ex. Europe/Stockholm", "Time zone of all times, e.g. Europe/Stockholm"),
    "site.contact": ("Kontaktuppgifter som visas på webbplatsen", "Contact details shown on the site"),
    "site.contact.email": ("E-postadress för frågor", "E-mail address for questions"),
    "site.contact.phone": ("Telefonnummer (valfritt)", "Phone number (optional)"),
    "site.url": ("Webbplatsens adress, börjar med https://", "The site's address, starting with https://"),
    "site.tagline": ("En mening under namnet på startsidan", "One sentence under the name on the home page"),
    "site.description": ("Längre text på startsidan (Markdown)", "Longer text on the home page (Markdown)"),
    "site.registration": ("Hur man anmäler sig (Markdown)", "How to register (Markdown)"),
    "module.kind": ("Sorts modul", "Kind of module"),
    "module.title": ("Modulens namn", "The module's name"),
    "module.summary": ("Ett stycke om modulen", "One paragraph about the module"),
    "module.description": ("Längre beskrivning (Markdown, valfri)", "Longer description (Markdown, optional)"),
    "module.audience": ("Vem modulen är till för", "Who the module is for"),
    "module.duration_minutes": ("Längd i minuter", "Length in minutes"),
    "module.delivery": ("På plats och/eller digitalt", "On site and/or online"),
    "module.objectives": ("Vad deltagarna kan efteråt", "What participants can do afterwards"),
    "module.agenda": ("Programpunkter i ordning, längd i minuter", "Agenda items in order, length in minutes"),
    "module.slides": ("Bilderna i presentationen", "The slides of the deck"),
    "module.materials": ("Filer att ladda ner", "Files to download"),
    "agenda.minutes": ("Längd i minuter", "Length in minutes"),
    "agenda.title": ("Programpunktens namn", "Name of the agenda item"),
    "slide.layout": ("Bildens layout", "The slide's layout"),
    "slide.title": ("Bildens rubrik", "The slide's heading"),
    "slide.body": ("Bildens text (stycken, punktlistor, fetstil, kursiv)", "The slide's text (paragraphs, bullets, bold, italic)"),
    "slide.notes": ("Talarmanus: vad utbildaren säger", "Speaker notes: what the trainer says"),
    "slide.image": ("Bild, sökväg inuti content/, t.ex. modules/<id>/bild.png", "Picture, path inside content/, e.g. modules/<id>/picture.png"),
    "slide.alt": ("Alternativtext: vad bilden visar", "Alt text: what the picture shows"),
    "material.file": ("Fil inuti content/, eller en fil per språk", "File inside content/, or one file per language"),
    "material.title": ("Namnet på filen som visas", "The file's name as shown"),
    "sessions.venues": ("Lokaler, med id som nyckel", "Venues, keyed by id"),
    "sessions.trainers": ("Utbildare, med id som nyckel", "Trainers, keyed by id"),
    "sessions.sessions": ("Utbildningstillfällen", "Sessions"),
    "venue.name": ("Lokalens namn", "The venue's name"),
    "venue.address": ("Gatuadress, postnummer och ort", "Street address, postcode and town"),
    "venue.municipality": ("Kommun (ger ett eget kalenderflöde)", "Municipality (gets its own calendar feed)"),
    "venue.accessibility": ("Tillgänglighet: entré, hiss, hörslinga", "Accessibility: entrance, lift, hearing loop"),
    "trainer.name": ("Utbildarens namn", "The trainer's name"),
    "trainer.organisation": ("Var utbildaren arbetar", "Where the trainer works"),
    "session.id": ("Permanent id, t.ex. 2027-02-grunddag-halmstad; ändra aldrig", "Permanent id, e.g. 2027-02-grunddag-halmstad; never change it"),
    "session.module": ("Modulens id (filnamnet i modules/ utan .yaml)", "The module's id (file name in modules/ without .yaml)"),
    "session.date": ("Datum, ÅÅÅÅ-MM-DD", "Date, YYYY-MM-DD"),
    "session.start": ("Starttid, TT:MM", "Start time, HH:MM"),
    "session.end": ("Sluttid, TT:MM", "End time, HH:MM"),
    "session.venue": ("Lokalens id (under venues:)", "The venue's id (under venues:)"),
    "session.online": ("Länk för digitalt tillfälle", "Link for an online session"),
    "session.language": ("Språket som utbildningen hålls på", "The language the session is taught in"),
    "session.trainers": ("Utbildarnas id (under trainers:)", "The trainers' ids (under trainers:)"),
    "session.capacity": ("Antal platser", "Number of places"),
    "session.registration": ("Anmälningslänk och sista dag", "Registration link and deadline"),
    "session.status": ("scheduled, full (fullbokad) eller cancelled (inställd)", "scheduled, full or cancelled"),
    "session.note": ("Offentlig kommentar (valfri)", "Public note (optional)"),
    "session.internal": ("Intern anteckning; publiceras aldrig", "Internal note; never published"),
    "registration.url": ("Anmälningslänk, börjar med https://", "Registration link, starting with https://"),
    "registration.deadline": ("Sista anmälningsdag, ÅÅÅÅ-MM-DD", "Last day to register, YYYY-MM-DD"),
    "online.url": ("Länk till mötet, börjar med https://", "Link to the meeting, starting with https://"),
}


def describe(key: str) -> dict[str, str]:
    sv, en = HELP[key]
    return {"description": f"{sv} — {en}"}


def anchored(pattern: str) -> str:
    return f"^(?:{pattern})$"


def url_pattern() -> str:
    """The loader's URL rule as an ECMA regex (which has no case-insensitive flag)."""
    prefix, rest = "https?://", URL_PATTERN.pattern
    assert rest.startswith(prefix), "URL_PATTERN changed; update url_pattern()"
    return "^[Hh][Tt][Tt][Pp][Ss]?://" + rest[len(prefix):] + "$"


def closed(properties: dict[str, Any], fields: tuple[str, ...], required: tuple[str, ...] = ()) -> dict[str, Any]:
    """An object with exactly ``fields`` (in that order), rejecting anything else."""
    missing = set(fields) - set(properties)
    assert not missing, f"no schema for fields {sorted(missing)}"
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {name: properties[name] for name in fields},
        "additionalProperties": False,
    }
    if required:
        schema["required"] = list(required)
    return schema


def definitions(languages: tuple[str, ...]) -> dict[str, Any]:
    """Building blocks shared by the three schemas."""
    text = {
        "type": ["string", "number"],
        "minLength": 1,
        "not": {"type": "string", "pattern": PLACEHOLDER_PATTERN.pattern},
    }
    localized = {
        "type": "object",
        "properties": {lang: {"$ref": "#/definitions/text"} for lang in languages},
        "required": list(languages),
        "additionalProperties": False,
        "description": "En text per språk — one text per language: {" + ", ".join(f"{l}: ..." for l in languages) + "}",
    }
    return {
        "text": text,
        "localized": localized,
        "name": {"anyOf": [{"$ref": "#/definitions/text"}, {"$ref": "#/definitions/localized"}]},
        "id": {"type": "string", "pattern": anchored(ID_PATTERN.pattern)},
        "url": {"type": "string", "pattern": url_pattern()},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        # YAML 1.2 reads 09:00 as text; YAML 1.1 tools turn it into minutes (540).
        "time": {"anyOf": [
            {"type": "string", "pattern": anchored(TIME_PATTERN.pattern)},
            {"type": "integer", "minimum": 0, "maximum": 1439},
        ]},
        "count": {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": r"^\d+$"}]},
        "positive": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": r"^0*[1-9]\d*$"}]},
        "path": {"type": "string", "pattern": r"^[^/\\][^\\]*$"},
    }


def ref(name: str, help_key: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"$ref": f"#/definitions/{name}"}
    if help_key:  # draft-07 ignores siblings of $ref, so wrap to keep the hover help
        return {"allOf": [schema], **describe(help_key)}
    return schema


def with_help(schema: dict[str, Any], help_key: str) -> dict[str, Any]:
    return {**schema, **describe(help_key)}


def document(title: str, file: str, languages: tuple[str, ...], body: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_DIALECT,
        "title": title,
        "description": f"coursegen: {file}. Generated by 'coursegen schema'; do not edit by hand.",
        **body,
        "definitions": definitions(languages),
    }


def site_schema(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> dict[str, Any]:
    contact = closed(
        {"email": with_help({"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$"}, "site.contact.email"),
         "phone": ref("text", "site.contact.phone")},
        CONTACT_FIELDS, required=CONTACT_REQUIRED,
    )
    properties = {
        "name": ref("localized", "site.name"),
        "organiser": ref("text", "site.organiser"),
        "languages": with_help(
            {"type": "array", "items": {"enum": list(LANGUAGE_CODES)}, "minItems": 1, "uniqueItems": True},
            "site.languages",
        ),
        "timezone": with_help({"type": "string", "pattern": r"^[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)*$"}, "site.timezone"),
        "contact": with_help(contact, "site.contact"),
        "url": ref("url", "site.url"),
        "tagline": ref("localized", "site.tagline"),
        "description": ref("localized", "site.description"),
        "registration": ref("localized", "site.registration"),
    }
    return document("site.yaml", SCHEMA_FILES["site"], languages, closed(properties, SITE_FIELDS, SITE_REQUIRED))


def module_schema(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> dict[str, Any]:
    agenda_item = closed(
        {"minutes": ref("positive", "agenda.minutes"), "title": ref("localized", "agenda.title")},
        AGENDA_FIELDS, required=AGENDA_FIELDS,
    )
    slide = closed(
        {
            "layout": with_help({"enum": list(SLIDE_LAYOUTS)}, "slide.layout"),
            "title": ref("localized", "slide.title"),
            "body": ref("localized", "slide.body"),
            "notes": ref("localized", "slide.notes"),
            "image": ref("path", "slide.image"),
            "alt": ref("localized", "slide.alt"),
        },
        SLIDE_FIELDS, required=SLIDE_REQUIRED,
    )
    slide["dependencies"] = {"image": ["alt"]}
    slide["allOf"] = [
        {"if": {"properties": {"layout": {"enum": list(LAYOUTS_NEEDING_NOTES)}}, "required": ["layout"]},
         "then": {"required": ["notes"]}},
        {"if": {"properties": {"layout": {"const": "image"}}, "required": ["layout"]},
         "then": {"required": ["image"]}},
    ]
    per_language_file = {
        "type": "object",
        "properties": {lang: ref("path") for lang in languages},
        "required": list(languages),
        "additionalProperties": False,
    }
    material = closed(
        {"file": with_help({"anyOf": [ref("path"), per_language_file]}, "material.file"),
         "title": ref("localized", "material.title")},
        MATERIAL_FIELDS, required=MATERIAL_FIELDS,
    )

    def listing(items: dict[str, Any], help_key: str, min_items: int = 1) -> dict[str, Any]:
        return with_help({"type": "array", "items": items, "minItems": min_items}, help_key)

    properties = {
        "kind": with_help({"enum": list(MODULE_KINDS)}, "module.kind"),
        "title": ref("localized", "module.title"),
        "summary": ref("localized", "module.summary"),
        "description": ref("localized", "module.description"),
        "audience": ref("localized", "module.audience"),
        "duration_minutes": ref("positive", "module.duration_minutes"),
        "delivery": with_help(
            {"type": "array", "items": {"enum": list(DELIVERY_MODES)}, "minItems": 1}, "module.delivery"
        ),
        "objectives": listing(ref("localized"), "module.objectives"),
        "agenda": listing(agenda_item, "module.agenda"),
        "slides": listing(slide, "module.slides"),
        "materials": listing(material, "module.materials", min_items=0),
    }
    return document("modules/<id>.yaml", SCHEMA_FILES["module"], languages, closed(properties, MODULE_FIELDS, MODULE_REQUIRED))


def sessions_schema(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> dict[str, Any]:
    venue = closed(
        {
            "name": ref("name", "venue.name"),
            "address": ref("text", "venue.address"),
            "municipality": ref("text", "venue.municipality"),
            "accessibility": ref("localized", "venue.accessibility"),
        },
        VENUE_FIELDS, required=VENUE_REQUIRED,
    )
    trainer = closed(
        {"name": ref("text", "trainer.name"), "organisation": ref("text", "trainer.organisation")},
        TRAINER_FIELDS, required=TRAINER_FIELDS,
    )
    registration = closed(
        {"url": ref("url", "registration.url"), "deadline": ref("date", "registration.deadline")},
        REGISTRATION_FIELDS, required=REGISTRATION_REQUIRED,
    )
    online = closed({"url": ref("url", "online.url")}, ONLINE_FIELDS, required=ONLINE_FIELDS)
    session = closed(
        {
            "id": ref("id", "session.id"),
            "module": ref("id", "session.module"),
            "date": ref("date", "session.date"),
            "start": ref("time", "session.start"),
            "end": ref("time", "session.end"),
            "venue": ref("id", "session.venue"),
            "online": with_help(online, "session.online"),
            "language": with_help({"enum": list(languages)}, "session.language"),
            "trainers": with_help({"type": "array", "items": ref("id"), "uniqueItems": True}, "session.trainers"),
            "capacity": ref("count", "session.capacity"),
            "registration": with_help(registration, "session.registration"),
            "status": with_help({"enum": list(SESSION_STATUSES)}, "session.status"),
            "note": ref("localized", "session.note"),
            "internal": ref("text", "session.internal"),
        },
        SESSION_FIELDS, required=SESSION_REQUIRED,
    )
    # Exactly one place: a venue or an online link.
    session["oneOf"] = [{"required": ["venue"]}, {"required": ["online"]}]

    def id_map(entry: dict[str, Any], help_key: str) -> dict[str, Any]:
        return with_help({
            "type": ["object", "null"],
            "propertyNames": ref("id"),
            "additionalProperties": entry,
        }, help_key)

    properties = {
        "venues": id_map(venue, "sessions.venues"),
        "trainers": id_map(trainer, "sessions.trainers"),
        "sessions": with_help({"type": ["array", "null"], "items": session}, "sessions.sessions"),
    }
    return document("sessions.yaml", SCHEMA_FILES["sessions"], languages, closed(properties, SESSIONS_FILE_FIELDS, SESSIONS_FILE_REQUIRED))


def all_schemas(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> dict[str, dict[str, Any]]:
    """File name -> schema, for every content file kind."""
    return {
        "site.schema.json": site_schema(languages),
        "module.schema.json": module_schema(languages),
        "sessions.schema.json": sessions_schema(languages),
    }


def schema_text(schema: dict[str, Any]) -> str:
    """The committed form: stable key order, UTF-8, trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out_dir: Path, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> list[Path]:
    """Write the three schema files into ``out_dir``; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas(languages).items():
        path = out_dir / name
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


# -- reading YAML the way yaml-language-server does (YAML 1.2 core schema) ---------

_INT_12 = ("0o", "0x")


def yaml12_value(node: yaml.Node) -> Any:
    """Plain data from a composed node, resolving scalars by YAML 1.2's core schema.

    That is what editors' tools see: ``10:00`` and ``2027-02-11`` stay text, ``no``
    is text, only ``true``/``false``, ``null`` and numbers change type.
    """
    if isinstance(node, yaml.MappingNode):
        return {yaml12_value(k): yaml12_value(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [yaml12_value(item) for item in node.value]
    value = node.value
    if node.style is not None:  # quoted or block scalar: always text
        return value
    if node.tag == NULL_TAG or value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    try:
        if value.lstrip("+-").isdigit():
            return int(value)
        if value.startswith(_INT_12):
            return int(value, 0)
        if any(c.isdigit() for c in value) and all(c in "0123456789.eE+-" for c in value):
            return float(value)
    except ValueError:
        pass
    return value
