"""Translators never see other languages' titles in choosers or in wagtail-localize's lists
(issue 13, item 9): not the English drafts, not the French team's pages or snippets."""

import json

from django.test import Client

import pytest

from tests.factories.home import StandardPageFactory
from tests.factories.network import NewsCategoryFactory
from tests.translation.conftest import translate_all
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db

ENGLISH_DRAFT = "Secret English draft"
FRENCH = "Page française"


@pytest.fixture
def world(home_page, german_home, locales, make_user):
    french_home = home_page.copy_for_translation(locales["fr"])
    french_home.save_revision().publish()
    report = setup_translator_groups()
    staff = make_user("carla", report.staff_group)
    about = StandardPageFactory(parent=home_page, title="About us", slug="about")
    german = translate_all(about, locales["de"], staff)
    french = translate_all(about, locales["fr"], staff)
    french.title = FRENCH
    french.save_revision().publish()
    about.title = ENGLISH_DRAFT
    about.save_revision()  # an unpublished English draft
    category = NewsCategoryFactory(locale=locales["en"], name="Meetings")
    for code, name in (("de", "Treffen"), ("fr", "Réunions")):
        copy = category.copy_for_translation(locales[code])
        copy.name = name
        copy.save()
    translator = Client()
    translator.force_login(make_user("anna", report.translator_groups["de"]))
    manager = Client()
    manager.force_login(staff)
    return {"translator": translator, "staff": manager, "german": german, "french": french}


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def chooser_pages(client: Client, url: str) -> str:
    """What the page chooser shows at `url` (JSON with the HTML inside, or search results)."""
    body = text(client.get(url))
    return json.loads(body)["html"] if body.startswith("{") else body


@pytest.mark.parametrize(
    "url",
    [
        "/admin/choose-page/",
        "/admin/choose-page/{en_home}/",
        "/admin/choose-page/{fr_home}/",
        "/admin/choose-page/search/?q=page",
        "/admin/choose-page/search/?q=about",
        "/admin/localize/reports/translations/",
        "/admin/localize/reports/translations/results/",
        "/admin/snippets/choose/network/newscategory/",
        "/admin/snippets/choose/network/newscategory/results/?q=e",
        "/admin/snippets/network/newscategory/",
        "/admin/snippets/network/newscategory/results/?q=e",
        "/admin/snippets/network/newscategory/?locale=fr",
        "/admin/reports/booklet-downloads/",
    ],
)
def test_translators_are_refused_the_lists_of_every_language(world, home_page, url):
    """Choosers, listings and reports across languages are not in the translators' allow-list."""
    fr_home = world["french"].get_parent().pk
    response = world["translator"].get(url.format(en_home=home_page.pk, fr_home=fr_home))
    assert response.status_code == 403
    body = response.content.decode()
    assert ENGLISH_DRAFT not in body
    assert FRENCH not in body
    assert "Réunions" not in body


def test_staff_still_choose_from_every_language(world, home_page):
    html = chooser_pages(world["staff"], f"/admin/choose-page/{home_page.pk}/")
    assert ENGLISH_DRAFT in html


def test_staff_see_every_language_in_the_snippet_chooser(world):
    listed = text(world["staff"].get("/admin/snippets/choose/network/newscategory/"))
    assert "Meetings" in listed
    assert "Treffen" in listed


def test_staff_see_every_language_in_the_snippet_listing(world):
    listed = text(world["staff"].get("/admin/snippets/network/newscategory/"))
    assert all(name in listed for name in ("Meetings", "Treffen", "Réunions"))


def test_the_snippet_api_lists_only_the_translators_language(world):
    listing = json.loads(
        text(world["translator"].get("/admin/localize/api/snippets/network/newscategory/"))
    )
    titles = {item["title"] for item in listing}
    assert "Treffen" in titles
    assert "Réunions" not in titles and "Meetings" not in titles
    from network.models import NewsCategory

    french = NewsCategory.objects.get(name="Réunions")
    response = world["translator"].get(
        f"/admin/localize/api/snippets/network/newscategory/{french.pk}/"
    )
    assert response.status_code in (302, 404)  # 404, or the locale middleware's redirect
    assert "Réunions" not in response.content.decode()
    staff_listing = json.loads(
        text(world["staff"].get("/admin/localize/api/snippets/network/newscategory/"))
    )
    assert {"Treffen", "Réunions", "Meetings"} <= {item["title"] for item in staff_listing}


@pytest.mark.parametrize(
    "url", ["/admin/reports/page-types-usage/", "/admin/reports/page-types-usage/results/"]
)
def test_the_page_types_usage_report_is_for_staff_not_translators(world, url):
    """It names the latest edited page of each type, whatever its language."""
    assert world["translator"].get(url).status_code == 403
    assert "content types" in text(world["staff"].get(url))
    menu = text(world["translator"].get("/admin/"))
    assert "/admin/reports/page-types-usage/" not in menu
    assert "/admin/reports/page-types-usage/" in text(world["staff"].get("/admin/"))


@pytest.mark.parametrize("model_name", ["NewsCategory", "NEWSCATEGORY", "newsCategory"])
def test_mixed_case_model_names_give_translators_no_other_language(world, model_name):
    """The allow-list and the views behind it read the model from the URL; a model name in
    another case must lead to the same narrowed list or a refusal, never to other languages."""
    from network.models import NewsCategory

    french = NewsCategory.objects.get(name="Réunions")
    for url in (
        f"/admin/localize/api/snippets/network/{model_name}/",
        f"/admin/localize/api/snippets/network/{model_name}/{french.pk}/",
        f"/admin/editing-sessions/ping/network/{model_name}/{french.pk}/0/",
    ):
        response = world["translator"].post(url) if "ping" in url else world["translator"].get(url)
        body = response.content.decode()
        assert "Réunions" not in body and "Meetings" not in body, url
        assert response.status_code in (200, 302, 403, 404), url
    ping = world["translator"].post(
        f"/admin/editing-sessions/ping/network/{model_name}/{french.pk}/0/"
    )
    assert ping.status_code == 403
