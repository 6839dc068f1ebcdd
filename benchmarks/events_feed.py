"""Feed benchmark: build time and size for 100, 1,000 and 5,000 events, warm cache, 304 path.

Run: .venv/bin/python benchmarks/events_feed.py
Uses a throwaway SQLite database in a temporary folder (never the project's database). Events are
inserted in bulk below a real events index, a third of them recurring, so the numbers measure the
feed, not page creation. Targets (issue 5): <= 0.3 ms per event cold, <= 10 ms warm.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="events-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stempd.settings.test")

import django  # noqa: E402

django.setup()

from datetime import time as dtime  # noqa: E402
from datetime import timedelta  # noqa: E402

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.models import Locale, Page, Site  # noqa: E402

SIZES = (100, 1000, 5000)
ZONES = ("Europe/Brussels", "Europe/Helsinki", "Europe/Istanbul", "Europe/Lisbon")


def setup_site():
    from events.factories import EventCategoryFactory, EventIndexPageFactory
    from home.factories import HomePageFactory

    call_command("migrate", verbosity=0)
    locale, _ = Locale.objects.get_or_create(language_code="en")
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-en", locale=locale)
    site = Site.objects.get(is_default_site=True)
    site.root_page, site.hostname = home, "testserver"
    site.save()
    index = EventIndexPageFactory(parent=home)
    category = EventCategoryFactory(name="Webinar", slug="webinar", locale=locale)
    return index, category


def add_events(index, category, count: int, offset: int) -> None:
    """Clone one published event `count` times with treebeard-correct paths (fast)."""
    from events.factories import EventPageFactory, publish
    from events.models import EventPage

    template = EventPageFactory.build(title="Template")
    index.add_child(instance=template)
    template = publish(template)
    today = timezone.localdate()
    start_number = int(index.get_last_child().path[-Page.steplen :], 36)
    pages = []
    for n in range(count):
        number = start_number + n + 1
        recurring = n % 3 == 0
        page = EventPage(
            title=f"Event {offset + n}: commas, semicolons; and emoji 🧪",
            slug=f"event-{offset + n}",
            lead="A network event for STEM PD providers. " * 5,
            start_date=today + timedelta(days=(n % 400) - 100),
            start_time=dtime(9 + n % 8),
            end_time=dtime(17),
            time_zone=ZONES[n % len(ZONES)],
            venue_name="University, building A",
            venue_city="Helsinki",
            venue_country="FI",
            latitude="60.2045",
            longitude="24.9623",
            category=category,
            recurrence_frequency="WEEKLY" if recurring else "",
            recurrence_count=10 if recurring else None,
            locale=template.locale,
            live=True,
            first_published_at=template.first_published_at,
            last_published_at=template.last_published_at,
            path=Page._get_path(index.path, index.depth + 1, number),
            depth=index.depth + 1,
            url_path=f"{index.url_path}event-{offset + n}/",
            content_type_id=template.content_type_id,
        )
        schedule = page.schedule
        page.starts_at, page.ends_at, page.last_ends_at = (
            schedule.start,
            schedule.end,
            schedule.last_end(),
        )
        pages.append(page)
    for page in pages:  # multi-table inheritance: bulk_create is not available
        page.save(clean=False)
    template.delete()
    Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())
    index.refresh_from_db()


def timed(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    from events.feeds import FeedScope, build_feed, feed_events
    from events.signals import mark_feeds_changed

    index, category = setup_site()
    client = Client()
    total = 0
    print(
        f"{'events':>7} {'cold ms':>9} {'ms/event':>9} {'size KiB':>9} {'warm ms':>8} "
        f"{'304 ms':>7} {'304 queries':>11}"
    )
    for size in SIZES:
        add_events(index, category, size - total, total)
        total = size
        mark_feeds_changed()
        cache.clear()
        # Cold: validator + build + cache store, through the real view.
        cold = timed(lambda: client.get("/en/calendar.ics"))
        response = client.get("/en/calendar.ics")
        body, etag = response.content, response["ETag"]
        count = body.count(b"BEGIN:VEVENT")
        warm = timed(lambda: client.get("/en/calendar.ics"), repeat=5)
        not_modified = timed(
            lambda tag=etag: client.get("/en/calendar.ics", headers={"if-none-match": tag}),
            repeat=5,
        )
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get("/en/calendar.ics", headers={"if-none-match": etag}).status_code == 304
            )
        print(
            f"{count:>7} {cold * 1000:>9.1f} {cold * 1000 / count:>9.3f} "
            f"{len(body) / 1024:>9.1f} {warm * 1000:>8.2f} {not_modified * 1000:>7.2f} "
            f"{len(queries):>11}"
        )
    # Where the cold time goes, for the largest feed.
    from django.test import RequestFactory
    from django.utils import translation

    scope = FeedScope(locale=Locale.objects.get(language_code="en"))
    request = RequestFactory().get("/en/calendar.ics")
    with translation.override("en"):
        fetch = timed(lambda: feed_events(scope, timezone.now()))
        build = timed(lambda: build_feed(scope, request))
    print(
        f"\n{total} events: query+prefetch {fetch * 1000:.0f} ms, build+serialise "
        f"{build * 1000:.0f} ms ({build * 1000 / total:.3f} ms/event)"
    )


if __name__ == "__main__":
    main()
