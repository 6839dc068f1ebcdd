"""The editorial and translation flow in a real browser: an editor writes and publishes a news
item and sends it for translation, a German partner translates it and submits it for review,
and staff approve it, after which German visitors read it and English visitors can switch to it.

Only set-up (users, groups, the page tree) and the final checks use the ORM; every step a person
takes goes through the admin in Chromium.
"""

from django.contrib.auth import get_user_model

from wagtail.models import Locale, Page

import pytest
from playwright.sync_api import expect

from home.translation.groups import setup_translator_groups
from network.factories import NewsIndexPageFactory
from network.models import NewsPage
from tests.e2e.admin_helpers import (
    PASSWORD,
    add_paragraph,
    open_more_actions,
    signed_in,
    translate_segment,
)
from tests.e2e.conftest import save_screenshots

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ENGLISH = {
    "title": "Teachers from six countries meet in Turku",
    "lead": "Forty teacher educators planned next year's courses together.",
    "paragraph": "The meeting ended with a shared plan for integrated STEM courses.",
}
GERMAN = {
    ENGLISH["title"]: "Lehrkräfte aus sechs Ländern treffen sich in Turku",
    ENGLISH["lead"]: "Vierzig Lehrkräftebildner planten gemeinsam die Kurse des nächsten Jahres.",
    ENGLISH["paragraph"]: "Das Treffen endete mit einem gemeinsamen Plan für integrierte MINT-Kurse.",
}


@pytest.fixture
def newsroom(home_page, german_home, locales):
    """The English and German news indexes and the people of the flow, in the groups the
    project's own set-up command creates (communications staff, German translators)."""
    news = NewsIndexPageFactory(parent=home_page)
    german_news = news.copy_for_translation(locales["de"])
    german_news.title = "Neuigkeiten"
    german_news.slug = "neuigkeiten"
    german_news.save_revision().publish()
    report = setup_translator_groups()
    users = get_user_model().objects
    people = {}
    for username, group in (
        ("erin", report.staff_group),
        ("carla", report.staff_group),
        ("anna", report.translator_groups["de"]),
    ):
        people[username] = users.create_user(username, f"{username}@example.org", PASSWORD)
        people[username].groups.set([group])
    return {"news": news, "german_news": german_news, **people}


def language_switcher(page):
    return page.get_by_role("navigation", name="Choose language")


def test_editor_publishes_partner_translates_and_staff_approve_the_german_news_item(
    live_server, browser, page, newsroom, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    assert not settings.TRANSLATORS_CAN_PUBLISH  # the default: translations go through review
    base = live_server.url

    # 1. The editor writes the news item and publishes it.
    with signed_in(browser, base, "erin") as editor:
        editor.goto(f"/admin/pages/{newsroom['news'].pk}/")
        editor.get_by_role("link", name="Add child page").click()
        editor.get_by_role("textbox", name="Title").fill(ENGLISH["title"])
        editor.get_by_label("Lead").fill(ENGLISH["lead"])
        add_paragraph(editor, ENGLISH["paragraph"])
        save_screenshots(editor, "editor-news-item-form")
        open_more_actions(editor).get_by_role("button", name="Publish").click()
        expect(editor.get_by_text(f"Page '{ENGLISH['title']}' created and published.")).to_be_visible()

        english = NewsPage.objects.get(locale__language_code="en", title=ENGLISH["title"])
        editor.goto(english.url)
        expect(editor.locator("h1")).to_have_text(ENGLISH["title"])
        expect(editor.get_by_text(ENGLISH["paragraph"])).to_be_visible()
        expect(language_switcher(editor).get_by_role("link", name="Deutsch")).to_have_count(0)

        # 2. ... and sends it to the German translators.
        editor.goto(f"/admin/pages/{english.pk}/edit/")
        editor.get_by_role("button", name="Actions", exact=True).click()
        editor.get_by_role("link", name="Translate this page").click()
        editor.get_by_label("German").check()
        editor.get_by_role("button", name="Submit").click()
        save_screenshots(editor, "editor-submitted-for-translation")

    german = english.get_translation(Locale.objects.get(language_code="de"))

    # 3. The German partner translates every segment and submits the translation for review.
    with signed_in(browser, base, "anna", bypass_csp=True) as translator:
        translator.goto(f"/admin/pages/{german.pk}/edit/")
        for source, translation in GERMAN.items():
            translate_segment(translator, source, translation)
        save_screenshots(translator, "translator-editor")
        assert translator.get_by_role("button", name="Publish in German").count() == 0
        translator.goto(f"/admin/pages/{newsroom['german_news'].pk}/")
        translator.get_by_role("button", name=f"More options for '{GERMAN[ENGLISH['title']]}'").click()
        submit = translator.get_by_role("link", name="Submit translation for review")
        submit.evaluate("el => el.dataset.wActionUrlValue = el.getAttribute('href')")
        submit.click()
        expect(translator.get_by_text("was submitted for review")).to_be_visible()

    german = Page.objects.get(pk=german.pk)
    assert german.workflow_in_progress
    assert german.current_workflow_state.workflow.name == "Translation review"

    # 4. Staff approve it, which publishes it.
    with signed_in(browser, base, "carla") as staff:
        save_screenshots(staff, "staff-dashboard")
        review = staff.get_by_role("row").filter(has_text=GERMAN[ENGLISH["title"]])
        review.get_by_role("button", name="Actions", exact=True).click()
        review.get_by_role("button", name="Approve", exact=True).click()
        expect(staff.get_by_text("has been approved")).to_be_visible()
        save_screenshots(staff, "staff-approved")

        staff.goto(english.url)
        switch = language_switcher(staff).get_by_role("link", name="Deutsch")
        expect(switch).to_have_count(1)
        switch.click()
        expect(staff.locator("h1")).to_have_text(GERMAN[ENGLISH["title"]])
        expect(staff.get_by_text(GERMAN[ENGLISH["paragraph"]])).to_be_visible()
        assert staff.url.startswith(f"{base}/de/")
        save_screenshots(staff, "german-news-item")

    german = NewsPage.objects.get(pk=german.pk)
    assert german.live
    assert german.title == GERMAN[ENGLISH["title"]]
