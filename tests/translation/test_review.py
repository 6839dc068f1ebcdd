"""Review means review: a German translator who may not publish changes nothing visitors see or
subscribers receive, whatever they save, edit and submit, until staff approve.

Each test replays the attack of issue 13 (item 1) over HTTP as the translator: edit a string
through wagtail-localize's string API, submit for review, edit again, submit again; then an
anonymous visitor reads the page. Staff approval at the end shows the draft was kept for them.
"""

from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse

from wagtail.models import Page, WorkflowState
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

import pytest

from home.models import FooterText
from tests.factories.network import NewsIndexPageFactory, NewsPageFactory
from tests.translation.conftest import translate_all
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db

APPROVED = "(de) Meeting held"
EVIL = "Bitte anmelden: https://evil.example/login"


@pytest.fixture
def people(home_page, german_home, make_user):
    report = setup_translator_groups()
    return {
        "anna": make_user("anna", report.translator_groups["de"]),
        "carla": make_user("carla", report.staff_group),
    }


@pytest.fixture
def translator(people) -> Client:
    client = Client()
    client.force_login(people["anna"])
    return client


def translation_of(instance, locale) -> Translation:
    return Translation.objects.get(source__object_id=instance.translation_key, target_locale=locale)


def edit_string(client: Client, translation: Translation, path: str, value: str) -> None:
    """What the translation editor sends when the translator changes one string."""
    segment = StringSegment.objects.filter(source=translation.source, context__path=path).first()
    url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
    response = client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 201), response.content


def submit(client: Client, translation: Translation) -> None:
    response = client.post(f"/admin/translation-status/submit/{translation.pk}/")
    assert response.status_code == 302, response.content


