"""Template helpers of the events app: JSON-LD, the events index link, paging, zone names."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from wagtail.models import Locale

from events import zones
from events.providers import events_index

register = template.Library()

# The characters that could end a <script> element or start markup inside it.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: dict) -> SafeString:
    """`data` as JSON safe to place inside <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(text)  # noqa: S308 - escaped above like Django's json_script


@register.simple_tag(takes_context=True)
def events_index_url(context) -> str:
    """The live events index in the visitor's language, else in the default one, else ""."""
    request = context.get("request")
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return ""
    index = events_index(locale)
    return (index.get_url(request) or "") if index else ""


@register.simple_tag
def query_with(query: str, **params) -> str:
    """`query` (a urlencoded filter string) with `params` added or replaced, for paging links."""
    from urllib.parse import parse_qsl, urlencode

    merged = dict(parse_qsl(query))
    merged.update({key: value for key, value in params.items() if value not in (None, "")})
    return urlencode(merged)


# `{{ card.occurrence.start|zone_name }}`: "Central European Summer Time (Brussels)".
register.filter("zone_name", zones.zone_name)
