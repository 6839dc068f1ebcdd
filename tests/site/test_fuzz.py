"""Fuzzing every public URL and form with generated input: never a 500, nothing stored on refusal.

Each endpoint gets FUZZ_EXAMPLES generated inputs (50 in the suite; `benchmarks/fuzz.py` runs
1,000 each and prints the counts of answers).
"""

import json
import os
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

from django.core.cache import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsletters.models import ConsentRecord, Subscriber

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 50,  # the suite is reproducible; the benchmark explores
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COUNTS: dict[str, Counter] = defaultdict(Counter)
REPORT = Path(__file__).resolve().parents[2] / "test-results" / "fuzz-counts.json"

hostile_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "../../etc/passwd",
            "' OR 1=1 --",
            "%00",
            "\r\nX-Injected: 1",
            "9" * 400,
            "-1",
            "0",
            "99999",
            "ä€😀",
            "\u202e",
            "",
        ]
    ),
)
query_keys = st.sampled_from(
    ["q", "page", "tag", "category", "type", "country", "mode", "view", "month", "year", "p"]
)
queries = st.dictionaries(query_keys, hostile_text, max_size=4)
PUBLIC_PATHS = [
    "/en/",
    "/de/",
    "/en/search/",
    "/en/news/",
    "/en/publications/",
    "/en/cross-cutting-issues/",
    "/en/partners/",
    "/en/events/",
    "/en/calendar.ics",
    "/en/news/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/en/newsletter/subscribe/",
]


def record(name: str, status: int) -> None:
    COUNTS[name][str(status)] += 1


@pytest.fixture(scope="module", autouse=True)
def write_report():
    yield
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps({name: dict(c) for name, c in sorted(COUNTS.items())}, indent=2))


@pytest.fixture
def site(home_page):
    """The index pages visitors reach, so filters run against real listings."""
    from tests.factories.events import EventIndexPageFactory
    from tests.factories.network import (
        BookletIndexPageFactory,
        CrossCuttingIssueIndexPageFactory,
        NewsIndexPageFactory,
        NewsPageFactory,
        PartnerIndexPageFactory,
    )

    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news)
    BookletIndexPageFactory(parent=home_page)
    CrossCuttingIssueIndexPageFactory(parent=home_page)
    PartnerIndexPageFactory(parent=home_page)
    EventIndexPageFactory(parent=home_page, slug="events")
    return home_page


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_urls_never_answer_500_to_generated_query_strings(client, site, path):
    @FUZZ
    @given(query=queries)
    def check(query):
        response = client.get(path, query)
        record(f"GET {path}", response.status_code)
        assert response.status_code < 500, (path, query)

    check()


@FUZZ
@given(segment=hostile_text)
def test_generated_path_segments_never_answer_500(client, site, segment):
    for template in (
        "/en/news/{}/",
        "/en/calendar/category/{}.ics",
        "/en/newsletter/confirm/{}/",
        "/en/newsletter/preferences/{}/",
        "/en/newsletter/unsubscribe/{}/",
        "/en/publications/download/{}/",
    ):
        path = template.format(quote(segment, safe=""))
        response = client.get(path)
        record(f"GET {template}", response.status_code)
        assert response.status_code < 500, path


@FUZZ
@given(
    form=st.fixed_dictionaries(
        {},
        optional={
            "email": hostile_text,
            "language": hostile_text,
            "topics": hostile_text,
            "consent": st.sampled_from(["on", "", "1", "yes", "<x>"]),
            "website": hostile_text,
        },
    )
)
def test_generated_sign_ups_never_answer_500_and_refusals_store_nothing(client, site, form):
    cache.clear()  # reach the form's validation, not only the per-IP flood limit
    before = (Subscriber.objects.count(), ConsentRecord.objects.count())
    response = client.post(
        "/en/newsletter/subscribe/", form, headers={"origin": "http://testserver"}
    )
    record("POST /en/newsletter/subscribe/", response.status_code)
    assert response.status_code < 500, form
    if response.status_code != 303:  # anything but the accepted answer is a refusal
        assert (Subscriber.objects.count(), ConsentRecord.objects.count()) == before


@FUZZ
@given(token=hostile_text.filter(bool))
def test_generated_tokens_posted_to_link_endpoints_change_nothing(client, site, token):
    before = list(Subscriber.objects.values_list("pk", "status"))
    for action in ("confirm", "preferences", "unsubscribe"):
        path = f"/en/newsletter/{action}/{quote(token, safe='')}/"
        response = client.post(path, {"language": "de"})
        record(f"POST /en/newsletter/{action}/<token>/", response.status_code)
        assert response.status_code < 500, (action, token)
        assert 400 <= response.status_code < 500
    assert list(Subscriber.objects.values_list("pk", "status")) == before
