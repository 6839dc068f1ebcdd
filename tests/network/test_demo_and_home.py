"""The demo builds the network's content; the home page shows the latest of it."""

import io
from io import StringIO

from django.core.management import call_command

from wagtail.models import Locale

import pypdf
import pytest

from home import demo
from network.factories import BookletPageFactory, NewsPageFactory
from network.models import BookletPage, CrossCuttingIssuePage, NewsPage, PartnerPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(demo, "credentials_path", lambda: tmp_path / "credentials.txt")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", "--allow-production", stdout=StringIO())


def test_demo_has_the_network_content_the_seeds_describe(demo_site):
    english = Locale.objects.get(language_code="en")
    assert NewsPage.objects.live().filter(locale=english).count() >= 6
    assert BookletPage.objects.live().filter(locale=english).count() >= 5
    assert CrossCuttingIssuePage.objects.live().filter(locale=english).count() >= 3
    partners = PartnerPage.objects.live().filter(locale=english)
    assert partners.count() >= 8
    real = {p.short_name for p in partners.filter(is_example=False)}
    assert {"ICSE", "IMST", "LUMA", "Hacettepe", "LAMAP"} <= real


def test_demo_booklet_for_issue_06_has_a_generated_readable_pdf(demo_site):
    booklet = BookletPage.objects.get(
        locale__language_code="en", slug="cci-06-partnerships-and-alliances"
    )
    assert booklet.coordinator_name == "Doris Arztmann"
    assert booklet.coordinator.short_name == "IMST"
    with booklet.document.file.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()), strict=True)
    text = reader.pages[0].extract_text()
    assert "Cross-Cutting Issue 06" in text
    assert [link.issue.number for link in booklet.issue_links.all()] == [6]


def test_demo_translates_the_showcase_into_german_and_french(client, demo_site):
    german = client.get("/de/publications/cci-06-partnerships-and-alliances/")
    french = client.get("/fr/publications/cci-06-partnerships-and-alliances/")
    assert "Querschnittsthema 06" in german.content.decode()
    assert "Question transversale 06" in french.content.decode()
    assert "LINKS-Abschlusskonferenz in Helsinki" in client.get("/de/news/").content.decode()


def test_home_page_shows_latest_news_and_publications(client, home_page, news_index, booklet_index):
    NewsPageFactory(parent=news_index, title="Fresh news")
    BookletPageFactory(parent=booklet_index, title="Fresh booklet")
    NewsPageFactory(parent=news_index, title="Draft news", live=False)
    body = client.get("/en/").content.decode()
    assert "Fresh news" in body and "Fresh booklet" in body
    assert "Draft news" not in body
