"""JSON Schemas for the content files, generated from the field declarations.

Editors' tools (VS Code with the YAML extension, any yaml-language-server client) read
these schemas to offer completion, show help while hovering and underline mistakes
while typing. Every field's schema comes from its declaration in
``generator/declaration.py`` (the same one the loader's field tables derive from): its
type, allowed values, whether it is required, its help text in Swedish and English and
an example. A test compares the committed files in ``schemas/`` with a fresh generation.

The schemas are lenient where the loader is lenient (a time may be written ``09:00``,
``"09:00"`` or, in YAML 1.1 tools, arrive as the integer 540) and strict where it is
strict: unknown fields are rejected (``additionalProperties: false``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .. import declaration as d
from ..loading.content import DEFAULT_LANGUAGES
from ..loading.fields import EMAIL_PATTERN, ID_PATTERN, PLACEHOLDER_PATTERN, TIME_PATTERN, URL_PATTERN
from ..loading.source import NULL_TAG

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"
# The integer definitions the loader's minimums map to; other minimums are written inline.
INTEGER_DEFINITIONS = {0: "count", 1: "positive"}


def anchored(pattern: str) -> str:
    return f"^(?:{pattern})$"


def url_pattern() -> str:
    """The loader's URL rule as an ECMA regex (which has no case-insensitive flag)."""
    prefix, rest = "https?://", URL_PATTERN.pattern
    assert rest.startswith(prefix), "URL_PATTERN changed; update url_pattern()"
    return "^[Hh][Tt][Tt][Pp][Ss]?://" + rest[len(prefix):] + "$"


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
        "email": {"type": "string", "pattern": anchored(EMAIL_PATTERN.pattern)},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        # YAML 1.2 reads 09:00 as text; YAML 1.1 tools turn it into minutes (540).
        "time": {"anyOf": [
            {"type": "string", "pattern": anchored(TIME_PATTERN.pattern)},
            {"type": "integer", "minimum": 0, "maximum": 1439},
        ]},
        "count": integer(0),
        "positive": integer(1),
        "path": {"type": "string", "pattern": r"^[^/\\][^\\]*$"},
    }


