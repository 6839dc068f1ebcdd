"""The demo's events: categories, the events section, past events and the upcoming programme.

Past events keep their real dates for the archive; upcoming ones (`demo.upcoming_events`) are
dated from the load day. Keyed by slug; a dated event nobody has edited moves to the new dates on
a later load, an edited one stays as it is.
"""

from datetime import date, time

from django.db import transaction

from wagtail.models import Locale
from wagtail.rich_text import RichText

from demo.builders import (
    DemoContext,
    ensure_child_page,
    ensure_illustration,
    ensure_menu_items,
    ensure_translation,
    refresh_untouched,
)
from demo.upcoming_events import upcoming_events
from events.models import (
    EventCategory,
    EventExceptionDate,
    EventIndexPage,
    EventOrganiser,
    EventPage,
)

CATEGORIES = {
    "conference": {
        "en": "Conference",
        "de": "Konferenz",
        "fr": "Conférence",
        "fi": "Konferenssi",
        "it": "Conferenza",
        "es": "Congreso",
        "nl": "Conferentie",
        "tr": "Konferans",
    },
    "multiplier-event": {
        "en": "Multiplier event",
        "de": "Multiplikatorenveranstaltung",
        "fr": "Événement de diffusion",
        "fi": "Levitystilaisuus",
        "it": "Evento moltiplicatore",
        "es": "Evento multiplicador",
        "nl": "Multiplier-evenement",
        "tr": "Yaygınlaştırma etkinliği",
    },
    "workshop": {
        "en": "Workshop",
        "de": "Workshop",
        "fr": "Atelier",
        "fi": "Työpaja",
        "it": "Laboratorio",
        "es": "Taller",
        "nl": "Workshop",
        "tr": "Çalıştay",
    },
    "webinar": {
        "en": "Webinar",
        "de": "Webinar",
        "fr": "Webinaire",
        "fi": "Webinaari",
        "it": "Webinar",
        "es": "Seminario web",
        "nl": "Webinar",
        "tr": "Web semineri",
    },
    "network-meeting": {
        "en": "Network meeting",
        "de": "Netzwerktreffen",
        "fr": "Réunion du réseau",
        "fi": "Verkostotapaaminen",
        "it": "Incontro della rete",
        "es": "Reunión de la red",
        "nl": "Netwerkbijeenkomst",
        "tr": "Ağ toplantısı",
    },
}

INDEX_TITLE = "Events"
INDEX_INTRO = (
    "Conferences, multiplier events, workshops, webinars and meetings of the network. "
    "Subscribe to the calendar to see them in your own calendar app."
)
INDEX_TRANSLATIONS = {
    "de": {
        INDEX_TITLE: "Veranstaltungen",
        INDEX_INTRO: (
            "Konferenzen, Multiplikatorenveranstaltungen, Workshops, Webinare und Treffen des "
            "Netzwerks. Abonnieren Sie den Kalender, um sie in Ihrer eigenen Kalender-App zu sehen."
        ),
    },
    "fr": {
        INDEX_TITLE: "Événements",
        INDEX_INTRO: (
            "Conférences, événements de diffusion, ateliers, webinaires et réunions du réseau. "
            "Abonnez-vous au calendrier pour les retrouver dans votre application d'agenda."
        ),
    },
}

