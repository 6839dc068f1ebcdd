"""Translate before launch and launch together: a page never published is translated from its
draft, stays invisible in every language, and goes live with its approved translations in one
step, now or at a scheduled time."""

from datetime import timedelta

from django.contrib.messages.storage.cookie import CookieStorage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.models import Page, WorkflowState
from wagtail.signals import page_published
from wagtail_localize.models import StringSegment, Translation

import pytest
import time_machine

from home.models import StandardPage
from tests.translation.conftest import translate_first
from translation import launch
from translation.changes import changed_segments
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(home_page, german_home, locales, make_user):
    french_home = home_page.copy_for_translation(locales["fr"])
    french_home.save_revision().publish()
    groups = setup_translator_groups(can_publish=False)
    return {
        "anna": make_user("anna", groups.translator_groups["de"]),
        "carla": make_user("carla", groups.staff_group),
    }


@pytest.fixture
def draft(home_page, people):
    """A booklet-launch page never published, whose latest draft differs from its first save."""
    page = home_page.add_child(
        instance=StandardPage(title="Launch day", slug="launch", intro="First words", live=False)
    )
    page.save_revision(user=people["carla"])
    page = Page.objects.get(pk=page.pk).specific
    page.intro = "Words of the draft"
    page.save_revision(user=people["carla"])
    return Page.objects.get(pk=page.pk).specific


def send_to_translation(client, staff, page, *locales) -> None:
    client.force_login(staff)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale.pk for locale in locales]},
    )
    assert response.status_code == 302
    client.logout()


def german_translation(page, locales) -> Translation:
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locales["de"]
    )


