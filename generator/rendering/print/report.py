"""The evaluation report for the steering group: ``OUT/reports/evaluation.<lang>.pdf``.

It is never published (the pipeline's reports folder is beside the site, not in it): it
holds, besides the figures the results page shows (per module and per session: answers,
per rating question the mean and the distribution, the pilot against later sessions),
the free-text answers grouped by session, which may name people. The figures come from
:mod:`generator.evaluations` as they are: a group under its minimum size says only
"too few answers to report". Free text reaches the template as JSON strings and prints
as the text it is.
"""

from __future__ import annotations

import datetime as dt

from ... import evaluations
from ...dates import long_date, short_date, when
from ...model import Catalog, Session
from .documents import common, text
from .texts import words

REPORT_NAME = "evaluation.{lang}.pdf"  # below OUT/reports/


def report_targets(catalog: Catalog) -> list[tuple[str, str]]:
    """(language, file name below the reports folder) of every report this content asks for."""
    if catalog.site.evaluation is None:
        return []
    return [(language, REPORT_NAME.format(lang=language)) for language in catalog.site.languages]


def report_data(catalog: Catalog, language: str, today: dt.date) -> dict:
    w = words(language)
    site = catalog.site
    found = evaluations.results(catalog)
    title = w["report_title"].format(name=site.name[language])
    questions = found.questions
    data = common(catalog, language, title)
    data.update({
        "programme": site.name[language],
        "generated": w["report_generated"].format(date=long_date(today, language)),
        "footer": f"{w['report_kicker']} · {short_date(today, language)}",
        "columns": max((q.scale for q in questions), default=0),
        "minimum": evaluations.MIN_GROUP,
        "has_answers": found.has_answers,
        "overall": figures_data(found.overall, language),
        "modules": [
            {
                "title": part.module.title[language],
                "figures": figures_data(part.figures, language),
                "sessions": [{"heading": session_heading(catalog, item.session, language), "id": item.session.id,
                              "figures": figures_data(item.figures, language)} for item in part.sessions],
                "change": change_data(part.change, questions, language),
            }
            for part in found.modules
        ],
        "texts": [
            {
                "heading": session_heading(catalog, group.session, language),
                "id": group.session.id,
                "module": catalog.module_of(group.session).title[language],
                "answers": group.answers,
                "questions": [{"text": text(question.text, language), "answers": list(texts)}
                              for question, texts in group.texts],
            }
            for group in evaluations.free_texts(catalog)
        ],
    })
    return data


def session_heading(catalog: Catalog, session: Session, language: str) -> str:
    venue = catalog.venue_of(session)
    where = venue.name[language] if venue else words(language)["online"]
    return f"{when(session.date, session.start, session.end, language)}, {where}"


def figures_data(figures: evaluations.Figures, language: str) -> dict:
    """One group: its answers and, when it has enough of them, a row per rating question."""
    return {
        "answers": figures.answers,
        "reportable": figures.reportable,
        "ratings": [
            {
                "question": text(rating.question.text, language),
                "scale": rating.question.scale,
                "rated": rating.answered,
                "reportable": rating.reportable,
                "mean": number(rating.mean, language) if rating.reportable else None,
                "distribution": list(rating.distribution),
            }
            for rating in figures.ratings
        ],
    }


def change_data(change: evaluations.Change | None, questions, language: str) -> dict | None:
    """The pilot against later sessions: per rating question both means and the difference."""
    if change is None:
        return None
    w = words(language)
    rows = []
    for question in questions:
        before, after = change.pilot.rating(question.id), change.later.rating(question.id)
        difference = change.difference(question.id)
        rows.append({
            "question": text(question.text, language),
            "pilot": number(before.mean, language) if before is not None and before.reportable else None,
            "later": number(after.mean, language) if after is not None and after.reportable else None,
            "difference": number(difference, language, signed=True) if difference is not None else None,
        })
    return {
        "period": w["report_pilot_period"].format(start=short_date(change.pilot_from, language),
                                                  end=short_date(change.pilot_until, language)),
        "pilot": f"{w['report_pilot']} ({w['report_count'].format(count=change.pilot.answers)})",
        "later": f"{w['report_later']} ({w['report_count'].format(count=change.later.answers)})",
        "rows": rows,
    }


def number(value: float, language: str, signed: bool = False) -> str:
    """One decimal, rounded half away from zero, with the language's decimal sign: '4,2', '+0,3'."""
    tenths = int(abs(value) * 10 + 0.5 + 1e-9)
    text = f"{tenths // 10}.{tenths % 10}"
    if language == "sv":
        text = text.replace(".", ",")
    if signed:
        return ("−" if value < 0 and tenths else "+" if tenths else "±") + text
    return ("−" if value < 0 and tenths else "") + text
