"""Visitor flows in a real browser: events and the calendar link, newsletter sign-up to
unsubscribe, and every public page type checked with axe-core at phone and desktop widths."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from newsletters.models import Subscriber
from tests.e2e.conftest import save_screenshots, serious_accessibility_violations
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.network import (
    BookletIndexPageFactory,
    BookletPageFactory,
    CrossCuttingIssueIndexPageFactory,
    CrossCuttingIssuePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerIndexPageFactory,
    PartnerPageFactory,
)
from tests.factories.newsletters import TopicFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def live_links(settings, live_server):
    """Links in emails point at the live server the browser talks to."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, "BASE_URL": live_server.url}
    return live_server


def test_visitor_opens_the_month_view_and_takes_the_webcal_link(live_server, page, home_page):
    index = EventIndexPageFactory(parent=home_page)
    tomorrow = timezone.localdate() + timedelta(days=1)
    EventPageFactory(parent=index, title="Network meeting in Helsinki", start_date=tomorrow)
    page.goto(f"{live_server.url}/en/events/")
    assert page.get_by_role("link", name="Network meeting in Helsinki").is_visible()
    page.get_by_role("link", name="Month", exact=True).click()
    if tomorrow.month != timezone.localdate().month:
        page.get_by_role("link", name="Next month").click()
        # Reading the table at once could read the old month while the next one loads.
        page.wait_for_url(re.compile(rf"[?&]month={tomorrow.month}(&|$)"))
    month = page.locator("table")
    expect(month.locator("caption")).not_to_be_empty()
    expect(month).to_contain_text("Network meeting in Helsinki")
    page.locator("summary", has_text="STEM PD Net events").click()
    webcal = page.get_by_role("link", name="Subscribe in your calendar app")
    expect(webcal).to_be_visible()
    href = webcal.get_attribute("href")
    assert re.fullmatch(r"webcal://[^/]+/en/calendar\.ics", href), href


def test_visitor_subscribes_confirms_and_unsubscribes(live_links, page, home_page, locales):
    TopicFactory(name="Network news", locale=locales["en"])
    page.goto(f"{live_links.url}/en/")
    footer = page.locator("footer")
    footer.get_by_label("Email address").fill("teacher@example.org")
    footer.get_by_label("I want to receive the STEM PD Net newsletter").check()
    footer.get_by_role("button", name="Subscribe").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()
    assert Subscriber.objects.get(email="teacher@example.org").status == "pending"

    confirm_url = re.search(r"https?://\S+/newsletter/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(confirm_url)
    assert Subscriber.objects.get().status == "pending", "opening the link alone must not confirm"
    page.get_by_role("button", name="Confirm my subscription").click()
    page.get_by_role("heading", name="You are subscribed").wait_for()
    assert Subscriber.objects.get().status == "confirmed"

    page.get_by_role("link", name="Change your language or topics").click()
    page.get_by_role("button", name="Unsubscribe from all newsletters").click()
    page.get_by_role("heading", name="You are unsubscribed").wait_for()
    assert Subscriber.objects.get().status == "unsubscribed"


@pytest.fixture
def one_of_each(home_page):
    """One page of every public page type, with the indexes that list them."""
    news_index = NewsIndexPageFactory(parent=home_page)
    booklet_index = BookletIndexPageFactory(parent=home_page)
    issue_index = CrossCuttingIssueIndexPageFactory(parent=home_page)
    partner_index = PartnerIndexPageFactory(parent=home_page)
    event_index = EventIndexPageFactory(parent=home_page)
    partner = PartnerPageFactory(parent=partner_index, latitude="60.2", longitude="24.9")
    return {
        "home": home_page,
        "news-index": news_index,
        "news": NewsPageFactory(parent=news_index),
        "publications": booklet_index,
        "publication": BookletPageFactory(
            parent=booklet_index,
            chapters=[("chapter", {"title": "Why networks?", "summary": "<p>Because.</p>"})],
        ),
        "issues": issue_index,
        "issue": CrossCuttingIssuePageFactory(parent=issue_index, number=6),
        "partners": partner_index,
        "partner": partner,
        "events": event_index,
        "event": EventPageFactory(parent=event_index),
    }


def test_every_public_page_type_passes_axe_at_phone_and_desktop_width(
    live_server, page, one_of_each
):
    paths = {name: one.url for name, one in one_of_each.items()}
    paths.update(
        {
            "events-month": f"{one_of_each['events'].url}?view=month",
            "search": "/en/search/?q=network",
            "newsletter-signup": "/en/newsletter/subscribe/",
            "not-found": "/en/no-such-page/",
        }
    )
    failures = {}
    for name, path in paths.items():
        page.goto(f"{live_server.url}{path}")
        save_screenshots(page, name)
        found = serious_accessibility_violations(page)
        if found:
            failures[name] = found
    assert failures == {}
