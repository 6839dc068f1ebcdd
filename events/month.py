"""The month grid of the events index: weeks of days, each with the cards of that local date."""

import calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.http import HttpRequest
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR

from wagtail.models import Locale

from events.cards import EventCard, card_for, with_related


@dataclass
class Day:
    """One cell of the month grid."""

    day: date
    in_month: bool
    is_today: bool
    cards: list[EventCard] = field(default_factory=list)


def month_context(
    base,
    request: HttpRequest,
    categories: dict,
    locale: Locale,
    year: int | None,
    month: int | None,
    now: datetime,
) -> dict:
    """The grid of `year`-`month` (default: this month) with the occurrences of `base`'s events."""
    today = timezone.localdate(now)
    year = year or today.year
    month = month or today.month
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    # Zones reach 14 hours either side of UTC: widen the query, then keep local dates in month.
    start = datetime(year, month, 1, tzinfo=UTC) - timedelta(days=1)
    end = datetime.combine(last, datetime.min.time(), tzinfo=UTC) + timedelta(days=2)
    weeks = [
        [Day(day=day, in_month=day.month == month, is_today=day == today) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    days = {cell.day: cell for week in weeks for cell in week}
    for page in with_related(base.overlapping(start, end)).order_by("starts_at", "pk"):
        for occurrence in page.schedule.occurrences_between(start, end):
            card = card_for(page, request, categories, occurrence, locale)
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
