"""Translators work in their own language: the labels of our blocks, and the strings of
wagtail-localize's editor its own catalogues lack in some of our languages, come from ours."""

import html
import json
import re
from datetime import UTC, datetime

from django.urls import reverse
from django.utils import translation

from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment

import pytest
import time_machine

from home.blocks import BodyStreamBlock
from newsletters.blocks import NewsletterStreamBlock
from tests.factories.home import StandardPageFactory
from tests.translation.conftest import start_translation, translate_first
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "paragraph", "heading"),
    [("de", "Absatz", "Überschrift"), ("fr", "Paragraphe", "Titre"), ("tr", "Paragraf", "Başlık")],
)
def test_block_names_read_in_the_editors_language(language, paragraph, heading):
    with translation.override(language):
        for stream in (BodyStreamBlock(), NewsletterStreamBlock()):
            assert str(stream.child_blocks["paragraph"].label) == paragraph
            assert str(stream.child_blocks["heading"].label) == heading


def test_wagtail_localize_strings_its_catalogue_lacks_come_from_ours():
    with translation.override("tr"):
        assert translation.gettext("Translated manually on {date}") == (
            "{date} tarihinde elle çevrildi"
        )
    with translation.override("fi"):
        assert translation.gettext("Source title") == "Lähteen otsikko"


def test_the_translation_editors_browser_strings_include_ours(client, django_user_model):
    user = django_user_model.objects.create_superuser("tuna", "tuna@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "tr"
    profile.save()
    client.force_login(user)
    catalogue = client.get("/admin/jsi18n/").content.decode()
    assert "E\\u015fitlenen \\u00e7eviriyi durdur" in catalogue or (
        "Eşitlenen çeviriyi durdur" in catalogue
    )


@pytest.fixture
def german_editor(client, home_page, german_home, locales, make_user):
    """A German translator with a German admin, at the editor of a news item translated in part
    on 3 June 2026."""
    groups = setup_translator_groups(can_publish=False)
    anna = make_user("anna", groups.translator_groups["de"])
    profile = UserProfile.get_for_user(anna)
    profile.preferred_language = "de"
    profile.save()
    page = StandardPageFactory(parent=home_page, title="Network meeting", slug="meeting")
    translation = start_translation(page, locales["de"])
    with time_machine.travel(datetime(2026, 6, 3, 10, 0, tzinfo=UTC)):
        translate_first(translation, 1)
    client.force_login(anna)
    german = page.get_translation(locales["de"])
    return {"client": client, "translation": translation, "german": german}


def test_the_note_under_a_translated_string_is_dated_in_the_translators_language(german_editor):
    page = german_editor["client"].get(f"/admin/pages/{german_editor['german'].pk}/edit/")
    props = re.search(r'class="js-translation-editor" data-props="([^"]+)"', page.content.decode())
    strings = json.loads(html.unescape(props[1]))["initialStringTranslations"]
    assert [string["comment"] for string in strings] == ["Manuell übersetzt am 3. Juni 2026"]


def test_a_string_just_saved_is_dated_in_the_translators_language(german_editor):
    translation = german_editor["translation"]
    segment = StringSegment.objects.filter(source=translation.source).order_by("order").last()
    with time_machine.travel(datetime(2026, 12, 7, 10, 0, tzinfo=UTC)):
        response = german_editor["client"].put(
            reverse("stempd_localize:edit_string", args=[translation.pk, segment.pk]),
            "value=Neuer+Text",
            content_type="application/x-www-form-urlencoded",
        )
    assert response.status_code in (200, 201), response.content
    assert response.json()["comment"] == "Manuell übersetzt am 7. Dezember 2026"


def test_only_translators_editors_hide_the_links_to_the_picture_editor(
    german_editor, client, make_user
):
    """Translators may not edit shared pictures (the allow-list refuses it), so their editor
    marks itself for the stylesheet that hides wagtail-localize's "Edit this image" links."""
    german = german_editor["german"]
    translator_page = german_editor["client"].get(f"/admin/pages/{german.pk}/edit/")
    assert 'class="js-translation-editor"' in translator_page.content.decode()
    assert " data-translator" in translator_page.content.decode()
    client.force_login(make_user("carla", setup_translator_groups().staff_group))
    staff_page = client.get(f"/admin/pages/{german.pk}/edit/").content.decode()
    assert 'class="js-translation-editor"' in staff_page
    assert " data-translator" not in staff_page