def public_text(url: str) -> str:
    from django.core.cache import cache

    cache.clear()  # as after the page and fragment caches expire
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def approve(instance, staff) -> None:
    state = WorkflowState.objects.get(
        object_id=str(instance.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    state.current_task_state.approve(user=staff)


@pytest.fixture
def german_news(home_page, people, locales):
    """A news item whose German translation staff approved and published."""
    index = NewsIndexPageFactory(parent=home_page)
    translate_all(index, locales["de"], people["carla"])
    news = NewsPageFactory(parent=index, title="Meeting held", lead="Partners met")
    german = translate_all(news, locales["de"], people["carla"])
    assert german.live and german.title == APPROVED
    return news, german


def assert_untouched(page: Page, live_revision_id: int, last_published_at) -> None:
    stored = Page.objects.get(pk=page.pk)
    assert stored.live
    assert stored.live_revision_id == live_revision_id
    assert stored.last_published_at == last_published_at


def test_two_edits_and_submits_leave_the_approved_page_online(
    translator, people, german_news, locales, django_capture_on_commit_callbacks
):
    news, german = german_news
    translation = translation_of(news, locales["de"])
    live_revision_id, last_published_at = german.live_revision_id, german.last_published_at

    with django_capture_on_commit_callbacks(execute=True):
        edit_string(translator, translation, "title", "Unreviewed X")
        submit(translator, translation)
        assert_untouched(german, live_revision_id, last_published_at)
        edit_string(translator, translation, "title", "Unreviewed Y")
        submit(translator, translation)

    html = public_text(german.url)
    assert APPROVED in html
    assert "Unreviewed" not in html
    assert_untouched(german, live_revision_id, last_published_at)
    stored = Page.objects.get(pk=german.pk)
    assert stored.has_unpublished_changes
    assert stored.get_latest_revision_as_object().title == "Unreviewed Y"  # kept for staff

    approve(stored, people["carla"])
    assert "Unreviewed Y" in public_text(german.url)


def test_a_sync_between_the_submits_changes_nothing_online(
    translator, people, german_news, locales, django_capture_on_commit_callbacks
):
    news, german = german_news
    translation = translation_of(news, locales["de"])
    live_revision_id, last_published_at = german.live_revision_id, german.last_published_at
    staff = Client()
    staff.force_login(people["carla"])

    with django_capture_on_commit_callbacks(execute=True):
        edit_string(translator, translation, "title", "Unreviewed X")
        submit(translator, translation)
        news.lead = "Partners met again"
        news.save_revision().publish()
        source = TranslationSource.objects.get(object_id=news.translation_key)
        response = staff.post(reverse("wagtail_localize:update_translations", args=[source.pk]))
        assert response.status_code == 302
        edit_string(translator, translation, "lead", EVIL)
        edit_string(translator, translation, "title", "Unreviewed Y")
        submit(translator, translation)

    html = public_text(german.url)
    assert APPROVED in html and "(de) Partners met" in html
    assert "Unreviewed" not in html and "evil.example" not in html
    assert_untouched(german, live_revision_id, last_published_at)


def test_a_translated_snippet_stays_as_approved_until_staff_publish(
    translator, people, german_home, locales, django_capture_on_commit_callbacks
):
    english = FooterText.objects.create(body="<p>Contact us</p>", locale=locales["en"], live=False)
    english.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(english)
    translation = Translation.objects.create(source=source, target_locale=locales["de"])
    segment = StringSegment.objects.get(source=source)
    StringTranslation.objects.create(
        translation_of=segment.string, locale=locales["de"], context=segment.context, data="Kontakt"
    )
    translation.save_target(user=people["carla"], publish=True)  # approved German footer
    german = FooterText.objects.get(locale=locales["de"])
    assert german.live
    live_revision_id = german.live_revision_id
    home_url = german_home.url

    assert "Kontakt" in public_text(home_url)
    with django_capture_on_commit_callbacks(execute=True):
        edit_string(translator, translation, segment.context.path, EVIL)
        submit(translator, translation)
        edit_string(translator, translation, segment.context.path, "Unreviewed Y")
        submit(translator, translation)

    html = public_text(home_url)
    assert "Kontakt" in html
    assert "Unreviewed" not in html and "evil.example" not in html
    stored = FooterText.objects.get(pk=german.pk)
    assert stored.live and stored.live_revision_id == live_revision_id
    assert stored.body == "<p>Kontakt</p>"
    assert "Unreviewed Y" in stored.latest_revision.as_object().body  # kept for staff

    stored.latest_revision.publish(user=people["carla"])
    assert "Unreviewed Y" in public_text(home_url)


def test_a_newsletter_issue_mails_only_the_approved_text(
    translator, people, home_page, locales, django_capture_on_commit_callbacks
):
    from newsletters.sending.rendering import render_edition
    from tests.factories.newsletters import NewsletterIndexPageFactory, NewsletterPageFactory

    archive = NewsletterIndexPageFactory(parent=home_page)
    translate_all(archive, locales["de"], people["carla"])
    issue = NewsletterPageFactory(parent=archive, title="Spring issue", preheader="Hello")
    german = translate_all(issue, locales["de"], people["carla"])
    translation = translation_of(issue, locales["de"])
    live_revision_id, last_published_at = german.live_revision_id, german.last_published_at

    with django_capture_on_commit_callbacks(execute=True):
        edit_string(translator, translation, "preheader", "Unreviewed X")
        submit(translator, translation)
        edit_string(translator, translation, "preheader", EVIL)
        submit(translator, translation)

    assert_untouched(german, live_revision_id, last_published_at)
    assert "evil.example" not in public_text(german.url)
    edition = render_edition(issue.edition_page("de"), "de")
    assert "(de) Hello" in edition.html and "(de) Hello" in edition.text
    assert "evil.example" not in edition.html + edition.text


def test_a_submit_with_an_untranslated_string_keeps_the_source_text_in_the_draft(
    translator, people, german_news, locales
):
    news, german = german_news
    translation = translation_of(news, locales["de"])
    segment = StringSegment.objects.filter(source=translation.source, context__path="lead").get()
    url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
    assert translator.delete(url).status_code == 200
    submit(translator, translation)
    stored = Page.objects.get(pk=german.pk)
    assert stored.live_revision_id == german.live_revision_id
    assert stored.get_latest_revision_as_object().lead == "Partners met"
    assert "(de) Partners met" in public_text(german.url)


def test_staff_sync_and_publish_sends_unreviewed_strings_to_review_instead(
    translator, people, german_news, locales, django_capture_on_commit_callbacks
):
    news, german = german_news
    translation = translation_of(news, locales["de"])
    live_revision_id = german.live_revision_id
    staff = Client()
    staff.force_login(people["carla"])

    with django_capture_on_commit_callbacks(execute=True):
        edit_string(translator, translation, "title", "Unreviewed X")  # not submitted
        news.lead = "Partners met again"
        news.save_revision().publish()
        source = TranslationSource.objects.get(object_id=news.translation_key)
        url = reverse("wagtail_localize:update_translations", args=[source.pk])
        response = staff.post(url, {"publish_translations": "on"}, follow=True)
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any("sent for review instead" in m for m in shown), (response.redirect_chain, shown)

    html = public_text(german.url)
    assert APPROVED in html and "Unreviewed" not in html
    stored = Page.objects.get(pk=german.pk)
    assert stored.live_revision_id == live_revision_id
    assert stored.get_latest_revision_as_object().title == "Unreviewed X"
    assert stored.workflow_in_progress
