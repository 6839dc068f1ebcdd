"""A translated string longer than its field allows is refused with the limit, never stored.

wagtail-localize copies a translated title into the page's `draft_title` as soon as it is
saved: on PostgreSQL a 300-character title was a 500, on SQLite a title no later save could
keep. The translation editor sends each string as multipart `FormData`; hand-made requests
may send it form-encoded; a PO upload brings many strings at once.
"""

from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import MULTIPART_CONTENT, encode_multipart

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

import polib
import pytest

from network.models import PartnerContact, PartnerPage
from tests.factories.network import PartnerPageFactory
from tests.translation.conftest import translate_all
from tests.translation.test_review import translation_of
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db

BOUNDARY = "stringedit"


@pytest.fixture
def partner_translation(home_page, german_home, locales, make_user):
    """A partner page with a contact, sent into German; the German translator signed in."""
    partner = PartnerPageFactory(parent=home_page, title="Science Centre", slug="science")
    PartnerContact.objects.create(page=partner, name="Ada", role="Director", locale=partner.locale)
    partner.save_revision().publish()
    translate_all(partner, locales["de"])
    client = Client()
    client.force_login(make_user("anna", setup_translator_groups().translator_groups["de"]))
    return client, translation_of(partner, locales["de"])


def _url(translation, path: str) -> str:
    segments = StringSegment.objects.filter(source=translation.source)
    segment = segments.filter(context__path__startswith=path).order_by("pk").first()
    return f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"


def _put_as_the_editor(client: Client, url: str, value: str):
    body = encode_multipart(BOUNDARY, {"value": value})
    return client.put(url, body, content_type=f"multipart/form-data; boundary={BOUNDARY}")


def _put_form_encoded(client: Client, url: str, value: str):
    return client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )


def _german_draft_title(translation) -> str:
    return Page.objects.get(
        translation_key=translation.source.object_id, locale=translation.target_locale
    ).draft_title


@pytest.mark.parametrize("put", [_put_as_the_editor, _put_form_encoded])
def test_a_title_longer_than_a_page_title_may_be_is_refused_with_the_limit(
    partner_translation, put
):
    client, translation = partner_translation
    before = _german_draft_title(translation)
    stored = list(StringTranslation.objects.values_list("pk", "data"))
    response = put(client, _url(translation, "title"), "Ü" * 300)
    assert response.status_code == 400
    assert "at most 255 characters (it has 300)" in response.content.decode()
    assert list(StringTranslation.objects.values_list("pk", "data")) == stored
    assert _german_draft_title(translation) == before


def test_a_title_at_the_limit_is_kept_and_becomes_the_draft_title(partner_translation):
    client, translation = partner_translation
    response = _put_as_the_editor(client, _url(translation, "title"), "Ü" * 255)
    assert response.status_code in (200, 201)
    assert _german_draft_title(translation) == "Ü" * 255


def test_an_inline_childs_field_has_its_own_limit(partner_translation):
    client, translation = partner_translation
    url = _url(translation, "contacts.")
    segment_path = StringSegment.objects.get(pk=url.split("/")[-3]).context.path
    field = segment_path.rsplit(".", 1)[1]
    assert field in {"name", "role"}
    limit = PartnerContact._meta.get_field(field).max_length
    assert _put_as_the_editor(client, url, "x" * (limit + 1)).status_code == 400
    assert _put_as_the_editor(client, url, "x" * limit).status_code in (200, 201)


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("", "application/x-www-form-urlencoded"),
        ("other=1", "application/x-www-form-urlencoded"),
        ("--broken", f"multipart/form-data; boundary={BOUNDARY}"),
        ("garbage", MULTIPART_CONTENT),
    ],
)
def test_a_put_without_a_value_is_a_400_with_text(partner_translation, body, content_type):
    client, translation = partner_translation
    response = client.put(_url(translation, "title"), body, content_type=content_type)
    assert response.status_code == 400
    assert "value" in response.content.decode()
    assert PartnerPage.objects.count() == 2  # nothing created or lost


def test_a_po_upload_with_a_title_too_long_says_so_and_stores_nothing(partner_translation):
    client, translation = partner_translation
    before = _german_draft_title(translation)
    stored = list(StringTranslation.objects.values_list("pk", "data"))
    base = f"/admin/localize/translate/{translation.pk}/pofile/"
    po = polib.pofile(client.get(f"{base}download/").content.decode())
    (title,) = [entry for entry in po if entry.msgctxt == "title"]
    title.msgstr = "Ü" * 300
    upload = SimpleUploadedFile("de.po", str(po).encode(), content_type="text/x-gettext")
    response = client.post(f"{base}upload/", {"file": upload, "next": "/admin/"}, follow=True)
    assert response.status_code == 200
    assert "at most 255 characters (it has 300)" in response.content.decode()
    assert list(StringTranslation.objects.values_list("pk", "data")) == stored
    assert _german_draft_title(translation) == before
