"""Test sends as an attacker would use them: to read another language's draft, to relay mail to
outside addresses, or to flood. Each test posts the send screen's form as that user."""

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command

from wagtail.models import GroupPagePermission, PageLogEntry

import pytest

from newsletters.models import NewsletterSettings, Send, VerifiedAddress
from tests.committing import COMMITS
from tests.translation.conftest import make_user, translate_all  # noqa: F401 (fixture)
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db

SECRET = "EN-DRAFT-SECRET-4711"


def _url(page) -> str:
    return f"/admin/newsletter/issue/{page.pk}/send/"


def _test(client, page, language: str, addresses: str):
    return client.post(_url(page), {"action": "test", "language": language, "addresses": addresses})


@pytest.fixture
def editions(archive, issue, german_home, locales):
    """The English issue and its published German translation; English has a secret draft."""
    translate_all(archive, locales["de"])
    german = translate_all(issue, locales["de"])
    issue.title = f"March issue {SECRET}"
    issue.save_revision()
    return {"en": issue, "de": german}


def verified(user):
    """`user`'s current address, confirmed (the link's round trip: test_test_send_recipients)."""
    VerifiedAddress.objects.update_or_create(user=user, defaults={"email": user.email.lower()})
    return user


@pytest.fixture
def german_editor(editions, german_home, make_user):  # noqa: F811
    """Staff who edit only the German edition (their group's page rights are on the German tree)
    and may send tests: the language rules below are about them. Partner translators send no
    tests at all (test_test_send_recipients)."""
    group = Group.objects.create(name="German editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="send_test"),
    )
    GroupPagePermission.objects.create(
        group=group, page=german_home, permission=Permission.objects.get(codename="change_page")
    )
    return verified(make_user("anna", group))


@pytest.fixture
def translator(editions, make_user):  # noqa: F811
    return make_user("toni", setup_translator_groups().translator_groups["de"])


def test_a_german_editor_cannot_test_send_the_english_draft(
    client, editions, german_editor, anymail_test_backend
):
    client.force_login(german_editor)
    response = _test(client, editions["de"], "en", german_editor.email)
    assert response.status_code == 200
    assert "You may not see this language&#x27;s draft" in response.content.decode()
    assert mail.outbox == [] and not Send.objects.exists()
    # The English issue's own screen is closed to them too.
    assert _test(client, editions["en"], "en", german_editor.email).status_code in {302, 403}
    assert mail.outbox == []


def test_a_german_editor_tests_their_own_language_without_the_english_draft(
    client, editions, german_editor, anymail_test_backend
):
    client.force_login(german_editor)
    assert _test(client, editions["de"], "de", german_editor.email).status_code == 302
    (message,) = mail.outbox
    assert message.to == [german_editor.email]
    assert SECRET not in message.subject and SECRET not in message.body


def test_staff_test_sends_reach_only_verified_and_listed_addresses(
    admin_client, admin_user, editions, anymail_test_backend
):
    response = _test(admin_client, editions["en"], "en", "victim@evil.example")
    assert response.status_code == 200
    assert "Not allowed: victim@evil.example" in response.content.decode()
    assert mail.outbox == []
    # A verified staff address (any case) and an address listed in the settings are fine.
    verified(admin_user)
    listed = NewsletterSettings.for_site(editions["en"].get_site())
    listed.test_recipients = "team@stem-pd-net.example"
    listed.save()
    addresses = f"{admin_user.email.upper()}, team@stem-pd-net.example"
    assert _test(admin_client, editions["en"], "en", addresses).status_code == 302
    assert sorted(to for m in mail.outbox for to in m.to) == sorted(
        [admin_user.email, "team@stem-pd-net.example"]
    )
    assert all(SECRET in m.subject for m in mail.outbox)  # staff may test the English draft


def test_an_inactive_or_non_admin_account_is_no_way_around_the_allow_list(
    admin_client, editions, django_user_model, anymail_test_backend
):
    verified(django_user_model.objects.create_user("reader", "reader@evil.example", "pw"))
    verified(
        django_user_model.objects.create_user(
            "gone", "gone@evil.example", "pw", is_active=False, is_superuser=True
        )
    )
    response = _test(admin_client, editions["en"], "en", "reader@evil.example, gone@evil.example")
    assert response.status_code == 200 and mail.outbox == []


def test_test_sends_are_rate_limited_per_user_and_logged(
    admin_client, admin_user, editions, settings, anymail_test_backend
):
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, "TEST_SEND_LIMIT": 2}
    verified(admin_user)
    for _attempt in range(2):
        assert _test(admin_client, editions["en"], "de", admin_user.email).status_code == 302
    response = _test(admin_client, editions["en"], "de", admin_user.email)
    assert response.status_code == 200
    assert "the most tests allowed" in response.content.decode()
    assert len(mail.outbox) == 2 and Send.objects.count() == 2
    entries = PageLogEntry.objects.filter(action="newsletters.test_send")
    assert [entry.page_id for entry in entries] == [editions["de"].pk] * 2
    assert entries[0].user_id == admin_user.pk
    assert entries[0].data == {"language": "de", "recipients": [admin_user.email]}
    history = admin_client.get(f"/admin/pages/{editions['de'].pk}/history/")
    assert "Test sent" in history.content.decode()


