"""The front end's plumbing: every page carries the feature apps' styles in one stylesheet,
the icons and the manifest; event rows keep their status apart from the title."""

from datetime import timedelta
from pathlib import Path

from django.contrib.staticfiles import finders
from django.utils import timezone

import pytest

from tests.factories.events import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def test_every_page_loads_one_stylesheet_with_the_styles_of_every_feature_app(client, home_page):
    """Home sections and the footer's sign-up come from the feature apps: their styles travel
    in the one stylesheet every page loads, so nothing shows unstyled and the first paint waits
    for a single request."""
    EventIndexPageFactory(parent=home_page)
    for url in ("/en/", "/en/events/"):
        head = client.get(url).content.decode().split("</head>")[0]
        assert head.count('rel="stylesheet"') == 1, url
        assert '<link rel="stylesheet" href="/static/css/site.css">' in head, url
    stylesheet = Path(finders.find("css/site.css")).read_text()
    for selector in (".partner-map", ".event-views", ".event-month", ".nl-form", ".nl-topics"):
        assert f"{selector} " in stylesheet or f"{selector}{{" in stylesheet, selector


def test_favicon_is_served_at_the_site_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response).startswith(b"\x00\x00\x01\x00")  # the ICO file signature


def test_manifest_names_the_site_and_lists_icons_that_exist(client):
    response = client.get("/manifest.webmanifest")
    manifest = response.json()
    assert response.status_code == 200
    assert manifest["name"] == "STEM PD Net"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_pages_link_the_icons_and_the_manifest(client, home_page):
    body = client.get("/en/").content.decode()
    assert '<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png">' in body
    assert '<link rel="manifest" href="/manifest.webmanifest">' in body
    assert finders.find("icons/apple-touch-icon.png")


def test_cancelled_badge_stands_apart_from_the_event_title(client, home_page):
    index = EventIndexPageFactory(parent=home_page)
    EventPageFactory(
        parent=index,
        title="Multiplier event",
        status="cancelled",
        start_date=timezone.localdate() + timedelta(days=3),
    )
    body = client.get("/en/events/").content.decode()
    assert 'href="/en/events/multiplier-event/">Multiplier event</a>' in body
    assert '<span class="badge badge--alert">Cancelled</span>' in body


def test_menu_is_a_details_element_that_works_without_javascript(client, home_page):
    body = client.get("/en/").content.decode()
    assert '<details class="site-menu" data-site-menu>' in body
    assert '<summary class="site-menu__toggle">' in body


def test_a_news_item_without_a_meta_description_is_described_by_its_lead(client, home_page):
    from tests.factories.network import NewsIndexPageFactory, NewsPageFactory

    news = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home_page), lead="Partners met in Helsinki."
    )
    body = client.get(news.url).content.decode()
    assert '<meta name="description" content="Partners met in Helsinki.">' in body
