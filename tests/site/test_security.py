"""Security hardening a visitor or attacker would notice: headers, login throttling, uploads."""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents.models import Document
from wagtail.images.models import Image

import pytest

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def test_pages_carry_a_strict_csp_without_inline_script(client, home_page):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "nonce-" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "<script>" not in response.content.decode().replace("<script src=", "")


def test_the_admin_policy_lets_wagtail_run_but_keeps_other_origins_out(admin_client, home_page):
    """The admin's inline scripts (date pickers, the translation editor) need 'unsafe-inline';
    scripts from other origins, plugins and framing by other sites stay forbidden."""
    response = admin_client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert response.status_code == 200
    directives = {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split("; ")
    }
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert "gravatar.com" not in response.content.decode()  # no third-party avatar requests


def test_documents_are_served_with_a_policy_that_runs_nothing(client, db):
    document = Document(title="Booklet")
    document.file.save("booklet.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_login_is_locked_after_five_failures(client, db):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "right-password-1")
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "editor", "password": "right-password-1"})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_a_successful_login_is_not_throttled(client, db):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "right-password-1")
    client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    client.post("/admin/login/", {"username": "editor", "password": "right-password-1"})
    assert client.get("/admin/").status_code == 200


def test_svg_image_uploads_are_refused(admin_client):
    upload = SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml")
    response = admin_client.post("/admin/images/add/", {"title": "Logo", "file": upload})
    assert response.status_code == 200
    assert "Not a supported image format" in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "script.js"])
def test_document_uploads_that_browsers_could_run_are_refused(admin_client, name):
    upload = SimpleUploadedFile(name, b"<script>alert(1)</script>", content_type="text/html")
    response = admin_client.post("/admin/documents/add/", {"title": "Evil", "file": upload})
    assert response.status_code == 200
    assert not Document.objects.exists()
