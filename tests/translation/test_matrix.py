"""The translation status matrix: statuses, links, filters, own language only, fixed queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page
from wagtail_localize.models import TranslationSource

import pytest

from tests.factories.home import StandardPageFactory
from tests.translation.conftest import translate_all
from translation.conf import target_locales
from translation.groups import setup_translator_groups
from translation.matrix import IN_PROGRESS, MISSING, OUTDATED, TRANSLATED, build_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(home_page, german_home):
    return StandardPageFactory(parent=home_page, title="About", slug="about", intro="Us")


def statuses(page):
    cells = build_matrix([page], target_locales())[page.pk]
    return {locale.language_code: cells[locale.pk] for locale in target_locales()}


def test_statuses_missing_translated_outdated_and_unpublished(section, locales):
    assert statuses(section)["de"].status == MISSING
    german = translate_all(section, locales["de"])
    cell = statuses(section)["de"]
    assert cell.status == TRANSLATED
    assert cell.last_sync is not None
    assert cell.action_url == reverse("wagtailadmin_pages:edit", args=[german.pk])

    section.intro = "Us, today"
    section.save_revision().publish()
    cell = statuses(Page.objects.get(pk=section.pk))["de"]
    assert cell.status == OUTDATED
    source = TranslationSource.objects.get(object_id=section.translation_key)
    assert cell.sync_url == reverse("wagtail_localize:update_translations", args=[source.pk])

    german.unpublish()
    assert statuses(Page.objects.get(pk=section.pk))["de"].status == IN_PROGRESS
    assert statuses(section)["fr"].action_url == reverse(
        "wagtail_localize:submit_page_translation", args=[section.pk]
    )


def test_matrix_view_filters_by_section_and_language(client, superuser, home_page, section):
    other = StandardPageFactory(parent=home_page, title="Imprint", slug="imprint")
    client.force_login(superuser)
    url = reverse("translation_matrix")
    response = client.get(url, {"section": section.pk, "locale": "fr"})
    assert response.status_code == 200
    assert [row.title for row in response.context["object_list"]] == ["About"]
    columns = [column.label for column in response.context["table"].columns.values()]
    assert columns[1:] == ["French"]
    everything = client.get(url).context["object_list"]
    assert other.title in [row.title for row in everything]


def test_translators_see_only_their_own_language(client, section, make_user):
    translator = make_user("anna", setup_translator_groups().translator_groups["fr"])
    client.force_login(translator)
    response = client.get(reverse("translation_matrix"))
    assert response.status_code == 200
    columns = [column.label for column in response.context["table"].columns.values()]
    assert columns[1:] == ["French"]


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_10_and_100_pages(client, superuser, home_page, locales):
    client.force_login(superuser)
    url = reverse("translation_matrix")

    def add(count):
        for index in range(count):
            page = StandardPageFactory(parent=home_page, slug=f"page-{Page.objects.count()}")
            if index % 3 == 0:
                translate_all(page, locales["de"])
            elif index % 3 == 1:
                page.copy_for_translation(locales["fr"], copy_parents=True).save_revision()

    add(9)
    client.get(url)  # warm caches (content types, site root)
    small = count_queries(client, url)
    add(90)
    large = count_queries(client, url)
    assert small == large
