"""Questions for the editor at the terminal that never lose an answer.

Each question is asked until the answer is usable: a wrong answer is explained, in the
editor's language, and the same question is asked again. Nothing here aborts on a bad
value (click's own types would end the whole wizard with an English usage error). The
readers say why a value is wrong with the loader's own messages, so the terminal and
``coursegen check`` word a problem the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable

import click

from ..errors import choice_list, suggestion
from ..loading.fields import ID_PATTERN, parse_time, url_problem
from ..loading.source import excerpt
from ..messages import Message, msg

# A reader turns an answer into a value, or says what is wrong with it.
Reader = Callable[[str], "tuple[object, Message | None]"]
YES = ("j", "ja", "y", "yes")
NO = ("n", "nej", "no")


def ask(language: str, label: Message, read: Reader, default: str | None = None):
    """Ask until ``read`` accepts the answer; return its value."""
    while True:
        answer = click.prompt(label.text(language), default=default if default is not None else "",
                              show_default=bool(default))
        value, problem = read(str(answer).strip())
        if problem is None:
            return value
        click.echo(msg("{problem}; try again", problem=problem).text(language))


def confirm(language: str, question: Message) -> bool:
    """A yes-or-no question (j/ja/y/yes, n/nej/no); anything else is asked again. Empty means no."""
    while True:
        answer = click.prompt(msg("{question} [j/N]", question=question).text(language) if language == "sv"
                              else msg("{question} [y/N]", question=question).text(language),
                              default="", show_default=False).strip().lower()
        if answer in YES:
            return True
        if answer in NO or not answer:
            return False
        click.echo(msg("answer yes or no").text(language))


# -- readers -----------------------------------------------------------------------------

def optional(read: Reader) -> Reader:
    """An empty answer means none; anything else goes to ``read``."""
    return lambda answer: (None, None) if not answer else read(answer)


def one_of(choices: Iterable[str]) -> Reader:
    choices = tuple(choices)

    def read(answer: str):
        if answer in choices:
            return answer, None
        return None, msg("unknown value '{value}'{hint}; use {choices}", value=excerpt(answer),
                         hint=suggestion(answer, choices), choices=choice_list(choices))
    return read


def date(answer: str):
    try:
        return dt.date.fromisoformat(answer), None
    except ValueError:
        return None, msg("'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2027-02-11", value=excerpt(answer))


def not_after(day: dt.date) -> Reader:
    """A registration deadline: a date on or before the session's ``day``."""
    def read(answer: str):
        value, problem = date(answer)
        if problem is None and value > day:
            return None, msg("the deadline {deadline} is after the session ({date}); set it on or before the "
                             "session date", deadline=value, date=day)
        return value, problem
    return read


def clock(answer: str):
    value = parse_time(answer)
    if value is None:
        return None, msg('\'{value}\' is not a clock time; write it as HH:MM, e.g. "09:30"', value=excerpt(answer))
    return value, None


def later_than(start: dt.time) -> Reader:
    def read(answer: str):
        value, problem = clock(answer)
        if problem is None and value <= start:
            return None, msg("the session ends ({end:%H:%M}) before it starts ({start:%H:%M}); check start and end",
                             end=value, start=start)
        return value, problem
    return read


def whole_number(answer: str):
    try:
        value = int(answer.replace("_", "").replace(" ", ""))
    except ValueError:
        return None, msg("'{value}' is not a whole number", value=excerpt(answer))
    if value < 0:
        return None, msg("{number} is too small; it must be {minimum} or more", number=value, minimum=0)
    return value, None


def web_address(answer: str):
    problem = url_problem(answer)
    if problem:
        return None, msg("'{value}' is not a web address; {problem}", value=excerpt(answer), problem=problem)
    return answer, None


def identifier(answer: str):
    if not ID_PATTERN.fullmatch(answer):
        return None, msg("'{value}' is not a valid id; use lower-case letters a-z, digits and single dashes, e.g. "
                         "2027-02-grunddag-halmstad", value=excerpt(answer))
    return answer, None


def text(answer: str):
    if not answer:
        return None, msg("is empty; write a value after the colon")
    return answer, None


def id_list(known: Iterable[str]) -> Reader:
    """Trainer ids separated by commas, each one known, none twice; empty means none."""
    known = tuple(known)

    def read(answer: str):
        ids: list[str] = []
        for part in (p.strip() for p in answer.split(",")):
            if not part:
                continue
            if part not in known:
                return None, msg("unknown trainer '{trainer}'{hint}; add them under trainers: or fix the id",
                                 trainer=excerpt(part), hint=suggestion(part, known))
            if part in ids:
                return None, msg("trainer '{trainer}' is listed twice", trainer=excerpt(part))
            ids.append(part)
        return tuple(ids), None
    return read