FINAL_TITLE = "LINKS final conference: Learning through Innovation and Networking in STEM"
FINAL_LEAD = (
    "The closing conference of the LINKS project brought PD providers, researchers and "
    "teachers together to discuss how networks and partnerships sustain the professional "
    "development of STEM teachers."
)
FINAL_VENUE = "University of Helsinki, Kumpula Campus, Exactum building"
FINAL_PARAGRAPH_1 = (
    "The conference presented the results of LINKS, a project coordinated by Fondation La main "
    "à la pâte, and of the European network of STEM PD centres."
)
FINAL_PARAGRAPH_2 = (
    "One of its booklets, Cross-Cutting Issue 06, looks at building comprehensive partnerships "
    "and alliances for sustained continuing professional development."
)
FINAL_TRANSLATIONS = {
    "de": {
        FINAL_TITLE: ("LINKS-Abschlusskonferenz: Lernen durch Innovation und Vernetzung in MINT"),
        FINAL_LEAD: (
            "Die Abschlusskonferenz des Projekts LINKS brachte Fortbildungsanbieter, Forschende "
            "und Lehrkräfte zusammen, um zu erörtern, wie Netzwerke und Partnerschaften die "
            "Fortbildung von MINT-Lehrkräften nachhaltig stützen."
        ),
        FINAL_VENUE: "Universität Helsinki, Campus Kumpula, Gebäude Exactum",
        FINAL_PARAGRAPH_1: (
            "Die Konferenz stellte die Ergebnisse von LINKS vor, einem von der Fondation La "
            "main à la pâte koordinierten Projekt, sowie die des europäischen Netzwerks der "
            "MINT-Fortbildungszentren."
        ),
        FINAL_PARAGRAPH_2: (
            "Eine ihrer Broschüren, Cross-Cutting Issue 06, befasst sich mit dem Aufbau "
            "umfassender Partnerschaften und Allianzen für eine nachhaltige Fortbildung."
        ),
    },
    "fr": {
        FINAL_TITLE: (
            "Conférence finale de LINKS : apprendre par l'innovation et la mise en réseau en STIM"
        ),
        FINAL_LEAD: (
            "La conférence de clôture du projet LINKS a réuni des formateurs, des chercheurs et "
            "des enseignants pour débattre de la manière dont les réseaux et les partenariats "
            "soutiennent durablement la formation continue des enseignants de STIM."
        ),
        FINAL_VENUE: "Université d'Helsinki, campus de Kumpula, bâtiment Exactum",
        FINAL_PARAGRAPH_1: (
            "La conférence a présenté les résultats de LINKS, projet coordonné par la Fondation "
            "La main à la pâte, ainsi que ceux du réseau européen des centres de formation "
            "continue en STIM."
        ),
        FINAL_PARAGRAPH_2: (
            "L'une de ses brochures, Cross-Cutting Issue 06, porte sur la construction de "
            "partenariats et d'alliances durables au service de la formation continue."
        ),
    },
}


def _body(*paragraphs: str) -> list:
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs]


EVENTS = [
    {
        "slug": "links-final-conference-helsinki-2019",
        "motif": "circles",
        "alt": "Abstract illustration: concentric circles in blue, green and purple.",
        "category": "conference",
        "title": FINAL_TITLE,
        "lead": FINAL_LEAD,
        "body": _body(FINAL_PARAGRAPH_1, FINAL_PARAGRAPH_2),
        "start_date": date(2019, 6, 3),
        "all_day": True,
        "time_zone": "Europe/Helsinki",
        "venue_name": FINAL_VENUE,
        "venue_city": "Helsinki",
        "venue_country": "FI",
        "latitude": "60.204500",
        "longitude": "24.962000",
    },
    {
        "slug": "first-network-meeting-essen-2014",
        "motif": "network",
        "alt": "Abstract illustration: a few dots joined into a first small network.",
        "category": "network-meeting",
        "title": "First meeting of the European STEM PD centre network",
        "lead": "Centres from several countries met in Essen to found a European network of "
        "STEM professional development centres, on the initiative of the University of "
        "Education Freiburg and the DZLM.",
        "start_date": date(2014, 12, 4),
        "end_date": date(2014, 12, 5),
        "all_day": True,
        "time_zone": "Europe/Berlin",
        "venue_city": "Essen",
        "venue_country": "DE",
    },
    {
        "slug": "network-meeting-freiburg-2017",
        "motif": "grid",
        "alt": "Abstract illustration: a grid of coloured squares and circles.",
        "category": "network-meeting",
        "title": "Network meeting in Freiburg",
        "lead": "Partners of the Erasmus+ project STEM PD Net review the first drafts of the "
        "quality criteria for PD with the network's members.",
        "start_date": date(2017, 3, 23),
        "start_time": time(9, 30),
        "end_date": date(2017, 3, 24),
        "end_time": time(13, 0),
        "time_zone": "Europe/Berlin",
        "venue_name": "University of Education Freiburg",
        "venue_city": "Freiburg",
        "venue_country": "DE",
    },
    {
        "slug": "multiplier-event-klagenfurt-2019",
        "motif": "bars",
        "alt": "Abstract illustration: bars rising from left to right.",
        "category": "multiplier-event",
        "title": "Multiplier event: quality criteria for STEM PD",
        "lead": "IMST presents the quality criteria for PD and the guidelines for measuring the "
        "quality of a PD activity to PD providers from Austria.",
        "start_date": date(2019, 5, 14),
        "start_time": time(14, 0),
        "end_time": time(18, 0),
        "time_zone": "Europe/Vienna",
        "venue_name": "IMST, University of Klagenfurt",
        "venue_city": "Klagenfurt",
        "venue_country": "AT",
    },
    {
        "slug": "multiplier-event-ankara-2019",
        "motif": "hexagons",
        "alt": "Abstract illustration: a honeycomb of coloured hexagons.",
        "category": "multiplier-event",
        "title": "Multiplier event: STEM PD materials for diverse classrooms",
        "lead": "Hacettepe University shares the commented selection of STEM PD materials and "
        "the catalogue on diverse classrooms with teacher educators in Türkiye.",
        "start_date": date(2019, 6, 20),
        "start_time": time(10, 0),
        "end_time": time(16, 0),
        "time_zone": "Europe/Istanbul",
        "venue_name": "Hacettepe University",
        "venue_city": "Ankara",
        "venue_country": "TR",
    },
    {
        "slug": "multiplier-event-luma-2019",
        "motif": "waves",
        "alt": "Abstract illustration: layered waves in several colours.",
        "category": "multiplier-event",
        "title": "Multiplier event: models of PD centres",
        "lead": "LUMA Centre Finland discusses the review of PD centre models, their challenges "
        "and what makes them succeed, with its regional centres.",
        "start_date": date(2019, 6, 4),
        "start_time": time(9, 0),
        "end_time": time(12, 0),
        "time_zone": "Europe/Helsinki",
        "attendance_mode": EventPage.AttendanceMode.HYBRID,
        "online_url": "https://meet.stem-pd-net.example/luma-2019",
        "venue_name": "University of Helsinki, Kumpula Campus",
        "venue_city": "Helsinki",
        "venue_country": "FI",
    },
]


