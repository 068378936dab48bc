"""Scaffolding and cancelling: valid results, every other line kept, nothing written on errors."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import cli
from generator.editing.schema import module_schema, yaml12_value
from generator.loading import load_catalog

REPO = Path(__file__).resolve().parent.parent

COMMENTED_SESSIONS = """\
# Venues, trainers and sessions of the test programme.
# Session ids never change.

venues:
  bibliotek-halmstad:   # the main library
    name: Stadsbiblioteket
    address: Axel Olssons gata 2, 302 27 Halmstad
    municipality: Halmstad
    accessibility: {sv: Entré utan trappsteg., en: Step-free entrance.}
trainers:
  anna:
    name: Anna Exempel
    organisation: Region Halland
  bo: {name: Bo Prov, organisation: Halmstads kommun}

sessions:
  # Spring
  - id: 2027-02-grunddag-halmstad
    module: grunddag
    date: 2027-02-11
    start: 09:00        # unquoted on purpose
    end: '16:00'
    venue: bibliotek-halmstad
    language: sv
    trainers: [anna, bo]
    note:
      sv: |
        Ta med egen dator.

      en: |
        Bring your laptop.


  - id: 2027-03-frukost-online
    module: frukost
    date: 2027-03-29
    start: "07:30"
    end: "09:00"
    online: {url: https://meet.example.org/frukost}
    language: sv
    trainers: [anna]
    status: full  # waiting list by e-mail

# Autumn: add sessions above this line.
"""


@pytest.fixture
def commented(small_content: Path) -> Path:
    (small_content / "sessions.yaml").write_text(COMMENTED_SESSIONS, encoding="utf-8")
    load_catalog(small_content)  # the fixture itself must be valid
    return small_content


def invoke(*args: str, input: str | None = None):
    """coursegen in English (the messages' Swedish versions are tested in test_cli_language.py)."""
    return CliRunner().invoke(cli, list(args), input=input, env={"COURSEGEN_LANG": "en"})


def only_insertions(before: str, after: str) -> list[str]:
    """The lines added; fails if any existing line changed or moved out of order."""
    old, new = before.splitlines(), after.splitlines()
    added = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, old[i1:i2], new[j1:j2])
        if tag == "insert":
            added += new[j1:j2]
    return added


NEW_SESSION = [
    "new", "session", "--module", "frukost", "--date", "2027-05-04", "--start", "8:00", "--end", "09.30",
    "--venue", "bibliotek-halmstad", "--trainer", "anna", "--trainer", "bo", "--capacity", "20",
    "--registration-url", "https://example.org/anmalan?kurs=frukost,maj", "--deadline", "2027-04-20",
]


def test_new_session_keeps_every_other_line_and_passes_check(commented: Path):
    result = invoke(*NEW_SESSION, "--content", str(commented))
    assert result.exit_code == 0, result.output
    assert "2027-05-frukost-halmstad" in result.stdout
    after = (commented / "sessions.yaml").read_text(encoding="utf-8")
    added = [line for line in only_insertions(COMMENTED_SESSIONS, after) if line.strip()]
    assert added[0] == "  - id: 2027-05-frukost-halmstad"
    assert "\n\n  - id: 2027-05-frukost-halmstad" in after  # blank line between items, like its neighbours
    assert all(line.startswith("    ") for line in added[1:])
    # the new item goes after the last session, before the trailing comment
    assert after.index("status: full  # waiting list") < after.index("2027-05-frukost-halmstad") < after.index("# Autumn")
    assert invoke("check", "--content", str(commented)).exit_code == 0

    session = load_catalog(commented).session("2027-05-frukost-halmstad")
    assert (session.module, session.date, session.start, session.end) == ("frukost", dt.date(2027, 5, 4), dt.time(8), dt.time(9, 30))
    assert session.venue == "bibliotek-halmstad" and session.trainers == ("anna", "bo")
    assert session.capacity == 20 and session.registration_deadline == dt.date(2027, 4, 20)
    assert session.registration_url == "https://example.org/anmalan?kurs=frukost,maj"
    assert session.language == "sv" and session.status == "scheduled"


def test_new_online_session_with_given_id_matches_the_schema(commented: Path):
    result = invoke(
        "new", "session", "--content", str(commented), "--id", "2027-06-frukost-digital", "--module", "frukost",
        "--date", "2027-06-01", "--start", "07:30", "--end", "09:00", "--online-url", "https://meet.example.org/x",
        "--language", "en",
    )
    assert result.exit_code == 0, result.output
    session = load_catalog(commented).session("2027-06-frukost-digital")
    assert session.online_url == "https://meet.example.org/x" and session.language == "en" and session.trainers == ()
    data = yaml12_value(yaml.compose((commented / "sessions.yaml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader))
    schema = json.loads((REPO / "schemas" / "sessions.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft7Validator(schema).iter_errors(data)) == []


def test_interactive_new_session_lists_the_choices(commented: Path):
    answers = "\n".join([
        "grunddag", "2027-09-16", "09:00", "16:00", "bibliotek-halmstad",
        "anna", "30", "https://example.org/anmalan", "2027-09-01", "sv",
    ]) + "\n"
    result = invoke("new", "session", "--content", str(commented), input=answers)
    assert result.exit_code == 0, result.output
    for listed in ("grunddag  Grunddag", "frukost  Frukostmöte för chefer", "bibliotek-halmstad  Stadsbiblioteket (Halmstad)",
                   "online  online", "anna  Anna Exempel, Region Halland"):
        assert listed in result.output
    session = load_catalog(commented).session("2027-09-grunddag-halmstad")
    assert session.capacity == 30 and session.trainers == ("anna",)
    assert session.registration_deadline == dt.date(2027, 9, 1)


def test_invalid_new_session_changes_nothing(commented: Path):
    before = (commented / "sessions.yaml").read_bytes()
    bad = [a if a != "2027-04-20" else "2027-06-01" for a in NEW_SESSION]  # deadline after the session
    result = invoke(*bad, "--content", str(commented))
    assert result.exit_code == 1
    assert "registration.deadline: the deadline 2027-06-01 is after the session (2027-05-04)" in result.stderr
    assert str(commented / "sessions.yaml") in result.stderr  # the editor's path, not a temporary copy
    duplicate = invoke(*NEW_SESSION, "--id", "2027-02-grunddag-halmstad", "--content", str(commented))
    assert duplicate.exit_code == 1
    assert "duplicate session id '2027-02-grunddag-halmstad'" in duplicate.stderr
    unknown = invoke(*[a if a != "anna" else "ana" for a in NEW_SESSION], "--content", str(commented))
    assert unknown.exit_code == 1 and "unknown trainer 'ana' (did you mean 'anna'?)" in unknown.stderr
    assert (commented / "sessions.yaml").read_bytes() == before


def test_bad_clock_is_refused_before_anything_is_read(commented: Path):
    result = invoke(*[a if a != "8:00" else "8 am" for a in NEW_SESSION], "--content", str(commented))
    assert result.exit_code == 2
    assert "'8 am' is not a clock time" in result.output


@pytest.mark.parametrize("empty", ["sessions: []", "sessions: []  # none yet"])
def test_first_session_into_an_empty_list(small_content: Path, empty: str):
    path = small_content / "sessions.yaml"
    text = path.read_text(encoding="utf-8")
    head = text[: text.index("sessions:")]
    path.write_text(head + empty + "\n", encoding="utf-8")
    result = invoke(*NEW_SESSION, "--content", str(small_content))
    assert result.exit_code == 0, result.output
    assert [s.id for s in load_catalog(small_content).sessions] == ["2027-05-frukost-halmstad"]
    assert path.read_text(encoding="utf-8").startswith(head + "sessions:")
    if "#" in empty:
        assert "sessions:  # none yet\n  - id: 2027-05-frukost-halmstad\n" in path.read_text(encoding="utf-8")


def test_suggested_ids_do_not_collide(commented: Path):
    for _ in range(2):
        assert invoke(*NEW_SESSION, "--content", str(commented)).exit_code == 0
    ids = [s.id for s in load_catalog(commented).sessions]
    assert "2027-05-frukost-halmstad" in ids and "2027-05-frukost-halmstad-2" in ids


# -- cancel ------------------------------------------------------------------------------------

def test_cancel_sets_status_in_place(commented: Path):
    result = invoke("cancel", "2027-03-frukost-online", "--yes", "--content", str(commented))
    assert result.exit_code == 0, result.output
    after = (commented / "sessions.yaml").read_text(encoding="utf-8")
    assert after == COMMENTED_SESSIONS.replace("status: full  # waiting", "status: cancelled  # waiting")
    assert load_catalog(commented).session("2027-03-frukost-online").is_cancelled


def test_cancel_adds_status_when_missing(commented: Path):
    result = invoke("cancel", "2027-02-grunddag-halmstad", "--yes", "--content", str(commented))
    assert result.exit_code == 0, result.output
    after = (commented / "sessions.yaml").read_text(encoding="utf-8")
    assert only_insertions(COMMENTED_SESSIONS, after) == ["    status: cancelled"]
    # after the block-scalar note, not inside it
    assert load_catalog(commented).session("2027-02-grunddag-halmstad").note["en"] == "Bring your laptop."
    assert load_catalog(commented).session("2027-02-grunddag-halmstad").is_cancelled
    again = invoke("cancel", "2027-02-grunddag-halmstad", "--yes", "--content", str(commented))
    assert again.exit_code == 0 and "already cancelled" in again.output
    assert (commented / "sessions.yaml").read_text(encoding="utf-8") == after


def test_cancel_unknown_session(commented: Path):
    result = invoke("cancel", "2027-02-grundag-halmstad", "--yes", "--content", str(commented))
    assert result.exit_code == 1
    assert "no session with id '2027-02-grundag-halmstad' (did you mean '2027-02-grunddag-halmstad'?)" in result.stderr
    assert (commented / "sessions.yaml").read_text(encoding="utf-8") == COMMENTED_SESSIONS


# -- new module ----------------------------------------------------------------------------------

NEW_MODULE = [
    "new", "module", "--id", "fordjupning-samtal", "--kind", "deep-dive",
    "--title", "sv=Svåra samtal", "--title", "en=Difficult conversations",
    "--summary", "sv=Hur du tar ett svårt samtal: lugnt, tydligt och med respekt.",
    "--summary", "en=How to hold a difficult conversation: calmly, clearly and with respect.",
    "--audience", "sv=Handledare", "--audience", "en=Supervisors",
    "--objective", "sv=Du kan förbereda ett svårt samtal.", "--objective", "en=You can prepare a difficult conversation.",
    "--duration", "180", "--delivery", "on-site",
]


def test_new_module_passes_check_and_schema(tmp_path: Path, small_content: Path):
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "schemas", repo / "schemas")
    content = repo / "content"
    shutil.move(small_content, content)
    result = invoke(*NEW_MODULE, "--content", str(content))
    assert result.exit_code == 0, result.output
    path = content / "modules" / "fordjupning-samtal.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/module.schema.json"
    assert invoke("check", "--content", str(content), "--translations", "--strict").exit_code == 0
    module = load_catalog(content).modules["fordjupning-samtal"]
    assert module.title["en"] == "Difficult conversations" and module.duration_minutes == 180
    assert [s.layout for s in module.slides] == ["title", "content", "closing"]
    assert module.slides[1].notes["sv"].startswith("Hur du tar ett svårt samtal")
    data = yaml12_value(yaml.compose(text, Loader=yaml.SafeLoader))
    assert list(jsonschema.Draft7Validator(module_schema()).iter_errors(data)) == []


def test_new_module_file_gets_the_usual_permissions(small_content: Path):
    # Like a file the editor makes by hand: readable by others (a web server, a CI runner).
    result = invoke(*NEW_MODULE, "--content", str(small_content))
    assert result.exit_code == 0, result.output
    umask = os.umask(0)
    os.umask(umask)
    mode = (small_content / "modules" / "fordjupning-samtal.yaml").stat().st_mode & 0o777
    assert mode == 0o666 & ~umask


def test_interactive_new_module(small_content: Path):
    answers = "\n".join([
        "natverk", "network", "Nätverksträff", "Network meeting",
        "Handledare träffas och delar erfarenheter med varandra.", "Supervisors meet and share experience with each other.",
        "Handledare", "Supervisors", "Du har fått nya idéer.", "You have new ideas.", "120", "online",
    ]) + "\n"
    result = invoke("new", "module", "--content", str(small_content), input=answers)
    assert result.exit_code == 0, result.output
    module = load_catalog(small_content).modules["natverk"]
    assert module.kind == "network" and module.delivery == ("online",)


def test_new_module_refuses_an_existing_id(small_content: Path):
    before = (small_content / "modules" / "frukost.yaml").read_bytes()
    result = invoke(*[a if a != "fordjupning-samtal" else "frukost" for a in NEW_MODULE], "--content", str(small_content))
    assert result.exit_code == 1 and "module 'frukost' already exists" in result.stderr
    assert (small_content / "modules" / "frukost.yaml").read_bytes() == before


def test_new_module_refuses_a_placeholder(small_content: Path):
    result = invoke(*[a if a != "en=Supervisors" else "en=TODO" for a in NEW_MODULE], "--content", str(small_content))
    assert result.exit_code == 1 and "placeholder 'TODO'" in result.stderr
    assert not (small_content / "modules" / "fordjupning-samtal.yaml").exists()
