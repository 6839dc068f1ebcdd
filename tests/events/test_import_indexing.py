"""An .ics import is indexed for search in bulk: one housekeeping task for the whole calendar,
not a search-index and a reference-index task for every event it saves."""

from collections import Counter

import pytest
from django_tasks_db.models import DBTaskResult

from events.importer import import_ics
from events.models import EventPage

pytestmark = pytest.mark.django_db

EVENTS = 40


def calendar(count: int) -> bytes:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:bulk-{number}@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART;VALUE=DATE:202706{number % 28 + 1:02d}\r\n"
        f"SUMMARY:Regional maths circle {number}\r\nEND:VEVENT\r\n"
        for number in range(count)
    )
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Partner//EN\r\n"
    return f"{head}{events}END:VCALENDAR\r\n".encode()


def test_an_ics_import_queues_one_index_task_for_all_its_events(settings, events_index):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    DBTaskResult.objects.all().delete()
    report = import_ics(calendar(EVENTS), events_index, None)
    assert len(report.created) == EVENTS
    queued = Counter(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == {"home.bulk_indexing.update_indexes": 1}


def test_events_imported_in_bulk_are_found_by_search_at_once(events_index):
    import_ics(calendar(3), events_index, None)
    found = EventPage.objects.search("maths circle")
    assert sorted(page.title for page in found) == [
        "Regional maths circle 0",
        "Regional maths circle 1",
        "Regional maths circle 2",
    ]
