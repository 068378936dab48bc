"""Messages for editors in Swedish and English, from one catalog.

A message is an English template (``str.format`` fields) and its values; the English
template is also its key in :data:`SWEDISH`, so the code that reports a problem reads as
the English message it prints. A value may itself be a message (a hint, a list of
choices); it is shown in the same language. ``str(message)`` is the English text.

The editor's language comes from ``--lang``, else the environment (``COURSEGEN_LANG``,
then ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` when they start with ``sv`` or ``en``), else the
site's first language, else Swedish.

This module imports nothing from the rest of the generator: the loader, the model's
errors and the command line all use it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

EDITOR_LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
ENVIRONMENT = ("COURSEGEN_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True)
class Message:
    """One message: its English template and the values of its fields."""

    template: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, language: str = "en") -> str:
        """The message in ``language`` (English where the catalog has no translation)."""
        template = SWEDISH.get(self.template, self.template) if language == "sv" else self.template
        return template.format(**{key: shown(value, language) for key, value in self.values})

    def __str__(self) -> str:
        return self.text("en")


def msg(template: str, **values: object) -> Message:
    """A message from its English template, e.g. ``msg("unknown field '{key}'", key=key)``."""
    return Message(template, tuple(values.items()))


def shown(value: object, language: str) -> object:
    """A message as text in ``language``; any other value as it is (its format spec applies)."""
    return value.text(language) if isinstance(value, Message) else value


NOTHING = msg("")


def editor_language(chosen: str | None = None, environ: Mapping[str, str] | None = None,
                    site_language: str | None = None) -> str:
    """The language to speak to the editor in: 'sv' or 'en' (see the module docstring)."""
    if chosen in EDITOR_LANGUAGES:
        return chosen
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        value = (environ.get(name) or "").strip().lower()
        if value[:2] in EDITOR_LANGUAGES:
            return value[:2]
        if value and name == "COURSEGEN_LANG":
            break  # set to something else: fall back to the site's language
    if site_language in EDITOR_LANGUAGES:
        return site_language
    return DEFAULT_LANGUAGE


# The Swedish catalog: English template -> Swedish template, with the same {fields}.
SWEDISH: dict[str, str] = {}
SWEDISH.update({
    "": "",
    "{only}": "{only}",
    " (did you mean '{choice}'?)": " (menar du '{choice}'?)",
    "{some} or {last}": "{some} eller {last}",
})

# -- the loader: reading files (loading/source.py) --------------------------------------------
SWEDISH.update({
    "; check the indentation and quotes on this line and the one before":
        "; kontrollera indrag och citattecken på den här raden och raden före",
    '; a \'?\' inside {{...}} is not allowed: put the text in quotes, e.g. en: "Why?"':
        '; ett \'?\' inom {{...}} är inte tillåtet: sätt texten inom citattecken, t.ex. en: "Why?"',
    "; indent with spaces, not tabs": "; gör indrag med mellanslag, inte tabbar",
    "; a text containing ': ' must be put in quotes": "; en text som innehåller ': ' måste stå inom citattecken",
    "is a link to a file outside the content folder; put the file itself under content/ instead of a link":
        "är en länk till en fil utanför innehållsmappen; lägg själva filen under content/ i stället för en länk",
    "an invisible control character (U+{code:04X}) stands here; delete it (it often comes with text copied from another program)":
        "här står ett osynligt styrtecken (U+{code:04X}); ta bort det (det följer ofta med text som kopierats från ett annat program)",
    "the file is empty; fill it in or delete it": "filen är tom; fyll i den eller ta bort den",
    "this alias (*name) refers to the value it stands in, so the value never ends; write the value out instead":
        "det här aliaset (*namn) hänvisar till värdet det självt står i, så värdet tar aldrig slut; skriv ut värdet i stället",
    "aliases (*name) repeat values here more than {limit:,} times; write the values out instead":
        "alias (*namn) upprepar värden här fler än {limit:,} gånger; skriv ut värdena i stället",
    "the file is {size:.1f} MB, more than the {limit:.0f} MB allowed; make it smaller":
        "filen är {size:.1f} MB, mer än de {limit:.0f} MB som är tillåtna; gör den mindre",
    "cannot read the file: {reason}": "filen går inte att läsa: {reason}",
    "the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8 in your editor":
        "filen är inte UTF-8-text (byte 0x{byte:02x}); spara den som UTF-8 i din editor",
    "YAML syntax error: {problem}{hint}": "YAML-syntaxfel (på engelska): {problem}{hint}",
    "YAML error: {problem}": "YAML-fel (på engelska): {problem}",
    "the file is nested too deeply to read; content files need only a few levels of indentation":
        "filen är för djupt nästlad för att läsas; innehållsfiler behöver bara några nivåer av indrag",
})

# -- the loader: field readers (loading/fields.py) ----------------------------------------------
SWEDISH.update({
    "a mapping (key: value lines)": "en tabell (rader med nyckel: värde)",
    "a list (lines starting with '- ')": "en lista (rader som börjar med '- ')",
    "a single value": "ett enda värde",
    "nothing": "ingenting",
    "'{value}'": "'{value}'",
    'it may not contain spaces or any of < > " \' ` {{ }} | \\ ^ (write a space as %20)':
        'den får inte innehålla mellanslag eller något av < > " \' ` {{ }} | \\ ^ (skriv mellanslag som %20)',
    "it must start with https://": "den måste börja med https://",
    "the part after https:// must be a host name, e.g. https://www.example.org/anmalan":
        "delen efter https:// måste vara ett värdnamn, t.ex. https://www.example.org/anmalan",
    "its host name or port cannot be read; write it as https://host/path":
        "värdnamnet eller porten går inte att läsa; skriv den som https://värd/sökväg",
    "expected {kind}, found {found}": "här ska stå {kind}, men här står {found}",
    "the list is empty; add at least one item": "listan är tom; lägg till minst en rad",
    "expected a single value, found {found}": "här ska stå ett enda värde, men här står {found}",
    "is empty; write a value after the colon": "är tomt; skriv ett värde efter kolonet",
    "contains the invisible control character U+{code:04X}, written as an escape in quotes; remove it":
        "innehåller det osynliga styrtecknet U+{code:04X}, skrivet som en escape-sekvens inom citattecken; ta bort det",
    "is more than one line; write it on one line (this field is not Markdown)":
        "är mer än en rad; skriv det på en rad (det här fältet är inte Markdown)",
    "is {length:,} characters long; a text may have at most {limit:,}":
        "är {length:,} tecken långt; en text får vara högst {limit:,} tecken",
    "contains the placeholder '{word}'; write the real text before publishing":
        "innehåller platshållaren '{word}'; skriv den riktiga texten innan du publicerar",
    "needs one text per language, e.g. {{{example}}}": "behöver en text per språk, t.ex. {{{example}}}",
    "{number} is too small; it must be {minimum} or more": "{number} är för litet; det måste vara {minimum} eller mer",
    '\'{value}\' is not a clock time; write it as HH:MM, e.g. "09:30"':
        '\'{value}\' är inte ett klockslag; skriv det som TT:MM, t.ex. "09:30"',
    "'{value}' is not a valid id; use lower-case letters a-z, digits and single dashes, e.g. 2027-02-grunddag-halmstad":
        "'{value}' är inget giltigt id; använd små bokstäver a-z, siffror och enkla bindestreck, t.ex. 2027-02-grunddag-halmstad",
    "unknown value '{value}'{hint}; use {choices}": "okänt värde '{value}'{hint}; använd {choices}",
    "'{value}' is not a web address; {problem}": "'{value}' är ingen webbadress; {problem}",
    "'{value}' is not an e-mail address; write it as name@host, e.g. info@example.org":
        "'{value}' är ingen e-postadress; skriv den som namn@värd, t.ex. info@example.org",
    "a key must be a plain name": "en nyckel måste vara ett enkelt namn",
    "duplicate key '{key}' (first on line {first}); remove one of them":
        "nyckeln '{key}' finns två gånger (första gången på rad {first}); ta bort en av dem",
    "; allowed fields: {fields}": "; tillåtna fält: {fields}",
    "unknown field '{key}'{hint}": "okänt fält '{key}'{hint}",
    "missing required field '{key}'; add '{key}: ...'": "fältet '{key}' saknas men krävs; lägg till '{key}: ...'",
    "missing the '{lang}' text; add '{lang}: ...' (every site language needs one)":
        "texten på '{lang}' saknas; lägg till '{lang}: ...' (varje språk på webbplatsen behöver en)",
    "'{value}' is not a whole number": "'{value}' är inget heltal",
    "'{value}' is not a date in the calendar; check the month and day":
        "'{value}' är inget datum som finns i kalendern; kontrollera månad och dag",
    "'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2027-02-11":
        "'{value}' är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2027-02-11",
})

# -- the loader: content files (loading/content.py) ---------------------------------------------
SWEDISH.update({
    "no such folder; pass the content folder with --content DIR":
        "mappen finns inte; ange innehållsmappen med --content MAPP",
    "site.yaml is missing; every content folder needs one (see the editor guide)":
        "site.yaml saknas; varje innehållsmapp behöver en (se redaktörsguiden)",
    "unknown language code '{code}'{hint}; use a two-letter code such as 'sv' or 'en'":
        "okänd språkkod '{code}'{hint}; använd en kod med två bokstäver, t.ex. 'sv' eller 'en'",
    "'{code}' is listed twice": "'{code}' står två gånger",
    "unknown timezone '{zone}'; use an IANA name such as Europe/Stockholm":
        "okänd tidszon '{zone}'; använd ett IANA-namn, t.ex. Europe/Stockholm",
    "the question id '{ident}' is used twice; give every question its own id":
        "fråge-id:t '{ident}' används två gånger; ge varje fråga ett eget id",
    "a scale of {scale} cannot be used; write the highest rating, from 2 to 10, e.g. 5 for 1..5":
        "skalan {scale} går inte att använda; skriv det högsta betyget, från 2 till 10, t.ex. 5 för 1..5",
    '\'{value}\' is not a colour; write it as # and six hex digits, e.g. "#00566b" (in quotes: YAML reads # as a comment)':
        '\'{value}\' är ingen färg; skriv den som # och sex hexadecimala siffror, t.ex. "#00566b" '
        '(inom citattecken: YAML läser # som en kommentar)',
    '\'{value}\' has a contrast of {ratio:.2f}:1 against white; text in it would be hard to read (WCAG AA needs {needed}:1); choose a darker shade, e.g. "{darker}"':
        '\'{value}\' har kontrasten {ratio:.2f}:1 mot vitt; text i den färgen blir svår att läsa (WCAG AA kräver '
        '{needed}:1); välj en mörkare nyans, t.ex. "{darker}"',
    "'{value}' must contain {mark} once, where the file path goes, e.g. {example}":
        "'{value}' måste innehålla {mark} en gång, där filens sökväg ska stå, t.ex. {example}",
    "'{value}' must contain {mark} once, where the session id goes, e.g. {example}":
        "'{value}' måste innehålla {mark} en gång, där tillfällets id ska stå, t.ex. {example}",
    "'{value}' must be a path inside content/ written with '/' and without '.' or '..' parts, e.g. {example}":
        "'{value}' måste vara en sökväg inom content/, skriven med '/' och utan delarna '.' eller '..', t.ex. {example}",
    "'{value}' is not a usable place for the logo; put it in a folder of its own with a plain name, e.g. assets/logo.svg":
        "'{value}' är ingen användbar plats för logotypen; lägg den i en egen mapp med ett enkelt namn, t.ex. assets/logo.svg",
    "'{name}' is a {kind}; the logo must be an .svg or a .png file":
        "'{name}' är en {kind}; logotypen måste vara en .svg- eller .png-fil",
    "file without a type": "fil utan filtyp",
    "'{value}' {problem}": "'{value}' {problem}",
    "'{value}': {problem}": "'{value}': {problem}",
    "'{value}' line {line}: {problem}": "'{value}' rad {line}: {problem}",
    "file '{value}' does not exist; check the spelling or add the file under content/":
        "filen '{value}' finns inte; kontrollera stavningen eller lägg till filen under content/",
    "the modules/ folder is missing; add at least one module file":
        "mappen modules/ saknas; lägg till minst en modulfil",
    "module files end in .yaml; rename it to {stem}.yaml": "modulfiler slutar på .yaml; döp om den till {stem}.yaml",
    "'{stem}' is not a valid module id; name the file with lower-case letters a-z, digits and dashes, e.g. grunddag.yaml":
        "'{stem}' är inget giltigt modul-id; namnge filen med små bokstäver a-z, siffror och bindestreck, t.ex. grunddag.yaml",
    "no module files found; add one, e.g. modules/grunddag.yaml":
        "inga modulfiler hittades; lägg till en, t.ex. modules/grunddag.yaml",
    "the agenda adds up to {total} minutes, more than {duration}; shorten the agenda or raise duration_minutes":
        "dagordningen blir {total} minuter, mer än {duration}; korta dagordningen eller höj duration_minutes",
    "an {layout} slide needs speaker notes; add 'notes: {{{example}}}' with what the trainer says":
        "en bild med layouten {layout} behöver talarmanus; lägg till 'notes: {{{example}}}' med det utbildaren säger",
    "a {layout} slide needs speaker notes; add 'notes: {{{example}}}' with what the trainer says":
        "en bild med layouten {layout} behöver talarmanus; lägg till 'notes: {{{example}}}' med det utbildaren säger",
    "an image needs alt text; add 'alt: {{sv: ..., en: ...}}' describing what the picture shows":
        "en bildfil behöver alt-text; lägg till 'alt: {{sv: ..., en: ...}}' som beskriver vad bilden visar",
    "an image slide needs an image; add 'image: modules/<id>/picture.png'":
        "en bild med layouten image behöver en bildfil; lägg till 'image: modules/<id>/bild.png'",
    "'{value}' is not in a module's folder; keep images and materials in content/modules/<module-id>/, e.g. {example}":
        "'{value}' ligger inte i en moduls mapp; lägg bilder och material i content/modules/<modul-id>/, t.ex. {example}",
    "'{part}' is not a usable file or folder name: it becomes part of a web address; use letters, digits, '-', '_' and '.', e.g. checklista-2027.pdf":
        "'{part}' är inget användbart fil- eller mappnamn: det blir en del av en webbadress; använd bokstäver, siffror, "
        "'-', '_' och '.', t.ex. checklista-2027.pdf",
    "'{name}' gives its page no address: the name needs letters a-z or digits, e.g. checklista.sv.md":
        "'{name}' ger sin sida ingen adress: namnet behöver bokstäver a-z eller siffror, t.ex. checklista.sv.md",
    "'{name}' is a {kind}; this field takes {types} files only":
        "'{name}' är en {kind}; det här fältet tar bara filer av typen {types}",
    "is {width}×{height} pixels, more than a slide or a page can show; make it smaller, e.g. 2000×1500":
        "är {width}×{height} pixlar, mer än en bild eller en sida kan visa; gör den mindre, t.ex. 2000×1500",
    "is not a picture that can be read; export it again as PNG or JPEG":
        "är ingen bild som går att läsa; exportera den igen som PNG eller JPEG",
    "is a {kind} picture with a {suffix} name; export it as {wanted} or rename it":
        "är en {kind}-bild med ett {suffix}-namn; exportera den som {wanted} eller döp om den",
    "is not a PDF file; export it again as PDF": "är ingen PDF-fil; exportera den igen som PDF",
    "is not a {suffix} document; save it again from the office program":
        "är inget {suffix}-dokument; spara det igen från kontorsprogrammet",
    "is not UTF-8 text; save it as UTF-8 in your editor": "är inte UTF-8-text; spara den som UTF-8 i din editor",
    "has an invisible control character on line {line}; delete it":
        "har ett osynligt styrtecken på rad {line}; ta bort det",
    "sessions.yaml is missing; add one with venues, trainers and sessions (may be empty lists)":
        "sessions.yaml saknas; lägg till en med venues, trainers och sessions (får vara tomma listor)",
    "'{name}' has no letters or digits; write the municipality's name, e.g. Halmstad":
        "'{name}' har inga bokstäver eller siffror; skriv kommunens namn, t.ex. Halmstad",
    "'{name}' is written '{first}' on line {line}; write a municipality the same way everywhere (it names one calendar and one page)":
        "'{name}' skrivs '{first}' på rad {line}; skriv en kommun likadant överallt (den ger namn åt en kalender och en sida)",
    "expected a mapping of ids to entries, e.g. 'stadsbiblioteket-halmstad: {{name: ..., ...}}'":
        "här ska stå en tabell med id och uppgifter, t.ex. 'stadsbiblioteket-halmstad: {{name: ..., ...}}'",
    "'{key}' is not a valid id; use lower-case letters a-z, digits and dashes":
        "'{key}' är inget giltigt id; använd små bokstäver a-z, siffror och bindestreck",
    "duplicate id '{key}' (first on line {line}); ids must be unique":
        "id:t '{key}' finns två gånger (första gången på rad {line}); varje id får bara finnas en gång",
    "'{id}' is the name of a calendar page (/sessions/{id}/); give the session another id, e.g. 2027-02-grunddag-halmstad":
        "'{id}' är namnet på en kalendersida (/sessions/{id}/); ge tillfället ett annat id, t.ex. 2027-02-grunddag-halmstad",
    "duplicate session id '{id}' (first on line {line}); every session needs its own id":
        "tillfällets id '{id}' finns två gånger (första gången på rad {line}); varje tillfälle behöver ett eget id",
    "unknown module '{module}'{hint}; it must be the name of a file in modules/ without .yaml":
        "okänd modul '{module}'{hint}; det måste vara namnet på en fil i modules/ utan .yaml",
    "the session ends ({end:%H:%M}) before it starts ({start:%H:%M}); check start and end":
        "tillfället slutar ({end:%H.%M}) innan det börjar ({start:%H.%M}); kontrollera start och end",
    "{clock:%H:%M} does not exist on {date} in {zone} (the clocks go forward); pick a time outside the skipped hour":
        "klockan {clock:%H.%M} finns inte den {date} i {zone} (klockan ställs fram); välj en tid utanför den överhoppade timmen",
    "{clock:%H:%M} happens twice on {date} in {zone} (the clocks go back); pick a time outside the repeated hour":
        "klockan {clock:%H.%M} inträffar två gånger den {date} i {zone} (klockan ställs tillbaka); välj en tid utanför den upprepade timmen",
    "a session has either a venue or an online link, not both; remove one":
        "ett tillfälle har antingen en lokal eller en möteslänk, inte båda; ta bort den ena",
    "unknown venue '{venue}'{hint}; add it under venues: or fix the id":
        "okänd lokal '{venue}'{hint}; lägg till den under venues: eller rätta id:t",
    "missing a place; add 'venue: <venue-id>' or, for a digital session, 'online: {{url: https://...}}'":
        "plats saknas; lägg till 'venue: <lokal-id>' eller, för ett digitalt tillfälle, 'online: {{url: https://...}}'",
    "unknown trainer '{trainer}'{hint}; add them under trainers: or fix the id":
        "okänd utbildare '{trainer}'{hint}; lägg till personen under trainers: eller rätta id:t",
    "trainer '{trainer}' is listed twice": "utbildaren '{trainer}' står två gånger",
    "capacity cannot be negative ({capacity}); write the number of places, e.g. 30":
        "antalet platser kan inte vara negativt ({capacity}); skriv antalet platser, t.ex. 30",
    "the deadline {deadline} is after the session ({date}); set it on or before the session date":
        "sista anmälningsdag {deadline} är efter tillfället ({date}); sätt den på eller före tillfällets datum",
    "places left cannot be negative ({places}); write 0, or set 'status: full' when the session is full":
        "antalet lediga platser kan inte vara negativt ({places}); skriv 0, eller sätt 'status: full' när tillfället är fullt",
    "{places} places left is more than the capacity ({capacity}); lower places_left or raise capacity":
        "{places} lediga platser är fler än antalet platser ({capacity}); sänk places_left eller höj capacity",
    "'{slug}' is not a usable page name; name a page with lower-case letters a-z, digits and dashes, and the language: e.g. om-programmet.{language}.md":
        "'{slug}' är inget användbart sidnamn; namnge en sida med små bokstäver a-z, siffror och bindestreck, "
        "och språket: t.ex. om-programmet.{language}.md",
    "the page name '{slug}' is used by the generated site (/{first}/); rename the file, e.g. om-programmet.md":
        "sidnamnet '{slug}' används av den genererade webbplatsen (/{first}/); döp om filen, t.ex. om-programmet.md",
    "the front matter that starts with '---' has no closing '---' line; add one after the last field":
        "sidhuvudet som börjar med '---' har ingen avslutande '---'-rad; lägg till en efter sista fältet",
    "the page is empty; write it or delete the file": "sidan är tom; skriv den eller ta bort filen",
    "'{file}' and '{first}' would both be published as {address}; give one of the files another name":
        "'{file}' och '{first}' skulle båda publiceras som {address}; ge en av filerna ett annat namn",
    "not a PowerPoint presentation; save the template from PowerPoint as .pptx, or remove the file to use the programme's own template":
        "ingen PowerPoint-presentation; spara mallen från PowerPoint som .pptx, eller ta bort filen för att använda programmets egen mall",
    "the template unpacks to more than {limit} MB; save it again from PowerPoint without large pictures or videos":
        "mallen packas upp till mer än {limit} MB; spara den igen från PowerPoint utan stora bilder eller filmer",
    "the template holds macros or embedded programs ({part}); save it as a plain .pptx presentation without them":
        "mallen innehåller makron eller inbäddade program ({part}); spara den som en vanlig .pptx-presentation utan dem",
    "the template links to something outside the file ({part}); insert pictures into the template instead of linking to them, and remove links":
        "mallen länkar till något utanför filen ({part}); infoga bilder i mallen i stället för att länka till dem, och ta bort länkar",
    "the template has no slide layout named {missing}; rename its layouts in PowerPoint (View > Slide Master) to {layouts}":
        "mallen har ingen bildlayout som heter {missing}; döp om dess layouter i PowerPoint (Visa > Bildbakgrund) till {layouts}",
})

# -- check's output (editing/formats.py, checking.py, translations.py) ---------------------------
SWEDISH.update({
    "{count} error found; nothing was built or changed.": "{count} fel hittades; inget byggdes eller ändrades.",
    "{count} errors found; nothing was built or changed.": "{count} fel hittades; inget byggdes eller ändrades.",
    "warning": "varning",
    "{count} warning (see above).": "{count} varning (se ovan).",
    "{count} warnings (see above).": "{count} varningar (se ovan).",
    "{folder}: OK: {modules} modules, {slides} slides, {sessions} sessions, {venues} venues, {trainers} trainers ({seconds:.2f} s)":
        "{folder}: OK: {modules} moduler, {slides} bilder, {sessions} tillfällen, {venues} lokaler, "
        "{trainers} utbildare ({seconds:.2f} s)",
    "the same text in {languages}: '{preview}'; translate it": "samma text på {languages}: '{preview}'; översätt den",
    "{some} and {last}": "{some} och {last}",
})

# -- editing: scaffolding, status changes, questions (editing/, cli.py) -----------------------------
SWEDISH.update({
    "'{key}:' is not a list written with '- ' lines; add the entry by hand":
        "'{key}:' är ingen lista skriven med '- '-rader; lägg till posten för hand",
    "'{key}:' spans several lines; add the entry by hand": "'{key}:' sträcker sig över flera rader; lägg till posten för hand",
    "the value spans several lines; change it by hand": "värdet sträcker sig över flera rader; ändra det för hand",
    "the entry is written in {{...}} style; change it by hand": "posten är skriven i {{...}}-form; ändra den för hand",
    "the file was changed by someone else meanwhile; run the command again":
        "filen har ändrats av någon annan under tiden; kör kommandot igen",
    "no session with id '{id}'{hint}": "det finns inget tillfälle med id '{id}'{hint}",
    "'{id}' cannot replace the session: it must be another session that is not cancelled{hint}":
        "'{id}' kan inte ersätta tillfället: det måste vara ett annat tillfälle som inte är inställt{hint}",
    "module '{id}' already exists; pick another id": "modulen '{id}' finns redan; välj ett annat id",
    "'{value}': write LANGUAGE=TEXT with a site language ({languages})":
        "'{value}': skriv SPRÅK=TEXT med ett av webbplatsens språk ({languages})",
    "{problem}; try again": "{problem}; försök igen",
    "{question} [j/N]": "{question} [j/N]",
    "{question} [y/N]": "{question} [y/N]",
    "answer yes or no": "svara ja eller nej",
    "Added {id} to {path}.": "Lade till {id} i {path}.",
    "Review, commit and push to publish.": "Granska, committa och pusha för att publicera.",
    "Created {path}.": "Skapade {path}.",
    "Add slides and speaker notes, then run 'coursegen check'.":
        "Lägg till bilder och talarmanus och kör sedan 'coursegen check'.",
    "{id} is cancelled in {path}; the site and the calendars show it as cancelled.":
        "{id} är inställt i {path}; webbplatsen och kalendrarna visar det som inställt.",
    "{id} is marked {status}.": "{id} är markerat som {status}.",
    "{id} has {count} places left.": "{id} har {count} lediga platser.",
    "The text that would have been written to {path} (nothing was written):":
        "Texten som skulle ha skrivits i {path} (inget skrevs):",
    "{path} (proposed)": "{path} (förslag)",
    "The previous {site} was left as it was.": "Den tidigare {site} lämnades som den var.",
    "Nothing was changed.": "Inget ändrades.",
    "{id} is cancelled; if it takes place after all, change its status in {path} by hand.":
        "{id} är inställt; om det blir av ändå, ändra dess status i {path} för hand.",
    "{id} is already cancelled.": "{id} är redan inställt.",
    "{id} is already marked {status}.": "{id} är redan markerat som {status}.",
    "{id} already has {count} places left.": "{id} har redan {count} lediga platser.",
    "build failed: {reason}": "bygget misslyckades: {reason}",
    "Fix these errors first.": "Rätta felen först.",
    "Module": "Modul",
    "Date (YYYY-MM-DD)": "Datum (ÅÅÅÅ-MM-DD)",
    "Start (HH:MM)": "Starttid (TT:MM)",
    "End (HH:MM)": "Sluttid (TT:MM)",
    "Venue": "Lokal",
    "online": "digitalt",
    "Meeting link (https://...)": "Möteslänk (https://...)",
    "Trainers": "Utbildare",
    "Trainer ids, separated by commas (empty = none)": "Utbildarnas id, med komma emellan (tomt = inga)",
    "Places (empty = not given)": "Antal platser (tomt = anges inte)",
    "Registration link (empty = none)": "Anmälningslänk (tomt = ingen)",
    "Last day to register, YYYY-MM-DD (empty = none)": "Sista anmälningsdag, ÅÅÅÅ-MM-DD (tomt = ingen)",
    "Language the session is taught in ({choices})": "Språk som tillfället hålls på ({choices})",
    "{label}:": "{label}:",
    "{label} ({lang})": "{label} ({lang})",
    "Id (e.g. fordjupning-samtal)": "Id (t.ex. fordjupning-samtal)",
    "Kind ({choices})": "Sort ({choices})",
    "Title": "Titel",
    "Summary": "Sammanfattning",
    "Audience": "Målgrupp",
    "An objective": "Ett mål",
    "Length in minutes": "Längd i minuter",
    "Delivery ({choices})": "Form ({choices})",
    "Write this change to {path}?": "Skriva ändringen till {path}?",
    "Reason, for the organisers only (empty = none)": "Orsak, bara för arrangörerna (tomt = ingen)",
    "Note for participants in {lang} (empty = none)": "Meddelande till deltagarna på {lang} (tomt = inget)",
    "Note for participants in {lang}": "Meddelande till deltagarna på {lang}",
    "Id of the session that replaces it (empty = none)": "Id för tillfället som ersätter det (tomt = inget)",
    "give the note in every site language: add --note {lang}=...":
        "skriv meddelandet på alla webbplatsens språk: lägg till --note {lang}=...",
})

# -- the loader: evaluation answers (loading/evaluations.py) -------------------------------------
SWEDISH.update({
    "1 cell": "1 cell",
    "{count} cells": "{count} celler",
    "'{folder}' must be a folder holding one <session-id>.csv file per session; remove the file or make it a folder":
        "'{folder}' måste vara en mapp med en <tillfällets-id>.csv-fil per tillfälle; ta bort filen eller gör den till en mapp",
    "there are evaluation answers but site.yaml has no 'evaluation' section; add it with the form's url and the questions whose ids head the columns (see the editor guide)":
        "det finns utvärderingssvar men site.yaml har inget avsnitt 'evaluation'; lägg till det med formulärets url "
        "och frågorna vars id står överst i kolumnerna (se redaktörsguiden)",
    "{folder}/ holds {count} files, more than the {limit} allowed; move the answers of old sessions elsewhere":
        "{folder}/ innehåller {count} filer, fler än de {limit} som är tillåtna; flytta svaren från gamla tillfällen någon annanstans",
    "the file is empty; its first row must name the questions by their ids, e.g. {example}":
        "filen är tom; dess första rad ska ange frågorna med deras id, t.ex. {example}",
    "the file has {count} answers, more than the {limit} one session can have; check that it is the right file":
        "filen har {count} svar, fler än de {limit} ett tillfälle kan ha; kontrollera att det är rätt fil",
    "this row has {cells} but the first row names {questions} questions; every row needs one cell per question, separated by '{separator}' (an unanswered question is an empty cell; a text with the separator in it goes in double quotes)":
        "raden har {cells} men första raden anger {questions} frågor; varje rad behöver en cell per fråga, åtskilda "
        "med '{separator}' (en obesvarad fråga är en tom cell; en text som innehåller skiljetecknet sätts inom dubbla citattecken)",
    "{folder}/ holds one <session-id>.csv file per session and no folders; move the files in it up into {folder}/":
        "{folder}/ innehåller en <tillfällets-id>.csv-fil per tillfälle och inga mappar; flytta upp filerna i den till {folder}/",
    "'{name}' is not a .csv file; {folder}/ holds only <session-id>.csv files (export the answers as CSV and name the file after the session's id, e.g. 2027-02-grund-halmstad.csv)":
        "'{name}' är ingen .csv-fil; {folder}/ innehåller bara <tillfällets-id>.csv-filer (exportera svaren som CSV "
        "och döp filen efter tillfällets id, t.ex. 2027-02-grund-halmstad.csv)",
    "the session '{id}' is cancelled in sessions.yaml, so it has no answers; delete the file, or correct the session's status":
        "tillfället '{id}' är inställt i sessions.yaml och har därför inga svar; ta bort filen, eller rätta tillfällets status",
    "column {number} of the first row has no question id; write the id of a question ({ids}) or delete the empty column":
        "kolumn {number} på första raden saknar fråge-id; skriv id för en fråga ({ids}) eller ta bort den tomma kolumnen",
    "; the columns are separated by '{separator}' here: if they are separated by '{other}', the first row must use '{other}' too":
        "; kolumnerna skiljs här åt med '{separator}': om de skiljs åt med '{other}' måste första raden också använda '{other}'",
    "the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8 (in Excel: 'CSV UTF-8'; in LibreOffice: the character set Unicode (UTF-8))":
        "filen är inte UTF-8-text (byte 0x{byte:02x}); spara den som UTF-8 (i Excel: 'CSV UTF-8'; i LibreOffice: "
        "teckenuppsättningen Unicode (UTF-8))",
    "text follows the closing double quote of a cell; put the whole cell in quotes and write a quote inside it as \"\", or end the cell with '{separator}'":
        "text står efter cellens avslutande dubbla citattecken; sätt hela cellen inom citattecken och skriv ett "
        "citattecken i den som \"\", eller avsluta cellen med '{separator}'",
    "no session has the id '{id}'{hint}; name the file after the id of a session in sessions.yaml, followed by .csv":
        "inget tillfälle har id '{id}'{hint}; döp filen efter id för ett tillfälle i sessions.yaml, följt av .csv",
    "unknown question '{name}'{hint}; the first row must name questions of site.yaml: evaluation.questions by their ids: {ids}{split}":
        "okänd fråga '{name}'{hint}; första raden ska ange frågor ur site.yaml: evaluation.questions med deras id: {ids}{split}",
    "'{value}' is not a rating from 1 to {scale}; write a whole number from 1 to {scale}, or leave the cell empty if the question was not answered":
        "'{value}' är inget betyg från 1 till {scale}; skriv ett heltal från 1 till {scale}, eller lämna cellen tom "
        "om frågan inte besvarades",
    "the answer is {length:,} characters long, more than the {limit:,} allowed; check that the columns are separated as in the first row":
        "svaret är {length:,} tecken långt, mer än de {limit:,} som är tillåtna; kontrollera att kolumnerna skiljs åt "
        "som på första raden",
    "a text that starts with a double quote (\") here is never closed; end it with \", and write a quote inside a text as \"\"":
        "en text som börjar med ett dubbelt citattecken (\") här avslutas aldrig; avsluta den med \", och skriv ett "
        "citattecken inuti en text som \"\"",
    "the question '{id}' heads column {first} and column {second}; keep one of the columns":
        "frågan '{id}' står överst i kolumn {first} och kolumn {second}; behåll en av kolumnerna",
})


# The logo (loading/svg.py).
SWEDISH.update({
    "the file is {size:.1f} MB; a logo should be well under 1 MB":
        "filen är {size:.1f} MB; en logotyp bör vara långt under 1 MB",
    "has a <!DOCTYPE> or <!ENTITY> declaration; export the logo again as plain SVG (e.g. 'Plain SVG' in Inkscape)":
        "har en <!DOCTYPE>- eller <!ENTITY>-deklaration; exportera logotypen igen som enkel SVG "
        "(t.ex. ”Vanlig SVG” i Inkscape)",
    "has more than {limit} elements; simplify the logo":
        "har fler än {limit} element; förenkla logotypen",
    "has a <{element}> element, which a logo may not contain; use shapes, paths, gradients and text only":
        "har ett <{element}>-element, som en logotyp inte får innehålla; använd bara former, banor, övertoningar och text",
    "the <{element}> element has the attribute '{attribute}', which a logo may not have; remove it (scripts, styles and links are not allowed)":
        "elementet <{element}> har attributet '{attribute}', som en logotyp inte får ha; ta bort det "
        "(skript, stilar och länkar är inte tillåtna)",
    "the <{element}> element points at '{target}'; a logo may refer only to its own parts (#id)":
        "elementet <{element}> pekar på '{target}'; en logotyp får bara hänvisa till sina egna delar (#id)",
    "the attribute '{attribute}' refers to '{target}'; a logo may refer only to its own parts: url(#id)":
        "attributet '{attribute}' hänvisar till '{target}'; en logotyp får bara hänvisa till sina egna delar: url(#id)",
    "has a processing instruction <?{target}?>; remove it":
        "har en bearbetningsinstruktion <?{target}?>; ta bort den",
    "is not a readable SVG file; export it again as plain SVG":
        "är ingen läsbar SVG-fil; exportera den igen som enkel SVG",
    "is not an SVG file: it must start with an <svg> element":
        "är ingen SVG-fil: den måste börja med ett <svg>-element",
    "the <svg> element needs a viewBox (or width and height), so the logo can be scaled; export it again with its size":
        "elementet <svg> behöver en viewBox (eller bredd och höjd) så att logotypen kan skalas; exportera den igen med sin storlek",    "has elements nested more than {limit} deep; simplify the logo":
        "har element som ligger i varandra i mer än {limit} nivåer; förenkla logotypen",
    "the attribute '{attribute}' has a backslash (\\) in '{value}'; a logo's values are plain numbers, colours and names: write it without":
        "attributet '{attribute}' har ett omvänt snedstreck (\\) i '{value}'; en logotyps värden är vanliga tal, "
        "färger och namn: skriv det utan",
    "the attribute '{attribute}' has the number {number}, larger than {limit} as no logo needs; export the logo again at a usual size":
        "attributet '{attribute}' har talet {number}, större än {limit}, vilket ingen logotyp behöver; exportera "
        "logotypen igen i en vanlig storlek",
    "the viewBox '{value}' is not four numbers 'x y width height' with a positive width and height; export the logo again with its size":
        "viewBox '{value}' är inte fyra tal 'x y bredd höjd' med positiv bredd och höjd; exportera logotypen igen "
        "med sin storlek",
    "the <svg> element's {attribute} '{value}' is not a positive length such as 120 or 40px; export the logo again with its size":
        "elementet <svg> har {attribute} '{value}', som inte är en positiv längd som 120 eller 40px; exportera "
        "logotypen igen med sin storlek",
    "the logo is {width:g} wide and {height:g} tall, more than {limit} times as wide as it is tall (or as tall as wide), too thin to show as an icon; crop it or export a more compact version":
        "logotypen är {width:g} bred och {height:g} hög, mer än {limit} gånger så bred som hög (eller så hög som "
        "bred), för smal för att visas som ikon; beskär den eller exportera en mer kompakt version",
    "the <{element}> element refers to itself, directly or through other parts; remove the reference in a circle":
        "elementet <{element}> hänvisar till sig självt, direkt eller via andra delar; ta bort hänvisningen i cirkel",
    "draws more than {limit} shapes, counting every copy that <use> and url(#id) make; simplify the logo":
        "ritar fler än {limit} former, räknat med varje kopia som <use> och url(#id) gör; förenkla logotypen",
    "takes more than {seconds} seconds to draw; simplify the logo":
        "tar mer än {seconds} sekunder att rita; förenkla logotypen",
    "cannot be drawn by Typst, which draws the logo for the slides, icons and printed documents ({reason}); simplify it or export it again as plain SVG":
        "kan inte ritas av Typst, som ritar logotypen för bilderna, ikonerna och de utskrivna dokumenten "
        "({reason}); förenkla den eller exportera den igen som enkel SVG",
})

# Slide decks: check's warnings about slide words no line can hold (rendering/decks/warnings.py).
SWEDISH.update({
    "the title at {size} pt": "rubriken i {size} punkter",
    "a line of the slide at {size:g} pt": "en rad på bilden i {size:g} punkter",
    "the word '{word}' ({letters} letters) is wider than {what}, so the deck breaks it in the middle; "
    "shorten it, or add a hyphen where it may break (e.g. 'arbetsmarknads-utbildning')":
        "ordet '{word}' ({letters} bokstäver) är bredare än {what}, så bildspelet delar det mitt i; "
        "korta det, eller lägg in ett bindestreck där det får delas (t.ex. 'arbetsmarknads-utbildning')",
})


# Logo shape and address length (loading/content.py, loading/fields.py).
SWEDISH.update({
    "is {width} by {height} pixels, more than {limit} times as wide as it is tall (or as tall as wide), too thin to show as an icon; crop it or export a more compact version":
        "är {width} gånger {height} bildpunkter, mer än {limit} gånger så bred som hög (eller så hög som bred), för "
        "smal för att visas som ikon; beskär den eller exportera en mer kompakt version",
    "it is {length} characters long; an address may have at most {limit}, so that it fits a QR code and every mail program; use a shorter address":
        "den är {length} tecken lång; en adress får ha högst {limit} tecken, så att den ryms i en QR-kod och i alla "
        "e-postprogram; använd en kortare adress",
})

# Macros on hand-written pages (rendering/site/macros.py). What Jinja or Python says is quoted in English.
SWEDISH.update({
    "write a macro as {form} with its values written out, e.g. {example}":
        "skriv ett makro som {form} med värdena utskrivna, t.ex. {example}",
    "the macros {macros} and the variables {variables} (see 'Write your own pages' in the editor guide)":
        "makrona {macros} och variablerna {variables} (se 'Skriva egna sidor' i redaktörsguiden)",
    "unknown macro or variable '{name}'{hint}; a page can use {names}":
        "okänt makro eller okänd variabel '{name}'{hint}; på en sida kan du använda {names}",
    "the macros cannot be rendered: {kind}: {problem}; a page can use {names}":
        "makrona kunde inte köras (på engelska): {kind}: {problem}; på en sida kan du använda {names}",
    "the macros cannot be rendered: {problem}; a page can use {names}":
        "makrona kunde inte köras (på engelska): {problem}; på en sida kan du använda {names}",
    "not allowed in a page: {what}; a page can use {names}, as {name_form} or {call_form}":
        "inte tillåtet på en sida: {what}; på en sida kan du använda {names}, som {name_form} eller {call_form}",
    "not allowed in a page: {what}; a page can use {names}, and nothing inside them":
        "inte tillåtet på en sida: {what}; på en sida kan du använda {names}, men inget inuti dem",
    "not allowed in a page: 'self'; a page can use {names}":
        "inte tillåtet på en sida: 'self'; på en sida kan du använda {names}",
    "not allowed in a page: '{what}'; {write}": "inte tillåtet på en sida: '{what}'; {write}",
    "not allowed in a page: '*' or '**' in the call of {name}(); {write}":
        "inte tillåtet på en sida: '*' eller '**' i anropet av {name}(); {write}",
    "the test 'is {name}'": "testet 'is {name}'",
    "the operator '{operator}'": "operatorn '{operator}'",
    "the filter '|{name}'": "filtret '|{name}'",
    "a filter": "ett filter",
    "a comparison": "en jämförelse",
    "a list": "en lista",
    "a tuple": "en tupel",
    "a dict": "en ordbok (dict)",
    "the name '{name}'": "namnet '{name}'",
    "a call": "ett anrop",
    "a number with too many digits": "ett tal med för många siffror",
    "brackets, statements or operators nested too deeply":
        "parenteser, satser eller operatorer som ligger i varandra i för många nivåer",
    "the macro cannot be read: {problem}; {write}": "makrot går inte att läsa: {problem}; {write}",
    "the macro cannot be read: {problem}; write a macro as {form}, and text that starts with '{variable}' or '{statement}' as {variable_written} or {statement_written}":
        "makrot går inte att läsa (på engelska): {problem}; skriv ett makro som {form}, och text som börjar med "
        "'{variable}' eller '{statement}' som {variable_written} eller {statement_written}",
    "{problem}; a page can use {names}": "{problem} (på engelska); på en sida kan du använda {names}",
    "a page cannot include, import or extend other files ('{name}'); a page can use {names}":
        "en sida kan inte ta med, importera eller bygga vidare på andra filer ('{name}'); på en sida kan du använda {names}",
    "{problem}; see the arguments in 'Write your own pages' in the editor guide":
        "{problem} (på engelska); se argumenten under 'Skriva egna sidor' i redaktörsguiden",
    "the operator '{operator}' is not allowed in a page; write the text or number itself":
        "operatorn '{operator}' är inte tillåten på en sida; skriv själva texten eller talet",
    "the macros of this page write more than {limit:,} characters; call them fewer times or with a smaller limit=":
        "makrona på den här sidan skriver mer än {limit:,} tecken; anropa dem färre gånger eller med ett mindre limit=",
    "a page may call macros at most {limit} times; split it into several pages":
        "en sida får anropa makron högst {limit} gånger; dela upp den på flera sidor",
    "'{name}' is a macro: write {name}(...), e.g. {name}()": "'{name}' är ett makro: skriv {name}(...), t.ex. {name}()",
    "'{name}' is a variable, not a macro: write {written}": "'{name}' är en variabel, inte ett makro: skriv {written}",
    "{name}(): '{key}=' is given twice; write it once": "{name}(): '{key}=' står två gånger; skriv det bara en gång",
    "{name}(): {what} is not allowed as a value in a page; {write}":
        "{name}(): {what} går inte att använda som värde på en sida; {write}",
    "upcoming_sessions(kind=...): unknown kind {value}{hint}; use {choices}":
        "upcoming_sessions(kind=...): okänd typ av utbildning {value}{hint}; använd {choices}",
    "upcoming_sessions(module=...): unknown module {value}{hint}; use the name of a file in modules/ without .yaml":
        "upcoming_sessions(module=...): okänd modul {value}{hint}; använd namnet på en fil i modules/ utan .yaml",
    'upcoming_sessions(municipality=...): no venue is in {value}{hint}; use the municipality of a venue in sessions.yaml, e.g. "{example}"':
        'upcoming_sessions(municipality=...): ingen lokal ligger i {value}{hint}; använd kommunen för en lokal i '
        'sessions.yaml, t.ex. "{example}"',
    "upcoming_sessions(limit=...): {value} is not a number of sessions; write e.g. limit=5":
        "upcoming_sessions(limit=...): {value} är inget antal tillfällen; skriv t.ex. limit=5",
    'module_link(): unknown module {value}{hint}; use the name of a file in modules/ without .yaml, e.g. module_link("grunddag")':
        'module_link(): okänd modul {value}{hint}; använd namnet på en fil i modules/ utan .yaml, '
        't.ex. module_link("grunddag")',
    "evaluation_share(): {problem}": "evaluation_share() (på engelska): {problem}",
    "{call}: {problem}": "{call}: {problem}",
})


# evaluation_share() on hand-written pages (rendering/site/results.py).
SWEDISH.update({
    "site.yaml has no 'evaluation' section, so there are no answers to cite; add the section, or remove the macro":
        "site.yaml har ingen del 'evaluation', så det finns inga svar att citera; lägg till delen eller ta bort makrot",
    "'{shown}' is not a question with a rating scale{hint}; use the id of one in site.yaml: evaluation.questions ({ids}), e.g. {example}":
        "'{shown}' är ingen fråga med betygsskala{hint}; använd id för en av frågorna i site.yaml: "
        "evaluation.questions ({ids}), t.ex. {example}",
    "'{shown}' is not a rating of '{question}'; write a whole number from 1 to {scale}, e.g. {example} for the share who gave {high} or {scale}":
        "'{shown}' är inget betyg på '{question}'; skriv ett heltal från 1 till {scale}, t.ex. {example} för "
        "andelen som gav {high} eller {scale}",
    "unknown module '{shown}'{hint}; use the name of a file in modules/ without .yaml, or leave module= out for every session":
        "okänd modul '{shown}'{hint}; använd namnet på en fil i modules/ utan .yaml, eller utelämna module= för "
        "alla tillfällen",
})
