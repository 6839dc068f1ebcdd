"""Server-side hyphenation: long words in headings and card titles carry soft hyphens in the
page's language; page titles, meta tags and addresses stay as written."""

import re

from django.template import Context, Template
from django.utils import translation

import pytest

from home.hyphenation import SOFT_HYPHEN, hyphenate
from tests.factories.network import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

SHY = SOFT_HYPHEN


def test_german_compounds_break_between_syllables():
    assert hyphenate("Fortbildungszentren", "de") == f"Fort{SHY}bil{SHY}dungs{SHY}zen{SHY}tren"


@pytest.mark.parametrize(
    ("language", "word", "expected"),
    [
        ("fi", "Opettajankoulutuksen", "Opet-ta-jan-kou-lu-tuk-sen"),
        ("tr", "Öğretmenlerinin", "Öğ-ret-men-le-ri-nin"),
        ("tr", "Sürdürülebilirlik", "Sür-dü-rü-le-bi-lir-lik"),
    ],
)
def test_finnish_and_turkish_break_before_the_consonant_that_opens_a_syllable(
    language, word, expected
):
    assert hyphenate(word, language).replace(SHY, "-") == expected


def test_short_words_urls_and_addresses_are_left_alone():
    text = "Network news https://example.org/en/calendarfeedaddress.ics info@netzwerkzentren.eu"
    assert hyphenate(text, "de") == text


def test_filter_escapes_and_keeps_markup_intact():
    rendered = Template("{% load typography %}{{ title|soft_hyphens:'de' }}").render(
        Context({"title": "<b>Fortbildungszentren</b> & Co"})
    )
    assert rendered == f"&lt;b&gt;Fort{SHY}bil{SHY}dungs{SHY}zen{SHY}tren&lt;/b&gt; &amp; Co"


def test_calendar_address_breaks_only_at_slashes_and_dots():
    rendered = Template("{% load typography %}{{ url|url_breaks }}").render(
        Context({"url": "https://example.org/en/calendar.ics"})
    )
    assert rendered == "https://example<wbr>.org/<wbr>en/<wbr>calendar<wbr>.ics"


def test_news_page_hyphenates_its_heading_but_not_its_title_or_meta(client, home_page, locales):
    index = NewsIndexPageFactory(parent=home_page)
    news = NewsPageFactory(parent=index, title="Fortbildungszentren im Netzwerk")
    german = news.copy_for_translation(locales["de"], copy_parents=True)
    german.save_revision().publish()
    with translation.override("de"):
        body = client.get(german.url).content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", body, re.S).group(1)
    assert heading == f"Fort{SHY}bil{SHY}dungs{SHY}zen{SHY}tren im Netzwerk"
    head = body.split("</head>")[0]
    assert "Fortbildungszentren im Netzwerk" in re.search(r"<title>(.*?)</title>", head).group(1)
    assert SHY not in head
    for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S):
        assert SHY not in script and "\\u00ad" not in script
