"""The committed JSON Schemas: up to date, accepting real content, and agreeing with the loader;
the field declarations they come from: every declared field loads, every loaded field is declared."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator import declaration as d
from generator.cli import cli
from generator.editing.schema import all_schemas, example_value, write_schemas, yaml12_value
from generator.errors import ContentErrors
from generator.loading import load_catalog

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"
SMALL = REPO / "tests" / "fixtures" / "small"
SHIPPED = REPO / "content"
EVERY_FIELD = REPO / "tests" / "fixtures" / "every-field"
FIX_SCHEMAS = ".venv/bin/coursegen schema --out schemas"


def schema_for(relative: str) -> dict:
    name = "module" if relative.startswith("modules/") else relative.removesuffix(".yaml")
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def read_data(path: Path):
    """The file as yaml-language-server sees it (YAML 1.2: 10:00 and dates stay text)."""
    return yaml12_value(yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader))


def schema_errors(relative: str, data) -> list[str]:
    validator = jsonschema.Draft7Validator(schema_for(relative))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def content_files(folder: Path) -> list[str]:
    return ["site.yaml", "sessions.yaml"] + sorted(f"modules/{p.name}" for p in (folder / "modules").glob("*.yaml"))


def test_committed_schemas_match_the_declaration(tmp_path: Path):
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in SCHEMAS.glob("*.schema.json"))
    for path in written:
        committed = (SCHEMAS / path.name).read_text(encoding="utf-8")
        assert committed == path.read_text(encoding="utf-8"), (
            f"schemas/{path.name} differs from generator/declaration.py; run '{FIX_SCHEMAS}' and review the diff"
        )


def test_committed_schemas_are_valid_draft7():
    for name in all_schemas():
        jsonschema.Draft7Validator.check_schema(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


def test_schema_command_writes_the_committed_files(tmp_path: Path):
    result = CliRunner().invoke(cli, ["schema", "--out", str(tmp_path / "out"), "--content", str(SMALL)])
    assert result.exit_code == 0, result.output
    for name in all_schemas():
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == (SCHEMAS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("relative", content_files(SMALL))
def test_schema_accepts_the_small_fixture(relative: str):
    assert schema_errors(relative, read_data(SMALL / relative)) == []


@pytest.mark.parametrize("relative", content_files(SHIPPED))
def test_schema_accepts_the_shipped_content(relative: str):
    assert schema_errors(relative, read_data(SHIPPED / relative)) == []


@pytest.mark.parametrize("relative", content_files(EVERY_FIELD))
def test_schema_accepts_the_fixture_with_every_field(relative: str):
    assert schema_errors(relative, read_data(EVERY_FIELD / relative)) == []


def test_unquoted_and_quoted_times_both_pass():
    data = read_data(SMALL / "sessions.yaml")
    assert data["sessions"][0]["start"] == "09:00"  # unquoted in the fixture, still text in YAML 1.2
    data["sessions"][0]["start"] = 540  # what a YAML 1.1 tool makes of 09:00
    assert schema_errors("sessions.yaml", data) == []


TYPOS = [
    ("sessions.yaml", ["sessions", 0], "modul", "grunddag"),
    ("sessions.yaml", ["venues", "bibliotek-halmstad"], "adress", "Storgatan 1"),
    ("sessions.yaml", ["trainers", "anna"], "organization", "Region Halland"),
    ("modules/grunddag.yaml", [], "titel", {"sv": "A", "en": "B"}),
    ("modules/grunddag.yaml", ["slides", 2], "note", {"sv": "A", "en": "B"}),
    ("modules/grunddag.yaml", ["title"], "de", "Grundtag"),
    ("site.yaml", [], "organizer", "X"),
    ("site.yaml", ["contact"], "mail", "a@b.se"),
]


@pytest.mark.parametrize("relative,where,key,value", TYPOS)
def test_schema_rejects_a_typo_field(relative, where, key, value):
    data = read_data(SMALL / relative)
    target = data
    for step in where:
        target = target[step]
    target[key] = value
    problems = schema_errors(relative, data)
    assert any(f"'{key}' was unexpected" in p for p in problems), problems


@pytest.mark.parametrize(
    "relative,where,key,value,expected",
    [
        ("sessions.yaml", ["sessions", 0], "start", "9 am", "is not valid under any"),
        ("sessions.yaml", ["sessions", 0], "status", "canceled", "is not one of"),
        ("sessions.yaml", ["sessions", 1], "venue", "bibliotek-halmstad", "is valid under each of"),
        ("modules/grunddag.yaml", [], "kind", "basic", "is not one of"),
        ("modules/grunddag.yaml", ["slides", 2], "notes", None, "is not of type"),
        ("modules/grunddag.yaml", ["summary"], "en", "TODO", "should not be valid"),
    ],
)
def test_schema_rejects_wrong_values(relative, where, key, value, expected):
    data = read_data(SMALL / relative)
    target = data
    for step in where:
        target = target[step]
    target[key] = value
    problems = schema_errors(relative, data)
    assert any(expected in p for p in problems), problems


def test_slide_without_notes_is_rejected_where_the_loader_wants_notes():
    data = read_data(SMALL / "modules/grunddag.yaml")
    del data["slides"][2]["notes"]  # a content slide
    assert any("'notes' is a required property" in p for p in schema_errors("modules/grunddag.yaml", data))


# -- the schema and the loader know the same fields ---------------------------------------

def subschema(schema: dict, where: list) -> dict:
    """The schema of the value at ``where`` (following properties, items and $refs)."""
    node = schema
    for step in where:
        node = resolve(schema, node)
        if isinstance(step, int):
            node = node["items"]
        elif step in node.get("properties", {}):
            node = node["properties"][step]
        else:
            node = node["additionalProperties"]
    return resolve(schema, node)


def resolve(schema: dict, node: dict) -> dict:
    while True:
        if "$ref" in node:
            node = schema["definitions"][node["$ref"].rsplit("/", 1)[1]]
        elif "allOf" in node and "properties" not in node and "type" not in node:
            node = node["allOf"][0]
        elif "anyOf" in node:
            node = next(o for o in node["anyOf"] if "properties" in resolve(schema, o) or "$ref" in o and "localized" in o["$ref"])
        else:
            return node


ALLOWED = re.compile(r"unknown field 'zzqx'; allowed fields: (.*)$")
PLACES = [
    ("site.yaml", []),
    ("site.yaml", ["contact"]),
    ("site.yaml", ["name"]),
    ("modules/grunddag.yaml", []),
    ("modules/grunddag.yaml", ["agenda", 0]),
    ("modules/grunddag.yaml", ["slides", 2]),
    ("modules/grunddag.yaml", ["materials", 0]),
    ("sessions.yaml", []),
    ("sessions.yaml", ["venues", "bibliotek-halmstad"]),
    ("sessions.yaml", ["trainers", "anna"]),
    ("sessions.yaml", ["sessions", 0]),
    ("sessions.yaml", ["sessions", 0, "registration"]),
    ("sessions.yaml", ["sessions", 1, "online"]),
]


def content_with(tmp_path: Path, relative: str, change) -> Path:
    """A copy of the small fixture with one file's data changed by ``change(data)``."""
    folder = tmp_path / "content"
    if not folder.exists():
        shutil.copytree(SMALL, folder)
        (folder / "modules" / "grunddag").mkdir()
        (folder / "modules" / "grunddag" / "lista.pdf").write_bytes(b"%PDF-1.4\n")
    data = read_data(SMALL / relative)
    data.setdefault("materials", [{"file": "modules/grunddag/lista.pdf", "title": {"sv": "Lista", "en": "List"}}]) if relative.startswith("modules/") else None
    change(data)
    (folder / relative).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def loader_errors(folder: Path) -> list[str]:
    try:
        load_catalog(folder)
    except ContentErrors as errors:
        return [e.message for e in errors.errors]
    return []


