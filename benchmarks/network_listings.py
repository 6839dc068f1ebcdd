"""Queries and render time of the network's listing and detail pages at 5 and 50 items.

Run: .venv/bin/python benchmarks/network_listings.py
Builds a throwaway test database (SQLite in memory unless DATABASE_URL says otherwise), fills it
with factories, warms caches with one request, then measures a second request of each page.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stempd.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)


def measure(client: Client, url: str) -> tuple[int, float, int]:
    client.get(url)  # warm caches
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    return len(queries), elapsed, response.status_code


def build(count: int, indexes: dict) -> dict:
    from network.models import BookletIssueLink, NewsIssueLink
    from tests.factories.network import (
        BookletPageFactory,
        CrossCuttingIssuePageFactory,
        NewsPageFactory,
        PartnerPageFactory,
    )

    issue = indexes.get("issue") or CrossCuttingIssuePageFactory(parent=indexes["issues"], number=6)
    indexes["issue"] = issue
    made = {}
    for number in range(count):
        news = NewsPageFactory(parent=indexes["news"])
        news.issue_links = [NewsIssueLink(issue=issue)]
        news.tags.add("network")
        news.save_revision().publish()
        booklet = BookletPageFactory(parent=indexes["booklets"])
        booklet.issue_links = [BookletIssueLink(issue=issue)]
        booklet.save_revision().publish()
        made["partner"] = PartnerPageFactory(
            parent=indexes["partners"], country=["DE", "FI", "AT"][number % 3]
        )
        made["news"], made["booklet"] = news, booklet
    return made


def main() -> None:
    from wagtail.models import Locale, Page, Site

    from tests.factories.home import HomePageFactory
    from tests.factories.network import (
        BookletIndexPageFactory,
        CrossCuttingIssueIndexPageFactory,
        NewsIndexPageFactory,
        PartnerIndexPageFactory,
    )

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        english = Locale.objects.get_or_create(language_code="en")[0]
        home = HomePageFactory(parent=Page.get_first_root_node(), slug="bench-home", locale=english)
        Site.objects.update(root_page=home, hostname="testserver")
        indexes = {
            "news": NewsIndexPageFactory(parent=home),
            "booklets": BookletIndexPageFactory(parent=home),
            "issues": CrossCuttingIssueIndexPageFactory(parent=home),
            "partners": PartnerIndexPageFactory(parent=home),
        }
        client = Client()
        print(f"{'page':<22}{'items':>6}{'queries':>9}{'ms':>9}")
        total = 0
        for target in (5, 50):
            made = build(target - total, indexes)
            total = target
            pages = {
                "home": "/en/",
                "news index": indexes["news"].url,
                "publications index": indexes["booklets"].url,
                "partners index": indexes["partners"].url,
                "issue hub": indexes["issue"].url,
                "news item": made["news"].url,
                "publication": made["booklet"].url,
                "partner": made["partner"].url,
            }
            for name, url in pages.items():
                queries, ms, status = measure(client, url)
                assert status == 200, (name, status)
                print(f"{name:<22}{target:>6}{queries:>9}{ms:>9.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
