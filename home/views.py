"""Site-wide public views that are not Wagtail pages: search and robots.txt.

The sitemap lives in `home/sitemap.py`. Search covers every page type any app defines, through
Wagtail's search API, so this app never imports a feature app.
"""

import re
import unicodedata

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from wagtail.models import Locale, Page

from home.localization import active_locale
from home.seo import search_snippet
from home.site_url import absolute

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_PAGE_DIGITS = 6


def clean_query(raw: str) -> str:
    """The search words: control characters (NUL breaks PostgreSQL) removed, length capped."""
    text = "".join(
        " " if unicodedata.category(char).startswith("C") else char for char in raw[:1000]
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def page_number(raw: str | None) -> int:
    """The requested results page; anything that is not a positive number means the first."""
    if raw is None or not raw.isascii() or not raw.isdigit() or len(raw) > MAX_PAGE_DIGITS:
        return 1
    return max(int(raw), 1)


def search_words(query: str) -> str:
    """The words of the query, without the punctuation a search backend reads as syntax.

    A lone quote or bracket is an error in SQLite's full-text syntax; visitors mean words.
    """
    return " ".join(re.findall(r"\w+", query))


def search_results(query: str, locale: Locale):
    """Live, public pages in `locale` matching `query`, best first, as their specific types
    (snippets come from their own fields: an intro, a news lead); a lazy search result.

    Wagtail's own `public()` is used here, not `home.seo.public_live_pages()`: search backends
    only accept filters on indexed fields, and the path prefixes `public()` builds are such.
    """
    pages = Page.objects.live().public().filter(locale=locale, depth__gt=1).specific()
    words = search_words(query)
    return pages.search(words) if words else pages.none()


@require_safe
def search(request: HttpRequest) -> TemplateResponse:
    """Search the site in the visitor's language, ten results a page.

    Only the current language is searched: a German visitor finds German pages, and an
    untranslated page is found in the language it exists in. A page number past the last page is
    a 404; a malformed one shows the first page.
    """
    query = clean_query(request.GET.get("q", ""))
    context = {"search_query": query, "seo_noindex": True, "results": [], "page_obj": None}
    locale = active_locale(request)
    if query and locale is not None:
        paginator = Paginator(search_results(query, locale), RESULTS_PER_PAGE)
        number = page_number(request.GET.get("page"))
        if number > paginator.num_pages:
            raise Http404("No such results page")
        page_obj = paginator.page(number)
        context["page_obj"] = page_obj
        context["results"] = [
            {
                "title": page.title,
                "url": page.get_url(request),
                "full_url": page.get_full_url(request),
                "snippet": search_snippet(page),
            }
            for page in page_obj.object_list
        ]
    return TemplateResponse(request, "home/search.html", context)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Let crawlers in everywhere but the admin and search results; point them at the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: {path}" for path in search_paths()),
        "",
        f"Sitemap: {absolute(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def search_paths() -> list[str]:
    """The search page's path in every site language (endless result pages waste crawl budget)."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("home:search"))
    return paths
