"""Public views of the events app: the index's listings and month grid, event pages, feeds.

Every query parameter is validated by a form; a value it rejects answers 404 (a clean "not
found"), never a server error. The index's queries do not grow with the number of events: they
select and prefetch what the templates touch.
"""

import calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR
from django.views.decorators.http import require_safe

from wagtail.models import Locale

from events.countries import COUNTRIES, country_name
from events.feeds import FeedScope, feed_headers, feed_validator, get_feed
from events.links import add_event_links, subscribe_links
from events.models import (
    EventCategory,
    EventExceptionDate,
    EventIndexPage,
    EventPage,
    categories_for_locale,
)
from events.recurrence import Occurrence
from events.vevents import stream_text

PER_PAGE = 10
UPCOMING_LIMIT = 500  # an index never lists more upcoming events than this
VIEWS = ("upcoming", "past", "month")


# --- Presentation --------------------------------------------------------------------------
@dataclass(frozen=True)
class EventCard:
    """What listings show of one event: one occurrence, in the event's zone, zone named."""

    page: EventPage
    url: str
    occurrence: Occurrence
    category: EventCategory | None

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def start(self) -> datetime:
        """Naive wall-clock start in the event's zone (templates must not convert it)."""
        return self.occurrence.start.replace(tzinfo=None)

    @property
    def end(self) -> datetime:
        return self.occurrence.end.replace(tzinfo=None)

    @property
    def last_day(self) -> date:
        return self.occurrence.local_dates[-1]

    @property
    def all_day(self) -> bool:
        return self.occurrence.all_day

    @property
    def multi_day(self) -> bool:
        return len(self.occurrence.local_dates) > 1

    @property
    def zone(self) -> str:
        return self.page.schedule.tz.key

    @property
    def zone_abbreviation(self) -> str:
        return self.occurrence.start.tzname() or ""

    @property
    def iso_start(self) -> str:
        if self.all_day:
            return self.occurrence.start.date().isoformat()
        return self.occurrence.start.isoformat()

    @property
    def location(self) -> str:
        if self.page.has_venue:
            return ", ".join(p for p in (self.page.venue_city, self.page.country_name) if p)
        return ""

    @property
    def attendance(self) -> str:
        return self.page.get_attendance_mode_display()


def card_for(
    page: EventPage, request: HttpRequest, categories: dict, occurrence: Occurrence | None = None
) -> EventCard:
    """An `EventCard` for `page`'s given (else first) occurrence."""
    schedule = page.schedule
    occurrence = occurrence or Occurrence(schedule.start, schedule.end, schedule.is_all_day)
    category = categories.get(page.category.translation_key) if page.category else None
    return EventCard(
        page=page, url=page.get_url(request) or "", occurrence=occurrence, category=category
    )


def with_related(queryset):
    """What cards and schedules touch, fetched in a fixed number of queries."""
    return queryset.select_related("category", "locale").prefetch_related(
        Prefetch("exception_dates", queryset=EventExceptionDate.objects.order_by("date"))
    )


def upcoming_cards(queryset, request: HttpRequest, locale: Locale, now: datetime) -> list:
    """Upcoming events, soonest next occurrence first (a weekly series shows its next date)."""
    categories = categories_for_locale(locale)
    cards = []
    for page in with_related(queryset.upcoming(now)).order_by("starts_at", "pk")[:UPCOMING_LIMIT]:
        occurrence = page.schedule.next_occurrence(now)
        if occurrence is not None:
            cards.append(card_for(page, request, categories, occurrence))
    cards.sort(key=lambda card: (card.occurrence.start, card.page.pk))
    return cards


def upcoming_events_provider(request: HttpRequest | None, locale: Locale, limit: int) -> list:
    """The home page's "upcoming events" section (registered in `home.registry`)."""
    queryset = EventPage.objects.visible().filter(locale=locale)
    return upcoming_cards(queryset, request, locale, timezone.now())[:limit]


# --- Index ---------------------------------------------------------------------------------
class EventFilterForm(forms.Form):
    """The index's query parameters; anything it rejects is answered with 404."""

    view = forms.ChoiceField(choices=[(v, v) for v in VIEWS], required=False)
    category = forms.SlugField(max_length=80, required=False)
    country = forms.ChoiceField(choices=[("", ""), *COUNTRIES.items()], required=False)
    mode = forms.ChoiceField(choices=[("", ""), *EventPage.AttendanceMode.choices], required=False)
    year = forms.IntegerField(min_value=1970, max_value=2100, required=False)
    month = forms.IntegerField(min_value=1, max_value=12, required=False)
    page = forms.IntegerField(min_value=1, max_value=100_000, required=False)


@dataclass
class Day:
    """One cell of the month grid."""

    day: date
    in_month: bool
    is_today: bool
    cards: list = field(default_factory=list)