def at(data, where):
    for step in where:
        data = data[step]
    return data


def test_rewritten_fixture_loads(tmp_path: Path):
    """The probes below rewrite files with PyYAML; unchanged data must still load."""
    for relative in content_files(SMALL):
        folder = content_with(tmp_path, relative, lambda data: None)
    assert loader_errors(folder) == []


@pytest.mark.parametrize("relative,where", PLACES)
def test_schema_fields_are_the_loaders_fields(tmp_path: Path, relative: str, where: list):
    folder = content_with(tmp_path, relative, lambda data: at(data, where).__setitem__("zzqx", "x"))
    messages = [m for m in loader_errors(folder) if "zzqx" in m]
    assert len(messages) == 1, messages
    loader_fields = ALLOWED.search(messages[0]).group(1).split(", ")
    schema = subschema(schema_for(relative), where)
    assert list(schema["properties"]) == loader_fields
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("relative,where", PLACES)
def test_schema_required_fields_are_the_loaders(tmp_path: Path, relative: str, where: list):
    schema = subschema(schema_for(relative), where)
    for field in schema["properties"]:
        def drop(data, field=field):
            at(data, where).pop(field, None)

        folder = content_with(tmp_path, relative, drop)
        missing = f"missing required field '{field}'" if where != ["name"] else f"missing the '{field}' text"
        says_required = any(m.startswith(missing) for m in loader_errors(folder))
        assert says_required == (field in schema.get("required", [])), (where, field)


SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


@pytest.mark.parametrize("relative", content_files(SHIPPED))
def test_shipped_files_point_editors_at_their_schema(relative: str):
    """The first line lets VS Code & co. complete and underline; it must name the right schema."""
    first = (SHIPPED / relative).read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.match(first)
    assert match, f"content/{relative} should start with '# yaml-language-server: $schema=...'"
    target = ((SHIPPED / relative).parent / match.group(1)).resolve()
    expected = "module" if relative.startswith("modules/") else relative.removesuffix(".yaml")
    assert target == (SCHEMAS / f"{expected}.schema.json").resolve()


def declared_record(relative: str, where: list) -> d.Record | None:
    """The declared record of the mapping at ``where`` (None for a localized text)."""
    record = {"site.yaml": d.SITE, "sessions.yaml": d.SESSIONS}.get(relative, d.MODULE)
    keyed = False
    for step in where:
        if isinstance(step, int) or keyed:  # a list position, or an id under venues:/trainers:
            keyed = False
            continue
        field = record[step]
        keyed = isinstance(field.type, d.KeyedBy)
        try:
            record = field.record
        except TypeError:
            return None
    return record


@pytest.mark.parametrize("relative,where", PLACES)
def test_loader_fields_are_the_declared_fields(tmp_path: Path, relative: str, where: list):
    """Every field the loader accepts is declared, and every declared field is accepted, in the same order."""
    folder = content_with(tmp_path, relative, lambda data: at(data, where).__setitem__("zzqx", "x"))
    [message] = [m for m in loader_errors(folder) if "zzqx" in m]
    loader_fields = ALLOWED.search(message).group(1).split(", ")
    record = declared_record(relative, where)
    expected = list(record.names()) if record else ["sv", "en"]
    assert loader_fields == expected


# -- the declaration: each field once, with help, an example, and a place in a fixture that loads --

FIXTURE_FILES = {"site": "site.yaml", "module": "modules/grunddag.yaml", "sessions": "sessions.yaml"}
DECLARED = [(FIXTURE_FILES[f.key], path, field) for f in d.FILES for path, field in d.walk(f.record)]
DECLARED_IDS = [f"{relative}:{path}" for relative, path, _ in DECLARED]


def places(data, path: str) -> list[dict]:
    """Every mapping in ``data`` that sets the field at ``path`` (slides[].notes, venues.<id>.name)."""
    *steps, name = path.split(".")
    nodes = [data]
    for step in steps:
        found = []
        for node in nodes:
            if step == "<id>":
                found += list(node.values())
            elif step.endswith("[]"):
                found += node.get(step[:-2]) or []
            elif node.get(step) is not None:
                found.append(node[step])
        nodes = [n for n in found if isinstance(n, dict)]
    return [n for n in nodes if name in n]


