"""Images and documents are shared by every language: a partner translator never edits or deletes
one someone else uploaded, through any admin screen (edit, delete, the multiple-upload editor,
bulk actions). Staff may, which shows each request below is one that would change the file if
the rights allowed it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

import pytest

from translation.groups import setup_translator_groups, staff_group_name

pytestmark = pytest.mark.django_db

SHARED_TITLE = "Network logo"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Files made by these tests are written to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(home_page, german_home):
    """A German translator and a member of communications staff, as `setup_translator_groups`
    makes them (translators' work goes to review)."""
    report = setup_translator_groups(can_publish=False)
    model = get_user_model()
    anna = model.objects.create_user("anna", "anna@example.org", "pw-123456789")
    anna.groups.add(report.translator_groups["de"])
    carla = model.objects.create_user("carla", "carla@example.org", "pw-123456789")
    carla.groups.add(Group.objects.get(name=staff_group_name()))
    return {"translator": anna, "staff": carla}


@pytest.fixture
def shared_image():
    """An image in the root collection, uploaded by nobody the tests log in as."""
    return get_image_model().objects.create(title=SHARED_TITLE, file=get_test_image_file())


@pytest.fixture
def shared_document():
    """A document in the root collection, uploaded by nobody the tests log in as."""
    document = Document(title=SHARED_TITLE)
    document.file.save("network.pdf", ContentFile(b"%PDF-1.4 shared"), save=False)
    document.save()
    return document


def signed_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def root_collection_id() -> int:
    return Collection.get_first_root_node().pk


def edit_image(client: Client, image) -> int:
    return client.post(
        f"/admin/images/{image.pk}/",
        {"title": "Changed", "collection": root_collection_id(), "tags": ""},
    ).status_code


def edit_image_in_multiple_editor(client: Client, image) -> int:
    prefix = f"image-{image.pk}-"
    return client.post(
        f"/admin/images/multiple/{image.pk}/",
        {f"{prefix}title": "Changed", f"{prefix}collection": root_collection_id()},
    ).status_code


def edit_document(client: Client, document) -> int:
    return client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "Changed", "collection": root_collection_id(), "tags": ""},
    ).status_code


def edit_document_in_multiple_editor(client: Client, document) -> int:
    prefix = f"doc-{document.pk}-"
    return client.post(
        f"/admin/documents/multiple/{document.pk}/",
        {f"{prefix}title": "Changed", f"{prefix}collection": root_collection_id()},
    ).status_code


def tag_in_bulk(client: Client, obj) -> int:
    app, model = obj._meta.app_label, obj._meta.model_name
    return client.post(
        f"/admin/bulk/{app}/{model}/add_tags/?id={obj.pk}", {"tags": "changed"}
    ).status_code


EDITS = {
    "image": [edit_image, edit_image_in_multiple_editor, tag_in_bulk],
    "document": [edit_document, edit_document_in_multiple_editor, tag_in_bulk],
}
DELETES = {
    "image": ["/admin/images/{pk}/delete/", "/admin/images/multiple/{pk}/delete/"],
    "document": ["/admin/documents/delete/{pk}/", "/admin/documents/multiple/{pk}/delete/"],
}
BULK_DELETE = {
    "image": "/admin/bulk/wagtailimages/image/delete/?id={pk}",
    "document": "/admin/bulk/wagtaildocs/document/delete/?id={pk}",
}


def unchanged(obj) -> bool:
    fresh = type(obj).objects.get(pk=obj.pk)
    return fresh.title == SHARED_TITLE and not fresh.tags.exists()


@pytest.fixture(params=["image", "document"])
def shared(request):
    """The shared file under test and its kind."""
    return request.param, request.getfixturevalue(f"shared_{request.param}")


@pytest.mark.parametrize("edit_index", [0, 1, 2], ids=["edit", "multiple-editor", "bulk-tags"])
def test_a_translator_cannot_edit_a_shared_file(people, shared, edit_index):
    kind, obj = shared
    edit = EDITS[kind][edit_index]
    status = edit(signed_in(people["translator"]), obj)
    assert status < 500
    assert unchanged(obj), f"a translator changed a shared {kind} with {edit.__name__}"


@pytest.mark.parametrize("edit_index", [0, 1, 2], ids=["edit", "multiple-editor", "bulk-tags"])
def test_staff_can_edit_a_shared_file_the_same_way(people, shared, edit_index):
    kind, obj = shared
    EDITS[kind][edit_index](signed_in(people["staff"]), obj)
    assert not unchanged(obj)


@pytest.mark.parametrize("which", [0, 1], ids=["delete", "multiple-editor-delete"])
def test_a_translator_cannot_delete_a_shared_file(people, shared, which):
    kind, obj = shared
    client = signed_in(people["translator"])
    url = DELETES[kind][which].format(pk=obj.pk)
    assert client.get(url).status_code in {302, 403, 405}
    assert client.post(url).status_code < 500
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_a_translator_cannot_delete_a_shared_file_in_bulk(people, shared):
    kind, obj = shared
    response = signed_in(people["translator"]).post(BULK_DELETE[kind].format(pk=obj.pk))
    assert response.status_code < 500
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("which", [0, 1], ids=["delete", "multiple-editor-delete"])
def test_staff_can_delete_a_shared_file_the_same_way(people, shared, which):
    kind, obj = shared
    signed_in(people["staff"]).post(DELETES[kind][which].format(pk=obj.pk))
    assert not type(obj).objects.filter(pk=obj.pk).exists()


def test_staff_can_delete_a_shared_file_in_bulk(people, shared):
    kind, obj = shared
    signed_in(people["staff"]).post(BULK_DELETE[kind].format(pk=obj.pk))
    assert not type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("kind", ["image", "document"])
def test_a_translator_may_still_open_the_chooser(people, kind):
    """What translators need for per-language PDFs and pictures stays open to them."""
    response = signed_in(people["translator"]).get(f"/admin/{kind}s/chooser/")
    assert response.status_code == 200


@pytest.mark.parametrize("kind", ["image", "document"])
def test_a_translator_may_upload_their_languages_file_through_the_chooser(people, kind):
    """The German PDF of a booklet or a picture with German text: uploaded where it is chosen."""
    upload = {
        "image": SimpleUploadedFile("de.png", get_test_image_file().file.getvalue()),
        "document": SimpleUploadedFile("booklet-de.pdf", b"%PDF-1.4 Deutsch"),
    }[kind]
    prefix = f"{kind}-chooser-upload"
    response = signed_in(people["translator"]).post(
        f"/admin/{kind}s/chooser/create/",
        {
            f"{prefix}-title": "Deutsche Fassung",
            f"{prefix}-file": upload,
            f"{prefix}-collection": root_collection_id(),
            f"{prefix}-tags": "",
        },
    )
    assert response.status_code == 200
    model = get_image_model() if kind == "image" else Document
    uploaded = model.objects.get(title="Deutsche Fassung")
    assert uploaded.uploaded_by_user == people["translator"]
