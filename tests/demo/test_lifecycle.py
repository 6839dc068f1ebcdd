"""The demo shows the translation lifecycle: a glossary of the network's terms in German and
French, a news item translated before its launch (German approved, French in progress), and a
live news item whose English changed after it was translated (two sentences to update)."""

import csv
import io
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings
from django.urls import reverse

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

import pytest

from demo import builders as demo
from demo.lifecycle import CHANGED_SLUG, CHANGES, PRELAUNCH
from demo.translators import translator_username
from translation import launch
from translation.changes import changed_segments
from translation.glossary import glossary_for, terms_by_sentence
from translation.matrix import OUTDATED, build_matrix
from translation.queue import translator_queue

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo, loaded once for this module and rolled back after it."""
    folder = tmp_path_factory.mktemp("demo")
    original = demo.credentials_path
    demo.credentials_path = lambda: folder / "demo-credentials.txt"
    with (
        override_settings(MEDIA_ROOT=folder / "media"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo_content", "--allow-production", stdout=StringIO())
        yield
        transaction.set_rollback(True)
    demo.credentials_path = original


@pytest.fixture
def admin(client):
    client.force_login(get_user_model().objects.get(username=demo.DEMO_USERNAME))
    return client


def english(slug: str) -> Page:
    return Page.objects.get(locale__language_code="en", slug=slug).specific


def translation_of(page: Page, code: str) -> Translation:
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code=code
    )


@pytest.mark.parametrize(
    ("code", "term", "approved"),
    [
        ("de", "PD centre", "Fortbildungszentrum"),
        ("de", "multiplier event", "Multiplikatorenveranstaltung"),
        ("de", "STEM", "MINT"),
        ("fr", "cross-cutting issue", "thème transversal"),
        ("fr", "continuing professional development", "formation continue"),
    ],
)
def test_the_glossary_has_the_networks_terms_in_german_and_french(demo_site, code, term, approved):
    terms = {
        entry.term: entry.translation
        for entry in glossary_for(Locale.objects.get(language_code=code))
    }
    assert len(terms) >= 10
    assert terms[term] == approved


def test_the_translator_sees_the_glossary_terms_of_each_sentence(demo_site):
    found = terms_by_sentence(translation_of(english(PRELAUNCH["slug"]), "de"))
    terms = {term.term for sentence in found for term in sentence.terms}
    assert {"PD centre", "multiplier event", "cross-cutting issue", "STEM"} <= terms


def test_a_page_translated_before_launch_is_visible_in_no_language(demo_site, client):
    page = english(PRELAUNCH["slug"])
    assert not page.live and page.first_published_at is None
    translations = Page.objects.filter(translation_key=page.translation_key)
    assert {p.locale.language_code for p in translations} == {"en", "de", "fr"}
    for translated in translations:
        assert not translated.live
        cache.clear()
        url = translated.get_url()
        assert client.get(url).status_code == 404, url
    cache.clear()
    news = client.get("/de/").content.decode()
    assert PRELAUNCH["slug"] not in news


def test_publish_with_translations_takes_german_and_lists_french_as_not_ready(demo_site, admin):
    page = english(PRELAUNCH["slug"])
    plan = launch.plan(page)
    assert [p.locale.language_code for p in plan.approved] == ["de"]
    assert "fr" in {locale.language_code for locale in plan.unapproved}
    french = translation_of(page, "fr")
    progress = french.get_progress()
    assert 0 < progress[1] < progress[0], "French is half translated"
    html = admin.get(reverse("translation_launch", args=[page.pk])).content.decode()
    approved, _, unapproved = html.partition('data-launch="unapproved"')
    assert "Multiplikatorenveranstaltungen" in approved
    assert "French" in unapproved.split("</ul>")[0]


def test_a_live_page_changed_after_its_german_translation_shows_two_changed_sentences(
    demo_site, admin
):
    page = english(CHANGED_SLUG)
    german = Locale.objects.get(language_code="de")
    cell = build_matrix([page], [german])[page.pk][german.pk]
    assert cell.status == OUTDATED
    assert cell.changed == 2
    assert page.get_translation(german).live, "visitors keep the German text meanwhile"

    changes = {change.new_source: change for change in changed_segments(translation_of(page, "de"))}
    for old, new in CHANGES.values():
        assert changes[new].old_source == old
        assert changes[new].previous_translation

    rows = csv.DictReader(
        io.StringIO(admin.get(reverse("translation_matrix_csv"), {"locale": "de"}).content.decode())
    )
    row = next(row for row in rows if row["Page"] == page.title)
    assert (row["State"], row["Changed segments"]) == ("outdated", "2")

    editor = admin.get(
        reverse("wagtailadmin_pages:edit", args=[page.get_translation(german).pk])
    ).content.decode()
    assert 'data-changed-sentences="2"' in editor
    assert "<ins>" in editor and "<del>" in editor


def test_the_german_translator_finds_the_outdated_page_in_their_queue(demo_site):
    translator = get_user_model().objects.get(username=translator_username("de"))
    items = {item.title: item for item in translator_queue(translator)}
    assert items[english(CHANGED_SLUG).title].changed == 2
