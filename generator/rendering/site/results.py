"""The evaluation results page, ``/results/`` (``/<lang>/results/``): aggregated, never free text.

Built from :func:`generator.evaluations.results` only, which carries no free text: the
answers to free-text questions cannot reach this page. For the programme as a whole, each
module and each of its evaluated sessions the page gives the number of answers and, per
rating question, the mean and the distribution as a table with a caption (column and row
headers marked, so a screen reader reads each count with its question and rating), and
per module the pilot against the later sessions. A group with fewer than
:data:`~generator.evaluations.MIN_GROUP` answers shows only its count and "too few
answers to report". Without answers the page says so.

Text is escaped by construction: Markdown through :func:`.markup.text` and
:func:`.markup.link`, the tables through :func:`.pages.html` (every value escaped).
The page exists when ``site.yaml`` has an ``evaluation`` section.
"""

from __future__ import annotations

from ... import evaluations, urls
from ...errors import suggestion
from ...evaluations import MIN_GROUP, Change, Figures, ModuleResults
from ...messages import msg
from ...model import Question
from .markup import link, text
from .pages import LanguagePages, Page, html, page_path
from .strings import format_short_date

WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Utvärderingsresultat",
        "intro": "Deltagarna utvärderar varje utbildningstillfälle. Här redovisas svaren sammanställda: antal svar "
                 "och, för varje fråga med betygsskala, medelvärdet och hur många som gav varje betyg. "
                 "Fritextsvar publiceras aldrig.",
        "rule": "Grupper med färre än {n} svar redovisas bara med antalet svar, så att ingen enskild deltagare "
                "kan pekas ut.",
        "no_answers": "Inga utvärderingssvar har kommit in ännu. Resultaten visas här när de första "
                      "utbildningstillfällena har utvärderats.",
        "overall": "Alla utbildningstillfällen",
        "answers": "{n} svar",
        "answers_one": "1 svar",
        "answers_from": "{n} svar från {sessions} tillfällen.",
        "answers_from_one": "{n} svar från ett tillfälle.",
        "too_few": "För få svar för att redovisa (färre än {n}).",
        "too_few_short": "för få svar",
        "question": "Fråga",
        "mean": "Medelvärde",
        "distribution": "Antal per betyg",
        "scale": "Betyg från 1 till {n}, där {n} är högst.",
        "caption": "{group}: antal svar, medelvärde och antal som gav varje betyg",
        "change": "Förändring över tid",
        "change_intro": "Piloten är de tillfällen som hölls under det första halvåret med utvärderingar "
                        "({start}–{end}); de senare tillfällena jämförs med den.",
        "change_none": "Alla utvärderade tillfällen hör hittills till piloten (det första halvåret); en "
                       "jämförelse visas när senare tillfällen har utvärderats.",
        "change_caption": "{module}: medelvärde under piloten ({pilot}) och vid senare tillfällen ({later})",
        "pilot": "Piloten",
        "later": "Senare tillfällen",
        "difference": "Förändring",
        "sessions": "Tillfällen",
        "online": "Digitalt",
        "not_applicable": "–",
    },
    "en": {
        "title": "Evaluation results",
        "intro": "Participants evaluate every session. This page sums up their answers: the number of answers "
                 "and, for each question with a rating scale, the mean and how many gave each rating. "
                 "Free-text answers are never published.",
        "rule": "Groups with fewer than {n} answers show only their number of answers, so that no single "
                "participant can be singled out.",
        "no_answers": "No evaluation answers have come in yet. The results will appear here once the first "
                      "sessions have been evaluated.",
        "overall": "All sessions",
        "answers": "{n} answers",
        "answers_one": "1 answer",
        "answers_from": "{n} answers from {sessions} sessions.",
        "answers_from_one": "{n} answers from one session.",
        "too_few": "Too few answers to report (fewer than {n}).",
        "too_few_short": "too few answers",
        "question": "Question",
        "mean": "Mean",
        "distribution": "Answers per rating",
        "scale": "Ratings from 1 to {n}, {n} being the highest.",
        "caption": "{group}: number of answers, mean and how many gave each rating",
        "change": "Change over time",
        "change_intro": "The pilot is the sessions held in the first half-year of evaluations ({start}–{end}); "
                        "the later sessions are compared with it.",
        "change_none": "So far every evaluated session belongs to the pilot (the first half-year); a comparison "
                       "appears once later sessions have been evaluated.",
        "change_caption": "{module}: mean in the pilot ({pilot}) and in later sessions ({later})",
        "pilot": "Pilot",
        "later": "Later sessions",
        "difference": "Change",
        "sessions": "Sessions",
        "online": "Online",
        "not_applicable": "–",
    },
}


