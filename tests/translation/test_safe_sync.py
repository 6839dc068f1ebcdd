"""Safe sync: regression tests for wagtail-localize's known ways of losing translators' work
(upstream issues 876, 607, 861 and 855), against our own page types."""

import json

from django.urls import reverse

from wagtail.models import Page
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator

import pytest

from tests.factories.home import StandardPageFactory
from tests.translation.conftest import body, item, save_and_publish, translate_all
from translation import signals

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(home_page, german_home):
    """A published English page with a body (headings, rich text with links, an accordion)."""
    return StandardPageFactory(
        parent=home_page, title="About", slug="about", intro="Who we are", body=body(home_page)
    )


def translation_of(page, locale) -> Translation:
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def publish_source(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def set_heading(page, text: str) -> str:
    data = json.loads(page.body.get_prep_value() and json.dumps(page.body.get_prep_value()))
    data[0]["value"]["text"] = text
    return json.dumps(data)


# --- Sync translated pages updates only what changed ---------------------------------------------


def test_sync_replaces_only_changed_segments_and_keeps_the_rest(
    client, superuser, english, locales
):
    german = translate_all(english, locales["de"])
    # A translator's own edit of one segment, made in the translation editor.
    heading = StringSegment.objects.get(
        source__object_id=english.translation_key, string__data="Who we are"
    )
    StringTranslation.objects.filter(translation_of=heading.string, locale=locales["de"]).update(
        data="Wer wir sind"
    )

    english = publish_source(english, body=set_heading(english, "Goals of the network"))
    client.force_login(superuser)
    source = TranslationSource.objects.get(object_id=english.translation_key)
    with_commit = client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    assert with_commit.status_code == 302
    german.refresh_from_db()
    html = client.get(german.url).content.decode()
    assert "Goals of the network" in html  # changed: waits for translation, shown in English
    assert "(de) Aims of the network" not in html
    assert "Wer wir sind" in html  # the translator's edit survives
    assert "(de) Common questions" in html  # unchanged segments keep their translation
    assert "(de) Teachers meet" in html


# --- 876: restarting a synced translation after editing by hand ----------------------------------


def stop_and_edit_by_hand(client, user, german, locales):
    translation = translation_of(german, locales["de"])
    client.force_login(user)
    edit_url = reverse("wagtailadmin_pages:edit", args=[german.pk])
    client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": edit_url}
    )
    german = Page.objects.get(pk=german.pk).specific
    german.intro = "Von Hand geschrieben"
    german.save_revision(user=user).publish(user=user)
    return translation


def restart(client, german):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[german.pk]),
        {"localize-restart-translation": "Start Synced translation"},
    )


def test_restarting_sync_keeps_the_text_written_by_hand(client, superuser, english, locales):
    german = translate_all(english, locales["de"])
    translation = stop_and_edit_by_hand(client, superuser, german, locales)

    assert restart(client, german).status_code == 302
    translation.refresh_from_db()
    assert translation.enabled
    republished = save_and_publish(translation, superuser)
    assert republished.intro == "Von Hand geschrieben"
    assert "(de) Aims of the network" in client.get(republished.url).content.decode()


def test_upstream_restart_alone_loses_the_text_written_by_hand(client, superuser, english, locales):
    """Issue 876 reproduced: without our receiver the rebuild restores the old translation."""
    german = translate_all(english, locales["de"])
    translation = stop_and_edit_by_hand(client, superuser, german, locales)
    signals.pre_save.disconnect(signals.keep_manual_edits_on_resync, sender=Translation)
    try:
        restart(client, german)
    finally:
        signals.pre_save.connect(signals.keep_manual_edits_on_resync, sender=Translation)
    translation.refresh_from_db()
    assert save_and_publish(translation).intro == "(de) Who we are"


def test_restart_is_refused_when_hand_edits_cannot_be_carried_over(
    client, superuser, english, locales
):
    german = translate_all(english, locales["de"])
    translation = stop_and_edit_by_hand(client, superuser, german, locales)
    german = Page.objects.get(pk=german.pk).specific
    data = json.loads(json.dumps(german.body.get_prep_value()))
    paragraph = next(block for block in data if block["type"] == "paragraph")
    paragraph["value"] += "<p>Ein neuer Absatz, nur auf Deutsch.</p>"
    german.body = json.dumps(data)
    german.save_revision(user=superuser).publish(user=superuser)

    response = restart(client, german)
    assert response.status_code == 302
    translation.refresh_from_db()
    assert not translation.enabled
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("was not restarted" in message and "body" in message for message in messages)
    assert "Ein neuer Absatz" in client.get(german.url).content.decode()


