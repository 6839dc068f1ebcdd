"""Site search: the visitor's language only, published public pages only, hostile input is safe."""

from wagtail.models import PageViewRestriction

import pytest

from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [result["title"] for result in response.context["results"]]


def test_search_without_a_query_shows_the_empty_state(client, home_page):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert "Enter one or more words" in response.content.decode()
    assert response.context["results"] == []


def test_search_finds_a_published_page_with_its_title_snippet_and_url(client, home_page):
    StandardPageFactory(
        parent=home_page, title="Quality criteria", slug="quality", intro="Criteria for good PD."
    )
    response = client.get("/en/search/", {"q": "quality"})
    body = response.content.decode()
    assert titles(response) == ["Quality criteria"]
    assert '<a href="/en/quality/">Quality criteria</a>' in body
    assert "Criteria for good PD." in body
    assert "http://testserver/en/quality/" in body


def test_search_prefers_the_meta_description_as_snippet(client, home_page):
    StandardPageFactory(
        parent=home_page,
        title="Quality criteria",
        intro="The intro.",
        search_description="What good PD looks like.",
    )
    response = client.get("/en/search/", {"q": "quality"})
    assert response.context["results"][0]["snippet"] == "What good PD looks like."


def test_search_only_finds_pages_in_the_visitors_language(
    client, home_page, german_home, translate
):
    # A fixed intro: the factory's random English words could say "network", and the German
    # copy keeps the intro until it is translated.
    english = StandardPageFactory(
        parent=home_page, title="Network quality", slug="quality", intro="Criteria for courses."
    )
    translate(english, "de", title="Netzwerk Qualität", intro="Kriterien für Kurse.")
    assert titles(client.get("/en/search/", {"q": "network"})) == ["Network quality"]
    assert titles(client.get("/de/search/", {"q": "netzwerk"})) == ["Netzwerk Qualität"]
    assert titles(client.get("/de/search/", {"q": "network"})) == []


def test_search_never_shows_drafts(client, home_page):
    StandardPageFactory(parent=home_page, title="Secret plan", slug="secret", live=False)
    assert titles(client.get("/en/search/", {"q": "secret"})) == []


def test_search_never_shows_private_pages_or_their_children(client, home_page):
    private = StandardPageFactory(parent=home_page, title="Members area", slug="members")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    StandardPageFactory(parent=private, title="Members minutes", slug="minutes")
    assert titles(client.get("/en/search/", {"q": "members"})) == []


@pytest.fixture
def many_results(home_page):
    for number in range(25):
        StandardPageFactory(parent=home_page, title=f"Booklet {number}", slug=f"booklet-{number}")


def test_search_results_are_paginated(client, many_results):
    first = client.get("/en/search/", {"q": "booklet"})
    third = client.get("/en/search/", {"q": "booklet", "page": "3"})
    assert len(first.context["results"]) == 10
    assert len(third.context["results"]) == 5
    assert "?q=booklet&amp;page=2" in first.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "9" * 50, "١"])
def test_malformed_page_numbers_show_the_first_page(client, many_results, page):
    response = client.get("/en/search/", {"q": "booklet", "page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


def test_a_page_number_past_the_end_is_a_clean_404(client, many_results):
    response = client.get("/en/search/", {"q": "booklet", "page": "99999"})
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "x" * 5000,
        '"unbalanced',
        "NEAR( AND OR NOT *",
        "'; DROP TABLE wagtailcore_page; --",
        "a\x00b",
        "<script>alert(1)</script>",
        "(((",
        "-",
    ],
    ids=["overlong", "quote", "operators", "sql", "nul", "script", "parens", "dash"],
)
def test_hostile_queries_answer_a_sane_page(client, home_page, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert len(response.context["search_query"]) <= 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_results_are_not_indexed_by_search_engines(client, home_page):
    body = client.get("/en/search/", {"q": "anything"}).content.decode()
    assert '<meta name="robots" content="noindex">' in body


def test_search_form_in_the_header_works_without_javascript(client, home_page):
    body = client.get("/en/").content.decode()
    assert (
        '<form class="search-form search-form--header" role="search" action="/en/search/"' in body
    )
    assert '<label for="site-search">Search</label>' in body
    assert 'name="q"' in body


def test_search_in_a_language_without_a_locale_finds_nothing_instead_of_failing(client, home_page):
    from wagtail.models import Locale

    Locale.objects.filter(language_code="fi").delete()
    response = client.get("/fi/search/", {"q": "network"})
    assert response.status_code == 200
    assert response.context["results"] == []
