"""Template tags for the site-wide layout: menu, footer, language switcher and registry slots."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template import Context
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info

from wagtail.models import Locale, Page, Site

from home.models import FooterText, MainMenu
from home.registry import get_listings, slot_templates

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switcher."""

    code: str
    name_local: str
    url: str
    is_current: bool
    has_translation: bool


def _active_locale() -> Locale | None:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def _for_locale(queryset, locale: Locale | None):
    """The live object in the visitor's language, else in the default language, else None."""
    live = queryset.filter(live=True)
    if locale is not None:
        found = live.filter(locale=locale).first()
        if found is not None:
            return found
    return live.filter(locale__language_code=settings.LANGUAGE_CODE).first()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context) -> dict:
    """The main navigation in the visitor's language; item pages are shown in that language too."""
    request: HttpRequest | None = context.get("request")
    locale = _active_locale()
    menu = _for_locale(MainMenu.objects.all(), locale)
    links = []
    if menu is not None:
        items = list(menu.items.select_related("link_page__locale").order_by("sort_order"))
        pages = {item.link_page_id: item.link_page for item in items}
        localized = _localized_pages(pages.values(), locale)
        current_path = request.path if request else ""
        for item in items:
            page = localized.get(item.link_page_id, item.link_page)
            if not page.live:
                continue
            url = page.get_url(request)
            if not url:
                continue
            links.append(
                {
                    "text": item.label or page.title,
                    "url": url,
                    "is_current": current_path.startswith(url) and url.count("/") > 2,
                    # A page not yet translated keeps its language, announced to screen readers.
                    "lang": ""
                    if locale and page.locale_id == locale.pk
                    else page.locale.language_code,
                }
            )
    return {"links": links}


def _localized_pages(pages, locale: Locale | None) -> dict[int, Page]:
    """Map each page id to its live translation in `locale`, in one query."""
    pages = list(pages)
    if locale is None or not pages:
        return {}
    keys = {page.translation_key: page.pk for page in pages}
    translations = Page.objects.live().filter(translation_key__in=keys, locale=locale)
    translations = translations.select_related("locale")
    return {keys[page.translation_key]: page for page in translations}


@register.inclusion_tag("components/footer_text.html", takes_context=True)
def footer_text(context) -> dict:
    """The footer text snippet in the visitor's language."""
    locale = _active_locale()
    footer = _for_locale(FooterText.objects.select_related("locale"), locale)
    fallback_lang = footer.locale.language_code if footer and footer.locale != locale else ""
    return {"footer": footer, "lang": fallback_lang}


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """Links to the current page in every site language.

    Where the page has a live translation, link to it; otherwise link to that language's home
    page, so a visitor who switches language never lands on a 404.
    """
    request: HttpRequest | None = context.get("request")
    page = context.get("page")
    current = get_language()
    targets: dict[str, str] = {}
    translated: set[str] = set()
    if isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            url = translation.get_url(request)
            if url:
                targets[translation.locale.language_code] = url
                translated.add(translation.locale.language_code)
    site = Site.find_for_request(request) if request else None
    if site is not None and len(targets) < len(settings.LANGUAGES):
        for home in site.root_page.get_translations(inclusive=True).live().select_related("locale"):
            targets.setdefault(home.locale.language_code, home.get_url(request) or "")
    links = []
    for code, _name in settings.LANGUAGES:
        url = targets.get(code) or (translate_url(request.path, code) if request else f"/{code}/")
        links.append(
            LanguageLink(
                code=code,
                name_local=get_language_info(code)["name_local"],
                url=url,
                is_current=code == current,
                has_translation=code in translated,
            )
        )
    return links


@register.simple_tag(takes_context=True)
def render_slot(context, slot: str) -> SafeString:
    """Render what feature apps registered for `slot`; nothing when no app fills it."""
    flat = context.flatten()
    html = "".join(
        render_to_string(name, flat, request=context.get("request"))
        for name in slot_templates(slot)
    )
    return mark_safe(html)  # noqa: S308 - output of our own templates, already escaped


@register.simple_tag(takes_context=True)
def home_sections(context) -> SafeString:
    """Render the home-page sections feature apps registered, skipping empty ones."""
    request: HttpRequest | None = context.get("request")
    locale = _active_locale()
    parts = []
    for listing in get_listings():
        if locale is None:
            break
        items = list(listing.provider(request, locale, listing.limit))
        if items:
            parts.append(render_to_string(listing.template, {"items": items}, request=request))
    return mark_safe("".join(parts))  # noqa: S308 - output of our own templates, already escaped


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
    site = Site.find_for_request(request) if request else None
    root_depth = site.root_page.depth if site else 2
    if page.depth <= root_depth:
        return {"crumbs": []}
    ancestors = page.get_ancestors().filter(depth__gte=root_depth)
    crumbs = [
        Crumb(title=ancestor.title, url=(ancestor.get_url(request) or "") if ancestor.live else "")
        for ancestor in ancestors
    ]
    return {"crumbs": crumbs, "current": Crumb(title=page.title, url=page.get_url(request) or "")}
