"""The demo-content command builds a realistic site and is idempotent."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from wagtail.models import Locale, Page, Revision, Site, WorkflowState
from wagtail_localize.models import StringTranslation, TranslationSource

import pytest

from home.models import FooterText, HomePage, MainMenu, StandardPage
from translation.models import GlossaryTerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def load(django_capture_on_commit_callbacks):
    """Run the command; on-commit work (wagtail-localize publishes translations then) runs too."""

    def run(*args: str) -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("load_demo_content", "--allow-production", *args, stdout=out)
        return out.getvalue()

    return run


def snapshot() -> dict:
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "live", "url_path")),
        "revisions": Revision.objects.count(),
        "locales": Locale.objects.count(),
        "users": get_user_model().objects.count(),
        "menus": MainMenu.objects.count(),
        "footers": FooterText.objects.count(),
        "site_root": Site.objects.get(is_default_site=True).root_page_id,
        # The translation lifecycle's states (`demo.lifecycle`): nothing is translated, synced,
        # reviewed or added to the glossary again.
        "glossary": GlossaryTerm.objects.count(),
        "workflows": list(WorkflowState.objects.order_by("pk").values_list("pk", "status")),
        "strings": StringTranslation.objects.count(),
        "sources": list(
            TranslationSource.objects.order_by("pk").values_list("pk", "last_updated_at")
        ),
    }


def test_demo_content_builds_a_home_page_in_every_language_with_about_and_outputs(
    client, load, settings
):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8111"
    output = load()
    english_home = HomePage.objects.get(locale__language_code="en")
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == english_home.pk
    assert site.root_url == "http://127.0.0.1:8111", "links use the configured site URL"
    assert HomePage.objects.count() == len(Locale.objects.all()) == 8
    titles = set(StandardPage.objects.values_list("title", flat=True))
    assert {"About the network", "Project outputs"} <= titles
    assert "Demo login: admin / " in output
    german = client.get("/de/").content.decode()
    assert "Bessere Fortbildung für alle MINT-Lehrkräfte in Europa" in german
    about = client.get("/en/about/").content.decode()
    assert "Essen in December 2014" in about


def test_running_the_demo_command_twice_changes_nothing(load):
    load()
    before = snapshot()
    output = load()
    assert snapshot() == before
    assert "0 new item(s)" in output


def test_demo_password_is_printed_again_on_a_second_run_and_works(client, load):
    first = load()
    password = first.split("Demo login: admin / ")[1].split()[0]
    assert f"admin / {password}" in load()
    response = client.post(
        "/admin/login/", {"username": "admin", "password": password}, follow=True
    )
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 200


def test_demo_command_refuses_to_run_on_a_production_like_site_without_a_flag(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("load_demo_content", stdout=StringIO())


def test_demo_command_runs_only_the_steps_asked_for_and_refuses_unknown_ones(load):
    output = load("--only", "home")
    assert "Demo step: home" in output
    assert "Demo step: network" not in output
    with pytest.raises(CommandError, match="Unknown demo step"):
        load("--only", "home,nonsense")
