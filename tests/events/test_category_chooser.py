"""The event editor's category chooser offers the edited page's language, not every language."""

import re

from django.contrib.auth import get_user_model

import pytest

from tests.factories.events import EventCategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories(locales):
    webinar = EventCategoryFactory(name="Webinar", slug="webinar")
    german = webinar.copy_for_translation(locales["de"])
    german.name = "Webinare"
    german.save()
    return webinar


def chooser_titles(client, make_event, locale: str) -> list[str]:
    """What the chooser lists when opened from an editor of a page in `locale`.

    Wagtail's chooser modal sends the editor's content language as `?locale=` (from
    `wagtailConfig.ACTIVE_CONTENT_LOCALE`, which the edit view sets from the page).
    """
    event = make_event()
    editor = client.get(f"/admin/pages/{event.pk}/edit/", follow=True).content.decode()
    assert '"ACTIVE_CONTENT_LOCALE": "en"' in editor
    response = client.get(
        "/admin/snippets/choose/events/eventcategory/", {"locale": locale}, follow=True
    )
    assert response.status_code == 200
    html = response.json()["html"]
    return [name for name in ("Webinar", "Webinare") if re.search(rf">\s*{name}\s*<", html)]


def test_english_editor_chooses_among_english_categories(client, make_event, categories):
    client.force_login(get_user_model().objects.create_superuser("boss", "b@example.org", "pw"))
    assert chooser_titles(client, make_event, "en") == ["Webinar"]


def test_german_editor_chooses_among_german_categories(client, make_event, categories):
    client.force_login(get_user_model().objects.create_superuser("boss", "b@example.org", "pw"))
    assert chooser_titles(client, make_event, "de") == ["Webinare"]
