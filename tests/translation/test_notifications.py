"""Translators hear about new work in their language; staff hear about translations to review."""

from django.urls import reverse

from wagtail_localize.models import Translation

import pytest

from tests.factories.home import StandardPageFactory
from tests.translation.conftest import translate_all
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(home_page, german_home, make_user):
    report = setup_translator_groups()
    return {
        "anna": make_user("anna", report.translator_groups["de"], first_name="Anna"),
        "felix": make_user("felix", report.translator_groups["fr"]),
        "carla": make_user("carla", report.staff_group),
    }


def test_translators_of_the_locale_get_an_email_when_a_page_is_submitted(
    client, superuser, home_page, people, locales, mailoutbox, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home_page, title="Teachers' forum & <more>", slug="forum")
    client.force_login(superuser)
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"locales": [locales["de"].pk]})
    ours = [m for m in mailoutbox if "New translation" in m.subject]
    assert [m.to for m in ours] == [["anna@example.org"]]
    message = ours[0]
    # Subject and plain text are not HTML: a title reads as written, not as entities.
    assert message.subject == "New translation into German: Teachers' forum & <more>"
    assert "“Teachers' forum & <more>”" in message.body
    german = page.get_translation(locales["de"])
    assert f"http://testserver/admin/pages/{german.pk}/edit/" in message.body
    assert "Hello Anna," in message.body
    assert message.alternatives and "text/html" in message.alternatives[0].mimetype
    assert "Teachers&#x27; forum &amp; &lt;more&gt;" in message.alternatives[0].content


def test_staff_get_an_email_when_a_translation_is_submitted_for_review(
    client, home_page, people, locales, mailoutbox, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home_page, title="About us", slug="about")
    german = translate_all(page, locales["de"])
    translation = Translation.objects.get(target_locale=locales["de"])
    mailoutbox.clear()
    client.force_login(people["anna"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("translation_submit_for_review", args=[translation.pk]))
    assert response.status_code == 302
    ours = [m for m in mailoutbox if m.subject.startswith("Translation to review")]
    assert [m.to for m in ours] == [["carla@example.org"]]
    to_carla = [m for m in mailoutbox if "carla@example.org" in m.to]
    assert len(to_carla) == 1, [m.subject for m in to_carla]  # not Wagtail's as well
    assert ours[0].subject == f"Translation to review (German): {german.title}"
    assert "Anna submitted the German translation" in ours[0].body


def test_english_pages_in_review_do_not_notify_as_translations(
    home_page, people, superuser, mailoutbox, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    people["carla"].groups.add(Group.objects.get(name="Moderators"))
    page = StandardPageFactory(parent=home_page, title="About us", slug="about")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
        page.get_workflow().start(page, superuser)
    assert not [m for m in mailoutbox if m.subject.startswith("Translation to review")]
    # Wagtail's own "submitted for approval" email still reaches staff for source pages.
    assert [m for m in mailoutbox if "carla@example.org" in m.to]


def test_no_translation_email_while_notifications_are_paused_and_again_after(
    client, home_page, people, locales, mailoutbox, django_capture_on_commit_callbacks
):
    from translation import notifications

    quiet = StandardPageFactory(parent=home_page, title="Loaded in bulk", slug="bulk")
    client.force_login(people["anna"])
    with django_capture_on_commit_callbacks(execute=True), notifications.paused():
        translate_all(quiet, locales["de"])  # new work for the German translators
        translation = Translation.objects.get(target_locale=locales["de"])
        client.post(reverse("translation_submit_for_review", args=[translation.pk]))
    german = quiet.get_translation(locales["de"])
    assert german.workflow_in_progress, "in review: staff would have heard of it"
    assert [m.subject for m in mailoutbox] == []
    page = StandardPageFactory(parent=home_page, title="Written by hand", slug="hand")
    with django_capture_on_commit_callbacks(execute=True):
        translate_all(page, locales["de"])
    assert [m.to for m in mailoutbox] == [["anna@example.org"]]


def test_no_workflow_email_about_a_review_made_while_notifications_are_paused(
    client, home_page, people, locales, mailoutbox, django_capture_on_commit_callbacks
):
    """Wagtail's "submitted" and "approved" emails stay silent too (the demo's own review)."""
    from translation import notifications

    quiet = StandardPageFactory(parent=home_page, title="Reviewed in bulk", slug="bulk")
    client.force_login(people["anna"])
    with django_capture_on_commit_callbacks(execute=True), notifications.paused():
        translate_all(quiet, locales["de"])
        translation = Translation.objects.get(target_locale=locales["de"])
        client.post(reverse("translation_submit_for_review", args=[translation.pk]))
        german = quiet.get_translation(locales["de"])
        german.current_workflow_state.current_task_state.approve(user=people["carla"])
    assert not quiet.get_translation(locales["de"]).workflow_in_progress
    assert [m.subject for m in mailoutbox] == []


def prefer(user, language: str):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def staff_in_two_languages(people, make_user):
    """Carla chose no admin language, Ben English, Greta German; Anna translates into German."""
    from django.contrib.auth.models import Group

    staff = Group.objects.get(pk=people["carla"].groups.get().pk)
    prefer(people["anna"], "de")
    prefer(people["carla"], "")  # a profile that leaves the language to the site
    return {
        "carla": people["carla"],
        "ben": prefer(make_user("ben", staff), "en"),
        "greta": prefer(make_user("greta", staff), "de"),
    }


def test_review_emails_are_in_each_staff_members_own_language_not_the_translators(
    client,
    home_page,
    people,
    staff_in_two_languages,
    locales,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from django.utils import translation as i18n

    page = StandardPageFactory(parent=home_page, title="About us", slug="about")
    translate_all(page, locales["de"])
    translation = Translation.objects.get(target_locale=locales["de"])
    mailoutbox.clear()
    client.force_login(people["anna"])
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("translation_submit_for_review", args=[translation.pk]))
    # Where the task runs in the translator's request, German is the active language.
    with i18n.override("de"):
        for callback in callbacks:
            callback()
    subjects = {message.to[0].split("@")[0]: message.subject for message in mailoutbox}
    assert subjects["carla"].startswith("Translation to review (German)")
    assert subjects["ben"].startswith("Translation to review (German)")
    assert subjects["greta"].startswith("Zu prüfende Übersetzung (Deutsch)")
    by_name = {message.to[0].split("@")[0]: message for message in mailoutbox}
    assert "Anna submitted the German translation" in by_name["carla"].body
    assert "Übersetzung prüfen" in by_name["greta"].alternatives[0].content


def test_wagtails_workflow_emails_follow_each_recipients_language(
    home_page,
    people,
    staff_in_two_languages,
    superuser,
    mailoutbox,
    settings,
    django_capture_on_commit_callbacks,
):
    from django.contrib.auth.models import Group
    from django.utils import translation

    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True
    moderators = Group.objects.get(name="Moderators")
    for user in staff_in_two_languages.values():
        user.groups.add(moderators)
    page = StandardPageFactory(parent=home_page, title="About us", slug="about")
    # The submitter works in German, so German is the active language while the emails go out.
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
        page.get_workflow().start(page, prefer(superuser, "de"))
    by_name = {message.to[0].split("@")[0]: message for message in mailoutbox}
    assert {"carla", "ben", "greta"} <= set(by_name)
    english = by_name["carla"].subject
    assert english == by_name["ben"].subject
    assert by_name["greta"].subject != english
    with translation.override("en"):
        assert "submitted" in english.lower()
    html = by_name["carla"].alternatives[0].content
    assert "eingereicht" not in html.lower() and "eingereicht" in by_name["greta"].subject.lower()
