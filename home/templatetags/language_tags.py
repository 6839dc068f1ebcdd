"""Marking items a listing shows in another language than the visitor's (see `home.fallback`)."""

from typing import Any

from django import template
from django.utils import translation

register = template.Library()


@register.filter
def fallback_language(item: Any) -> str:
    """The item's language code when it is not the active language (a source version shown for
    want of a translation), else "". Reads `item.locale`, which listings select with the item."""
    locale = getattr(item, "locale", None)
    code = getattr(locale, "language_code", "")
    active = translation.get_language() or ""
    if not code or code == active or code.split("-")[0] == active.split("-")[0]:
        return ""
    return code
