"""Dispatch with anymail's test backend: batches, languages, the frozen audience, idempotency."""

import gc
import weakref
from datetime import timedelta

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from newsletters import audience, sending
from newsletters.models import Delivery, Send, Subscriber, SuppressedAddress
from newsletters.sending import liveness
from tests.factories.newsletters import NewsletterPageFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def started_send(issue, settings) -> Send:
    """A send whose audience is frozen and whose dispatch is left to the test (no task runs)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    send = sending.create_send(issue).send
    sending.start_send(send.pk)
    return send


def _german(issue, locales):
    german = issue.copy_for_translation(locales["de"], copy_parents=True)
    german.title = "Märzausgabe"
    german.subject = "Neues im März"
    german.save_revision().publish()
    return german


def test_each_language_gets_its_published_translation_else_the_source(
    issue, locales, topics, anymail_test_backend
):
    _german(issue, locales)
    SubscriberFactory(email="en@example.org", language="en")
    SubscriberFactory(email="de@example.org", language="de")
    SubscriberFactory(email="fi@example.org", language="fi")
    sending.create_send(issue)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "en@example.org": "March issue",
        "de@example.org": "Neues im März",
        "fi@example.org": "March issue",
    }
    assert Send.objects.get().status == Send.Status.DONE


def test_a_batch_carries_merge_data_and_per_recipient_list_unsubscribe_headers(
    issue, anymail_test_backend
):
    people = SubscriberFactory.create_batch(3)
    sending.create_send(issue)
    [message] = mail.outbox
    params = message.anymail_test_params
    assert params["is_batch_send"] is True
    assert sorted(params["to"][i].addr_spec for i in range(3)) == sorted(p.email for p in people)
    for person in people:
        data = params["merge_data"][person.email]
        headers = params["merge_headers"][person.email]
        assert (
            f"/newsletter/unsubscribe/{data['unsubscribe_url'].rsplit('/', 2)[-2]}/"
            in (headers["List-Unsubscribe"])
        )
    # The header every recipient shares goes once in the message, not once per recipient.
    assert params["extra_headers"] == {"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    assert all(set(h) == {"List-Unsubscribe"} for h in params["merge_headers"].values())
    assert "%recipient.unsubscribe_url%" in params["html_body"]
    assert "%recipient.unsubscribe_url%" in params["text_body"]


def test_audience_is_filtered_by_topic_and_excludes_unconfirmed_and_suppressed(
    issue, topics, anymail_test_backend
):
    SubscriberFactory(email="news@example.org", topics=[topics["news"]])
    SubscriberFactory(email="events@example.org", topics=[topics["events"]])
    SubscriberFactory(email="pending@example.org", status=Subscriber.Status.PENDING)
    SubscriberFactory(email="gone@example.org", topics=[topics["news"]])
    audience.suppress_address("gone@example.org", SuppressedAddress.Reason.BOUNCED)
    sending.create_send(issue, topics=[topics["news"]])
    assert [d.email for d in Delivery.objects.all()] == ["news@example.org"]
    assert Send.objects.get().total == 1


def test_sending_twice_to_the_same_audience_sends_once(issue, topics, anymail_test_backend):
    SubscriberFactory.create_batch(2)
    first = sending.create_send(issue)
    second = sending.create_send(issue)
    assert first.created and not second.created
    assert second.send.pk == first.send.pk
    assert Send.objects.count() == 1
    assert len(mail.outbox) == 1


def test_sending_from_the_translation_is_the_same_send_as_from_the_source(
    issue, locales, anymail_test_backend
):
    german = _german(issue, locales)
    SubscriberFactory()
    sending.create_send(issue)
    outcome = sending.create_send(german)
    assert not outcome.created


def test_overlapping_audiences_never_send_one_person_the_issue_twice(
    issue, topics, anymail_test_backend
):
    SubscriberFactory(email="both@example.org", topics=[topics["news"], topics["events"]])
    sending.create_send(issue, topics=[topics["news"]])
    sending.create_send(issue, topics=[topics["events"]])
    assert len(mail.outbox) == 1
    assert Send.objects.filter(status=Send.Status.DONE).count() == 2


def test_someone_who_unsubscribes_after_the_audience_is_frozen_is_skipped(
    issue, anymail_test_backend, settings
):
    person = SubscriberFactory()
    stays = SubscriberFactory()
    send = started_send(issue, settings)
    audience.unsubscribe(person)
    sending.dispatch(send.pk)
    statuses = dict(Delivery.objects.values_list("email", "status"))
    assert statuses == {person.email: "skipped", stays.email: "sent"}
    assert [m.to for m in mail.outbox] == [[stays.email]]


def test_changes_after_the_audience_is_frozen_count_at_the_claim(
    issue, anymail_test_backend, settings
):
    """The claim reads each subscriber as they are now: a new address, a suppression."""
    moved = SubscriberFactory(email="old@example.org")
    blocked = SubscriberFactory(email="blocked@example.org")
    send = started_send(issue, settings)
    moved.email = "new@example.org"
    moved.save()
    SuppressedAddress.objects.create(email_hash=blocked.email_hash, reason="complained")
    sending.dispatch(send.pk)
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    statuses = dict(Delivery.objects.values_list("email", "status"))
    assert statuses == {"new@example.org": "sent", "blocked@example.org": "skipped"}


def test_a_scheduled_send_waits_and_freezes_the_audience_when_due(issue, anymail_test_backend):
    SubscriberFactory(email="early@example.org")
    later = timezone.now() + timedelta(hours=2)
    send = sending.create_send(issue, scheduled_at=later).send
    assert send.status == Send.Status.SCHEDULED
    assert sending.start_due_sends() == []
    SubscriberFactory(email="late@example.org")
    Send.objects.filter(pk=send.pk).update(scheduled_at=timezone.now() - timedelta(seconds=5))
    assert sending.start_due_sends() == [send.pk]
    assert sorted(Delivery.objects.values_list("email", flat=True)) == [
        "early@example.org",
        "late@example.org",
    ]
    assert Send.objects.get().status == Send.Status.DONE


def test_cancelling_a_scheduled_send_sends_nothing_and_allows_a_new_send(
    issue, anymail_test_backend
):
    SubscriberFactory()
    send = sending.create_send(issue, scheduled_at=timezone.now() + timedelta(days=1)).send
    assert sending.cancel_send(send)
    assert sending.start_due_sends() == []
    assert mail.outbox == []
    assert sending.create_send(issue).created


def test_cancelling_mid_send_stops_pending_deliveries(issue, anymail_test_backend, settings):
    SubscriberFactory.create_batch(5)
    send = started_send(issue, settings)
    sending.cancel_send(send)
    assert sending.dispatch(send.pk) == Send.Status.CANCELLED
    assert mail.outbox == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {"cancelled"}


def test_a_test_send_goes_only_to_the_typed_addresses_with_the_latest_draft(
    issue, anymail_test_backend
):
    SubscriberFactory()
    issue.title = "March issue (draft title)"
    issue.save_revision()
    send = sending.create_test_send(
        issue, addresses=["Editor@Example.org", "editor@example.org"], language="en"
    )
    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    assert message.subject == "[Test] March issue (draft title)"
    assert Send.objects.get(pk=send.pk).status == Send.Status.DONE
    assert sending.create_send(issue).created  # a test does not count as the real send


def test_unpublished_translations_are_not_sent(issue, locales, anymail_test_backend):
    german = issue.copy_for_translation(locales["de"], copy_parents=True)
    german.subject = "Entwurf"
    german.save_revision()  # a draft, never published
    SubscriberFactory(language="de")
    sending.create_send(issue)
    assert mail.outbox[0].subject == "March issue"


def test_a_claim_is_atomic_and_belongs_to_a_live_dispatcher(issue, settings):
    SubscriberFactory.create_batch(4)
    send = started_send(issue, settings)
    start = timezone.now()
    liveness.beat(send.pk, "worker-a", start)
    liveness.beat(send.pk, "worker-b", start)
    first = sending.claim_batch(send.pk, 3, "worker-a", now=start)
    second = sending.claim_batch(send.pk, 3, "worker-b", now=start)
    assert len(first) == 3 and len(second) == 1
    assert not {row.id for row in first} & {row.id for row in second}
    assert sending.claim_batch(send.pk, 3, "worker-c", now=start) == []
    # worker-a keeps beating, worker-b fell silent: only worker-b's claim is taken over.
    later = start + liveness.silence() + timedelta(seconds=1)
    liveness.beat(send.pk, "worker-a", later - timedelta(seconds=1))
    taken_over = sending.claim_batch(send.pk, 10, "worker-c", now=later)
    assert [row.id for row in taken_over] == [row.id for row in second]
    assert {row.attempts for row in taken_over} == {2}
    # A few seconds of silence (well under a minute) frees worker-a's claims as well.
    much_later = later + liveness.silence() + timedelta(seconds=1)
    liveness.beat(send.pk, "worker-c", much_later)
    reclaimed = sending.claim_batch(send.pk, 10, "worker-d", now=much_later)
    assert sorted(row.id for row in reclaimed) == sorted(row.id for row in first)
    assert liveness.silence() < timedelta(seconds=30)


def test_a_claim_takes_due_rows_and_orphaned_claims_together_in_order(issue, settings):
    SubscriberFactory.create_batch(6)
    send = started_send(issue, settings)
    start = timezone.now()
    liveness.beat(send.pk, "worker-a", start)
    orphaned = sending.claim_batch(send.pk, 3, "worker-a", now=start)  # then worker-a dies
    waiting, due, last = Delivery.objects.filter(status="pending").order_by("id")
    later = start + liveness.silence() + timedelta(seconds=1)
    Delivery.objects.filter(pk=waiting.pk).update(available_at=later + timedelta(minutes=5))
    liveness.beat(send.pk, "worker-b", later)
    taken = sending.claim_batch(send.pk, 4, "worker-b", now=later)
    # The dead worker's rows and the first due row, by id; the row in backoff waits.
    assert [row.id for row in taken] == [*(row.id for row in orphaned), due.pk]
    assert [row.id for row in sending.claim_batch(send.pk, 4, "worker-b", now=later)] == [last.pk]


def test_a_claim_holds_one_language_so_a_crash_resends_at_most_one_esp_call(issue, settings):
    SubscriberFactory.create_batch(2, language="de")
    SubscriberFactory.create_batch(3, language="en")
    send = started_send(issue, settings)
    liveness.beat(send.pk, "worker-a")
    claims = [sending.claim_batch(send.pk, 10, "worker-a") for _ in range(3)]
    assert [[row.language for row in claim] for claim in claims] == [["de"] * 2, ["en"] * 3, []]


def test_a_batch_costs_two_queries(issue, anymail_test_backend, settings):
    SubscriberFactory.create_batch(20)
    send = started_send(issue, settings)
    dispatcher = sending.Dispatcher(send=Send.objects.select_related("page").get(pk=send.pk))
    dispatcher.open()
    dispatcher.edition("en")  # rendered once per language and run, not per batch
    with CaptureQueriesContext(connection) as queries:
        batch = sending.claim_batch(send.pk, 20, dispatcher.worker)
        dispatcher.process(batch)
    assert len(queries) == 2
    assert Delivery.objects.filter(status="sent").count() == 20


class _Cycle:
    """An object that refers to itself: only the cyclic garbage collector can free it."""

    def __init__(self) -> None:
        self.itself = self


def test_the_worker_freezes_its_long_lived_objects_once_so_later_garbage_is_still_freed(
    issue, anymail_test_backend, settings
):
    SubscriberFactory()
    sending.dispatch(started_send(issue, settings).pk)
    assert gc.get_freeze_count() > 0  # the objects alive at the first dispatch are frozen
    garbage = _Cycle()
    freed = weakref.ref(garbage)
    gc.collect()  # it survives into the oldest generation, then becomes garbage there
    del garbage
    other = NewsletterPageFactory(parent=issue.get_parent(), slug="april")
    sending.dispatch(started_send(other, settings).pk)  # must not freeze it
    gc.collect()
    assert freed() is None
    assert Delivery.objects.filter(status="sent").count() == 2


def test_statistics_count_per_language(issue, anymail_test_backend):
    SubscriberFactory.create_batch(2, language="en")
    SubscriberFactory(language="de")
    sending.create_send(issue)
    Delivery.objects.filter(language="de").update(status="delivered", opened_at=timezone.now())
    stats = sending.statistics(issue)
    assert stats["all"]["recipients"] == 3
    assert stats["all"]["sent"] == 3
    assert stats["de"]["delivered"] == 1 and stats["de"]["opened"] == 1
    assert stats["en"]["opened"] == 0


def test_another_issue_is_a_separate_send(archive, issue, anymail_test_backend):
    SubscriberFactory()
    other = NewsletterPageFactory(parent=archive, slug="april")
    sending.create_send(issue)
    assert sending.create_send(other).created
    assert len(mail.outbox) == 2


def test_with_the_development_file_mailer_a_test_lands_in_a_readable_file(
    issue, settings, tmp_path
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    sending.create_test_send(issue, addresses=["editor@example.org"], language="en")
    [written] = list(tmp_path.iterdir())
    content = written.read_text()
    assert "To: editor@example.org" in content and "List-Unsubscribe:" in content
    assert Send.objects.get().status == Send.Status.DONE
