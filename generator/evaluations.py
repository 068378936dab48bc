"""Evaluation results: what participants answered, aggregated so that no one can be singled out.

Pure functions over the :class:`~generator.model.Catalog` (``catalog.evaluations``, read
by :mod:`generator.loading.evaluations`); no I/O. Renderers use them as they are:

- :func:`results` gives everything the results page and the report show: per module
  (:class:`ModuleResults`) its figures, each of its sessions' figures and the change over
  time; :func:`session_figures`, :func:`module_figures`, :func:`change_over_time` and
  :func:`share` give one part each.
- :func:`free_texts` gives the free-text answers, by session, for the **unpublished**
  report (``build/reports/``) only. No other function here returns free text: nothing
  the site gets from this module can carry it.

Rules:

- A *group* is the answers of one session, of one module's sessions, or of a period of
  them. A group of fewer than :data:`MIN_GROUP` answers reports its count only
  (:attr:`Figures.reportable` is False, ``ratings`` is empty): say "too few answers".
  A rating question answered by fewer than :data:`MIN_GROUP` people within a reportable
  group has no mean and no distribution either (:attr:`RatingFigures.reportable`).
- A group of several sessions counts, per rating question, only the ratings of sessions
  that report that question on their own (:func:`counted_ratings`): no published figure
  minus another can reveal a session too small to report.
- *Mean* is the exact mean of the ratings given (empty cells are not counted);
  *distribution* is how many gave 1, 2, ..., scale. Round only when writing.
- *Change over time* (:func:`change_over_time`): a module's **pilot** is its sessions
  with answers held within :data:`PILOT_DAYS` days of the first of them (the first
  half-year of the module's evaluated sessions); the **later** sessions are the rest.
  Each side is a group of its own, with the same rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import MODULE_KINDS, Answer, Catalog, Module, Question, Session

MIN_GROUP = 5
PILOT_DAYS = 183  # the pilot: the first half-year of a module's evaluated sessions


@dataclass(frozen=True)
class RatingFigures:
    """One rating question in one group: how many rated it, the mean and the distribution.

    ``mean`` is None and ``distribution`` empty when fewer than :data:`MIN_GROUP` rated it;
    otherwise ``distribution[i]`` is the number of ratings ``i + 1`` (length ``question.scale``).
    """

    question: Question
    answered: int
    mean: float | None = None
    distribution: tuple[int, ...] = ()

    @property
    def reportable(self) -> bool:
        return self.mean is not None

    def share(self, at_least: int) -> float | None:
        """The fraction (0..1) of ratings of ``at_least`` or more; None when not reportable."""
        if not self.reportable:
            return None
        return sum(self.distribution[max(at_least, 1) - 1:]) / self.answered


@dataclass(frozen=True)
class Figures:
    """The aggregated answers of a group of sessions (one session, a module, a period).

    ``sessions`` are the ids of the sessions with answers in the group, in time order;
    ``answers`` the number of participants who answered. ``ratings`` has one entry per
    rating question of ``site.yaml`` (in its order), and is empty when the group has fewer
    than :data:`MIN_GROUP` answers.
    """

    sessions: tuple[str, ...]
    answers: int
    ratings: tuple[RatingFigures, ...] = ()

    @property
    def reportable(self) -> bool:
        return self.answers >= MIN_GROUP

    def rating(self, question_id: str) -> RatingFigures | None:
        for figures in self.ratings:
            if figures.question.id == question_id:
                return figures
        return None


@dataclass(frozen=True)
class Change:
    """A module's pilot sessions against its later ones (see the module's docstring)."""

    pilot: Figures
    later: Figures
    pilot_from: dt.date  # the first evaluated session's date
    pilot_until: dt.date  # the last day that still counts as the pilot

    def difference(self, question_id: str) -> float | None:
        """Later mean minus pilot mean of a rating question; None unless both are reportable."""
        before, after = self.pilot.rating(question_id), self.later.rating(question_id)
        if before is None or after is None or not (before.reportable and after.reportable):
            return None
        return after.mean - before.mean


@dataclass(frozen=True)
class SessionResults:
    session: Session
    figures: Figures


@dataclass(frozen=True)
class ModuleResults:
    """One module: all its evaluated sessions together, each of them, and the change over time
    (None when all its evaluated sessions fall in the pilot)."""

    module: Module
    figures: Figures
    sessions: tuple[SessionResults, ...]
    change: Change | None


@dataclass(frozen=True)
class Results:
    """Everything published about the evaluations: the rating questions, the programme as a
    whole, and each module with answers (in the order of the steps, then by id)."""

    questions: tuple[Question, ...]
    overall: Figures
    modules: tuple[ModuleResults, ...]

    @property
    def has_answers(self) -> bool:
        return self.overall.answers > 0


@dataclass(frozen=True)
class Share:
    """How many of those who rated a question gave ``at_least`` or more (see :func:`share`)."""

    question: Question
    at_least: int
    answered: int
    count: int | None  # None when fewer than MIN_GROUP rated it

    @property
    def reportable(self) -> bool:
        return self.count is not None

    @property
    def percent(self) -> int | None:
        """Whole percent, rounded half up; None when not reportable."""
        if self.count is None:
            return None
        return (200 * self.count + self.answered) // (2 * self.answered)


@dataclass(frozen=True)
class SessionTexts:
    """The free-text answers of one session, for the unpublished report only.

    ``texts`` has one entry per free-text question of ``site.yaml`` (in its order) with the
    answers written for it, in the order of the file; ``answers`` is the session's number of
    answers (all rows, also those without free text). Every session with answers is
    included, however few: the report is not published.
    """

    session: Session
    answers: int
    texts: tuple[tuple[Question, tuple[str, ...]], ...]


# -- the public API ------------------------------------------------------------------

def rating_questions(catalog: Catalog) -> tuple[Question, ...]:
    """The questions answered with a rating 1..scale, in the order of site.yaml."""
    evaluation = catalog.site.evaluation
    return tuple(q for q in evaluation.questions if q.scale) if evaluation else ()


def text_questions(catalog: Catalog) -> tuple[Question, ...]:
    """The free-text questions, in the order of site.yaml."""
    evaluation = catalog.site.evaluation
    return tuple(q for q in evaluation.questions if not q.scale) if evaluation else ()


def evaluated_sessions(catalog: Catalog, module_id: str | None = None) -> tuple[Session, ...]:
    """Sessions that have answers (optionally of one module), in time order."""
    return tuple(s for s in catalog.sessions
                 if catalog.evaluations.get(s.id) and (module_id is None or s.module == module_id))


def figures(catalog: Catalog, sessions: tuple[Session, ...] | list[Session]) -> Figures:
    """The figures of any group of sessions (sessions without answers add nothing)."""
    chosen = tuple(s for s in sessions if catalog.evaluations.get(s.id))
    return aggregate(rating_questions(catalog), tuple(s.id for s in chosen),
                     [catalog.evaluations[s.id] for s in chosen])


def counted_ratings(question_id: str, per_session: list[tuple[Answer, ...]]) -> list[int]:
    """The ratings of ``question_id`` a group's figures may use.

    A single session's own ratings; in a group of several sessions, only those of the
    sessions that report the question on their own (:data:`MIN_GROUP` answers and ratings).
    Otherwise one published figure minus another (all sessions minus one module) would
    give the ratings of a session too small to report.
    """
    given = [[r for r in (answer.rating(question_id) for answer in answers) if r is not None]
             for answers in per_session]
    if len(per_session) == 1:
        return given[0]
    return [rating for answers, ratings in zip(per_session, given)
            if len(answers) >= MIN_GROUP and len(ratings) >= MIN_GROUP for rating in ratings]


def session_figures(catalog: Catalog, session_id: str) -> Figures:
    """One session's figures (0 answers if it has none). Raises KeyError for an unknown id."""
    return figures(catalog, (catalog.session(session_id),))


