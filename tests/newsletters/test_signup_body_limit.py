"""The public sign-up endpoint refuses file parts and large bodies before reading them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler

import pytest

from newsletters.models import ConsentRecord, Subscriber

from .test_signup import SIGNUP, form_data

pytestmark = pytest.mark.django_db

OPENED: list[str] = []


class RecordingTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's own temp-file handler, noting each file it starts writing to disk."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        OPENED.append(self.file_name)


@pytest.fixture
def watched_uploads(settings):
    OPENED.clear()
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.RecordingTemporaryFileUploadHandler"]
    return OPENED


def test_a_multipart_post_with_a_large_file_part_is_refused_unread(
    client, home_page, topics, watched_uploads
):
    data = {**form_data(), "attachment": SimpleUploadedFile("big.bin", b"\0" * 3 * 1024 * 1024)}
    response = client.post(SIGNUP, data)
    assert response.status_code == 413
    assert "files are not accepted" in response.content.decode()
    assert watched_uploads == []  # no temp file was written
    assert not ConsentRecord.objects.exists() and not Subscriber.objects.exists()


def test_a_small_multipart_post_with_a_file_part_is_refused_too(
    client, home_page, topics, watched_uploads
):
    data = {**form_data(), "attachment": SimpleUploadedFile("x.txt", b"hello")}
    assert client.post(SIGNUP, data).status_code == 413
    assert watched_uploads == [] and not Subscriber.objects.exists()


def test_a_form_body_over_a_few_kilobytes_is_refused(client, home_page, topics):
    body = "email=a%40example.org&language=en&consent=on&website=&padding=" + "x" * 10_000
    response = client.post(SIGNUP, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert not Subscriber.objects.exists()


def test_an_ordinary_signup_is_still_accepted(client, home_page, topics):
    body = "email=a%40example.org&language=en&consent=on&website="
    response = client.post(SIGNUP, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 303
    assert Subscriber.objects.count() == 1
