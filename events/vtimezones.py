"""Compact VTIMEZONE components that every calendar app reads the same way.

icalendar's `Timezone.from_tzid()` lists each transition as an RDATE. That is valid RFC 5545, but
some readers (vobject, and with it several CalDAV tools; older Outlook builds) mis-read long RDATE
lists and shift events by an hour. This module rewrites each observance as the yearly rules that
produced it (`RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`), bounded by UNTIL where a rule stopped,
keeping RDATE only for one-off transitions. The rewrite is exact: tests compare the offsets
readers derive from it with Python's own zone data.
"""

import calendar
import io
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.tz import tzical
from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from events.recurrence import WEEKDAY_CODES


def _rule_key(moment: datetime) -> tuple[int, int, int, object]:
    """(month, weekday, ordinal, time): -1 means "last" weekday of the month."""
    days_in_month = calendar.monthrange(moment.year, moment.month)[1]
    ordinal = -1 if moment.day + 7 > days_in_month else (moment.day - 1) // 7 + 1
    return moment.month, moment.weekday(), ordinal, moment.time()


def _runs(moments: list[datetime]) -> list[list[datetime]]:
    """Split transitions into runs of consecutive years that follow one yearly rule."""
    runs: list[list[datetime]] = []
    for moment in sorted(moments):
        current = runs[-1] if runs else None
        if (
            current
            and moment.year == current[-1].year + 1
            and _rule_key(moment) == _rule_key(current[-1])
        ):
            current.append(moment)
        else:
            runs.append([moment])
    return runs


def _occurrences(observance) -> list[datetime]:
    moments = [observance.decoded("DTSTART")]
    rdates = observance.get("RDATE", [])
    for rdate in rdates if isinstance(rdates, list) else [rdates]:
        moments.extend(period.dt for period in rdate.dts)
    return [moment.replace(tzinfo=None) for moment in moments]


@lru_cache(maxsize=64)
def compact_vtimezone(name: str, first: date, last: date) -> Timezone | None:
    """A VTIMEZONE for `name` valid from `first` to `last`, yearly rules instead of RDATE lists.

    Zones with irregular histories (Istanbul, Casablanca…) may not compress exactly; for them the
    RDATE form is kept, so the output is always correct and compact wherever it can be.
    """
    try:
        source = Timezone.from_tzid(name, first_date=first, last_date=last)
    except ValueError:
        return None
    compact = _compress(name, source, last)
    return compact if _matches_zone(compact, name, first, last) else source


def _matches_zone(component: Timezone, name: str, first: date, last: date) -> bool:
    """True when a reader of `component` derives Python's own offsets, checked weekly."""
    reader = tzical(io.StringIO(component.to_ical().decode())).get()
    zone = ZoneInfo(name)
    moment = datetime(first.year, first.month, first.day, 12)
    end = datetime(last.year, last.month, last.day)
    while moment < end:
        if moment.replace(tzinfo=reader).utcoffset() != moment.replace(tzinfo=zone).utcoffset():
            return False
        moment += timedelta(days=7)
    return True


def _compress(name: str, source: Timezone, last: date) -> Timezone:
    result = Timezone()
    result.add("tzid", name)
    # A rule with a transition in the range's final year is still in force: it gets no UNTIL.
    final_year = last.year - 1
    for observance in source.subcomponents:
        offset_from = observance.decoded("TZOFFSETFROM")
        for run in _runs(_occurrences(observance)):
            component = TimezoneDaylight() if observance.name == "DAYLIGHT" else TimezoneStandard()
            component.add("dtstart", run[0])
            if len(run) > 1:
                month, weekday, ordinal, _time = _rule_key(run[0])
                rule: dict = {
                    "FREQ": "YEARLY",
                    "BYMONTH": month,
                    "BYDAY": f"{ordinal}{WEEKDAY_CODES[weekday]}",
                }
                if run[-1].year < final_year:
                    rule["UNTIL"] = (run[-1] - offset_from).replace(tzinfo=UTC)
                component.add("rrule", rule)
            for prop in ("TZNAME", "TZOFFSETFROM", "TZOFFSETTO"):
                if prop in observance:
                    component.add(prop, observance.decoded(prop))
            result.add_component(component)
    return result
