"""Translations stored before strings were cleaned on save are cleaned by a data migration: the
strings themselves, and the text they had put into the translated page (its row, which visitors
see, its revisions, which reviewers preview, and its draft title)."""

import importlib
import json

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

import pytest

from tests.translation import test_markup_paths
from tests.translation.test_markup_paths import PAYLOAD, hostile
from tests.translation.test_review import public_text, translation_of

pytestmark = pytest.mark.django_db

MIGRATION = ("translation_workflow", "0002_clean_translated_markup")

# The published German news item and its people, as the cleaner's own tests build them.
people = test_markup_paths.people
german_news = test_markup_paths.german_news


def run_migration() -> None:
    """The migration's function, with the models as they are at that migration."""
    module = importlib.import_module(f"translation.migrations.{MIGRATION[1]}")
    state = MigrationExecutor(connection).loader.project_state(MIGRATION)
    module.clean_stored_translations(state.apps, connection.schema_editor())


def store_unchecked(translation, segment: StringSegment, data: str) -> None:
    """Write a translation the way older code did: without the cleaner (no `save()`)."""
    StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=translation.target_locale
    ).update(data=data)


@pytest.fixture
def dirty_german_news(german_news, people, locales):
    news, german = german_news
    translation = translation_of(news, locales["de"])
    paragraph = StringSegment.objects.get(
        source=translation.source, string__data__startswith="Teachers meet"
    )
    title = StringSegment.objects.get(source=translation.source, context__path="title")
    store_unchecked(translation, paragraph, f'{PAYLOAD} <a id="a1">Zentren</a>')
    store_unchecked(translation, title, "Treffen\r\nBcc: alle@example.org")
    translation.save_target(user=people["carla"], publish=True)
    Page.objects.filter(pk=german.pk).update(draft_title="Treffen\r\nBcc: alle@example.org")
    german = Page.objects.get(pk=german.pk).specific
    assert hostile(public_text(german.url))  # what visitors got before the migration
    return translation, german, paragraph, title


def test_the_migration_cleans_the_strings(dirty_german_news):
    translation, _german, paragraph, title = dirty_german_news
    run_migration()
    stored = StringTranslation.objects.filter(locale=translation.target_locale)
    assert stored.get(context=paragraph.context, translation_of=paragraph.string).data == (
        'Text --&gt; <a id="a1">Zentren</a>'
    )
    assert stored.get(context=title.context).data == "Treffen Bcc: alle@example.org"


def test_the_migration_cleans_the_live_page_its_revisions_and_its_draft_title(
    dirty_german_news,
):
    _translation, german, _paragraph, _title = dirty_german_news
    run_migration()

    html = public_text(german.url)
    assert hostile(html) == []
    assert "Zentren" in html
    page = Page.objects.get(pk=german.pk)
    assert page.title == page.draft_title == "Treffen Bcc: alle@example.org"
    for revision in page.revisions.all():
        assert hostile(json.dumps(revision.content)) == []
        assert "\r\n" not in revision.content["title"]


def test_clean_translations_are_left_as_they_are(german_news, locales):
    before = list(StringTranslation.objects.order_by("pk").values_list("data", "updated_at"))
    run_migration()
    assert list(StringTranslation.objects.order_by("pk").values_list("data", "updated_at")) == (
        before
    )
