"""The demo's newsletter side: topics, the privacy notice the consent box links to, subscribers
in several languages and states, and an archive of issues recorded as sent.

Nothing is mailed: addresses use the reserved `example.*` domains.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone, translation
from django.utils.dates import MONTHS

from wagtail.models import Locale, Site
from wagtail.rich_text import RichText

from demo.builders import DemoContext, ensure_child_page, ensure_translation
from demo.catalogue import strings_for
from home.models import StandardPage
from newsletters.models import (
    ConsentRecord,
    Delivery,
    NewsletterIndexPage,
    NewsletterPage,
    NewsletterSettings,
    Send,
    Subscriber,
    Topic,
    audience_key_for,
)

TOPICS = [
    (
        "Network news",
        "What the centres of the network are doing and planning.",
        {
            "de": ("Neues aus dem Netzwerk", "Was die Zentren des Netzwerks tun und planen."),
            "fr": ("Actualités du réseau", "Ce que font et préparent les centres du réseau."),
            "es": ("Noticias de la red", "Lo que hacen y preparan los centros de la red."),
            "fi": ("Verkoston uutiset", "Mitä verkoston keskukset tekevät ja suunnittelevat."),
            "it": ("Notizie dalla rete", "Che cosa fanno e progettano i centri della rete."),
            "nl": ("Nieuws uit het netwerk", "Wat de centra van het netwerk doen en plannen."),
            "tr": ("Ağdan haberler", "Ağın merkezlerinin yaptıkları ve planladıkları."),
        },
    ),
    (
        "Events",
        "Conferences, workshops and courses for STEM teacher educators.",
        {
            "de": ("Veranstaltungen", "Tagungen, Workshops und Kurse für MINT-Fortbildende."),
            "fr": ("Événements", "Conférences, ateliers et cours pour les formateurs en STIM."),
            "es": (
                "Eventos",
                "Congresos, talleres y cursos para formadores del profesorado de STEM.",
            ),
            "fi": (
                "Tapahtumat",
                "Konferensseja, työpajoja ja kursseja STEM-opettajien kouluttajille.",
            ),
            "it": ("Eventi", "Convegni, workshop e corsi per i formatori degli insegnanti STEM."),
            "nl": (
                "Evenementen",
                "Congressen, workshops en cursussen voor opleiders van STEM-leraren.",
            ),
            "tr": (
                "Etkinlikler",
                "STEM öğretmen eğitimcileri için konferanslar, çalıştaylar ve kurslar.",
            ),
        },
    ),
    (
        "Publications",
        "New booklets, guidelines and research from the network.",
        {
            "de": ("Publikationen", "Neue Broschüren, Leitfäden und Forschung aus dem Netzwerk."),
            "fr": ("Publications", "Nouvelles brochures, guides et recherches du réseau."),
            "es": ("Publicaciones", "Nuevos folletos, guías e investigaciones de la red."),
            "fi": ("Julkaisut", "Verkoston uusia vihkoja, ohjeita ja tutkimuksia."),
            "it": ("Pubblicazioni", "Nuovi opuscoli, linee guida e ricerche della rete."),
            "nl": ("Publicaties", "Nieuwe brochures, richtlijnen en onderzoek uit het netwerk."),
            "tr": ("Yayınlar", "Ağdan yeni kitapçıklar, kılavuzlar ve araştırmalar."),
        },
    ),
]

DEMO_CONSENT = (
    "I want to receive the STEM PD Net newsletter by email. I can unsubscribe at any time with "
    "the link in every issue."
)

# (address, language, status, topic names in English)
SUBSCRIBERS = [
    ("anna.schmidt@example.org", "de", Subscriber.Status.CONFIRMED, ["Network news", "Events"]),
    ("marie.dubois@example.org", "fr", Subscriber.Status.CONFIRMED, ["Publications"]),
    (
        "liam.oconnor@example.org",
        "en",
        Subscriber.Status.CONFIRMED,
        ["Network news", "Events", "Publications"],
    ),
    ("aino.virtanen@example.net", "fi", Subscriber.Status.CONFIRMED, ["Events"]),
    ("giulia.rossi@example.net", "it", Subscriber.Status.PENDING, ["Events"]),
    ("joost.devries@example.com", "nl", Subscriber.Status.UNSUBSCRIBED, ["Publications"]),
    ("carmen.garcia@example.com", "es", Subscriber.Status.BOUNCED, ["Network news"]),
]

PRIVACY_INTRO = (
    "How the network handles personal data, including the addresses of newsletter subscribers."
)


def _ensure_topics(context: DemoContext) -> dict[str, Topic]:
    default = Locale.get_default()
    topics: dict[str, Topic] = {}
    for order, (name, description, translations) in enumerate(TOPICS):
        topic = Topic.objects.filter(locale=default, name=name).first()
        if topic is None:
            topic = Topic.objects.create(
                locale=default, name=name, description=description, sort_order=order * 10
            )
            context.created += 1
            context.note(f"created newsletter topic “{name}”")
        topics[name] = topic
        for code, (translated_name, translated_description) in translations.items():
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None or topic.get_translation_or_none(locale) is not None:
                continue
            translation = topic.copy_for_translation(locale)
            translation.name = translated_name
            translation.description = translated_description
            translation.save()
            context.created += 1
    return topics


def _ensure_privacy_page(context: DemoContext) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    privacy = ensure_child_page(
        context,
        site.root_page,
        StandardPage,
        "privacy",
        title="Privacy notice",
        intro=PRIVACY_INTRO,
    )
    options = NewsletterSettings.for_site(site)
    if options.privacy_page_id is None:
        options.privacy_page = privacy
        options.save()


def _ensure_subscribers(context: DemoContext, topics: dict[str, Topic]) -> None:
    now = timezone.now()
    for address, language, status, topic_names in SUBSCRIBERS:
        if Subscriber.objects.filter(email=address).exists():
            continue
        confirmed = status != Subscriber.Status.PENDING
        subscriber = Subscriber.objects.create(
            email=address,
            language=language,
            status=status,
            confirmed_at=now if confirmed else None,
            unsubscribed_at=now if status == Subscriber.Status.UNSUBSCRIBED else None,
        )
        chosen = [topics[name] for name in topic_names]
        subscriber.topics.set(chosen)
        ConsentRecord.objects.create(
            subscriber=subscriber,
            source=ConsentRecord.Source.FORM,
            consent_text=DEMO_CONSENT,
            language=language,
            topic_keys=[str(topic.translation_key) for topic in chosen],
            topic_names=topic_names,
            ip_address="192.0.2.1",  # TEST-NET-1: documentation addresses, never a real visitor
            confirmed_at=now if confirmed else None,
            confirmation_ip="192.0.2.1" if confirmed else None,
        )
        context.created += 1
        context.note(f"created demo subscriber {address} ({status})")


# The newsletter goes out a few times a year, early in the month its slug and title name. The
# demo's two issues are the latest such month before the load day and the one a quarter
# earlier, so slug, title and send date agree and the newest issue is always recent.
SEND_DAY = 3
SEND_TIME = time(9, 30)
MONTHS_BETWEEN_ISSUES = 3

ISSUES = [
    {
        "theme": "quality criteria at work in every partner country",
        "preheader": "How three centres tried the network's quality criteria, and what changed.",
        "paragraph": (
            "<p>About 30 PD centres in 12 European countries work with the network's quality "
            "criteria for STEM teacher PD. In this issue, three of them tell how they tried the "
            "criteria on one of their own courses.</p>"
        ),
        "translated_now": False,
    },
    {
        "theme": "inquiry-based learning across Europe",
        "preheader": "New guidelines, the next network meeting and where to meet us.",
        "paragraph": (
            "<p>The working group on inquiry-based learning published its guidelines for "
            "teacher educators. Read them, try them, tell us what works.</p>"
        ),
        "translated_now": True,
    },
]

# "{month} {year}: {theme}" in each language the demo translates issues into; French sets a
# space before the colon.
TITLE_FORMATS = {"fr": "{month} {year} : {theme}"}
DEFAULT_TITLE_FORMAT = "{month} {year}: {theme}"


def issue_months(today: date) -> list[date]:
    """The first days of the months of the demo's issues, oldest first: the latest month whose
    send day is before `today`, and the one a quarter before it."""
    year, month = today.year, today.month
    if today.day <= SEND_DAY:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    months = []
    for _issue in ISSUES:
        months.insert(0, date(year, month, 1))
        month -= MONTHS_BETWEEN_ISSUES
        if month < 1:
            year, month = year - 1, month + 12
    return months


def _month_name(month: int, language_code: str) -> str:
    with translation.override(language_code):
        name = str(MONTHS[month])
    return name[:1].upper() + name[1:]


def _issue_texts(month: date, language_code: str, theme: str) -> dict[str, str]:
    name = _month_name(month.month, language_code)
    title_format = TITLE_FORMATS.get(language_code, DEFAULT_TITLE_FORMAT)
    return {
        "slug": f"{month:%Y-%m}",
        "title": title_format.format(month=name, year=month.year, theme=theme),
        "subject": f"STEM PD Net, {name} {month.year}",
    }


def issue_specs(today: date) -> list[dict]:
    """The demo's issues as of `today`: each spec with its slug, title, subject and send time."""
    tz = timezone.get_current_timezone()
    specs = []
    for spec, month in zip(ISSUES, issue_months(today), strict=True):
        sent = datetime.combine(month.replace(day=SEND_DAY), SEND_TIME, tzinfo=tz)
        specs.append({**spec, **_issue_texts(month, "en", spec["theme"]), "sent": sent})
    return specs


