"""What goes on which slide: the deck's outline, before anything is drawn.

A module deck is the module's slides in order, with an objectives slide and an agenda
slide generated right after the title slide. A session deck is the same deck with the
session's date, time, place and trainers on the title slide and clock times in the
agenda. Titles are made unique here, because screen-reader users move through a deck
by slide title.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ...model import Module, Session, Site, Slide, Trainer, Venue
from .body import Paragraph, Run, parse_body, plain
from ...dates import agenda_times, time_range, when
from .texts import label
from .design import TIMETABLE_SPACE_PT
from .fit import Timetable
from .marks import Logo, short_address
from . import notes as scripts


@dataclass(frozen=True)
class DeckJob:
    """Everything one deck needs: picklable, so decks can render in worker processes."""

    language: str
    site: Site
    module: Module
    images: tuple[tuple[str, bytes], ...]  # the module's slide images: (path in content/, bytes)
    target: str  # path below the site folder, e.g. 'decks/sv/grunddag.pptx'
    session: Session | None = None
    venue: Venue | None = None
    trainers: tuple[Trainer, ...] = ()
    logo: Logo | None = None  # on the title and closing slides

    @property
    def evaluation_url(self) -> str | None:
        """The session's evaluation form, when this is a session deck and the site has one."""
        if self.session is None or self.site.evaluation is None:
            return None
        return self.site.evaluation.url_for(self.session.id)


@dataclass(frozen=True)
class SlidePlan:
    """One slide to draw."""

    layout: str
    title: str
    body: tuple[Paragraph, ...] = ()
    notes: tuple[Paragraph, ...] = ()
    image: bytes | None = None  # the picture's bytes, from the snapshot
    alt: str = ""
    continuation: int = 0  # 0 for a first page, 1 for the first "(forts.)" page, ...
    scale: float = 1.0  # body font scale: below 1 when a body was shrunk to fit, above when a short one grew
    space_pt: float | None = None  # space before each body paragraph; None for the template's
    middle: bool = False  # the body is centred vertically in its area (a short body that grew)
    rows: tuple[tuple[str, str], ...] = ()  # the programme's (time, title) rows, drawn as a timetable when they fit
    timetable: Timetable | None = None  # how they are drawn (set when the deck's pages are laid out)
    logo: Logo | None = None  # the programme's logo (title and closing slides)
    evaluation: str | None = None  # the evaluation form's address, shown as a QR code (a session's closing slide)

    @property
    def has_notes(self) -> bool:
        """Whether the slide gets a notes page: for its notes, or a "continued" remark."""
        return bool(self.notes or self.continuation)


def outline(job: DeckJob) -> list[SlidePlan]:
    """The deck's slides in order, before long bodies are split into pages."""
    lang = job.language
    slides = [plan_of(slide, job) for slide in job.module.slides]
    if slides and slides[0].layout == "title":
        title_slide, rest = slides[0], slides[1:]
    else:
        title_slide, rest = SlidePlan("title", job.module.title[lang]), slides
    title_slide = replace(title_slide, body=title_body(job, title_slide.body),
                          notes=title_slide.notes or scripts.title_notes(job))
    title_slide = replace(title_slide, logo=job.logo)
    generated = [objectives_slide(job), agenda_slide(job)]
    return [title_slide] + [s for s in generated if s is not None] + with_marks(with_notes(rest, job), job)


def with_marks(slides: list[SlidePlan], job: DeckJob) -> list[SlidePlan]:
    """The logo on every closing slide; the session's evaluation QR code on the last one."""
    closing = [index for index, slide in enumerate(slides) if slide.layout == "closing"]
    out = list(slides)
    for index in closing:
        out[index] = replace(out[index], logo=job.logo)
    url = job.evaluation_url
    if closing and url:
        last = out[closing[-1]]
        out[closing[-1]] = replace(last, evaluation=url,
                                   notes=last.notes + scripts.evaluation_notes(job.language, short_address(url)))
    return out


