"""Finding the version of translatable objects (pages, snippets) in the visitor's language.

Listings, related links and the main menu all show objects that may exist in several
languages; `.localized` on each would cost queries per object. These helpers batch it: one
query per model for the objects not already in the wanted locale.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale


def active_locale(request: HttpRequest | None = None) -> Locale | None:
    """The visitor's locale (None before an editor creates it), looked up once per request."""
    language = get_language()
    memo = request.__dict__.setdefault("_stempd_locales", {}) if request is not None else {}
    if language not in memo:
        try:
            memo[language] = Locale.get_active()
        except Locale.DoesNotExist:
            memo[language] = None
    return memo[language]


def translations_in(objects: Iterable[Any], locale_id: int, *, live_pages: bool = False) -> dict:
    """Map translation_key → the object's version in `locale_id`, for those that have one.

    Objects already in the locale map to themselves. With `live_pages`, page translations
    that are not live are left out (so callers fall back to the source page).
    """
    found: dict[Any, Any] = {}
    missing: dict[type, list] = {}
    for obj in objects:
        if obj.locale_id == locale_id:
            found[obj.translation_key] = obj
        else:
            missing.setdefault(type(obj), []).append(obj.translation_key)
    for model, keys in missing.items():
        queryset = model.objects.filter(translation_key__in=keys, locale_id=locale_id)
        if live_pages:
            queryset = queryset.live()
        found.update({obj.translation_key: obj for obj in queryset.select_related("locale")})
    return found


def in_locale(objects: list, locale_id: int, *, live_pages: bool = False) -> list:
    """Each object in locale `locale_id` where such a version exists, else as is, in order.

    With `live_pages`, pages that are not live (in any language) are dropped.
    """
    found = translations_in(objects, locale_id, live_pages=live_pages)
    result = [found.get(obj.translation_key, obj) for obj in objects]
    if live_pages:
        result = [obj for obj in result if obj.live]
    return result


def source_language_if_translated() -> str:
    """The default locale's language code when the page being rendered is in another language.

    For parts of a translated page that keep the source's words (tags, say): templates put it
    in `lang`, so screen readers read them in their own language (WCAG 3.1.2). Wagtail renders
    a page with its locale's language active, so no query is needed to know it.
    """
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    current = get_supported_content_language_variant(get_language() or default)
    return "" if current == default else default


def ensure_locales() -> list[Locale]:
    """One Wagtail locale per site language (`settings.LANGUAGES`), created where missing."""
    return [
        Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES
    ]