def words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["en"])


def results_pages(pages: LanguagePages) -> list[Page]:
    """The results page of ``pages.lang``, or none when site.yaml asks for no evaluation."""
    if pages.site.evaluation is None:
        return []
    return [ResultsPage(pages).page()]


class ResultsPage:
    """Writes the results page of one language."""

    def __init__(self, pages: LanguagePages) -> None:
        self.pages = pages
        self.lang = pages.lang
        self.w = words(pages.lang)
        self.here = pages.local(urls.results_page(pages.site, pages.lang))
        self.results = evaluations.results(pages.catalog)

    def page(self) -> Page:
        w = self.w
        parts = [text(w["intro"]) + "\n", text(w["rule"].format(n=MIN_GROUP)) + "\n"]
        if not self.results.has_answers:
            parts.append(f"**{text(w['no_answers'])}**\n")
        else:
            overall = self.results.overall
            parts.append(f"## {text(w['overall'])}\n")
            parts.append(self.group(w["overall"], overall, count_sessions=True))
            for module in self.results.modules:
                parts.append(self.module(module))
        return Page(page_path(self.here), w["title"], "\n".join(parts))

    # -- numbers as the language writes them ---------------------------------------

    def decimal(self, value: float, signed: bool = False) -> str:
        """One decimal, as the language writes it ('4,3' / '4.3'); signed: '+0,4', '−0,2', '±0,0'."""
        written = f"{abs(value):.1f}"
        zero = written == "0.0"
        if self.lang == "sv":
            written = written.replace(".", ",")
        if not signed:
            return ("−" if value < 0 and not zero else "") + written
        return ("±" if zero else "+" if value > 0 else "−") + written

    def answers(self, n: int) -> str:
        return self.w["answers_one"] if n == 1 else self.w["answers"].format(n=n)

    def percent(self, count: int, total: int) -> str:
        value = (200 * count + total) // (2 * total)
        return f"{value}\u00a0%" if self.lang == "sv" else f"{value}%"

    # -- parts -----------------------------------------------------------------------

    def module(self, module: ModuleResults) -> str:
        w = self.w
        title = self.pages.module_title(module.module)
        parts = [f"## {text(title)}\n", self.group(title, module.figures, count_sessions=True)]
        if module.figures.reportable:  # a module with too few answers has no halves to compare
            parts.append(f"### {text(w['change'])}\n")
            parts.append(self.change(title, module.change) if module.change else text(w["change_none"]) + "\n")
        parts.append(f"### {text(w['sessions'])}\n")
        for item in module.sessions:
            session = item.session
            place = self.pages.place(session)
            label = f"{format_short_date(session.date, self.lang)}, {place}"
            target = self.pages.href(self.here, urls.session_page(self.pages.site, self.lang, session.id))
            parts.append(f"#### {link(text(label), target)}\n")  # the link names its session: unique
            parts.append(self.group(f"{title}, {label}", item.figures, count_sessions=False))
        return "\n".join(parts)

    def group(self, name: str, figures: Figures, *, count_sessions: bool) -> str:
        """A group's count, and its table, or that it has too few answers."""
        w = self.w
        if count_sessions and len(figures.sessions) > 1:
            count = w["answers_from"].format(n=figures.answers, sessions=len(figures.sessions))
        elif count_sessions:
            count = w["answers_from_one"].format(n=figures.answers)
        else:
            count = self.answers(figures.answers) + "."
        lines = [text(count) + "\n"]
        if not figures.reportable:
            lines.append(f"*{text(w['too_few'].format(n=MIN_GROUP))}*\n")
            return "\n".join(lines)
        lines.append(self.table(name, figures) + "\n")
        return "\n".join(lines)

    def table(self, name: str, figures: Figures) -> str:
        """Per rating question: the mean with the number who rated it, and how many gave each
        rating (one HTML block).

        Three columns, several lines in a cell: narrow enough for a phone (the theme gives
        every header cell a minimum width), so the table never scrolls sideways, which would
        make a scrolling region that keyboards cannot reach.
        """
        w = self.w
        scales = sorted({r.question.scale for r in figures.ratings})
        caption = w["caption"].format(group=name)
        if len(scales) == 1:
            caption += ". " + w["scale"].format(n=scales[0])
        head = "".join(html('<th scope="col">{}</th>', label)
                       for label in (w["question"], w["mean"], w["distribution"]))
        rows = []
        for rating in figures.ratings:
            cells = [html('<th scope="row">{}</th>', self.question(rating.question))]
            if rating.reportable:
                lines = [html("{}: {} ({})", value, count, self.percent(count, rating.answered))
                         for value, count in enumerate(rating.distribution, start=1)]
                cells.append(html("<td>{}<br>{}</td>", self.decimal(rating.mean), self.answers(rating.answered)))
                cells.append("<td>" + "<br>".join(lines) + "</td>")
            else:
                cells.append(html('<td colspan="2">{} ({})</td>', w["too_few_short"], self.answers(rating.answered)))
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return ("<table>" + html("<caption>{}</caption>", caption) + "<thead><tr>" + head
                + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")

    def change(self, module_title: str, change: Change) -> str:
        """Pilot against later sessions: per question both means and the difference (three columns)."""
        w = self.w
        start = format_short_date(change.pilot_from, self.lang)
        end = format_short_date(change.pilot_until, self.lang)
        head = "".join(html('<th scope="col">{}</th>', label) for label in (w["question"], w["mean"], w["difference"]))
        rows = []
        for question in self.results.questions:
            cells = [html('<th scope="row">{}</th>', self.question(question))]
            means = []
            for label, side in ((w["pilot"], change.pilot), (w["later"], change.later)):
                rating = side.rating(question.id)
                shown = self.decimal(rating.mean) if rating is not None and rating.reportable else w["too_few_short"]
                means.append(html("{}: {}", label, shown))
            cells.append("<td>" + "<br>".join(means) + "</td>")
            difference = change.difference(question.id)
            cells.append(html("<td>{}</td>", w["not_applicable"] if difference is None
                              else self.decimal(difference, signed=True)))
            rows.append("<tr>" + "".join(cells) + "</tr>")
        caption = w["change_caption"].format(module=module_title, pilot=self.answers(change.pilot.answers),
                                             later=self.answers(change.later.answers))
        table = ("<table>" + html("<caption>{}</caption>", caption) + "<thead><tr>" + head
                 + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
        return text(w["change_intro"].format(start=start, end=end)) + "\n\n" + table + "\n"

    def question(self, question: Question) -> str:
        return question.text[self.lang] if question.text.get(self.lang) is not None else question.id


SHARE_TOO_FEW = {"sv": "för få svar för att redovisa", "en": "too few answers to report"}


def share_text(catalog, language: str, question: object, at_least: object, module: object = None) -> str:
    """The macro ``evaluation_share(question, at_least, module=None)``: of those who rated
    ``question`` (in every session, or in one module's), the share who gave ``at_least`` or
    more, as the language writes a percentage ('92 %', '92%'); or 'too few answers to report'
    when fewer than :data:`~generator.evaluations.MIN_GROUP` rated it. Safe Markdown.

    Raises ValueError with what to write instead when a value cannot be used.
    """
    evaluation = catalog.site.evaluation
    if evaluation is None:
        raise ValueError(msg("site.yaml has no 'evaluation' section, so there are no answers to cite; "
                             "add the section, or remove the macro"))
    rated = {q.id: q for q in evaluation.questions if q.scale}
    if not isinstance(question, str) or question not in rated:
        shown = " ".join(str(question).split())[:60]
        raise ValueError(msg("'{shown}' is not a question with a rating scale{hint}; use the id of one in "
                             "site.yaml: evaluation.questions ({ids}), e.g. {example}", shown=shown,
                             hint=suggestion(shown, rated), ids=", ".join(rated),
                             example=f"evaluation_share(\"{next(iter(rated), 'helhet')}\", 4)"))
    scale = rated[question].scale
    if isinstance(at_least, bool) or not isinstance(at_least, int) or not 1 <= at_least <= scale:
        shown = " ".join(str(at_least).split())[:20]
        raise ValueError(msg("'{shown}' is not a rating of '{question}'; write a whole number from 1 to {scale}, "
                             "e.g. {example} for the share who gave {high} or {scale}", shown=shown,
                             question=question, scale=scale, high=scale - 1,
                             example=f"evaluation_share(\"{question}\", {scale - 1})"))
    if module is not None and (not isinstance(module, str) or module not in catalog.modules):
        shown = " ".join(str(module).split())[:60]
        raise ValueError(msg("unknown module '{shown}'{hint}; use the name of a file in modules/ without .yaml, "
                             "or leave module= out for every session", shown=shown,
                             hint=suggestion(shown, catalog.modules)))
    found = evaluations.share(catalog, question, at_least, module)
    if not found.reportable:
        return text(SHARE_TOO_FEW.get(language, SHARE_TOO_FEW["en"]))
    return f"{found.percent}&nbsp;%" if language == "sv" else f"{found.percent}%"


__all__ = ["WORDS", "results_pages", "share_text"]
