"""The translation lifecycle in the demo: a glossary, a page translated before launch, and a
page whose English text changed after its German translation was made.

Each state is made the way staff and partners make it, through the `translation` app's own
functions, so the admin shows it exactly as it would after real work:

- the glossary of the network's recurring terms, for German and French, is imported as a staff
  member imports a CSV (`translation.glossary`), adding only terms not there yet;
- a news item never published in English is sent to translation from its draft
  (`translation.launch`); the German translator submits it, staff approve it (it waits for the
  launch), and the French translation is half done, so "Publish with translations" lists French
  as not ready;
- a live news item gets two new sentences in English, is published and synced without
  publishing the translations ("Sync translated pages"), so its German and French translations
  are outdated with two changed sentences, old and new text side by side in the editor.

Nothing is redone on a later run: a state that exists (or that someone changed by hand) is left
as it is.
"""

import csv
import io

from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import Locale, Page, WorkflowState
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from demo.builders import DemoContext, ensure_illustration, store_string_translations
from demo.translators import translator_username
from network.models import NewsIndexPage, NewsPage
from translation import glossary, launch, review

GLOSSARY_LANGUAGES = ("de", "fr")

# (term, German, French, note): the network's recurring terms, translated as the demo's own
# German and French pages translate them.
GLOSSARY = [
    ("PD centre", "Fortbildungszentrum", "centre de formation", ""),
    ("STEM", "MINT", "STIM", "In names (“STEM PD Net”, “ICSE”) the English stays."),
    ("professional development", "Fortbildung", "formation continue", ""),
    (
        "continuing professional development",
        "kontinuierliche Fortbildung",
        "formation continue",
        "Also written CPD.",
    ),
    ("cross-cutting issue", "Querschnittsthema", "thème transversal", ""),
    ("multiplier event", "Multiplikatorenveranstaltung", "événement de diffusion", ""),
    (
        "multiplier",
        "Multiplikatorin / Multiplikator",
        "formateur relais",
        "A teacher who goes on to train other teachers.",
    ),
    ("PD provider", "Fortbildungsanbieter", "organisme de formation", ""),
    ("teacher educator", "Lehrkräftebildende", "formateur d'enseignants", ""),
    ("intellectual output", "Projektergebnis", "production intellectuelle", "Erasmus+ term."),
    ("policy briefing", "Policy Briefing", "note d'orientation", ""),
]

# --- Translated before launch ------------------------------------------------------------------

PRELAUNCH = {
    "slug": "multiplier-events-guide",
    "title": "A guide to multiplier events for every PD centre",
    "lead": "How a PD centre plans a multiplier event that teachers remember: the network's "
    "short guide, launched in English, German and French on the same day.",
    "body": [
        "Each cross-cutting issue of the network ends with a multiplier event, where teachers who "
        "took part pass on what they learnt to colleagues from other schools.",
        "The guide collects what the network's PD centres learnt from them: how to choose the "
        "STEM topic, how to invite schools, and how to link the event to continuing professional "
        "development that lasts.",
    ],
    "motif": "waves",
    "alt": "Abstract illustration: waves spreading from one point across a field of dots.",
}

