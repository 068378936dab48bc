"""What to print and the data each template gets: plain JSON values, already in the
document's language, with dates written by ``generator.dates``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

from ... import urls
from ...dates import long_date, short_date, time_range, when
from ...model import Catalog, Module, Session
from . import markup
from .texts import words

PARTS = ("basic-day", "deep-dive", "manager-breakfast", "network")  # the programme's four parts, in order
MAX_FLYER_DATES = 5  # more would push the flyer past one page; the QR code leads to the rest
DEFAULT_ROWS = 25  # attendance rows of a session without a capacity


@dataclasses.dataclass(frozen=True)
class PrintJob:
    kind: str  # the template: script, flyer, attendance, certificate, evaluation, report
    target: str  # path below the site root (or, unpublished, the reports folder), without a leading '/'
    data: dict
    qr: str | None = None  # an address to hand the template as a QR code (SVG), drawn only when compiled
    published: bool = True  # False: below OUT/reports/ (never published), not the site


def print_jobs(catalog: Catalog, today: dt.date) -> list[PrintJob]:
    """Every PDF the site publishes: scripts, flyers, then each upcoming session's attendance list,
    certificate and (when site.yaml has an evaluation) paper evaluation form."""
    jobs: list[PrintJob] = []
    site = catalog.site
    for language in site.languages:
        for module in catalog.modules.values():
            jobs.append(PrintJob("script", urls.print_script(language, module.id).lstrip("/"),
                                 script_data(catalog, module, language)))
    upcoming = [s for s in catalog.upcoming(today) if not s.is_cancelled]
    for language in site.languages:
        jobs.append(flyer_job(catalog, upcoming, language, None))
        for municipality in catalog.municipalities:
            jobs.append(flyer_job(catalog, upcoming, language, municipality))
    for session in upcoming:
        for language in site.languages:
            jobs.append(PrintJob("attendance", urls.print_attendance(language, session.id).lstrip("/"),
                                 attendance_data(catalog, session, language)))
            jobs.append(PrintJob("certificate", urls.print_certificate(language, session.id).lstrip("/"),
                                 certificate_data(catalog, session, language)))
            if site.evaluation is not None:
                jobs.append(evaluation_job(catalog, session, language))
    return jobs


def common(catalog: Catalog, language: str, title: str) -> dict:
    """What every template reads: document title and language, author, the UI words, and
    the organisation's look: its primary colour (or none) and its logo (or none)."""
    site = catalog.site
    logo = logo_file(catalog)
    return {
        "title": title, "lang": language, "author": site.organiser, "words": words(language),
        "brand": {"primary": site.brand.primary} if site.brand else None,
        # the file's name in the compile root, never the content path; the organiser names it for screen readers
        "logo": {"path": "/" + logo[0], "alt": site.organiser} if logo else None,
    }


def logo_file(catalog: Catalog) -> tuple[str, bytes] | None:
    """The logo as the file the templates read (``logo.svg`` or ``logo.png``) and its bytes
    as the loader checked them (an SVG rebuilt from an allowlist)."""
    path = catalog.site.logo
    if not path:
        return None
    return f"logo.{path.rsplit('.', 1)[-1].lower()}", catalog.file(path)


def print_assets(catalog: Catalog) -> dict[str, bytes]:
    """Files from the content that the templates may read, by their name in the compile root."""
    logo = logo_file(catalog)
    return dict([logo]) if logo else {}


def text(localized, language: str) -> str:
    """A localized Markdown field as plain text (markers dropped)."""
    return markup.plain(localized[language]) if localized is not None else ""