def translate_submit_approve(client, page, locales, people) -> Page:
    """Anna translates every sentence and submits; Carla approves the review task."""
    translation = german_translation(page, locales)
    translate_first(translation)
    client.force_login(people["anna"])
    response = client.post(reverse("translation_submit_for_review", args=[translation.pk]))
    assert response.status_code == 302
    client.logout()
    german = page.get_translation(locales["de"])
    state = WorkflowState.objects.get(
        object_id=str(german.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    state.current_task_state.approve(user=people["carla"])
    return Page.objects.get(pk=german.pk)


def schedule_launch(client, staff, page, when) -> None:
    """Staff choose "Publish with translations" at `when`."""
    client.force_login(staff)
    response = client.post(
        reverse("translation_launch", args=[page.pk]),
        {"go_live_at": when.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    client.logout()


def visible(client, url: str) -> bool:
    from django.core.cache import cache

    cache.clear()
    return client.get(url).status_code == 200


def test_a_never_published_page_is_translated_from_its_latest_draft_and_stays_hidden(
    client, draft, locales, people
):
    send_to_translation(client, people["carla"], draft, locales["de"], locales["fr"])
    translation = german_translation(draft, locales)
    strings = set(
        StringSegment.objects.filter(source=translation.source).values_list(
            "string__data", flat=True
        )
    )
    assert "Words of the draft" in strings
    assert "First words" not in strings
    german = draft.get_translation(locales["de"])
    assert not german.live
    for url in ("/en/launch/", "/de/launch-de/", "/de/launch/", "/fr/launch/"):
        assert not visible(client, url), url


def test_a_later_draft_syncs_keeping_finished_sentences_and_marking_changed_ones(
    client, draft, locales, people
):
    send_to_translation(client, people["carla"], draft, locales["de"])
    translation = german_translation(draft, locales)
    translate_first(translation)
    draft.intro = "Words of the second draft"
    draft.save_revision(user=people["carla"])
    client.force_login(people["carla"])
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source_id])
    )
    assert response.status_code == 302
    (change,) = changed_segments(translation)
    assert (change.old_source, change.new_source) == (
        "Words of the draft",
        "Words of the second draft",
    )
    assert change.previous_translation == "(de) Words of the draft"
    german = draft.get_translation(locales["de"]).get_latest_revision_as_object()
    assert german.title == "(de) Launch day"  # the finished sentence is kept
    assert not Page.objects.get(pk=german.pk).live


def test_approving_a_translation_before_launch_does_not_publish_it(client, draft, locales, people):
    send_to_translation(client, people["carla"], draft, locales["de"])
    german = translate_submit_approve(client, draft, locales, people)
    assert not german.live
    assert not visible(client, "/de/launch-de/")
    assert [page.pk for page in launch.plan(draft).approved] == [german.pk]


def test_publish_with_translations_lists_the_languages_left_out_then_publishes_together(
    client, draft, locales, people
):
    send_to_translation(client, people["carla"], draft, locales["de"], locales["fr"])
    translate_submit_approve(client, draft, locales, people)
    client.force_login(people["carla"])
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    url = reverse("translation_launch", args=[draft.pk])
    assert url in editor  # in the page header's "more" menu
    confirm = client.get(url).content.decode()
    left_out = confirm[confirm.index('data-launch="unapproved"') :]
    assert "French" in left_out and "German" not in left_out
    response = client.post(url, {"go_live_at": ""})
    assert response.status_code == 302
    client.logout()
    assert visible(client, "/en/launch/")
    assert visible(client, "/de/launch-de/")
    assert not Page.objects.get(pk=draft.get_translation(locales["fr"]).pk).live
    english = client.get("/en/launch/").content.decode()
    assert 'hreflang="de"' in english and 'hreflang="fr"' not in english
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/de/launch-de/" in sitemap and "/fr/launch" not in sitemap


def test_a_failure_in_any_language_publishes_none(client, draft, locales, people):
    send_to_translation(client, people["carla"], draft, locales["de"])
    german = translate_submit_approve(client, draft, locales, people)

    def refuse_german(sender, instance, **kwargs):
        if instance.locale_id == locales["de"].pk:
            raise RuntimeError("the German publication failed")

    page_published.connect(refuse_german)
    try:
        client.force_login(people["carla"])
        with pytest.raises(RuntimeError):
            client.post(reverse("translation_launch", args=[draft.pk]), {"go_live_at": ""})
    finally:
        page_published.disconnect(refuse_german)
    assert not Page.objects.get(pk=draft.pk).live
    assert not Page.objects.get(pk=german.pk).live


def test_a_scheduled_launch_publishes_every_approved_language_at_that_time(
    client, draft, locales, people
):
    send_to_translation(client, people["carla"], draft, locales["de"])
    german = translate_submit_approve(client, draft, locales, people)
    when = timezone.localtime() + timedelta(days=2)
    schedule_launch(client, people["carla"], draft, when)
    call_command("publish_scheduled")
    assert not Page.objects.get(pk=draft.pk).live
    assert not Page.objects.get(pk=german.pk).live
    with time_machine.travel(when + timedelta(minutes=5)):
        call_command("publish_scheduled")
    assert Page.objects.get(pk=draft.pk).live
    assert Page.objects.get(pk=german.pk).live
    assert visible(client, "/de/launch-de/")


def test_a_time_in_the_past_is_refused_with_a_message(client, draft, locales, people):
    send_to_translation(client, people["carla"], draft, locales["de"])
    client.force_login(people["carla"])
    response = client.post(
        reverse("translation_launch", args=[draft.pk]), {"go_live_at": "2001-01-01T10:00"}
    )
    assert response.status_code == 200
    assert "Choose a time in the future" in response.content.decode()
    response = client.post(reverse("translation_launch", args=[draft.pk]), {"go_live_at": "soon"})
    assert response.status_code == 200
    assert not Page.objects.get(pk=draft.pk).live


def test_translators_may_not_launch(client, draft, locales, people):
    send_to_translation(client, people["carla"], draft, locales["de"])
    client.force_login(people["anna"])
    response = client.post(reverse("translation_launch", args=[draft.pk]), {"go_live_at": ""})
    assert response.status_code == 403
    assert not Page.objects.get(pk=draft.pk).live


def test_saving_a_draft_in_the_editor_syncs_it_into_the_translations(
    client, rf, draft, locales, people
):
    send_to_translation(client, people["carla"], draft, locales["de"])
    translation = german_translation(draft, locales)
    translate_first(translation)
    draft.intro = "Words of the edited draft"
    draft.save_revision(user=people["carla"])
    request = rf.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    request.user = people["carla"]
    for after_edit in hooks.get_hooks("after_edit_page"):  # what the editor runs after a save
        after_edit(request, draft)
    (change,) = changed_segments(translation)
    assert change.new_source == "Words of the edited draft"
    german = draft.get_translation(locales["de"])
    assert german.get_latest_revision_as_object().intro == "Words of the edited draft"
    assert not Page.objects.get(pk=german.pk).live


def test_a_draft_change_before_launch_sends_each_translator_one_email(
    client, rf, draft, locales, people, mailoutbox, django_capture_on_commit_callbacks
):
    """The German translator hears once that the unlaunched original changed, naming how many
    sentences need a new translation; a save that changes nothing sends nothing."""
    send_to_translation(client, people["carla"], draft, locales["de"])
    translate_first(german_translation(draft, locales))
    request = rf.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    request.user = people["carla"]

    def save_in_the_editor() -> list:
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            draft.save_revision(user=people["carla"])
            for after_edit in hooks.get_hooks("after_edit_page"):
                after_edit(request, draft)
        return [message for message in mailoutbox if "Original changed" in message.subject]

    draft.intro = "Words of the edited draft"
    (sent,) = save_in_the_editor()
    assert sent.to == ["anna@example.org"]
    assert "1 sentence needs a new translation into German" in sent.body
    assert save_in_the_editor() == []


def test_staff_publishing_a_translation_before_launch_submit_it_for_review_instead(
    client, draft, locales, people
):
    send_to_translation(client, people["carla"], draft, locales["de"])
    translate_first(german_translation(draft, locales))
    german = draft.get_translation(locales["de"])
    edit = reverse("wagtailadmin_pages:edit", args=[german.pk])
    client.force_login(people["carla"])
    assert "data-submit-for-review" in client.get(edit).content.decode()
    response = client.post(edit, {"action": "publish"})
    assert response.status_code == 302
    assert not Page.objects.get(pk=german.pk).live
    state = WorkflowState.objects.get(
        object_id=str(german.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    state.current_task_state.approve(user=people["carla"])
    client.logout()
    assert not visible(client, "/de/launch-de/")
    assert [page.pk for page in launch.plan(draft).approved] == [german.pk]


def test_wagtails_own_publish_of_a_translation_before_launch_keeps_it_a_draft(
    rf, draft, locales, people
):
    german = draft.specific.copy_for_translation(locales["de"])
    german.save_revision(user=people["carla"])
    request = rf.post(reverse("wagtailadmin_pages:edit", args=[german.pk]))
    request.user = people["carla"]
    request._messages = CookieStorage(request)
    responses = [hook(request, german) for hook in hooks.get_hooks("before_publish_page")]
    assert any(response is not None and response.status_code == 302 for response in responses)
    draft.save_revision(user=people["carla"]).publish()
    responses = [hook(request, german) for hook in hooks.get_hooks("before_publish_page")]
    assert all(response is None for response in responses)


def test_a_translation_approved_after_the_launch_was_scheduled_goes_live_with_it(
    client, draft, locales, people
):
    send_to_translation(client, people["carla"], draft, locales["de"])
    when = timezone.localtime() + timedelta(days=2)
    schedule_launch(client, people["carla"], draft, when)
    german = translate_submit_approve(client, draft, locales, people)
    assert not german.live
    with time_machine.travel(when - timedelta(minutes=5)):
        call_command("publish_scheduled")
    assert not Page.objects.get(pk=german.pk).live
    with time_machine.travel(when + timedelta(minutes=5)):
        call_command("publish_scheduled")
    assert Page.objects.get(pk=draft.pk).live
    assert Page.objects.get(pk=german.pk).live


def test_a_scheduled_launch_moved_to_another_time_moves_every_language(
    client, draft, locales, people
):
    send_to_translation(client, people["carla"], draft, locales["de"])
    german = translate_submit_approve(client, draft, locales, people)
    first = timezone.localtime() + timedelta(days=2)
    later = first + timedelta(days=3)
    for when in (first, later):
        schedule_launch(client, people["carla"], draft, when)
    assert [page.pk for page in launch.plan(draft).approved] == [german.pk]
    with time_machine.travel(first + timedelta(minutes=5)):
        call_command("publish_scheduled")
    assert not Page.objects.get(pk=draft.pk).live
    assert not Page.objects.get(pk=german.pk).live
    with time_machine.travel(later + timedelta(minutes=5)):
        call_command("publish_scheduled")
    assert Page.objects.get(pk=draft.pk).live
    assert Page.objects.get(pk=german.pk).live


@pytest.mark.parametrize("include_descendants", [False, True])
def test_bulk_publish_from_the_page_listing_keeps_a_translation_hidden_until_launch(
    client, draft, locales, people, german_home, include_descendants
):
    """Selecting the German translation (or the German home with the pages below it) in the
    page listing and choosing "Publish" publishes nothing while the original is not live."""
    send_to_translation(client, people["carla"], draft, locales["de"])
    german = draft.get_translation(locales["de"])
    selected = german_home if include_descendants else german
    client.force_login(people["carla"])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client.post(
        f"{url}?id={selected.pk}&next=/admin/pages/{german_home.pk}/",
        {"include_descendants": "on"} if include_descendants else {},
        follow=True,
    )
    assert "go live with their original, which is not launched yet" in response.content.decode()
    assert not Page.objects.get(pk=german.pk).live
    assert not visible(client, german.url)
    launched = client.post(reverse("translation_launch", args=[draft.pk]), {})
    assert launched.status_code == 302
    response = client.post(
        f"{url}?id={german.pk}&next=/admin/pages/{german_home.pk}/", {}, follow=True
    )
    assert "not launched yet" not in response.content.decode()
