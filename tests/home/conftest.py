"""Helpers for the home app's tests: pages with a given body, translations, renditions' media."""

import json

import pytest

from tests.factories.home import StandardPageFactory


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Images, renditions and documents made by tests are written to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def page_with_body(home_page):
    """Make a published standard page under the English home page with `blocks` as its body.

    `blocks` is a list of `(block_type, raw_value)` pairs in StreamField's stored JSON form.
    """

    def make(blocks: list[tuple[str, object]], slug: str = "blocks", **fields):
        body = json.dumps([{"type": kind, "value": value} for kind, value in blocks])
        return StandardPageFactory(parent=home_page, slug=slug, title="Blocks", body=body, **fields)

    return make


@pytest.fixture
def translate():
    """Publish a translation of `page` into `language` (its parent must already be translated)."""

    def make(page, language: str, **fields):
        from wagtail.models import Locale

        translation = page.copy_for_translation(Locale.objects.get(language_code=language))
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        translation.refresh_from_db()
        return translation

    return make
