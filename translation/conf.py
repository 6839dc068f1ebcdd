"""The translation workflow's switches, read at call time so tests can override settings."""

from django.conf import settings

from wagtail.models import Locale, Page, Site


def translators_can_publish() -> bool:
    """Whether partner translators publish directly (else staff approve through a workflow)."""
    return bool(getattr(settings, "TRANSLATORS_CAN_PUBLISH", False))


def source_locale() -> Locale:
    """The locale every page is written in first (English); the others are translations."""
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def is_source(page: Page) -> bool:
    """Whether `page` is in the source language (not a translation)."""
    return page.locale_id == source_locale().pk


def target_locales() -> list[Locale]:
    """The locales partners translate into, in the order of `LANGUAGES`."""
    codes = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    by_code = {
        locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)
    }
    return [by_code[code] for code in codes if code in by_code]


def site_root() -> Page | None:
    """The default site's root page in the source language (the English home page)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


def locale_root(locale: Locale) -> Page | None:
    """The home page of `locale`'s tree: translators' permissions and workflow hang from it."""
    root = site_root()
    if root is None:
        return None
    return root.get_translation_or_none(locale)
