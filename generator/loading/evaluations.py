"""Evaluation answers: ``content/evaluations/<session-id>.csv``, one file per session.

A file is what a form tool exports, or what someone typed in from the paper forms: UTF-8
(a byte-order mark is accepted), columns separated by ``,`` or by ``;`` (as Excel and
many form tools write it in Swedish settings: the header line decides, or a first line
``sep=;`` as Excel writes it), the first row
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

from ..errors import ContentError, suggestion
from ..messages import NOTHING, Message, msg
from ..model import Answer, FrozenMap, Question, Session, Site
from .source import MAX_REPORTED, control_characters, excerpt, outside_link, read_bytes

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
EXCEL_SEPARATOR = re.compile(r"sep=([,;])[ \t]*(?:\r\n|\r|\n)")  # a first line Excel writes and reads


@dataclass(frozen=True)
class Cell:
    """One CSV cell: its text (quotes removed) and where it starts (1-based)."""

    value: str
    line: int
    column: int


class CsvProblem(Exception):
    """Where, and why, the text cannot be read as CSV."""

    def __init__(self, message: Message, line: int, column: int) -> None:
        super().__init__(str(message))
        self.message = message
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
        errors.append(ContentError(shown_dir, 1, 1, "", msg("'{folder}' must be a folder holding one <session-id>.csv "
                                                            "file per session; remove the file or make it a folder",
                                                            folder=FOLDER)))
        return FrozenMap()
    if site is None:
        return FrozenMap()  # site.yaml has errors of its own: its questions are unknown
    sessions = {s.id: s for s in sessions}
    sessions_readable = not any(e.path == folder.shown("sessions.yaml") for e in errors)
    names = sorted(entry.name for entry in directory.iterdir() if not entry.name.startswith("."))
    if names and site.evaluation is None:
        errors.append(ContentError(folder.shown(f"{FOLDER}/{names[0]}"), 1, 1, "", msg(
            "there are evaluation answers but site.yaml has no 'evaluation' section; add it with the form's url "
            "and the questions whose ids head the columns (see the editor guide)")))
        return FrozenMap()
    answers: dict[str, tuple[Answer, ...]] = {}
    for name in names[:MAX_FILES]:
        path = directory / name
        shown = folder.shown(f"{FOLDER}/{name}")
        if path.is_dir() and not path.is_symlink():
            errors.append(ContentError(shown, 1, 1, "", msg("{folder}/ holds one <session-id>.csv file per session "
                                                            "and no folders; move the files in it up into {folder}/",
                                                            folder=FOLDER)))
            continue
        stem, dot, suffix = name.rpartition(".")
        if not dot or suffix != "csv":
            errors.append(ContentError(shown, 1, 1, "", msg(
                "'{name}' is not a .csv file; {folder}/ holds only <session-id>.csv files (export the answers as "
                "CSV and name the file after the session's id, e.g. 2027-02-grund-halmstad.csv)",
                name=excerpt(name), folder=FOLDER)))
            continue
        session = sessions.get(stem)
        if session is None:
            if sessions_readable:
                errors.append(ContentError(shown, 1, 1, "", msg(
                    "no session has the id '{id}'{hint}; name the file after the id of a session in sessions.yaml, "
                    "followed by .csv", id=excerpt(stem), hint=suggestion(stem, sessions))))
            continue
        if session.is_cancelled:
            errors.append(ContentError(shown, 1, 1, "", msg(
                "the session '{id}' is cancelled in sessions.yaml, so it has no answers; delete the file, or "
                "correct the session's status", id=stem)))
            continue
        data = read_bytes(path, shown, errors, root=folder.root, limit=MAX_CSV_BYTES)
        if data is None:
            continue
        rows = read_answers(data, shown, site.evaluation.questions, errors)
        if rows is not None:
            answers[stem] = rows
    if len(names) > MAX_FILES:
        errors.append(ContentError(shown_dir, 1, 1, "", msg(
            "{folder}/ holds {count} files, more than the {limit} allowed; move the answers of old sessions "
            "elsewhere", folder=FOLDER, count=len(names), limit=MAX_FILES)))
    return FrozenMap(answers)


def read_answers(data: bytes, shown: str, questions: tuple[Question, ...],
                 errors: list[ContentError]) -> tuple[Answer, ...] | None:
    """The rows of one file, or None after recording every defect found (up to a limit)."""
    text = decode_csv(data, shown, errors)
    if text is None or control_characters(text, shown, errors):
        return None
    if not text.strip():
        example = ",".join(q.id for q in questions[:3])
        errors.append(ContentError(shown, 1, 1, "", msg("the file is empty; its first row must name the questions "
                                                        "by their ids, e.g. {example}", example=example)))
        return None
    declared = EXCEL_SEPARATOR.match(text)
    separator = declared.group(1) if declared else sniff_separator(text)
    try:
        rows = parse_csv(text, separator)
    except CsvProblem as problem:
        errors.append(ContentError(shown, problem.line, problem.column, "", problem.message))
        return None
    if declared:  # Excel's 'sep=;' line names the separator; the questions follow it
        rows = rows[1:]
        if not rows:
            example = ",".join(q.id for q in questions[:3])
            errors.append(ContentError(shown, 1, 1, "", msg("the file is empty; its first row must name the questions "
                                                            "by their ids, e.g. {example}", example=example)))
            return None
    found: list[ContentError] = []
    header = read_header(rows[0], shown, questions, separator, found)
    answers = []
    body = [row for row in rows[1:] if any(cell.value.strip() for cell in row)]
    if len(body) > MAX_ROWS:
        errors.append(ContentError(shown, body[MAX_ROWS][0].line, 1, "", msg(
            "the file has {count} answers, more than the {limit} one session can have; check that it is the "
            "right file", count=len(body), limit=MAX_ROWS)))
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
            errors.append(ContentError(shown, cell.line, cell.column, "", msg(
                "column {number} of the first row has no question id; write the id of a question ({ids}) or "
                "delete the empty column", number=index + 1, ids=ids)))
        elif name not in by_id:
            hint = suggestion(name, by_id)
            if hint is NOTHING:
                hint = suggestion(name.lower(), by_id)
            other = "," if separator == ";" else ";"
            split = msg("; the columns are separated by '{separator}' here: if they are separated by '{other}', "
                        "the first row must use '{other}' too", separator=separator, other=other) \
                if other in name else NOTHING
            errors.append(ContentError(shown, cell.line, cell.column, "", msg(
                "unknown question '{name}'{hint}; the first row must name questions of site.yaml: "
                "evaluation.questions by their ids: {ids}{split}", name=excerpt(name), hint=hint, ids=ids,
                split=split)))
        elif name in seen:
            errors.append(ContentError(shown, cell.line, cell.column, name, msg(
                "the question '{id}' heads column {first} and column {second}; keep one of the columns",
                id=name, first=seen[name] + 1, second=index + 1)))
        else:
            seen[name] = index
            columns[-1] = by_id[name]
    return columns


def read_row(row: list[Cell], header: list[Question | None], shown: str, separator: str,
             errors: list[ContentError]) -> Answer | None:
    """One participant's answers, or None after recording what is wrong in the row."""
    first = row[0]
    if len(row) != len(header):
        cells = msg("1 cell") if len(row) == 1 else msg("{count} cells", count=len(row))
        errors.append(ContentError(shown, first.line, first.column, "", msg(
            "this row has {cells} but the first row names {questions} questions; every row needs one cell per "
            "question, separated by '{separator}' (an unanswered question is an empty cell; a text with the "
            "separator in it goes in double quotes)", cells=cells, questions=len(header), separator=separator)))
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
                errors.append(ContentError(shown, cell.line, cell.column, question.id, msg(
                    "'{value}' is not a rating from 1 to {scale}; write a whole number from 1 to {scale}, or leave "
                    "the cell empty if the question was not answered", value=excerpt(value, 20), scale=question.scale)))
        elif len(value) > MAX_CELL:
            errors.append(ContentError(shown, cell.line, cell.column, question.id, msg(
                "the answer is {length:,} characters long, more than the {limit:,} allowed; check that the columns "
                "are separated as in the first row", length=len(value), limit=MAX_CELL)))
        else:
            texts.append((question.id, value))
    if len(errors) > before:
        return None
    return Answer(ratings=tuple(ratings), texts=tuple(texts), line=first.line)


def decode_csv(data: bytes, shown: str, errors: list[ContentError]) -> str | None:
    """UTF-8 text without its byte-order mark, or None after recording where it is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        errors.append(ContentError(shown, line, column, "", msg(
            "the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8 (in Excel: 'CSV UTF-8'; in "
            "LibreOffice: the character set Unicode (UTF-8))", byte=data[exc.start])))
        return None
    return text.removeprefix("\ufeff")


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
                    raise CsvProblem(msg("a text that starts with a double quote (\") here is never closed; end it "
                                         "with \", and write a quote inside a text as \"\""), start_line, start_column)
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
                raise CsvProblem(msg("text follows the closing double quote of a cell; put the whole cell in "
                                     "quotes and write a quote inside it as \"\", or end the cell with '{separator}'",
                                     separator=separator), line, column)
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
