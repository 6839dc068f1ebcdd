"""Subscribe and "add to calendar" links for the feeds and for single events.

Calendar apps subscribe to a URL; what differs is how a visitor hands it over: `webcal://` opens
the system calendar app (Apple Calendar, Outlook desktop, Thunderbird), Google Calendar and
Outlook on the web take the address in a query string. No link here fetches anything server-side.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

from home.site_url import absolute


@dataclass(frozen=True)
class SubscribeLinks:
    """Every way to subscribe to one feed."""

    https: str
    webcal: str
    google: str
    outlook: str
    office365: str


def subscribe_links(path: str, name: str) -> SubscribeLinks:
    """Links for subscribing to the feed at `path` (a site-relative URL)."""
    url = absolute(path)
    webcal = "webcal://" + url.partition("://")[2]  # the scheme calendar apps register for
    query = urlencode({"url": url, "name": name})
    return SubscribeLinks(
        https=url,
        webcal=webcal,
        google="https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal}),
        outlook="https://outlook.live.com/calendar/0/addfromweb?" + query,
        office365="https://outlook.office.com/calendar/0/addfromweb?" + query,
    )


@dataclass(frozen=True)
class AddEventLinks:
    """Links that put one occurrence of an event into a web calendar, plus the .ics download."""

    ics: str
    google: str
    outlook: str


def add_event_links(
    *,
    ics_url: str,
    title: str,
    start: datetime,
    end: datetime,
    all_day: bool,
    zone: str,
    details: str,
    location: str,
) -> AddEventLinks:
    """Google Calendar and Outlook "add event" links for one occurrence."""
    if all_day:
        dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
        outlook_start, outlook_end = start.date().isoformat(), end.date().isoformat()
    else:
        start, end = start.astimezone(UTC), end.astimezone(UTC)
        dates = f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"
        outlook_start, outlook_end = f"{start:%Y-%m-%dT%H:%M:%SZ}", f"{end:%Y-%m-%dT%H:%M:%SZ}"
    details = details[:1500]  # URLs this long are near what browsers and proxies accept
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": title,
            "dates": dates,
            "ctz": zone,
            "details": details,
            "location": location,
        }
    )
    outlook = "https://outlook.live.com/calendar/0/action/compose?" + urlencode(
        {
            "subject": title,
            "startdt": outlook_start,
            "enddt": outlook_end,
            "allday": "true" if all_day else "false",
            "body": details,
            "location": location,
        }
    )
    return AddEventLinks(ics=ics_url, google=google, outlook=outlook)