def dated_strings(language_code: str, today: date) -> dict[str, str]:
    """Translations of the issues' dated texts (slug, title, subject) into `language_code`, built
    from the month's name in that language and the theme's translation in the demo's texts."""
    themes = strings_for(language_code)
    strings = {}
    for spec, month in zip(ISSUES, issue_months(today), strict=True):
        if spec["theme"] not in themes:
            continue
        source = _issue_texts(month, "en", spec["theme"])
        target = _issue_texts(month, language_code, themes[spec["theme"]])
        strings.update({source[key]: target[key] for key in source})
    return strings


def _ensure_archive(context: DemoContext) -> NewsletterIndexPage | None:
    home = context.pages.get("home")
    if home is None:
        site = Site.objects.filter(is_default_site=True).first()
        home = site.root_page if site is not None else None
    if home is None:
        return None
    archive = ensure_child_page(
        context,
        home,
        NewsletterIndexPage,
        "newsletter",
        title="Newsletter",
        intro="Every issue of the network's newsletter, newest first.",
    )
    context.pages["newsletter"] = archive
    return archive


def _ensure_issue(context: DemoContext, archive: NewsletterIndexPage, spec: dict) -> None:
    issue = ensure_child_page(
        context,
        archive,
        NewsletterPage,
        spec["slug"],
        title=spec["title"],
        subject=spec["subject"],
        preheader=spec["preheader"],
        body=[
            ("paragraph", RichText(spec["paragraph"])),
            ("upcoming_events", {"heading": "Upcoming events", "limit": 3}),
            (
                "call_to_action",
                {
                    "text": "",
                    "label": "See all events",
                    # The events page itself: emails make its link absolute with the configured
                    # site URL, so it works on whatever address the site is served from.
                    "page": context.pages.get("events"),
                    "url": "",
                },
            ),
        ],
    )
    if not Send.objects.filter(page=issue, is_test=False).exists():
        _record_past_send(issue, spec["sent"])
        context.note(f"recorded “{issue.title}” as sent, with its deliveries")
    german = Locale.objects.filter(language_code="de").first()
    if spec["translated_now"] and german is not None:
        strings = {
            "Newsletter": "Newsletter",
            **strings_for("de"),
            **dated_strings("de", context.today),
        }
        ensure_translation(context, archive, german, strings)
        ensure_translation(context, issue, german, strings)


