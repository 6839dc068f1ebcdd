"""One test per state of the translation status report, partial progress included."""

import json

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

import pytest

from tests.factories.home import StandardPageFactory
from tests.translation.conftest import (
    save_and_publish,
    start_translation,
    translate_all,
    translate_first,
)
from translation import review
from translation.conf import target_locales
from translation.groups import setup_translator_groups
from translation.matrix import (
    IN_PROGRESS,
    IN_REVIEW,
    MISSING,
    OUTDATED,
    TRANSLATED,
    build_matrix,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home_page, german_home):
    return StandardPageFactory(
        parent=home_page,
        title="About",
        slug="about",
        intro="Who we are",
        body=json.dumps([{"type": "paragraph", "value": "<p>Teachers meet</p>"}]),
    )


def cell(page, code="de"):
    page = Page.objects.get(pk=page.pk)
    locale = next(locale for locale in target_locales() if locale.language_code == code)
    return build_matrix([page], [locale])[page.pk][locale.pk]


def test_missing_when_no_translated_page(page):
    assert cell(page).status == MISSING


def test_in_progress_with_partial_strings(page, locales):
    translation = start_translation(page, locales["de"])
    translate_first(translation, 2)
    found = cell(page)
    total = StringSegment.objects.filter(source=translation.source).count()
    assert total == 4  # title, slug, intro and the paragraph
    assert found.status == IN_PROGRESS
    assert (found.progress.translated, found.progress.total) == (2, total)
    assert found.percent == 50


def test_live_but_partly_translated_page_is_in_progress_not_translated(page, locales):
    translation = start_translation(page, locales["de"])
    translate_first(translation, 1)
    save_and_publish(translation)
    found = cell(page)
    assert found.status == IN_PROGRESS
    assert found.percent == 25


def test_fully_translated_strings_not_yet_published_are_in_progress(page, locales):
    german = translate_all(page, locales["de"])
    translation = Translation.objects.get(target_locale=locales["de"])
    edited = StringTranslation.objects.filter(locale=locales["de"]).first()
    edited.data = "(de) neu"
    edited.save()  # as the editor saves a string: not on the page until saved to it
    assert german.live
    assert cell(page).status == IN_PROGRESS
    save_and_publish(translation)
    assert cell(page).status == TRANSLATED


def test_awaiting_review_when_in_workflow(page, locales, make_user):
    groups = setup_translator_groups(can_publish=False)
    translator = make_user("greta", groups.translator_groups["de"])
    translation = start_translation(page, locales["de"])
    translate_first(translation)
    review.submit_translation_for_review(translation, translator)
    found = cell(page)
    assert found.status == IN_REVIEW
    assert found.percent == 100


def approve(page, user) -> None:
    """Staff approve the page's review task, as the dashboard's "Approve" does (it publishes)."""
    state = Page.objects.get(pk=page.pk).current_workflow_state
    state.current_task_state.task.specific.on_action(state.current_task_state, user, "approve")


def test_translated_once_staff_approve_the_reviewed_translation(page, locales, make_user):
    groups = setup_translator_groups(can_publish=False)
    translator = make_user("greta", groups.translator_groups["de"])
    staff = make_user("carla", groups.staff_group)
    translation = start_translation(page, locales["de"])
    translate_first(translation)
    german = review.submit_translation_for_review(translation, translator)
    approve(german, staff)
    assert Page.objects.get(pk=german.pk).live
    found = cell(page)
    assert found.status == TRANSLATED
    assert found.percent == 100


def test_a_string_edited_after_the_review_draft_stays_in_progress_once_approved(
    page, locales, make_user
):
    groups = setup_translator_groups(can_publish=False)
    translator = make_user("greta", groups.translator_groups["de"])
    staff = make_user("carla", groups.staff_group)
    translation = start_translation(page, locales["de"])
    translate_first(translation)
    german = review.submit_translation_for_review(translation, translator)
    edited = StringTranslation.objects.filter(locale=locales["de"]).first()
    edited.data = "(de) neu"
    edited.save()  # after the draft was made: not in the revision staff approve
    approve(german, staff)
    assert cell(page).status == IN_PROGRESS


def test_outdated_names_what_changed(page, locales):
    translate_all(page, locales["de"])
    source_page = Page.objects.get(pk=page.pk).specific
    source_page.intro = "Who we are today"
    source_page.save_revision().publish()
    found = cell(page)
    assert found.status == OUTDATED
    assert found.source_changed_at == Page.objects.get(pk=page.pk).last_published_at
    assert found.last_sync < found.source_changed_at


def test_translated_only_when_complete_live_and_up_to_date(page, locales):
    translate_all(page, locales["de"])
    found = cell(page)
    assert found.status == TRANSLATED
    assert found.percent == 100
    assert cell(page, "fr").status == MISSING


def test_report_shows_partial_progress(client, superuser, page, locales):
    translation = start_translation(page, locales["de"])
    translate_first(translation, 2)
    client.force_login(superuser)
    html = client.get("/admin/translation-status/", {"locale": "de"}).content.decode()
    assert 'data-state="in_progress"' in html
    assert "2/4 strings (50%)" in html