def script_data(catalog: Catalog, module: Module, language: str) -> dict:
    w = words(language)
    title = module.title[language]
    data = common(catalog, language, w["script_title"].format(module=title))
    data["module"] = {
        "title": title,
        "summary": text(module.summary, language),
        "audience": text(module.audience, language),
        "length": hours(module.duration_minutes, language),
        "objectives": [text(o, language) for o in module.objectives],
        "agenda": [{"when": w["minutes"].format(minutes=item.minutes), "title": item.title[language]}
                   for item in module.agenda],
        "materials": [{"title": m.title[language],
                       "url": urls.absolute(catalog.site, urls.material_file(module.id, m.files[language]))}
                      for m in module.materials],
    }
    total = len(module.slides)
    data["slides"] = [
        {
            "label": w["slide"].format(number=number, total=total),
            "title": slide.title[language],
            "body": markup.nested(markup.blocks(slide.body[language] if slide.body else "")),
            "notes": markup.nested(markup.blocks(slide.notes[language] if slide.notes else "")),
            "alt": w["image"].format(alt=slide.alt[language]) if slide.image and slide.alt else None,
        }
        for number, slide in enumerate(module.slides, start=1)
    ]
    return data


def session_line(catalog: Catalog, session: Session, language: str) -> dict:
    w = words(language)
    venue = catalog.venue_of(session)
    where = f"{venue.name[language]}, {venue.address}" if venue else w["online"]
    status = {"full": w["full"], "waitlist": w["waitlist"]}.get(session.status)
    if status:
        where += f" ({status})"
    return {"when": when(session.date, session.start, session.end, language),
            "title": catalog.module_of(session).title[language], "where": where}


def flyer_job(catalog: Catalog, upcoming: list[Session], language: str, municipality: str | None) -> PrintJob:
    site = catalog.site
    w = words(language)
    name = site.name[language]
    if municipality is None:
        sessions = upcoming
        heading = w["flyer_title"].format(name=name)
        dates_heading = w["flyer_dates_heading"]
        page = urls.calendar_page(site, language)
        slug = None
    else:
        sessions = [s for s in upcoming if catalog.municipality_of(s) == municipality]
        heading = w["flyer_title_place"].format(name=name, place=municipality)
        dates_heading = w["flyer_dates_heading_place"].format(place=municipality)
        slug = next(v.municipality_slug for v in catalog.venues.values() if v.municipality == municipality)
        page = urls.municipality_page(site, language, slug)
    data = common(catalog, language, heading)
    data.update({
        "heading": heading,
        "tagline": site.tagline[language] if site.tagline else name,
        "footer": f"{name} · {site.organiser}",
        "parts": [{"name": w[f"kind.{kind}"], "text": w[f"part.{kind}"]} for kind in PARTS],
        "dates_heading": dates_heading,
        "dates": [session_line(catalog, s, language) for s in sessions[:MAX_FLYER_DATES]],
        "more_dates": len(sessions) > MAX_FLYER_DATES,
        "organiser": site.organiser,
        "contact": {"email": site.contact.email, "phone": site.contact.phone},
        "qr": None,
    })
    qr = None
    if site.url:  # a QR code of a path without the site's address would lead nowhere
        address = urls.absolute(site, page)
        data["qr"] = {"url": address, "alt": w["flyer_qr_alt"].format(url=address)}
        qr = address
    return PrintJob("flyer", urls.print_flyer(language, slug).lstrip("/"), data, qr)


def qr_svg(address: str) -> str:
    """The QR code of ``address`` as SVG (error correction M, a two-module quiet zone)."""
    import segno

    out = io.BytesIO()
    segno.make(address, error="m").save(out, kind="svg", xmldecl=False, border=2, dark="#000000")
    return out.getvalue().decode()


def session_facts(catalog: Catalog, session: Session, language: str) -> list[dict]:
    w = words(language)
    venue = catalog.venue_of(session)
    trainers = ", ".join(f"{t.name} ({t.organisation})" for t in catalog.trainers_of(session))
    facts = [
        {"label": w["date"], "value": long_date(session.date, language)},
        {"label": w["time"], "value": time_range(session.start, session.end, language)},
        {"label": w["venue"], "value": f"{venue.name[language]}, {venue.address}" if venue else w["online"]},
    ]
    if trainers:
        facts.append({"label": w["trainers"], "value": trainers})
    return facts


