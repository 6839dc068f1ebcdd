"""A partner translator opens only the admin views on the allow-list: the doors nobody listed
(bulk actions, the admin API's actions, snippet history, reports, other pages' previews) answer
403, and what they may open shows only their language's live, public work.

The walk over every admin URL is in `tests/site/test_permissions_matrix.py`; these are the
attacks a translator was seen to make, each with the data it must leave alone.
"""

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, PageViewRestriction, Revision
from wagtail_localize.models import Translation

import pytest

from tests.factories.home import StandardPageFactory
from tests.factories.network import NewsIndexPageFactory, NewsPageFactory, PersonFactory
from tests.site import admin_matrix
from tests.translation.conftest import translate_all
from translation import review
from translation.allowlist import SNIPPET_ACTIONS, TRANSLATOR_VIEWS
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db

ENGLISH_DRAFT = "Unpublished English headline"
PRIVATE = "Board minutes"


@pytest.fixture
def world(home_page, german_home, locales, make_user):
    french_home = home_page.copy_for_translation(locales["fr"])
    french_home.save_revision().publish()
    report = setup_translator_groups(can_publish=False)
    staff_user = make_user("carla", report.staff_group)
    news_index = NewsIndexPageFactory(parent=home_page)
    news = NewsPageFactory(parent=news_index, title="Network meeting")
    translate_all(news_index, locales["de"], staff_user)
    translate_all(news_index, locales["fr"], staff_user)
    german = translate_all(news, locales["de"], staff_user)
    french = translate_all(news, locales["fr"], staff_user)
    news.title = ENGLISH_DRAFT
    news.save_revision()
    private = StandardPageFactory(parent=home_page, title=PRIVATE, slug="board")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    person = PersonFactory(locale=locales["en"], name="Doris")
    french_person = person.copy_for_translation(locales["fr"])
    french_person.name = "Personne française"
    french_person.save()
    french_person.save_revision()
    translator_user = make_user("anna", report.translator_groups["de"])
    french_translation = Translation.objects.get(
        source__object_id=news.translation_key, target_locale=locales["fr"]
    )
    review.submit_translation_for_review(french_translation, staff_user)
    translator, staff = Client(), Client()
    translator.force_login(translator_user)
    staff.force_login(staff_user)
    return {
        "translator": translator,
        "staff": staff,
        "german": german,
        "french": french,
        "french_person": french_person,
    }


def test_every_allow_listed_view_is_a_url_the_admin_has():
    """A renamed or removed upstream view shows up here instead of leaving a stale grant."""
    routes = {route.route for route in admin_matrix.admin_routes()}
    names = {route.name for route in admin_matrix.admin_routes()}
    stale = [key for key in TRANSLATOR_VIEWS if key not in names and key not in routes]
    assert not stale
    assert set(SNIPPET_ACTIONS) <= {name.rsplit(":", 1)[-1] for name in names}


def test_bulk_delete_of_their_own_draft_translation_is_refused(world):
    german = world["german"]
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    response = world["translator"].post(f"{url}?id={german.pk}", {})
    assert response.status_code == 403
    assert Page.objects.filter(pk=german.pk).exists()


def test_bulk_move_is_refused(world):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"])
    response = world["translator"].get(f"{url}?id={world['german'].pk}")
    assert response.status_code == 403
    assert "verschieben" not in response.content.decode().lower()


def test_the_admin_apis_delete_action_is_refused(world):
    german = world["german"]
    response = world["translator"].post(f"/admin/api/main/pages/{german.pk}/action/delete/")
    assert response.status_code == 403
    assert Page.objects.filter(pk=german.pk).exists()


def test_bulk_delete_listing_does_not_name_other_languages_drafts(world):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    ids = "&".join(f"id={page.pk}" for page in (world["french"], world["german"]))
    body = world["translator"].get(f"{url}?{ids}").content.decode()
    assert ENGLISH_DRAFT not in body
    assert world["french"].title not in body


@pytest.mark.parametrize("action", ["history", "usage", "revisions_view", "revisions_compare"])
def test_a_french_snippets_history_and_revisions_are_refused(world, action):
    person = world["french_person"]
    revision = Revision.objects.for_instance(person).latest("pk")
    args = {
        "history": [person.pk],
        "usage": [person.pk],
        "revisions_view": [person.pk, revision.pk],
        "revisions_compare": [person.pk, "earliest", "latest"],
    }[action]
    response = world["translator"].get(
        reverse(f"wagtailsnippets_network_person:{action}", args=args)
    )
    assert response.status_code == 403
    assert "Personne française" not in response.content.decode()


