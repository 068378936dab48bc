"""Evaluation answers: ``content/evaluations/<session-id>.csv``, one file per session.

A file is what a form tool exports, or what someone typed in from the paper forms: UTF-8
(a byte-order mark is accepted), columns separated by ``,`` or by ``;`` (as Excel and
many form tools write it in Swedish settings: the header line decides), the first row
the ids of questions of ``site.yaml: evaluation.questions`` (any of them, each once, in
any order), then one row per participant. A rating cell holds a whole number 1..scale or
is empty; a free-text cell holds any text (quoted as CSV quotes it, so it may hold the
separator and line breaks). A row with every cell empty is no answer and is skipped.

Every defect is a :class:`~generator.errors.ContentError` at the cell's line and column,
its field the question id: ``content/evaluations/x.csv:4:9: helhet: '7' is not a rating
from 1 to 5; ...``. Files are read through the loader's safe reader (no links out of
content/, a size limit); control characters are refused where they stand; a file with
errors gives no answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ..errors import ContentError, did_you_mean
from ..model import Answer, FrozenMap, Question, Session, Site
from .source import MAX_REPORTED, control_characters, decode_text, excerpt, outside_link, read_bytes

if TYPE_CHECKING:
    from .content import ContentFolder

FOLDER = "evaluations"
MAX_CSV_BYTES = 2 * 1024 * 1024  # a session of 30 people with long answers is a few tens of kB
MAX_ROWS = 5_000
MAX_CELL = 10_000  # characters in one free-text answer
MAX_FILES = 2_000
MAX_ERRORS_PER_FILE = MAX_REPORTED * 4
SEPARATORS = (",", ";")
RATING = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Cell:
    """One CSV cell: its text (quotes removed) and where it starts (1-based)."""

    value: str
    line: int
    column: int


class CsvProblem(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def load_evaluations(folder: "ContentFolder", site: Site | None, sessions: Iterable[Session],
                     errors: list[ContentError]) -> FrozenMap:
    """The answers of every ``evaluations/<session-id>.csv``, by session id (sorted), or
    errors. Optional: no folder, no answers."""
    directory = folder.dir / FOLDER
    if not (directory.exists() or directory.is_symlink()):
        return FrozenMap()
    if outside_link(directory, folder.root):
        return FrozenMap()  # the loader names links that leave content/
    shown_dir = folder.shown(FOLDER)
    if not directory.is_dir():
        errors.append(ContentError(shown_dir, 1, 1, "", f"'{FOLDER}' must be a folder holding one "
                                   "<session-id>.csv file per session; remove the file or make it a folder"))
        return FrozenMap()
    if site is None:
        return FrozenMap()  # site.yaml has errors of its own: its questions are unknown
    sessions = {s.id: s for s in sessions}
    sessions_readable = not any(e.path == folder.shown("sessions.yaml") for e in errors)
    names = sorted(entry.name for entry in directory.iterdir() if not entry.name.startswith("."))
    if names and site.evaluation is None:
        errors.append(ContentError(folder.shown(f"{FOLDER}/{names[0]}"), 1, 1, "",
                                   "there are evaluation answers but site.yaml has no 'evaluation' section; "
                                   "add it with the form's url and the questions whose ids head the columns "
                                   "(see the editor guide)"))
        return FrozenMap()
    answers: dict[str, tuple[Answer, ...]] = {}
    for name in names[:MAX_FILES]:
        path = directory / name
        shown = folder.shown(f"{FOLDER}/{name}")
        if path.is_dir() and not path.is_symlink():
            errors.append(ContentError(shown, 1, 1, "", f"{FOLDER}/ holds one <session-id>.csv file per session "
                                       "and no folders; move the files in it up into evaluations/"))
            continue
        stem, dot, suffix = name.rpartition(".")
        if not dot or suffix != "csv":
            errors.append(ContentError(shown, 1, 1, "", f"'{excerpt(name)}' is not a .csv file; {FOLDER}/ holds "
                                       "only <session-id>.csv files (export the answers as CSV and name the file "
                                       "after the session's id, e.g. 2027-02-grund-halmstad.csv)"))
            continue
        session = sessions.get(stem)
        if session is None:
            if sessions_readable:
                errors.append(ContentError(shown, 1, 1, "", f"no session has the id '{excerpt(stem)}'"
                                           f"{did_you_mean(stem, sessions)}; name the file after the id of a "
                                           "session in sessions.yaml, followed by .csv"))
            continue
        if session.is_cancelled:
            errors.append(ContentError(shown, 1, 1, "", f"the session '{stem}' is cancelled in sessions.yaml, so "
                                       "it has no answers; delete the file, or correct the session's status"))
            continue
        data = read_bytes(path, shown, errors, root=folder.root, limit=MAX_CSV_BYTES)
        if data is None:
            continue
        rows = read_answers(data, shown, site.evaluation.questions, errors)
        if rows is not None:
            answers[stem] = rows
    if len(names) > MAX_FILES:
        errors.append(ContentError(shown_dir, 1, 1, "", f"{FOLDER}/ holds {len(names)} files, more than the "
                                   f"{MAX_FILES} allowed; move the answers of old sessions elsewhere"))
    return FrozenMap(answers)


def read_answers(data: bytes, shown: str, questions: tuple[Question, ...],
                 errors: list[ContentError]) -> tuple[Answer, ...] | None:
    """The rows of one file, or None after recording every defect found (up to a limit)."""
    text = decode_csv(data, shown, errors)
    if text is None or control_characters(text, shown, errors):
        return None
    if not text.strip():
        errors.append(ContentError(shown, 1, 1, "", "the file is empty; its first row must name the questions "
                                   "by their ids, e.g. helhet,nytta,bast"))
        return None
    separator = sniff_separator(text)
    try:
        rows = parse_csv(text, separator)
    except CsvProblem as problem:
        errors.append(ContentError(shown, problem.line, problem.column, "", str(problem)))
        return None
    found: list[ContentError] = []
    header = read_header(rows[0], shown, questions, separator, found)
    answers = []
    body = [row for row in rows[1:] if any(cell.value.strip() for cell in row)]
    if len(body) > MAX_ROWS:
        errors.append(ContentError(shown, body[MAX_ROWS][0].line, 1, "", f"the file has {len(body)} answers, more "
                                   f"than the {MAX_ROWS} one session can have; check that it is the right file"))
        return None
    for row in body:
        answer = read_row(row, header, shown, separator, found)
        if answer is not None:
            answers.append(answer)
        if len(found) >= MAX_ERRORS_PER_FILE:
            break
    if found:
        errors.extend(found[:MAX_ERRORS_PER_FILE])
        return None
    return tuple(answers)


def read_header(row: list[Cell], shown: str, questions: tuple[Question, ...], separator: str,
                errors: list[ContentError]) -> list[Question | None]:
    """The question of each column; None for a column whose heading is wrong (recorded), so
    that the rows are still checked in the columns that are right."""
    by_id = {q.id: q for q in questions}
    ids = ", ".join(by_id)
    columns: list[Question | None] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(row):
        name = cell.value.strip()
        columns.append(None)
        if not name:
            errors.append(ContentError(shown, cell.line, cell.column, "", f"column {index + 1} of the first row "
                                       f"has no question id; write the id of a question ({ids}) or delete the "
                                       "empty column"))
        elif name not in by_id:
            hint = did_you_mean(name, by_id) or did_you_mean(name.lower(), by_id)
            other = "," if separator == ";" else ";"
            split = (f"; the columns are separated by '{separator}' here: if they are separated by '{other}', "
                     f"the first row must use '{other}' too") if other in name else ""
            errors.append(ContentError(shown, cell.line, cell.column, "", f"unknown question '{excerpt(name)}'"
                                       f"{hint}; the first row must name questions of site.yaml: "
                                       f"evaluation.questions by their ids: {ids}{split}"))
        elif name in seen:
            errors.append(ContentError(shown, cell.line, cell.column, name, f"the question '{name}' heads column "
                                       f"{seen[name] + 1} and column {index + 1}; keep one of the columns"))
        else:
            seen[name] = index
            columns[-1] = by_id[name]
    return columns


def read_row(row: list[Cell], header: list[Question | None], shown: str, separator: str,
             errors: list[ContentError]) -> Answer | None:
    """One participant's answers, or None after recording what is wrong in the row."""
    first = row[0]
    if len(row) != len(header):
        errors.append(ContentError(shown, first.line, first.column, "", f"this row has {len(row)} cell{'s' if len(row) != 1 else ''} but the "
                                   f"first row names {len(header)} questions; every row needs one cell per "
                                   f"question, separated by '{separator}' (an unanswered question is an empty "
                                   "cell; a text with the separator in it goes in double quotes)"))
        return None
    before = len(errors)
    ratings, texts = [], []
    for question, cell in zip(header, row):
        value = cell.value.strip()
        if not value or question is None:
            continue
        if question.scale:
            if RATING.fullmatch(value) and 1 <= int(value) <= question.scale:
                ratings.append((question.id, int(value)))
            else:
                errors.append(ContentError(shown, cell.line, cell.column, question.id,
                                           f"'{excerpt(value, 20)}' is not a rating from 1 to {question.scale}; "
                                           f"write a whole number from 1 to {question.scale}, or leave the cell "
                                           "empty if the question was not answered"))
        elif len(value) > MAX_CELL:
            errors.append(ContentError(shown, cell.line, cell.column, question.id,
                                       f"the answer is {len(value):,} characters long, more than the {MAX_CELL:,} "
                                       "allowed; check that the columns are separated as in the first row"))
        else:
            texts.append((question.id, value))
    if len(errors) > before:
        return None
    return Answer(ratings=tuple(ratings), texts=tuple(texts), line=first.line)


