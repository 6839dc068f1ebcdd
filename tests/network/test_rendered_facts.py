"""What a publication's and a partner's pages tell readers, as rendered: the booklet's ISBN, DOI
(a working doi.org link) and how to cite it, the same in every language; the partner's role in
the network and its logo, named for screen readers."""

import re
from html import escape

import pytest
import wagtail_factories

from tests.factories.network import BookletPageFactory, PartnerPageFactory

pytestmark = pytest.mark.django_db

CITATION = "Ferreira, A. & Kovač, M. (2024). Inquiry in practice. STEM PD Net booklet 3."


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Logo renditions made by these tests are written to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def translate(page, locale, title: str):
    """Publish a translation of `page` (and of its parents where missing) titled `title`."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.title = title
    translation.save_revision().publish()
    return translation


@pytest.fixture
def booklet(booklet_index):
    return BookletPageFactory(
        parent=booklet_index,
        title="Inquiry in practice",
        isbn="978-3-16-148410-0",
        doi="10.5281/zenodo.1234567",
        how_to_cite=CITATION,
    )


def test_a_booklet_page_shows_its_isbn_doi_link_and_citation(client, booklet):
    html = client.get(booklet.url).content.decode()
    assert "<dt>ISBN</dt><dd>978-3-16-148410-0</dd>" in html
    assert (
        '<dt>DOI</dt><dd><a href="https://doi.org/10.5281/zenodo.1234567">'
        "10.5281/zenodo.1234567</a></dd>"
    ) in html
    assert '<h2 id="cite-heading">How to cite</h2>' in html
    assert f'<p class="citation">{escape(CITATION)}</p>' in html


def test_the_german_booklet_keeps_the_identifiers_under_german_headings(
    client, booklet, german_home, locales
):
    german = translate(booklet, locales["de"], "Forschendes Lernen in der Praxis")
    html = client.get(german.url).content.decode()
    assert "<dt>ISBN</dt><dd>978-3-16-148410-0</dd>" in html
    assert 'href="https://doi.org/10.5281/zenodo.1234567"' in html
    assert '<h2 id="cite-heading">Zitiervorschlag</h2>' in html


@pytest.fixture
def coordinator(partner_index):
    logo = wagtail_factories.ImageFactory(title="IMST logo")
    return PartnerPageFactory(
        parent=partner_index, title="IMST Klagenfurt", role="coordinator", logo=logo
    )


def test_a_partner_page_shows_its_role_and_its_logo(client, coordinator):
    html = client.get(coordinator.url).content.decode()
    assert "<dt>Role in the network</dt><dd>Coordinator</dd>" in html
    logo = re.search(r'<img [^>]*class="partner__logo"[^>]*>', html)
    assert logo, "no logo on the partner page"
    assert 'alt="IMST logo"' in logo.group(0)
    stem = coordinator.logo.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert re.search(rf'src="/media/images/{re.escape(stem)}\.[^"]+\.png"', logo.group(0))


def test_the_german_partner_page_names_the_role_in_german(
    client, coordinator, german_home, locales
):
    german = translate(coordinator, locales["de"], "IMST Klagenfurt")
    html = client.get(german.url).content.decode()
    assert "<dt>Rolle im Netzwerk</dt><dd>Koordinator</dd>" in html
    assert 'class="partner__logo"' in html