def test_the_workflow_preview_of_a_french_draft_is_refused(world):
    french = world["french"]
    task_state = french.current_workflow_task_state
    assert task_state is not None
    url = reverse("wagtailadmin_pages:workflow_preview", args=[french.pk, task_state.task_id])
    response = world["translator"].get(url)
    assert response.status_code == 403
    assert world["staff"].get(url).status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:workflow",
        "wagtailadmin_reports:workflow_tasks",
        "wagtailadmin_reports:aging_pages",
        "wagtailadmin_reports:locked_pages",
        "wagtailadmin_explore_root",
    ],
)
def test_whole_site_reports_and_listings_are_refused(world, name):
    response = world["translator"].get(reverse(name))
    assert response.status_code == 403
    assert world["staff"].get(reverse(name)).status_code == 200


def test_the_status_report_shows_translators_only_live_public_sources(world):
    for url in (reverse("translation_matrix"), reverse("translation_matrix_csv")):
        body = world["translator"].get(url).content.decode()
        assert "Network meeting" in body  # the live title of the news item
        assert ENGLISH_DRAFT not in body
        assert PRIVATE not in body
        staff_body = world["staff"].get(url).content.decode()
        assert ENGLISH_DRAFT in staff_body and PRIVATE in staff_body


def test_the_translators_menu_offers_only_what_they_may_open(world, german_home):
    body = world["translator"].get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("translation_matrix") in body
    assert reverse("wagtailadmin_explore", args=[german_home.pk]) in body
    for refused in (
        "wagtailadmin_reports:site_history",
        "wagtailimages:index",
        "wagtailsnippets:index",
    ):
        assert reverse(refused) not in body
    staff_body = world["staff"].get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_reports:site_history") in staff_body


def test_their_own_pages_stay_open(world, german_home):
    german = world["german"]
    translator = world["translator"]
    assert translator.get(reverse("wagtailadmin_pages:edit", args=[german.pk])).status_code == 200
    assert translator.get(reverse("wagtailadmin_explore", args=[german_home.pk])).status_code == 200
    french_edit = reverse("wagtailadmin_pages:edit", args=[world["french"].pk])
    assert translator.get(french_edit).status_code == 403


def test_the_sidebar_search_finds_their_own_pages_and_no_other_language(world):
    """The search box every admin screen shows them answers, with their language's pages only."""
    translator = world["translator"]
    english = world["german"].get_translation(Locale.get_default())
    others = [english, world["french"], Page.objects.get(slug="board")]
    dashboard = translator.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_pages:search") in dashboard
    for query in ("", "Network", "Unpublished", PRIVATE):
        for name in ("wagtailadmin_pages:search", "wagtailadmin_pages:search_results"):
            response = translator.get(reverse(name), {"q": query})
            assert response.status_code == 200
            body = response.content.decode()
            assert ENGLISH_DRAFT not in body
            for other in others:
                assert reverse("wagtailadmin_pages:edit", args=[other.pk]) not in body
    found = translator.get(reverse("wagtailadmin_pages:search"), {"q": ""}).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[world["german"].pk]) in found
    staff_found = world["staff"].get(reverse("wagtailadmin_pages:search"), {"q": ""})
    assert reverse("wagtailadmin_pages:edit", args=[english.pk]) in staff_found.content.decode()


def test_the_ordinary_delete_view_is_refused(world):
    german = world["german"]
    response = world["translator"].post(reverse("wagtailadmin_pages:delete", args=[german.pk]))
    assert response.status_code == 403
    assert Page.objects.filter(pk=german.pk).exists()


def test_the_allow_list_holds_under_a_sub_path_deployment(world):
    """Behind a proxy that mounts the site under a path (SCRIPT_NAME), the same doors close."""
    url = reverse("wagtailadmin_reports:site_history")
    response = world["translator"].get(url, SCRIPT_NAME="/network")
    assert response.status_code == 403
    assert world["staff"].get(url, SCRIPT_NAME="/network").status_code == 200


def test_the_editor_reads_the_picture_and_document_a_segment_uses_but_not_other_pages(world):
    """wagtail-localize's editor shows a segment's picture or document through the admin API
    ("Fetching image information…" forever when refused); pages stay refused, since their
    titles name other languages' drafts."""
    image = Image.objects.create(title="Teachers in Turku", file=get_test_image_file())
    document = Document.objects.create(title="Programme", file=ContentFile(b"%PDF-1.4", "p.pdf"))
    picture = world["translator"].get(f"/admin/api/main/images/{image.pk}/")
    assert picture.status_code == 200 and picture.json()["title"] == "Teachers in Turku"
    pdf = world["translator"].get(f"/admin/api/main/documents/{document.pk}/")
    assert pdf.status_code == 200 and pdf.json()["title"] == "Programme"
    english = world["german"].get_translation(Locale.objects.get(language_code="en"))
    refused = world["translator"].get(f"/admin/api/main/pages/{english.pk}/")
    assert refused.status_code == 403
    assert ENGLISH_DRAFT not in refused.content.decode()