def build_events(context: DemoContext) -> None:
    """Event categories in every language, the events section, its events and translations."""
    default_locale = Locale.get_default()
    categories = _ensure_categories(context, default_locale)
    home = context.pages["home"]
    index = ensure_child_page(
        context, home, EventIndexPage, "events", title=INDEX_TITLE, intro=INDEX_INTRO
    )
    context.pages["events"] = index
    ensure_menu_items(context, [index])
    for spec in [*EVENTS, *upcoming_events(context.today)]:
        context.pages[f"event:{spec['slug']}"] = _ensure_event(context, index, spec, categories)
    final = context.pages["event:links-final-conference-helsinki-2019"]
    for code in ("de", "fr"):
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        ensure_translation(context, index, locale, INDEX_TRANSLATIONS[code])
        ensure_translation(context, final, locale, FINAL_TRANSLATIONS[code])


# What moves when the demo is loaded again on a later day (only on events nobody has edited).
DATE_FIELDS = ("start_date", "end_date", "registration_deadline")


def _ensure_event(context: DemoContext, index, spec: dict, categories: dict) -> EventPage:
    """The event with the spec's slug; created (with its picture and organisers) if missing."""
    existing = index.get_children().filter(slug=spec["slug"]).specific().first()
    if existing is not None:
        dated = {name: spec.get(name) for name in DATE_FIELDS}
        dated["exception_dates"] = [
            EventExceptionDate(date=day) for day in spec.get("exception_dates", [])
        ]
        refresh_untouched(context, existing, **dated)
        return existing
    fields = dict(spec)
    slug = fields.pop("slug")
    fields["category"] = categories[fields.pop("category")]
    exceptions = fields.pop("exception_dates", [])
    if exceptions:
        fields["exception_dates"] = [EventExceptionDate(date=day) for day in exceptions]
    organisers = [
        context.pages[f"partner:{partner}"]
        for partner in fields.pop("organisers", [])
        if f"partner:{partner}" in context.pages
    ]
    motif, alt = fields.pop("motif", "grid"), fields.pop("alt", "")
    if alt:
        fields["image"] = ensure_illustration(context, f"Event: {fields['title']}", motif, alt)
    if organisers:
        fields["organisers"] = [EventOrganiser(partner_page=page) for page in organisers]
    return ensure_child_page(context, index, EventPage, slug, **fields)


def _ensure_categories(context: DemoContext, default_locale: Locale) -> dict[str, EventCategory]:
    """The five categories, named in every site language (kept as they are once they exist)."""
    sources = {}
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    with transaction.atomic():
        for slug, names in CATEGORIES.items():
            source, created = EventCategory.objects.get_or_create(
                slug=slug,
                locale=default_locale,
                defaults={"name": names[default_locale.language_code]},
            )
            if created:
                context.created += 1
                context.note(f"created event category “{source.name}”")
            sources[slug] = source
            for code, locale in locales.items():
                if locale.pk == default_locale.pk or code not in names:
                    continue
                if source.get_translation_or_none(locale) is None:
                    translation = source.copy_for_translation(locale)
                    translation.name = names[code]
                    translation.save()
                    context.created += 1
    return sources