# Earlier versions of the demo gave their issues these slugs, years ahead of their send dates.
UNDATED_ISSUE_SLUGS = ("2030-01", "2030-03")


def _retire_undated_issues(context: DemoContext, archive: NewsletterIndexPage) -> None:
    """Unpublish the issues an earlier demo made with slugs that contradict their send dates,
    with their translations, unless an editor has worked on them."""
    for issue in (
        NewsletterPage.objects.child_of(archive).live().filter(slug__in=UNDATED_ISSUE_SLUGS)
    ):
        if issue.revisions.count() != 1:
            continue
        for page in [*issue.get_translations().live(), issue]:
            page.unpublish(user=context.user)
        context.note(f"unpublished the undated issue “{issue.title}”")


# What the ESP reported for the n-th recipient of a past demo issue: delivered and read in
# varying depth, so the statistics and the send screen show a real history.
PAST_EVENTS = ("clicked", "opened", "delivered", "opened")


def _record_past_send(issue: NewsletterPage, sent: datetime) -> Send:
    """A finished send of `issue` at `sent` with one delivery per demo reader who was
    subscribed then (confirmed, later unsubscribed or bounced), and their ESP events."""
    readers = Subscriber.objects.exclude(status=Subscriber.Status.PENDING).order_by("pk")
    send = Send.objects.create(
        page=issue,
        audience_key=audience_key_for([]),
        status=Send.Status.DONE,
        created_at=sent,
        started_at=sent,
        finished_at=sent + timedelta(seconds=4),
        heartbeat_at=sent,
    )
    deliveries = []
    for position, reader in enumerate(readers):
        later = sent + timedelta(hours=1 + position)
        event = PAST_EVENTS[position % len(PAST_EVENTS)]
        delivery = Delivery(
            send=send,
            subscriber=reader,
            email=reader.email,
            language=reader.language,
            status=Delivery.Status.DELIVERED,
            attempts=1,
            available_at=sent,
            claimed_at=sent,
            claimed_by="demo",
            sent_at=sent + timedelta(seconds=2),
            esp_message_id=f"<demo-{send.pk}-{position}@stem-pd-net.example>",
            event_at=sent + timedelta(minutes=1),
        )
        if reader.status == Subscriber.Status.BOUNCED:
            delivery.status = Delivery.Status.BOUNCED
        else:
            delivery.opened_at = later if event in {"opened", "clicked"} else None
            delivery.clicked_at = later if event == "clicked" else None
        if reader.status == Subscriber.Status.UNSUBSCRIBED:
            delivery.unsubscribed_at = later
        deliveries.append(delivery)
    Delivery.objects.bulk_create(deliveries)
    send.total = len(deliveries)
    send.save(update_fields=["total"])
    return send


def build_newsletter_audience(context: DemoContext) -> None:
    """Topics with German and French names, the privacy notice, demo subscribers, and the
    newsletter archive with two sent issues, one of them translated into German."""
    topics = _ensure_topics(context)
    _ensure_privacy_page(context)
    _ensure_subscribers(context, topics)
    archive = _ensure_archive(context)
    if archive is not None:
        _retire_undated_issues(context, archive)
        for spec in issue_specs(context.today):
            _ensure_issue(context, archive, spec)