def decode_csv(data: bytes, shown: str, errors: list[ContentError]) -> str | None:
    """UTF-8 text without its byte-order mark, or None after recording where it is not UTF-8."""
    found: list[ContentError] = []
    text = decode_text(data, shown, found)
    for error in found:  # the same place, with the fix for spreadsheets and form tools
        errors.append(ContentError(error.path, error.line, error.column, error.field,
                                   error.message.replace("save it as UTF-8 in your editor",
                                                         "save it as UTF-8 (in Excel: 'CSV UTF-8'; in LibreOffice: "
                                                         "character set Unicode (UTF-8))")))
    return text


def sniff_separator(text: str) -> str:
    """',' or ';': whichever the header line (outside quotes) has more of; ',' on a tie."""
    counts = {separator: 0 for separator in SEPARATORS}
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    return ";" if counts[";"] > counts[","] else ","


def parse_csv(text: str, separator: str) -> list[list[Cell]]:
    """Rows of cells with their positions (RFC 4180: a cell in double quotes may hold the
    separator, line breaks and "" for a quote). Raises :class:`CsvProblem` where the text
    cannot be read as CSV. Line breaks are \\n, \\r\\n or \\r; within a cell they become \\n."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    line, column = 1, 1
    index, length = 0, len(text)
    while True:
        start_line, start_column = line, column
        if index < length and text[index] == '"':
            index += 1
            column += 1
            parts = []
            while True:
                if index >= length:
                    raise CsvProblem("a text that starts with a double quote (\") here is never closed; end it with "
                                     "\", and write a quote inside a text as \"\"", start_line, start_column)
                char = text[index]
                if char == '"':
                    if index + 1 < length and text[index + 1] == '"':
                        parts.append('"')
                        index += 2
                        column += 2
                        continue
                    index += 1
                    column += 1
                    break
                if char in "\r\n":
                    index += 2 if text.startswith("\r\n", index) else 1
                    line, column = line + 1, 1
                    parts.append("\n")
                    continue
                parts.append(char)
                index += 1
                column += 1
            if index < length and text[index] not in (separator, "\r", "\n"):
                raise CsvProblem(f"text follows the closing double quote of a cell; put the whole cell in quotes "
                                 f"and write a quote inside it as \"\", or end the cell with '{separator}'",
                                 line, column)
            value = "".join(parts)
        else:
            end = index
            while end < length and text[end] not in (separator, "\r", "\n"):
                end += 1
            value = text[index:end]
            column += end - index
            index = end
        row.append(Cell(value, start_line, start_column))
        if index < length and text[index] == separator:
            index += 1
            column += 1
            continue
        rows.append(row)
        row = []
        if index >= length:
            break
        index += 2 if text.startswith("\r\n", index) else 1
        line, column = line + 1, 1
        if index >= length:
            break
    return rows


__all__ = ["MAX_CSV_BYTES", "load_evaluations", "parse_csv", "read_answers", "sniff_separator"]
