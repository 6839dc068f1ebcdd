"""An event page names its organising partners and offers registration until the deadline."""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format

import pytest

from events.models import EventOrganiser, EventPage
from tests.events.test_event_page import _json_ld
from tests.factories.network import PartnerIndexPageFactory, PartnerPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(home_page):
    index = PartnerIndexPageFactory(parent=home_page)
    return PartnerPageFactory(parent=index, title="Freiburg centre")


def test_event_page_links_its_organising_partner(client, make_event, partner):
    event = make_event(title="Summer school", organisers=[EventOrganiser(partner_page=partner)])
    html = client.get(event.url).content.decode()
    assert f'<a href="{partner.url}">Freiburg centre</a>' in html
    organisers = _json_ld(html)["organizer"]
    assert organisers == [
        {
            "@type": "Organization",
            "name": "Freiburg centre",
            "url": f"http://testserver{partner.url}",
        }
    ]


def test_unpublished_organiser_is_left_out(client, make_event, partner):
    event = make_event(organisers=[EventOrganiser(partner_page=partner)])
    partner.unpublish()
    html = client.get(event.url).content.decode()
    assert "Freiburg centre" not in html
    assert _json_ld(html)["organizer"]["name"] == "STEM PD Net"


def test_registration_is_offered_until_the_deadline_which_is_shown(client, make_event):
    deadline = timezone.localdate() + timedelta(days=5)
    event = make_event(
        registration_url="https://example.org/register", registration_deadline=deadline
    )
    html = client.get(event.url).content.decode()
    assert 'href="https://example.org/register">Register</a>' in html
    assert f"Registration closes on {date_format(deadline, 'DATE_FORMAT')}." in html
    assert _json_ld(html)["offers"]["validThrough"] == deadline.isoformat()


def test_registration_closes_after_the_deadline(client, make_event):
    deadline = timezone.localdate() - timedelta(days=1)
    event = make_event(
        registration_url="https://example.org/register", registration_deadline=deadline
    )
    html = client.get(event.url).content.decode()
    assert 'href="https://example.org/register"' not in html
    assert "Registration closes" not in html


def test_cancelled_event_offers_no_registration(client, make_event):
    event = make_event(
        registration_url="https://example.org/register", status=EventPage.Status.CANCELLED
    )
    html = client.get(event.url).content.decode()
    assert 'href="https://example.org/register"' not in html
    assert "offers" not in _json_ld(html)
