"""The demo gives newcomers partner translators to log in as (German and French at least)."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management.base import OutputWrapper

from wagtail.models import WorkflowPage

import pytest

from demo import builders as demo
from demo.steps import STEPS
from demo.translators import build_translators
from translation.groups import translator_locale_ids

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def credentials_in_tmp(tmp_path, monkeypatch):
    """Keep the generated demo passwords out of the checkout's var/ folder."""
    path = tmp_path / "demo-credentials.txt"
    path.write_text("admin:secret-admin\n")
    monkeypatch.setattr(demo, "credentials_path", lambda: path)
    return path


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")


@pytest.fixture
def french_home(home_page, locales):
    page = home_page.copy_for_translation(locales["fr"])
    page.save_revision().publish()
    return page


def run_step(superuser) -> demo.DemoContext:
    context = demo.DemoContext(stdout=OutputWrapper(StringIO()), user=superuser)
    build_translators(context)
    return context


def test_demo_step_runs_after_the_pages():
    steps = list(STEPS)
    assert "translators" in steps
    assert steps.index("translators") > steps.index("home")


def test_demo_creates_groups_and_a_translator_per_language_with_logins(
    client, superuser, german_home, french_home, locales, credentials_in_tmp
):
    context = run_step(superuser)
    logins = dict(context.logins)
    assert set(logins) == {"translator-de", "translator-fr"}
    greta = get_user_model().objects.get(username="translator-de")
    assert translator_locale_ids(greta) == frozenset({locales["de"].pk})
    assert WorkflowPage.objects.filter(page=german_home).exists()  # staff review their work
    saved = credentials_in_tmp.read_text().splitlines()
    assert saved[0] == "admin:secret-admin"
    assert f"translator-de:{logins['translator-de']}" in saved
    assert demo.read_demo_credentials() == ("admin", "secret-admin")
    assert greta.check_password(logins["translator-de"])


def test_demo_translators_are_created_once(superuser, german_home, french_home):
    first = dict(run_step(superuser).logins)
    second = dict(run_step(superuser).logins)
    assert first == second
    assert get_user_model().objects.filter(username__startswith="translator-").count() == 2
