"""Our stricter versions of wagtail-localize's views answer at wagtail-localize's addresses: a
release that moves one of those addresses would otherwise bypass ours without a failing test."""

import inspect

from django.urls import resolve, reverse

import pytest

from translation import hardening, views

OVERRIDES = [
    ("submit_page_translation", {"page_id": 3}, views.SafeSubmitPageTranslationView),
    (
        "submit_snippet_translation",
        {"app_label": "home", "model_name": "mainmenu", "pk": "1"},
        views.SafeSubmitSnippetTranslationView,
    ),
    ("update_translations", {"translation_source_id": 1}, views.SafeUpdateTranslationsView),
    (
        "edit_string_translation",
        {"translation_id": 1, "string_segment_id": 2},
        hardening.edit_string_translation,
    ),
    ("upload_pofile", {"translation_id": 1}, hardening.upload_pofile),
]


@pytest.mark.parametrize(("name", "kwargs", "ours"), OVERRIDES, ids=[o[0] for o in OVERRIDES])
def test_wagtail_localizes_address_reaches_our_view(name, kwargs, ours):
    func = resolve(reverse(f"wagtail_localize:{name}", kwargs=kwargs)).func
    assert getattr(func, "view_class", None) is ours or inspect.unwrap(func) is ours
