"""Bulk indexing hands every save back to Wagtail's own indexing when the last block ends."""

from wagtail.models import Page

import pytest

from home.bulk_indexing import indexing_in_bulk
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    return sorted(page.title for page in Page.objects.search(query))


def test_pages_saved_in_nested_blocks_and_after_them_are_all_found_by_search(home_page):
    with indexing_in_bulk():
        with indexing_in_bulk():
            StandardPageFactory(parent=home_page, slug="inner", title="Orbit inner")
        StandardPageFactory(parent=home_page, slug="outer", title="Orbit outer")
    StandardPageFactory(parent=home_page, slug="after", title="Orbit after")
    assert found("orbit") == ["Orbit after", "Orbit inner", "Orbit outer"]
