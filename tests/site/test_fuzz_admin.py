"""Fuzzing the admin forms a German partner translator reaches: never a 500, never a publish.

Each form gets FUZZ_EXAMPLES generated inputs (50 in the suite; `benchmarks/fuzz.py` runs
1,000 each and prints the counts of answers). Every example runs in a transaction rolled back
afterwards, so each starts from the same pages, and each checks that the translator published
nothing and touched no other language.
"""

import json
import os
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories.home import StandardPageFactory
from tests.site.test_fuzz import hostile_text
from tests.translation.conftest import translate_all
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 50,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COUNTS: dict[str, Counter] = defaultdict(Counter)
REPORT = Path(__file__).resolve().parents[2] / "test-results" / "fuzz-admin-counts.json"

counts = st.one_of(st.integers(-3, 4).map(str), hostile_text)
block_types = st.sampled_from(["paragraph", "heading", "quote", "accordion", "bogus", ""])
page_form = st.fixed_dictionaries(
    {},
    optional={
        "title": hostile_text,
        "slug": hostile_text,
        "intro": hostile_text,
        "seo_title": hostile_text,
        "search_description": hostile_text,
        "body-count": counts,
        "body-0-type": block_types,
        "body-0-value": hostile_text,
        "body-0-value-text": hostile_text,
        "body-0-value-level": hostile_text,
        "body-0-deleted": st.sampled_from(["", "1", "x"]),
        "body-0-order": counts,
        "body-0-id": hostile_text,
        "action-publish": st.just("action-publish"),
        "action-submit": st.just("1"),
        "go_live_at": hostile_text,
        "locale": hostile_text,
    },
)


@pytest.fixture(autouse=True)
def write_report():
    """Counts so far, after every test (a long benchmark run that is stopped keeps them)."""
    yield
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps({name: dict(c) for name, c in sorted(COUNTS.items())}, indent=2))


@pytest.fixture
def desk(home_page, german_home, locales):
    """The German translator signed in; a German page edited in Wagtail's own editor and a
    synced translation edited through wagtail-localize's."""
    from django.contrib.auth import get_user_model

    report = setup_translator_groups(can_publish=False)
    anna = get_user_model().objects.create_user("anna", "anna@example.org", "pw-123456789")
    anna.groups.add(report.translator_groups["de"])
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    german_about = about.copy_for_translation(locales["de"])
    german_about.save_revision().publish()
    team = StandardPageFactory(parent=home_page, title="Team", slug="team", intro="Who we are")
    translate_all(team, locales["de"])
    translation = Translation.objects.get(target_locale=locales["de"])
    client = Client(raise_request_exception=False)
    client.force_login(anna)
    return {
        "client": client,
        "about": german_about,
        "home": german_home,
        "translation": translation,
        "segment": StringSegment.objects.filter(source=translation.source).first(),
        "locale": locales["de"],
    }


def published_state(locale_id: int) -> list:
    """What must survive every example: every page's publication, other languages' drafts."""
    pages = Page.objects.order_by("pk")
    return [
        *pages.values_list("pk", "live", "live_revision_id", "last_published_at"),
        *pages.exclude(locale_id=locale_id).values_list("pk", "latest_revision_id", "title"),
    ]


def attempt(desk, name: str, send) -> None:
    """Send one generated request in a rolled-back transaction; check the answer and state."""
    before = published_state(desk["locale"].pk)
    with transaction.atomic():
        response = send(desk["client"])
        COUNTS[name][str(response.status_code)] += 1
        assert response.status_code < 500, name
        location = response.headers.get("Location", "")
        assert not location.startswith(("//", "http:", "https:", "\\")), location
        assert published_state(desk["locale"].pk) == before, name
        transaction.set_rollback(True)


PAGE_FORMS = {
    "POST /admin/pages/<id>/edit/": lambda desk: f"/admin/pages/{desk['about'].pk}/edit/",
    "POST /admin/pages/<id>/edit/preview/": (
        lambda desk: f"/admin/pages/{desk['about'].pk}/edit/preview/"
    ),
    "POST /admin/pages/add/<type>/<parent>/": (
        lambda desk: f"/admin/pages/add/home/standardpage/{desk['home'].pk}/"
    ),
}


@pytest.mark.parametrize("name", PAGE_FORMS)
def test_generated_page_forms_never_answer_500_or_publish(desk, name):
    """Editing, previewing and creating a page, with generated form data."""
    url = PAGE_FORMS[name](desk)

    @FUZZ
    @given(form=page_form)
    def check(form):
        attempt(desk, name, lambda c: c.post(url, form))

    check()


def test_generated_string_translations_never_answer_500(desk):
    translation, segment = desk["translation"], desk["segment"]
    url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
    form = "application/x-www-form-urlencoded"

    @FUZZ
    @given(value=hostile_text, method=st.sampled_from(["put", "delete"]))
    def check(value, method):
        def send(client):
            return getattr(client, method)(url, urlencode({"value": value}), content_type=form)

        attempt(desk, "PUT/DELETE /admin/localize/translate/<id>/strings/<id>/edit/", send)

    check()


def test_generated_submits_for_review_never_answer_500_publish_or_redirect_away(desk):
    url = f"/admin/translation-status/submit/{desk['translation'].pk}/"

    @FUZZ
    @given(next_url=hostile_text)
    def check(next_url):
        name = "POST /admin/translation-status/submit/<id>/"
        attempt(desk, name, lambda c: c.post(url, {"next": next_url}))

    check()


def test_generated_po_files_never_answer_500(desk):
    url = f"/admin/localize/translate/{desk['translation'].pk}/pofile/upload/"

    @FUZZ
    @given(content=st.one_of(st.binary(max_size=400), hostile_text.map(str.encode)))
    def check(content):
        def send(client):
            upload = SimpleUploadedFile("de.po", content, content_type="text/x-gettext")
            return client.post(url, {"file": upload, "next": "/admin/"})

        attempt(desk, "POST /admin/localize/translate/<id>/pofile/upload/", send)

    check()


@pytest.mark.parametrize(
    "path",
    ["/admin/pages/search/", "/admin/choose-page/search/", "/admin/translation-status/"],
)
def test_generated_admin_searches_and_filters_never_answer_500(desk, path):
    keys = st.sampled_from(["q", "p", "section", "locale", "page_type", "ordering", "content_type"])

    @FUZZ
    @given(query=st.dictionaries(keys, hostile_text, max_size=4))
    def check(query):
        attempt(desk, f"GET {path}", lambda c: c.get(path, query))

    check()


def test_generated_comment_formsets_never_answer_500(desk):
    """Management forms that promise rows the request lacks, or rows with forged ids."""
    url = f"/admin/pages/{desk['about'].pk}/edit/"
    ids = st.dictionaries(st.sampled_from(["comments-0-id", "comments-1-id"]), counts, max_size=2)

    @FUZZ
    @given(total=counts, initial=counts, rows=ids)
    def check(total, initial, rows):
        form = {"title": "x", "comments-TOTAL_FORMS": total, "comments-INITIAL_FORMS": initial}
        form |= rows
        attempt(desk, "POST /admin/pages/<id>/edit/ (comments)", lambda c: c.post(url, form))

    check()
