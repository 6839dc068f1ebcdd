"""Every page tells search engines and social networks what it is and where its translations are."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest
import wagtail_factories

from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


def head(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def meta(html: str, attribute: str, name: str) -> str | None:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def test_meta_description_comes_from_the_search_description(client, home_page):
    StandardPageFactory(parent=home_page, slug="about", search_description="Who we are & why.")
    html = head(client, "/en/about/")
    assert meta(html, "name", "description") == "Who we are &amp; why."
    assert meta(html, "property", "og:description") == "Who we are &amp; why."


def test_meta_description_falls_back_to_the_intro(client, home_page):
    StandardPageFactory(parent=home_page, slug="about", intro="A network of PD centres.")
    assert meta(head(client, "/en/about/"), "name", "description") == "A network of PD centres."


def test_canonical_link_is_the_pages_full_url(client, home_page):
    StandardPageFactory(parent=home_page, slug="about")
    html = head(client, "/en/about/?utm_source=newsletter")
    assert '<link rel="canonical" href="http://testserver/en/about/">' in html
    assert meta(html, "property", "og:url") == "http://testserver/en/about/"


def test_opengraph_and_twitter_titles_prefer_the_seo_title(client, home_page):
    StandardPageFactory(
        parent=home_page, slug="about", title="About", seo_title="About the network"
    )
    html = head(client, "/en/about/")
    assert meta(html, "property", "og:title") == "About the network"
    assert meta(html, "name", "twitter:title") == "About the network"
    assert meta(html, "property", "og:type") == "website"
    assert meta(html, "property", "og:site_name")


def test_social_image_is_an_absolute_1200_by_630_rendition(client, home_page):
    image = wagtail_factories.ImageFactory(title="Group photo", file__width=1600, file__height=1000)
    StandardPageFactory(parent=home_page, slug="about", social_image=image)
    html = head(client, "/en/about/")
    assert re.match(r"http://testserver/.+\.fill-1200x630", meta(html, "property", "og:image"))
    assert meta(html, "property", "og:image:width") == "1200"
    assert meta(html, "property", "og:image:height") == "630"
    assert meta(html, "property", "og:image:alt") == "Group photo"
    assert meta(html, "name", "twitter:card") == "summary_large_image"


def test_a_page_without_social_image_gets_a_summary_card(client, home_page):
    StandardPageFactory(parent=home_page, slug="about")
    html = head(client, "/en/about/")
    assert meta(html, "property", "og:image") is None
    assert meta(html, "name", "twitter:card") == "summary"


def test_hreflang_alternates_list_every_live_translation_and_x_default(
    client, home_page, german_home, translate, locales
):
    about = StandardPageFactory(parent=home_page, slug="about")
    translate(about, "de", slug="ueber-uns")
    expected = {
        "en": "http://testserver/en/about/",
        "de": "http://testserver/de/ueber-uns/",
        "x-default": "http://testserver/en/about/",
    }
    assert alternates(head(client, "/en/about/")) == expected
    assert alternates(head(client, "/de/ueber-uns/")) == expected


def test_hreflang_alternates_leave_out_draft_translations(
    client, home_page, german_home, translate
):
    about = StandardPageFactory(parent=home_page, slug="about")
    german = translate(about, "de", slug="ueber-uns")
    german.unpublish()
    assert set(alternates(head(client, "/en/about/"))) == {"en", "x-default"}


def test_hreflang_alternates_leave_out_private_translations(
    client, home_page, german_home, translate
):
    about = StandardPageFactory(parent=home_page, slug="about")
    german = translate(about, "de", slug="ueber-uns")
    # Privacy follows the source page, so a translation is private on its own only inside a
    # section that exists in its language alone.
    internal = StandardPageFactory(parent=german_home, slug="intern", locale=german_home.locale)
    PageViewRestriction.objects.create(page=internal, restriction_type="login")
    german.move(internal, pos="last-child")
    assert set(alternates(head(client, "/en/about/"))) == {"en", "x-default"}


def test_a_private_page_asks_not_to_be_indexed(client, home_page, django_user_model):
    about = StandardPageFactory(parent=home_page, slug="members")
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    client.force_login(django_user_model.objects.create_user("member", password="pw"))
    html = head(client, "/en/members/")
    assert '<meta name="robots" content="noindex">' in html
    assert alternates(html) == {}


def test_a_public_page_may_be_indexed(client, home_page):
    assert 'name="robots"' not in head(client, "/en/")


def test_translations_are_found_in_a_single_query(client, home_page, german_home, translate):
    about = StandardPageFactory(parent=home_page, slug="about")
    for language in ("de", "fr", "fi"):
        if language != "de":
            translate(home_page, language)
        translate(about, language)
    client.get("/en/about/")  # warm the site-root cache
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/about/")
    seo_queries = [
        q for q in queries if "translation_key" in q["sql"] and "pageviewrestriction" in q["sql"]
    ]
    assert len(seo_queries) == 1