def test_declaration_covers_each_content_file_once():
    assert [f.key for f in d.FILES] == ["site", "module", "sessions"]
    assert len(DECLARED) > 50
    assert len(set(DECLARED_IDS)) == len(DECLARED_IDS)


@pytest.mark.parametrize("relative,path,field", DECLARED, ids=DECLARED_IDS)
def test_every_field_has_help_in_both_languages_and_an_example(relative: str, path: str, field: d.Field):
    assert field.sv.strip() and field.en.strip() and field.sv != field.en, path
    assert all(field.type.label[lang] for lang in d.GUIDE_LANGUAGES), path
    assert example_value(field) not in (None, "", [], {}), f"{path}: the example '{field.example}' is empty"


def test_records_the_loader_reads_as_all_required_are_declared_so():
    """The loader passes these records' field lists as their required fields too (content.py: '# all required')."""
    for record in (d.AGENDA_ITEM, d.MATERIAL, d.TRAINER, d.ONLINE):
        assert record.required() == record.names()


def test_the_model_value_lists_come_from_the_declaration():
    from generator import model

    assert model.MODULE_KINDS == d.MODULE["kind"].values == ("manager-breakfast", "basic-day", "deep-dive", "network")
    assert model.SLIDE_LAYOUTS == d.SLIDE["layout"].values
    assert model.LAYOUTS_NEEDING_NOTES == d.SLIDE["notes"].required.values == ("content", "exercise", "image")
    assert model.SESSION_STATUSES == d.SESSION["status"].values
    assert model.DELIVERY_MODES == d.MODULE["delivery"].values


@pytest.mark.parametrize("relative,path,field", DECLARED, ids=DECLARED_IDS)
def test_the_fixture_uses_every_declared_field(relative: str, path: str, field: d.Field):
    assert places(read_data(EVERY_FIELD / relative), path), (
        f"{path} is declared but tests/fixtures/every-field/{relative} does not use it; add it there"
    )


def test_the_fixture_with_every_field_loads():
    catalog = load_catalog(EVERY_FIELD)
    site, module = catalog.site, catalog.modules["grunddag"]
    assert site.contact.phone and site.tagline and site.description and site.registration and site.url
    assert module.description and module.materials[1].files["en"].endswith("conversation-guide.pdf")
    assert module.slides[0].image == "modules/grunddag/bild.png" and module.slides[0].alt and module.slides[0].notes
    venue_session, online_session = catalog.sessions
    assert venue_session.capacity == 30 and venue_session.registration_deadline and venue_session.note
    assert online_session.is_online and online_session.is_full and online_session.language == "en"
    assert catalog.venues["bibliotek-halmstad"].accessibility


def field_schema(relative: str, path: str) -> dict:
    """The schema of the field at ``path``, with the definitions its $refs need."""
    schema = schema_for(relative)
    node = schema
    for step in path.split("."):
        if step == "<id>":
            node = node["additionalProperties"]
        elif step.endswith("[]"):
            node = node["properties"][step[:-2]]["items"]
        else:
            node = node["properties"][step]
    return {**node, "definitions": schema["definitions"]}


@pytest.mark.parametrize("relative,path,field", DECLARED, ids=DECLARED_IDS)
def test_each_example_fits_the_schema(relative: str, path: str, field: d.Field):
    problems = [e.message for e in jsonschema.Draft7Validator(field_schema(relative, path)).iter_errors(example_value(field))]
    assert problems == [], f"{path}: example {field.example}"


@pytest.mark.parametrize("relative,path,field", DECLARED, ids=DECLARED_IDS)
def test_each_example_loads(tmp_path: Path, relative: str, path: str, field: d.Field):
    """The declared example, put where the fixture sets the field, passes the real loader."""
    folder = tmp_path / "content"
    shutil.copytree(EVERY_FIELD, folder)
    data = read_data(EVERY_FIELD / relative)
    place = places(data, path)[0]
    name = path.rsplit(".", 1)[-1]
    if isinstance(field.type, d.KeyedBy):  # add the example's entries; the sessions still need the others
        place[name].update(example_value(field))
    else:
        place[name] = example_value(field)
    (folder / relative).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert loader_errors(folder) == [], f"{path}: example {field.example}"