def module_figures(catalog: Catalog, module_id: str) -> Figures:
    """All evaluated sessions of one module together. Raises KeyError for an unknown module."""
    if module_id not in catalog.modules:
        raise KeyError(module_id)
    return figures(catalog, evaluated_sessions(catalog, module_id))


def change_over_time(catalog: Catalog, module_id: str) -> Change | None:
    """The module's pilot against its later sessions; None if it has no later evaluated
    session (or none at all)."""
    sessions = evaluated_sessions(catalog, module_id)
    if not sessions:
        return None
    first = sessions[0].date
    until = first + dt.timedelta(days=PILOT_DAYS - 1)
    pilot = tuple(s for s in sessions if s.date <= until)
    later = tuple(s for s in sessions if s.date > until)
    if not later:
        return None
    return Change(pilot=figures(catalog, pilot), later=figures(catalog, later), pilot_from=first, pilot_until=until)


def results(catalog: Catalog) -> Results:
    """Everything the results page and the report's figures show (no free text)."""
    order = {kind: index for index, kind in enumerate(MODULE_KINDS)}
    modules = sorted(catalog.modules.values(), key=lambda m: (order.get(m.kind, len(order)), m.id))
    per_module = []
    for module in modules:
        sessions = evaluated_sessions(catalog, module.id)
        if not sessions:
            continue
        per_module.append(ModuleResults(
            module=module,
            figures=figures(catalog, sessions),
            sessions=tuple(SessionResults(s, figures(catalog, (s,))) for s in sessions),
            change=change_over_time(catalog, module.id),
        ))
    return Results(questions=rating_questions(catalog), overall=figures(catalog, evaluated_sessions(catalog)),
                   modules=tuple(per_module))


