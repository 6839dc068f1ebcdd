"""CSV import: the validation report on a 10,000-row file, consent records, bulk queries."""

from io import StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from newsletters.audience.imports import ImportFileError, import_subscribers
from newsletters.models import ConsentRecord, Subscriber, SubscriberImport
from tests.factories.newsletters import SubscriberFactory, SuppressedAddressFactory

pytestmark = pytest.mark.django_db

CONSENT = "Ticked the newsletter box when registering for the 2024 annual conference"


def big_file() -> tuple[str, dict[str, int]]:
    """10,000 data rows with known numbers of each problem."""
    lines = ["email,language,topics"]
    expected = {"created": 0, "invalid": 0, "duplicate": 0, "suppressed": 0, "existing": 0}
    for n in range(9_000):
        language = ["en", "de", "fr", "DE-at", ""][n % 5]
        topics = "Events;Network news" if n % 3 == 0 else ""
        lines.append(f"Person.{n}@Example.org,{language},{topics}")
        expected["created"] += 1
    invalid = [
        "not-an-address,en,",
        '"line@example.org\nBcc: x@example.org",en,',
        "x@example.org,klingon,",
        "y@example.org,en,Unknown topic",
        "a" * 250 + "@example.org,en,",
    ]
    for n in range(300):
        lines.append(invalid[n % len(invalid)].replace("x@", f"x{n}@").replace("y@", f"y{n}@"))
        expected["invalid"] += 1
    for n in range(300):
        lines.append(f"person.{n}@example.org,en,")  # same as an earlier row, other case
        expected["duplicate"] += 1
    for n in range(200):
        lines.append(f"suppressed.{n}@example.org,en,")
        expected["suppressed"] += 1
    for n in range(100):
        lines.append(f"unsubscribed.{n}@example.org,en,")
        expected["suppressed"] += 1
    for n in range(100):
        lines.append(f"member.{n}@example.org,en,")
        expected["existing"] += 1
    return "\n".join(lines) + "\n", expected


@pytest.fixture
def known_addresses(topics):
    for n in range(200):
        SuppressedAddressFactory(email=f"suppressed.{n}@example.org")
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"unsubscribed.{n}@example.org",
                email_hash=f"u{n}",
                status=Subscriber.Status.UNSUBSCRIBED,
            )
            for n in range(100)
        ]
        + [Subscriber(email=f"member.{n}@example.org", email_hash=f"m{n}") for n in range(100)]
    )


def test_a_10000_row_import_reports_every_outcome_with_few_queries(known_addresses, topics):
    text, expected = big_file()
    before = Subscriber.objects.count()
    progress = []
    with CaptureQueriesContext(connection) as queries:
        report = import_subscribers(
            text,
            consent_source=CONSENT,
            progress=lambda done, total: progress.append((done, total)),
        )
    assert report.total == 10_000
    assert {
        "created": report.created,
        "invalid": report.invalid,
        "duplicate": report.duplicate,
        "suppressed": report.suppressed,
        "existing": report.existing,
    } == expected
    assert Subscriber.objects.count() == before + expected["created"]
    assert ConsentRecord.objects.filter(source="import", consent_text=CONSENT).count() == 9_000
    assert len(queries) < 80  # bulk: a handful of queries per 1,000 rows
    assert progress[-1] == (10_000, 10_000)
    assert [problem["row"] for problem in report.problems] == sorted(
        problem["row"] for problem in report.problems
    )
    assert {problem["kind"] for problem in report.problems} == {
        "invalid",
        "duplicate",
        "suppressed",
    }


def test_imported_rows_get_language_topics_and_a_consent_record(topics):
    text = "email;language;topics\nAnna@Example.org;de-DE;Veranstaltungen|Network news\n"
    report = import_subscribers(text, consent_source=CONSENT, topics=[topics["publications"]])
    assert report.created == 1
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "anna@example.org"
    assert subscriber.language == "de"
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert set(subscriber.topics.all()) == {
        topics["events"],
        topics["news"],
        topics["publications"],
    }
    consent = subscriber.consents.get()
    assert consent.source == ConsentRecord.Source.IMPORT
    assert consent.consent_text == CONSENT
    assert consent.confirmed_at is not None


def test_import_never_changes_existing_subscribers(topics):
    subscriber = SubscriberFactory(email="known@example.org", language="fr")
    report = import_subscribers("email,language\nknown@example.org,de\n", consent_source=CONSENT)
    assert report.existing == 1 and report.created == 0
    subscriber.refresh_from_db()
    assert subscriber.language == "fr"


def test_a_consent_source_is_required(topics):
    with pytest.raises(ValueError, match="consent source"):
        import_subscribers("email\na@example.org\n", consent_source="  ")
    assert not Subscriber.objects.exists()


def test_a_file_without_an_email_column_is_refused(topics):
    with pytest.raises(ImportFileError):
        import_subscribers("name,address\nAnna,anna@example.org\n", consent_source=CONSENT)


def test_command_imports_and_prints_progress_and_report(tmp_path, known_addresses, topics):
    text, expected = big_file()
    path = tmp_path / "list.csv"
    path.write_text(text)
    out = StringIO()
    call_command(
        "import_subscribers",
        str(path),
        "--consent-source",
        CONSENT,
        "--topic",
        "Events",
        "--report",
        str(tmp_path / "report.json"),
        stdout=out,
    )
    output = out.getvalue()
    assert "10000/10000 rows" in output
    assert f"{expected['created']} created" in output
    assert f"{expected['invalid']} invalid" in output
    assert (tmp_path / "report.json").exists()
    assert Subscriber.objects.filter(topics=topics["events"]).count() == expected["created"]


def test_command_requires_a_consent_source(tmp_path, db):
    path = tmp_path / "list.csv"
    path.write_text("email\na@example.org\n")
    with pytest.raises(CommandError):
        call_command("import_subscribers", str(path), "--consent-source", "", stdout=StringIO())


def test_admin_upload_runs_the_import_and_shows_the_report(admin_client, known_addresses):
    text, expected = big_file()
    upload = SimpleUploadedFile("conference.csv", text.encode(), content_type="text/csv")
    response = admin_client.post(
        "/admin/newsletter/import/",
        {"csv_file": upload, "consent_source": CONSENT, "default_language": "en"},
    )
    job = SubscriberImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/newsletter/import/{job.pk}/"
    assert job.status == SubscriberImport.Status.DONE
    assert job.created_count == expected["created"]
    assert job.invalid_count == expected["invalid"]
    assert job.duplicate_count == expected["duplicate"]
    assert job.suppressed_count == expected["suppressed"]
    assert job.csv_text == ""  # personal data is not kept after the import
    html = admin_client.get(response["Location"]).content.decode()
    assert "Rows not imported" in html and "not a valid email address" in html


def test_admin_upload_requires_a_consent_source(admin_client, db):
    upload = SimpleUploadedFile("list.csv", b"email\na@example.org\n")
    response = admin_client.post(
        "/admin/newsletter/import/", {"csv_file": upload, "default_language": "en"}
    )
    assert response.status_code == 200
    assert not SubscriberImport.objects.exists()
    assert not Subscriber.objects.exists()


def test_admin_upload_refuses_a_file_that_is_not_utf8(admin_client, db):
    upload = SimpleUploadedFile("list.csv", "email\nmüller@example.org\n".encode("utf-16"))
    response = admin_client.post(
        "/admin/newsletter/import/",
        {"csv_file": upload, "consent_source": CONSENT, "default_language": "en"},
    )
    assert response.status_code == 200
    assert "UTF-8" in response.content.decode()
    assert not SubscriberImport.objects.exists()
