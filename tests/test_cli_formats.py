"""``coursegen check --format text|json|github`` and ``--translations`` on real bad content."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.editing.formats import github_command
from generator.errors import ContentError

# (file, text to replace, replacement, words the message must contain)
BAD_CASES = [
    ("sessions.yaml", "module: frukost", "module: frukst", "unknown module 'frukst'"),
    ("sessions.yaml", 'start: "07:30"', 'start: "7h30"', "not a clock time"),
    ("sessions.yaml", "status: full", "status: ful", "unknown value 'ful'"),
    ("sessions.yaml", "    capacity: 25", "    capasity: 25", "unknown field 'capasity'"),
    ("sessions.yaml", "venue: stadshus-varberg", "venue: stadshus-varbreg", "unknown venue"),
    ("modules/grunddag.yaml", "kind: basic-day", "kind: basicday", "unknown value 'basicday'"),
    ("modules/frukost.yaml", "notes: {sv: Berätta om ett exempel., en: Tell an example.}",
     "notes: {sv: Berätta om ett exempel.}", "missing the 'en' text"),
    ("modules/frukost.yaml", 'title: {sv: "Varför?", en: "Why?"}', "title: {sv: Varför?, en: Why?}", "YAML syntax error"),
    ("site.yaml", "timezone: Europe/Stockholm", "timezone: Europe/Stockholmm", "unknown timezone"),
    ("site.yaml", "contact: {email: info@example.org}", "contact: {email: info(at)example.org}", "not an e-mail address"),
]

GITHUB_LINE = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=([^:]*)::(.*)$")


def break_content(folder: Path, cases) -> dict[tuple[str, int], str]:
    """Apply text changes; return {(file, line of the change): expected words}."""
    expected = {}
    for relative, old, new, words in cases:
        path = folder / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (relative, old)
        text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
        line = text[: text.index(new)].count("\n") + 1
        expected[(relative, line)] = words
    return expected


def unescape_data(value: str) -> str:
    return value.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def unescape_property(value: str) -> str:
    return unescape_data(value.replace("%3A", ":").replace("%2C", ","))


def run(folder: Path, *options: str):
    return CliRunner().invoke(cli, ["check", "--content", str(folder), "--lang", "en", *options])


def relative_file(folder: Path, shown: str) -> str:
    return Path(shown).resolve().relative_to(folder.resolve()).as_posix()


@pytest.mark.parametrize("case", BAD_CASES, ids=[c[2] for c in BAD_CASES])
def test_json_names_file_line_and_field_of_each_error(small_content: Path, case):
    expected = break_content(small_content, [case])
    result = run(small_content, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["errors"], report
    found = {(relative_file(small_content, e["file"]), e["line"]): e for e in report["errors"]}
    (where, words), = expected.items()
    assert where in found, (where, report["errors"])
    assert words in found[where]["message"]
    for error in report["errors"]:
        assert set(error) == {"file", "line", "column", "field", "message"}
        assert error["line"] >= 1 and error["column"] >= 1


@pytest.mark.parametrize("case", BAD_CASES, ids=[c[2] for c in BAD_CASES])
def test_github_annotations_point_at_the_line(small_content: Path, case):
    expected = break_content(small_content, [case])
    result = run(small_content, "--format", "github")
    assert result.exit_code == 1
    annotations = [GITHUB_LINE.match(line) for line in result.stdout.splitlines()]
    assert annotations and all(annotations), result.stdout
    places = {(relative_file(small_content, unescape_property(m.group(2))), int(m.group(3))): unescape_data(m.group(6))
              for m in annotations}
    (where, words), = expected.items()
    assert where in places, (where, result.stdout)
    assert words in places[where]


def test_all_errors_at_once_in_every_format(small_content: Path):
    expected = break_content(small_content, [c for c in BAD_CASES if c[0] != "modules/frukost.yaml" or "syntax" not in c[3]])
    as_json = json.loads(run(small_content, "--format", "json").stdout)
    github = run(small_content, "--format", "github").stdout.splitlines()
    text = run(small_content)
    assert text.exit_code == 1
    places = {(relative_file(small_content, e["file"]), e["line"]) for e in as_json["errors"]}
    assert set(expected) <= places
    assert len(github) == len(as_json["errors"])
    text_errors = [line for line in text.stderr.splitlines() if re.match(r".+:\d+:\d+: ", line)]
    assert len(text_errors) == len(as_json["errors"])
    assert text.stderr.splitlines()[-1] == f"{len(as_json['errors'])} errors found; nothing was built or changed."


def test_valid_content_in_every_format(small_content: Path):
    as_json = run(small_content, "--format", "json")
    assert as_json.exit_code == 0
    report = json.loads(as_json.stdout)
    assert report["ok"] is True and report["errors"] == []
    assert report["counts"]["sessions"] == 3 and report["counts"]["modules"] == 2
    github = run(small_content, "--format", "github")
    assert github.exit_code == 0
    assert not any(line.startswith("::") for line in github.stdout.splitlines())
    assert "OK: 2 modules" in run(small_content).stdout


def test_github_escaping_round_trips_awkward_text():
    error = ContentError("content/a,b:c.yaml", 7, 3, "sessions[0].note.sv", "100% wrong:\nline two,\r done")
    line = github_command("error", error)
    assert "\n" not in line and "\r" not in line
    match = GITHUB_LINE.match(line)
    assert match, line
    assert unescape_property(match.group(2)) == "content/a,b:c.yaml"
    assert (match.group(3), match.group(4)) == ("7", "3")
    assert unescape_property(match.group(5)) == "coursegen: sessions[0].note.sv"
    assert unescape_data(match.group(6)) == "100% wrong:\nline two,\r done"


# -- the translation report ------------------------------------------------------------------

def test_identical_texts_are_warnings_with_lines(small_content: Path):
    expected = break_content(small_content, [
        ("modules/frukost.yaml", 'summary: {sv: "Varför öppna arbetsplatsen?", en: "Why open your workplace?"}',
         'summary: {sv: "Varför öppna arbetsplatsen?", en: "Varför öppna arbetsplatsen?"}', "summary"),
        ("modules/grunddag.yaml", "      en: Walk around and listen. Collect three examples with the whole group.",
         "      en: Gå runt och lyssna. Samla tre exempel i helgrupp.", "slides[3].notes"),
    ])
    result = run(small_content, "--translations", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["ok"] is True
    warnings = {(relative_file(small_content, w["file"]), w["field"]): w for w in report["warnings"]}
    assert set(warnings) == {("modules/frukost.yaml", "summary"), ("modules/grunddag.yaml", "slides[3].notes")}
    frukost_line = next(line for (f, line) in expected if f == "modules/frukost.yaml")
    assert warnings[("modules/frukost.yaml", "summary")]["line"] == frukost_line
    # block mapping: the warning points at the first language's line, just above the edited en: line
    grunddag_line = next(line for (f, line) in expected if f == "modules/grunddag.yaml")
    assert warnings[("modules/grunddag.yaml", "slides[3].notes")]["line"] == grunddag_line - 1
    assert "translate it" in warnings[("modules/frukost.yaml", "summary")]["message"]

    text = run(small_content, "--translations")
    assert text.exit_code == 0
    assert "warning: summary: the same text in sv and en" in text.stdout
    strict = run(small_content, "--translations", "--strict")
    assert strict.exit_code == 1
    github = run(small_content, "--translations", "--format", "github")
    assert sum(line.startswith("::warning file=") for line in github.stdout.splitlines()) == 2


def test_short_words_names_and_paths_are_not_flagged(small_content: Path):
    break_content(small_content, [
        ("modules/grunddag.yaml", "title: {sv: Lunch, en: Lunch}", "title: {sv: Lunch, en: Lunch}", ""),
        ("sessions.yaml", "name: {sv: Stadshuset, en: Town Hall}", "name: {sv: Stadshuset Varberg centrum, en: Stadshuset Varberg centrum}", ""),
        ("modules/frukost.yaml", "title: {sv: Välkommen, en: Welcome}", "title: {sv: Välkommen, en: Välkommen}", ""),
    ])
    report = json.loads(run(small_content, "--translations", "--format", "json").stdout)
    assert report["warnings"] == []
    assert report["counts"]["untranslated"] == 0


def test_the_small_fixture_has_no_untranslated_texts():
    from generator.editing.translations import untranslated

    assert untranslated(Path(__file__).parent / "fixtures" / "small", ("sv", "en")) == []
