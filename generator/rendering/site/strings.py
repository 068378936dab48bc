"""UI strings, labels and date formats for each site language.

Dates are written with the month and day names of :mod:`generator.dates`, never the
system locale, so a build gives the same pages on every machine. A language without an entry here falls
back to English labels (the content itself is still in that language).
"""

from __future__ import annotations

from ... import dates

LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}

UI: dict[str, dict[str, str]] = {
    "sv": {
        "home": "Startsida",
        "modules": "Utbildningens delar",
        "calendar": "Kalender",
        "calendar_title": "Kommande utbildningstillfällen",
        "archive": "Tidigare tillfällen",
        "trainers": "För utbildare",
        "why_title": "Varför öppna din arbetsplats?",
        "why_text": "En öppen arbetsplats ger en människa chansen att pröva och visa vad hen kan. "
                    "Arbetsplatsen får nya perspektiv, möjliga framtida medarbetare och handledare "
                    "som växer i sin roll. Du får stöd hela vägen: utbildningen är kostnadsfri.",
        "steps_title": "Fyra steg",
        "next_sessions": "Nästa tillfällen",
        "all_sessions": "Se alla kommande tillfällen",
        "no_sessions": "Inga tillfällen är planerade just nu.",
        "about_module": "Om utbildningen",
        "objectives": "Efter utbildningen",
        "audience": "För vem",
        "length": "Längd",
        "delivery": "Genomförande",
        "agenda": "Program",
        "materials": "Material",
        "decks": "Bildspel",
        "deck_download": "{title}: bildspel på {language} (PowerPoint)",
        "script_download": "{title}: stödmanus på {language} att skriva ut (PDF, A4)",
        "print_heading": "För utbildare: att skriva ut",
        "attendance_pdf": "Närvarolista att skriva ut (PDF)",
        "certificate_pdf": "Kursintyg att fylla i och skriva ut (PDF)",
        "flyer_pdf": "Informationsblad för arbetsgivare (PDF, A4)",
        "flyer_place_pdf": "Informationsblad för arbetsgivare med datumen i {place} (PDF, A4)",
        "upcoming": "Kommande tillfällen",
        "minutes": "{n} min",
        "hours_minutes": "{h} tim {m} min",
        "hours": "{h} tim",
        "when": "När",
        "where": "Var",
        "online": "Digitalt",
        "online_link": "Länk till mötet",
        "venue_access": "Tillgänglighet i lokalen",
        "trainers_label": "Utbildare",
        "places": "Platser",
        "places_n": "{n} platser",
        "registration": "Anmälan",
        "register": "Anmäl dig till {title} {date}",
        "deadline": "Sista anmälningsdag: {date}",
        "registration_closed": "Anmälan är stängd. Kontakta oss om du ändå vill delta.",
        "note": "Bra att veta",
        "taught_in": "Undervisningsspråk",
        "status": "Status",
        "status_scheduled": "Öppen för anmälan",
        "status_full": "Fullbokat",
        "status_cancelled": "Inställt",
        "status_waitlist": "Fullbokat – väntelista",
        "status_closed": "Anmälan stängd",
        "status_past": "Har ägt rum",
        "places_left": "{n} platser kvar",
        "places_left_one": "1 plats kvar",
        "capacity": "Antal platser",
        "register_short": "Anmäl dig",
        "waitlist_short": "Ställ dig på väntelistan",
        "waitlist_register": "Ställ dig på väntelistan till {title} {date}",
        "waitlist_intro": "Alla platser är tagna, men du kan ställa dig på väntelistan. Blir en plats ledig hör vi av oss.",
        "read_more": "Läs mer om tillfället {date}",
        "read_more_about": "Läs mer om tillfället {date}: {title}",
        "online_where": "Digitalt – du får länken i bekräftelsen",
        "registration_title": "Så anmäler du dig",
        "registration_how": "Så går anmälan till",
        "registration_open_sessions": "Tillfällen som är öppna för anmälan",
        "registration_fallback": "Du anmäler dig via knappen vid varje tillfälle. Du får en bekräftelse per e-post.",
        "registration_link": "Så anmäler du dig",
        "questions": "Frågor?",
        "email": "E-post",
        "phone": "Telefon",
        "employers_path": "Är du chef eller arbetsgivare?",
        "employers_path_link": "Så tar er arbetsplats emot någon",
        "google_calendar": "Lägg till i Google Kalender",
        "outlook_work": "Lägg till i Outlook (jobb eller skola)",
        "outlook_personal": "Lägg till i Outlook.com",
        "ics_file": "Ladda ned kalenderfil (.ics) för Apple Kalender och andra program",
        "calendar_details": "Mer information och anmälan: {url}",
        "feed_open_app": "Öppna i kalenderappen",
        "feed_address": "Adress att klistra in",
        "feeds_elsewhere": "En kalender för bara en kommun finns på kommunens sida under *Per kommun*.",
        "edit_page": "Redigera sidan",
        "evaluate": "Utvärdera tillfället",
        "evaluate_intro": "Har du deltagit? Berätta vad du tyckte, det tar några minuter.",
        "evaluation_form": "Utvärdering",
        "evaluation_pdf": "Utvärderingsblankett (PDF)",
        "about": "Om utbildningen",
        "nav_training": "Utbildningen",
        "kind_group_deep-dive": "Fördjupningar",
        "not_found_title": "Sidan finns inte",
        "not_found_text": "Sidan du letar efter finns inte, eller så har den flyttats.",
        "not_found_home": "Gå till startsidan",
        "not_found_calendar": "Se kommande utbildningstillfällen",
        "banner_waitlist": "Fullbokat – väntelista. Alla platser är tagna, men du kan ställa dig på väntelistan.",
        "banner_full": "Fullbokat. Det finns inga fler platser till det här tillfället. Välj gärna ett annat tillfälle.",
        "banner_cancelled": "Inställt. Det här tillfället blir inte av. Välj gärna ett annat tillfälle.",
        "banner_past": "Det här tillfället har redan ägt rum.",
        "add_to_calendar": "Lägg in i din kalender",
        "session_ics": "Ladda ned tillfället som kalenderfil (.ics)",
        "module_page": "Läs mer om {title}",
        "by_month": "Per månad",
        "browse": "Välj tillfällen",
        "by_municipality": "Per kommun",
        "by_kind": "Per typ av utbildning",
        "sessions_in": "Tillfällen i {place}",
        "sessions_online": "Digitala tillfällen",
        "sessions_of_kind": "Tillfällen: {kind}",
        "subscribe": "Följ kalendern i din egen kalender",
        "subscribe_intro": "Lägg till en kalender i din egen kalender så kommer nya och ändrade tillfällen in automatiskt. Kopiera adressen och följ stegen för ditt program nedan.",
        "feed_all": "Alla tillfällen",
        "feed_subscribe": "Öppna i kalenderappen",
        "feed_download": "Ladda ned som fil (.ics)",
        "copy_link": "Kopiera adressen",
        "copied": "Adressen är kopierad",
        "howto_title": "Så lägger du till kalendern",
        "howto_google": "**Google Kalender:** Öppna Google Kalender på en dator. Välj plustecknet vid *Andra kalendrar* och sedan *Från webbadress*. Klistra in adressen och välj *Lägg till kalender*.",
        "howto_outlook": "**Outlook:** Välj *Lägg till kalender* och sedan *Prenumerera från webben*. Klistra in adressen, ge kalendern ett namn och välj *Importera*.",
        "howto_apple": "**Apple Kalender:** Välj *Öppna i kalenderappen* på din iPhone eller Mac, eller välj *Arkiv* och *Ny kalenderprenumeration* och klistra in adressen.",
        "archive_intro": "Här finns utbildningstillfällen som redan har ägt rum.",
        "no_past": "Inga tidigare tillfällen.",
        "trainers_intro": "Här finns bildspel, talarmanus och kalendrar för dig som leder utbildningen.",
        "module_decks": "Bildspel per del",
        "session_decks": "Bildspel för kommande tillfällen",
        "trainer_feeds": "Kalender per utbildare",
        "notes_title": "Talarmanus: {title}",
        "notes_intro": "Bilderna i ordning, med text och talarmanus.",
        "slide_n": "Bild {n}",
        "notes_label": "Manus",
        "read_notes": "Läs talarmanus",
        "print": "Skriv ut sidan",
        "footer_links": "Mer på webbplatsen",
        "results_link": "Utvärderingsresultat",
        "contact": "Kontakt",
        "step_manager-breakfast": "Chefer träffas och får veta vad det innebär att öppna arbetsplatsen.",
        "step_basic-day": "Handledare lär sig grunderna i att ta emot någon på arbetsprövning eller praktik.",
        "step_deep-dive": "Halvdagar med ett tema i taget, för dig som har gått grunddagen.",
        "step_network": "Handledare från olika arbetsplatser träffas och lär av varandra.",
        "kind_manager-breakfast": "Frukostmöte för chefer",
        "kind_basic-day": "Grunddag",
        "kind_deep-dive": "Fördjupning",
        "kind_network": "Nätverk",
        "delivery_on-site": "På plats",
        "delivery_online": "Digitalt",
        "lang_sv": "svenska",
        "lang_en": "engelska",
        "material_page": "Läs och skriv ut: {title}",
        "material_download": "Ladda ned: {title}",
        "employers_title": "För arbetsgivare och chefer",
        "employers_text": (
            "## Varför öppna arbetsplatsen?\n\n"
            "När du tar emot någon på arbetsprövning eller praktik hjälper du en människa närmare arbete. "
            "Samtidigt får arbetsplatsen möjlighet att hitta framtida medarbetare och att utveckla sina handledare.\n\n"
            "## Vad innebär det?\n\n"
            "- Ni utser en handledare som tar emot personen och finns till hands.\n"
            "- Handledaren går en grunddag; chefen kan gå ett frukostmöte.\n"
            "- Ni kommer överens om uppgifter, tider och uppföljning med den som har anvisat personen.\n\n"
            "## Vilket stöd finns?\n\n"
            "- Utbildningen är kostnadsfri. Förbundet står för lokal, fika och lunch.\n"
            "- Den myndighet eller kommun som anvisar personen finns med under hela tiden och följer upp.\n"
            "- Den som gör arbetsprövning eller praktik är försäkrad genom den myndighet eller kommun som anvisar. "
            "Fråga alltid om försäkringen innan starten.\n"
        ),
        "employers_breakfasts": "Kommande frukostmöten för chefer",
        "a11y_title": "Tillgänglighetsredogörelse",
        "a11y_text": (
            "{organiser} står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna använda den. "
            "Här beskriver vi hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service, "
            "vad vi vet om brister och hur du kan rapportera problem till oss.\n\n"
            "## Hur tillgänglig är webbplatsen?\n\n"
            "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service. "
            "Sidorna är gjorda för att uppfylla WCAG 2.1 nivå AA och testas automatiskt, men de har ännu inte "
            "granskats manuellt.\n\n"
            "## Kända brister och det som inte är granskat\n\n"
            "- Webbplatsen har inte granskats med skärmläsare eller bara med tangentbord.\n"
            "- Bildspelen i PowerPoint-format är dokument för utbildarna. De har rubrik på varje bild, "
            "alternativtext till bilder och angivet språk, men de har inte granskats med skärmläsare. "
            "Talarmanusen finns också som text på webbplatsen.\n"
            "- Sökrutan kräver JavaScript. Allt innehåll går att nå via menyn och länkarna även utan JavaScript.\n\n"
            "## Vad kan du göra om du inte kan använda delar av webbplatsen?\n\n"
            "Om du behöver innehåll från webbplatsen i ett annat format kan du skriva till oss på "
            "[{email}](mailto:{address}). Vi svarar så snart vi kan.\n\n"
            "## Rapportera brister i webbplatsens tillgänglighet\n\n"
            "Om du upptäcker problem som inte står på den här sidan, eller om du anser att vi inte uppfyller lagens "
            "krav, skriv till oss på [{email}](mailto:{address}) så att vi får veta att problemet finns.\n\n"
            "## Tillsyn\n\n"
            "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till "
            "digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du kontakta Digg "
            "och påtala det på deras webbplats, digg.se.\n\n"
            "## Hur vi testat webbplatsen\n\n"
            "Varje typ av sida testas automatiskt med verktyget axe mot WCAG 2.1 nivå A och AA, i en riktig "
            "webbläsare, på svenska och engelska och i dator- och mobilbredd. Testerna kontrollerar också att "
            "sidorna går att läsa utan JavaScript. Automatiska tester hittar bara en del av alla brister.\n\n"
            "Webbplatsen publicerades senast {built}.\n"
        ),
    },
    "en": {
        "home": "Home",
        "modules": "Parts of the training",
        "calendar": "Calendar",
        "calendar_title": "Upcoming sessions",
        "archive": "Past sessions",
        "trainers": "For trainers",
        "why_title": "Why open your workplace?",
        "why_text": "An open workplace gives a person the chance to try and to show what they can do. "
                    "The workplace gains new perspectives, possible future colleagues and supervisors "
                    "who grow in their role. You get support all the way: the training is free of charge.",
        "steps_title": "Four steps",
        "next_sessions": "Next sessions",
        "all_sessions": "See all upcoming sessions",
        "no_sessions": "No sessions are planned at the moment.",
        "about_module": "About the training",
        "objectives": "After the training",
        "audience": "Who it is for",
        "length": "Length",
        "delivery": "Delivery",
        "agenda": "Agenda",
        "materials": "Materials",
        "decks": "Slide decks",
        "deck_download": "{title}: slide deck in {language} (PowerPoint)",
        "script_download": "{title}: speaker script in {language} to print (PDF, A4)",
        "print_heading": "For trainers: to print",
        "attendance_pdf": "Attendance list to print (PDF)",
        "certificate_pdf": "Certificate of participation to fill in and print (PDF)",
        "flyer_pdf": "Flyer for employers (PDF, A4)",
        "flyer_place_pdf": "Flyer for employers with the dates in {place} (PDF, A4)",
        "upcoming": "Upcoming sessions",
        "minutes": "{n} min",
        "hours_minutes": "{h} h {m} min",
        "hours": "{h} h",
        "when": "When",
        "where": "Where",
        "online": "Online",
        "online_link": "Link to the meeting",
        "venue_access": "Accessibility of the venue",
        "trainers_label": "Trainers",
        "places": "Places",
        "places_n": "{n} places",
        "registration": "Registration",
        "register": "Register for {title} on {date}",
        "deadline": "Registration closes: {date}",
        "registration_closed": "Registration has closed. Contact us if you still want to take part.",
        "note": "Good to know",
        "taught_in": "Language of instruction",
        "status": "Status",
        "status_scheduled": "Open for registration",
        "status_full": "Fully booked",
        "status_cancelled": "Cancelled",
        "status_waitlist": "Full – waiting list",
        "status_closed": "Registration closed",
        "status_past": "Took place",
        "places_left": "{n} places left",
        "places_left_one": "1 place left",
        "capacity": "Number of places",
        "register_short": "Register",
        "waitlist_short": "Join the waiting list",
        "waitlist_register": "Join the waiting list for {title} on {date}",
        "waitlist_intro": "All places are taken, but you can join the waiting list. If a place becomes free, we will contact you.",
        "read_more": "More about the session on {date}",
        "read_more_about": "More about the session on {date}: {title}",
        "online_where": "Online – you get the link in the confirmation",
        "registration_title": "How to register",
        "registration_how": "How registration works",
        "registration_open_sessions": "Sessions open for registration",
        "registration_fallback": "Register with the button shown for each session. You will receive a confirmation by email.",
        "registration_link": "How to register",
        "questions": "Questions?",
        "email": "Email",
        "phone": "Phone",
        "employers_path": "Are you a manager or an employer?",
        "employers_path_link": "How your workplace takes someone in",
        "google_calendar": "Add to Google Calendar",
        "outlook_work": "Add to Outlook (work or school)",
        "outlook_personal": "Add to Outlook.com",
        "ics_file": "Download a calendar file (.ics) for Apple Calendar and other apps",
        "calendar_details": "More information and registration: {url}",
        "feed_open_app": "Open in your calendar app",
        "feed_address": "Address to paste",
        "feeds_elsewhere": "A calendar of one municipality only is on that municipality's page under *By municipality*.",
        "edit_page": "Edit this page",
        "evaluate": "Evaluate the session",
        "evaluate_intro": "Did you take part? Tell us what you thought; it takes a few minutes.",
        "evaluation_form": "Evaluation",
        "evaluation_pdf": "Evaluation form (PDF)",
        "about": "About the training",
        "nav_training": "The training",
        "kind_group_deep-dive": "Deep-dives",
        "not_found_title": "Page not found",
        "not_found_text": "The page you are looking for does not exist, or it has moved.",
        "not_found_home": "Go to the home page",
        "not_found_calendar": "See upcoming sessions",
        "banner_waitlist": "Full – waiting list. All places are taken, but you can join the waiting list.",
        "banner_full": "Fully booked. There are no places left for this session. Please choose another session.",
        "banner_cancelled": "Cancelled. This session will not take place. Please choose another session.",
        "banner_past": "This session has already taken place.",
        "add_to_calendar": "Add to your calendar",
        "session_ics": "Download the session as a calendar file (.ics)",
        "module_page": "Read more about {title}",
        "by_month": "By month",
        "browse": "Choose sessions",
        "by_municipality": "By municipality",
        "by_kind": "By type of training",
        "sessions_in": "Sessions in {place}",
        "sessions_online": "Online sessions",
        "sessions_of_kind": "Sessions: {kind}",
        "subscribe": "Follow the calendar in your own calendar",
        "subscribe_intro": "Add one of these calendars to your own calendar and new or changed sessions appear there automatically. Copy the address and follow the steps for your app below.",
        "feed_all": "All sessions",
        "feed_subscribe": "Open in your calendar app",
        "feed_download": "Download as a file (.ics)",
        "copy_link": "Copy the address",
        "copied": "Address copied",
        "howto_title": "How to add the calendar",
        "howto_google": "**Google Calendar:** Open Google Calendar on a computer. Choose the plus sign next to *Other calendars*, then *From URL*. Paste the address and choose *Add calendar*.",
        "howto_outlook": "**Outlook:** Choose *Add calendar*, then *Subscribe from web*. Paste the address, name the calendar and choose *Import*.",
        "howto_apple": "**Apple Calendar:** Choose *Open in your calendar app* on your iPhone or Mac, or choose *File* and *New Calendar Subscription* and paste the address.",
        "archive_intro": "Training sessions that have already taken place.",
        "no_past": "No past sessions.",
        "trainers_intro": "Slide decks, speaker notes and calendars for those who lead the training.",
        "module_decks": "Slide decks by part",
        "session_decks": "Slide decks for upcoming sessions",
        "trainer_feeds": "Calendar per trainer",
        "notes_title": "Speaker notes: {title}",
        "notes_intro": "The slides in order, with their text and speaker notes.",
        "slide_n": "Slide {n}",
        "notes_label": "Notes",
        "read_notes": "Read the speaker notes",
        "print": "Print this page",
        "footer_links": "More on this site",
        "results_link": "Evaluation results",
        "contact": "Contact",
        "step_manager-breakfast": "Managers meet and learn what opening the workplace involves.",
        "step_basic-day": "Supervisors learn the basics of welcoming someone on a work trial or placement.",
        "step_deep-dive": "Half-days on one topic at a time, for those who have attended the basic day.",
        "step_network": "Supervisors from different workplaces meet and learn from each other.",
        "kind_manager-breakfast": "Breakfast meeting for managers",
        "kind_basic-day": "Basic day",
        "kind_deep-dive": "Deep-dive",
        "kind_network": "Network",
        "delivery_on-site": "On site",
        "delivery_online": "Online",
        "lang_sv": "Swedish",
        "lang_en": "English",
        "material_page": "Read and print: {title}",
        "material_download": "Download: {title}",
        "employers_title": "For employers and managers",
        "employers_text": (
            "## Why open your workplace?\n\n"
            "When you take someone in on a work trial or a placement, you help a person closer to work. "
            "At the same time, your workplace can find future colleagues and develop its supervisors.\n\n"
            "## What does it involve?\n\n"
            "- You name a supervisor who welcomes the person and is there for them.\n"
            "- The supervisor attends a basic day; the manager can attend a breakfast meeting.\n"
            "- You agree on tasks, hours and follow-up with the agency that placed the person.\n\n"
            "## What support is there?\n\n"
            "- The training is free. The association pays for the venue, coffee and lunch.\n"
            "- The agency or municipality that placed the person stays involved throughout and follows up.\n"
            "- The person on a work trial or placement is insured through the agency or municipality that placed them. "
            "Always ask about insurance before the start.\n"
        ),
        "employers_breakfasts": "Upcoming breakfast meetings for managers",
        "a11y_title": "Accessibility statement",
        "a11y_text": (
            "{organiser} is responsible for this website. We want as many people as possible to be able to use it. "
            "This page describes how the website meets the Swedish Act on accessibility to digital public services, "
            "what we know about its shortcomings, and how to report problems to us.\n\n"
            "## How accessible is the website?\n\n"
            "The website is partially compliant with the Act on accessibility to digital public services. "
            "Its pages are made to meet WCAG 2.1 level AA and are tested automatically, but they have not yet "
            "been reviewed by hand.\n\n"
            "## Known shortcomings and what has not been reviewed\n\n"
            "- The website has not been reviewed with a screen reader or with a keyboard alone.\n"
            "- The PowerPoint slide decks are documents for the trainers. They have a title on every slide, "
            "alternative text for images and the language set, but they have not been checked with a screen reader. "
            "The speaker notes are also on the website as text.\n"
            "- The search box needs JavaScript. All content can be reached through the menu and links without it.\n\n"
            "## What can you do if you cannot use parts of the website?\n\n"
            "If you need content from the website in another format, write to us at "
            "[{email}](mailto:{address}). We will answer as soon as we can.\n\n"
            "## Report accessibility problems\n\n"
            "If you find problems that are not described on this page, or if you think we do not meet the "
            "requirements of the Act, write to us at [{email}](mailto:{address}) so that we know the problem exists.\n\n"
            "## Enforcement\n\n"
            "The Agency for Digital Government (Digg) is responsible for enforcing the Act on accessibility to "
            "digital public services. If you are not satisfied with how we handle your comments, you can contact "
            "Digg through its website, digg.se.\n\n"
            "## How we tested the website\n\n"
            "Every type of page is tested automatically with the axe tool against WCAG 2.1 levels A and AA, in a real "
            "browser, in Swedish and English and at desktop and phone widths. The tests also check that the pages "
            "can be read without JavaScript. Automated tests find only some problems.\n\n"
            "The website was last published on {built}.\n"
        ),
    },
}


def labels(language: str) -> dict[str, str]:
    """The UI strings of ``language`` (English for a language we have no strings for)."""
    return UI.get(language, UI["en"])


format_date = dates.long_date  # 'torsdag 11 februari 2027' / 'Thursday 11 February 2027'
format_short_date = dates.short_date  # '11 februari 2027' (deadlines and the like)


def format_month(year: int, month: int, language: str) -> str:
    """Heading of a month: 'Mars 2027' / 'March 2027'."""
    name = dates.month_name(month, language)
    return f"{name[:1].upper()}{name[1:]} {year}"


format_when = dates.when  # 'torsdag 11 februari 2027, kl. 09.00–16.00' / 'Thursday 11 February 2027, 09:00–16:00'


def format_duration(minutes: int, language: str) -> str:
    """'7 tim', '1 tim 30 min', '45 min'."""
    words = labels(language)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return words["minutes"].format(n=rest)
    if not rest:
        return words["hours"].format(h=hours)
    return words["hours_minutes"].format(h=hours, m=rest)