def share(catalog: Catalog, question_id: str, at_least: int, module_id: str | None = None) -> Share:
    """Of those who rated ``question_id`` (in every session, or in one module's), how many gave
    ``at_least`` or more: e.g. ``share(c, "rekommendera", 4).percent`` -> 92.

    Raises ValueError for a question that is not a rating question or a threshold outside
    1..scale, KeyError for an unknown module.
    """
    question = next((q for q in rating_questions(catalog) if q.id == question_id), None)
    if question is None:
        raise ValueError(f"'{question_id}' is not a rating question")
    if isinstance(at_least, bool) or not isinstance(at_least, int) or not 1 <= at_least <= question.scale:
        raise ValueError(f"{at_least!r} is not a rating from 1 to {question.scale}")
    if module_id is not None and module_id not in catalog.modules:
        raise KeyError(module_id)
    ratings = counted_ratings(question_id, [catalog.evaluations[s.id] for s in evaluated_sessions(catalog, module_id)])
    count = sum(1 for r in ratings if r >= at_least) if len(ratings) >= MIN_GROUP else None
    return Share(question=question, at_least=at_least, answered=len(ratings), count=count)


def free_texts(catalog: Catalog) -> tuple[SessionTexts, ...]:
    """The free-text answers of every evaluated session, in time order: for the unpublished
    report (``build/reports/``) only. Never put what this returns on the site."""
    questions = text_questions(catalog)
    out = []
    for session in evaluated_sessions(catalog):
        answers = catalog.evaluations[session.id]
        texts = tuple((q, tuple(t for t in (a.text(q.id) for a in answers) if t)) for q in questions)
        out.append(SessionTexts(session=session, answers=len(answers), texts=texts))
    return tuple(out)


# -- aggregation ---------------------------------------------------------------------

def aggregate(questions: tuple[Question, ...], session_ids: tuple[str, ...],
              per_session: list[tuple[Answer, ...]]) -> Figures:
    """The figures of the answers of ``session_ids`` (one tuple per session), within the rules
    of :data:`MIN_GROUP` (see :func:`counted_ratings`)."""
    total = sum(len(answers) for answers in per_session)
    if total < MIN_GROUP:
        return Figures(sessions=session_ids, answers=total)
    ratings = []
    for question in questions:
        given = counted_ratings(question.id, per_session)
        if len(given) < MIN_GROUP:
            ratings.append(RatingFigures(question=question, answered=len(given)))
            continue
        distribution = tuple(given.count(value) for value in range(1, question.scale + 1))
        ratings.append(RatingFigures(question=question, answered=len(given), mean=sum(given) / len(given),
                                     distribution=distribution))
    return Figures(sessions=session_ids, answers=total, ratings=tuple(ratings))


__all__ = [
    "MIN_GROUP", "PILOT_DAYS", "Change", "Figures", "ModuleResults", "RatingFigures", "Results", "SessionResults",
    "SessionTexts", "Share", "change_over_time", "counted_ratings", "evaluated_sessions", "figures", "free_texts",
    "module_figures", "rating_questions", "results", "session_figures", "share", "text_questions",
]
