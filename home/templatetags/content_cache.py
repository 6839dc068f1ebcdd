"""`{% cached_content "name" [seconds] %}…{% endcached_content %}`: a page's main content, kept.

The main content of a detail page or of a listing's first page is the same for every visitor of a
site and language (`same_for_every_visitor`) and costs most of a page's queries, so it is kept as
a tagged fragment; `seconds` bounds what changes with time alone (upcoming events). The view's
context values it uses must be lazy (`lazy_value`), or a hit would still run their queries.
"""

from django import template
from django.template import Context
from django.template.base import Parser, Token
from django.utils.translation import get_language

from home.caching.fragments import FRAGMENT_TIMEOUT, cached_fragment, same_for_every_visitor

register = template.Library()


class CachedContentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str, seconds: int) -> None:
        self.nodelist = nodelist
        self.name = name
        self.seconds = seconds

    def render(self, context: Context) -> str:
        request = context.get("request")
        page = context.get("page")
        if not same_for_every_visitor(request, page):
            return self.nodelist.render(context)
        key = (
            "content",
            self.name,
            request.get_host(),
            get_language() or "",
            str(page.pk),
            str(page.live_revision_id),
        )
        return cached_fragment(key, lambda: self.nodelist.render(context), self.seconds)


@register.tag
def cached_content(parser: Parser, token: Token) -> CachedContentNode:
    """`{% cached_content "news-item" %}`, or bounded in time `{% cached_content "events" 60 %}`."""
    bits = token.split_contents()
    if len(bits) not in (2, 3) or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(
            f'{bits[0]} takes a quoted name and optional seconds: {{% {bits[0]} "name" 60 %}}'
        )
    seconds = int(bits[2]) if len(bits) == 3 else FRAGMENT_TIMEOUT
    nodelist = parser.parse(("endcached_content",))
    parser.delete_first_token()
    return CachedContentNode(nodelist, bits[1][1:-1], seconds)
