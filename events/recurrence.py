"""When an event happens: its first occurrence, its recurrence rule and the occurrences in a range.

Editors fill in local dates and times in the event's own IANA time zone; this module turns them
into aware datetimes (stored in UTC for queries) and expands the small RRULE subset the editor
offers (daily, weekly or monthly; an interval; until a date or a number of times; weekly on given
weekdays) minus exception dates. The same `Schedule` feeds the month view, the listings and the
iCalendar export, so every view agrees on when an event takes place.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import rrule

FREQUENCIES = {"DAILY": rrule.DAILY, "WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY}
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WEEKDAYS = dict(zip(WEEKDAY_CODES, rrule.weekdays, strict=True))
# An open-ended series is expanded at most this far, so no view can loop for ever.
MAX_OCCURRENCES = 1000


def zone(name: str) -> ZoneInfo:
    """The named IANA zone; an unknown name (say, from an old import) falls back to UTC."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


@dataclass(frozen=True)
class Occurrence:
    """One time an event takes place, as aware datetimes in the event's zone."""

    start: datetime
    end: datetime
    all_day: bool

    @property
    def local_dates(self) -> list[date]:
        """Every calendar day the occurrence touches, in the event's zone (end exclusive)."""
        first = self.start.date()
        last = self.end.date()
        if self.all_day or (self.end.time() == time(0) and last > first):
            last -= timedelta(days=1)
        last = max(last, first)
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@dataclass(frozen=True)
class Schedule:
    """The editor's description of when an event happens, independent of any storage."""

    start_date: date
    start_time: time | None = None
    end_date: date | None = None
    end_time: time | None = None
    all_day: bool = False
    time_zone: str = "Europe/Brussels"
    frequency: str = ""
    interval: int = 1
    weekdays: tuple[str, ...] = ()
    until: date | None = None
    count: int | None = None
    exceptions: frozenset[date] = field(default_factory=frozenset)

    @property
    def tz(self) -> ZoneInfo:
        return zone(self.time_zone)

    @property
    def is_all_day(self) -> bool:
        """All-day when the editor says so or gave no start time."""
        return self.all_day or self.start_time is None

    @property
    def is_recurring(self) -> bool:
        return self.frequency in FREQUENCIES

    def _local_start(self) -> datetime:
        return datetime.combine(self.start_date, time(0) if self.is_all_day else self.start_time)

    def _local_end(self) -> datetime:
        end_date = max(self.end_date or self.start_date, self.start_date)
        if self.is_all_day:
            return datetime.combine(end_date + timedelta(days=1), time(0))
        end = datetime.combine(end_date, self.end_time or self.start_time)
        return max(end, self._local_start())

    @property
    def duration(self) -> timedelta:
        """Wall-clock length of each occurrence (a DST change inside it does not alter it)."""
        return self._local_end() - self._local_start()

    def localize(self, naive: datetime) -> datetime:
        """A wall-clock time in the event's zone as an aware datetime."""
        return naive.replace(tzinfo=self.tz)

    @property
    def start(self) -> datetime:
        """The first occurrence's start, aware, in the event's zone."""
        return self.localize(self._local_start())

    @property
    def end(self) -> datetime:
        """The first occurrence's end, aware, in the event's zone."""
        return self.localize(self._local_end())

    def _rule(self) -> rrule.rrule:
        until = datetime.combine(self.until, time.max) if self.until else None
        weekdays = [_WEEKDAYS[code] for code in self.weekdays if code in _WEEKDAYS]
        return rrule.rrule(
            FREQUENCIES[self.frequency],
            dtstart=self._local_start(),
            interval=max(self.interval or 1, 1),
            byweekday=(weekdays or None) if self.frequency == "WEEKLY" else None,
            until=until,
            count=None if until else self.count,
        )

    def _occurrence(self, naive_start: datetime) -> Occurrence:
        return Occurrence(
            start=self.localize(naive_start),
            end=self.localize(naive_start + self.duration),
            all_day=self.is_all_day,
        )

    def _starts(self, after: datetime | None = None, before: datetime | None = None):
        """Naive local starts of every occurrence (exceptions removed), optionally bounded."""
        starts: Iterable[datetime] = self._rule() if self.is_recurring else [self._local_start()]
        produced = 0
        for naive in starts:
            if before is not None and naive > before:
                return
            produced += 1
            if produced > MAX_OCCURRENCES:
                return
            if naive.date() in self.exceptions and self.is_recurring:
                continue
            if after is not None and naive + self.duration < after:
                continue
            yield naive

    def occurrences_between(self, start: datetime, end: datetime) -> list[Occurrence]:
        """Occurrences overlapping the aware range [start, end)."""
        tz = self.tz
        after = start.astimezone(tz).replace(tzinfo=None)
        before = end.astimezone(tz).replace(tzinfo=None)
        found = []
        for naive in self._starts(after=after, before=before):
            occurrence = self._occurrence(naive)
            if occurrence.end > start and occurrence.start < end:
                found.append(occurrence)
        return found

    def next_occurrence(self, now: datetime) -> Occurrence | None:
        """The first occurrence not yet over at `now`, if any."""
        after = now.astimezone(self.tz).replace(tzinfo=None)
        for naive in self._starts(after=after):
            occurrence = self._occurrence(naive)
            if occurrence.end > now:
                return occurrence
        return None

    def last_end(self) -> datetime | None:
        """When the final occurrence ends; None for an open-ended series."""
        if not self.is_recurring:
            return self.end
        if not self.until and not self.count:
            return None
        last = None
        for naive in self._starts():
            last = naive
        if last is None:  # every occurrence is an exception: the event never takes place
            return self.end
        return self._occurrence(last).end

    def ical_rrule(self) -> dict | None:
        """The RRULE as icalendar expects it; UNTIL is UTC for timed events (RFC 5545 3.3.10)."""
        if not self.is_recurring:
            return None
        rule: dict = {"FREQ": self.frequency}
        if (self.interval or 1) > 1:
            rule["INTERVAL"] = self.interval
        if self.frequency == "WEEKLY" and self.weekdays:
            rule["BYDAY"] = [code for code in WEEKDAY_CODES if code in self.weekdays]
        if self.until:
            if self.is_all_day:
                rule["UNTIL"] = self.until
            else:
                until = self.localize(datetime.combine(self.until, self.start_time))
                rule["UNTIL"] = until.astimezone(UTC)
        elif self.count:
            rule["COUNT"] = self.count
        return rule

    def ical_exdates(self) -> list[date | datetime]:
        """EXDATE values: dates for all-day events, local start times in the zone otherwise."""
        if not self.is_recurring:
            return []
        if self.is_all_day:
            return sorted(self.exceptions)
        return [
            self.localize(datetime.combine(day, self.start_time)) for day in sorted(self.exceptions)
        ]
