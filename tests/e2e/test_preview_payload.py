"""A translator's markup never runs in a reviewer's browser.

The German translator types the payload of the security review into wagtail-localize's editor in
Chromium: it is stored without its `<img onerror>`. A second draft then holds the payload raw
(written past the cleaner, like a draft stored before translations were cleaned); staff open it
from "view draft" and the workflow review, and the handler does not run, because previews answer
under the public site's policy.
"""

import json

from django.contrib.auth import get_user_model

from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation

import pytest
from playwright.sync_api import expect

from tests.e2e.admin_helpers import PASSWORD, signed_in
from tests.factories.network import NewsIndexPageFactory, NewsPageFactory
from tests.translation.conftest import body, translate_all
from tests.translation.test_review import translation_of
from translation.groups import setup_translator_groups
from translation.review import submit_translation_for_review

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAYLOAD = "Text <!--x--!><img src=x onerror=\"document.title='XSS-'+document.domain\">-->"


@pytest.fixture
def under_review(home_page, german_home, locales):
    """A German news item in review, its translator and reviewer with passwords."""
    report = setup_translator_groups()
    users = get_user_model().objects
    people = {}
    groups = {"carla": report.staff_group, "anna": report.translator_groups["de"]}
    for username, group in groups.items():
        people[username] = users.create_user(username, f"{username}@example.org", PASSWORD)
        people[username].groups.set([group])
    index = NewsIndexPageFactory(parent=home_page)
    translate_all(index, locales["de"], people["carla"])
    news = NewsPageFactory(parent=index, title="Meeting held", lead="Partners met")
    news.body = body(home_page)
    news.save_revision().publish()
    german = translate_all(news, locales["de"], people["carla"])
    translation = translation_of(news, locales["de"])
    return {"translation": translation, "german": german, **people}


def write_raw(page: Page, html: str) -> None:
    """Put `html` into the paragraph of the page's latest draft, past every cleaner."""
    draft = page.get_latest_revision()
    content = draft.content
    blocks = json.loads(content["body"])
    paragraph = next(block for block in blocks if block["type"] == "paragraph")
    paragraph["value"] = f"<p>{html}</p>"
    content["body"] = json.dumps(blocks)
    draft.content = content
    draft.save(update_fields=["content"])


def test_the_payload_typed_into_the_translation_editor_is_stored_without_markup(
    live_server, browser, under_review
):
    translation = under_review["translation"]
    segment = StringSegment.objects.get(
        source=translation.source, string__data__startswith="Teachers meet"
    )
    with signed_in(browser, live_server.url, "anna") as translator:
        translator.goto(f"/admin/pages/{under_review['german'].pk}/edit/")
        edit = translator.get_by_role("button", name="Edit", exact=True)
        row = translator.locator("li").filter(has_text="Teachers meet").filter(has=edit)
        row.last.get_by_role("button", name="Edit", exact=True).click()
        translator.get_by_role("textbox").last.fill(PAYLOAD)
        with translator.expect_response(
            lambda response: "/strings/" in response.url and response.request.method == "PUT"
        ) as saved:
            translator.get_by_role("button", name="Save", exact=True).click()
        # The editor saves with an HttpOnly CSRF cookie; a 404 would come back as a redirect
        # to /en/… (LocaleMiddleware), so say where it went.
        assert saved.value.status == 200, (saved.value.url, saved.value.headers.get("location"))
        assert translator.title() != f"XSS-{live_server.url.split('//')[1].split(':')[0]}"
    stored = StringTranslation.objects.get(
        translation_of=segment.string, context=segment.context, locale=translation.target_locale
    )
    assert stored.data == "Text --&gt;"


def blocked_handlers(page) -> list[str]:
    """Collect the browser's reports of inline handlers the policy refused."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "inline" in message.text else None,
    )
    return refused


def test_a_raw_payload_in_a_draft_does_not_run_for_the_reviewer(live_server, browser, under_review):
    translation, german = under_review["translation"], under_review["german"]
    submit_translation_for_review(translation, under_review["anna"])
    german = Page.objects.get(pk=german.pk)
    write_raw(german, PAYLOAD)
    task_id = WorkflowState.objects.get(
        object_id=str(german.pk), status="in_progress"
    ).current_task_state.task_id

    with signed_in(browser, live_server.url, "carla") as reviewer:
        refused = blocked_handlers(reviewer)
        for url in (
            f"/admin/pages/{german.pk}/view_draft/",
            f"/admin/pages/workflow/preview/{german.pk}/{task_id}/",
        ):
            reviewer.goto(url)
            expect(reviewer.locator("img[src=x]")).to_have_count(1)  # the element is there
            reviewer.wait_for_load_state("load")
            assert not reviewer.title().startswith("XSS-"), url
        assert refused, "Chromium reported no refused inline handler"
