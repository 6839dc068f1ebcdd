"""The demo's home page in every language, the about and outputs pages, the menu and the footer.

Texts are our own summaries of the network's documents.
"""

from django.db import transaction

from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from demo.builders import DemoContext, ensure_child_page, ensure_translation, point_default_site_at
from home.models import FooterText, HomePage, MainMenu, MainMenuItem, StandardPage

HOME_TITLE = "STEM PD Net"
HOME_HERO = "Better professional development for every STEM teacher in Europe"
HOME_INTRO = (
    "About 30 professional development centres from 12 European countries share what works in "
    "STEM teacher education: quality criteria, guidelines, materials and the experience of their "
    "own networks."
)

# Translations of the home page's visible strings, as a partner would enter them.
HOME_TRANSLATIONS = {
    "de": {
        HOME_HERO: "Bessere Fortbildung für alle MINT-Lehrkräfte in Europa",
        HOME_INTRO: (
            "Rund 30 Fortbildungszentren aus 12 europäischen Ländern teilen, was in der "
            "MINT-Lehrkräftebildung wirkt: Qualitätskriterien, Leitfäden, Materialien und die "
            "Erfahrung ihrer eigenen Netzwerke."
        ),
    },
    "fr": {
        HOME_HERO: "Une meilleure formation continue pour chaque enseignant de STIM en Europe",
        HOME_INTRO: (
            "Une trentaine de centres de formation continue de 12 pays européens partagent ce qui "
            "fonctionne dans la formation des enseignants de STIM : critères de qualité, guides, "
            "ressources et l'expérience de leurs propres réseaux."
        ),
    },
    "fi": {
        HOME_HERO: "Parempaa täydennyskoulutusta jokaiselle STEM-opettajalle Euroopassa",
        HOME_INTRO: (
            "Noin 30 täydennyskoulutuskeskusta 12 Euroopan maasta jakaa sen, mikä toimii "
            "STEM-opettajien koulutuksessa: laatukriteerit, ohjeet, materiaalit ja omien "
            "verkostojensa kokemukset."
        ),
    },
    "it": {
        HOME_HERO: "Una formazione migliore per ogni insegnante STEM in Europa",
        HOME_INTRO: (
            "Circa 30 centri di formazione professionale di 12 paesi europei condividono ciò che "
            "funziona nella formazione degli insegnanti STEM: criteri di qualità, linee guida, "
            "materiali e l'esperienza delle loro reti."
        ),
    },
    "es": {
        HOME_HERO: "Mejor formación permanente para todo el profesorado STEM de Europa",
        HOME_INTRO: (
            "Unos 30 centros de formación del profesorado de 12 países europeos comparten lo que "
            "funciona en la formación del profesorado STEM: criterios de calidad, guías, "
            "materiales y la experiencia de sus propias redes."
        ),
    },
    "nl": {
        HOME_HERO: "Betere professionalisering voor elke STEM-docent in Europa",
        HOME_INTRO: (
            "Zo'n 30 professionaliseringscentra uit 12 Europese landen delen wat werkt in de "
            "opleiding van STEM-docenten: kwaliteitscriteria, richtlijnen, materialen en de "
            "ervaring van hun eigen netwerken."
        ),
    },
    "tr": {
        HOME_HERO: "Avrupa'daki her STEM öğretmeni için daha iyi mesleki gelişim",
        HOME_INTRO: (
            "12 Avrupa ülkesinden yaklaşık 30 mesleki gelişim merkezi, STEM öğretmen eğitiminde "
            "işe yarayanı paylaşıyor: kalite ölçütleri, rehberler, materyaller ve kendi "
            "ağlarının deneyimleri."
        ),
    },
}

