"""What changed, sentence by sentence: after the source changes, translators see how many
sentences changed (queue, status report, CSV), each one's old and new text next to their
previous translation in the editor, and get one email per language for the change."""

import csv
import io

from django.urls import reverse

from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

import pytest

from tests.factories.home import StandardPageFactory
from tests.translation.conftest import start_translation, translate_all, translate_first
from translation.changes import changed_segments
from translation.groups import setup_translator_groups
from translation.queue import translator_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(home_page, german_home, make_user):
    groups = setup_translator_groups()
    return {
        "anna": make_user("anna", groups.translator_groups["de"]),
        "berta": make_user("berta", groups.translator_groups["de"]),
        "felix": make_user("felix", groups.translator_groups["fr"]),
    }


@pytest.fixture
def page(home_page, locales, people):
    """About, fully translated into German and French and published in both."""
    page = StandardPageFactory(
        parent=home_page, title="About", slug="about", intro="Who we are", search_description=""
    )
    translate_all(page, locales["de"])
    translate_all(page, locales["fr"])
    return page


def change_and_sync(client, superuser, page: Page, **fields) -> None:
    """Staff edit the source, publish it and choose "Sync translated pages"."""
    page = Page.objects.get(pk=page.pk).specific
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(page)
    client.force_login(superuser)
    response = client.post(reverse("wagtail_localize:update_translations", args=[source.pk]))
    assert response.status_code == 302
    client.logout()


def test_the_editor_shows_old_and_new_text_next_to_the_previous_translation(
    client, superuser, page, locales, people
):
    change_and_sync(client, superuser, page, title="About the network", intro="Who we are now")
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locales["de"]
    )
    changes = {change.new_source: change for change in changed_segments(translation)}
    assert set(changes) == {"About the network", "Who we are now"}
    assert changes["Who we are now"].old_source == "Who we are"
    assert changes["Who we are now"].previous_translation == "(de) Who we are"
    assert changes["About the network"].field == "Title"

    german = page.get_translation(locales["de"])
    client.force_login(people["anna"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[german.pk])).content.decode()
    assert 'data-changed-sentences="2"' in html
    assert "<del>Who we are</del>" in html
    assert "<ins>Who we are now</ins>" in html
    assert "(de) Who we are" in html


def test_an_untouched_translation_shows_no_changes(client, page, locales, people):
    german = page.get_translation(locales["de"])
    client.force_login(people["anna"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[german.pk])).content.decode()
    assert "data-changed-sentences" not in html


def test_a_new_sentence_is_not_counted_as_changed(client, superuser, page, locales):
    change_and_sync(client, superuser, page, search_description="Brand new sentence")
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locales["de"]
    )
    assert changed_segments(translation) == []


def test_the_queue_and_the_report_count_the_changed_sentences(
    client, superuser, page, locales, people
):
    change_and_sync(client, superuser, page, intro="Who we are now")
    (item,) = translator_queue(people["anna"])
    assert item.changed == 1
    client.force_login(people["anna"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-changed="1"' in dashboard
    assert "1 sentence changed in the original" in dashboard

    client.force_login(superuser)
    report = client.get(reverse("translation_matrix"), {"locale": "de"}).content.decode()
    assert 'data-changed="1"' in report
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(reverse("translation_matrix_csv"), {"locale": "de"}).content.decode()
            )
        )
    )
    about = next(row for row in rows if row["Page"] == "About")
    assert about["Changed segments"] == "1"
    assert about["State"] == "outdated"


def test_each_language_gets_one_email_per_change_of_the_source(
    client, superuser, page, people, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change_and_sync(client, superuser, page, title="About the network", intro="New intro")
    ours = [m for m in mailoutbox if "Original changed" in m.subject]
    assert sorted(m.to[0] for m in ours) == [
        "anna@example.org",
        "berta@example.org",
        "felix@example.org",
    ]
    assert "2 sentences need a new translation into German" in next(
        m.body for m in ours if m.to == ["anna@example.org"]
    )

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change_and_sync(client, superuser, page)  # synced again, nothing changed
    assert [m for m in mailoutbox if "Original changed" in m.subject] == []


def test_the_csv_state_column_uses_the_five_documented_values(
    client, superuser, home_page, german_home, locales, people
):
    published = StandardPageFactory(parent=home_page, title="Published", slug="published")
    translate_all(published, locales["de"])
    StandardPageFactory(parent=home_page, title="Missing", slug="missing")
    in_progress = StandardPageFactory(parent=home_page, title="Half", slug="half", intro="Text")
    translate_first(start_translation(in_progress, locales["de"]), 1)
    outdated = StandardPageFactory(parent=home_page, title="Old", slug="old", intro="Text")
    translate_all(outdated, locales["de"])
    outdated = Page.objects.get(pk=outdated.pk).specific
    outdated.intro = "Changed text"
    outdated.save_revision().publish()
    review = StandardPageFactory(parent=home_page, title="Review", slug="review", intro="Text")
    translation = start_translation(review, locales["de"])
    translate_first(translation)
    client.force_login(people["anna"])
    client.post(reverse("translation_submit_for_review", args=[translation.pk]))

    client.force_login(superuser)
    response = client.get(reverse("translation_matrix_csv"), {"locale": "de"})
    rows = {row["Page"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert {
        title: rows[title]["State"] for title in ("Published", "Missing", "Half", "Old", "Review")
    } == {
        "Published": "published",
        "Missing": "missing",
        "Half": "in progress",
        "Old": "outdated",
        "Review": "awaiting review",
    }
    assert rows["Published"]["Percent"] == "100"
    assert rows["Missing"]["Percent"] == "0"
    assert 0 < int(rows["Half"]["Percent"]) < 100
    assert {row["Changed segments"] for row in rows.values()} == {"0"}
