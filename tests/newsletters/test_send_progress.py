"""What the send screen and `newsletter_status` say while a send runs: sending (with rate, ETA
and workers), waiting for the ESP (with the next try), stalled (no live worker), per language."""

import re
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from newsletters import sending
from newsletters.models import Delivery
from newsletters.sending import liveness
from newsletters.sending.claims import Outcome, record_outcomes
from newsletters.sending.progress import worker_grace
from tests.factories.newsletters import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(issue, settings):
    """A started send of 4 English and 2 German readers; nothing dispatches by itself."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    SubscriberFactory.create_batch(4, language="en")
    SubscriberFactory.create_batch(2, language="de")
    send = sending.create_send(issue).send
    sending.start_send(send.pk)
    return send


def _send_some(send, worker: str, count: int) -> None:
    """Act as a live dispatcher that sent `count` recipients just now."""
    liveness.beat(send.pk, worker)
    while count > 0:  # a claim holds one language: as many claims as that takes
        batch = sending.claim_batch(send.pk, count, worker)
        record_outcomes(
            {row.id: Outcome(Delivery.Status.SENT) for row in batch}, worker, timezone.now()
        )
        count -= len(batch)


def _screen(admin_client, issue) -> str:
    html = admin_client.get(f"/admin/newsletter/issue/{issue.pk}/send/").content.decode()
    return " ".join(re.sub(r">\s+<", "><", html).split())


def _status(issue) -> list[str]:
    out = StringIO()
    call_command("newsletter_status", str(issue.pk), stdout=out)
    return out.getvalue().splitlines()


def test_a_send_in_progress_shows_its_rate_workers_and_languages(admin_client, issue, running):
    _send_some(running, "host:1", 3)  # in language order: both German, one English
    html = _screen(admin_client, issue)
    assert 'data-send-state="sending"' in html
    assert "3 of 6 recipients done" in html
    assert "1 worker is sending" in html
    assert "per second" in html and "left" in html
    assert '<tr data-language="en"><th scope="row">English</th><td>1</td><td>4</td>' in html
    assert '<tr data-language="de"><th scope="row">German</th><td>2</td><td>2</td>' in html
    [line, *languages] = _status(issue)[:3]
    assert line.startswith(f"send {running.pk} subscribers sending: 3/6 done, 3 sent, 0 failed, ")
    assert "/s, ETA " in line and line.endswith("1 worker(s)")
    assert languages == ["  de: 2/2", "  en: 1/4"]


def test_a_send_whose_worker_died_shows_as_stalled_with_how_to_start_one(
    admin_client, issue, running
):
    _send_some(running, "host:1", 2)
    silent = timezone.now() - worker_grace() - timedelta(seconds=1)
    liveness.beat(running.pk, "host:1", silent)  # its last heartbeat: longer ago than the grace
    html = _screen(admin_client, issue)
    assert 'data-send-state="stalled"' in html
    assert "No task worker is running" in html and "manage.py db_worker" in html
    assert "for more than 30 seconds" in html
    line = _status(issue)[0]
    assert " stalled: 2/6 done" in line and "start one with `manage.py db_worker`" in line


def test_a_send_waiting_for_the_esp_shows_the_next_try(admin_client, issue, running):
    liveness.beat(running.pk, "host:1")
    retry = timezone.now() + timedelta(minutes=5)
    Delivery.objects.filter(send=running).update(available_at=retry)
    running.last_error = "ESP answered 503"
    running.save(update_fields=["last_error"])
    html = _screen(admin_client, issue)
    assert 'data-send-state="waiting"' in html
    assert "Waiting for the email service" in html
    assert f"next try is at {timezone.localtime(retry):%H:%M:%S}" in html
    assert "ESP answered 503" in html
    line = _status(issue)[0]
    assert " waiting: 0/6 done" in line and f"next retry at {retry.isoformat()}" in line


def test_a_finished_send_to_nobody_does_not_claim_a_full_bar(admin_client, issue, settings):
    sending.create_send(issue)  # no subscribers: done at once with no recipients
    html = _screen(admin_client, issue)
    assert "its audience was empty" in html
    assert "0 of 0" not in html


def test_a_finished_send_says_when_in_one_clean_sentence(admin_client, issue, running):
    """English times end in "a.m."; the line used to end "11:49 a.m.." (two full stops)."""
    _send_some(running, "host:1", 6)
    sending.finish_if_complete(running.pk)
    finished = timezone.make_aware(timezone.datetime(2026, 10, 1, 11, 49))
    type(running).objects.filter(pk=running.pk).update(finished_at=finished)
    html = _screen(admin_client, issue)
    [line] = re.findall(r"Sent: [^<]*</p>", html)
    assert line == "Sent: 6 of 6 recipients sent. Finished: Oct. 1, 2026, 11:49 a.m.</p>"


def test_right_after_confirming_the_screen_waits_for_a_worker_without_alarm(
    admin_client, issue, running
):
    """Started, and no dispatcher has said it is alive yet: neutral, with the grace time."""
    html = _screen(admin_client, issue)
    assert 'data-send-state="waiting_for_worker"' in html
    assert "Waiting for a worker" in html and "after 30 seconds" in html
    assert "Stalled" not in html and "No task worker is running" not in html
    assert "help-critical" not in html
    assert " waiting_for_worker: 0/6 done" in _status(issue)[0]


def test_a_dead_worker_is_waited_for_during_the_grace_time_then_reported(
    admin_client, issue, running
):
    _send_some(running, "host:1", 2)
    quiet = timezone.now() - liveness.silence() - timedelta(seconds=1)
    liveness.beat(running.pk, "host:1", quiet)  # silent long enough to be dead, not for long
    assert 'data-send-state="waiting_for_worker"' in _screen(admin_client, issue)
    liveness.beat(running.pk, "host:1", quiet - worker_grace())
    assert 'data-send-state="stalled"' in _screen(admin_client, issue)


def test_a_send_no_worker_starts_is_reported_once_the_grace_time_has_passed(
    admin_client, issue, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    SubscriberFactory()
    send = sending.create_send(issue).send  # queued; no worker ever starts it
    html = _screen(admin_client, issue)
    assert 'data-send-state="queued"' in html and "Waiting for a worker" in html
    assert "No task worker is running" not in html
    earlier = timezone.now() - worker_grace() - timedelta(seconds=1)
    type(send).objects.filter(pk=send.pk).update(created_at=earlier)
    html = _screen(admin_client, issue)
    assert 'data-send-state="stalled"' in html and "No task worker is running" in html


def test_the_grace_time_is_a_setting_and_the_screen_says_it(admin_client, issue, running, settings):
    settings.NEWSLETTERS = {**getattr(settings, "NEWSLETTERS", {}), "WORKER_GRACE": 90}
    assert "after 90 seconds" in _screen(admin_client, issue)


def test_the_progress_bar_shows_its_percentage_in_words(admin_client, issue, running):
    _send_some(running, "host:1", 3)
    html = _screen(admin_client, issue)
    assert '<progress max="100" value="50"' in html
    assert '<span class="nl-progress__value" aria-hidden="true">50%</span>' in html