def attendance_data(catalog: Catalog, session: Session, language: str) -> dict:
    w = words(language)
    module = catalog.module_of(session)
    title = w["attendance_title"].format(module=module.title[language], date=short_date(session.date, language))
    data = common(catalog, language, title)
    data.update({
        "module": module.title[language],
        "facts": session_facts(catalog, session, language) + [{"label": w["session"], "value": session.id}],
        "rows": session.capacity or DEFAULT_ROWS,
        "footer": f"{module.title[language]} · {short_date(session.date, language)}",
    })
    return data


def hours(minutes: int, language: str) -> str:
    """'7 timmar', '3,5 timmar' / '7 hours', '3.5 hours', '1 hour'."""
    w = words(language)
    if minutes == 60:
        return w["hour"]
    value = f"{minutes / 60:.1f}".removesuffix(".0")
    if language == "sv":
        value = value.replace(".", ",")
    return w["hours"].format(hours=value)


def certificate_data(catalog: Catalog, session: Session, language: str) -> dict:
    w = words(language)
    module = catalog.module_of(session)
    site = catalog.site
    title = w["certificate_title"].format(module=module.title[language], date=short_date(session.date, language))
    data = common(catalog, language, title)
    facts = session_facts(catalog, session, language)
    facts.insert(2, {"label": w["length"], "value": hours(module.duration_minutes, language)})
    facts = [f for f in facts if f["label"] != w["time"]]
    facts.append({"label": w["organiser"], "value": site.organiser})
    data.update({
        "module": module.title[language],
        "programme": site.name[language],
        "facts": facts,
        "objectives": [text(o, language) for o in module.objectives],
        "footer": f"{site.name[language]} · {site.organiser}",
    })
    return data


def evaluation_job(catalog: Catalog, session: Session, language: str) -> PrintJob:
    """The paper evaluation form of a session: its rating and free-text questions, and the
    QR code and address of the same form online."""
    w = words(language)
    module = catalog.module_of(session)
    title = w["evaluation_title"].format(module=module.title[language], date=short_date(session.date, language))
    data = common(catalog, language, title)
    # the session id tells whoever types the paper answers in which CSV file they belong
    facts = [f for f in session_facts(catalog, session, language) if f["label"] != w["trainers"]]
    facts.append({"label": w["session"], "value": session.id})
    address = catalog.site.evaluation.url_for(session.id)
    data.update({
        "module": module.title[language],
        "facts": facts,
        "groups": question_groups(catalog.site.evaluation.questions, language),
        "online": {"url": address, "parts": address_parts(short_address(address)),
                   "alt": w["evaluation_qr_alt"].format(url=address)},
        "footer": f"{module.title[language]} · {short_date(session.date, language)}",
    })
    return PrintJob("evaluation", urls.print_evaluation(language, session.id).lstrip("/"), data, address)


def question_groups(questions, language: str) -> list[dict]:
    """The questions numbered in order, consecutive rating questions of the same scale in one
    group (printed as one table under one row of numbers), each free-text question alone:
    ``[{"scale": 5 | None, "questions": [{"number", "text"}]}]``."""
    groups: list[dict] = []
    for number, question in enumerate(questions, start=1):
        item = {"number": number, "text": text(question.text, language)}
        if question.scale and groups and groups[-1]["scale"] == question.scale:
            groups[-1]["questions"].append(item)
        else:
            groups.append({"scale": question.scale, "questions": [item]})
    return groups


def short_address(address: str) -> str:
    """An address as a person types it: without ``https://`` (browsers add it)."""
    return address.removeprefix("https://").removeprefix("http://")


def address_parts(address: str) -> list[str]:
    """The address in pieces that end after '/', '?' or '&': a printed address may wrap only
    there, never at a '-' that a reader would take for a hyphen and leave out."""
    return [part for part in re.split(r"(?<=[/?&])", address) if part]


def report_jobs(catalog: Catalog, today: dt.date) -> list[PrintJob]:
    """The unpublished evaluation reports, one per language (when site.yaml has an evaluation)."""
    from .report import report_data, report_targets

    return [PrintJob("report", target, report_data(catalog, language, today), published=False)
            for language, target in report_targets(catalog)]