def test_translating_a_subtree_again_keeps_hand_edits_of_stopped_children(
    superuser, english, locales, client
):
    """Translating a subtree silently restarts stopped translations of the pages below it."""
    german = translate_all(english, locales["de"])
    translation = stop_and_edit_by_hand(client, superuser, german, locales)
    creator = TranslationCreator(superuser, [locales["de"]])
    creator.create_translations(english)
    translation.refresh_from_db()
    assert translation.enabled
    assert Page.objects.get(pk=german.pk).specific.intro == "Von Hand geschrieben"


# --- 607: stopping sync, then saving, must keep the saved edits ----------------------------------


def test_stopped_translation_keeps_saved_edits_and_sync_leaves_it_alone(
    client, superuser, english, locales
):
    german = translate_all(english, locales["de"])
    stop_and_edit_by_hand(client, superuser, german, locales)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[german.pk]))
    assert response.status_code == 200
    assert "Von Hand geschrieben" in response.content.decode()  # the ordinary edit form

    english = publish_source(english, intro="Who we really are")
    source = TranslationSource.objects.get(object_id=english.translation_key)
    client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    assert Page.objects.get(pk=german.pk).specific.intro == "Von Hand geschrieben"


def test_translators_cannot_convert_a_translation_back_into_an_english_copy(
    client, english, locales, make_user
):
    from translation.groups import setup_translator_groups

    german = translate_all(english, locales["de"])
    translator = make_user("anna", setup_translator_groups().translator_groups["de"])
    client.force_login(translator)
    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[german.pk]))
    assert response.status_code in (302, 403)
    german.refresh_from_db()
    assert german.alias_of_id is None
    assert german.intro == "(de) Who we are"


# --- 861: translations made from an old version of the source ------------------------------------


def test_submitting_a_source_with_unpublished_changes_is_refused(
    client, superuser, english, locales
):
    english.intro = "A draft nobody approved"
    english.save_revision()
    client.force_login(superuser)
    url = reverse("wagtail_localize:submit_page_translation", args=[english.pk])
    response = client.post(url, {"locales": [locales["fr"].pk]})
    assert response.status_code == 302
    assert not Translation.objects.filter(target_locale=locales["fr"]).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("not published" in message for message in messages)


def test_syncing_a_source_with_unpublished_changes_is_refused(client, superuser, english, locales):
    german = translate_all(english, locales["de"])
    english.intro = "A draft nobody approved"
    english.save_revision()
    client.force_login(superuser)
    source = TranslationSource.objects.get(object_id=english.translation_key)
    client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    assert Page.objects.get(pk=german.pk).specific.intro == "(de) Who we are"


def test_a_new_language_is_translated_from_the_current_source(client, superuser, english, locales):
    translate_all(english, locales["de"])
    english = publish_source(english, intro="Who we are today")
    client.force_login(superuser)
    url = reverse("wagtail_localize:submit_page_translation", args=[english.pk])
    with_on_commit = client.post(url, {"locales": [locales["fr"].pk]})
    assert with_on_commit.status_code == 302
    french = english.get_translation(locales["fr"]).specific
    assert french.intro == "Who we are today"


def test_upstream_submission_uses_the_stale_snapshot(superuser, english, locales):
    """Issue 861 (and its cousin) reproduced: upstream alone translates the old text."""
    translate_all(english, locales["de"])
    english = publish_source(english, intro="Who we are today")
    TranslationCreator(superuser, [locales["fr"]]).create_translations(english)
    assert english.get_translation(locales["fr"]).specific.intro == "Who we are"


# --- 855: a list of choosers with only some items overridden --------------------------------------


def test_list_items_with_only_one_link_overridden_publish(client, home_page, german_home, locales):
    page = StandardPageFactory(
        parent=home_page,
        slug="faq",
        body=json.dumps(
            [
                {
                    "type": "accordion",
                    "value": {
                        "heading": "FAQ",
                        "questions": [
                            item(
                                {
                                    "question": "One",
                                    "answer": '<p><a href="https://example.org/1">a</a></p>',
                                }
                            ),
                            item(
                                {
                                    "question": "Two",
                                    "answer": '<p><a href="https://example.org/2">b</a></p>',
                                }
                            ),
                        ],
                    },
                }
            ]
        ),
    )
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locales["de"])
    link = OverridableSegment.objects.get(source=source, data_json='"https://example.org/1"')
    SegmentOverride.objects.create(
        locale=locales["de"], context=link.context, data_json='"https://example.org/de/1"'
    )
    german = save_and_publish(translation)
    html = client.get(german.url).content.decode()
    assert 'href="https://example.org/de/1"' in html
    assert 'href="https://example.org/2"' in html
