"""Every page type of the project goes through wagtail-localize and renders translated:
segments extracted, every string translated, the target saved, published and served."""

import html

from wagtail.models import get_page_models
from wagtail_localize.models import StringSegment, Translation, TranslationSource

import polib
import pytest

from tests.translation.conftest import BUILDERS, PROJECT_APPS, fake_translation, translate_all

pytestmark = pytest.mark.django_db

PAGE_LABELS = sorted(
    model._meta.label_lower
    for model in get_page_models()
    if model._meta.app_label in PROJECT_APPS and not model._meta.abstract
)


def test_every_page_type_of_the_project_has_a_translation_test():
    """A new page type fails here until it gets a builder with realistic content."""
    assert set(PAGE_LABELS) == set(BUILDERS), "add a builder in tests/translation/conftest.py"


def visible_html(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("label", PAGE_LABELS)
def test_page_type_renders_every_string_translated(label, build_page, locales, client):
    built = build_page(label)
    source, _created = TranslationSource.get_or_create_from_instance(built.page)
    strings = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )
    missing = [text for text in built.visible if not any(text in s for s in strings)]
    assert not missing, f"not offered to translators: {missing}"

    german = translate_all(built.page, locales["de"])

    response = client.get(german.url)
    assert response.status_code == 200
    page = visible_html(response)
    untranslated = [text for text in built.visible if f"(de) {text}" not in page]
    assert not untranslated, f"shown untranslated on the German page: {untranslated}"
    assert german.slug.endswith("-de")


@pytest.mark.parametrize("label", PAGE_LABELS)
def test_page_type_survives_a_po_file_round_trip(label, build_page, locales, client):
    """Export a PO file, translate it offline, import it back: the French page shows it."""
    built = build_page(label)
    source, _created = TranslationSource.get_or_create_from_instance(built.page)
    translation = Translation.objects.create(source=source, target_locale=locales["fr"])

    po = polib.pofile(str(translation.export_po()))
    assert len(po) == StringSegment.objects.filter(source=source).count()
    for entry in po:
        entry.msgstr = fake_translation(entry.msgctxt, entry.msgid, "fr")
    warnings = translation.import_po(polib.pofile(str(po)))
    assert warnings == []
    total, translated = translation.get_progress()
    assert total == translated

    translation.save_target(publish=False)
    french = translation.get_target_instance().specific
    french.get_latest_revision().publish()
    response = client.get(french.url)
    assert response.status_code == 200
    page = visible_html(response)
    assert [text for text in built.visible if f"(fr) {text}" not in page] == []
