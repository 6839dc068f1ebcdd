"""DeepL is off unless an operator supplies a key; tests never reach the internet."""

import runpy
import socket
from pathlib import Path

from django.urls import reverse

from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

import pytest

from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "site" / "settings" / "base.py"


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Any connection to a host other than 127.0.0.1 fails the test."""
    real_connect = socket.socket.connect

    def connect(self, address):
        if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "localhost"):
            raise AssertionError(f"network call to {address!r} in a test")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


def settings_with(monkeypatch, **env) -> dict:
    for name in ("DEEPL_AUTH_KEY",):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))


def test_machine_translation_is_off_without_a_key(monkeypatch, settings, client, superuser):
    assert settings_with(monkeypatch)["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"] is None
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
    assert get_machine_translator() is None


def test_a_key_in_the_environment_switches_deepl_on(monkeypatch):
    configured = settings_with(monkeypatch, DEEPL_AUTH_KEY="secret:fx")
    translator = configured["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"]
    assert translator["CLASS"] == "translation.glossary.DeepLGlossaryTranslator"
    assert translator["OPTIONS"]["AUTH_KEY"] == "secret:fx"


def test_deepl_translates_through_the_configured_endpoint(
    fake_deepl, settings, client, superuser, home_page, german_home, locales
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "test-key"},
    }
    page = StandardPageFactory(parent=home_page, title="About", slug="about", intro="Who we are")
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locales["de"])
    translation.save_target(publish=False)  # the German draft the editor works on
    client.force_login(superuser)
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )
    assert response.status_code == 302
    [request] = fake_deepl
    assert request["headers"]["Authorization"] == "DeepL-Auth-Key test-key"
    assert request["form"]["target_lang"] == ["DE"]
    assert request["form"]["source_lang"] == ["EN"]
    assert "Who we are" in request["form"]["text"]
    translated = StringTranslation.objects.get(locale=locales["de"], data="DE:Who we are")
    assert translated.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
    assert translated.tool_name == "DeepL"


def test_without_a_translator_the_machine_translation_action_is_not_found(
    rf, superuser, home_page, german_home, locales
):
    from django.http import Http404

    from wagtail_localize.views.edit_translation import machine_translate

    page = StandardPageFactory(parent=home_page, slug="about")
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locales["de"])
    request = rf.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    request.user = superuser
    with pytest.raises(Http404):
        machine_translate(request, translation.pk)
    assert not StringTranslation.objects.exists()
