"""Error pages help the visitor on: in their language, with a way to search."""

import pytest

pytestmark = pytest.mark.django_db


def test_not_found_page_offers_the_search_form(client, home_page):
    response = client.get("/en/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert '<form class="search-form search-form--page" role="search" action="/en/search/"' in body
    assert 'id="not-found-search"' in body
    assert '<meta name="robots" content="noindex">' in body


def test_not_found_page_under_de_is_german(client, german_home):
    response = client.get("/de/keine-seite/")
    body = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="de"' in body
    assert "Seite nicht gefunden" in body
    assert 'action="/de/search/"' in body


def test_not_found_page_has_unique_field_ids(client, home_page):
    body = client.get("/en/no-such-page/").content.decode()
    assert body.count('id="site-search"') == 1
    assert body.count('id="not-found-search"') == 1


def test_server_error_page_renders_without_a_context(rf, settings):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override("en"):  # an earlier request in this thread may have left "de"
        response = server_error(rf.get("/en/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
