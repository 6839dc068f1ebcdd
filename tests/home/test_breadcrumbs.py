"""Breadcrumbs show where a page sits, from its language's home page down."""

import re

import pytest

from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


def breadcrumbs(html: str) -> str:
    match = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S)
    return match.group(0) if match else ""


def test_breadcrumbs_lead_from_home_to_the_current_page(client, home_page):
    about = StandardPageFactory(parent=home_page, slug="about", title="About")
    StandardPageFactory(parent=about, slug="team", title="Team")
    nav = breadcrumbs(client.get("/en/about/team/").content.decode())
    assert 'aria-label="Breadcrumb"' in nav
    assert re.findall(r"<li>(.*?)</li>", nav) == [
        '<a href="/en/">Home</a>',
        '<a href="/en/about/">About</a>',
        '<a href="/en/about/team/" aria-current="page">Team</a>',
    ]
    assert "<ol" in nav


def test_the_home_page_has_no_breadcrumbs(client, home_page):
    assert breadcrumbs(client.get("/en/").content.decode()) == ""


def test_german_breadcrumbs_start_at_the_german_home_page(
    client, home_page, german_home, translate
):
    about = StandardPageFactory(parent=home_page, slug="about", title="About")
    translate(about, "de", slug="ueber-uns", title="Über uns")
    nav = breadcrumbs(client.get("/de/ueber-uns/").content.decode())
    assert '<a href="/de/">' in nav
    assert '<a href="/de/ueber-uns/" aria-current="page">Über uns</a>' in nav


def test_an_unpublished_ancestor_is_shown_without_a_link(client, home_page):
    section = StandardPageFactory(parent=home_page, slug="section", title="Section")
    StandardPageFactory(parent=section, slug="page", title="Page")
    section.unpublish()
    nav = breadcrumbs(client.get("/en/section/page/").content.decode())
    assert "<li>Section</li>" in nav
