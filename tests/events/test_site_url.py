"""An event page's calendar links and structured data use the configured site URL, not the Host."""

import json
import re

import pytest

from home.site_url import sync_default_site

pytestmark = pytest.mark.django_db

SERVED = "http://127.0.0.1:8111"


def test_event_page_links_its_calendar_file_on_the_served_address(client, make_event, settings):
    settings.WAGTAILADMIN_BASE_URL = SERVED
    sync_default_site()
    event = make_event(title="Network meeting")
    html = client.get(event.url, HTTP_HOST="localhost").content.decode()
    calendar = re.search(r'<link rel="alternate" type="text/calendar"[^>]*href="([^"]+)"', html)
    assert calendar.group(1).startswith(f"{SERVED}/"), calendar.group(0)
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["url"].startswith(f"{SERVED}/")
    assert data["organizer"]["url"] == f"{SERVED}/"
    assert "localhost" not in html.split("</head>")[0]