PRELAUNCH_TRANSLATIONS = {
    "de": {
        PRELAUNCH["slug"]: "leitfaden-multiplikatorenveranstaltungen",
        PRELAUNCH["title"]: "Ein Leitfaden zu Multiplikatorenveranstaltungen für jedes "
        "Fortbildungszentrum",
        PRELAUNCH["lead"]: "Wie ein Fortbildungszentrum eine Multiplikatorenveranstaltung plant, "
        "die Lehrkräften in Erinnerung bleibt: der kurze Leitfaden des Netzwerks, am selben Tag "
        "auf Englisch, Deutsch und Französisch veröffentlicht.",
        PRELAUNCH["body"][0]: "Jedes Querschnittsthema des Netzwerks endet mit einer "
        "Multiplikatorenveranstaltung, bei der Lehrkräfte, die teilgenommen haben, ihr Wissen an "
        "Kolleginnen und Kollegen anderer Schulen weitergeben.",
        PRELAUNCH["body"][1]: "Der Leitfaden sammelt, was die Fortbildungszentren des Netzwerks "
        "daraus gelernt haben: wie man das MINT-Thema wählt, wie man Schulen einlädt und wie man "
        "die Veranstaltung mit einer kontinuierlichen Fortbildung verbindet, die trägt.",
    },
    "fr": {
        PRELAUNCH["slug"]: "guide-evenements-de-diffusion",
        PRELAUNCH["title"]: "Un guide des événements de diffusion pour chaque centre de formation",
        PRELAUNCH["lead"]: "Comment un centre de formation prépare un événement de diffusion "
        "dont les enseignants se souviennent : le petit guide du réseau, publié le même jour en "
        "anglais, en allemand et en français.",
        PRELAUNCH["body"][0]: "Chaque thème transversal du réseau se termine par un événement de "
        "diffusion, où les enseignants qui y ont participé transmettent ce qu'ils ont appris à "
        "des collègues d'autres écoles.",
        PRELAUNCH["body"][1]: "Le guide rassemble ce que les centres de formation du réseau en "
        "ont tiré : comment choisir le thème de STIM, comment inviter les écoles et comment "
        "relier l'événement à une formation continue qui dure.",
    },
}

APPROVED_LANGUAGE = "de"  # translated, submitted and approved: goes live at the launch
IN_PROGRESS_LANGUAGE = "fr"  # half translated: "Publish with translations" leaves it out

# --- Outdated after a change of the source ------------------------------------------------------

CHANGED_SLUG = "network-meeting-registration-open"
# The English news item's two sentences (its lead and a paragraph) before and after the change.
CHANGES = {
    "lead": (
        "Two days of workshops and visits for the network's members, hosted by the University of "
        "Education Freiburg.",
        "Two days of workshops and school visits for the network's members, hosted by the "
        "University of Education Freiburg; the workshops are also streamed for members who "
        "cannot travel.",
    ),
    "body": (
        "On the second day, participants visit schools that work with the Freiburg centre. "
        "Places are limited to two people per centre so that every centre can come.",
        "On the second day, participants visit schools that work with the Freiburg centre. "
        "Places are limited to three people per centre, and the secretariat keeps a waiting list.",
    ),
}


def build_lifecycle(context: DemoContext) -> None:
    """The glossary, the page translated before launch and the outdated page (idempotent)."""
    _build_glossary(context)
    news = NewsIndexPage.objects.filter(locale__language_code="en", slug="news").first()
    if news is not None:
        _build_prelaunch(context, news)
        _build_outdated(context, news)


