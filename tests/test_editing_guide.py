"""The editor guides: every YAML example works (or fails with the documented message) in the real loader,
and the field tables are the ones the field declarations give."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from PIL import Image

from generator import declaration as d
from generator.editing import guide as guide_tables
from generator.errors import ContentErrors
from generator.loading import load_catalog
from generator.cli import cli

REPO = Path(__file__).resolve().parent.parent
SMALL = REPO / "tests" / "fixtures" / "small"
GUIDES = sorted((REPO / "docs").glob("editor-guide.*.md"))
EXAMPLE = re.compile(r"<!-- example: (?P<kind>\w+)(?P<attrs>[^>]*?)-->\s*\n```yaml\n(?P<body>.*?)```", re.DOTALL)
ATTR = re.compile(r'(\w+)="([^"]*)"')
FIX_GUIDES = ".venv/bin/python -m generator.editing.guide"
# A command the guide shows, to be run in a test, its exit code (0 unless given), and optionally lines of what it prints.
RUN = re.compile(r"<!-- run(?: exit=(?P<exit>\d+))? -->\s*\n```shell\n(?P<command>.*?)```"
                 r"(?:\s*\n<!-- output -->\s*\n```text\n(?P<output>.*?)```)?", re.DOTALL)
# A file the guide shows in full (path from the folder above content/), written before the commands after it run.
FILE = re.compile(r"<!-- file: (?P<path>content/[^ >]+) -->\s*\n```\w*\n(?P<body>.*?)```", re.DOTALL)
SHELL = re.compile(r"```shell\n(?P<command>.*?)```", re.DOTALL)


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
        write_example_file(folder / relative)
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
    elif kind == "site_addition":  # lines added at the end of site.yaml
        site = folder / "site.yaml"
        site.write_text(site.read_text(encoding="utf-8").rstrip("\n") + "\n" + body, encoding="utf-8")
    else:
        raise AssertionError(f"unknown example kind '{kind}'")


def write_example_file(path: Path) -> None:
    """A small real file of the type its name says (the loader opens pictures, checks PDFs and
    rebuilds SVGs); a file the guide has already shown in full is left as it is."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".svg":
        path.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><title>Logo</title>'
                        '<rect width="40" height="10" fill="#00566b"/></svg>\n', encoding="utf-8")
    elif path.suffix == ".png":
        Image.new("RGB", (4, 3), (0, 86, 107)).save(path)
    elif path.suffix == ".pdf":
        path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    else:
        raise AssertionError(f"no example file of type {path.suffix}; add one to write_example_file")


def messages(folder: Path, language: str = "en") -> list[str]:
    """The loader's errors, in the language of the guide that shows them."""
    try:
        load_catalog(folder)
    except ContentErrors as errors:
        return [e.line_in(language) for e in errors.errors]
    return []


def language_of(guide: Path) -> str:
    return guide.suffixes[0].lstrip(".")


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
            problems = messages(trial, language_of(guide))
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
    bodies = [[(e["kind"], e["body"], "error" in e) for e in examples(g)] for g in GUIDES]
    assert bodies[0] == bodies[1]
    runs = [[(match["command"], match["exit"]) for match in RUN.finditer(g.read_text(encoding="utf-8"))] for g in GUIDES]
    assert runs[0] == runs[1]
    files = [[(match["path"], match["body"]) for match in FILE.finditer(g.read_text(encoding="utf-8"))] for g in GUIDES]
    assert files[0] == files[1] and files[0]


def test_field_tables_match_the_declaration(tmp_path: Path):
    """A guide's field tables drift when someone edits them or the declaration alone."""
    for guide in GUIDES:
        shutil.copy(guide, tmp_path / guide.name)
    guide_tables.update(tmp_path)
    for guide in GUIDES:
        assert (tmp_path / guide.name).read_text(encoding="utf-8") == guide.read_text(encoding="utf-8"), (
            f"the field tables in docs/{guide.name} differ from generator/declaration.py; run '{FIX_GUIDES}'"
        )


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_field_tables_name_every_field_with_help_in_the_guides_language(guide: Path):
    language = guide_tables.language_of(guide)
    text = guide.read_text(encoding="utf-8")
    reference = text[text.rindex("\n## "):]  # the field reference is the last chapter
    for file in d.FILES:
        table = reference[reference.index(f"<!-- fields:{file.key}:start -->"):reference.index(f"<!-- fields:{file.key}:end -->")]
        rows = [line for line in table.splitlines() if line.startswith("| `")]
        paths = [path for path, _ in d.walk(file.record)]
        assert [row.split(" | ")[0].removeprefix("| ").strip("`") for row in rows] == paths
        for row, (path, field) in zip(rows, d.walk(file.record)):
            assert f" | {field.help(language)} | " in row, (guide.name, path)


