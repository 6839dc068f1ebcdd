"""The retry window, in-process: with the database task backend (a worker runs sends, as in
production), a retryable ESP error that outlasts `MAX_ATTEMPTS` keeps people waiting until
`RETRY_WINDOW` has passed; only then are they failed. Permanent refusals still fail at once.
"""

from collections import Counter

from django.core.management import call_command

import pytest

from newsletters import sending
from newsletters.models import Delivery, Send
from newsletters.sending import lifecycle
from tests.committing import COMMITS
from tests.factories.newsletters import SubscriberFactory

from .conftest import FAST_RETRIES
from .fake_esp import FakeMailgun, Reply

pytestmark = pytest.mark.django_db

UNAVAILABLE = Reply(503, {"message": "Service Unavailable"})


@pytest.fixture
def worker_backend(settings):
    """The production task backend: tasks wait for a worker, so the test runs the start and the
    dispatch itself, as the worker would. Two tries, backoff in milliseconds."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, **FAST_RETRIES, "MAX_ATTEMPTS": 2}
    return settings


def _send_through(esp: FakeMailgun, issue) -> Send:
    with esp.settings():
        send = sending.create_send(issue).send
        assert sending.start_send(send.pk)
        sending.dispatch(send.pk)
    send.refresh_from_db()
    return send


def test_an_outage_outlasting_max_attempts_fails_nobody_within_the_window(issue, worker_backend):
    people = SubscriberFactory.create_batch(3)
    with FakeMailgun(responder=lambda n, r: UNAVAILABLE if n <= 10 else None) as esp:
        send = _send_through(esp, issue)
        received = Counter(esp.accepted_recipients())
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert received == Counter(p.email for p in people)
    # Ten refused calls, each for one or more of the three (backoff jitter may split the
    # batch): someone was tried at least five times, far beyond MAX_ATTEMPTS.
    assert max(Delivery.objects.values_list("attempts", flat=True)) >= 5
    assert send.status == Send.Status.DONE


def test_once_the_window_has_passed_a_retryable_error_fails_the_recipient(issue, worker_backend):
    # Seconds, not the 24 h of production: long enough that even a loaded machine, where one
    # call to the ESP can take a few hundred milliseconds, tries more than MAX_ATTEMPTS times.
    worker_backend.NEWSLETTERS = {**worker_backend.NEWSLETTERS, "RETRY_WINDOW": 3}
    SubscriberFactory()
    with FakeMailgun(responder=lambda n, r: UNAVAILABLE) as esp:
        send = _send_through(esp, issue)
    delivery = Delivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.attempts > 2  # kept trying for the window, not just MAX_ATTEMPTS times
    assert send.status == Send.Status.DONE and "503" in send.last_error


def test_a_permanent_refusal_within_the_window_fails_only_that_address(issue, worker_backend):
    def refuse_bad(number, request):
        if any("bad@example.org" in to for to in (request.form or {}).get("to", [])):
            return Reply(400, {"message": "to parameter is not a valid address"})
        return None

    SubscriberFactory(email="bad@example.org")
    good = SubscriberFactory.create_batch(2)
    with FakeMailgun(responder=refuse_bad) as esp:
        _send_through(esp, issue)
    statuses = dict(Delivery.objects.values_list("email", "status"))
    assert statuses.pop("bad@example.org") == "failed"
    assert statuses == {person.email: "sent" for person in good}


class WorkerDied(Exception):
    """Stands for the worker process dying at this point."""


def taken_by_the_dying_worker(task_name: str) -> None:
    """Leave the task as a killed worker does: RUNNING forever (django-tasks-db never retries)."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(task_path__endswith=task_name).update(status="RUNNING")


def queued_watchdogs():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path__endswith=".watch_send", status="READY")


def watchdog_then_worker(worker_backend, send: Send, esp: FakeMailgun) -> Counter:
    """Run the send's watchdog check now (not a minute later), then a worker until idle; what
    the ESP accepted, per address."""
    from newsletters import tasks

    fast = worker_backend.NEWSLETTERS
    worker_backend.NEWSLETTERS = {**fast, "HEARTBEAT_INTERVAL": 0}  # every worker silent
    tasks.watch_send.call(send.pk)
    worker_backend.NEWSLETTERS = fast
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    return Counter(esp.accepted_recipients())


def dying(*args, **kwargs):
    raise WorkerDied


class DyingDispatchTask:
    def enqueue(self, *args, **kwargs):
        raise WorkerDied


@COMMITS  # the worker closes its connection when it stops
def test_a_worker_dying_after_the_start_leaves_a_watchdog_that_finishes_the_send(
    issue, worker_backend, monkeypatch
):
    from newsletters import tasks

    people = SubscriberFactory.create_batch(3)
    with FakeMailgun() as esp, esp.settings():
        send = sending.create_send(issue).send
        taken_by_the_dying_worker(".start_send")
        with monkeypatch.context() as patch:
            patch.setattr(tasks, "dispatch_send", DyingDispatchTask())
            with pytest.raises(WorkerDied):
                sending.start_send(send.pk)
        send.refresh_from_db()
        assert send.status == Send.Status.SENDING  # committed, but nobody is dispatching
        assert queued_watchdogs().count() == 1
        received = watchdog_then_worker(worker_backend, send, esp)
    send.refresh_from_db()
    assert received == Counter(person.email for person in people)
    assert send.status == Send.Status.DONE


@COMMITS  # the worker closes its connection when it stops
def test_a_worker_dying_while_it_starts_the_send_leaves_a_watchdog_that_starts_it_again(
    issue, worker_backend, monkeypatch
):

    people = SubscriberFactory.create_batch(3)
    with FakeMailgun() as esp, esp.settings():
        send = sending.create_send(issue).send
        assert queued_watchdogs().count() == 1  # queued with the send, before any worker ran
        taken_by_the_dying_worker(".start_send")
        with monkeypatch.context() as patch:
            patch.setattr(lifecycle, "_freeze_audience", dying)  # dies inside the start
            with pytest.raises(WorkerDied):
                sending.start_send(send.pk)
        send.refresh_from_db()
        assert send.status == Send.Status.QUEUED  # the start rolled back
        assert not Delivery.objects.filter(send=send).exists()
        received = watchdog_then_worker(worker_backend, send, esp)
    send.refresh_from_db()
    assert received == Counter(person.email for person in people)
    assert send.status == Send.Status.DONE
