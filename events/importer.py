"""Import events from an uploaded .ics file as drafts, for staff moving a partner's calendar in.

Only uploaded files are read: the site never fetches a URL on someone's behalf. Each VEVENT is
matched by UID (our own UIDs map back to the page's translation_key; others are remembered in
`EventPage.import_uid`), so importing the same file twice creates nothing new. New events are
created as drafts and changed ones get a new draft revision: an editor reviews and publishes.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.coreutils import find_available_slug

from icalendar import Calendar

from events.conf import get_events_setting
from events.models import EventExceptionDate, EventIndexPage, EventPage
from events.recurrence import WEEKDAY_CODES
from home.bulk_indexing import indexing_in_bulk

SUPPORTED_RULE_PARTS = {"FREQ", "INTERVAL", "UNTIL", "COUNT", "BYDAY", "WKST"}


class ImportFileError(ValueError):
    """The upload is not an iCalendar file we can read."""


class SkipEvent(ValueError):
    """This VEVENT cannot be imported; the message says why."""


@dataclass
class ImportReport:
    """What an import did, event by event, for the staff member who ran it."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def import_ics(data: bytes, index: EventIndexPage, user: AbstractBaseUser | None) -> ImportReport:
    """Create or update draft events below `index` from the VEVENTs in `data`."""
    if len(data) > int(get_events_setting("IMPORT_MAX_BYTES")):
        raise ImportFileError(_("The file is too large."))
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as error:
        raise ImportFileError(_("This is not a valid iCalendar (.ics) file.")) from error
    if isinstance(calendar, list):
        calendar = calendar[0]
    report = ImportReport()
    # A calendar of hundreds of events is indexed for search by a few batch tasks at the end,
    # not a task per saved page.
    with indexing_in_bulk():
        for vevent in calendar.walk("VEVENT"):
            label = str(vevent.get("SUMMARY") or vevent.get("UID") or "?")[:120]
            try:
                with transaction.atomic():
                    outcome = _import_one(vevent, index, user)
            except SkipEvent as reason:
                report.skipped.append((label, str(reason)))
                continue
            getattr(report, outcome).append(label)
    return report


def _existing(uid: str, index: EventIndexPage) -> EventPage | None:
    pages = EventPage.objects.filter(locale=index.locale)
    local, _at, domain = uid.rpartition("@")
    if domain == get_events_setting("UID_DOMAIN"):
        try:
            return pages.filter(translation_key=uuid.UUID(local)).first()
        except ValueError:
            pass
    return pages.filter(import_uid=uid).first()


def _import_one(vevent, index: EventIndexPage, user) -> str:
    uid = str(vevent.get("UID") or "").strip()
    if not uid:
        raise SkipEvent(_("it has no UID"))
    if vevent.get("RECURRENCE-ID") is not None:
        raise SkipEvent(_("it changes one date of a series, which cannot be imported"))
    values, exceptions = event_fields(vevent)
    page = _existing(uid, index)
    if page is not None:
        draft = page.get_latest_revision_as_object()
        current = {name: getattr(draft, name) for name in values}
        current_exceptions = sorted(item.date for item in draft.exception_dates.all())
        if current == values and current_exceptions == exceptions:
            raise SkipEvent(_("unchanged since the last import"))
        for name, value in values.items():
            setattr(draft, name, value)
        draft.exception_dates = [EventExceptionDate(date=day) for day in exceptions]
        draft.save_revision(user=user, log_action=True)
        return "updated"
    page = EventPage(
        locale=index.locale,
        live=False,
        slug=find_available_slug(
            index, (slugify(values["title"], allow_unicode=True) or "event")[:200]
        ),
        import_uid=uid,
        **values,
    )
    page.exception_dates = [EventExceptionDate(date=day) for day in exceptions]
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return "created"


def _local(moment: datetime, zone_name: str) -> datetime:
    """`moment` in the event's zone; a floating (naive) time already is local."""
    return moment.astimezone(ZoneInfo(zone_name)) if moment.tzinfo else moment


def _zone_name(moment: datetime) -> str:
    tzinfo = moment.tzinfo
    key = getattr(tzinfo, "key", None)
    if key:
        return key
    if tzinfo is not None and moment.utcoffset() == timedelta(0):
        return "UTC"
    return get_events_setting("DEFAULT_TIME_ZONE")


