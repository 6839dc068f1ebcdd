"""A preview of an invalid or hand-made form answers 400 with the errors, never 500 (issue 13,
item 7), for the German translator on their own pages and for staff on the views only they open."""

import json

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from tests.factories.network import NewsIndexPageFactory
from tests.translation.conftest import translate_all
from translation.groups import setup_translator_groups, staff_group_name

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(home_page, german_home, make_user) -> Client:
    report = setup_translator_groups()
    client = Client()
    client.force_login(make_user("anna", report.translator_groups["de"]))
    return client


@pytest.fixture
def staff(home_page, german_home, make_user) -> Client:
    """Communications staff: they open the page-adding, copying and link-choosing views that
    translators are refused (see `tests/translation/test_allowlist.py`)."""
    setup_translator_groups()
    client = Client()
    client.force_login(make_user("carla", Group.objects.get(name=staff_group_name())))
    return client


def test_preview_of_a_page_posted_with_only_a_title_answers_400_with_the_errors(
    translator, german_home
):
    response = translator.post(f"/admin/pages/{german_home.pk}/edit/preview/", {"title": "x"})
    assert response.status_code == 400
    payload = json.loads(response.content)
    assert payload["is_valid"] is False
    assert "body" in payload["errors"]
    assert "incomplete" in payload["errors"]["body"][0]


def test_preview_of_a_new_page_with_malformed_blocks_answers_400(
    staff, home_page, german_home, locales
):
    german_news = translate_all(NewsIndexPageFactory(parent=home_page), locales["de"])
    url = f"/admin/pages/add/network/newspage/{german_news.pk}/preview/"
    response = staff.post(url, {"title": "x", "body-count": "many"})
    assert response.status_code == 400
    assert "body" in json.loads(response.content)["errors"]


def test_saving_a_page_posted_with_only_a_title_shows_the_form_again(translator, german_home):
    response = translator.post(f"/admin/pages/{german_home.pk}/edit/", {"title": "x"})
    assert response.status_code == 200
    assert "incomplete or malformed" in response.content.decode()


def test_a_valid_preview_still_answers_200(translator, german_home):
    edit = translator.get(f"/admin/pages/{german_home.pk}/edit/")
    form = edit.context["form"]
    data = {name: form[name].value() for name in ("title", "slug")}
    data.update({"body-count": "0", "intro": ""})
    response = translator.post(f"/admin/pages/{german_home.pk}/edit/preview/", data)
    assert response.status_code == 200, response.content
    assert json.loads(response.content)["is_valid"] is True


# --- Other hand-made requests the permissions matrix found answering 500 ---------------------


@pytest.fixture
def german_footer(locales):
    from home.models import FooterText

    footer = FooterText.objects.create(body="<p>Kontakt</p>", locale=locales["de"], live=False)
    footer.save_revision().publish()
    return footer


def test_preview_of_a_snippet_with_rich_text_that_is_not_draftail_json_answers_400(
    translator, german_footer
):
    url = f"/admin/snippets/home/footertext/preview/{german_footer.pk}/"
    response = translator.post(url, {"body": "<p>Hacked</p>"})
    assert response.status_code == 400
    assert "body" in json.loads(response.content)["errors"]


def test_saving_a_snippet_with_rich_text_that_is_not_draftail_json_shows_the_form_again(
    translator, german_footer
):
    url = f"/admin/snippets/home/footertext/edit/{german_footer.pk}/"
    response = translator.post(url, {"body": "<p>Hacked</p>"})
    assert response.status_code == 200
    assert "incomplete or malformed" in response.content.decode()


@pytest.mark.parametrize("role", ["editor", "translator"])
@pytest.mark.parametrize("forged_id", [None, "not-an-id"])
def test_a_comment_formset_promising_rows_it_lacks_answers_400_and_stores_nothing(
    role, forged_id, translator, german_home, make_user
):
    """The request test_fuzz_admin found answering 500: comments-INITIAL_FORMS=1, no row."""
    from wagtail.models import Comment, Revision

    client = translator
    if role == "editor":
        client = Client()
        client.force_login(make_user("carla", setup_translator_groups().staff_group))
    german_home.refresh_from_db()
    before = (german_home.title, german_home.live_revision_id, german_home.latest_revision_id)
    revisions = Revision.objects.count()
    form = {
        "title": "Forged",
        "slug": german_home.slug,
        "intro": "",
        "body-count": "0",
        "comments-TOTAL_FORMS": "1",
        "comments-INITIAL_FORMS": "1",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    if forged_id is not None:
        form["comments-0-id"] = forged_id
    response = client.post(f"/admin/pages/{german_home.pk}/edit/", form)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "incomplete or altered" in response.content.decode()
    german_home.refresh_from_db()
    assert (german_home.title, german_home.live_revision_id, german_home.latest_revision_id) == (
        before
    )
    assert Revision.objects.count() == revisions
    assert not Comment.objects.exists()


def test_copying_a_page_without_a_destination_answers_400(staff, german_home):
    response = staff.post(f"/admin/pages/{german_home.pk}/copy/", {"new_title": "x"})
    assert response.status_code == 400


def test_the_external_link_chooser_without_a_url_shows_the_form_again(staff):
    response = staff.post("/admin/choose-external-link/", {"link_text": "x"})
    assert response.status_code == 200
    assert json.loads(response.content)["step"] == "external_link"


def test_uploading_no_po_file_says_so(translator, home_page, locales):
    from wagtail_localize.models import Translation

    from tests.factories.home import StandardPageFactory

    translate_all(StandardPageFactory(parent=home_page, slug="team"), locales["de"])
    translation = Translation.objects.get(target_locale=locales["de"])
    url = f"/admin/localize/translate/{translation.pk}/pofile/upload/"
    response = translator.post(url, {"next": "0"})
    assert response.status_code == 302
    junk = SimpleUploadedFile("de.po", b'msgid "a"\nmsgstr "b"\n')
    response = translator.post(url, {"file": junk, "next": "/admin/"}, follow=True)
    assert response.status_code == 200
    assert "Please upload a valid PO file." in response.content.decode()