def with_notes(slides: list[SlidePlan], job: DeckJob) -> list[SlidePlan]:
    """Slides written without notes get a generated script (see ``notes.py``); a section slide
    without a body says which part of the day it begins ("Del 2 av 4")."""
    sections = sum(1 for slide in slides if slide.layout == "section")
    out, section = [], 0
    for slide in slides:
        section += slide.layout == "section"
        if slide.layout == "section" and not slide.body and sections > 1:
            slide = replace(slide, body=(plain(label(job.language, "part").format(number=section, count=sections)),))
        if not slide.notes:
            if slide.layout == "section":
                notes = scripts.section_notes(job.language, slide.title, section, sections)
            elif slide.layout == "closing":
                notes = scripts.closing_notes(job)
            else:
                notes = scripts.other_notes(job.language)
            slide = replace(slide, notes=notes)
        out.append(slide)
    return out


def plan_of(slide: Slide, job: DeckJob) -> SlidePlan:
    lang = job.language
    body = parse_body(slide.body[lang]) if slide.body else ()
    if slide.layout == "closing" and not body:
        body = (plain(f"{label(lang, 'contact')}: {job.site.contact.email}"),)
    return SlidePlan(
        layout=slide.layout,
        title=slide.title[lang],
        body=body,
        notes=parse_body(slide.notes[lang]) if slide.notes else (),
        image=dict(job.images)[slide.image] if slide.image else None,
        alt=slide.alt[lang] if slide.alt else "",
    )


def title_body(job: DeckJob, body: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    """The subtitle: the session's when, where and who, or the programme and organiser."""
    lang = job.language
    session = job.session
    if session is None:
        return body or (plain(job.site.name[lang]), plain(job.site.organiser))
    where = (label(lang, "online") if session.is_online or job.venue is None
             else f"{job.venue.name[lang]}, {job.venue.address}")
    lines = [plain(when(session.date, session.start, session.end, lang), bold=True), plain(where)]
    if job.trainers:
        names = ", ".join(f"{t.name} ({t.organisation})" for t in job.trainers)
        lines.append(plain(f"{label(lang, 'trainers')}: {names}"))
    return tuple(lines)


def objectives_slide(job: DeckJob) -> SlidePlan | None:
    objectives = job.module.objectives
    if not objectives:
        return None
    body = tuple(Paragraph(parse_inline_text(o[job.language]), bullet=True) for o in objectives)
    return SlidePlan("content", label(job.language, "objectives"), body, notes=scripts.objectives_notes(job, body))


def parse_inline_text(text: str) -> tuple[Run, ...]:
    paragraphs = parse_body(text)
    return tuple(run for p in paragraphs for run in p.runs) or (Run(text),)


def agenda_slide(job: DeckJob) -> SlidePlan | None:
    """The agenda: minutes per item, or real clock times for a session."""
    lang = job.language
    items = job.module.agenda
    if not items:
        return None
    if job.session is None:
        lines = [Paragraph((Run(item.title[lang]), Run(f" ({item.minutes} {label(lang, 'minutes')})")), bullet=True)
                 for item in items]
        rows = [(f"{item.minutes} {label(lang, 'minutes')}", item.title[lang]) for item in items]
    else:
        times = agenda_times(job.session.date, job.session.start, (item.minutes for item in items))
        lines = [Paragraph((Run(time_range(start, end, lang), bold=True), Run(f"  {item.title[lang]}")))
                 for item, (start, end) in zip(items, times)]
        rows = [(time_range(start, end, lang), item.title[lang]) for item, (start, end) in zip(items, times)]
    return SlidePlan("content", label(lang, "agenda"), tuple(lines), notes=scripts.agenda_notes(job),
                     space_pt=TIMETABLE_SPACE_PT, rows=tuple(rows))


def unique_titles(slides: list[SlidePlan], language: str) -> list[SlidePlan]:
    """Mark continuation pages '(forts.)', '(forts. 2)' and number repeated titles '(2)', '(3)'."""
    marked = []
    for slide in slides:
        title = slide.title
        if slide.continuation:
            word = label(language, "continued")
            title = f"{title} ({word})" if slide.continuation == 1 else f"{title} ({word} {slide.continuation})"
        marked.append(replace(slide, title=title))
    seen: set[str] = set()
    out = []
    for slide in marked:
        title, number = slide.title, 1
        while title.casefold() in seen:
            number += 1
            title = f"{slide.title} ({number})"
        seen.add(title.casefold())
        out.append(replace(slide, title=title))
    return out