def _parse_filters(request: HttpRequest) -> dict:
    form = EventFilterForm(request.GET)
    if not form.is_valid():
        raise Http404("Invalid filter")
    return form.cleaned_data


def index_context(index: EventIndexPage, request: HttpRequest) -> dict:
    """Listings, month grid, filters and feed links of an events index page."""
    data = _parse_filters(request)
    now = timezone.now()
    locale = index.locale
    categories = categories_for_locale(locale)
    base = EventPage.objects.visible().descendant_of(index)
    category = None
    if data["category"]:
        category = next((c for c in categories.values() if c.slug == data["category"]), None)
        if category is None:
            raise Http404("Unknown category")
        base = base.filter(category__slug=category.slug)
    if data["country"]:
        base = base.filter(venue_country=data["country"])
    if data["mode"]:
        base = base.filter(attendance_mode=data["mode"])

    view = data["view"] or ("month" if data["year"] or data["month"] else "upcoming")
    context: dict = {
        "view": view,
        "filters": {k: data[k] for k in ("category", "country", "mode") if data[k]},
        "category": category,
        "category_options": sorted(categories.values(), key=lambda c: c.name),
        "country_options": _country_options(index),
        "mode_options": EventPage.AttendanceMode.choices,
        "feed": _feed_context(request, locale, category),
    }
    context["filter_query"] = _query(context["filters"])
    if view == "month":
        context.update(_month_context(base, request, categories, data, now))
    elif view == "past":
        queryset = with_related(base.past(now)).order_by("-starts_at", "-pk")
        page_obj = _paginate(queryset, data["page"])
        context["page_obj"] = page_obj
        context["cards"] = [card_for(page, request, categories) for page in page_obj]
    else:
        page_obj = _paginate(upcoming_cards(base, request, locale, now), data["page"])
        context["page_obj"] = page_obj
        context["cards"] = list(page_obj)
    return context


def _query(params: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


def _paginate(items, number: int | None):
    paginator = Paginator(items, PER_PAGE)
    try:
        return paginator.page(number or 1)
    except (EmptyPage, PageNotAnInteger) as error:
        if (number or 1) == 1:
            return paginator.page(1)
        raise Http404("No such page") from error


def _country_options(index: EventIndexPage) -> list[tuple[str, str]]:
    codes = (
        EventPage.objects.visible()
        .descendant_of(index)
        .exclude(venue_country="")
        .values_list("venue_country", flat=True)
        .distinct()
    )
    return sorted(((code, country_name(code)) for code in set(codes)), key=lambda c: c[1])


def _month_context(base, request, categories, data: dict, now: datetime) -> dict:
    today = timezone.localdate(now)
    year = data["year"] or today.year
    month = data["month"] or today.month
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    # Zones reach 14 hours either side of UTC: widen the query, then keep local dates in month.
    start = datetime(year, month, 1, tzinfo=UTC) - timedelta(days=1)
    end = datetime.combine(last, datetime.min.time(), tzinfo=UTC) + timedelta(days=2)
    days: dict[date, Day] = {}
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            cell = Day(day=day, in_month=day.month == month, is_today=day == today)
            days[day] = cell
            row.append(cell)
        weeks.append(row)
    for page in with_related(base.overlapping(start, end)).order_by("starts_at", "pk"):
        for occurrence in page.schedule.occurrences_between(start, end):
            card = card_for(page, request, categories, occurrence)
            for day in occurrence.local_dates:
                if first <= day <= last:
                    days[day].cards.append(card)
    for cell in days.values():
        cell.cards.sort(key=lambda card: (card.all_day is False, card.start, card.title))
    previous_month = (first - timedelta(days=1)).replace(day=1)
    next_month = last + timedelta(days=1)
    return {
        "weeks": weeks,
        "month_name": MONTHS[month],
        "year": year,
        "month": month,
        "weekdays": [(WEEKDAYS[i], WEEKDAYS_ABBR[i]) for i in range(7)],
        "previous_month": previous_month if previous_month.year >= 1970 else None,
        "next_month": next_month if next_month.year <= 2100 else None,
        "month_has_events": any(cell.cards for cell in days.values() if cell.in_month),
    }


def _feed_context(request: HttpRequest, locale: Locale, category: EventCategory | None) -> dict:
    """The whole-calendar feed, and the category's when one is chosen, with subscribe links."""
    scope = FeedScope(locale=locale)
    feeds = [
        {
            "name": scope.calendar_name(),
            "url": reverse("events:feed"),
            "links": subscribe_links(request, reverse("events:feed"), scope.calendar_name()),
        }
    ]
    if category is not None:
        scope = FeedScope(locale=locale, category=category)
        url = reverse("events:category_feed", args=[category.slug])
        feeds.insert(
            0,
            {
                "name": scope.calendar_name(),
                "url": url,
                "links": subscribe_links(request, url, scope.calendar_name()),
            },
        )
    return {"feeds": feeds}


# --- Event page ----------------------------------------------------------------------------
def event_context(page: EventPage, request: HttpRequest) -> dict:
    """Dates, related pages, subscribe links and JSON-LD for an event page."""
    now = timezone.now()
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
    category = card.category
    ics_url = reverse("events:event_ics", args=[page.pk])
    details = "\n\n".join(part for part in (page.lead, stream_text(page.body)) if part)
    feed = _feed_context(request, locale, category)
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
        "category": category,
        "organisers": organisers,
        "issues": issues,
        "ics_url": ics_url,
        "ics_absolute_url": request.build_absolute_uri(ics_url),
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
        "feed": feed,
        "registration_open": page.registration_open(timezone.localdate(now)),
        "json_ld": event_json_ld(page, request, card, organisers),
    }


