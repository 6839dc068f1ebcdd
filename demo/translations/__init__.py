"""The demo in every language, translated through wagtail-localize as partners translate.

German and French are complete (`FULL_LANGUAGES`); other languages get the pages the menu links
to, one news item and one showcase page of each detail type (`SHOWCASE`: an event, a booklet, a
partner, a cross-cutting issue) where their file has all its strings, and fall back to English
elsewhere; one German page waits half translated in the queue. The
texts live in one JSON file per language (source text → translation); existing translations are
only completed, never overwritten, so partners' edits survive a reload.
"""

from django.db import transaction

from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail_localize.models import (
    StringSegment,
    Translation,
    TranslationSource,
)

from demo.builders import DemoContext, store_demo_overrides, store_string_translations
from demo.catalogue import strings_for
from demo.newsletter_audience import dated_strings
from home.models import FooterText, HomePage, MainMenu

FULL_LANGUAGES = ("de", "fr")
QUEUED_LANGUAGE = "de"
# The showcase page of each detail type (model label → slug): a language that is not complete
# shows these in its own words, so every kind of page can be seen translated. They tell one
# story whose texts do not depend on the day the demo is loaded: the 2019 final conference,
# the booklet presented there, the cross-cutting issue it belongs to and its coordinator.
SHOWCASE = {
    "events.EventPage": "links-final-conference-helsinki-2019",
    "network.BookletPage": "cci-06-partnerships-and-alliances",
    "network.PartnerPage": "imst-klagenfurt",
    "network.CrossCuttingIssuePage": "partnerships-and-alliances",
}


def _snippets(default_locale: Locale) -> list[TranslatableMixin]:
    from wagtail.snippets.models import get_snippet_models

    objects: list[TranslatableMixin] = []
    for model in get_snippet_models():
        if issubclass(model, TranslatableMixin) and model not in (MainMenu, FooterText):
            objects += list(model.objects.filter(locale=default_locale))
    return objects


def _news_items(home: Page) -> list[Page]:
    """English news items, newest first (any page type with a `date` under a news index)."""
    items = [
        page
        for page in home.get_descendants().live().specific()
        if page.locale_id == home.locale_id and hasattr(page, "date") and hasattr(page, "lead")
    ]
    return sorted(items, key=lambda page: page.date, reverse=True)


def _showcase(pages: list[Page]) -> list[Page]:
    """One page of each `SHOWCASE` type among `pages` (in tree order): the named one where it
    exists, else the first of its type."""
    chosen: list[Page] = []
    for label, slug in SHOWCASE.items():
        of_type = [page for page in pages if page._meta.label == label]
        named = [page for page in of_type if page.slug == slug]
        chosen += (named or of_type)[:1]
    return chosen


def _snippets_shown(page: Page) -> list[TranslatableMixin]:
    """The translatable snippets `page` links to itself (an event's category), which its
    translation shows in the visitor's language where they are translated."""
    shown = []
    for field in page._meta.concrete_fields:
        model = field.related_model
        if field.many_to_one and model and issubclass(model, TranslatableMixin):
            value = getattr(page, field.name)
            if value is not None and not isinstance(value, Page):
                shown.append(value)
    return shown


def _has_every_string(source, strings: dict) -> bool:
    """Whether `strings` translates every text of `source`, so that translating it leaves no
    English sentence behind (wagtail-localize would keep the source text for a missing one)."""
    translation_source, _created = TranslationSource.get_or_create_from_instance(source)
    texts = StringSegment.objects.filter(source=translation_source).values_list(
        "string__data", flat=True
    )
    return all(text in strings for text in texts)


def _translate(context: DemoContext, source, locale: Locale, strings: dict, *, limit=None) -> int:
    """Store the translations of `source`'s strings into `locale`; save and publish the target.

    `limit` stops after that many segments (a translation in progress) and leaves the target as
    a draft. Returns how many strings were added.
    """
    translation_source, _created = TranslationSource.get_or_create_from_instance(source)
    translation, _created = Translation.objects.get_or_create(
        source=translation_source, target_locale=locale, defaults={"enabled": True}
    )
    segments = list(
        StringSegment.objects.filter(source=translation_source)
        .select_related("string")
        .order_by("order")
    )
    if limit is not None:
        segments = segments[:limit]
    added = store_string_translations(context, segments, locale, strings)
    added += store_demo_overrides(context, source, translation_source, locale)
    exists = source.get_translation_or_none(locale) is not None
    if added or not exists:
        # Drafts where the model has them (published below); other snippets are saved directly.
        translation.save_target(user=context.user, publish=not isinstance(source, DraftStateMixin))
        target = source.get_translation(locale)
        if limit is None:
            target = target.specific if isinstance(target, Page) else target
            if isinstance(target, Page | DraftStateMixin):
                target.get_latest_revision().publish(user=context.user)
        context.note(f"translated “{source}” into {locale.get_display_name()}")
    return added


@transaction.atomic
def build_translations(context: DemoContext) -> None:
    """Translate the demo (see the module docstring); idempotent and additive."""
    home = context.pages.get("home") or HomePage.objects.filter(depth=2).first()
    if home is None:
        return
    default_locale = home.locale
    pages = [
        page
        for page in home.get_descendants(inclusive=True).live().specific()
        if page.locale_id == home.locale_id
    ]
    news = _news_items(home)
    waiting = news[0] if news else None
    showcase_news = news[1] if len(news) > 1 else None
    menu = MainMenu.objects.filter(locale=default_locale).first()
    menu_page_ids = {item.link_page_id for item in menu.items.all()} if menu else set()
    snippets = _snippets(default_locale)
    showcase = _showcase(pages)
    for locale in Locale.objects.exclude(pk=default_locale.pk).order_by("language_code"):
        strings = strings_for(locale.language_code)
        if not strings:
            continue
        strings = {**strings, **dated_strings(locale.language_code, context.today)}
        full = locale.language_code in FULL_LANGUAGES
        for page in pages:
            in_scope = full or page in (home, showcase_news) or page.pk in menu_page_ids
            if page in showcase and not in_scope:
                in_scope = _has_every_string(page, strings)
            if page == waiting or not in_scope:
                continue
            parent = page.get_parent().specific
            if page != home and parent.get_translation_or_none(locale) is None:
                continue  # its section is not in this language: the page would have no parent
            if not full and page in showcase:
                # First, so that the page's translation links to them rather than the English.
                for snippet in _snippets_shown(page):
                    if _has_every_string(snippet, strings):
                        _translate(context, snippet, locale, strings)
            _translate(context, page, locale, strings)
        for snippet in [menu, *FooterText.objects.filter(locale=default_locale)]:
            if snippet is not None:
                _translate(context, snippet, locale, strings)
        if full:
            for snippet in snippets:
                _translate(context, snippet, locale, strings)
    _queue_half_translated(context, waiting)


def _queue_half_translated(context: DemoContext, page: Page | None) -> None:
    """The German translator's waiting page: sent for translation, half its strings done."""
    locale = Locale.objects.filter(language_code=QUEUED_LANGUAGE).first()
    if page is None or locale is None or page.get_translation_or_none(locale) is not None:
        return
    translation_source, _created = TranslationSource.get_or_create_from_instance(page)
    total = StringSegment.objects.filter(source=translation_source).count()
    _translate(context, page, locale, strings_for(QUEUED_LANGUAGE), limit=max(1, total // 2))
