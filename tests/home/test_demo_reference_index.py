"""A new user's first steps: load the demo, run the worker; the worker log shows no traceback.

Wagtail queues a reference-index task per save; the demo replaces inline children (partners,
authors, issue links) while it builds pages, so tasks for deleted rows used to fail with
`DoesNotExist` in the worker. The attacker's probe of issue 13 saw the same tracebacks after a
translator's submits, so the demo translator's review cycle is replayed over HTTP too.
"""

from io import StringIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from wagtail.models import Locale, WorkflowState
from wagtail_localize.models import StringSegment

import pytest
from django_tasks_db.models import DBTaskResult

from home import demo
from home.models import MainMenu
from network.models import BookletPage, PartnerPage
from tests.committing import COMMITS
from tests.translation.test_review import edit_string, submit, translation_of

pytestmark = pytest.mark.django_db

INDEX_TASK = "wagtail.tasks.update_reference_index_task"


@pytest.fixture
def demo_with_a_task_queue(settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    """The demo loaded as `make run` does: tasks go to the database queue for a worker."""
    monkeypatch.setattr(demo, "credentials_path", lambda: tmp_path / "demo-credentials.txt")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", "--allow-production", stdout=StringIO())


def _target_exists(row: DBTaskResult) -> bool:
    app_label, model_name, pk = row.args_kwargs["args"]
    return apps.get_model(app_label, model_name)._default_manager.filter(pk=pk).exists()


def test_the_demo_queues_reference_index_tasks_only_for_objects_that_exist(
    demo_with_a_task_queue,
):
    queued = list(DBTaskResult.objects.filter(task_path=INDEX_TASK))
    assert queued  # the index is still brought up to date by the worker
    assert [row.args_kwargs["args"] for row in queued if not _target_exists(row)] == []


@COMMITS  # the worker closes its connection when it stops
def test_the_worker_runs_the_demo_queue_without_a_failure(demo_with_a_task_queue):
    output, errors = StringIO(), StringIO()
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=output, stderr=errors)
    failed = DBTaskResult.objects.exclude(status="SUCCESSFUL")
    assert list(failed.values_list("task_path", "exception_class_path")) == []
    assert "Traceback" not in output.getvalue() + errors.getvalue()


def run_worker() -> str:
    output, errors = StringIO(), StringIO()
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=output, stderr=errors)
    return output.getvalue() + errors.getvalue()


@COMMITS  # the worker closes its connection when it stops
def test_a_translators_review_cycle_leaves_the_worker_nothing_that_fails(
    demo_with_a_task_queue, django_capture_on_commit_callbacks
):
    """Pages and a snippet with inline children (a booklet's partners, a partner's contacts,
    the menu's items): edit, submit, edit, submit as `translator-de`, then staff approve."""
    run_worker()  # the demo's own queue
    indexed_before = DBTaskResult.objects.filter(task_path=INDEX_TASK).count()
    german = Locale.objects.get(language_code="de")
    translator = Client()
    translator.force_login(get_user_model().objects.get(username="translator-de"))
    staff = get_user_model().objects.get(is_superuser=True)
    sources = [
        BookletPage.objects.filter(locale__language_code="en", partners__isnull=False).first(),
        PartnerPage.objects.filter(locale__language_code="en", contacts__isnull=False).first(),
        MainMenu.objects.get(locale__language_code="en"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for source in sources:
            translation = translation_of(source, german)
            first = StringSegment.objects.filter(source=translation.source).order_by("order")[0]
            for value in ("Unreviewed X", "Unreviewed Y"):
                edit_string(translator, translation, first.context.path, value)
                submit(translator, translation)
        for state in WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS):
            state.current_task_state.approve(user=staff)

    log = run_worker()
    failed = DBTaskResult.objects.exclude(status="SUCCESSFUL")
    assert list(failed.values_list("task_path", "exception_class_path")) == []
    assert "Traceback" not in log
    # The cycle did queue index updates (for the pages, snippets and their children) and they ran.
    assert DBTaskResult.objects.filter(task_path=INDEX_TASK).count() > indexed_before
