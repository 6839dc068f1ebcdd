"""Every visitor-facing model can be translated, and each field is extracted the right way.

Tests marked xfail(strict=True) record findings in other apps, with the fix in their reason: once
the owning app applies the fix the test passes, strict xfail fails, and the marker is removed.
"""

import json

from django.test import RequestFactory
from django.urls import reverse

from wagtail.models import TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    Translation,
    TranslationSource,
)

import pytest

from events.models import EventCategory
from home.models import FooterText, MainMenu, MainMenuItem
from network.models import BookletPage, NewsCategory, PartnerContact, Person
from newsletters.models import Topic
from tests.factories.network import BookletIndexPageFactory, BookletPageFactory, NewsCategoryFactory
from tests.translation.conftest import PROJECT_APPS, make_document, save_and_publish

pytestmark = pytest.mark.django_db

VISITOR_FACING_SNIPPETS = [MainMenu, FooterText, Person, NewsCategory, EventCategory, Topic]


def field_kinds(model) -> dict[str, str]:
    return {field.field_name: type(field).__name__ for field in get_translatable_fields(model)}


@pytest.mark.parametrize("model", VISITOR_FACING_SNIPPETS, ids=lambda m: m._meta.label)
def test_visitor_facing_snippet_is_translatable_and_registered(model):
    # Snippet viewsets inside admin viewset groups (newsletter topics) register when the admin
    # URLconf loads, as it has by the time wagtail-localize looks for snippets.
    reverse("wagtailadmin_home")
    assert issubclass(model, TranslatableMixin)
    assert model in get_snippet_models()


def test_every_project_snippet_is_translatable():
    reverse("wagtailadmin_home")
    ours = [m for m in get_snippet_models() if m._meta.app_label in PROJECT_APPS]
    assert [m._meta.label for m in ours if not issubclass(m, TranslatableMixin)] == []


def test_snippets_are_offered_for_translation(client, superuser, locales):
    footer = FooterText.objects.create(body="<p>Contact</p>", locale=locales["en"])
    client.force_login(superuser)
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["home", "footertext", footer.pk]
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "German" in response.content.decode()


def test_main_menu_labels_are_translated():
    assert field_kinds(MainMenu)["items"] == "TranslatableField"
    assert field_kinds(MainMenuItem)["label"] == "TranslatableField"


def test_partner_contact_roles_are_translated():
    from network.models import PartnerPage

    assert field_kinds(PartnerPage)["contacts"] == "TranslatableField"
    assert field_kinds(PartnerContact)["role"] == "TranslatableField"


def test_news_category_slug_is_synchronised():
    assert field_kinds(NewsCategory)["slug"] == "SynchronizedField"


def test_booklet_identifiers_are_synchronised():
    kinds = field_kinds(BookletPage)
    assert kinds["isbn"] == kinds["doi"] == "SynchronizedField"


def test_translated_news_shows_the_categories_of_its_language(home_page, german_home, locales):
    from tests.factories.network import NewsIndexPageFactory, NewsPageFactory
    from tests.translation.conftest import translate_all

    english_category = NewsCategoryFactory(name="Meetings", slug="meetings", locale=locales["en"])
    german_category = english_category.copy_for_translation(locales["de"])
    german_category.name = "Treffen"
    german_category.save()
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page))
    news.categories.set([english_category])
    news.save_revision().publish()
    german = translate_all(news, locales["de"])
    german_index = german.get_parent().specific  # an alias of the English index
    assert [c.name for c in german_index.get_context(RequestFactory().get("/"))["categories"]] == [
        "Treffen"
    ]
    page_context = german.get_context(RequestFactory().get("/"))
    assert [c.name for c in page_context["categories"]] == ["Treffen"]


def test_body_list_items_saved_with_ids_are_offered(home_page):
    from tests.factories.home import StandardPageFactory

    page = StandardPageFactory(
        parent=home_page,
        body=json.dumps(
            [
                {
                    "type": "accordion",
                    "value": {
                        "heading": "FAQ",
                        "questions": [
                            {"question": "Plain", "answer": "<p>No id</p>"},
                        ],
                    },
                }
            ]
        ),
    )
    source, _created = TranslationSource.get_or_create_from_instance(page)
    strings = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )
    # Upstream skips list items stored without ids (old list format): content created in code
    # (demo content, imports) must give every list item an id, as the editor does.
    assert "FAQ" in strings
    assert "Plain" not in strings


def test_a_booklet_translation_can_swap_in_its_own_pdf_and_keeps_it_after_a_sync(
    client, superuser, home_page, german_home, locales
):
    booklet = BookletPageFactory(
        parent=BookletIndexPageFactory(parent=home_page),
        summary="Quality criteria",
        document=make_document("guidelines-en"),
    )
    source, _created = TranslationSource.get_or_create_from_instance(booklet)
    translation = Translation.objects.create(source=source, target_locale=locales["de"])
    translation.save_target(publish=False)  # the German draft the editor works on
    segment = OverridableSegment.objects.get(source=source, context__path="document")
    german_pdf = make_document("leitlinien-de")
    client.force_login(superuser)
    response = client.put(
        reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk]),
        f"value={german_pdf.pk}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201)
    assert SegmentOverride.objects.filter(locale=locales["de"]).exists()
    german = save_and_publish(translation)
    assert german.document == german_pdf

    booklet.summary = "Quality criteria, revised"
    booklet.save_revision().publish()
    source.update_from_db()
    german = save_and_publish(translation)
    assert german.document == german_pdf
    assert german.summary == "Quality criteria, revised"
    assert booklet.document.title == "guidelines-en"
