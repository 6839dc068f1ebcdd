"""The translation history: for each page and language, who translated, reviewed and published
each version, and when, readable by staff and by that language's translators only."""

from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

import pytest

from tests.factories.home import StandardPageFactory
from tests.translation.conftest import start_translation, translate_all, translate_first
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(home_page, german_home, locales, make_user):
    groups = setup_translator_groups(can_publish=False)
    return {
        "anna": make_user("anna", groups.translator_groups["de"], first_name="Anna"),
        "pierre": make_user("pierre", groups.translator_groups["fr"]),
        "carla": make_user("carla", groups.staff_group, first_name="Carla"),
    }


def test_translator_and_staff_read_who_translated_reviewed_and_published_each_version(
    client, home_page, locales, people
):
    page = StandardPageFactory(parent=home_page, title="About", slug="about", intro="Us")
    translation = start_translation(page, locales["de"])
    translate_first(translation)
    client.force_login(people["anna"])
    assert (
        client.post(reverse("translation_submit_for_review", args=[translation.pk])).status_code
        == 302
    )
    german = page.get_translation(locales["de"])
    state = WorkflowState.objects.get(object_id=str(german.pk), status="in_progress")
    state.current_task_state.approve(user=people["carla"])

    url = reverse("wagtailadmin_pages:history", args=[german.pk])
    for person in ("anna", "carla"):
        client.force_login(people[person])
        response = client.get(url)
        assert response.status_code == 200, person
        html = response.content.decode()
        assert "Anna" in html and "Carla" in html
        assert "Approved" in html and "Published" in html


def test_a_translator_cannot_read_another_languages_history(client, home_page, locales, people):
    page = StandardPageFactory(parent=home_page, title="About", slug="about", intro="Us")
    french_home = home_page.copy_for_translation(locales["fr"])
    french_home.save_revision().publish()
    french = translate_all(page, locales["fr"], people["carla"])
    client.force_login(people["anna"])
    assert client.get(reverse("wagtailadmin_pages:history", args=[french.pk])).status_code == 403


def test_a_german_translator_reads_the_review_steps_with_german_names(
    client, home_page, locales, people
):
    """Wagtail stores the workflow's and task's names in each history entry as they were; a
    German translator reads them in German, staff with an English admin in English."""
    page = StandardPageFactory(parent=home_page, title="About", slug="about", intro="Us")
    translation = start_translation(page, locales["de"])
    translate_first(translation)
    client.force_login(people["anna"])
    client.post(reverse("translation_submit_for_review", args=[translation.pk]))
    german = page.get_translation(locales["de"])
    state = WorkflowState.objects.get(object_id=str(german.pk), status="in_progress")
    state.current_task_state.approve(user=people["carla"])
    profile = UserProfile.get_for_user(people["anna"])
    profile.preferred_language = "de"
    profile.save()

    url = reverse("wagtailadmin_pages:history", args=[german.pk])
    german_history = client.get(url).content.decode()
    assert "„Übersetzungsprüfung“ gestartet" in german_history
    assert "Freigegeben bei „Prüfung durch das Kommunikationsteam“" in german_history
    assert "Review by communications staff" not in german_history
    client.force_login(people["carla"])
    english_history = client.get(url).content.decode()
    assert "Approved at &#x27;Review by communications staff&#x27;" in english_history