def integer(minimum: int | None) -> dict[str, Any]:
    """A whole number, also when quoted ("30"), as the loader reads it."""
    if minimum is None:
        return {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^[+-]?\d+$"}]}
    if minimum == 0:
        return {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": r"^\d+$"}]}
    if minimum == 1:
        return {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": r"^0*[1-9]\d*$"}]}
    return {"type": "integer", "minimum": minimum}


def ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/definitions/{name}"}


def example_value(field: d.Field) -> Any:
    """The declared example as editors' tools read it (YAML 1.2)."""
    return yaml12_value(yaml.compose(f"{field.name}: {field.example}\n", Loader=yaml.SafeLoader).value[0][1])


def documented(schema: dict[str, Any], field: d.Field) -> dict[str, Any]:
    """``schema`` with the field's help in both languages, its example and its default."""
    if "$ref" in schema:  # draft-07 ignores siblings of $ref, so wrap to keep the hover help
        schema = {"allOf": [schema]}
    extra: dict[str, Any] = {"description": " — ".join(hover_help(field, lang) for lang in d.GUIDE_LANGUAGES),
                             "examples": [example_value(field)]}
    if field.default is not None:
        extra["default"] = field.default
    return {**schema, **extra}


def hover_help(field: d.Field, language: str) -> str:
    """The help text, and for a value written on one line how it is written: 'Datum [datum, ÅÅÅÅ-MM-DD]'."""
    kind = field.type.item if isinstance(field.type, d.ListOf) else field.type
    if isinstance(kind, (d.Record, d.KeyedBy, d.Choice, d.SiteLanguage)):  # fields below, or an enum lists the values
        return plain(field.help(language))
    return f"{plain(field.help(language))} [{plain(field.type.label[language])}]"


def plain(help_text: str) -> str:
    """Help text without the guide's Markdown marks (hover help is plain text)."""
    return help_text.replace("`", "").replace("**", "").replace("*", "")


def value_schema(kind: d.Type, languages: tuple[str, ...]) -> dict[str, Any]:
    """The JSON Schema of one declared type."""
    if isinstance(kind, d.Text):
        return ref("text")
    if isinstance(kind, d.Name):
        return ref("name")
    if isinstance(kind, d.Localized):
        return ref("localized")
    if isinstance(kind, d.Integer):
        if kind.maximum is not None:
            return {**integer(kind.minimum), "maximum": kind.maximum}
        name = INTEGER_DEFINITIONS.get(kind.minimum)
        return ref(name) if name else integer(kind.minimum)
    if isinstance(kind, d.Url) and kind.placeholder:
        plain = r"[^\s<>\"'`{}|\\^]*"
        return {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://" + plain + r"\{" + kind.placeholder + r"\}" + plain + "$"}
    if isinstance(kind, (d.Date, d.Time, d.Id, d.Url, d.Email)):
        return ref(kind.kind)
    if isinstance(kind, d.Colour):
        return {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"}
    if isinstance(kind, d.Timezone):
        return {"type": "string", "pattern": r"^[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)*$"}
    if isinstance(kind, d.Path):
        if kind.types:
            suffixes = "|".join(t.lstrip(".") for t in kind.types)
            return {"allOf": [ref("path"), {"type": "string", "pattern": f"\\.({suffixes})$"}]}
        if not kind.per_language:
            return ref("path")
        per_language = {
            "type": "object",
            "properties": {lang: ref("path") for lang in languages},
            "required": list(languages),
            "additionalProperties": False,
        }
        return {"anyOf": [ref("path"), per_language]}
    if isinstance(kind, d.Choice):
        return {"enum": list(kind.values)}
    if isinstance(kind, d.SiteLanguage):
        return {"enum": list(languages)}
    if isinstance(kind, d.ListOf):
        schema: dict[str, Any] = {"type": "array", "items": value_schema(kind.item, languages), "minItems": kind.min_items}
        if kind.unique:
            schema["uniqueItems"] = True
        return schema
    if isinstance(kind, d.Record):
        return record_schema(kind, languages)
    if isinstance(kind, d.KeyedBy):
        # 'trainers:' with nothing under it is an empty map to the loader.
        return {"type": ["object", "null"], "propertyNames": ref("id"), "additionalProperties": record_schema(kind.record, languages)}
    raise TypeError(f"no schema for {kind!r}")


def record_schema(record: d.Record, languages: tuple[str, ...]) -> dict[str, Any]:
    """A mapping with exactly the declared fields, in their order, and their conditions."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: documented(value_schema(f.type, languages), f) for f in record.fields},
        "additionalProperties": False,
    }
    if record.required():
        schema["required"] = list(record.required())
    depends: dict[str, list[str]] = {}
    conditions: list[dict[str, Any]] = []
    alternatives: list[tuple[str, str]] = []
    for f in record.fields:
        need = f.required
        if isinstance(need, d.When) and not need.values:
            depends.setdefault(need.field, []).append(f.name)
        elif isinstance(need, d.When):
            values = {"enum": list(need.values)} if len(need.values) > 1 else {"const": need.values[0]}
            conditions.append({"if": {"properties": {need.field: values}, "required": [need.field]},
                               "then": {"required": [f.name]}})
        elif isinstance(need, d.Unless) and (need.field, f.name) not in alternatives:
            alternatives.append((f.name, need.field))
    if depends:
        schema["dependencies"] = depends
    if conditions:
        schema["allOf"] = conditions
    for first, second in alternatives:  # exactly one of the two (one pair per record so far)
        schema["oneOf"] = [{"required": [first]}, {"required": [second]}]
    return schema


def document(file: d.ContentFile, languages: tuple[str, ...]) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_DIALECT,
        "title": file.path,
        "description": f"coursegen: {file.path}. Generated by 'coursegen schema'; do not edit by hand.",
        **record_schema(file.record, languages),
        "definitions": definitions(languages),
    }


def file_schema(key: str, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> dict[str, Any]:
    [file] = [f for f in d.FILES if f.key == key]
    return document(file, languages)


def site_schema(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> dict[str, Any]:
    return file_schema("site", languages)


def module_schema(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> dict[str, Any]:
    return file_schema("module", languages)


def sessions_schema(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> dict[str, Any]:
    return file_schema("sessions", languages)


def all_schemas(languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> dict[str, dict[str, Any]]:
    """File name -> schema, for every content file kind."""
    return {f"{f.key}.schema.json": document(f, languages) for f in d.FILES}


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
