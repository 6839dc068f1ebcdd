"""Admin: the event edit view renders; staff import .ics files as drafts, deduplicated by UID."""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from events.importer import import_ics
from events.models import EventPage

pytestmark = pytest.mark.django_db

ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Partner//EN\r\n"
    "BEGIN:VEVENT\r\nUID:partner-1@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART;TZID=Europe/Vienna:20270510T140000\r\nDTEND;TZID=Europe/Vienna:20270510T170000\r\n"
    "SUMMARY:Partner workshop\\, spring\r\nLOCATION:Klagenfurt\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=MO\r\nEXDATE;TZID=Europe/Vienna:20270517T140000\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:partner-2@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART;VALUE=DATE:20270601\r\nSUMMARY:Yearly fair\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:partner-3@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART;VALUE=DATE:20270601\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


def test_event_edit_view_renders_with_partner_and_issue_choosers(admin_client, make_event):
    event = make_event()
    response = admin_client.get(f"/admin/pages/{event.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "organisers" in html and "issue_links" in html


def test_event_can_be_created_in_the_admin_only_below_an_events_index(admin_client, events_index):
    response = admin_client.get(f"/admin/pages/add/events/eventpage/{events_index.pk}/")
    assert response.status_code == 200
    home = events_index.get_parent()
    refused = admin_client.get(f"/admin/pages/add/events/eventpage/{home.pk}/")
    assert refused.status_code in (302, 403)


def test_import_creates_drafts_and_reports_skipped_events_with_reasons(events_index):
    report = import_ics(ICS.encode(), events_index, None)
    assert report.created == ["Partner workshop, spring"]
    reasons = dict(report.skipped)
    assert "not supported" in reasons["Yearly fair"]
    assert "no title" in reasons["partner-3@example.org"]
    page = EventPage.objects.get(import_uid="partner-1@example.org")
    assert not page.live
    assert page.time_zone == "Europe/Vienna"
    assert page.recurrence_weekdays == ["MO"]
    assert [item.date.isoformat() for item in page.exception_dates.all()] == ["2027-05-17"]


def test_importing_the_same_file_twice_creates_nothing_new(events_index):
    import_ics(ICS.encode(), events_index, None)
    second = import_ics(ICS.encode(), events_index, None)
    assert second.created == []
    assert ("Partner workshop, spring", "unchanged since the last import") in second.skipped
    assert EventPage.objects.count() == 1


def test_import_of_a_changed_event_updates_it_as_a_new_draft(events_index):
    import_ics(ICS.encode(), events_index, None)
    changed = ICS.replace("T170000", "T180000")
    report = import_ics(changed.encode(), events_index, None)
    assert report.updated == ["Partner workshop, spring"]
    page = EventPage.objects.get(import_uid="partner-1@example.org")
    assert page.get_latest_revision_as_object().end_time.hour == 18


def test_import_recognises_our_own_uids(client, make_event, events_index):
    event = make_event(title="Ours")
    feed = client.get(f"/en/calendar/event/{event.pk}.ics").content
    report = import_ics(feed, events_index, None)
    assert report.created == []
    assert report.updated == ["Ours"]  # matched by translation_key, changes left as a draft
    assert EventPage.objects.count() == 1
    assert EventPage.objects.get().live


def test_import_screen_uploads_a_file_and_shows_the_report(admin_client, events_index):
    upload = SimpleUploadedFile("partner.ics", ICS.encode(), content_type="text/calendar")
    response = admin_client.post(
        "/admin/events/import/", {"file": upload, "index": events_index.pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 event created" in html
    assert "Yearly fair" in html


def test_import_screen_rejects_a_file_that_is_not_icalendar(admin_client, events_index):
    upload = SimpleUploadedFile("x.ics", b"\x00\x01 not a calendar", content_type="text/calendar")
    response = admin_client.post(
        "/admin/events/import/", {"file": upload, "index": events_index.pk}
    )
    assert response.status_code == 200
    assert "not a valid iCalendar" in response.content.decode()


def test_import_screen_is_refused_to_people_who_cannot_add_events(client, events_index):
    user = get_user_model().objects.create_user("visitor", password="pw")
    client.force_login(user)
    assert client.get("/admin/events/import/").status_code in (302, 403)


def test_category_snippet_is_translatable_in_the_admin(admin_client):
    response = admin_client.get("/admin/snippets/events/eventcategory/")
    assert response.status_code == 200
