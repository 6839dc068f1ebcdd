"""Time zones as people say them on event pages, and the editor's grouped list of current zones."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.utils import translation

import pytest

from events.models import EventPage
from events.zones import canonical_zones, time_zone_choices, zone_name

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Central European Time (Brussels)"),
        ("de", "Mitteleuropäische Zeit (Brüssel)"),
        ("tr", "Orta Avrupa Saati (Brüksel)"),
    ],
)
def test_zone_is_named_in_the_readers_language(language, expected):
    assert zone_name("Europe/Brussels", language) == expected
    winter = datetime(2030, 12, 2, 10, tzinfo=ZoneInfo("Europe/Brussels"))
    assert zone_name(winter, language) == expected


def test_summer_dates_name_summer_time():
    july = datetime(2030, 7, 1, 10, tzinfo=ZoneInfo("Europe/Brussels"))
    assert zone_name(july, "en") == "Central European Summer Time (Brussels)"
    assert zone_name(july, "de") == "Mitteleuropäische Sommerzeit (Brüssel)"


def test_chooser_offers_europe_first_grouped_and_no_legacy_names():
    groups = time_zone_choices()
    assert str(groups[0][0]) == "Europe"
    europe = [key for key, _label in groups[0][1]]
    assert {"Europe/Brussels", "Europe/Istanbul", "Europe/Helsinki", "Atlantic/Canary"} <= set(
        europe
    )
    assert all(isinstance(members, list) for _heading, members in groups)
    offered = {key for _heading, members in groups for key, _label in members}
    for legacy in ("Africa/Asmera", "US/Eastern", "Etc/GMT+1", "Europe/Kiev", "CET", "GB"):
        assert legacy not in offered, legacy
    assert "Europe/Kyiv" in offered
    assert offered - {"UTC"} == set(canonical_zones())


def test_chooser_labels_speak_the_editors_language():
    europe = dict(time_zone_choices()[0][1])
    with translation.override("de"):
        assert str(europe["Europe/Vienna"]) == "Mitteleuropäische Zeit (Wien)"
    with translation.override("en"):
        assert str(europe["Europe/Vienna"]) == "Central European Time (Vienna)"


def test_event_editor_renders_the_zone_chooser_with_groups(admin_client, home_page):
    from tests.factories.events import EventIndexPageFactory

    index = EventIndexPageFactory(parent=home_page)
    response = admin_client.get(f"/admin/pages/add/events/eventpage/{index.pk}/")
    html = response.content.decode()
    select = html[html.index('name="time_zone"') :]
    select = select[: select.index("</select>")]
    assert select.index('<optgroup label="Europe">') < select.index('<optgroup label="Asia">')
    assert "Asmera" not in select
    assert EventPage._meta.get_field("time_zone").default == "Europe/Brussels"


def test_event_page_names_its_zone(client, make_event):
    event = make_event(
        title="Istanbul", time_zone="Europe/Istanbul", start_time=time(10), end_time=time(12)
    )
    with translation.override("en"):
        html = client.get(event.url).content.decode()
    assert '<span class="event-zone">Türkiye Time</span>' in html
    assert "time zone Europe/Istanbul" not in html
