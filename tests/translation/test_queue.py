"""A translator's own queue, the reviewers' queue, and the translation editor's actions."""

import json
import re
from html import unescape

from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from wagtail.models import Page, WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation

import pytest

from home.models import FooterText
from tests.factories.home import StandardPageFactory
from tests.translation.conftest import start_translation, translate_first
from translation import review
from translation.groups import setup_translator_groups
from translation.queue import review_queue, translator_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(home_page, german_home, locales):
    french_home = home_page.copy_for_translation(locales["fr"])
    french_home.save_revision().publish()
    return setup_translator_groups(can_publish=False)


@pytest.fixture
def greta(groups, make_user):
    return make_user("greta", groups.translator_groups["de"])


@pytest.fixture
def carla(groups, make_user):
    return make_user("carla", groups.staff_group)


def page(home_page, title, slug):
    return StandardPageFactory(parent=home_page, title=title, slug=slug, intro="Who we are")


def test_queue_lists_pages_and_snippets_of_my_language_newest_first(home_page, locales, greta):
    older = start_translation(page(home_page, "About", "about"), locales["de"])
    translate_first(older, 1)
    footer = FooterText.objects.create(body="<p>Contact us</p>", locale=locales["en"])
    start_translation(footer, locales["de"])
    start_translation(page(home_page, "Imprint", "imprint"), locales["fr"])
    items = translator_queue(greta)
    assert [item.title for item in items][-1] == "About"
    assert {item.title for item in items} == {"About", str(footer)}
    about = items[-1]
    assert (about.progress.translated, about.progress.total) == (1, 3)
    assert about.percent == 33
    german = Page.objects.get(translation_key=older.source.object_id, locale=locales["de"])
    assert about.edit_url == reverse("wagtailadmin_pages:edit", args=[german.pk])


def test_dashboard_shows_the_translator_their_queue_only(client, home_page, locales, greta):
    start_translation(page(home_page, "About", "about"), locales["de"])
    start_translation(page(home_page, "Imprint", "imprint"), locales["fr"])
    client.force_login(greta)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Waiting for your translation" in html
    assert "About" in html
    assert "Imprint" not in html


def test_submitted_translations_leave_the_queue_and_reach_the_reviewer(
    client, home_page, locales, greta, carla
):
    translation = start_translation(page(home_page, "About", "about"), locales["de"])
    translate_first(translation)
    review.submit_translation_for_review(translation, greta)
    assert translator_queue(greta) == []
    (item,) = review_queue(carla)
    assert item.locale == locales["de"] and item.percent == 100
    assert item.submitted_by == "greta"
    client.force_login(carla)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Translations awaiting your review" in html


def editor_props(response) -> dict:
    html = response.content.decode()
    match = re.search(r'class="js-translation-editor" data-props="([^"]*)"', html)
    return json.loads(unescape(match.group(1)))


def test_editor_offers_submit_for_review_and_hides_delete_move_publish(
    client, home_page, locales, greta
):
    translation = start_translation(page(home_page, "About", "about"), locales["de"])
    german = translation.get_target_instance()
    client.force_login(greta)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[german.pk]))
    assert response.status_code == 200
    props = editor_props(response)
    assert props["perms"]["canDelete"] is False
    assert props["perms"]["canUnpublish"] is False
    assert props["links"]["convertToAliasUrl"] is None
    assert props["perms"]["canPublish"] is True  # the main button, relabelled:
    assert 'data-submit-for-review="Submit for review"' in response.content.decode()


def test_editor_main_action_submits_for_review_and_never_publishes(
    client, home_page, locales, greta
):
    translation = start_translation(page(home_page, "About", "about"), locales["de"])
    translate_first(translation)
    german = translation.get_target_instance()
    client.force_login(greta)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[german.pk]), {"action": "publish"}
    )
    assert response.status_code == 302
    german = Page.objects.get(pk=german.pk)
    assert not german.live
    assert german.draft_title == "(de) About"
    state = WorkflowState.objects.get(object_id=str(german.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_submitting_an_unfinished_translation_from_the_editor_never_publishes_it(
    client, home_page, locales, greta
):
    """Untranslated strings keep the source text in the draft (as wagtail-localize's own save
    does); the submission goes to review, and the report keeps calling it in progress."""
    translation = start_translation(page(home_page, "About", "about"), locales["de"])
    german = translation.get_target_instance()
    client.force_login(greta)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[german.pk]), {"action": "publish"}, follow=True
    )
    assert response.status_code == 200
    german = Page.objects.get(pk=german.pk)
    assert not german.live
    state = WorkflowState.objects.get(object_id=str(german.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_translators_cannot_delete_or_move_pages(client, home_page, locales, greta):
    translation = start_translation(page(home_page, "About", "about"), locales["de"])
    german = translation.get_target_instance()
    client.force_login(greta)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[german.pk]))
    assert response.status_code == 403
    assert Page.objects.filter(pk=german.pk).exists()
    destination = german.get_parent()
    response = client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[german.pk, destination.pk])
    )
    assert response.status_code == 403


def test_notification_link_opens_the_translation_editor(
    client, home_page, locales, greta, mailoutbox, django_capture_on_commit_callbacks
):
    greta.email = "greta@example.org"
    greta.save()
    with django_capture_on_commit_callbacks(execute=True):
        start_translation(page(home_page, "About", "about"), locales["de"])
    (message,) = [m for m in mailoutbox if "greta@example.org" in m.to]
    link = re.search(r"http://testserver(/admin/pages/\d+/edit/)", message.body).group(1)
    client.force_login(greta)
    response = client.get(link)
    assert 'class="js-translation-editor"' in response.content.decode()


def test_german_translator_cannot_write_french_strings_through_the_api(
    client, home_page, locales, greta
):
    """The request the editor really sends: a multipart PUT with a `value` field."""
    french = start_translation(page(home_page, "About", "about"), locales["fr"])
    german = start_translation(page(home_page, "Imprint", "imprint"), locales["de"])
    client.force_login(greta)

    def put(translation):
        segment = StringSegment.objects.filter(source=translation.source).first()
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        body = encode_multipart(BOUNDARY, {"value": "Übersetzt"})
        return client.put(url, body, content_type=MULTIPART_CONTENT)

    assert put(german).status_code in (200, 201)  # the same request works in her language
    assert put(french).status_code == 403
    assert not StringTranslation.objects.filter(locale=locales["fr"]).exists()


def test_a_german_translator_follows_their_submission_in_german_without_the_task_name(
    client, home_page, locales, greta, carla
):
    """Wagtail's "Your pages in a workflow" shows the task's name as staff stored it, in
    English; the translator's dashboard says where each submission stands in German."""
    profile = UserProfile.get_for_user(greta)
    profile.preferred_language = "de"
    profile.save()
    translation = start_translation(page(home_page, "About", "about"), locales["de"])
    translate_first(translation)
    review.submit_translation_for_review(translation, greta)
    german = Page.objects.get(translation_key=translation.source.object_id, locale=locales["de"])
    task_state = german.current_workflow_state.current_task_state
    client.force_login(greta)

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    submitted = html.split('id="translation-submitted-content"')[1]
    assert "Zur Prüfung eingereicht" in html
    assert "About" in submitted and "Wartet auf Prüfung" in submitted
    assert task_state.task.name not in html

    task_state.task.specific.on_action(task_state, carla, "reject")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Änderungen erbeten" in html.split('id="translation-submitted-content"')[1]
    assert task_state.task.name not in html
