"""Every old address of a translated page keeps working: slug changes in any language, moves of
a page with translations, and deleted translations all leave a permanent redirect."""

from django.urls import reverse

from wagtail.models import Page
from wagtail_localize.models import TranslationSource

import pytest

from tests.factories.home import StandardPageFactory
from tests.translation.conftest import translate_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page, german_home, locales):
    """About (with a Team child) and Projects, each translated into German and published."""
    about = StandardPageFactory(parent=home_page, title="About", slug="about", intro="Us")
    team = StandardPageFactory(parent=about, title="Team", slug="team", intro="People")
    projects = StandardPageFactory(parent=home_page, title="Projects", slug="projects", intro="P")
    german = {page.slug: translate_all(page, locales["de"]) for page in (about, projects, team)}
    return about, team, projects, german


def assert_moved_permanently(client, old: str, new: str) -> None:
    response = client.get(old)
    assert response.status_code == 301, old
    assert response["Location"] == new
    assert client.get(new).status_code == 200, new


def test_changing_the_german_slug_redirects_its_old_address_and_its_childrens(
    client, tree, django_capture_on_commit_callbacks
):
    _about, _team, _projects, german = tree
    assert german["about"].url == "/de/about-de/"
    with django_capture_on_commit_callbacks(execute=True):
        page = Page.objects.get(pk=german["about"].pk).specific
        page.slug = "ueber-uns"
        page.save_revision().publish()
    assert_moved_permanently(client, "/de/about-de/", "/de/ueber-uns/")
    assert_moved_permanently(client, "/de/about-de/team-de/", "/de/ueber-uns/team-de/")
    assert client.get("/en/about/").status_code == 200


def test_a_new_source_slug_synced_into_german_redirects_the_old_german_address(
    client, tree, django_capture_on_commit_callbacks
):
    about, _team, _projects, german = tree
    with django_capture_on_commit_callbacks(execute=True):
        about.slug = "about-us"
        about.save_revision().publish()
        source = TranslationSource.objects.get_for_instance(about)
        source.update_from_db()
        for translation in source.translations.all():
            translation.save_target(publish=True)
    new_german = Page.objects.get(pk=german["about"].pk).url
    assert new_german != "/de/about-de/"
    assert_moved_permanently(client, "/de/about-de/", new_german)
    assert_moved_permanently(client, "/en/about/", "/en/about-us/")


def test_moving_a_page_in_the_admin_moves_its_translations_and_redirects_every_language(
    client, tree, superuser, django_capture_on_commit_callbacks
):
    about, _team, projects, german = tree
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:move_confirm", args=[about.pk, projects.pk])
    assert "translation" in client.get(url).content.decode()  # the screen says they move too
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    moved = Page.objects.get(pk=german["about"].pk)
    assert moved.get_parent().pk == german["projects"].pk
    client.logout()
    assert_moved_permanently(client, "/en/about/", "/en/projects/about/")
    assert_moved_permanently(client, "/de/about-de/", "/de/projects-de/about-de/")
    assert_moved_permanently(client, "/de/about-de/team-de/", "/de/projects-de/about-de/team-de/")


def test_moving_a_page_in_code_moves_its_translations_too(
    client, tree, django_capture_on_commit_callbacks
):
    about, _team, projects, _german = tree
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=about.pk).move(projects, pos="last-child")
    assert_moved_permanently(client, "/de/about-de/", "/de/projects-de/about-de/")


def test_a_translation_stays_put_when_its_new_parent_is_not_translated(
    client, tree, home_page, django_capture_on_commit_callbacks
):
    about, _team, _projects, german = tree
    untranslated = StandardPageFactory(parent=home_page, title="Archive", slug="archive")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=about.pk).move(untranslated, pos="last-child")
    assert client.get("/de/about-de/").status_code == 200
    assert Page.objects.get(pk=german["about"].pk).get_parent().pk != untranslated.pk


def test_deleting_a_translation_redirects_its_address_to_the_source_page(
    client, tree, superuser, django_capture_on_commit_callbacks
):
    _about, _team, _projects, german = tree
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:delete", args=[german["about"].pk]))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=german["about"].pk).exists()
    client.logout()
    assert_moved_permanently(client, "/de/about-de/", "/en/about/")
    assert_moved_permanently(client, "/de/about-de/team-de/", "/en/about/team/")


def test_deleting_the_source_with_a_translation_leaves_no_redirect_to_nowhere(
    client, tree, django_capture_on_commit_callbacks
):
    about, _team, _projects, german = tree
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=german["about"].pk).delete()
        Page.objects.get(pk=about.pk).delete()
    assert client.get("/de/about-de/").status_code == 404
