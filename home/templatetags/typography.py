"""Filters that make headings and addresses break well in every language.

`soft_hyphens` goes on visible headings and card titles only: never on `<title>`, meta tags or
JSON-LD, whose text is read by machines and must stay as the editor wrote it.
"""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from home.hyphenation import hyphenate

register = template.Library()

# Markup and character references pass through untouched; only the text between them is hyphenated.
MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")


@register.filter
def soft_hyphens(value, language: str | None = None) -> SafeString:
    """`value`, escaped, with soft hyphens in its long words (in `language`, else the page's)."""
    if value is None or value == "":
        return mark_safe("")
    language = language or get_language() or "en"
    parts = MARKUP.split(str(conditional_escape(value)))
    for index in range(0, len(parts), 2):
        parts[index] = hyphenate(parts[index], language)
    return mark_safe("".join(parts))  # noqa: S308 (escaped above; only U+00AD added)


@register.filter
def url_breaks(value) -> SafeString:
    """A URL, escaped, that may wrap after each slash and before each dot, never mid-name."""
    escaped = str(conditional_escape(value or ""))
    escaped = re.sub(r"(?<!/)/(?!/)", "/<wbr>", escaped)
    return mark_safe(re.sub(r"(?<=\w)\.(?=\w)", "<wbr>.", escaped))  # noqa: S308 (escaped above)
