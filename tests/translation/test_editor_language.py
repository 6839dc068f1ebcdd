"""Translators work in their own language: the labels of our blocks, and the strings of
wagtail-localize's editor its own catalogues lack in some of our languages, come from ours."""

from django.utils import translation

from wagtail.users.models import UserProfile

import pytest

from home.blocks import BodyStreamBlock
from newsletters.blocks import NewsletterStreamBlock

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
