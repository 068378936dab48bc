"""Speaker scripts for the slides a deck makes by itself, and for slides written without notes.

Every slide of a deck has notes: a trainer who opens the presenter view never finds an
empty page. The objectives and programme slides get a script that says what to do with
them; the title slide welcomes (with the session's date, place and trainers in a session
deck); a section slide says which part of the day begins; the closing slide thanks and
asks for the evaluation. Notes written in the YAML always win.
"""

from __future__ import annotations

from ...dates import agenda_times, clock, long_date, time_range
from .body import Paragraph, Run, plain

SCRIPTS: dict[str, dict[str, str]] = {
    "sv": {
        "welcome": "Välkommen!",
        "introduce": "Presentera dig själv och berätta var du arbetar.",
        "welcome_module": "Det här är {title}, en del av {programme} från {organiser}.",
        "welcome_session": "Välkommen till {title}, {date}.",
        "place": "Vi håller till på {venue}. Berätta var toaletter och nödutgångar finns och när vi har pauser.",
        "online": "Visa hur man slår på och av mikrofon och kamera, räcker upp handen och skriver i chatten.",
        "trainers": "Utbildare i dag: {names}. Presentera er och berätta var ni arbetar.",
        "objectives_intro": "Läs målen högt. De säger vad var och en ska kunna när vi är klara:",
        "objectives_ask": "Fråga: Vilket av målen är viktigast för dig just nu? Låt två eller tre personer svara.",
        "objectives_close": "Säg att vi stämmer av målen i slutet.",
        "agenda_intro": "Gå igenom programmet: {count} punkter, sammanlagt {duration}.",
        "agenda_intro_session": "Gå igenom programmet. Vi börjar {start} och slutar {end}.",
        "agenda_item": "{title}: {minutes} min",
        "agenda_close": "Säg när pauserna är och att det finns tid för frågor efter varje del.",
        "section": "Nu börjar del {number} av {count}: {title}.",
        "section_bridge": "Knyt an till det vi just gjort och säg vad den här delen handlar om.",
        "closing": "Tacka för idag.",
        "closing_evaluation": "Be alla fylla i utvärderingen innan de går; svaren gör utbildningen bättre.",
        "closing_contact": "Frågor efteråt går till {email}.",
        "closing_qr": "Låt bilden stå kvar medan alla svarar: QR-koden och adressen leder till utvärderingen av just det här tillfället ({address}).",
        "other": "Gå igenom bilden och fråga om något är oklart.",
        "hours": "{hours} tim",
        "hours_minutes": "{hours} tim {minutes} min",
        "minutes": "{minutes} min",
    },
    "en": {
        "welcome": "Welcome!",
        "introduce": "Introduce yourself and say where you work.",
        "welcome_module": "This is {title}, part of {programme} from {organiser}.",
        "welcome_session": "Welcome to {title}, {date}.",
        "place": "We are at {venue}. Say where the toilets and emergency exits are and when the breaks are.",
        "online": "Show how to switch microphone and camera on and off, raise a hand and write in the chat.",
        "trainers": "Trainers today: {names}. Introduce yourselves and say where you work.",
        "objectives_intro": "Read the objectives aloud. They say what everyone will be able to do when we are done:",
        "objectives_ask": "Ask: Which of the objectives matters most to you right now? Let two or three people answer.",
        "objectives_close": "Say that we will come back to the objectives at the end.",
        "agenda_intro": "Go through the agenda: {count} items, {duration} in all.",
        "agenda_intro_session": "Go through the agenda. We start at {start} and finish at {end}.",
        "agenda_item": "{title}: {minutes} min",
        "agenda_close": "Say when the breaks are and that there is time for questions after each part.",
        "section": "Part {number} of {count} begins: {title}.",
        "section_bridge": "Link it to what we just did and say what this part is about.",
        "closing": "Thank everyone for today.",
        "closing_evaluation": "Ask everyone to fill in the evaluation before they leave; the answers make the course better.",
        "closing_contact": "Questions afterwards go to {email}.",
        "closing_qr": "Leave this slide up while everyone answers: the QR code and the address lead to the evaluation of this very session ({address}).",
        "other": "Go through the slide and ask whether anything is unclear.",
        "hours": "{hours} h",
        "hours_minutes": "{hours} h {minutes} min",
        "minutes": "{minutes} min",
    },
}


def say(language: str, key: str, **values) -> str:
    return SCRIPTS.get(language, SCRIPTS["en"])[key].format(**values)


def duration(minutes: int, language: str) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return say(language, "minutes", minutes=rest)
    return say(language, "hours", hours=hours) if not rest else say(language, "hours_minutes", hours=hours, minutes=rest)


def title_notes(job) -> tuple[Paragraph, ...]:
    lang, module, session = job.language, job.module, job.session
    if session is None:
        return tuple(plain(line) for line in (
            say(lang, "welcome"), say(lang, "introduce"),
            say(lang, "welcome_module", title=module.title[lang], programme=job.site.name[lang],
                organiser=job.site.organiser)))
    lines = [say(lang, "welcome_session", title=module.title[lang], date=long_date(session.date, lang))]
    if job.trainers:
        lines.append(say(lang, "trainers", names=", ".join(t.name for t in job.trainers)))
    else:
        lines.append(say(lang, "introduce"))
    if session.is_online or job.venue is None:
        lines.append(say(lang, "online"))
    else:
        lines.append(say(lang, "place", venue=job.venue.name[lang]))
    return tuple(plain(line) for line in lines)


def objectives_notes(job, objectives: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    lang = job.language
    numbered = tuple(Paragraph((Run(f"{number}. "),) + p.runs) for number, p in enumerate(objectives, start=1))
    return ((plain(say(lang, "objectives_intro")),) + numbered
            + (plain(say(lang, "objectives_ask")), plain(say(lang, "objectives_close"))))


def agenda_notes(job) -> tuple[Paragraph, ...]:
    lang, items = job.language, job.module.agenda
    if job.session is None:
        intro = say(lang, "agenda_intro", count=len(items), duration=duration(sum(i.minutes for i in items), lang))
        lines = [say(lang, "agenda_item", title=item.title[lang], minutes=item.minutes) for item in items]
    else:
        times = agenda_times(job.session.date, job.session.start, (item.minutes for item in items))
        intro = say(lang, "agenda_intro_session", start=clock(job.session.start, lang), end=clock(job.session.end, lang))
        lines = [f"{time_range(start, end, lang)} {item.title[lang]}" for item, (start, end) in zip(items, times)]
    return ((plain(intro),) + tuple(Paragraph((Run(line),), bullet=True) for line in lines)
            + (plain(say(lang, "agenda_close")),))


def section_notes(language: str, title: str, number: int, count: int) -> tuple[Paragraph, ...]:
    return (plain(say(language, "section", number=number, count=count, title=title)),
            plain(say(language, "section_bridge")))


def closing_notes(job) -> tuple[Paragraph, ...]:
    lang = job.language
    return (plain(say(lang, "closing")), plain(say(lang, "closing_evaluation")),
            plain(say(lang, "closing_contact", email=job.site.contact.email)))


def evaluation_notes(language: str, address: str) -> tuple[Paragraph, ...]:
    """Added to a closing slide's notes, written or generated, when it shows the evaluation's QR code."""
    return (plain(say(language, "closing_qr", address=address)),)


def other_notes(language: str) -> tuple[Paragraph, ...]:
    return (plain(say(language, "other")),)
