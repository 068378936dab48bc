"""Status commands (cancel, full, waitlist, places) and the forgiving wizard, through CliRunner.

Each status command shows the change as a diff, asks before it writes (``--yes`` for
scripts) and keeps every other line of sessions.yaml, comments included.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli
from generator.loading import load_catalog

from .test_editing import COMMENTED_SESSIONS, commented  # noqa: F401 - the fixture

SWEDISH = {"COURSEGEN_LANG": "sv"}
ENGLISH = {"COURSEGEN_LANG": "en"}


def invoke(*args: str, input: str | None = None, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), input=input, env=env or ENGLISH)


def text_of(content: Path) -> str:
    return (content / "sessions.yaml").read_text(encoding="utf-8")


# -- full, waitlist ------------------------------------------------------------------------------

def test_full_with_yes_changes_one_line_and_shows_the_diff(commented: Path):
    result = invoke("full", "2027-02-grunddag-halmstad", "--yes", "--content", str(commented))
    assert result.exit_code == 0, result.output
    assert text_of(commented) == COMMENTED_SESSIONS.replace(
        "        Bring your laptop.\n", "        Bring your laptop.\n    status: full\n")
    assert f"--- {commented / 'sessions.yaml'}" in result.stdout
    assert "\n+    status: full\n" in result.stdout
    assert result.stdout.endswith("2027-02-grunddag-halmstad is marked full.\nReview, commit and push to publish.\n")
    assert load_catalog(commented).session("2027-02-grunddag-halmstad").status == "full"


def test_waitlist_asks_in_swedish_and_writes_after_ja(commented: Path):
    result = invoke("waitlist", "2027-03-frukost-online", "--content", str(commented), input="kanske\nja\n", env=SWEDISH)
    assert result.exit_code == 0, result.output
    assert f"Skriva ändringen till {commented / 'sessions.yaml'}? [j/N]: " in result.output
    assert "svara ja eller nej" in result.output  # 'kanske' is asked again
    assert "-    status: full  # waiting list by e-mail\n+    status: waitlist  # waiting list by e-mail\n" in result.output
    assert text_of(commented) == COMMENTED_SESSIONS.replace("status: full  # waiting", "status: waitlist  # waiting")
    assert "2027-03-frukost-online är markerat som waitlist." in result.output


def test_declining_writes_nothing(commented: Path):
    result = invoke("full", "2027-02-grunddag-halmstad", "--content", str(commented), input="n\n")
    assert result.exit_code == 1
    assert result.output.endswith("[y/N]: n\nNothing was changed.\n")
    assert text_of(commented) == COMMENTED_SESSIONS


def test_full_on_a_full_session_changes_nothing(commented: Path):
    result = invoke("full", "2027-03-frukost-online", "--content", str(commented))
    assert result.exit_code == 0
    assert result.output == "2027-03-frukost-online is already marked full.\n"
    assert text_of(commented) == COMMENTED_SESSIONS


# -- places N ------------------------------------------------------------------------------------

def test_places_adds_places_left(commented: Path):
    before = COMMENTED_SESSIONS.replace("    language: sv\n    trainers: [anna, bo]\n",
                                        "    language: sv\n    trainers: [anna, bo]\n    capacity: 30\n")
    (commented / "sessions.yaml").write_text(before, encoding="utf-8")
    result = invoke("places", "2027-02-grunddag-halmstad", "4", "--yes", "--content", str(commented))
    assert result.exit_code == 0, result.output
    assert text_of(commented) == before.replace("        Bring your laptop.\n",
                                                "        Bring your laptop.\n    places_left: 4\n")
    assert load_catalog(commented).session("2027-02-grunddag-halmstad").places_left == 4
    again = invoke("places", "2027-02-grunddag-halmstad", "4", "--yes", "--content", str(commented))
    assert again.output == "2027-02-grunddag-halmstad already has 4 places left.\n"


def test_places_reopens_a_full_session_and_keeps_its_comment(commented: Path):
    result = invoke("places", "2027-03-frukost-online", "2", "--yes", "--content", str(commented))
    assert result.exit_code == 0, result.output
    assert text_of(commented) == COMMENTED_SESSIONS.replace(
        "    status: full  # waiting list by e-mail\n",
        "    status: scheduled  # waiting list by e-mail\n    places_left: 2\n")


def test_places_must_be_a_number_in_both_languages(commented: Path):
    english = invoke("places", "2027-03-frukost-online", "tjugo", "--content", str(commented))
    assert english.exit_code == 2 and "Invalid value for N: 'tjugo' is not a whole number" in english.output
    swedish = invoke("places", "2027-03-frukost-online", "tjugo", "--content", str(commented), env=SWEDISH)
    assert swedish.exit_code == 2 and "'tjugo' är inget heltal" in swedish.output
    assert text_of(commented) == COMMENTED_SESSIONS


def test_places_above_capacity_is_shown_against_the_proposed_text(commented: Path):
    before = COMMENTED_SESSIONS.replace("    trainers: [anna]\n", "    trainers: [anna]\n    capacity: 12\n")
    (commented / "sessions.yaml").write_text(before, encoding="utf-8")
    result = invoke("places", "2027-03-frukost-online", "40", "--yes", "--content", str(commented), env=SWEDISH)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    line = before.splitlines().index("    status: full  # waiting list by e-mail") + 2  # places_left's line
    assert lines[0] == (f"{commented / 'sessions.yaml'} (förslag):{line}:18: sessions[2027-03-frukost-online].places_left: "
                        "40 lediga platser är fler än antalet platser (12); sänk places_left eller höj capacity")
    assert lines[1] == f"Texten som skulle ha skrivits i {commented / 'sessions.yaml'} (inget skrevs):"
    assert f"  {line - 1:>4} |     status: scheduled  # waiting list by e-mail" in lines
    assert f"> {line:>4} |     places_left: 40" in lines
    assert text_of(commented) == before


def test_a_cancelled_session_is_not_marked_full(commented: Path):
    assert invoke("cancel", "2027-03-frukost-online", "--yes", "--content", str(commented)).exit_code == 0
    result = invoke("full", "2027-03-frukost-online", "--yes", "--content", str(commented))
    assert result.exit_code == 1 and "2027-03-frukost-online is cancelled; if it takes place after all" in result.stderr


# -- cancel ----------------------------------------------------------------------------------------

def test_cancel_with_reason_note_and_replacement(commented: Path):
    result = invoke("cancel", "2027-03-frukost-online", "--reason", "Too few registrations",
                    "--note", "sv=Inställt: för få anmälda.", "--note", "en=Cancelled: too few registrations.",
                    "--replacement", "2027-02-grunddag-halmstad", "--yes", "--content", str(commented))
    assert result.exit_code == 0, result.output
    assert text_of(commented) == COMMENTED_SESSIONS.replace(
        "    status: full  # waiting list by e-mail\n",
        "    status: cancelled  # waiting list by e-mail\n"
        '    note: {sv: "Inställt: för få anmälda. Ersätts av tillfället torsdag 11 februari 2027 '
        '(2027-02-grunddag-halmstad).", en: "Cancelled: too few registrations. Replaced by the session on '
        'Thursday 11 February 2027 (2027-02-grunddag-halmstad)."}\n'
        "    internal: Too few registrations\n")
    session = load_catalog(commented).session("2027-03-frukost-online")
    assert session.is_cancelled and session.note["sv"].startswith("Inställt: för få anmälda. Ersätts av")


def test_cancel_replaces_a_block_note_and_keeps_the_comments(commented: Path):
    result = invoke("cancel", "2027-02-grunddag-halmstad", "--note", "sv=Inställt.", "--note", "en=Cancelled.",
                    "--yes", "--content", str(commented))
    assert result.exit_code == 0, result.output
    after = text_of(commented)
    assert after == COMMENTED_SESSIONS.replace(
        "    note:\n      sv: |\n        Ta med egen dator.\n\n      en: |\n        Bring your laptop.\n",
        "    note: {sv: Inställt., en: Cancelled.}\n    status: cancelled\n")
    assert "start: 09:00        # unquoted on purpose" in after and "# Autumn: add sessions above this line." in after


def test_cancel_asks_for_reason_note_and_replacement_and_asks_again(commented: Path):
    answers = "\n".join(["Sjukdom", "Inställt på grund av sjukdom.", "Cancelled due to illness.",
                         "2027-03-frukost", "2027-03-frukost-online", "ja"]) + "\n"
    result = invoke("cancel", "2027-02-grunddag-halmstad", "--content", str(commented), input=answers, env=SWEDISH)
    assert result.exit_code == 0, result.output
    assert ("okänt värde '2027-03-frukost' (menar du '2027-03-frukost-online'?); använd '2027-03-frukost-online'; "
            "försök igen") in result.output
    session = load_catalog(commented).session("2027-02-grunddag-halmstad")
    assert session.is_cancelled
    assert session.note["en"] == ("Cancelled due to illness. Replaced by the session on Monday 29 March 2027 "
                                  "(2027-03-frukost-online).")
    assert "    internal: Sjukdom\n" in text_of(commented)
    assert "2027-02-grunddag-halmstad är inställt i" in result.output


def test_cancel_refuses_a_replacement_that_is_itself_or_unknown(commented: Path):
    itself = invoke("cancel", "2027-02-grunddag-halmstad", "--replacement", "2027-02-grunddag-halmstad", "--yes",
                    "--content", str(commented))
    assert itself.exit_code == 1
    assert itself.stderr.splitlines()[0] == (
        f"{commented / 'sessions.yaml'}:1:1: '2027-02-grunddag-halmstad' cannot replace the session: it must be "
        "another session that is not cancelled")
    typo = invoke("cancel", "2027-02-grunddag-halmstad", "--replacement", "2027-03-frukost-onlin", "--yes",
                  "--content", str(commented), env=SWEDISH)
    assert typo.exit_code == 1
    assert ("'2027-03-frukost-onlin' kan inte ersätta tillfället: det måste vara ett annat tillfälle som inte är "
            "inställt (menar du '2027-03-frukost-online'?)") in typo.stderr
    assert text_of(commented) == COMMENTED_SESSIONS


# -- the wizard never loses the answers -----------------------------------------------------------

def test_wizard_with_three_wrong_answers_still_writes_a_valid_session(commented: Path):
    answers = "\n".join([
        "grunddag",
        "16/9 2027", "2027-09-16",          # wrong 1: not a date
        "09:00",
        "nio", "16:00",                      # wrong 2: not a clock time
        "bibliotek-halmstad", "anna",
        "tjugofem", "25",                    # wrong 3: a word where a number belongs
        "", "sv",
    ]) + "\n"
    result = invoke("new", "session", "--content", str(commented), input=answers, env=SWEDISH)
    assert result.exit_code == 0, result.output
    assert "'16/9 2027' är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2027-02-11; försök igen" in result.output
    assert "'nio' är inte ett klockslag; skriv det som TT:MM, t.ex. \"09:30\"; försök igen" in result.output
    assert "'tjugofem' är inget heltal; försök igen" in result.output
    assert "Lade till 2027-09-grunddag-halmstad i" in result.output
    session = load_catalog(commented).session("2027-09-grunddag-halmstad")
    assert (session.date, session.start, session.end) == (dt.date(2027, 9, 16), dt.time(9), dt.time(16))
    assert session.capacity == 25 and session.trainers == ("anna",)


def test_wizard_asks_again_for_an_end_before_the_start_and_an_unknown_trainer(commented: Path):
    answers = "\n".join(["frukost", "2027-09-20", "09:00", "08:00", "10:00", "online", "http//meet",
                         "https://meet.example.org/a", "ana", "anna, bo", "", "", "en"]) + "\n"
    result = invoke("new", "session", "--content", str(commented), input=answers)
    assert result.exit_code == 0, result.output
    assert "the session ends (08:00) before it starts (09:00); check start and end; try again" in result.output
    assert "'http//meet' is not a web address; it must start with https://; try again" in result.output
    assert "unknown trainer 'ana' (did you mean 'anna'?); add them under trainers: or fix the id; try again" in result.output
    session = load_catalog(commented).session("2027-09-frukost-online")
    assert session.online_url == "https://meet.example.org/a" and session.trainers == ("anna", "bo")
    assert session.language == "en" and session.capacity is None


def test_new_session_errors_name_lines_of_the_text_that_would_be_written(commented: Path):
    lines_before = len(COMMENTED_SESSIONS.splitlines())
    result = invoke("new", "session", "--module", "frukost", "--date", "2027-05-04", "--start", "8:00", "--end", "9:30",
                    "--venue", "bibliotek-halmstad", "--trainer", "ana", "--content", str(commented))
    assert result.exit_code == 1
    error, header, *shown = result.stderr.splitlines()
    number = int(error.split(":")[1])
    assert number > lines_before  # a line only the proposed text has ...
    assert error == (f"{commented / 'sessions.yaml'} (proposed):{number}:16: sessions[2027-05-frukost-halmstad]"
                     ".trainers[0]: unknown trainer 'ana' (did you mean 'anna'?); add them under trainers: or fix the id")
    assert header == f"The text that would have been written to {commented / 'sessions.yaml'} (nothing was written):"
    assert f"> {number:>4} |     trainers: [ana]" in shown  # ... and it is shown with its number
    assert any(line.endswith("|   - id: 2027-05-frukost-halmstad") for line in shown)
    assert shown[-1] == "1 error found; nothing was built or changed."
    assert text_of(commented) == COMMENTED_SESSIONS
