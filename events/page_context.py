"""The context the events index and event page templates receive (their models' `get_context`).

Every query parameter goes through a form; a value it rejects answers 404, never a server error.
The index lists every event in the visitor's language where translated, else in its source's.
"""

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django import forms
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page

from events.calendar_links import add_event_links, subscribe_links
from events.cards import card_for, past_events, upcoming_cards
from events.countries import country_choices, country_name
from events.feeds import FeedScope
from events.jsonld import event_json_ld
from events.models import (
    EventCategory,
    EventIndexPage,
    EventPage,
    categories_for_locale,
    category_by_slug,
    issue_event_keys,
)
from events.month import month_context
from events.vevents import stream_text
from home.caching.fragments import lazy_value
from home.fallback import children_of_translations, in_language_or_source
from home.site_url import absolute

PER_PAGE = 10
VIEWS = ("upcoming", "past", "month")


class EventFilterForm(forms.Form):
    """The index's query parameters; anything it rejects is answered with 404."""

    view = forms.ChoiceField(choices=[(v, v) for v in VIEWS], required=False)
    category = forms.SlugField(max_length=80, required=False)
    country = forms.ChoiceField(choices=lambda: [("", ""), *country_choices()], required=False)
    mode = forms.ChoiceField(choices=[("", ""), *EventPage.AttendanceMode.choices], required=False)
    issue = forms.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    year = forms.IntegerField(min_value=1970, max_value=2100, required=False)
    month = forms.IntegerField(min_value=1, max_value=12, required=False)
    page = forms.IntegerField(min_value=1, max_value=100_000, required=False)


def index_context(index: EventIndexPage, request: HttpRequest) -> dict:
    """Listings, month grid, filters and feed links of an events index page."""
    form = EventFilterForm(request.GET)
    if not form.is_valid():
        raise Http404("Invalid filter")
    data = form.cleaned_data
    now = timezone.now()
    locale = index.locale
    categories = categories_for_locale(locale)
    # The first, unfiltered page is usually a cached fragment (`cached_content`): its queries
    # are only built and run if the fragment has to be rendered.
    defer = not request.GET

    def deferred(compute):
        return lazy_value(compute) if defer else compute()

    all_events = deferred(
        lambda: in_language_or_source(
            children_of_translations(EventPage.objects.visible(), index), locale
        )
    )
    base = all_events
    category = None
    if data["category"]:
        category = category_by_slug(categories, data["category"])
        if category is None:
            raise Http404("Unknown category")
        base = base.filter(category__slug=category.slug)
    if data["country"]:
        base = base.filter(venue_country=data["country"])
    if data["mode"]:
        base = base.filter(attendance_mode=data["mode"])
    issue = None
    if data["issue"]:
        # The live issue page (any language), in the index's language where translated.
        issue = Page.objects.live().filter(pk=data["issue"]).first()
        if issue is None:
            raise Http404("Unknown issue")
        issue = issue.get_translation_or_none(locale) or issue
        base = base.filter(translation_key__in=issue_event_keys(issue.translation_key))

    view = data["view"] or ("month" if data["year"] or data["month"] else "upcoming")
    filters = {k: data[k] for k in ("category", "country", "mode", "issue") if data[k]}
    context: dict = {
        "view": view,
        "filters": filters,
        "filter_query": urlencode(filters),
        "category": category,
        "issue": issue,
        "category_options": sorted(categories.values(), key=lambda c: c.name),
        "country_options": deferred(lambda: _country_options(all_events)),
        "mode_options": EventPage.AttendanceMode.choices,
        "feed": feed_context(locale, category),
    }
    if view == "month":
        context.update(
            month_context(base, request, categories, locale, data["year"], data["month"], now)
        )
    elif view == "past":
        page_obj = _paginate(past_events(base, now), data["page"])
        context["page_obj"] = page_obj
        context["cards"] = [card_for(page, request, categories, locale=locale) for page in page_obj]
    else:
        page_obj = deferred(
            lambda: _paginate(upcoming_cards(base, request, locale, now), data["page"])
        )
        context["page_obj"] = page_obj
        context["cards"] = deferred(lambda: list(page_obj))
    return context


def _paginate(items, number: int | None):
    try:
        return Paginator(items, PER_PAGE).page(number or 1)
    except EmptyPage as error:  # page 1 always exists, even empty
        raise Http404("No such page") from error


def _country_options(events) -> list[tuple[str, str]]:
    codes = events.exclude(venue_country="").values_list("venue_country", flat=True).distinct()
    return sorted(((code, country_name(code)) for code in set(codes)), key=lambda c: c[1])


def feed_context(locale: Locale, category: EventCategory | None) -> dict:
    """The whole-calendar feed, and the category's when one is chosen, with subscribe links."""

    def feed(scope: FeedScope, url: str) -> dict:
        name = scope.calendar_name()
        return {"name": name, "url": url, "links": subscribe_links(url, name)}

    feeds = [feed(FeedScope(locale=locale), reverse("events:feed"))]
    if category is not None:
        url = reverse("events:category_feed", args=[category.slug])
        feeds.insert(0, feed(FeedScope(locale=locale, category=category), url))
    return {"feeds": feeds}


def event_details(page: EventPage, request: HttpRequest) -> dict:
    """Dates, related pages, subscribe links and JSON-LD for an event page."""
    now: datetime = timezone.now()
    locale = page.locale
    categories = categories_for_locale(locale)
    schedule = page.schedule
    next_occurrence = schedule.next_occurrence(now)
    card = card_for(page, request, categories, next_occurrence)
    upcoming = []
    if schedule.is_recurring:
        horizon = now + timedelta(days=366)
        upcoming = [
            card_for(page, request, categories, occurrence)
            for occurrence in schedule.occurrences_between(now, horizon)[:12]
        ]
    ics_url = reverse("events:event_ics", args=[page.pk])
    details = "\n\n".join(part for part in (page.lead, stream_text(page.body)) if part)
    organisers = [
        link.partner_page.localized.specific
        for link in page.organisers.select_related("partner_page")
        if link.partner_page.live
    ]
    issues = [
        link.issue_page.localized.specific
        for link in page.issue_links.select_related("issue_page")
        if link.issue_page.live
    ]
    return {
        "card": card,
        "is_past": next_occurrence is None,
        "upcoming_occurrences": upcoming,
        "category": card.category,
        "organisers": organisers,
        "issues": issues,
        "ics_absolute_url": absolute(ics_url),
        "add_links": add_event_links(
            ics_url=ics_url,
            title=page.title,
            start=card.occurrence.start,
            end=card.occurrence.end,
            all_day=card.all_day,
            zone=card.zone,
            details=details,
            location=page.location_text(),
        ),
        "feed": feed_context(locale, card.category),
        "registration_open": page.registration_open(timezone.localdate(now)),
        "json_ld": event_json_ld(page, request, card, organisers),
    }
