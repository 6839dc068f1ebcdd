"""Public URLs carry the language; `/` sends visitors to the language they prefer."""

import re

import pytest

pytestmark = pytest.mark.django_db


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert match, "the page has no <html lang>"
    return match.group(1)


def test_root_redirects_to_english_by_default(client, home_page):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_root_redirects_to_the_visitors_preferred_available_language(client, german_home):
    response = client.get("/", headers={"accept-language": "de-AT,de;q=0.9,en;q=0.5"})
    assert response["Location"] == "/de/"


def test_an_unavailable_preferred_language_falls_back_to_english(client, home_page):
    response = client.get("/", headers={"accept-language": "ja,zh;q=0.8"})
    assert response["Location"] == "/en/"


def test_english_and_german_home_pages_render_with_matching_html_lang(client, german_home):
    english = client.get("/en/")
    german = client.get("/de/")
    assert english.status_code == german.status_code == 200
    assert html_lang(english) == "en"
    assert html_lang(german) == "de"
    assert "Bessere Fortbildung für MINT-Lehrkräfte" in german.content.decode()


def test_template_strings_are_translated_in_the_visitors_language(client, german_home):
    body = client.get("/de/").content.decode()
    assert "Kofinanziert von der Europäischen Union" in body
    assert 'aria-label="Sprache wählen"' in body


def test_language_switcher_links_each_language_to_its_version_of_the_page(client, german_home):
    body = client.get("/en/").content.decode()
    assert 'href="/de/" hreflang="de" lang="de">Deutsch</a>' in body
    assert 'href="/en/" hreflang="en" lang="en" aria-current="true">English</a>' in body


def test_an_unknown_language_prefix_ends_in_a_404_not_an_error(client, home_page):
    response = client.get("/xx/", follow=True)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_healthz_answers_without_a_language_prefix(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
