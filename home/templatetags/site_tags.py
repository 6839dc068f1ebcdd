"""Template tags for the site-wide layout: menu, footer, language switcher, feature apps' slots."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template import Context
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info

from wagtail import hooks
from wagtail.models import Locale, Page, Site

from home.caching.fragments import cached_fragment, cached_value
from home.listings import listings
from home.localization import active_locale, translations_in
from home.models import FooterText, MainMenu
from home.seo import page_family

register = template.Library()

# How long the home sections may be served without rebuilding; see `home_sections`.
HOME_SECTIONS_SECONDS = 60


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switcher."""

    code: str
    name_local: str
    url: str
    is_current: bool


def _site_key(request: HttpRequest | None) -> str:
    return request.get_host() if request is not None else "-"


def _for_locale(queryset, locale: Locale | None):
    """The live object in the visitor's language, else in the default language, else None."""
    live = queryset.filter(live=True)
    if locale is not None:
        found = live.filter(locale=locale).first()
        if found is not None:
            return found
    return live.filter(locale__language_code=settings.LANGUAGE_CODE).first()


@register.simple_tag(takes_context=True)
def main_menu(context) -> SafeString:
    """The main navigation in the visitor's language; the links are cached until content changes.

    Only the links are cached (per site and language); which one is current is worked out per
    request, so the cache holds one entry per language whatever paths visitors ask for.
    """
    request: HttpRequest | None = context.get("request")
    links = cached_value(
        ("menu", _site_key(request), get_language() or ""), lambda: _menu_links(request)
    )
    current_path = request.path if request else ""
    marked = [
        {**link, "is_current": current_path.startswith(link["url"]) and link["url"].count("/") > 2}
        for link in links
    ]
    return mark_safe(render_to_string("components/main_menu.html", {"links": marked}))  # noqa: S308


def _menu_links(request: HttpRequest | None) -> list[dict]:
    """Menu items, each pointing at its page in the visitor's language where one is live."""
    locale = active_locale(request)
    menu = _for_locale(MainMenu.objects.all(), locale)
    links = []
    if menu is not None:
        items = list(menu.items.select_related("link_page__locale").order_by("sort_order"))
        pages = {item.link_page_id: item.link_page for item in items}
        localized = translations_in(pages.values(), locale.pk, live_pages=True) if locale else {}
        for item in items:
            page = localized.get(item.link_page.translation_key, item.link_page)
            if not page.live:
                continue
            url = page.get_url(request)
            if not url:
                continue
            links.append(
                {
                    "text": item.label or page.title,
                    "url": url,
                    # A page not yet translated keeps its language, announced to screen readers.
                    "lang": ""
                    if locale and page.locale_id == locale.pk
                    else page.locale.language_code,
                }
            )
    return links


@register.simple_tag(takes_context=True)
def footer_text(context) -> SafeString:
    """The footer text snippet in the visitor's language, cached until content changes."""
    request: HttpRequest | None = context.get("request")

    def render() -> str:
        locale = active_locale(request)
        footer = _for_locale(FooterText.objects.select_related("locale"), locale)
        fallback_lang = footer.locale.language_code if footer and footer.locale != locale else ""
        return render_to_string(
            "components/footer_text.html", {"footer": footer, "lang": fallback_lang}
        )

    return cached_fragment(("footer", _site_key(request), get_language() or ""), render)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """The languages the visitor can read this page in, each linking to that version.

    On a Wagtail page only its live, public translations are listed (never a home page in
    place of a missing translation). Views that are not pages (search, sign-up) exist in every
    language, so every language is listed with the same path under its prefix.
    """
    request: HttpRequest | None = context.get("request")
    page = context.get("page")
    current = get_language()
    if isinstance(page, Page) and page.pk:
        urls = dict(page_family(page, request).links)
        if not urls:  # a draft or private page being previewed: only its own language
            urls = {page.locale.language_code: page.get_url(request) or ""}
    else:
        urls = {
            code: translate_url(request.path, code) if request else f"/{code}/"
            for code, _name in settings.LANGUAGES
        }
    return [
        LanguageLink(
            code=code,
            name_local=get_language_info(code)["name_local"],
            url=urls[code],
            is_current=code == current,
        )
        for code, _name in settings.LANGUAGES
        if urls.get(code)
    ]


@register.simple_tag(takes_context=True)
def render_slot(context, slot: str) -> SafeString:
    """Render the templates feature apps offer for `slot`; nothing when no app fills it.

    A feature app offers one with `@hooks.register("stempd_slot")` on a function that returns
    `(slot, template_name)`.
    """
    request: HttpRequest | None = context.get("request")
    offered = (hook() for hook in hooks.get_hooks("stempd_slot"))
    templates = list(dict.fromkeys(template for name, template in offered if name == slot))
    if not templates:
        return mark_safe("")

    def render() -> str:
        flat = context.flatten()
        return "".join(render_to_string(name, flat, request=request) for name in templates)

    # Slots are per language, not per page (the sign-up form carries no CSRF token).
    return cached_fragment(("slot", slot, _site_key(request), get_language() or ""), render)


@register.simple_tag(takes_context=True)
def home_sections(context) -> SafeString:
    """The home-page sections feature apps offer (`home.listings`), skipping empty ones.

    Cached per site and language like the footer, and for at most `HOME_SECTIONS_SECONDS`:
    a publish reaches them through their tags, but an event that has begun leaves "upcoming
    events" only with time.
    """
    request: HttpRequest | None = context.get("request")
    locale = active_locale(request)
    if locale is None:
        return mark_safe("")

    def render() -> str:
        parts = []
        for listing in listings():
            items = list(listing.provider(request, locale, listing.limit))
            if items:
                parts.append(render_to_string(listing.template, {"items": items}, request=request))
        return "".join(parts)

    key = ("home-sections", _site_key(request), locale.language_code)
    return cached_fragment(key, render, timeout=HOME_SECTIONS_SECONDS)


@dataclass(frozen=True)
class Crumb:
    """One step of the breadcrumb trail; `url` is empty for a step that cannot be visited."""

    title: str
    url: str


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context: Context) -> dict:
    """The trail from the visitor's home page down to the current page (one query).

    Nothing on a home page, on pages outside the site, or on views that are not pages. The site
    root's translations (each language's home page) sit at the site root's depth, so the trail
    starts at the home page of the page's own language (labelled "Home"). An unpublished ancestor
    is shown without a link rather than linking to a 404.
    """
    request: HttpRequest | None = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        return {"crumbs": []}
    if request is None or getattr(request, "is_preview", False) or not page.live_revision_id:
        return _trail(page, request)
    # Kept for the live version; the ancestors' tags make it stale when one changes.
    key = ("crumbs", request.get_host(), str(page.pk), str(page.live_revision_id))
    return cached_value(key, lambda: _trail(page, request))


def _trail(page: Page, request: HttpRequest | None) -> dict:
    site = Site.find_for_request(request) if request else None
    root_depth = site.root_page.depth if site else 2
    if page.depth <= root_depth:
        return {"crumbs": []}
    ancestors = [a for a in page_family(page, request).ancestors if a.depth >= root_depth]
    crumbs = [
        Crumb(title=ancestor.title, url=(ancestor.get_url(request) or "") if ancestor.live else "")
        for ancestor in ancestors
    ]
    return {"crumbs": crumbs, "current": Crumb(title=page.title, url=page.get_url(request) or "")}
