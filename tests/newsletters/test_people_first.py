"""A subscriber's confirmation does not wait behind housekeeping in the task queue.

Wagtail queues a search-index and a reference-index task on every save; a bulk publish or an
import leaves thousands. A real database worker must still take the sign-up's mail first.
"""

from django.core import mail
from django.core.management import call_command
from django.db import transaction

from wagtail.tasks import update_reference_index_task

from django_tasks_db.models import DBTaskResult
from modelsearch.tasks import insert_or_update_object_task

from tests.committing import COMMITS

QUEUED = 2_000


@COMMITS
def test_a_signup_is_confirmed_before_two_thousand_queued_housekeeping_tasks(
    client, settings, home_page
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    DBTaskResult.objects.all().delete()
    page = ("home", "homepage", str(home_page.pk))
    with transaction.atomic():
        for _ in range(QUEUED // 2):
            insert_or_update_object_task.enqueue(*page)
            update_reference_index_task.enqueue(*page)

    response = client.post(
        "/en/newsletter/subscribe/",
        {"email": "waiting@example.org", "language": "en", "consent": "on", "website": ""},
    )
    assert response.status_code == 303
    assert mail.outbox == []  # queued for the worker, not sent in the request

    call_command("db_worker", max_tasks=1, no_startup_delay=True, reload=False, verbosity=0)

    assert [message.to for message in mail.outbox] == [["waiting@example.org"]]
    assert DBTaskResult.objects.filter(status="READY").count() == QUEUED
