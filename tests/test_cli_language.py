"""Messages in the editor's language, and sessions named by id (issue 17).

Swedish by default (the site's first language), English with ``--lang en`` or from the
environment. Every message the loader and the editing commands print has a Swedish
version in the one catalog (generator/messages.py); a test below reads the source to
find them all.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import re
import string
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.messages import SWEDISH, Message, editor_language

REPO = Path(__file__).resolve().parent.parent
# The files whose messages reach editors through check, build, new and the status commands.
MESSAGE_FILES = [
    "generator/errors.py", "generator/messages.py", "generator/cli.py",
    "generator/loading/content.py", "generator/loading/fields.py", "generator/loading/source.py",
    "generator/loading/evaluations.py", "generator/loading/svg.py", "generator/rendering/decks/warnings.py",
    "generator/rendering/site/macros.py", "generator/rendering/site/results.py",
    *sorted(str(p.relative_to(REPO)) for p in (REPO / "generator" / "editing").glob("*.py")),
]
LOADER_FILES = ["generator/loading/content.py", "generator/loading/fields.py", "generator/loading/source.py",
                "generator/loading/evaluations.py"]
NEUTRAL = {key: None for key in ("COURSEGEN_LANG", "LC_ALL", "LC_MESSAGES")} | {"LANG": "C.UTF-8"}


def run(*args: str, **env: str | None):
    return CliRunner().invoke(cli, list(args), env=NEUTRAL | env)


def templates_in(path: str) -> list[str]:
    """The English templates of every msg("...") and say(language, "...") call in a file."""
    found = []
    for node in ast.walk(ast.parse((REPO / path).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("msg", "say") and node.args:
            arg = node.args[0] if node.func.id == "msg" else node.args[1]
            for part in ([arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]):
                if isinstance(part, ast.Name) and path in ("generator/messages.py", "generator/cli.py"):
                    continue  # the definitions of msg() and say() themselves
                assert isinstance(part, ast.Constant), f"{path}:{node.lineno}: a message template must be a literal"
                found.append(part.value)
    return found


ALL_TEMPLATES = sorted({t for path in MESSAGE_FILES for t in templates_in(path)})


def fields(template: str) -> set[tuple[str, str]]:
    return {(name, spec or "") for _, name, spec, _ in string.Formatter().parse(template) if name is not None}


def test_every_message_has_a_swedish_version_with_the_same_fields():
    assert len(ALL_TEMPLATES) > 150
    missing = [t for t in ALL_TEMPLATES if t not in SWEDISH]
    assert missing == []
    for template in ALL_TEMPLATES:
        assert {name for name, _ in fields(SWEDISH[template])} == {name for name, _ in fields(template)}, template
    assert sorted(set(SWEDISH) - set(ALL_TEMPLATES)) == []  # no translation is left over


def test_loader_errors_are_all_catalog_messages():
    """No error in the loader is a plain string: each goes through msg(), so it has its Swedish version."""
    for path in LOADER_FILES:
        for node in ast.walk(ast.parse((REPO / path).read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            message = (node.args[2] if name == "error" and len(node.args) == 3 else
                       node.args[4] if name == "ContentError" and len(node.args) == 5 else None)
            assert not isinstance(message, (ast.Constant, ast.JoinedStr, ast.BinOp)), \
                f"{path}:{node.lineno}: write the message with msg(...)"


def sample(name: str, spec: str) -> object:
    if "%" in spec:
        return dt.datetime(2027, 3, 28, 2, 30)
    return 1234 if spec else f"<{name}>"


@pytest.mark.parametrize("template", ALL_TEMPLATES)
def test_each_message_reads_in_both_languages(template: str):
    values = {name: sample(name, spec) for name, spec in fields(template)}
    message = Message(template, tuple(values.items()))
    english, swedish = message.text("en"), message.text("sv")
    assert english == template.format(**values) and str(message) == english
    words = re.findall(r"[A-Za-z]{3,}", re.sub(r"<[^>]*>|'[^']*'|\S*[/.]\S*", "", english))
    if len(words) >= 2:
        assert swedish != english, template


# -- which language ------------------------------------------------------------------------------

@pytest.mark.parametrize("chosen, environ, site, expected", [
    (None, {}, None, "sv"),
    (None, {}, "sv", "sv"),
    (None, {}, "en", "en"),
    (None, {}, "fi", "sv"),
    (None, {"LANG": "en_GB.UTF-8"}, "sv", "en"),
    (None, {"LANG": "sv_SE.UTF-8"}, "en", "sv"),
    (None, {"LANG": "C.UTF-8"}, None, "sv"),
    (None, {"LC_ALL": "en_US.UTF-8", "LANG": "sv_SE.UTF-8"}, None, "en"),
    (None, {"COURSEGEN_LANG": "en", "LANG": "sv_SE.UTF-8"}, None, "en"),
    (None, {"COURSEGEN_LANG": "sv", "LANG": "en_US.UTF-8"}, "en", "sv"),
    (None, {"COURSEGEN_LANG": "de", "LANG": "en_US.UTF-8"}, "sv", "sv"),
    ("en", {"COURSEGEN_LANG": "sv"}, "sv", "en"),
    ("sv", {"LANG": "en_US.UTF-8"}, "en", "sv"),
])
def test_editor_language(chosen, environ, site, expected):
    assert editor_language(chosen, environ, site) == expected


def break_sessions(content: Path) -> None:
    path = content / "sessions.yaml"
    text = path.read_text(encoding="utf-8").replace("module: frukost", "module: frukst")
    path.write_text(text.replace("    end: 16:00\n", "    end: sexton\n"), encoding="utf-8")


def error_lines(content: Path, **env) -> list[str]:
    result = run("check", "--content", str(content), **env)
    assert result.exit_code == 1
    return [line.replace(f"{content}/", "") for line in result.stderr.splitlines()]


SV_LINES = [
    "sessions.yaml:26:10: sessions[2027-02-grunddag-halmstad].end: 'sexton' är inte ett klockslag; skriv det som "
    "TT:MM, t.ex. \"09:30\"",
    "sessions.yaml:36:13: sessions[2027-03-frukost-online].module: okänd modul 'frukst' (menar du 'frukost'?); det "
    "måste vara namnet på en fil i modules/ utan .yaml",
    "2 fel hittades; inget byggdes eller ändrades.",
]
EN_LINES = [
    "sessions.yaml:26:10: sessions[2027-02-grunddag-halmstad].end: 'sexton' is not a clock time; write it as "
    "HH:MM, e.g. \"09:30\"",
    "sessions.yaml:36:13: sessions[2027-03-frukost-online].module: unknown module 'frukst' (did you mean "
    "'frukost'?); it must be the name of a file in modules/ without .yaml",
    "2 errors found; nothing was built or changed.",
]


def test_check_speaks_swedish_by_default_and_english_when_asked(small_content: Path):
    break_sessions(small_content)
    assert error_lines(small_content) == SV_LINES
    assert error_lines(small_content, LANG="sv_SE.UTF-8") == SV_LINES
    assert error_lines(small_content, LANG="en_US.UTF-8") == EN_LINES
    assert error_lines(small_content, COURSEGEN_LANG="en") == EN_LINES
    result = run("check", "--content", str(small_content), "--lang", "en", COURSEGEN_LANG="sv")
    assert [line.replace(f"{small_content}/", "") for line in result.stderr.splitlines()] == EN_LINES
    result = run("--lang", "en", "check", "--content", str(small_content))
    assert [line.replace(f"{small_content}/", "") for line in result.stderr.splitlines()] == EN_LINES


def test_an_english_first_site_gets_english_messages(small_content: Path):
    site = small_content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("languages: [sv, en]", "languages: [en, sv]"),
                    encoding="utf-8")
    break_sessions(small_content)
    assert error_lines(small_content) == EN_LINES
    assert error_lines(small_content, COURSEGEN_LANG="sv") == SV_LINES


def test_check_summary_in_both_languages(small_content: Path):
    swedish = run("check", "--content", str(small_content))
    assert swedish.exit_code == 0
    assert swedish.stdout.startswith(f"{small_content}: OK: 2 moduler, 7 bilder, 3 tillfällen, 2 lokaler, 3 utbildare (")
    english = run("check", "--content", str(small_content), "--lang", "en")
    assert english.stdout.startswith(f"{small_content}: OK: 2 modules, 7 slides, 3 sessions, 2 venues, 3 trainers (")


def test_json_and_github_formats_speak_the_editors_language(small_content: Path):
    break_sessions(small_content)
    data = json.loads(run("check", "--content", str(small_content), "--format", "json").stdout)
    assert data["errors"][1]["field"] == "sessions[2027-03-frukost-online].module"
    assert data["errors"][1]["message"].startswith("okänd modul 'frukst' (menar du 'frukost'?)")
    github = run("check", "--content", str(small_content), "--format", "github", "--lang", "en").stdout
    assert "::unknown module 'frukst' (did you mean 'frukost'?)" in github


def test_translation_warnings_in_both_languages(small_content: Path):
    path = small_content / "modules" / "grunddag.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "en: A day on receiving trainees.", "en: En dag om att ta emot praktikanter."), encoding="utf-8")
    sv = run("check", "--content", str(small_content), "--translations")
    en = run("check", "--content", str(small_content), "--translations", "--lang", "en")
    assert f"{path}:3:10: varning: summary: samma text på sv och en: 'En dag om att ta emot praktikanter.'; " \
           "översätt den" in sv.stdout
    assert sv.stdout.endswith("1 varning (se ovan).\n")
    assert f"{path}:3:10: warning: summary: the same text in sv and en: 'En dag om att ta emot praktikanter.'; " \
           "translate it" in en.stdout
    assert en.stdout.endswith("1 warning (see above).\n")


def test_build_reports_content_errors_in_swedish(small_content: Path, tmp_path: Path):
    break_sessions(small_content)
    result = run("build", "--content", str(small_content), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert [line.replace(f"{small_content}/", "") for line in result.stderr.splitlines()] == SV_LINES
    english = run("build", "--content", str(small_content), "--out", str(tmp_path / "out"), "--lang", "en")
    assert [line.replace(f"{small_content}/", "") for line in english.stderr.splitlines()] == EN_LINES


def test_new_and_status_commands_speak_swedish_by_default(small_content: Path):
    result = run("full", "2027-10-grunddag-varbrg", "--yes", "--content", str(small_content))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{small_content}/sessions.yaml:1:1: det finns inget tillfälle med id '2027-10-grunddag-varbrg' "
        "(menar du '2027-10-grunddag-varberg'?)")
    result = run("new", "session", "--content", str(small_content), "--module", "frukost", "--date", "2027-05-04",
                 "--start", "8 am", "--end", "9:30", "--venue", "bibliotek-halmstad")
    assert result.exit_code == 2
    assert "'8 am' är inte ett klockslag; skriv det som TT:MM" in result.output
    result = run("new", "session", "--content", str(small_content), "--module", "frukost", "--date", "2027-05-04",
                 "--start", "8:00", "--end", "9:30", "--venue", "bibliotek-halmstad")
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Lade till 2027-05-frukost-halmstad i {small_content}/sessions.yaml.\n"
                             "Granska, committa och pusha för att publicera.\n")


# -- sessions named by id ------------------------------------------------------------------------

def test_a_session_is_named_by_its_id_or_else_by_its_place_in_the_list(small_content: Path):
    path = small_content / "sessions.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("id: 2027-03-frukost-online", "id: 2027-10-grunddag-varberg")  # the same id twice
    path.write_text(text.replace("capacity: 25", "capacity: många"), encoding="utf-8")
    lines = error_lines(small_content, COURSEGEN_LANG="en")
    assert any(": sessions[2].id: duplicate session id '2027-10-grunddag-varberg'" in line for line in lines)
    assert any(": sessions[2].capacity: 'många' is not a whole number" in line for line in lines)
    text = path.read_text(encoding="utf-8").replace("id: 2027-10-grunddag-varberg", "id: 2027-03-frukost-online", 1)
    path.write_text(text, encoding="utf-8")
    lines = error_lines(small_content, COURSEGEN_LANG="en")
    assert lines[0].endswith(": sessions[2027-10-grunddag-varberg].capacity: 'många' is not a whole number")


def test_macro_errors_on_a_page_speak_swedish_by_default_and_english_when_asked(small_content: Path):
    (small_content / "pages").mkdir()
    (small_content / "pages" / "fel.sv.md").write_text(
        "# Fel\n\nLäs om {{ module_link(\"grundag\") }}.\n", encoding="utf-8")
    assert error_lines(small_content) == [
        "pages/fel.sv.md:3:8: module_link(): okänd modul 'grundag' (menar du 'grunddag'?); använd namnet på en fil "
        "i modules/ utan .yaml, t.ex. module_link(\"grunddag\")",
        "1 fel hittades; inget byggdes eller ändrades.",
    ]
    english = run("check", "--content", str(small_content), "--lang", "en")
    assert english.exit_code == 1
    assert [line.replace(f"{small_content}/", "") for line in english.stderr.splitlines()] == [
        "pages/fel.sv.md:3:8: module_link(): unknown module 'grundag' (did you mean 'grunddag'?); use the name of a "
        "file in modules/ without .yaml, e.g. module_link(\"grunddag\")",
        "1 error found; nothing was built or changed.",
    ]
