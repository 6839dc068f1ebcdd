"""Translated text carries no markup its source did not.

wagtail-localize writes translated strings into the page as HTML, and its own check reads them
with `html.parser`, which does not end a comment where browsers do (`<!--x--!>`), so markup hidden
in such a "comment" would run. So each translation is parsed as browsers do (html5ever, via nh3)
and keeps only what it may hold: rich text the site's inline elements (`<b>`, `<i>`, `<br>`), its
source's `<a id="a1">` link placeholders and other inline elements its source uses, without other
attributes or comments; plain text `<br>` only where its source breaks lines (a one-line field
gets a space); a string without `<` stays as it is. A `pre_save` receiver of `StringTranslation`,
which every way of storing a translation goes through, cleans it before `hardening` measures its
length. A translator's link override must be a web, e-mail or phone link or a site path (else 400).
"""

import html
import re
from urllib.parse import urlsplit

from django.core.exceptions import BadRequest
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringTranslation,
    TemplateSegment,
)
from wagtail_localize.strings import INLINE_TAGS, extract_ids

import nh3

# What the site's rich-text features (bold, italic, link, document link) store inside a
# paragraph, plus the line break of Shift+Enter. Links are allowed only where the source has one.
RICH_TEXT_TAGS = frozenset({"b", "i", "br"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")
_LINE_BREAK = re.compile(r"<br\s*/?>|[\r\n\v\f\x85\u2028\u2029]", re.IGNORECASE)
# Browsers drop tabs and newlines anywhere in a URL, and leading/trailing controls and spaces.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def _clean(data: str, **options) -> str:
    """`nh3.clean` without comments, scripts or styles, and without added `rel` attributes."""
    cleaned = nh3.clean(
        data, clean_content_tags={"script", "style"}, strip_comments=True, link_rel=None, **options
    )
    # html5ever writes U+00A0 as `&nbsp;`; wagtail-localize's own strings keep the character.
    return cleaned.replace("&nbsp;", "\xa0")


def clean_rich_text(data: str, source: str) -> str:
    """A translated rich-text string reduced to the inline markup it may hold (see above)."""
    if "<" not in data:
        return data
    link_ids = extract_ids(source)
    source_tags = {name.lower() for name in _TAG_NAME.findall(source)} & set(INLINE_TAGS)
    tags = set(RICH_TEXT_TAGS) | source_tags
    if link_ids:
        tags.add("a")
    else:
        tags.discard("a")

    def keep_link_id(tag: str, attribute: str, value: str) -> str | None:
        return value if tag == "a" and attribute == "id" and value in link_ids else None

    return _clean(
        data,
        tags=tags,
        attributes={"a": {"id"}},
        attribute_filter=keep_link_id,
        url_schemes=set(),
    )


def clean_plain_text(data: str, source: str) -> str:
    """A translated plain-text string as text only; one line where its source is one line."""
    if "<" in data:
        data = _clean(data, tags={"br"}, attributes={})
    if not _LINE_BREAK.search(source) and _LINE_BREAK.search(data):
        data = " ".join(part.strip() for part in _LINE_BREAK.split(data) if part.strip())
    return data


def clean_translation(data: str, source: str, *, rich_text: bool) -> str:
    """`data`, the translation of the source string `source`, with only the markup it may hold."""
    if rich_text:
        return clean_rich_text(data, source)
    return clean_plain_text(data, source)


def is_rich_text(context_id: int | None) -> bool:
    """Whether the strings at this place are rich text: wagtail-localize splits rich text into a
    template and its strings, so a template segment shares their context."""
    return context_id is not None and TemplateSegment.objects.filter(context_id=context_id).exists()


@receiver(pre_save, sender=StringTranslation, dispatch_uid="stempd-clean-markup")
def clean_string_translation(
    sender, instance: StringTranslation, update_fields=None, **kwargs
) -> None:
    """`pre_save` of every `StringTranslation`: clean the text before it is written."""
    if update_fields is not None and "data" not in update_fields:
        return
    data = instance.data or ""
    if "<" not in data and not _LINE_BREAK.search(data):
        return
    instance.data = clean_translation(
        data, instance.translation_of.data, rich_text=is_rich_text(instance.context_id)
    )


def is_safe_link(url: str) -> bool:
    """Whether a browser following `url` stays on the web, e-mail or phone, or on this site."""
    for candidate in (url, html.unescape(url)):
        found = _SCHEME.match(_URL_IGNORED.sub("", candidate))
        if found and found.group(1).lower() not in LINK_SCHEMES:
            return False
    return True


def _is_link(path: str, source_value) -> bool:
    """Whether an overridable segment is a link: a rich-text link's address (the path ends in
    the quoted address) or a field whose source value is a web address or a path."""
    if path.endswith("'"):
        return True
    if not isinstance(source_value, str):
        return False
    return urlsplit(source_value).scheme.lower() in LINK_SCHEMES or source_value.startswith("/")


class UnsafeLink(BadRequest):
    """A link address a translator may not set (Django answers a `BadRequest` with a 400)."""

    def __init__(self) -> None:
        super().__init__(
            _("A link must start with https://, http://, mailto: or tel:, or be a path.")
        )


@receiver(pre_save, sender=SegmentOverride, dispatch_uid="stempd-safe-links")
def refuse_unsafe_link_overrides(
    sender, instance: SegmentOverride, update_fields=None, **kwargs
) -> None:
    """`pre_save` of every `SegmentOverride`: refuse a link address that is not a safe link."""
    if update_fields is not None and "data_json" not in update_fields:
        return
    value = instance.data
    if not isinstance(value, str) or is_safe_link(value):
        return
    segment = OverridableSegment.objects.filter(context_id=instance.context_id).first()
    if segment is None or _is_link(instance.context.path, segment.data):
        raise UnsafeLink