def test_check_option_reports_a_drifted_table_and_writes_nothing(tmp_path: Path, capsys):
    for guide in GUIDES:
        shutil.copy(guide, tmp_path / guide.name)
    assert guide_tables.main(["--docs", str(tmp_path), "--check"]) == 0
    drifted = tmp_path / "editor-guide.sv.md"
    before = drifted.read_text(encoding="utf-8").replace("| Kommun;", "| Ort;", 1)
    drifted.write_text(before, encoding="utf-8")
    assert guide_tables.main(["--docs", str(tmp_path), "--check"]) == 1
    assert f"{drifted}: field tables out of date; run '{guide_tables.COMMAND}'" in capsys.readouterr().out
    assert drifted.read_text(encoding="utf-8") == before
    assert guide_tables.main(["--docs", str(tmp_path)]) == 0
    assert drifted.read_text(encoding="utf-8") == (REPO / "docs" / "editor-guide.sv.md").read_text(encoding="utf-8")


def test_a_guide_without_the_marks_of_a_table_is_an_error(tmp_path: Path, capsys):
    text = GUIDES[0].read_text(encoding="utf-8")
    (tmp_path / GUIDES[0].name).write_text(text.replace("<!-- fields:sessions:start -->", ""), encoding="utf-8")
    assert guide_tables.main(["--docs", str(tmp_path)]) == 1
    assert "missing: sessions" in capsys.readouterr().err


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_guide_says_content_is_untrusted_near_the_top(guide: Path):
    text = guide.read_text(encoding="utf-8")
    first_chapter = text.index("\n## ")
    words = {"editor-guide.sv.md": "okänd text", "editor-guide.en.md": "untrusted input"}[guide.name]
    assert words in text[:first_chapter] and "`internal`" in text[:first_chapter]


PAGE_EXAMPLE = re.compile(r"<!-- page example(?:: (?P<name>[a-z0-9-]+))? -->\s*\n```\n(?P<body>.*?)```", re.DOTALL)


def test_page_examples_build_in_both_languages(tmp_path: Path):
    """Each page example, as the page it names (else 'exempel'), built on the small fixture with
    the site.yaml lines and answer files the guide shows: the macros give what the guide says."""
    from generator import evaluations
    from generator.pipeline import build

    from .conftest import SMALL_TODAY

    content = tmp_path / "content"
    shutil.copytree(SMALL, content)
    (content / "pages").mkdir()
    for kind, match in steps(GUIDES[0].read_text(encoding="utf-8")):
        if kind != "run":
            take_step(tmp_path, kind, match)
    for guide in GUIDES:
        lang = guide.name.split(".")[1]
        found = list(PAGE_EXAMPLE.finditer(guide.read_text(encoding="utf-8")))
        assert [m["name"] for m in found] == [None, "for-arbetsgivare"]
        for match in found:
            page = content / "pages" / f"{match['name'] or 'exempel'}.{lang}.md"
            page.write_text(f"# Exempel\n\n{match['body']}", encoding="utf-8")
    report = build(content, tmp_path / "build", today=SMALL_TODAY, log=lambda message: None, stages=("site",))
    catalog = load_catalog(content)
    shares = [evaluations.share(catalog, "rekommendera", 4).percent,
              evaluations.share(catalog, "helhet", 4, "grunddag").percent]
    assert all(isinstance(percent, int) for percent in shares)  # the guide's answers are enough to report
    for lang, root in (("sv", report.site_dir), ("en", report.site_dir / "en")):
        page = (root / "exempel" / "index.html").read_text(encoding="utf-8")
        assert "{{" not in page and catalog.site.contact.email in page
        assert catalog.modules["grunddag"].title[lang] in page
        upcoming = [s for s in catalog.sessions if catalog.module_of(s).kind == "basic-day" and s.date >= SMALL_TODAY]
        assert upcoming and all(f"/sessions/{s.id}/" in page for s in upcoming[:4])
        employers = (root / "for-arbetsgivare" / "index.html").read_text(encoding="utf-8")
        written = [f"<strong>{percent}&nbsp;%</strong>" if lang == "sv" else f"<strong>{percent}%</strong>"
                   for percent in shares]
        assert "{{" not in employers and all(w in employers.replace("\xa0", "&nbsp;") for w in written), (written, employers)