SCHEMA_STATUS = {
    EventPage.Status.SCHEDULED: "https://schema.org/EventScheduled",
    EventPage.Status.POSTPONED: "https://schema.org/EventPostponed",
    EventPage.Status.CANCELLED: "https://schema.org/EventCancelled",
}
SCHEMA_MODE = {
    EventPage.AttendanceMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EventPage.AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    EventPage.AttendanceMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def event_json_ld(page: EventPage, request: HttpRequest, card: EventCard, organisers) -> dict:
    """schema.org Event data search engines read (rich results for events)."""
    start, end = card.occurrence.start, card.occurrence.end
    if card.all_day:
        start_value = start.date().isoformat()
        end_value = (card.last_day).isoformat()
    else:
        start_value, end_value = start.isoformat(), end.isoformat()
    locations: list[dict] = []
    if page.has_venue:
        place: dict = {
            "@type": "Place",
            "name": page.venue_name or page.venue_city,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": page.venue_address,
                "addressLocality": page.venue_city,
                "addressCountry": page.venue_country if page.venue_country != "ZZ" else "",
            },
        }
        if page.latitude is not None and page.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(page.latitude),
                "longitude": float(page.longitude),
            }
        locations.append(place)
    if page.is_online and page.online_url:
        locations.append({"@type": "VirtualLocation", "url": page.online_url})
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.lead,
        "url": page.get_full_url(request),
        "inLanguage": page.locale.language_code,
        "startDate": start_value,
        "endDate": end_value,
        "eventStatus": SCHEMA_STATUS.get(page.status, SCHEMA_STATUS["scheduled"]),
        "eventAttendanceMode": SCHEMA_MODE.get(page.attendance_mode),
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": [
            {"@type": "Organization", "name": org.title, "url": org.get_full_url(request)}
            for org in organisers
        ]
        or {"@type": "Organization", "name": "STEM PD Net", "url": request.build_absolute_uri("/")},
    }
    if page.registration_url and not page.is_cancelled:
        offer: dict = {"@type": "Offer", "url": page.registration_url}
        if page.registration_deadline:
            offer["validThrough"] = page.registration_deadline.isoformat()
        data["offers"] = offer
    return data


# --- Feeds ---------------------------------------------------------------------------------
def _active_locale() -> Locale:
    try:
        return Locale.get_active()
    except Locale.DoesNotExist as error:
        raise Http404("No such language") from error


def _feed_response(request: HttpRequest, scope: FeedScope, filename: str, *, attachment=False):
    validator = feed_validator(scope, request)
    if scope.event_id is not None and validator.count == 0:
        raise Http404("No such event")
    headers = feed_headers(validator, filename, attachment=attachment)
    not_modified = get_conditional_response(
        request, etag=validator.etag, last_modified=validator.last_modified_timestamp
    )
    if not_modified is not None:
        for name, value in headers.items():
            not_modified[name] = value
        return not_modified
    body = get_feed(scope, validator, request)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8", headers=headers)


@require_safe
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """The whole calendar in the URL's language, for calendar subscriptions."""
    locale = _active_locale()
    return _feed_response(
        request, FeedScope(locale=locale), f"stem-pd-net-{locale.language_code}.ics"
    )


@require_safe
def category_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """One category's events in the URL's language."""
    locale = _active_locale()
    category = categories_for_slug(locale, slug)
    return _feed_response(
        request,
        FeedScope(locale=locale, category=category),
        f"stem-pd-net-{slug}-{locale.language_code}.ics",
    )


def categories_for_slug(locale: Locale, slug: str) -> EventCategory:
    """The category with `slug` in `locale`, else in the default language; 404 otherwise."""
    for category in categories_for_locale(locale).values():
        if category.slug == slug:
            return category
    raise Http404("No such category")


@require_safe
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One event as an .ics download ("add to my calendar")."""
    locale = _active_locale()
    return _feed_response(
        request, FeedScope(locale=locale, event_id=pk), f"event-{pk}.ics", attachment=True
    )
