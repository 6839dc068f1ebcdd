"""A new user's first steps: load the demo, run the worker, sign up; nothing waits in the queue.

The demo saves hundreds of pages, images and snippets; Wagtail would queue a search-index and a
reference-index task for each (and a cache purge per publish), so a first sign-up's mail waited
behind them. The demo indexes what survives its build itself: the queue is empty, and search and
the reference index are complete at once. The translator's review cycle is replayed over HTTP
too: its reference-index tasks must run without a failure.
"""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from wagtail.models import Locale, ReferenceIndex, WorkflowState
from wagtail_localize.models import StringSegment

import pytest
from django_tasks_db.models import DBTaskResult

from home.models import MainMenu
from network.models import BookletPage, NewsPage, PartnerPage
from tests.committing import COMMITS
from tests.translation.test_review import edit_string, submit, translation_of

pytestmark = pytest.mark.django_db

INDEX_TASK = "wagtail.tasks.update_reference_index_task"


def references() -> list[tuple]:
    fields = ("content_type", "object_id", "to_content_type", "to_object_id", "content_path")
    return sorted(ReferenceIndex.objects.values_list(*fields))


@pytest.fixture
def demo_with_a_task_queue(settings, django_capture_on_commit_callbacks):
    """The demo loaded as `make run` does: tasks go to the database queue for a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", "--allow-production", stdout=StringIO())


def test_the_demo_leaves_an_empty_queue_with_search_and_references_complete(
    client, demo_with_a_task_queue
):
    """Nothing for a first sign-up's mail to wait behind, and nothing left for a worker to do:
    search finds the demo's pages and the reference index is already what a rebuild makes."""
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == []
    for model in (NewsPage, BookletPage, PartnerPage):
        page = model.objects.live().filter(locale__language_code="de").order_by("pk").first()
        response = client.get("/de/search/", {"q": page.title})
        assert page.title in [result["title"] for result in response.context["results"]]
    indexed = references()
    assert indexed
    call_command("rebuild_references_index", verbosity=0)
    assert references() == indexed


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
