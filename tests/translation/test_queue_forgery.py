# ruff: noqa: F811  (the fixtures are imported from test_translator_groups)
"""A German translator forging requests for French content is refused and nothing changes:
the page editor (and its Submit for review), the snippet editor, the submit endpoint."""

from django.urls import reverse

from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation

import pytest

from home.models import FooterText
from tests.translation.test_translator_groups import denied, german_translator, tree  # noqa: F401

pytestmark = pytest.mark.django_db

AJAX = {"x-requested-with": "XMLHttpRequest"}  # how scripts are answered: a plain 403


def test_forged_page_edit_and_submit_for_another_locale_change_nothing(
    client,
    tree,
    german_translator,
):
    french = tree["fr"]
    before = Page.objects.get(pk=french.pk)
    client.force_login(german_translator)
    url = reverse("wagtailadmin_pages:edit", args=[french.pk])
    for data in ({"title": "Piraté", "slug": "pirate"}, {"action": "publish"}):
        assert denied(client.post(url, data))
        assert client.post(url, data, headers=AJAX).status_code == 403
    translation = Translation.objects.get(
        source__object_id=french.translation_key, target_locale=french.locale
    )
    submit = reverse("translation_submit_for_review", args=[translation.pk])
    assert denied(client.post(submit))
    after = Page.objects.get(pk=french.pk)
    assert (after.title, after.latest_revision_id) == (before.title, before.latest_revision_id)
    assert not WorkflowState.objects.filter(object_id=str(french.pk)).exists()


def test_forged_snippet_edit_for_another_locale_changes_nothing(
    client,
    tree,
    german_translator,
):
    french = tree["footers"]["fr"]
    client.force_login(german_translator)
    url = reverse("wagtailsnippets_home_footertext:edit", args=[french.pk])
    assert denied(client.post(url, {"body": "<p>Piraté</p>"}))
    assert client.post(url, {"body": "<p>Piraté</p>"}, headers=AJAX).status_code == 403
    assert FooterText.objects.get(pk=french.pk).body == french.body
