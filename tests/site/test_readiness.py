"""`/readyz`: 503 when the database or the shared cache does not answer; the workers' last signs
of life and the oldest waiting task reported in seconds, without making the site unready."""

import json
from datetime import timedelta

from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from newsletters import sending
from newsletters.models import SendWorker
from tests.factories.newsletters import NewsletterIndexPageFactory, NewsletterPageFactory
from tests.ports import free_port

pytestmark = pytest.mark.django_db


def readiness(client) -> tuple[int, dict]:
    response = client.get("/readyz")
    return response.status_code, json.loads(response.content)


def test_ready_with_database_and_cache_and_no_worker_seen_yet(client):
    status, body = readiness(client)
    assert status == 200
    assert body == {
        "ready": True,
        "database": True,
        "cache": True,
        "workers": {
            "heartbeat_seconds": None,
            "last_task_taken_seconds": None,
            "oldest_waiting_task_seconds": None,
        },
    }


def test_unready_when_the_shared_cache_does_not_answer(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "stempd.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.5},
        }
    }
    status, body = readiness(client)
    assert (status, body["ready"], body["database"], body["cache"]) == (503, False, True, False)


def test_reports_the_newest_dispatcher_heartbeat_and_the_oldest_waiting_task(client, home_page):
    issue = NewsletterPageFactory(parent=NewsletterIndexPageFactory(parent=home_page))
    now = timezone.now()
    send = sending.create_send(issue, scheduled_at=now + timedelta(hours=1)).send
    SendWorker.objects.create(send=send, worker="a:1", seen_at=now - timedelta(seconds=300))
    SendWorker.objects.create(send=send, worker="b:2", seen_at=now - timedelta(seconds=42))
    waiting = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="newsletters.tasks.dispatch_send",
        backend_name="default",
        run_after=now - timedelta(minutes=20),
    )
    DBTaskResult.objects.filter(pk=waiting.pk).update(enqueued_at=now - timedelta(minutes=30))
    status, body = readiness(client)
    assert status == 200
    assert 42 <= body["workers"]["heartbeat_seconds"] < 300
    assert 20 * 60 <= body["workers"]["oldest_waiting_task_seconds"] < 30 * 60
    assert body["workers"]["last_task_taken_seconds"] is None
