"""The site's identity: its logo, its own fonts, the home page's hero and the EU emblem beside the
funding acknowledgement in every language."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from django.contrib.staticfiles import finders
from django.utils import translation

import pytest

from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
FUNDING = {
    "en": "Co-funded by the European Union",
    "de": "Kofinanziert von der Europäischen Union",
    "fr": "Cofinancé par l'Union européenne",
    "es": "Cofinanciado por la Unión Europea",
    "it": "Cofinanziato dall'Unione europea",
    "nl": "Medegefinancierd door de Europese Unie",
    "fi": "Euroopan unionin osarahoittama",
    "tr": "Avrupa Birliği tarafından ortak finanse edilmektedir",
}


def emblem_of(body: str) -> ET.Element:
    svg = re.search(r'<svg class="eu-emblem".*?</svg>', body, re.S).group(0)
    return ET.fromstring(svg)  # noqa: S314 (our own rendered page)


@pytest.mark.parametrize("language", sorted(FUNDING))
def test_footer_shows_the_emblem_beside_the_funding_line_in_each_language(
    client, home_page, language
):
    with translation.override(language):
        body = client.get(f"/{language}/", follow=True).content.decode()
    assert FUNDING[language] in body.replace("’", "'")
    emblem = emblem_of(body)
    assert emblem.get("role") == "img" and emblem.get("aria-label")
    rect = emblem.find(f"{SVG}rect")
    assert rect.get("fill").upper() == "#003399"
    path = emblem.find(f"{SVG}path")
    assert path.get("fill").upper() == "#FFCC00"
    assert path.get("d").count("M") == 12


def test_every_page_has_the_logo_with_a_name(client, home_page):
    StandardPageFactory(parent=home_page, title="About", slug="about")
    body = client.get("/en/about/").content.decode()
    logo = re.search(r'<svg class="logo".*?</svg>', body, re.S).group(0)
    assert 'role="img"' in logo and 'aria-label="STEM PD Net"' in logo


def test_fonts_are_served_by_the_site_and_preloaded(client, home_page):
    body = client.get("/en/").content.decode()
    preloads = re.findall(r'<link rel="preload" href="/static/(fonts/[^"]+)" as="font"', body)
    assert len(preloads) == 2
    for name in preloads:
        assert finders.find(name), name
    assert "fonts.googleapis" not in body and "fonts.gstatic" not in body
    css = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    faces = re.findall(r"@font-face \{[^}]+\}", css)
    assert faces and all("font-display: swap" in face for face in faces)
    for face in faces:
        source = re.search(r'url\("\.\./(fonts/[^"]+\.woff2)"\)', face).group(1)
        assert finders.find(source), source
        assert "unicode-range" in face
    # Turkish ş ğ İ are in the extended subset, which every family carries.
    extended = [face for face in faces if "U+0100-02BA" in face]
    assert {re.search(r'font-family: "([^"]+)"', face).group(1) for face in extended} == {
        "Source Sans 3",
        "Source Serif 4",
    }


def test_home_hero_has_a_sized_picture_with_alt_text_and_one_call_to_action(client, home_page):
    body = client.get("/en/").content.decode()
    hero = re.search(r'<section class="hero hero--home".*?</section>', body, re.S).group(0)
    image = re.search(r"<img [^>]+>", hero).group(0)
    assert re.search(r'width="\d+"', image) and re.search(r'height="\d+"', image)
    assert re.search(r'alt="[^"]{20,}"', image)
    buttons = re.findall(r'<a class="button button--cta" href="([^"]+)">([^<]+)</a>', hero)
    assert buttons == [("#newsletter", "Get the newsletter")]
    assert 'id="newsletter"' in body, "the button's target is the footer's sign-up"


def test_editors_choose_where_the_call_to_action_leads(client, home_page):
    target = StandardPageFactory(parent=home_page, title="Join the network", slug="join")
    home_page.cta_page = target
    home_page.cta_label = "Become a member"
    home_page.save_revision().publish()
    body = client.get("/en/").content.decode()
    assert '<a class="button button--cta" href="/en/join/">Become a member</a>' in body