def coursegen_calls(block: str) -> list[list[str]]:
    """The arguments of each coursegen command in a shell block (lines joined at a trailing backslash)."""
    calls = []
    for line in block.replace("\\\n", " ").splitlines():
        words = shlex.split(line)
        if words and words[0].endswith("coursegen"):
            calls.append(words[1:])
    return calls


def steps(text: str) -> list[tuple[str, re.Match]]:
    """What an editor following the guide does, in the guide's order: write a file the guide
    shows ("file"), add lines to site.yaml ("site_addition"), run a command ("run")."""
    found = [("run", m) for m in RUN.finditer(text)] + [("file", m) for m in FILE.finditer(text)]
    found += [("site_addition", m) for m in EXAMPLE.finditer(text)
              if m["kind"] == "site_addition" and "error=" not in m["attrs"]]
    return sorted(found, key=lambda step: step[1].start())


def take_step(folder: Path, kind: str, match: re.Match) -> None:
    """Write a file or add to site.yaml, below ``folder`` (the folder above content/)."""
    if kind == "file":
        target = folder / match["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(match["body"], encoding="utf-8")
    else:
        attrs = dict(ATTR.findall(match["attrs"]))
        apply(folder / "content", {"kind": kind, "body": match["body"], **attrs})


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_guide_commands_run_in_order_on_a_copy_of_the_small_fixture(tmp_path: Path, guide: Path, monkeypatch):
    """The commands the guide tells editors to run, run as written (in the folder above content/)
    after the files and site.yaml lines the guide shows before them, each exiting as the guide
    says (0 unless it marks another code) and printing the lines the guide shows."""
    shutil.copytree(SMALL, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    found = steps(guide.read_text(encoding="utf-8"))
    assert sum(kind == "run" for kind, _ in found) >= 9 and any(kind == "file" for kind, _ in found)
    assert any(kind == "run" and match["exit"] == "1" for kind, match in found)
    for kind, match in found:
        if kind != "run":
            take_step(tmp_path, kind, match)
            continue
        for args in coursegen_calls(match["command"]):
            result = CliRunner().invoke(cli, args, env={"COURSEGEN_LANG": language_of(guide)})
            assert result.exit_code == int(match["exit"] or 0), (args, result.output)
            assert "Traceback" not in result.output
        for line in (match["output"] or "").splitlines():
            assert line in result.output.splitlines(), (match["command"], line, result.output)
    catalog = load_catalog(tmp_path / "content")
    moved = catalog.session("2027-09-grunddag-halmstad")
    assert moved.is_cancelled and moved.places_left == 4 and "2027-10-grunddag-halmstad" in moved.note["en"]
    assert catalog.session("2027-10-grunddag-halmstad").status == "scheduled"
    assert catalog.site.logo == "assets/logo.svg" and catalog.site.brand.primary == "#00566b"
    assert catalog.site.edit_link("sessions.yaml").endswith("/edit/main/content/sessions.yaml")
    answers = catalog.evaluations["2027-02-grunddag-halmstad"]
    assert len(answers) == 6 and sum(len(a.texts) for a in answers) == 3


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_every_command_the_guide_shows_has_those_options(guide: Path):
    calls = [args for match in SHELL.finditer(guide.read_text(encoding="utf-8"))
             for args in coursegen_calls(match["command"])]
    assert len(calls) >= 10
    for args in calls:
        context = cli.make_context("coursegen", list(args), resilient_parsing=True)
        command = cli.get_command(context, args[0])
        assert command is not None, args
        if isinstance(command, click.Group):
            command = command.get_command(context, args[1])
            assert command is not None, args
            args = args[1:]
        command.make_context(args[0], list(args[1:]))
