"""The demo builds the network's content: partners, issues, booklets, news, translations."""

import html
import io
import re
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.template.defaultfilters import filesizeformat

from wagtail.models import Locale

import pypdf
import pytest

from demo import builders as demo
from network.models import BookletPage, CrossCuttingIssuePage, NewsPage, PartnerPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(demo, "credentials_path", lambda: tmp_path / "credentials.txt")
    with django_capture_on_commit_callbacks(execute=True):
        # The pages' own steps only: the demo's translations step is tested in tests/home.
        call_command(
            "load_demo_content",
            "--allow-production",
            "--only",
            "home,network,events",
            stdout=StringIO(),
        )


def test_demo_has_the_network_content_the_seeds_describe(demo_site):
    english = Locale.objects.get(language_code="en")
    assert NewsPage.objects.live().filter(locale=english).count() >= 6
    assert BookletPage.objects.live().filter(locale=english).count() >= 5
    assert CrossCuttingIssuePage.objects.live().filter(locale=english).count() >= 3
    partners = PartnerPage.objects.live().filter(locale=english)
    assert {"ICSE", "DZLM", "IMST", "LUMA", "Hacettepe", "LAMAP"} <= {
        partner.short_name for partner in partners
    }
    assert not partners.filter(is_example=True).exists()


def test_demo_partners_are_never_called_fictitious_on_the_site(client, demo_site):
    for partner in PartnerPage.objects.live().filter(locale__language_code="en"):
        html = client.get(partner.url).content.decode().lower()
        assert "fictitious" not in html and "example" not in partner.title.lower()
        # A drawn mark named for the partner, not a placeholder.
        assert partner.logo.title == f"Logo: {partner.short_name}"
        assert partner.logo.description == partner.short_name
        assert f'alt="{partner.short_name.lower()}"' in html  # the page's text is lowercased


def test_demo_news_is_spread_over_the_past_year_with_its_own_body_text(client, demo_site):
    from django.utils import timezone

    today = timezone.localdate()
    news = NewsPage.objects.live().filter(locale__language_code="en")
    recent = news.filter(date__gt=today - timedelta(days=365), date__lte=today)
    assert recent.count() >= 6
    assert len({item.date.month for item in recent}) >= 5, "spread over the year"
    for item in news:
        body = " ".join(str(block.value) for block in item.body)
        assert item.lead not in body, f"{item.slug}: the body repeats the summary"
        assert len(body) > len(item.lead)
        assert item.hero_image is not None and item.hero_image.description
    latest = client.get("/en/news/").content.decode()
    assert recent.order_by("-date").first().title in latest


def test_demo_booklet_for_issue_06_has_a_readable_pdf_of_several_pages(client, demo_site):
    booklet = BookletPage.objects.get(
        locale__language_code="en", slug="cci-06-partnerships-and-alliances"
    )
    assert booklet.coordinator_name == "Doris Arztmann"
    assert booklet.coordinator.short_name == "IMST"
    with booklet.document.file.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()), strict=True)
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "CROSS-CUTTING ISSUE 06" in cover and "Co-funded by the European Union" in cover
    assert len(reader.pages) >= 8, "cover, contents, five chapters, about, imprint"
    assert [link.issue.number for link in booklet.issue_links.all()] == [6]
    page = client.get(booklet.url).content.decode()
    size = booklet.document.file.size
    assert size > 10_000 and f"(PDF, {filesizeformat(size)})" in page


def test_demo_translates_the_showcase_into_german_and_french(client, demo_site):
    german = client.get("/de/publications/cci-06-partnerships-and-alliances/")
    french = client.get("/fr/publications/cci-06-partnerships-and-alliances/")
    assert "Querschnittsthema 06" in german.content.decode()
    assert "Question transversale 06" in french.content.decode()
    listing = client.get("/de/news/").content.decode().replace("\u00ad", "")  # soft hyphens
    assert "LINKS-Abschlusskonferenz in Helsinki" in listing


def test_demo_unpublishes_the_invented_partners_an_earlier_demo_made(
    home_page, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    from tests.factories.network import PartnerIndexPageFactory, PartnerPageFactory

    index = PartnerIndexPageFactory(parent=home_page, slug="partners")
    invented = PartnerPageFactory(
        parent=index, slug="example-stem-centre-utrecht", is_example=True, title="Example"
    )
    invented.save_revision().publish()  # as the earlier demo made it: one revision
    edited = PartnerPageFactory(
        parent=index, slug="example-lab-school-freiburg", is_example=True, title="Lab School"
    )
    edited.save_revision().publish()
    edited.save_revision().publish()
    monkeypatch.setattr(demo, "credentials_path", lambda: tmp_path / "credentials.txt")
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "load_demo_content", "--allow-production", "--only", "home,network", stdout=StringIO()
        )
    invented.refresh_from_db()
    edited.refresh_from_db()
    assert not invented.live
    assert edited.live, "a profile an editor worked on stays as it is"


NUMBER_WORDS = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
MEMBERS = re.compile(r"about (\d+) [\w ]*?centres from (\d+) European countries", re.IGNORECASE)


def visible_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.replace("\u00ad", "")).split())


def test_demo_partners_page_says_how_its_partners_relate_to_the_network_the_home_page_counts(
    client, demo_site
):
    home = MEMBERS.search(visible_text(client.get("/en/").content.decode()))
    page = visible_text(client.get("/en/partners/").content.decode())
    partners = MEMBERS.search(page)
    assert home and partners, "both pages give the network's size"
    assert partners.groups() == home.groups() == ("30", "12")
    listed = PartnerPage.objects.live().filter(locale__language_code="en").count()
    assert f"presents {NUMBER_WORDS[listed]} organisations" in page
    assert "consortium had 13 partners" in page


def test_demo_cross_cutting_issues_index_explains_the_numbers_it_skips(client, demo_site):
    page = visible_text(client.get("/en/cross-cutting-issues/").content.decode())
    numbers = sorted(
        CrossCuttingIssuePage.objects.live()
        .filter(locale__language_code="en")
        .values_list("number", flat=True)
    )
    shown = ", ".join(f"{number:02d}" for number in numbers[:-1]) + f" and {numbers[-1]:02d}"
    assert f"numbers {shown}" in page
    series = re.search(r"numbered series of (\w+) booklets", page)
    assert series and series.group(1) == NUMBER_WORDS[max(numbers)]


def test_demo_publications_index_explains_why_intellectual_output_06_is_missing(client, demo_site):
    """The booklets' covers number the project's intellectual outputs; the index says which
    number is not a booklet, so a reader does not look for it."""
    from demo.booklet_texts import SERIES

    live = set(
        BookletPage.objects.live().filter(locale__language_code="en").values_list("slug", flat=True)
    )
    numbers = {
        number
        for slug, (series, number) in SERIES.items()
        if series == "Intellectual Output" and slug in live
    }
    gaps = set(range(1, max(numbers) + 1)) - numbers
    assert gaps == {6}
    page = html.unescape(visible_text(client.get("/en/publications/").content.decode()))
    assert "Intellectual Outputs 01 to 05 and 07 are the booklets" in page
    assert "Intellectual Output 06 is the network's interactive web portal, not a booklet" in page
