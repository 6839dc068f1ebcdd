"""Upload limits: images of at most 40 megapixels and 20 MB, documents of at most 50 MB, each
refused with a clear message in the uploader's language; form fields stay within Django's
memory limit."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _png(width: int, height: int, padding: int = 0) -> bytes:
    """A one-bit PNG (tiny however many pixels), optionally followed by `padding` bytes."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, format="PNG")
    return buffer.getvalue() + b"\0" * padding


@pytest.fixture
def german_admin(admin_client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "de"
    profile.save()
    return admin_client


def _add_image(client, content: bytes):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Upload",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("upload.png", content, content_type="image/png"),
        },
    )


def test_an_image_of_more_than_40_megapixels_is_refused_in_the_users_language(german_admin):
    response = _add_image(german_admin, _png(8000, 5001))  # 40,008,000 pixels
    assert response.status_code == 200
    assert "Dieses Bild hat zu viele Pixel (40008000)" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_image_of_40_megapixels_is_accepted(german_admin):
    assert _add_image(german_admin, _png(8000, 5000)).status_code == 302
    assert get_image_model().objects.get().width == 8000


def test_an_image_file_over_20_mb_is_refused_in_the_users_language_and_20_mb_accepted(
    german_admin,
):
    response = _add_image(german_admin, _png(10, 10, padding=20 * MB))
    assert response.status_code == 200
    assert "Die Datei ist zu groß" in response.content.decode()
    assert "20,0" in response.content.decode()
    assert not get_image_model().objects.exists()
    small = _png(10, 10)
    assert _add_image(german_admin, small + b"\0" * (20 * MB - len(small))).status_code == 302


def test_a_document_of_more_than_50_mb_is_refused_in_the_users_language(german_admin):
    def add(size: int):
        content = b"%PDF-1.4\n" + b"\0" * (size - 9)
        return german_admin.post(
            "/admin/documents/add/",
            {
                "title": "Booklet",
                "collection": Collection.get_first_root_node().pk,
                "file": SimpleUploadedFile("booklet.pdf", content, content_type="application/pdf"),
            },
        )

    response = add(50 * MB + 1)
    assert response.status_code == 200
    assert "Die Datei ist zu groß" in response.content.decode()
    assert not get_document_model().objects.exists()
    assert add(50 * MB).status_code == 302


def test_a_form_field_beyond_djangos_memory_limit_is_a_bad_request(admin_client):
    response = admin_client.post("/admin/images/add/", {"title": "x" * (3 * MB)})
    assert response.status_code == 400


def _account(client, avatar: bytes):
    return client.post(
        "/admin/account/",
        {
            "name_email-first_name": "Ada",
            "name_email-last_name": "Admin",
            "name_email-email": "ada@example.org",
            "locale-preferred_language": "de",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
            "avatar-avatar": SimpleUploadedFile("me.png", avatar, content_type="image/png"),
        },
        follow=True,
    )


def test_a_profile_picture_beyond_the_image_limits_is_refused_before_it_is_decoded(
    german_admin, admin_user
):
    html = _account(german_admin, _png(8000, 5001)).content.decode()
    assert "Dieses Bild hat zu viele Pixel (40008000)" in html
    assert not UserProfile.get_for_user(admin_user).avatar
    _account(german_admin, _png(600, 600))
    assert UserProfile.get_for_user(admin_user).avatar