# --- At send time: the worker renders the draft later, and asks again first ------------------


@pytest.fixture
def worker_backend(settings, anymail_test_backend):
    """The production task backend: the test is queued, and sent when a worker runs."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return settings


def _run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


@COMMITS  # the worker closes its connection when it stops
def test_a_queued_test_is_sent_by_the_worker_while_its_requester_may_see_the_draft(
    client, editions, german_editor, worker_backend
):
    client.force_login(german_editor)
    assert _test(client, editions["de"], "de", german_editor.email).status_code == 302
    assert mail.outbox == []  # queued, not sent yet
    _run_worker()
    (message,) = mail.outbox
    assert message.to == [german_editor.email]


@COMMITS  # the worker closes its connection when it stops
@pytest.mark.parametrize("change", ["group removed", "account deactivated", "account deleted"])
def test_a_queued_test_whose_requester_lost_the_right_is_not_sent_and_says_why(
    client, admin_client, editions, german_editor, worker_backend, change, caplog
):
    client.force_login(german_editor)
    assert _test(client, editions["de"], "de", german_editor.email).status_code == 302
    assert mail.outbox == []
    if change == "group removed":
        german_editor.groups.clear()
        reason, why = "permission", "may no longer edit or publish this version"
    elif change == "account deactivated":
        german_editor.is_active = False
        german_editor.save(update_fields=["is_active"])
        reason, why = "inactive", "has been deactivated"
    else:
        german_editor.delete()
        reason, why = "deleted", "has been deleted"
    _run_worker()
    assert mail.outbox == []
    send = Send.objects.get()
    assert send.status == Send.Status.CANCELLED and why in send.last_error
    assert set(send.deliveries.values_list("status", flat=True)) == {"cancelled"}
    (entry,) = PageLogEntry.objects.filter(action="newsletters.test_send_refused")
    assert entry.page_id == editions["de"].pk
    assert entry.user_id == (None if change == "account deleted" else german_editor.pk)
    assert entry.data == {"language": "de", "recipients": [german_editor.email], "reason": reason}
    assert f"Test send {send.pk} not sent" in caplog.text
    history = admin_client.get(f"/admin/pages/{editions['de'].pk}/history/")
    assert f"Test not sent: the account that asked for it {why}" in history.content.decode()


@COMMITS  # the worker closes its connection when it stops
def test_a_queued_test_to_an_address_no_longer_verified_is_not_sent(
    client, editions, german_editor, worker_backend
):
    client.force_login(german_editor)
    assert _test(client, editions["de"], "de", german_editor.email).status_code == 302
    german_editor.email = "anna@elsewhere.example"
    german_editor.save(update_fields=["email"])
    _run_worker()
    assert mail.outbox == []
    assert Send.objects.get().status == Send.Status.CANCELLED
    (entry,) = PageLogEntry.objects.filter(action="newsletters.test_send_refused")
    assert entry.data["reason"] == "recipient"


def test_a_translator_cannot_send_to_new_subscribers_or_send_the_issue(
    client,
    editions,
    translator,
    make_user,  # noqa: F811
    topics,
    anymail_test_backend,
):
    """Both "Send to new subscribers only" and "Send" mail subscribers: publish rights only."""
    from newsletters import sending
    from tests.factories.newsletters import SubscriberFactory

    SubscriberFactory(language="de", topics=[topics["news"]])
    finished = sending.create_send(editions["en"], topics=[topics["news"]]).send
    # Joined since: the one a new-subscribers send would reach; everyone is a new audience
    # for a plain "Send" (so a refused send cannot hide behind "already sent").
    SubscriberFactory(language="de", topics=[topics["news"]])
    mail.outbox.clear()
    # Wagtail's "Editors" may edit the English issue but not publish it.
    editor = make_user("ed", Group.objects.get(name="Editors"))
    assert editions["en"].permissions_for_user(editor).can_edit()

    for person in (translator, editor):
        client.force_login(person)
        response = client.post(f"/admin/newsletter/send/{finished.pk}/new-subscribers/")
        assert response.status_code in {302, 403}
        assert "/login/" not in response.get("Location", "")  # refused, not merely logged out
        for page in editions.values():
            assert client.post(_url(page), {"action": "send"}).status_code in {200, 302, 403}
    assert list(Send.objects.values_list("pk", flat=True)) == [finished.pk]
    assert mail.outbox == []
