"""Scheduling and rescheduling with the production task backend: the start task of the old time
finds nothing to do, the new time's task starts the send once, a running send keeps its time."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from newsletters import sending
from newsletters.models import Send
from tests.committing import COMMITS
from tests.factories.newsletters import SubscriberFactory

from .conftest import FAST_RETRIES

pytestmark = COMMITS  # the worker closes its connection


@pytest.fixture
def worker_backend(settings, anymail_test_backend):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.NEWSLETTERS = {**settings.NEWSLETTERS, **FAST_RETRIES}
    return settings


def _start_tasks(send: Send) -> list:
    return sorted(
        result.run_after
        for result in DBTaskResult.objects.filter(task_path__endswith=".start_send")
        if result.args_kwargs["args"] == [send.pk]
    )


def _run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_rescheduling_later_leaves_the_old_start_with_nothing_to_do(issue, worker_backend):
    SubscriberFactory.create_batch(2)
    first = timezone.now() + timedelta(hours=1)
    send = sending.create_send(issue, scheduled_at=first).send
    later = first + timedelta(days=1)
    sending.reschedule_send(send, later)
    assert send.status == Send.Status.SCHEDULED and send.scheduled_at == later
    assert _start_tasks(send) == [first, later]
    # The old start task runs at its time (here: now, as if an hour had passed): no start.
    assert sending.start_send(send.pk) is False
    send.refresh_from_db()
    assert send.status == Send.Status.SCHEDULED and send.total == 0
    assert mail.outbox == []


def test_rescheduling_to_now_sends_once_to_everyone(issue, worker_backend):
    people = SubscriberFactory.create_batch(3)
    send = sending.create_send(issue, scheduled_at=timezone.now() + timedelta(hours=1)).send
    sending.reschedule_send(send, timezone.now())
    _run_worker()
    send.refresh_from_db()
    assert send.status == Send.Status.DONE and send.total == 3
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        p.email for p in people
    )
    assert sending.start_send(send.pk) is False  # the hour-later task: already started


def test_a_send_already_running_or_done_cannot_be_rescheduled(issue, anymail_test_backend):
    SubscriberFactory()
    send = sending.create_send(issue).send  # sent at once (immediate backend)
    done_at = send.scheduled_at
    sending.reschedule_send(send, timezone.now() + timedelta(days=1))
    assert send.status == Send.Status.DONE and send.scheduled_at == done_at
    assert len(mail.outbox) == 1
