"""The translation lifecycle in a real browser: staff write a news item as a draft and send it to
translation before launch, the German partner translates the draft, staff change the draft, the
partner sees the changed sentence and updates it, staff approve the translation (which stays off
the site) and schedule "Publish with translations"; at that time both languages go live together,
and when the German address changes, the old one redirects to the new.

Set-up and the clock (scheduled publishing runs as the timer would) use the ORM and commands;
every step a person takes goes through the admin in Chromium.
"""

from datetime import timedelta

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation

import pytest
import time_machine
from playwright.sync_api import expect

from network.models import NewsPage
from tests.e2e.admin_helpers import fill_page_title, signed_in, translate_segment
from tests.e2e.test_editor_translation_flow import newsroom  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Booklet launch in eight languages"
LEAD = "The booklet appears in every partner language on one day."
NEW_LEAD = "The booklet appears in every partner language on the same day."
GERMAN = {
    TITLE: "Broschüre erscheint in acht Sprachen",
    LEAD: "Die Broschüre erscheint an einem Tag in jeder Partnersprache.",
    NEW_LEAD: "Die Broschüre erscheint am selben Tag in jeder Partnersprache.",
}


def test_translate_before_launch_then_launch_together_and_keep_old_addresses(
    live_server,
    browser,
    newsroom,  # noqa: F811  (the fixture imported above)
    settings,
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    base = live_server.url
    german_locale = Locale.objects.get(language_code="de")

    # 1. Staff write the news item as a draft and send it to translation before launch.
    with signed_in(browser, base, "erin") as staff:
        staff.goto(f"/admin/pages/{newsroom['news'].pk}/")
        staff.get_by_role("link", name="Add child page").click()
        fill_page_title(staff, TITLE)
        staff.get_by_label("Lead").fill(LEAD)
        staff.get_by_role("button", name="Save draft").click()
        expect(staff.get_by_text(f"Page '{TITLE}' created.")).to_be_visible()
        english = NewsPage.objects.get(locale__language_code="en", title=TITLE)
        assert not english.live
        staff.get_by_role("button", name="Actions", exact=True).click()
        staff.get_by_role("link", name="Translate this page").click()
        staff.get_by_label("German").check()
        staff.get_by_role("button", name="Submit").click()
        expect(staff.get_by_text("submitted for translation into German")).to_be_visible()
    german = english.get_translation(german_locale)
    assert not german.live

    # 2. The German partner translates the draft (not submitted yet).
    with signed_in(browser, base, "anna") as translator:
        translator.goto(f"/admin/pages/{german.pk}/edit/")
        translate_segment(translator, TITLE, GERMAN[TITLE])
        translate_segment(translator, LEAD, GERMAN[LEAD])
        translator.get_by_role("tab", name="Promote").click()
        translate_segment(translator, english.slug, "broschuere-in-acht-sprachen")

    # 3. Staff change a sentence of the draft; the translation follows it.
    with signed_in(browser, base, "erin") as staff:
        staff.goto(f"/admin/pages/{english.pk}/edit/")
        staff.get_by_label("Lead").fill(NEW_LEAD)
        staff.get_by_role("button", name="Save draft").click()
        expect(staff.get_by_text(f"Page '{TITLE}' has been updated.")).to_be_visible()

    # 4. The partner sees exactly what changed, updates it and submits for review.
    with signed_in(browser, base, "anna") as translator:
        translator.goto(f"/admin/pages/{german.pk}/edit/")
        changes = translator.get_by_role("region", name="1 sentence changed in the original")
        expect(changes.locator("del")).to_have_text(LEAD)
        expect(changes.locator("ins")).to_have_text(NEW_LEAD)
        expect(changes).to_contain_text(GERMAN[LEAD])
        translate_segment(translator, NEW_LEAD, GERMAN[NEW_LEAD])
        footer = translator.locator(".js-translation-editor footer")
        footer.get_by_role("button", name="Submit for review").click()
        expect(translator.get_by_text("was submitted for review.")).to_be_visible()

    # 5. Staff approve it: it stays off the site until the launch.
    with signed_in(browser, base, "carla") as staff:
        awaiting = staff.get_by_role("row").filter(has_text=GERMAN[TITLE])
        awaiting.get_by_role("button", name="Actions", exact=True).click()
        awaiting.get_by_role("button", name="Approve", exact=True).click()
        expect(awaiting).to_have_count(0)
    assert not Page.objects.get(pk=german.pk).live
    assert WorkflowState.objects.filter(object_id=str(german.pk), status="approved").exists()

    # 6. Staff schedule "Publish with translations" from the page header's "more" menu.
    when = timezone.localtime() + timedelta(days=1)
    with signed_in(browser, base, "carla") as staff:
        staff.goto(f"/admin/pages/{english.pk}/edit/")
        staff.get_by_role("button", name="Actions", exact=True).click()
        staff.get_by_role("link", name="Publish with translations").click()
        expect(staff.locator("[data-launch=approved]")).to_contain_text("German")
        expect(staff.locator("[data-launch=unapproved]")).to_contain_text("French")
        staff.get_by_label("Publish at").fill(when.strftime("%Y-%m-%dT%H:%M"))
        staff.get_by_role("button", name="Publish with translations").click()
        expect(staff.get_by_text("are scheduled for")).to_be_visible()
    call_command("publish_scheduled")
    assert not Page.objects.get(pk=english.pk).live

    # 7. At that time both languages go live together.
    with time_machine.travel(when + timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
    english = Page.objects.get(pk=english.pk)
    german = Page.objects.get(pk=german.pk)
    assert english.live and german.live
    cache.clear()
    with signed_in(browser, base, "carla") as visitor:
        visitor.goto(english.url)
        visitor.get_by_role("navigation", name="Choose language").get_by_role(
            "link", name="Deutsch"
        ).click()
        visitor.wait_for_url(f"{base}{german.url}")
        expect(visitor.locator("h1")).to_have_text(GERMAN[TITLE])

        # 8. Staff change the German address; the old one redirects to the new.
        old_url = german.url
        visitor.goto(f"/admin/pages/{german.pk}/edit/")
        visitor.get_by_role("tab", name="Promote").click()
        slug = visitor.locator("li").filter(has_text=english.slug)
        slug.last.get_by_role("button", name="Edit", exact=True).click()
        visitor.get_by_role("textbox").last.fill("broschuere-acht-sprachen")
        visitor.get_by_role("button", name="Save", exact=True).click()
        expect(visitor.get_by_text("broschuere-acht-sprachen", exact=True)).to_be_visible()
        visitor.locator(".js-translation-editor footer").get_by_role(
            "button", name="Publish in German"
        ).click()
        expect(visitor.get_by_text(f"Published '{GERMAN[TITLE]}' in German.")).to_be_visible()
        new_url = Page.objects.get(pk=german.pk).url
        assert new_url != old_url
        cache.clear()
        response = visitor.goto(f"{base}{old_url}")
        assert response.url == f"{base}{new_url}"
        expect(visitor.locator("h1")).to_have_text(GERMAN[TITLE])
    assert Translation.objects.filter(source__object_id=english.translation_key).count() == 1