def event_fields(vevent) -> tuple[dict, list[date]]:
    """EventPage field values and exception dates for one VEVENT (raises SkipEvent)."""
    title = str(vevent.get("SUMMARY") or "").strip()
    if not title:
        raise SkipEvent(_("it has no title (SUMMARY)"))
    if vevent.get("DTSTART") is None:
        raise SkipEvent(_("it has no start (DTSTART)"))
    start = vevent.decoded("DTSTART")
    if vevent.get("DTEND") is not None:
        end = vevent.decoded("DTEND")
    elif vevent.get("DURATION") is not None:
        end = start + vevent.decoded("DURATION")
    else:
        end = start
    values: dict = {"title": title[:255], "lead": str(vevent.get("DESCRIPTION") or "").strip()}
    if isinstance(start, datetime):
        zone_name = _zone_name(start)
        local_start = _local(start, zone_name)
        local_end = _local(end, zone_name) if isinstance(end, datetime) else local_start
        values.update(
            all_day=False,
            time_zone=zone_name,
            start_date=local_start.date(),
            start_time=local_start.time().replace(tzinfo=None),
            end_date=local_end.date() if local_end.date() != local_start.date() else None,
            end_time=local_end.time().replace(tzinfo=None),
        )
    else:
        last_day = (end - timedelta(days=1)) if isinstance(end, date) and end > start else start
        zone_name = get_events_setting("DEFAULT_TIME_ZONE")
        values.update(
            all_day=True,
            time_zone=zone_name,
            start_date=start,
            start_time=None,
            end_date=last_day if last_day != start else None,
            end_time=None,
        )
    values["venue_name"] = str(vevent.get("LOCATION") or "").strip()[:200]
    geo = vevent.get("GEO")
    values["latitude"] = round(geo.latitude, 6) if geo is not None else None
    values["longitude"] = round(geo.longitude, 6) if geo is not None else None
    status = str(vevent.get("STATUS") or "").upper()
    values["status"] = (
        EventPage.Status.CANCELLED if status == "CANCELLED" else EventPage.Status.SCHEDULED
    )
    values.update(_recurrence(vevent, zone_name))
    exceptions = _exception_dates(vevent, zone_name) if values["recurrence_frequency"] else []
    return values, exceptions


def _recurrence(vevent, zone_name: str) -> dict:
    empty = {
        "recurrence_frequency": "",
        "recurrence_interval": 1,
        "recurrence_weekdays": [],
        "recurrence_until": None,
        "recurrence_count": None,
    }
    rule = vevent.get("RRULE")
    if rule is None:
        return empty
    if isinstance(rule, list):
        raise SkipEvent(_("it has more than one repeat rule"))
    frequency = (rule.get("FREQ") or [""])[0]
    weekdays = [str(day) for day in rule.get("BYDAY", [])]
    if (
        set(rule) - SUPPORTED_RULE_PARTS
        or frequency not in ("DAILY", "WEEKLY", "MONTHLY")
        or any(day not in WEEKDAY_CODES for day in weekdays)
        or (weekdays and frequency != "WEEKLY")
    ):
        raise SkipEvent(
            _("its repeat rule is not supported (%(rule)s)") % {"rule": rule.to_ical().decode()}
        )
    until = (rule.get("UNTIL") or [None])[0]
    if isinstance(until, datetime):
        until = _local(until, zone_name).date()
    count = (rule.get("COUNT") or [None])[0]
    return {
        "recurrence_frequency": frequency,
        "recurrence_interval": min(max(int((rule.get("INTERVAL") or [1])[0]), 1), 52),
        "recurrence_weekdays": [code for code in WEEKDAY_CODES if code in weekdays],
        "recurrence_until": until,
        "recurrence_count": None if until else (min(int(count), 500) if count else None),
    }


def _exception_dates(vevent, zone_name: str) -> list[date]:
    found: set[date] = set()
    exdates = vevent.get("EXDATE") or []
    for item in exdates if isinstance(exdates, list) else [exdates]:
        for period in item.dts:
            moment = period.dt
            found.add(_local(moment, zone_name).date() if isinstance(moment, datetime) else moment)
    return sorted(found)
