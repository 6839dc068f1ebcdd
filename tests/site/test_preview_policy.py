"""Previews are content, not admin: every way staff look at a draft answers under the public
site's policy (no inline script), although the admin serves it. A translator's markup that got
into a draft by any way therefore cannot act with a reviewer's rights.

The drafts here hold the markup raw (written past the cleaner), as a draft stored before
translations were cleaned would.
"""

import json

from django.test import Client

from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation

import pytest

from tests.factories.newsletters import NewsletterIndexPageFactory, NewsletterPageFactory
from tests.translation import test_markup_paths
from tests.translation.conftest import make_user  # noqa: F401 (fixture)
from tests.translation.test_review import submit, translation_of

pytestmark = pytest.mark.django_db

PAYLOAD = "Text <!--x--!><img src=x onerror=\"document.title='XSS-'+document.domain\">-->"


def directives(response) -> dict[str, list[str]]:
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split("; ")
    }


def assert_content_policy(response) -> None:
    """The response runs only scripts from our own origin: no inline script or handler."""
    assert response.status_code == 200, response.content[:300]
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]


# The German news item and its people, as the markup cleaner's tests build them.
people = test_markup_paths.people
german_news = test_markup_paths.german_news


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def write_raw(page: Page, html: str) -> None:
    """Put `html` into the paragraph of the page's draft, past every cleaner."""
    draft = page.get_latest_revision()
    content = draft.content
    blocks = json.loads(content["body"])
    paragraph = next(block for block in blocks if block["type"] == "paragraph")
    paragraph["value"] = f"<p>{html}</p>"
    content["body"] = json.dumps(blocks)
    draft.content = content
    draft.save(update_fields=["content"])


@pytest.fixture
def review(german_news, people, locales):
    """A German news item whose translator submitted a draft holding the issue's payload."""
    news, german = german_news
    translation = translation_of(news, locales["de"])
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    StringTranslation.objects.filter(context=segment.context, locale=locales["de"]).update(
        data="Treffen"
    )
    submit(client_for(people["anna"]), translation)
    german = Page.objects.get(pk=german.pk)
    write_raw(german, PAYLOAD)
    return translation, german


def test_view_draft_is_served_under_the_public_policy(people, review):
    _translation, german = review
    response = client_for(people["carla"]).get(f"/admin/pages/{german.pk}/view_draft/")
    assert "onerror" in response.content.decode()  # the draft holds it: the policy must hold
    assert_content_policy(response)


def test_the_workflow_review_preview_is_served_under_the_public_policy(people, review):
    _translation, german = review
    state = WorkflowState.objects.get(object_id=str(german.pk), status="in_progress")
    url = f"/admin/pages/workflow/preview/{german.pk}/{state.current_task_state.task_id}/"
    assert_content_policy(client_for(people["carla"]).get(url))


def test_a_revision_preview_is_served_under_the_public_policy(people, review):
    _translation, german = review
    revision = german.get_latest_revision()
    url = f"/admin/pages/{german.pk}/revisions/{revision.pk}/view/"
    assert_content_policy(client_for(people["carla"]).get(url))


def test_the_translation_editors_preview_is_served_under_the_public_policy(people, review):
    translation, _german = review
    url = f"/admin/localize/translate/{translation.pk}/preview/"
    assert_content_policy(client_for(people["anna"]).get(url))


def test_the_edit_views_live_preview_is_served_under_the_public_policy(people, review):
    _translation, german = review
    english = Page.objects.get(translation_key=german.translation_key, locale__language_code="en")
    client = client_for(people["carla"])
    form = client.get(f"/admin/pages/{english.pk}/edit/").context["form"]
    data = {name: form[name].value() for name in ("title", "slug", "date", "lead")}
    data["body-count"] = "0"
    for formset in form.formsets.values():  # authors, related pages, comments: none
        data.update({f"{formset.prefix}-TOTAL_FORMS": "0", f"{formset.prefix}-INITIAL_FORMS": "0"})
    posted = client.post(f"/admin/pages/{english.pk}/edit/preview/", data)
    assert json.loads(posted.content)["is_valid"] is True, posted.content
    assert_content_policy(client.get(f"/admin/pages/{english.pk}/edit/preview/"))


def test_the_newsletters_e_mail_preview_is_served_under_the_public_policy(
    home_page, people, locales
):
    archive = NewsletterIndexPageFactory(parent=home_page)
    issue = NewsletterPageFactory(parent=archive, title="Spring issue")
    issue.save_revision()
    response = client_for(people["carla"]).get(f"/admin/pages/{issue.pk}/view_draft/?mode=email")
    assert "Spring issue" in response.content.decode()
    assert_content_policy(response)
    assert directives(response)["style-src"] == ["'self'", "'unsafe-inline'"]  # inlined styles


def test_the_admin_itself_keeps_its_own_policy(people, review):
    _translation, german = review
    response = client_for(people["carla"]).get(f"/admin/pages/{german.pk}/edit/")
    assert directives(response)["script-src"] == ["'self'", "'unsafe-inline'"]


def test_the_csrf_cookie_is_out_of_scripts_reach(people, review, settings):
    assert settings.CSRF_COOKIE_HTTPONLY is True
    client = Client()
    response = client.get("/admin/login/")
    assert response.cookies["csrftoken"]["httponly"] is True
