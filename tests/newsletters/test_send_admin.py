"""The "Send newsletter" screen: test, review the audience, confirm once, cancel, statistics."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest

from newsletters.models import NewsletterSettings, Send
from tests.factories.newsletters import SubscriberFactory

pytestmark = pytest.mark.django_db


def _url(issue) -> str:
    return f"/admin/newsletter/issue/{issue.pk}/send/"


def test_the_issue_edit_page_offers_send_newsletter(admin_client, issue):
    html = admin_client.get(f"/admin/pages/{issue.pk}/edit/").content.decode()
    assert _url(issue) in html


def test_the_archive_listing_offers_send_newsletter_on_each_issue(admin_client, archive, issue):
    html = admin_client.get(f"/admin/pages/{archive.pk}/").content.decode()
    assert f'href="{_url(issue)}"' in html
    assert "Send newsletter “March issue”" in html


def test_editors_who_may_neither_send_nor_test_are_not_offered_the_send_screen(
    client, archive, issue, django_user_model
):
    from django.contrib.auth.models import Group

    from wagtail.models import GroupPagePermission

    editors = Group.objects.create(name="Issue editors")
    editors.permissions.add(*_admin_access())
    for permission in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=editors, page=archive, permission=_page_permission(permission)
        )
    user = django_user_model.objects.create_user("writer", password="pw")
    user.groups.add(editors)
    client.force_login(user)
    assert client.get(f"/admin/pages/{issue.pk}/edit/").status_code == 200
    assert _url(issue) not in client.get(f"/admin/pages/{issue.pk}/edit/").content.decode()
    assert _url(issue) not in client.get(f"/admin/pages/{archive.pk}/").content.decode()


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="access_admin")


def _page_permission(codename):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def test_the_send_screen_renders_with_forms_and_statistics(admin_client, issue, topics):
    response = admin_client.get(_url(issue))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Send a test" in html and "Review the audience" in html
    assert "Network news" in html


def test_send_test_to_typed_addresses_in_a_chosen_language(
    admin_client, issue, anymail_test_backend
):
    listed = NewsletterSettings.for_site(issue.get_site())
    listed.test_recipients = "a@example.org\nb@example.org"
    listed.save()
    response = admin_client.post(
        _url(issue),
        {"action": "test", "addresses": "a@example.org, b@example.org", "language": "de"},
    )
    assert response.status_code == 302
    assert sorted(to for m in mail.outbox for to in m.to) == ["a@example.org", "b@example.org"]
    assert Send.objects.get().test_language == "de"


def test_invalid_test_addresses_are_refused(admin_client, issue, anymail_test_backend):
    response = admin_client.post(
        _url(issue), {"action": "test", "addresses": "not-an-address", "language": "en"}
    )
    assert response.status_code == 200
    assert mail.outbox == [] and not Send.objects.exists()


def test_review_shows_recipients_per_language_before_anything_is_sent(
    admin_client, issue, topics, anymail_test_backend
):
    SubscriberFactory.create_batch(2, language="en", topics=[topics["news"]])
    SubscriberFactory(language="de", topics=[topics["news"]])
    SubscriberFactory(language="fr", topics=[topics["events"]])
    response = admin_client.post(_url(issue), {"action": "review", "topics": [topics["news"].pk]})
    html = response.content.decode()
    assert "Check the audience" in html
    html = re.sub(r">\s+<", "><", html)
    assert '<th scope="row">English</th><td>2</td>' in html
    assert '<th scope="row">German</th><td>1</td>' in html
    assert "French" not in html.split("Check the audience")[1].split("</table>")[0]
    assert not Send.objects.exists() and mail.outbox == []


def test_confirming_twice_sends_once(admin_client, issue, topics, anymail_test_backend):
    SubscriberFactory.create_batch(3, topics=[topics["news"]])
    data = {"action": "send", "topics": [topics["news"].pk]}
    first = admin_client.post(_url(issue), data)
    second = admin_client.post(_url(issue), data)
    assert first.status_code == second.status_code == 302
    assert Send.objects.filter(is_test=False).count() == 1
    assert len(mail.outbox) == 1  # one batch with three recipients
    assert len(mail.outbox[0].to) == 3


def test_schedule_then_cancel(admin_client, issue, anymail_test_backend):
    SubscriberFactory()
    later = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    admin_client.post(_url(issue), {"action": "send", "scheduled_at": later})
    send = Send.objects.get()
    assert send.status == Send.Status.SCHEDULED
    html = admin_client.get(_url(issue)).content.decode()
    assert "Cancel this send" in html
    admin_client.post(f"/admin/newsletter/send/{send.pk}/cancel/")
    send.refresh_from_db()
    assert send.status == Send.Status.CANCELLED and mail.outbox == []


def test_an_unpublished_issue_cannot_be_sent(admin_client, issue, anymail_test_backend):
    SubscriberFactory()
    issue.unpublish()
    admin_client.post(_url(issue), {"action": "send"})
    assert not Send.objects.exists()


def test_statistics_show_a_chart_after_sending(admin_client, issue, anymail_test_backend):
    SubscriberFactory.create_batch(2)
    admin_client.post(_url(issue), {"action": "send"})
    html = admin_client.get(_url(issue)).content.decode()
    assert "<svg" in html and "<rect" in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_people_without_publish_rights_cannot_send(client, issue, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    assert client.post(_url(issue), {"action": "send"}).status_code in {302, 403}
    assert not Send.objects.exists()


def test_send_to_new_subscribers_only_from_the_send_screen(
    admin_client, issue, anymail_test_backend
):
    from newsletters import sending

    first = SubscriberFactory()
    sending.create_send(issue)
    html = admin_client.get(_url(issue)).content.decode()
    action = f"/admin/newsletter/send/{Send.objects.get().pk}/new-subscribers/"
    assert action in html and "Send to new subscribers only" in html
    newcomer = SubscriberFactory(language="fr")
    mail.outbox.clear()
    response = admin_client.post(action, follow=True)
    assert "Sending to 1 subscriber who has not received this issue yet." in (
        response.content.decode()
    )
    assert [m.to for m in mail.outbox] == [[newcomer.email]]
    assert first.email not in {d.email for d in Send.objects.order_by("pk").last().deliveries.all()}
    response = admin_client.post(action, follow=True)  # a second click: nobody new
    assert "Everyone in this audience has already received this issue." in (
        response.content.decode()
    )
    assert Send.objects.count() == 2


def test_send_to_new_subscribers_needs_publish_permission(client, issue, anymail_test_backend):
    from newsletters import sending

    SubscriberFactory()
    send = sending.create_send(issue).send
    response = client.post(f"/admin/newsletter/send/{send.pk}/new-subscribers/")
    assert response.status_code in {302, 403}
    assert "/login/" in response.get("Location", "/login/")
    assert Send.objects.count() == 1
