"""Page-cache hit ratio over a scripted editorial day: 100 draft saves, 10 publishes and 10,000
visitor requests spread over the pages (target: at least 95 % hits).

Run: .venv/bin/python benchmarks/editorial_day.py [--seed N]
Builds a throwaway test database (SQLite in memory unless DATABASE_URL says otherwise) with a home
page, news, publications, cross-cutting issues and partners, then plays the day: visitors ask
for pages with a long-tailed popularity (the home page and indexes most), and between them
editors save drafts and publish (edits and new news items) at evenly spaced moments. It prints
the hit ratio, and the ratio the same day would have had if every save emptied the page cache
(the behaviour before targeted invalidation). The cache is the production one without Redis
(in-process, 50,000 entries). Cache timeouts are not modelled: the day is played in seconds.
"""

import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stempd.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

REQUESTS = 10_000
DRAFT_SAVES = 100
PUBLISHES = 10
NEW_ITEMS = 4  # of the publishes, new news items; the others edit published pages


def build_site() -> dict:
    """A small network site: the pages visitors read and editors change."""
    from wagtail.models import Locale, Page, Site

    from network.models import BookletIssueLink, NewsIssueLink
    from tests.factories.home import HomePageFactory
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

    english = Locale.objects.get_or_create(language_code="en")[0]
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="day-home", locale=english)
    Site.objects.update(root_page=home, hostname="testserver")
    news_index = NewsIndexPageFactory(parent=home)
    booklet_index = BookletIndexPageFactory(parent=home)
    issue_index = CrossCuttingIssueIndexPageFactory(parent=home)
    partner_index = PartnerIndexPageFactory(parent=home)
    issues = [CrossCuttingIssuePageFactory(parent=issue_index) for _ in range(4)]
    news, booklets = [], []
    for number in range(30):
        item = NewsPageFactory(parent=news_index)
        item.issue_links = [NewsIssueLink(issue=issues[number % 4])]
        item.save_revision().publish()
        news.append(item)
    for number in range(12):
        booklet = BookletPageFactory(parent=booklet_index)
        booklet.issue_links = [BookletIssueLink(issue=issues[number % 4])]
        booklet.save_revision().publish()
        booklets.append(booklet)
    partners = [
        PartnerPageFactory(parent=partner_index, country=["DE", "FI", "AT", "NL"][n % 4])
        for n in range(24)
    ]
    indexes = [home, news_index, booklet_index, issue_index, partner_index]
    return {
        "indexes": indexes,
        "news_index": news_index,
        "details": [*issues, *news, *booklets, *partners],
        "editable": [*news, *booklets, *partners],
    }


def popularity(site: dict) -> tuple[list[str], list[float]]:
    """Every page's URL and weight: indexes most read, then a long tail (Zipf, s = 1)."""
    urls = [page.url for page in site["indexes"]] + [page.url for page in site["details"]]
    weights = [1 / rank for rank in range(1, len(urls) + 1)]
    return urls, weights


def play_day(site: dict, seed: int, flush_on_every_save: bool) -> Counter:
    """Run the day once; count hits and misses (and requests per editorial action)."""
    from django.core.cache import cache

    from home.caching.dependencies import TREE
    from home.caching.store import invalidate_tags
    from tests.factories.network import NewsPageFactory

    cache.clear()
    rng = random.Random(seed)
    urls, weights = popularity(site)
    actions = ["draft"] * DRAFT_SAVES + ["publish"] * (PUBLISHES - NEW_ITEMS) + ["new"] * NEW_ITEMS
    rng.shuffle(actions)
    every = REQUESTS // (len(actions) + 1)
    client = Client()
    counts: Counter = Counter()
    for number, url in enumerate(rng.choices(urls, weights, k=REQUESTS), start=1):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[response.get("X-Page-Cache", "uncached")] += 1
        if number % every or not actions:
            continue
        action = actions.pop()
        page = rng.choice(site["editable"]).specific
        if action == "draft":
            page.title = f"{page.title.split(' (draft')[0]} (draft {number})"
            page.save_revision()
        elif action == "publish":
            page.title = f"{page.title.split(' (')[0]} (edited {number})"
            page.save_revision().publish()
        else:
            slug = f"new-{int(flush_on_every_save)}-{number}"
            item = NewsPageFactory(parent=site["news_index"], live=False, slug=slug)
            item.save_revision().publish()
            new_url = item.url
            urls.append(new_url)
            weights.append(weights[1])  # a new item is read like the news index
        counts[action] += 1
        if flush_on_every_save:
            invalidate_tags([TREE])  # what every save did before: all pages stale
        page.refresh_from_db()
    return counts


def report(label: str, counts: Counter, seconds: float) -> None:
    hits, misses = counts["hit"], counts["miss"]
    ratio = hits / (hits + misses) if hits + misses else 0.0
    print(
        f"{label:<34}{hits:>7}{misses:>8}{ratio:>9.1%}{seconds:>8.1f}"
        f"   ({counts['draft']} drafts, {counts['publish'] + counts['new']} publishes)"
    )


def main() -> None:
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 16
    setup_test_environment()
    # The production cache without Redis (site/settings/base.py), not the tests' 300 entries.
    override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": 50_000},
            }
        },
        PAGE_CACHE_SECONDS=24 * 60 * 60,
        DEBUG=False,
    ).enable()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        site = build_site()
        print(
            f"{REQUESTS:,} requests over {len(site['indexes']) + len(site['details'])} pages, "
            f"{DRAFT_SAVES} draft saves, {PUBLISHES} publishes ({NEW_ITEMS} new items), seed {seed}"
        )
        print(f"{'invalidation':<34}{'hits':>7}{'misses':>8}{'ratio':>9}{'s':>8}")
        for label, flush in (("targeted (cache tags)", False), ("every save empties it", True)):
            started = time.perf_counter()
            counts = play_day(site, seed, flush)
            report(label, counts, time.perf_counter() - started)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
