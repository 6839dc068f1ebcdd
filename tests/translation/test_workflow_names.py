"""The review workflow's and task's names read in the reader's language wherever Wagtail prints
them (the editor's status panel, the dashboard, its e-mails), and stay stored as one name."""

import re

from django.core import mail
from django.urls import reverse
from django.utils import translation

from wagtail.models import GroupApprovalTask, Workflow, WorkflowState
from wagtail.users.models import UserProfile

import pytest

from tests.factories.home import StandardPageFactory
from tests.translation.conftest import start_translation, translate_first
from translation.groups import setup_translator_groups

pytestmark = pytest.mark.django_db


def prefer(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def submitted(client, home_page, german_home, locales, make_user):
    """A German translation Anna (German admin) submitted; Carla (English admin) reviews it."""
    groups = setup_translator_groups(can_publish=False)
    anna = make_user("anna", groups.translator_groups["de"], first_name="Anna")
    carla = make_user("carla", groups.staff_group, first_name="Carla")
    prefer(anna, "de")
    page = StandardPageFactory(parent=home_page, title="About", slug="about", intro="Us")
    translation_ = start_translation(page, locales["de"])
    translate_first(translation_)
    client.force_login(anna)
    client.post(reverse("translation_submit_for_review", args=[translation_.pk]))
    german = page.get_translation(locales["de"])
    state = WorkflowState.objects.get(object_id=str(german.pk), status="in_progress")
    return {"anna": anna, "carla": carla, "page": german, "state": state}


def test_a_german_translator_reads_the_review_steps_in_german_in_the_editor(client, submitted):
    client.force_login(submitted["anna"])
    url = reverse("wagtailadmin_pages:edit", args=[submitted["page"].pk])
    html = client.get(url, follow=True).content.decode()
    # "jetzt" or "vor 2 Sekunden": the time since, in German too
    assert re.search(r"Gesendet an Prüfung durch das Kommunikationsteam (jetzt|vor )", html)
    # With soft hyphens, the long word breaks with a hyphen in a phone's dialog.
    title = "Über\u00adset\u00adzungs\u00adprü\u00adfung"
    assert f'<span id="title-text-workflow-status-dialog">{title}</span>' in html
    assert "Review by communications staff" not in html
    assert "Translation review" not in html

    client.force_login(submitted["carla"])
    html = client.get(url, follow=True).content.decode()
    assert "Sent to Review by communications staff" in html
    assert "Prüfung durch das Kommunikationsteam" not in html


def test_a_german_translator_is_told_of_requested_changes_in_german(submitted):
    mail.outbox.clear()
    submitted["state"].current_task_state.reject(user=submitted["carla"])
    (message,) = [m for m in mail.outbox if m.to == ["anna@example.org"]]
    assert "„Übersetzungsprüfung“" in message.subject or '"Übersetzungsprüfung"' in message.subject
    assert "Prüfung durch das Kommunikationsteam" in message.body
    assert "Review by communications staff" not in message.subject + message.body


def test_staff_see_the_task_in_their_own_language_on_the_dashboard(client, submitted):
    def dashboard() -> str:
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        return html.replace("\u00ad", "")  # soft hyphens in long words

    client.force_login(submitted["carla"])
    assert "Review by communications staff: In progress" in dashboard()
    prefer(submitted["carla"], "de")
    assert "Prüfung durch das Kommunikationsteam: In Arbeit" in dashboard()


def test_a_name_saved_in_german_is_stored_as_the_one_english_name(submitted):
    with translation.override("de"):
        workflow = Workflow.objects.get(name="Translation review")
        task = GroupApprovalTask.objects.get(name="Review by communications staff")
        assert str(workflow.name) == "Übersetzungsprüfung"
        # Wagtail's Python strings put the name in with %, as in "Resubmit to %(task_name)s"
        label = "Resubmit to %(task_name)s" % {"task_name": task.name}  # noqa: UP031
        assert label == "Resubmit to Prüfung durch das Kommunikationsteam"
        workflow.name = str(workflow.name)  # what the German edit form posts back
        workflow.save()
        task.save()
    assert Workflow.objects.filter(pk=workflow.pk, name="Translation review").exists()
    assert GroupApprovalTask.objects.filter(pk=task.pk, name="Review by communications staff")
    # Setting the groups up again finds the same workflow and task instead of adding new ones.
    workflows, tasks = Workflow.objects.count(), GroupApprovalTask.objects.count()
    setup_translator_groups(can_publish=False)
    assert (Workflow.objects.count(), GroupApprovalTask.objects.count()) == (workflows, tasks)


def test_other_workflows_keep_the_names_staff_gave_them():
    with translation.override("de"):
        workflow = Workflow.objects.create(name="Legal check")
        loaded = Workflow.objects.get(pk=workflow.pk)
        assert str(loaded.name) == "Legal check"
        assert type(loaded.name) is str