def _build_glossary(context: DemoContext) -> None:
    """Import the terms missing from the glossary, as staff import a CSV file."""
    codes = [code for code in GLOSSARY_LANGUAGES if Locale.objects.filter(language_code=code)]
    have = {
        (term.lower(), code)
        for term, code in glossary.GlossaryTerm.objects.values_list("term", "locale__language_code")
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(glossary.CSV_COLUMNS)
    for term, german, french, note in GLOSSARY:
        for code, translation in (("de", german), ("fr", french)):
            if code in codes and (term.lower(), code) not in have:
                writer.writerow([term, code, translation, note])
    result = glossary.read_csv(buffer.getvalue().encode())
    if result.errors:
        raise ValueError(f"The demo glossary does not import: {result.errors}")
    if result.rows:
        glossary.store(result)
        context.created += result.created
        context.note(f"added {result.created} glossary term(s) for {', '.join(codes)}")


def _translator(code: str):
    """The demo translator of `code` (the translators step makes them), else None."""
    return get_user_model().objects.filter(username=translator_username(code)).first()


@transaction.atomic
def _build_prelaunch(context: DemoContext, news: Page) -> None:
    """A news item never published, translated from its draft before its launch."""
    if news.get_children().filter(slug=PRELAUNCH["slug"]).exists():
        return
    locales = {
        code: locale
        for code in (APPROVED_LANGUAGE, IN_PROGRESS_LANGUAGE)
        if (locale := Locale.objects.filter(language_code=code).first()) is not None
        and news.get_translation_or_none(locale) is not None
    }
    image = ensure_illustration(
        context, f"News: {PRELAUNCH['title']}", PRELAUNCH["motif"], PRELAUNCH["alt"]
    )
    page = NewsPage(
        slug=PRELAUNCH["slug"],
        title=PRELAUNCH["title"],
        locale=news.locale,
        live=False,
        date=context.today,
        lead=PRELAUNCH["lead"],
        hero_image=image,
        body=[("paragraph", RichText(f"<p>{text}</p>")) for text in PRELAUNCH["body"]],
    )
    news.add_child(instance=page)
    page.save_revision(user=context.user, log_action=True)
    context.created += 1
    context.note(f"drafted “{page.title}” (not published: it launches with its translations)")
    # "Translate this page" on a never-published page: translated from its latest draft.
    launch.snapshot_draft(page)
    TranslationCreator(context.user, list(locales.values())).create_translations(
        page, include_related_objects=False
    )
    for code, locale in locales.items():
        translation = Translation.objects.get(
            source__object_id=page.translation_key, target_locale=locale
        )
        segments = list(
            StringSegment.objects.filter(source=translation.source)
            .select_related("string")
            .order_by("order")
        )
        translator = _translator(code) or context.user
        strings = PRELAUNCH_TRANSLATIONS[code]
        if code == APPROVED_LANGUAGE:
            store_string_translations(context, segments, locale, strings)
            _submit_and_approve(context, translation, translator)
            context.note(f"translated it into {locale.get_display_name()}: approved, waiting")
        else:
            store_string_translations(context, segments[: len(segments) // 2], locale, strings)
            translation.save_target(user=translator, publish=False)
            context.note(f"translated half of it into {locale.get_display_name()}")


def _submit_and_approve(context: DemoContext, translation: Translation, translator) -> None:
    """The translator submits the translation for review and staff approve it; a translation
    of a page not launched yet stays unpublished (`translation.launch.finish_workflow`)."""
    target = review.submit_translation_for_review(translation, translator)
    state = WorkflowState.objects.filter(
        object_id=str(target.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).first()
    if state is None:  # translators publish themselves (TRANSLATORS_CAN_PUBLISH): no review
        return
    state.current_task_state.approve(user=context.user)


@transaction.atomic
def _build_outdated(context: DemoContext, news: Page) -> None:
    """Change two sentences of a translated, live news item and sync its translations without
    publishing them: they are outdated, with the two sentences to update."""
    page = news.get_children().filter(slug=CHANGED_SLUG).specific().first()
    if page is None or not page.live or page.has_unpublished_changes:
        return
    old_lead, new_lead = CHANGES["lead"]
    old_text, new_text = CHANGES["body"]
    paragraphs = [block for block in page.body if block.block_type == "paragraph"]
    changed = [block for block in paragraphs if old_text in block.value.source]
    if page.lead != old_lead or len(changed) != 1:
        return  # already changed, or edited by someone: left as it is
    source = TranslationSource.objects.get_for_instance_or_none(page)
    if source is None or not source.translations.filter(enabled=True).exists():
        return  # not translated: nothing would be outdated
    page.lead = new_lead
    changed[0].value = RichText(changed[0].value.source.replace(old_text, new_text))
    page.save_revision(user=context.user, log_action=True).publish(user=context.user)
    # "Sync translated pages" without "Publish immediately": the translations keep their text.
    source.update_from_db()
    context.note(f"changed two sentences of “{page.title}”: its translations are outdated")
