"""schema.org Event data for an event page, which search engines read for event rich results."""

from django.http import HttpRequest

from events.cards import EventCard
from events.models import EventPage
from home.site_url import absolute

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


def _locations(page: EventPage) -> list[dict]:
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
    return locations


def event_json_ld(page: EventPage, request: HttpRequest, card: EventCard, organisers) -> dict:
    """schema.org Event data search engines read (rich results for events)."""
    start, end = card.occurrence.start, card.occurrence.end
    if card.all_day:
        start_value = start.date().isoformat()
        end_value = (card.last_day).isoformat()
    else:
        start_value, end_value = start.isoformat(), end.isoformat()
    locations = _locations(page)
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
        or {"@type": "Organization", "name": "STEM PD Net", "url": absolute("/")},
    }
    if page.registration_url and not page.is_cancelled:
        offer: dict = {"@type": "Offer", "url": page.registration_url}
        if page.registration_deadline:
            offer["validThrough"] = page.registration_deadline.isoformat()
        data["offers"] = offer
    return data