ABOUT_BODY = [
    ("heading", {"text": "Why a network of PD centres?", "level": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>Classrooms have become more diverse and more demanding, and STEM is a field in "
            "which every pupil, including migrants and pupils from disadvantaged backgrounds, "
            "needs sound skills. Teachers need professional development (PD) that helps them "
            "adopt new, integrative methods, yet too often PD does not change what happens in "
            "class.</p><p>Across Europe, specialised centres now organise STEM teacher PD. The "
            "network brings them together so that they learn from each other, link research "
            "with practice and raise the quality of what they offer.</p>"
        ),
    ),
    ("heading", {"text": "How the network began", "level": "h2"}),
    (
        "paragraph",
        RichText(
            "<p>The network was founded in 2014 on the initiative of the University of Education "
            "Freiburg and the German Centre for Mathematics Teacher Education (DZLM); its first "
            "meeting took place in Essen in December 2014. It has grown to about 30 PD centres "
            "from 12 European countries, and membership is free.</p><p>From September 2016 to "
            "August 2019 the Erasmus+ strategic partnership STEM PD Net, coordinated by the "
            "International Centre for STEM Education (ICSE) at the University of Education "
            "Freiburg, gave the network a firm footing. ICSE also hosts the network's "
            "secretariat.</p>"
        ),
    ),
    (
        "quote",
        {
            "text": "Networks have the potential to co-create more sustained and comprehensive "
            "futures for teacher professional development.",
            "attribution": "Cross-Cutting Issue 06, LINKS final conference, Helsinki 2019",
        },
    ),
]

OUTPUTS = [
    ("Quality criteria for PD", "with guidelines for day-to-day implementation."),
    ("Measuring the quality of a PD activity", "ready-to-use guidelines for PD providers."),
    ("Diverse classrooms", "a catalogue helping PD providers make the most of today's classrooms."),
    ("STEM PD materials", "a commented selection of the best materials available across Europe."),
    ("PD centre models", "a review of their challenges and the factors behind their success."),
    ("An interactive web portal", "where PD centres find each other and share their work."),
    ("Policy briefings", "on the core concerns, insights and outcomes of the network."),
]

FOOTER_BODY = (
    "<p>Secretariat: International Centre for STEM Education (ICSE), University of Education "
    "Freiburg, Germany.</p><p>Membership of the network is free for STEM PD centres.</p>"
)


def _outputs_body() -> list:
    items = "".join(f"<li><b>{name}</b>: {text}</li>" for name, text in OUTPUTS)
    return [
        (
            "paragraph",
            RichText(
                "<p>Twelve STEM PD centres and two schools developed these intellectual outputs "
                "together, each through a preparation, a design and a review phase.</p>"
                f"<ul>{items}</ul>"
            ),
        )
    ]


def build_home(context: DemoContext) -> None:
    """Home page in every language, the about and outputs pages, the main menu and the footer."""
    default_locale = Locale.get_default()
    home = HomePage.objects.filter(locale=default_locale).first()
    if home is None:
        home = HomePage(
            title=HOME_TITLE,
            slug="stem-pd-net",
            hero_title=HOME_HERO,
            intro=HOME_INTRO,
            locale=default_locale,
        )
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision(user=context.user, log_action=True).publish(user=context.user)
        context.created += 1
        context.note("created the home page")
    point_default_site_at(home)
    # Wagtail's migration leaves a placeholder "Welcome" page: remove it once ours is the root.
    Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()
    context.pages["home"] = home

    about = ensure_child_page(
        context,
        home,
        StandardPage,
        "about",
        title="About the network",
        intro="A European network of centres that organise professional development for "
        "teachers of science, technology, engineering and mathematics.",
        body=ABOUT_BODY,
    )
    outputs = ensure_child_page(
        context,
        home,
        StandardPage,
        "outputs",
        title="Project outputs",
        intro="What the Erasmus+ project STEM PD Net (2016–2019) produced for PD providers.",
        body=_outputs_body(),
    )
    context.pages.update(about=about, outputs=outputs)

    for locale in Locale.objects.exclude(pk=default_locale.pk):
        ensure_translation(context, home, locale, HOME_TRANSLATIONS.get(locale.language_code, {}))

    _ensure_menu(context, default_locale, [about, outputs])
    _ensure_footer(default_locale)


def _ensure_menu(context: DemoContext, locale: Locale, pages: list[Page]) -> None:
    if MainMenu.objects.filter(locale=locale).exists():
        return
    with transaction.atomic():
        menu = MainMenu(name="Main menu", locale=locale)
        menu.items = [MainMenuItem(link_page=page, sort_order=i) for i, page in enumerate(pages)]
        menu.save()
        menu.save_revision(user=context.user).publish(user=context.user)
    context.note("created the main menu")


def _ensure_footer(locale: Locale) -> None:
    if not FooterText.objects.filter(locale=locale).exists():
        footer = FooterText(body=FOOTER_BODY, locale=locale)
        footer.save()
        footer.save_revision().publish()
