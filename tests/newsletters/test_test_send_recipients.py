"""Test sends reach only addresses staff vouch for: a staff account's address once its owner
confirmed the link mailed to it, and the addresses listed in the newsletter settings. Partner
translators send no tests; they preview the e-mail in the browser."""

import re

from django.contrib.auth.models import Group
from django.core import mail

from wagtail.models import Site

import pytest

from newsletters.models import NewsletterSettings, Send
from tests.translation.conftest import make_user, translate_all  # noqa: F401 (fixture)
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db


def _test(client, page, addresses: str, language: str = "en"):
    return client.post(
        f"/admin/newsletter/issue/{page.pk}/send/",
        {"action": "test", "language": language, "addresses": addresses},
    )


def _mailed_link() -> str:
    (message,) = mail.outbox
    mail.outbox.clear()
    return re.search(r"https?://\S+/admin/newsletter/test-address/\S+/", message.body).group(0)


def _verify(client, issue) -> str:
    """Ask for the link from the send screen and confirm it; returns the link's path."""
    send_screen = f"/admin/newsletter/issue/{issue.pk}/send/"
    response = client.post("/admin/newsletter/test-address/", {"next": send_screen})
    assert response.status_code == 302 and response["Location"] == send_screen
    path = "/" + _mailed_link().split("/", 3)[3]
    assert client.get(path).status_code == 200  # a button, not yet verified
    assert client.post(path).status_code == 302
    return path


@pytest.fixture
def groups(issue):
    return setup_translator_groups()


@pytest.fixture
def staff(groups, make_user):  # noqa: F811
    return make_user("carla", groups.staff_group)


def test_staff_cannot_test_send_to_their_own_address_before_verifying_it(
    client, issue, staff, anymail_test_backend
):
    client.force_login(staff)
    response = _test(client, issue, staff.email)
    assert response.status_code == 200
    assert "Not allowed: carla@example.org" in response.content.decode()
    assert mail.outbox == [] and not Send.objects.exists()


def test_staff_test_send_to_their_address_once_they_confirmed_the_mailed_link(
    client, issue, staff, anymail_test_backend
):
    client.force_login(staff)
    html = client.get(f"/admin/newsletter/issue/{issue.pk}/send/").content.decode()
    assert "Send me a link to verify it" in html
    _verify(client, issue)
    assert _test(client, issue, staff.email.upper()).status_code == 302
    (message,) = mail.outbox
    assert message.to == [staff.email]
    html = client.get(f"/admin/newsletter/issue/{issue.pk}/send/").content.decode()
    assert "Send me a link to verify it" not in html


def test_a_mere_visit_of_the_link_verifies_nothing(client, issue, staff, anymail_test_backend):
    client.force_login(staff)
    client.post("/admin/newsletter/test-address/")
    client.get("/" + _mailed_link().split("/", 3)[3])  # a mail scanner follows links with GET
    assert _test(client, issue, staff.email).status_code == 200
    assert mail.outbox == []


def test_changing_the_account_email_adds_no_recipient(client, issue, staff, anymail_test_backend):
    client.force_login(staff)
    _verify(client, issue)
    response = client.post(
        "/admin/account/",
        {
            "name_email-first_name": "Carla",
            "name_email-last_name": "Staff",
            "name_email-email": "outsider@evil.example",
            "locale-preferred_language": "en",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.email == "outsider@evil.example"
    for address in ("outsider@evil.example", "carla@example.org"):
        response = _test(client, issue, address)
        assert f"Not allowed: {address}" in response.content.decode()
    assert mail.outbox == []


def test_a_link_mailed_before_the_address_changed_verifies_nothing(
    client, issue, staff, anymail_test_backend
):
    client.force_login(staff)
    client.post("/admin/newsletter/test-address/")
    path = "/" + _mailed_link().split("/", 3)[3]
    staff.email = "outsider@evil.example"
    staff.save()
    client.post(path)
    assert "Not allowed" in _test(client, issue, staff.email).content.decode()
    assert mail.outbox == []


def test_a_link_made_for_another_account_verifies_nothing(
    client,
    issue,
    staff,
    make_user,  # noqa: F811
    groups,
    anymail_test_backend,
):
    client.force_login(staff)
    client.post("/admin/newsletter/test-address/")
    path = "/" + _mailed_link().split("/", 3)[3]
    other = make_user("dora", groups.staff_group)
    client.force_login(other)
    client.post(path)
    for person in (other, staff):
        client.force_login(person)
        assert "Not allowed" in _test(client, issue, person.email).content.decode()
    assert mail.outbox == []


def test_addresses_listed_in_the_newsletter_settings_receive_tests(
    client, issue, staff, anymail_test_backend
):
    settings = NewsletterSettings.for_site(Site.objects.get(is_default_site=True))
    settings.test_recipients = "Team@Partner.example\n\n"
    settings.save()
    client.force_login(staff)
    assert _test(client, issue, "team@partner.example").status_code == 302
    assert [m.to for m in mail.outbox] == [["team@partner.example"]]
    response = _test(client, issue, "other@partner.example")
    assert "Not allowed: other@partner.example" in response.content.decode()


def test_the_settings_list_accepts_only_addresses(admin_client, issue):
    site = Site.objects.get(is_default_site=True)
    response = admin_client.post(
        f"/admin/settings/newsletters/newslettersettings/{site.pk}/",
        {"privacy_page": "", "test_recipients": "ok@example.org\nnot an address"},
    )
    assert response.status_code == 200
    assert "Not an e-mail address: not an address" in response.content.decode()
    assert NewsletterSettings.for_site(site).test_recipients == ""


@pytest.fixture
def german(archive, issue, german_home, locales):
    translate_all(archive, locales["de"])
    return translate_all(issue, locales["de"])


def test_a_translator_sends_no_test(
    client,
    german,
    groups,
    make_user,  # noqa: F811
    anymail_test_backend,
):
    translator = make_user("anna", groups.translator_groups["de"])
    client.force_login(translator)
    for response in (
        client.post("/admin/newsletter/test-address/"),
        _test(client, german, translator.email, language="de"),
    ):
        assert response.status_code == 403
    assert mail.outbox == [] and not Send.objects.exists()


def test_a_translator_previews_the_email_in_the_browser_instead(
    client,
    german,
    groups,
    make_user,  # noqa: F811
):
    translator = make_user("anna", groups.translator_groups["de"])
    client.force_login(translator)
    response = client.get(f"/admin/pages/{german.pk}/view_draft/?mode=email")
    assert response.status_code == 200
    assert german.title in response.content.decode()


def test_an_editor_without_the_right_to_send_tests_is_offered_the_preview(
    client,
    german,
    make_user,  # noqa: F811
    anymail_test_backend,
):
    editor = make_user("ed", Group.objects.get(name="Editors"))
    client.force_login(editor)
    html = client.get(f"/admin/newsletter/issue/{german.pk}/send/").content.decode()
    assert 'name="addresses"' not in html
    assert f"/admin/pages/{german.pk}/view_draft/?mode=email" in html
    assert _test(client, german, editor.email, language="de").status_code in {302, 403}
    assert mail.outbox == [] and not Send.objects.exists()
