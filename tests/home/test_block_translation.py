"""Partners translate body blocks in wagtail-localize; every block survives the round trip."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management.base import OutputWrapper

from wagtail_localize.models import StringSegment, TranslationSource

import pytest
import wagtail_factories

from demo.builders import DemoContext, ensure_translation

pytestmark = pytest.mark.django_db

TABLE = {
    "caption": "Centres per country",
    "columns": [
        {"type": "text", "heading": "Country"},
        {"type": "number", "heading": "Centres"},
        {"type": "rich_text", "heading": "Notes"},
    ],
    "rows": [{"values": ["Germany", "6", "<p>Founded <b>2014</b></p>"]}],
}


# Saved from the editor, list items carry an id; wagtail-localize needs it to track segments.
QUESTION = {
    "type": "item",
    "id": "0d6a4b1e-2f57-4a9c-9d1e-3c1b2a4f5e60",
    "value": {"question": "Q?", "answer": "<p>A</p>"},
}


@pytest.fixture
def context():
    user = get_user_model().objects.create_superuser("translator", "t@example.org", "pw")
    return DemoContext(stdout=OutputWrapper(StringIO()), user=user)


def test_table_strings_are_offered_to_translators(page_with_body):
    page = page_with_body([("table", {"table": TABLE, "first_column_is_header": True})])
    source, _created = TranslationSource.get_or_create_from_instance(page)
    strings = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )
    assert {"Centres per country", "Country", "Centres", "Notes", "Germany"} <= strings
    assert "Founded <b>2014</b>" in strings
    assert "6" not in strings


def test_translated_table_shows_the_translated_strings(
    client, context, page_with_body, german_home, locales
):
    page = page_with_body([("table", {"table": TABLE, "first_column_is_header": True})])
    german = ensure_translation(
        context,
        page,
        locales["de"],
        {
            "Centres per country": "Zentren je Land",
            "Country": "Land",
            "Germany": "Deutschland",
            "Founded <b>2014</b>": "Gegründet <b>2014</b>",
        },
    )
    html = client.get(german.url).content.decode()
    assert "<caption>Zentren je Land</caption>" in html
    assert '<th scope="col" class="cell--text">Land</th>' in html
    assert '<th scope="row">Deutschland</th>' in html
    assert "Gegründet <b>2014</b>" in html
    assert '<td class="cell--number">6</td>' in html


def test_every_body_block_survives_translation(
    client, context, page_with_body, german_home, locales, home_page
):
    image = wagtail_factories.ImageFactory()
    page = page_with_body(
        [
            ("heading", {"text": "Aims", "level": "h2"}),
            ("paragraph", "<p>Text</p>"),
            ("image", {"image": {"image": image.pk, "alt_text": "A photo"}, "caption": "Cap"}),
            ("quote", {"text": "Quote", "attribution": "Someone"}),
            ("call_to_action", {"label": "Go", "page": home_page.pk, "text": "Why"}),
            ("embed", {"embed": "https://example.org/video", "caption": "Video"}),
            ("table", {"table": TABLE, "first_column_is_header": False}),
            ("accordion", {"heading": "FAQ", "questions": [QUESTION]}),
        ]
    )
    german = ensure_translation(
        context,
        page,
        locales["de"],
        {"Aims": "Ziele", "A photo": "Ein Foto", "Q?": "F?", "Go": "Los"},
    )
    html = client.get(german.url).content.decode()
    assert "<h2>Ziele</h2>" in html
    assert 'alt="Ein Foto"' in html
    assert "<summary>F?</summary>" in html
    assert 'href="/de/">Los</a>' in html
