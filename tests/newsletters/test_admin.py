"""Staff side: the subscriber listing, filters, search, CSV export, add, erase, GDPR export."""

import json
from io import BytesIO

import pytest
from openpyxl import load_workbook

from newsletters.models import ConsentRecord, Subscriber, SuppressedAddress, email_hash
from tests.factories.newsletters import ConsentRecordFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/newsletter_subscribers/"


def test_listing_shows_subscribers_with_their_topics(admin_client, topics):
    SubscriberFactory(email="anna@example.org", topics=[topics["news"], topics["events"]])
    html = admin_client.get(INDEX).content.decode()
    assert "anna@example.org" in html
    assert "Network news, Events" in html
    assert "Import CSV" in html


def test_listing_filters_by_status_language_and_topic(admin_client, topics):
    SubscriberFactory(email="de@example.org", language="de", topics=[topics["news"]])
    SubscriberFactory(email="fr@example.org", language="fr", topics=[topics["events"]])
    SubscriberFactory(email="pending@example.org", status=Subscriber.Status.PENDING)
    html = admin_client.get(INDEX, {"language": "de"}).content.decode()
    assert "de@example.org" in html and "fr@example.org" not in html
    html = admin_client.get(INDEX, {"topics": topics["events"].pk}).content.decode()
    assert "fr@example.org" in html and "de@example.org" not in html
    html = admin_client.get(INDEX, {"status": "pending"}).content.decode()
    assert "pending@example.org" in html and "fr@example.org" not in html


def test_listing_search_finds_by_address(admin_client, db):
    SubscriberFactory(email="findme@example.org")
    SubscriberFactory(email="other@example.org")
    html = admin_client.get(INDEX, {"q": "findme"}).content.decode()
    assert "findme@example.org" in html and "other@example.org" not in html


def test_csv_export_lists_the_audience_and_neutralises_formulas(admin_client, topics):
    SubscriberFactory(email="anna@example.org", topics=[topics["news"]])
    SubscriberFactory(email="=cmd@example.org")
    response = admin_client.get(INDEX, {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert "anna@example.org" in content and "Network news" in content
    assert "'=cmd@example.org" in content


def test_xlsx_export_keeps_a_formula_looking_address_as_text(admin_client, db):
    SubscriberFactory(email="=cmd@example.org")
    response = admin_client.get(INDEX, {"export": "xlsx"})
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    [cell] = [cell for row in sheet.iter_rows() for cell in row if "cmd@" in str(cell.value)]
    assert cell.data_type == "s"


def test_staff_add_a_subscriber_with_a_consent_source(admin_client, topics, admin_user):
    response = admin_client.post(
        f"{INDEX}new/",
        {
            "email": "Added@Example.org",
            "language": "de",
            "status": "confirmed",
            "topics": [topics["news"].pk],
            "consent_source": "Asked in person at the Berlin workshop, 3 May",
        },
    )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "added@example.org"
    assert subscriber.source == Subscriber.Source.ADMIN
    consent = subscriber.consents.get()
    assert consent.source == ConsentRecord.Source.ADMIN
    assert consent.actor == admin_user
    assert "Berlin workshop" in consent.consent_text


def test_staff_cannot_add_without_consent_source_or_a_suppressed_address(admin_client, topics):
    SuppressedAddress.objects.create(email_hash=email_hash("blocked@example.org"), reason="manual")
    for data in (
        {"email": "a@example.org", "language": "en", "status": "confirmed"},
        {
            "email": "blocked@example.org",
            "language": "en",
            "status": "confirmed",
            "consent_source": "Asked in person at the Berlin workshop",
        },
    ):
        response = admin_client.post(f"{INDEX}new/", data)
        assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_deleting_in_the_admin_erases_and_suppresses(admin_client, db):
    subscriber = ConsentRecordFactory().subscriber
    address = subscriber.email
    page = admin_client.get(f"{INDEX}delete/{subscriber.pk}/").content.decode()
    assert "Only a hash of the address is kept" in page
    admin_client.post(f"{INDEX}delete/{subscriber.pk}/")
    assert not Subscriber.objects.exists()
    assert SuppressedAddress.objects.get().email_hash == email_hash(address)


def test_gdpr_export_downloads_json_from_the_edit_page(admin_client, db):
    subscriber = ConsentRecordFactory().subscriber
    edit = admin_client.get(f"{INDEX}edit/{subscriber.pk}/").content.decode()
    export_url = f"/admin/newsletter/subscribers/{subscriber.pk}/export/"
    assert export_url in edit
    response = admin_client.get(export_url)
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content)["subscriber"]["email"] == subscriber.email


def test_staff_block_an_address_by_typing_it_and_only_the_hash_is_stored(admin_client, db):
    response = admin_client.post(
        "/admin/newsletter_suppression/new/",
        {"email": "Block@Example.org", "reason": "manual", "note": "asked by phone"},
    )
    assert response.status_code == 302
    entry = SuppressedAddress.objects.get()
    assert entry.email_hash == email_hash("block@example.org")


def test_topics_are_managed_as_translatable_snippets(admin_client, topics):
    response = admin_client.get("/admin/snippets/newsletters/topic/")
    assert response.status_code == 200
    assert "Network news" in response.content.decode()


def test_newsletter_admin_screens_need_permission(client, django_user_model, db):
    user = django_user_model.objects.create_user("editor", password="pw")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/newsletter/import/").status_code in {302, 403}
    subscriber = SubscriberFactory()
    assert client.get(f"/admin/newsletter/subscribers/{subscriber.pk}/export/").status_code in {
        302,
        403,
    }
