"""The editor guides: every YAML example works (or fails with the documented message) in the real loader."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.editing.schema import all_schemas
from generator.errors import ContentErrors
from generator.loading import load_catalog

REPO = Path(__file__).resolve().parent.parent
SMALL = REPO / "tests" / "fixtures" / "small"
GUIDES = sorted((REPO / "docs").glob("editor-guide.*.md"))
EXAMPLE = re.compile(r"<!-- example: (?P<kind>\w+)(?P<attrs>[^>]*?)-->\s*\n```yaml\n(?P<body>.*?)```", re.DOTALL)
ATTR = re.compile(r'(\w+)="([^"]*)"')


def examples(guide: Path) -> list[dict]:
    found = []
    for match in EXAMPLE.finditer(guide.read_text(encoding="utf-8")):
        attrs = dict(ATTR.findall(match.group("attrs")))
        words = ATTR.sub("", match.group("attrs")).split()
        found.append({"kind": match.group("kind"), "id": words[0] if words else None, "body": match.group("body"), **attrs})
    return found


def without_header(body: str, header: str) -> str:
    lines = body.splitlines(keepends=True)
    assert lines[0].rstrip() == header, f"the example should start with '{header}'"
    return "".join(lines[1:])


def apply(folder: Path, example: dict) -> None:
    """Put an example where an editor would: under its key in sessions.yaml, or as its own file."""
    sessions = folder / "sessions.yaml"
    kind, body = example["kind"], example["body"]
    for relative in filter(None, example.get("files", "").split(",")):
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(b"example file\n")
    if kind == "session":
        text = sessions.read_text(encoding="utf-8")
        assert text.rstrip().splitlines()[-1].startswith("    "), "the fixture must end with its sessions list"
        sessions.write_text(text + without_header(body, "sessions:"), encoding="utf-8")
    elif kind in ("venue", "trainer"):
        key = f"{kind}s:"
        text = sessions.read_text(encoding="utf-8")
        assert text.count(f"\n{key}\n") + text.startswith(f"{key}\n") == 1
        sessions.write_text(text.replace(f"{key}\n", f"{key}\n" + without_header(body, key), 1), encoding="utf-8")
    elif kind == "module":
        (folder / "modules" / f"{example['id']}.yaml").write_text(body, encoding="utf-8")
    elif kind == "site":
        (folder / "site.yaml").write_text(body, encoding="utf-8")
    else:
        raise AssertionError(f"unknown example kind '{kind}'")


def messages(folder: Path) -> list[str]:
    try:
        load_catalog(folder)
    except ContentErrors as errors:
        return [str(e) for e in errors.errors]
    return []


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_guide_examples_work_in_the_real_loader(tmp_path: Path, guide: Path):
    found = examples(guide)
    assert len(found) >= 10 and {e["kind"] for e in found} >= {"session", "venue", "trainer", "module", "site"}
    assert sum("error" in e for e in found) >= 5
    state = tmp_path / "state"
    shutil.copytree(SMALL, state)
    for number, example in enumerate(found):
        if "error" in example:
            trial = tmp_path / f"bad-{number}"
            shutil.copytree(state, trial)
            apply(trial, example)
            problems = messages(trial)
            assert any(example["error"] in p for p in problems), (example["body"], problems)
        else:
            apply(state, example)
            assert messages(state) == [], example["body"]


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_good_examples_leave_the_content_complete(tmp_path: Path, guide: Path):
    state = tmp_path / "state"
    shutil.copytree(SMALL, state)
    for example in examples(guide):
        if "error" not in example:
            apply(state, example)
    catalog = load_catalog(state)
    assert "fordjupning-samtal" in catalog.modules
    assert {"2027-09-grunddag-halmstad", "2027-10-grunddag-digitalt"} <= {s.id for s in catalog.sessions}
    assert catalog.site.contact.phone and catalog.site.tagline


def test_both_languages_exist_with_the_same_examples():
    assert [g.name for g in GUIDES] == ["editor-guide.en.md", "editor-guide.sv.md"]
    bodies = [[(e["kind"], e["body"], e.get("error")) for e in examples(g)] for g in GUIDES]
    assert bodies[0] == bodies[1]


def field_paths(schema: dict, node: dict | None = None, prefix: str = "") -> list[str]:
    """Every field of a schema as the guide names it: contact.email, slides[].notes, venues.<id>.name."""
    node = schema if node is None else node
    while "$ref" in node or ("allOf" in node and "properties" not in node):
        node = schema["definitions"][node["$ref"].rsplit("/", 1)[1]] if "$ref" in node else node["allOf"][0]
    if "localized" in str(node.get("$ref", "")):
        return []
    paths = []
    if "properties" in node and node.get("additionalProperties") is False and set(node["properties"]) != {"sv", "en"}:
        for name, child in node["properties"].items():
            path = f"{prefix}.{name}" if prefix else name
            paths.append(path)
            paths += field_paths(schema, child, path)
    elif node.get("type") in ("array", ["array", "null"]) and isinstance(node.get("items"), dict):
        paths += field_paths(schema, node["items"], prefix + "[]")
    elif isinstance(node.get("additionalProperties"), dict):
        paths += field_paths(schema, node["additionalProperties"], prefix + ".<id>")
    return paths


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_field_reference_names_every_field(guide: Path):
    text = guide.read_text(encoding="utf-8")
    reference = text[text.rindex("\n## "):]  # the field reference is the last chapter
    for name, schema in all_schemas().items():
        paths = field_paths(schema)
        assert len(paths) > 5, name
        missing = [p for p in paths if f"| `{p}` |" not in reference]
        assert missing == [], f"{guide.name} does not describe {missing} ({name})"


PAGE_EXAMPLE = re.compile(r"<!-- page example -->\s*\n```\n(?P<body>.*?)```", re.DOTALL)


def test_page_example_builds_in_both_languages(tmp_path: Path):
    from generator.pipeline import build

    from .conftest import SMALL_TODAY

    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    (content / "pages").mkdir()
    for guide in GUIDES:
        lang = guide.name.split(".")[1]
        [example] = [m.group("body") for m in PAGE_EXAMPLE.finditer(guide.read_text(encoding="utf-8"))]
        (content / "pages" / f"exempel.{lang}.md").write_text(f"# Exempel\n\n{example}", encoding="utf-8")
    report = build(content, tmp_path / "build", today=SMALL_TODAY, log=lambda message: None, stages=("site",))
    catalog = load_catalog(content)
    for lang, root in (("sv", report.site_dir), ("en", report.site_dir / "en")):
        page = (root / "exempel" / "index.html").read_text(encoding="utf-8")
        assert "{{" not in page and catalog.site.contact.email in page
        assert catalog.modules["grunddag"].title[lang] in page
        upcoming = [s for s in catalog.sessions if catalog.module_of(s).kind == "basic-day" and s.date >= SMALL_TODAY]
        assert upcoming and all(f"/sessions/{s.id}/" in page for s in upcoming[:4])
